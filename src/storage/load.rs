use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::format::from_ron_str;
use crate::model::Convention;
pub use crate::problem::{
    ExpectedShape, IoProblem, IoProblemKind, LoadError, LoadErrorKind, SIZE_LIMIT_VARIABLE,
    SizeProblem, SpecialFile, SyntaxProblem,
};
use crate::strings::Lang;

/// A convention read from disk, with what is needed to notice a later change on disk.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub convention: Convention,
    /// Hash of the bytes as loaded.
    pub hash: u64,
    /// The file as it was opened, before it was read (`None` when not read from a file).
    pub fingerprint: Option<super::Fingerprint>,
}

/// Types a reader names by their place in a document; the id is worth quoting for these.
const ITEMS_WITH_ID: [&str; 4] = ["Fiche", "Axe", "Section", "Table"];

/// Reads what a RON error means for a person writing the file. Returns the problem and the
/// position to report (for a missing field, where the item starts, not where it ends).
pub(super) fn classify_syntax_error(
    text: &str,
    error: &ron::error::SpannedError,
) -> (Option<SyntaxProblem>, usize, usize) {
    use ron::Error as E;
    let (line, column) = (error.span.start.line, error.span.start.col);
    let at = byte_offset(text, line, column);
    let token = at
        .map(|offset| token_at(text[offset..].trim_start()))
        .unwrap_or_default();
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let problem = match &error.code {
        E::SuggestRawIdentifier(found) | E::InvalidIdentifier(found) if looks_numeric(found) => {
            SyntaxProblem::BareNumber {
                variant: None,
                number: found.clone(),
            }
        }
        E::ExpectedIdentifier if token.starts_with('"') => SyntaxProblem::FigureWithoutKind {
            found: token.clone(),
        },
        E::ExpectedString
            if looks_numeric(&token)
                && at.is_some_and(|offset| variant_before(&text[..offset]).is_some()) =>
        {
            SyntaxProblem::BareNumber {
                variant: at.and_then(|offset| variant_before(&text[..offset])),
                number: token.clone(),
            }
        }
        E::ExpectedString => wrong_type(ExpectedShape::Text, token.clone()),
        E::ExpectedInteger => wrong_type(ExpectedShape::Integer, token.clone()),
        E::ExpectedBoolean => wrong_type(ExpectedShape::Boolean, token.clone()),
        E::ExpectedArray => wrong_type(ExpectedShape::List, token.clone()),
        E::ExpectedStructLike => wrong_type(ExpectedShape::Struct(None), token.clone()),
        E::ExpectedNamedStructLike(name) => {
            wrong_type(ExpectedShape::Struct(Some(name.to_string())), token.clone())
        }
        E::InvalidValueForType { found, .. } => wrong_type(ExpectedShape::Other, found.clone()),
        E::MissingStructField { field, outer } => {
            let within = outer.clone().unwrap_or_default();
            let start = at.and_then(|offset| opening_bracket_before(text, offset));
            let id = start
                .filter(|_| ITEMS_WITH_ID.contains(&within.as_str()))
                .and_then(|open| id_field_after(text, open));
            let problem = SyntaxProblem::MissingField {
                field: field.to_string(),
                within,
                id,
            };
            if let Some(open) = start {
                let (line, column) = line_and_column(text, open);
                return (Some(problem), line, column);
            }
            problem
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => SyntaxProblem::UnknownField {
            found: found.clone(),
            within: outer.clone().unwrap_or_default(),
            expected: names(expected),
        },
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => SyntaxProblem::UnknownVariant {
            found: found.clone(),
            within: outer.clone().unwrap_or_default(),
            expected: names(expected),
        },
        E::DuplicateStructField { field, outer } => SyntaxProblem::DuplicateField {
            field: field.to_string(),
            within: outer.clone().unwrap_or_default(),
        },
        E::ExpectedComma => SyntaxProblem::MissingComma,
        E::Eof => SyntaxProblem::UnexpectedEnd,
        E::ExpectedStringEnd => SyntaxProblem::UnclosedString,
        // The span covers the string's content.
        E::Message(message) if message.starts_with(crate::model::MALFORMED_TAG) => {
            let end = byte_offset(text, error.span.end.line, error.span.end.col);
            let found = match (at, end) {
                (Some(start), Some(end)) if start < end => shortened(
                    text[start..end]
                        .strip_suffix('"')
                        .unwrap_or(&text[start..end]),
                ),
                _ => token.clone(),
            };
            SyntaxProblem::NotStoredFigure {
                found: format!("\"{found}\""),
            }
        }
        E::Message(message) if message.starts_with(crate::model::TOO_PRECISE_TAG) => {
            SyntaxProblem::TooManyDigits {
                found: shortened(message[crate::model::TOO_PRECISE_TAG.len()..].trim_start()),
            }
        }
        E::ExpectedFloat => wrong_type(ExpectedShape::Number, token.clone()),
        E::ExpectedOption => wrong_type(ExpectedShape::Optional, token.clone()),
        E::ExpectedMap => wrong_type(ExpectedShape::Map, token.clone()),
        E::ExpectedStructName(name) => {
            wrong_type(ExpectedShape::Struct(Some(name.clone())), token.clone())
        }
        E::ExpectedChar
        | E::ExpectedByteLiteral
        | E::ExpectedByteString
        | E::ExpectedUnit
        | E::ExpectedRawValue
        | E::ExpectedAttribute
        | E::ExpectedRangeSyntax => wrong_type(ExpectedShape::Other, token.clone()),
        E::ExpectedArrayEnd | E::ExpectedAttributeEnd => {
            SyntaxProblem::ClosingExpected { closing: ']' }
        }
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => {
            SyntaxProblem::ClosingExpected { closing: ')' }
        }
        E::ExpectedMapEnd => SyntaxProblem::ClosingExpected { closing: '}' },
        E::ExpectedMapColon => SyntaxProblem::MissingColon,
        E::UnexpectedChar(found) => SyntaxProblem::UnexpectedCharacter { found: *found },
        E::TrailingCharacters => SyntaxProblem::TrailingText,
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => {
            SyntaxProblem::NameExpected {
                found: token.clone(),
            }
        }
        E::UnclosedBlockComment | E::UnclosedLineComment => SyntaxProblem::UnclosedComment,
        E::InvalidEscape(_) => SyntaxProblem::BadEscape,
        E::IntegerOutOfBounds
        | E::InvalidIntegerDigit { .. }
        | E::UnderscoreAtBeginning
        | E::FloatUnderscore => SyntaxProblem::BadNumber {
            found: token.clone(),
        },
        E::ExpectedDifferentStructName { expected, found } => SyntaxProblem::WrongStructName {
            expected: expected.to_string(),
            found: found.clone(),
        },
        E::ExpectedDifferentLength { expected, found } => SyntaxProblem::WrongLength {
            expected: expected.clone(),
            found: *found,
        },
        E::NoSuchExtension(name) => SyntaxProblem::UnknownExtension { name: name.clone() },
        E::ExceededRecursionLimit => SyntaxProblem::TooDeep,
        // Not met in a file read from disk (checked UTF-8 text, no writer), or a message
        // from serde that no typed kind covers: the parser's words, quoted.
        _ => return (None, line, column),
    };
    (Some(problem), line, column)
}

/// A settings file (config, theme) that RON cannot read: where, and what, typed when it is a
/// mistake `classify_syntax_error` knows.
pub fn settings_syntax_error(
    path: &Path,
    text: &str,
    error: &ron::error::SpannedError,
) -> crate::problem::SettingsError {
    let (problem, line, column) = classify_syntax_error(text, error);
    crate::problem::SettingsError::new(
        path,
        crate::problem::SettingsErrorKind::Syntax {
            line,
            column,
            problem: problem.map(Box::new),
            message: error.code.to_string(),
        },
    )
}

fn wrong_type(expected: ExpectedShape, found: String) -> SyntaxProblem {
    SyntaxProblem::WrongType { expected, found }
}

fn looks_numeric(token: &str) -> bool {
    let body = token.strip_prefix(['-', '+']).unwrap_or(token);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | 'e' | 'E'))
}

