//! Review files: `NAME.revue.ron` beside `NAME.ron`, canonical RON, saved like conventions
//! (through [`super::save::save_text`]: atomic, backup, conflict detection by hash, mode and
//! owner kept, links written through).

use std::path::{Path, PathBuf};

use std::io::Read;

use super::load::{
    IoProblem, IoProblemKind, LoadError, LoadErrorKind, content_hash, open_without_blocking,
    size_limit,
};
use super::save::{SaveOutcome, SavePolicy, save_text};
use crate::model::{REVIEW_VERSION, Review};

/// What names a review file, which opening a directory must not take for a convention.
pub const REVIEW_SUFFIX: &str = ".revue.ron";

/// `data/cd13.ron` → `data/cd13.revue.ron`.
pub fn review_path(convention: &Path) -> PathBuf {
    let stem = convention
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    convention.with_file_name(format!("{stem}{REVIEW_SUFFIX}"))
}

/// Whether `path` names a review file (`*.revue.ron`, in any case).
pub fn is_review_file_name(path: &Path) -> bool {
    path.file_name().is_some_and(|name| {
        name.to_string_lossy()
            .to_lowercase()
            .ends_with(REVIEW_SUFFIX)
    })
}

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(16)
}

/// The canonical text of a review, ending with a newline.
pub fn review_to_string(review: &Review) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false);
    let mut text = options()
        .to_string_pretty(review, pretty)
        .expect("a review holds only types RON can write");
    text.push('\n');
    text
}

/// Parses a review file's text; positions in errors are 1-based line and column.
pub fn review_from_str(text: &str) -> Result<Review, LoadErrorKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let review: Review = options().from_str(text).map_err(|e| {
        // Read as a convention's errors are: typed, with the fix, in the user's language.
        let (problem, line, column) = super::load::classify_syntax_error(text, &e);
        LoadErrorKind::Syntax {
            line,
            column,
            message: crate::text::shorten(&e.code.to_string(), 300).into_owned(),
            problem: problem.map(Box::new),
        }
    })?;
    if review.version != REVIEW_VERSION {
        return Err(LoadErrorKind::Version {
            found: review.version,
            supported: REVIEW_VERSION,
        });
    }
    Ok(review)
}

/// A review file as read, with the hash of its bytes for the next save's conflict check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedReview {
    pub review: Review,
    /// `None`: no review file yet (a save must then find none either).
    pub hash: Option<u64>,
}

/// Reads the review of the convention at `convention`; no review file is an empty review.
/// Read as conventions are: never anything but a regular file (a FIFO does not block), never
/// more than the size limit, UTF-8 only.
pub fn load_review(convention: &Path) -> Result<LoadedReview, LoadError> {
    let path = review_path(convention);
    let fail = |kind| LoadError {
        path: path.clone(),
        kind,
    };
    let io_fail = |e: std::io::Error| fail(LoadErrorKind::Io(IoProblemKind::from_io(&e)));
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(LoadedReview {
                review: Review::default(),
                hash: None,
            });
        }
        Err(e) => return Err(io_fail(e)),
    };
    let limit = size_limit();
    if metadata.len() > limit {
        return Err(fail(LoadErrorKind::TooLarge {
            size: metadata.len(),
            limit,
        }));
    }
    let file = open_without_blocking(&path).map_err(io_fail)?;
    let opened = file.metadata().map_err(io_fail)?;
    if !opened.is_file() {
        return Err(fail(LoadErrorKind::Io(IoProblemKind::not_regular(&opened))));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_fail)?;
    if bytes.len() as u64 > limit {
        return Err(fail(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
            limit,
        }));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        fail(LoadErrorKind::NotUtf8 {
            byte_offset: e.valid_up_to(),
        })
    })?;
    let review = review_from_str(text).map_err(fail)?;
    Ok(LoadedReview {
        review,
        hash: Some(content_hash(&bytes)),
    })
}

/// Saves the review of the convention at `convention` with the same safety as a convention
/// ([`super::save`]): a review file changed on disk since `policy.loaded_hash` is a
/// [`SaveOutcome::Conflict`], nothing written; the previous version is kept as
/// `NAME.revue.ron.bak`. Comments in a review file are not kept (it is written by revue).
pub fn save_review(
    convention: &Path,
    review: &Review,
    policy: SavePolicy,
) -> Result<SaveOutcome, IoProblem> {
    let policy = SavePolicy {
        accept_format_loss: true,
        ..policy
    };
    save_text(
        &review_path(convention),
        &review_to_string(review),
        policy,
        |_| false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_files_sit_beside_their_convention() {
        assert_eq!(
            review_path(Path::new("data/cd13.ron")),
            Path::new("data/cd13.revue.ron")
        );
        assert!(is_review_file_name(Path::new("data/cd13.revue.ron")));
        assert!(is_review_file_name(Path::new("CD13.REVUE.RON")));
        assert!(!is_review_file_name(Path::new("data/cd13.ron")));
    }
}
