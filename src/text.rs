//! Making text from files safe to print: a file can carry escape sequences that would
//! drive the terminal (move the cursor, change the title, hide text). None pass.

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidirectional overrides can make text display in another order than it reads.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// A visible stand-in: C0 controls become their Control Pictures glyph (ESC shows as `␛`),
/// so a reviewer sees that the file holds something odd; other controls become `�`.
fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// For one line of display: every control character, newlines and tabs included, is replaced.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' => ' ',
                c if is_unsafe(c) => stand_in(c),
                c => c,
            })
            .collect(),
    )
}

/// For multi-line display: keeps `\n`, turns tabs into spaces, replaces every other control.
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if is_unsafe(c) => stand_in(c),
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(
            sanitize_line("École – 1 207 650,75 €"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_never_pass() {
        let hostile = "a\u{1b}[31mred\u{1b}]0;title\u{7}\u{9b}2J\r\u{202e}b";
        for out in [sanitize_line(hostile), sanitize_multiline(hostile)] {
            assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
            assert!(!out.contains('\u{202e}'));
            assert!(out.contains('␛'));
        }
    }

    #[test]
    fn multiline_keeps_newlines() {
        assert_eq!(sanitize_multiline("a\nb\tc"), "a\nb c");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }
}