/// `Amount` in `…Amount(` just before a position.
fn variant_before(before: &str) -> Option<String> {
    let before = before.trim_end().strip_suffix('(')?.trim_end();
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty() && name.starts_with(char::is_uppercase)).then_some(name)
}

/// What was written at a position: a quoted string, or a run up to a separator; at most 40
/// characters.
fn token_at(rest: &str) -> String {
    let token = if let Some(body) = rest.strip_prefix('"') {
        let end = string_end(body.as_bytes(), 0).map_or(body.len(), |e| e + 1);
        &rest[..(end + 1).min(rest.len())]
    } else {
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | ']' | '(' | '['))
            .unwrap_or(rest.len());
        let end = if end == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            end
        };
        &rest[..end]
    };
    shortened(token)
}

fn shortened(token: &str) -> String {
    const LIMIT: usize = 40;
    match token.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &token[..cut]),
        None => token.to_string(),
    }
}

/// The byte offset of a 1-based line and (character) column.
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(line_start + within)
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Index just past the closing quote's position within a string body starting at `i`
/// (the index of the closing quote), or `None` when unclosed.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The offset of the bracket left open at `offset` (the one a closing bracket there would
/// close), skipping strings and comments.
fn opening_bracket_before(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = Vec::new();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'"' => i = string_end(bytes, i + 1).map_or(bytes.len(), |e| e + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |e| i + e)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2)
            }
            b'(' | b'[' | b'{' => {
                open.push(i);
                i += 1
            }
            b')' | b']' | b'}' => {
                open.pop();
                i += 1
            }
            _ => i += 1,
        }
    }
    open.pop()
}

