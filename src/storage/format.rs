//! The canonical RON form: fixed field order (the struct's), four-space indent, `\n` line
//! endings, multi-line text written as is. Re-saving an unchanged file gives the same bytes.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::load::LoadErrorKind;
use crate::model::{Convention, FORMAT_VERSION};

/// Deep enough for any real document; shallow enough that a hostile file cannot
/// exhaust the stack.
const RECURSION_LIMIT: usize = 64;

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// Error messages quote the text they stumble on, which in a hostile file can be megabytes.
const MESSAGE_LIMIT: usize = 300;

/// Parses a convention file's text. Positions in errors are 1-based line and column.
/// A byte-order mark (left by some Windows editors) is skipped.
pub fn from_ron_str(text: &str) -> Result<Convention, LoadErrorKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadErrorKind::Syntax {
            line: 1,
            column: 1,
            message: "the file is empty".to_string(),
            problem: Some(Box::new(super::load::SyntaxProblem::EmptyFile)),
        });
    }
    let convention: Convention = options().from_str(text).map_err(|error| {
        let (problem, line, column) = super::load::classify_syntax_error(text, &error);
        LoadErrorKind::Syntax {
            line,
            column,
            message: shortened(error.code.to_string()),
            problem: problem.map(Box::new),
        }
    })?;
    if convention.version != FORMAT_VERSION {
        return Err(LoadErrorKind::Version {
            found: convention.version,
            supported: FORMAT_VERSION,
        });
    }
    Ok(convention)
}

fn shortened(message: String) -> String {
    match message.char_indices().nth(MESSAGE_LIMIT) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message,
    }
}

/// The canonical text of a convention, ending with a newline.
pub fn to_ron_string(convention: &Convention) -> String {
    let mut text = options()
        .to_string_pretty(convention, pretty())
        .expect("the model holds only types RON can write");
    text.push('\n');
    text
}

/// Whether `text` holds a RON comment (`// …` or `/* … */` outside strings): what the
/// canonical form drops, and `revue fmt` therefore does not rewrite without `--force`.
pub fn has_comments(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = after_string(bytes, i + 1),
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) && !is_ident_byte(bytes, i) => {
                i = after_raw_string(bytes, i + 1)
            }
            b'\'' => i = after_char(bytes, i + 1),
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => return true,
            _ => i += 1,
        }
    }
    false
}

/// Whether the byte before `i` continues an identifier (`bar"` is not a raw string).
fn is_ident_byte(bytes: &[u8], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')
}

/// The index after the closing quote of a string whose content starts at `i`.
fn after_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// `r#"…"#`: `i` is just after the `r`.
fn after_raw_string(bytes: &[u8], mut i: usize) -> usize {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    i += hashes;
    if bytes.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// `'x'`, `'\''`: `i` is just after the opening quote.
fn after_char(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::has_comments;

    #[test]
    fn comments_are_found_outside_strings_only() {
        assert!(has_comments("// note\n(version: 1)"));
        assert!(has_comments("(version: 1, /* note */ title: \"a\")"));
        assert!(has_comments(
            "(title: \"a \\\" b\") // after an escaped quote"
        ));
        assert!(!has_comments("(url: \"https://example.org/*x*/\")"));
        assert!(!has_comments("(title: r#\"a \" // b\"#)"));
        assert!(!has_comments("(sep: '/', other: '/')"));
        assert!(!has_comments("(version: 1)\n"));
    }
}
