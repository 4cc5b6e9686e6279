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
        });
    }
    let convention: Convention =
        options()
            .from_str(text)
            .map_err(|error| LoadErrorKind::Syntax {
                line: error.span.start.line,
                column: error.span.start.col,
                message: shortened(error.code.to_string()),
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