/// The `id: "…"` written directly inside the group opened at `open`.
fn id_field_after(text: &str, open: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i + 1)? + 1,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return None;
                }
                i += 1
            }
            b'i' if depth == 1
                && text[i..].starts_with("id")
                && !bytes[i - 1].is_ascii_alphanumeric()
                && bytes[i - 1] != b'_' =>
            {
                let rest = text[i + 2..].trim_start();
                let Some(value) = rest.strip_prefix(':').map(str::trim_start) else {
                    i += 1;
                    continue;
                };
                let body = value.strip_prefix('"')?;
                let end = string_end(body.as_bytes(), 0)?;
                return Some(body[..end].to_string());
            }
            _ => i += 1,
        }
    }
    None
}

impl LoadError {
    /// The message, naming the file, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        crate::strings::load_error(lang, self)
    }
}

/// In French, the default language; [`LoadError::describe`] for another.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Fr))
    }
}

impl std::error::Error for LoadError {}

/// Files larger than this are refused before reading: a real convention is well under 1 MB.
pub const DEFAULT_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

/// The limit set for this process by [`set_size_limit`]; 0 when none was.
static SIZE_LIMIT: AtomicU64 = AtomicU64::new(0);

/// Sets the size limit of every later load in this process (`None`: back to the default).
pub fn set_size_limit(limit: Option<u64>) {
    SIZE_LIMIT.store(limit.unwrap_or(0), Ordering::Relaxed);
}

/// The size limit in force: the one set by [`set_size_limit`], else `REVUE_MAX_FILE_SIZE`
/// when it reads as a size, else [`DEFAULT_SIZE_LIMIT`].
pub fn size_limit() -> u64 {
    match SIZE_LIMIT.load(Ordering::Relaxed) {
        0 => size_limit_from_env()
            .ok()
            .flatten()
            .unwrap_or(DEFAULT_SIZE_LIMIT),
        limit => limit,
    }
}

/// `REVUE_MAX_FILE_SIZE`, read: `None` when it is not set, an error naming it when it is not
/// a size.
pub fn size_limit_from_env() -> Result<Option<u64>, SizeProblem> {
    let in_variable = |problem| SizeProblem::InVariable(Box::new(problem));
    match std::env::var(SIZE_LIMIT_VARIABLE) {
        Ok(value) => parse_size(&value).map(Some).map_err(in_variable),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(value)) => Err(in_variable(SizeProblem::NotASize(
            value.to_string_lossy().into_owned(),
        ))),
    }
}

/// A size in bytes, as a user writes it: `1048576`, `512K`, `64M`, `1G` (powers of 1024;
/// `KiB`, `MB`… are read the same way).
pub fn parse_size(text: &str) -> Result<u64, SizeProblem> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(SizeProblem::NotASize(text.to_string())),
    };
    let number: u64 = match number.parse() {
        Ok(number) => number,
        // Digits beyond a u64 are a size, too large.
        Err(_) if !number.is_empty() => return Err(SizeProblem::TooLarge(text.to_string())),
        Err(_) => return Err(SizeProblem::NotASize(text.to_string())),
    };
    match number.checked_mul(multiplier) {
        Some(0) => Err(SizeProblem::Zero),
        Some(bytes) => Ok(bytes),
        None => Err(SizeProblem::TooLarge(text.to_string())),
    }
}

pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Reads and parses one file, refusing it when larger than [`size_limit`].
pub fn load_file(path: &Path) -> Result<LoadedFile, LoadError> {
    load_file_with_limit(path, size_limit())
}

