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

/// Whether `text` holds an unsafe char, read from its UTF-8 bytes (labels of a whole corpus
/// go through here): C0 controls and DEL are single bytes, C1 controls `C2 80`–`C2 9F`, the
/// bidirectional controls `E2 80 8E`, `E2 80 8F`, `E2 80 AA`–`AE`, `E2 81 A6`–`A9`.
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// The most of one text that is ever drawn or indexed: far beyond any text of a real document
/// (the longest is under 7 000 characters), far below what would slow every frame down when a
/// hostile file holds a 50 MB string.
pub const DISPLAY_LIMIT: usize = 50_000;

/// Where text wraps: no-break spaces so that no line starts with what belongs to the word
/// before it (French typography's `:`, `;`, `?`, `!`, `»`, the unit of a figure) nor ends with
/// `«`, and an `=` stays with what it equals (`650 000 €`, `… = 0`, `« texte »`); a figure
/// written with spaces between its groups of digits (`221 499`) is never cut. Only the
/// wrapping changes: the characters shown are the same.
pub fn keep_together(text: &str) -> Cow<'_, str> {
    const BEFORE: [char; 7] = [':', ';', '?', '!', '»', '€', '%'];
    if !text.contains([' ', '=']) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let previous = i.checked_sub(1).map(|p| chars[p]);
        // `221 499`: the space inside a figure, before a group of three digits.
        let inside_figure = previous.is_some_and(|p| p.is_ascii_digit())
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        let glued = c == ' '
            && (inside_figure
                || next.is_some_and(|n| BEFORE.contains(&n) || n == '=')
                || previous.is_some_and(|p| p == '«' || p == '='));
        out.push(if glued { '\u{a0}' } else { c });
    }
    Cow::Owned(out)
}

/// `text` cut after `limit` characters, with `…` when cut.
pub fn shorten(text: &str, limit: usize) -> Cow<'_, str> {
    match text.char_indices().nth(limit) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// For one line of display: every control character, newlines and tabs included, is replaced.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
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
    fn french_punctuation_and_units_never_start_a_line() {
        assert_eq!(
            keep_together("Mesure : « Axe 1 » ; 650 000 € = 0 ? oui !"),
            "Mesure\u{a0}: «\u{a0}Axe 1\u{a0}»\u{a0}; 650\u{a0}000\u{a0}€\u{a0}=\u{a0}0\u{a0}? oui\u{a0}!"
        );
        assert_eq!(keep_together("Measure: “Axe 1”"), "Measure: “Axe 1”");
    }

    /// A figure of the document's text, spaced by groups of three digits, is never cut where
    /// the text wraps (the source lines of a draft: `= 221 499 €`); other numbers keep their
    /// spaces.
    #[test]
    fn a_spaced_figure_stays_whole() {
        assert_eq!(
            keep_together("= 1 221 499 € en 2019 2020 pour 12 345678"),
            "=\u{a0}1\u{a0}221\u{a0}499\u{a0}€ en 2019 2020 pour 12 345678"
        );
    }

    #[test]
    fn the_byte_check_finds_exactly_the_unsafe_chars() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_unsafe(&text), is_unsafe(c), "{:?}", c);
        }
    }

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
    fn long_text_is_shortened_on_a_char_boundary() {
        assert_eq!(shorten("École", 10), "École");
        assert!(matches!(shorten("École", 5), Cow::Borrowed(_)));
        assert_eq!(shorten("École", 2), "Éc…");
    }

    #[test]
    fn multiline_keeps_newlines() {
        assert_eq!(sanitize_multiline("a\nb\tc"), "a\nb c");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }
}
