use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
                "{path}: too large to open: {}, where the limit is {} (a convention is well \
                 under 1 MiB); raise the limit with --max-file-size or {SIZE_LIMIT_VARIABLE}",
                describe_size(*size),
                describe_size(*limit),
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

/// The environment variable that sets the size limit (`--max-file-size` wins over it).
pub const SIZE_LIMIT_VARIABLE: &str = "REVUE_MAX_FILE_SIZE";

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
pub fn size_limit_from_env() -> Result<Option<u64>, String> {
    match std::env::var(SIZE_LIMIT_VARIABLE) {
        Ok(value) => parse_size(&value)
            .map(Some)
            .map_err(|why| format!("{SIZE_LIMIT_VARIABLE}: {why}")),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{SIZE_LIMIT_VARIABLE}: not a size")),
    }
}

/// A size in bytes, as a user writes it: `1048576`, `512K`, `64M`, `1G` (powers of 1024;
/// `KiB`, `MB`… are read the same way).
pub fn parse_size(text: &str) -> Result<u64, String> {
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
        _ => {
            return Err(format!(
                "« {text} » is not a size (for example 64M, 512K, 1G)"
            ));
        }
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("« {text} » is not a size (for example 64M, 512K, 1G)"))?;
    match number.checked_mul(multiplier) {
        Some(0) => Err("the size limit must be above zero".to_string()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("« {text} » is too large")),
    }
}

/// `52428800` → `50.0 MiB (52428800 bytes)`.
fn describe_size(bytes: u64) -> String {
    const MIB: f64 = (1 << 20) as f64;
    if bytes >= 1 << 20 {
        format!("{:.1} MiB ({bytes} bytes)", bytes as f64 / MIB)
    } else {
        format!("{bytes} bytes")
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

/// Reads and parses one file, refusing it when larger than `limit` bytes.
pub fn load_file_with_limit(path: &Path, limit: u64) -> Result<LoadedFile, LoadError> {
    let fail = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?
        .len();
    if size > limit {
        return Err(fail(LoadErrorKind::TooLarge { size, limit }));
    }
    // Read no more than the limit, even from a file that grows after the check (or a device
    // that claims a size of zero).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(fail(LoadErrorKind::TooLarge { size: read, limit }));
    }
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