/// Reads and parses one file, refusing it when larger than `limit` bytes, and refusing
/// anything that is not a regular file (a FIFO, a terminal, a device) without blocking on it.
pub fn load_file_with_limit(path: &Path, limit: u64) -> Result<LoadedFile, LoadError> {
    let fail = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let io_fail = |e: std::io::Error| fail(LoadErrorKind::Io(IoProblemKind::from_io(&e)));
    let metadata = std::fs::metadata(path).map_err(io_fail)?;
    if !metadata.is_file() {
        return Err(fail(LoadErrorKind::Io(IoProblemKind::not_regular(
            &metadata,
        ))));
    }
    if metadata.len() > limit {
        return Err(fail(LoadErrorKind::TooLarge {
            size: metadata.len(),
            limit,
        }));
    }
    let file = open_without_blocking(path).map_err(io_fail)?;
    // What was opened may not be what was looked at: check the open file itself.
    let opened = file.metadata().map_err(io_fail)?;
    if !opened.is_file() {
        return Err(fail(LoadErrorKind::Io(IoProblemKind::not_regular(&opened))));
    }
    // Read no more than the limit, even from a file that grows after the check.
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_fail)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(fail(LoadErrorKind::TooLarge { size: read, limit }));
    }
    let parse = || {
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            fail(LoadErrorKind::NotUtf8 {
                byte_offset: e.valid_up_to(),
            })
        })?;
        from_ron_str(text).map_err(fail)
    };
    // A large file is hashed on another core while it is parsed: hashing is a second pass
    // over every byte, a sixth of a one-file start-up at 5 000 fiches (issue 17). Small
    // files are already spread one per core, and a thread each would cost more than it saves.
    let (convention, hash) = if bytes.len() >= HASH_BESIDE_PARSE_BYTES {
        std::thread::scope(|scope| {
            let hashing = scope.spawn(|| content_hash(&bytes));
            let convention = parse();
            let hash = hashing.join().expect("hashing never panics");
            (convention, hash)
        })
    } else {
        (parse(), content_hash(&bytes))
    };
    Ok(LoadedFile {
        path: path.to_path_buf(),
        convention: convention?,
        hash,
        fingerprint: Some(super::Fingerprint::of(&opened)),
    })
}

/// From this size, [`load_file_with_limit`] hashes the file on another thread while parsing it.
const HASH_BESIDE_PARSE_BYTES: usize = 4 << 20;

/// Opens for reading; on Unix without blocking, so that a FIFO swapped in after the
/// metadata check cannot hang the program (the open file is then refused as not regular).
pub(super) fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Whether `path` names a convention file: `.ron`, in any case (`.RON` from some systems).
pub fn is_convention_file_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        // A reviewer's file beside its convention (issue 15) is not a convention.
        && !super::review::is_review_file_name(path)
}

impl IoProblem {
    pub fn new(path: &Path, error: &std::io::Error) -> IoProblem {
        IoProblem {
            path: path.to_path_buf(),
            kind: IoProblemKind::from_io(error),
        }
    }

    /// The message, naming the file, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        crate::strings::io_problem(lang, &self.path, &self.kind)
    }
}

/// In French, the default language; [`IoProblem::describe`] for another.
impl fmt::Display for IoProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Fr))
    }
}

impl std::error::Error for IoProblem {}

/// What loading a set of paths gave: every file that parsed, every error, in path order.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub files: Vec<LoadedFile>,
    pub errors: Vec<LoadError>,
}

/// Loads files and directories (every `*.ron` directly inside, in any case, sorted by name).
/// One bad file never stops the others; a path that is not a regular file or a directory is
/// an error naming it.
pub fn load_paths(paths: &[PathBuf]) -> LoadReport {
    let mut report = LoadReport::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match ron_files_in(path) {
                Ok(found) => files.extend(found),
                Err(e) => report.errors.push(LoadError {
                    path: path.clone(),
                    kind: LoadErrorKind::Io(IoProblemKind::from_io(&e)),
                }),
            }
        } else {
            files.push(path.clone());
        }
    }
    for result in parse_in_parallel(&files) {
        match result {
            Ok(file) => report.files.push(file),
            Err(error) => report.errors.push(error),
        }
    }
    report
}

fn ron_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        // Whatever is not a directory is taken, so that a FIFO or a device named `*.ron` is
        // reported (by `load_file`) rather than silently skipped.
        if is_convention_file_name(&path) && !path.is_dir() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Parsing dominates start-up on a large corpus; spread files over the available cores,
/// keeping the input order in the result.
fn parse_in_parallel(files: &[PathBuf]) -> Vec<Result<LoadedFile, LoadError>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    if workers <= 1 {
        return files.iter().map(|p| load_file(p)).collect();
    }
    let chunk = files.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| load_file(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("parsing never panics"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file large enough to be hashed beside its parse gets the same convention and the
    /// same hash as one read in a single pass.
    #[test]
    fn a_large_file_is_hashed_beside_its_parse_as_in_one_pass() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cd77-2022-convention.ron");
        let mut text = std::fs::read_to_string(&source).expect("bundled convention");
        let small = load_file(&source).expect("loads");
        // A comment pads the file past the size from which it is hashed on another thread.
        text.push_str("\n// ");
        text.push_str(&"x".repeat(HASH_BESIDE_PARSE_BYTES));
        text.push('\n');
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("large.ron");
        std::fs::write(&path, &text).expect("written");
        let large = load_file(&path).expect("loads");
        assert_eq!(large.hash, content_hash(text.as_bytes()));
        assert_eq!(large.convention, small.convention);
        // A large file that does not parse is still refused.
        std::fs::write(&path, format!("{text}(")).expect("written");
        assert!(load_file(&path).is_err());
    }
}
