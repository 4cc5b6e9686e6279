use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::format::from_ron_str;
use crate::model::Convention;

/// A convention read from disk, with what is needed to notice a later change on disk.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    pub convention: Convention,
    /// Hash of the bytes as loaded.
    pub hash: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    Io(String),
    NotUtf8 {
        byte_offset: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    Version {
        found: u32,
        supported: u32,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            LoadErrorKind::Syntax {
                line,
                column,
                message,
            } => {
                write!(f, "{path}:{line}:{column}: {message}")
            }
            LoadErrorKind::Io(message) => write!(f, "{path}: {message}"),
            LoadErrorKind::NotUtf8 { byte_offset } => {
                write!(f, "{path}: not valid UTF-8 (byte {byte_offset})")
            }
            LoadErrorKind::TooLarge { size, limit } => write!(
                f,
                "{path}: file of {size} bytes is larger than the limit of {limit} bytes"
            ),
            LoadErrorKind::Version { found, supported } => write!(
                f,
                "{path}: format version {found} is not supported (this revue reads version {supported})"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Files larger than this are refused before reading: a real convention is well under 1 MB.
pub const DEFAULT_SIZE_LIMIT: u64 = 64 * 1024 * 1024;

pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Reads and parses one file.
pub fn load_file(path: &Path) -> Result<LoadedFile, LoadError> {
    let fail = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?
        .len();
    if size > DEFAULT_SIZE_LIMIT {
        return Err(fail(LoadErrorKind::TooLarge {
            size,
            limit: DEFAULT_SIZE_LIMIT,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        fail(LoadErrorKind::NotUtf8 {
            byte_offset: e.valid_up_to(),
        })
    })?;
    let convention = from_ron_str(text).map_err(fail)?;
    Ok(LoadedFile {
        path: path.to_path_buf(),
        convention,
        hash: content_hash(&bytes),
    })
}

/// What loading a set of paths gave: every file that parsed, every error, in path order.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub files: Vec<LoadedFile>,
    pub errors: Vec<LoadError>,
}

/// Loads files and directories (every `*.ron` directly inside, sorted by name).
/// One bad file never stops the others.
pub fn load_paths(paths: &[PathBuf]) -> LoadReport {
    let mut report = LoadReport::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match ron_files_in(path) {
                Ok(found) => files.extend(found),
                Err(e) => report.errors.push(LoadError {
                    path: path.clone(),
                    kind: LoadErrorKind::Io(e.to_string()),
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
        if path.is_file() && path.extension().is_some_and(|e| e == "ron") {
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
