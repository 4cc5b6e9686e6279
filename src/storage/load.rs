use std::fmt;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::format::from_ron_str;
use crate::model::Convention;
use crate::strings::Lang;

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
    Io(IoProblemKind),
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

/// What went wrong reading or writing a file, with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoProblem {
    pub path: PathBuf,
    pub kind: IoProblemKind,
}

/// What went wrong with a file, as the user is told it (`crate::strings::io_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoProblemKind {
    NotFound,
    PermissionDenied,
    IsADirectory,
    /// A FIFO, a terminal, a device, a socket: never read, never written.
    NotRegular(SpecialFile),
    NoSpace,
    ReadOnlyFileSystem,
    /// The user has no write permission on the file.
    ReadOnlyFile,
    /// Anything else, with the system's text.
    Other(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl IoProblemKind {
    pub fn from_io(error: &std::io::Error) -> IoProblemKind {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::NotFound => IoProblemKind::NotFound,
            K::PermissionDenied => IoProblemKind::PermissionDenied,
            K::IsADirectory => IoProblemKind::IsADirectory,
            K::StorageFull | K::QuotaExceeded => IoProblemKind::NoSpace,
            K::ReadOnlyFilesystem => IoProblemKind::ReadOnlyFileSystem,
            _ => IoProblemKind::Other(error.to_string()),
        }
    }

    /// The problem with a file that exists but is not a regular file.
    pub fn not_regular(metadata: &std::fs::Metadata) -> IoProblemKind {
        if metadata.is_dir() {
            return IoProblemKind::IsADirectory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let kind = metadata.file_type();
            if kind.is_fifo() {
                return IoProblemKind::NotRegular(SpecialFile::Fifo);
            } else if kind.is_socket() {
                return IoProblemKind::NotRegular(SpecialFile::Socket);
            } else if kind.is_char_device() {
                return IoProblemKind::NotRegular(SpecialFile::CharDevice);
            } else if kind.is_block_device() {
                return IoProblemKind::NotRegular(SpecialFile::BlockDevice);
            }
        }
        IoProblemKind::NotRegular(SpecialFile::Other)
    }

    /// The closest `std::io::ErrorKind`, for callers that still deal in `std::io::Error`.
    pub fn io_error_kind(&self) -> std::io::ErrorKind {
        use std::io::ErrorKind as K;
        match self {
            IoProblemKind::NotFound => K::NotFound,
            IoProblemKind::PermissionDenied | IoProblemKind::ReadOnlyFile => K::PermissionDenied,
            IoProblemKind::IsADirectory => K::IsADirectory,
            IoProblemKind::NotRegular(_) => K::InvalidInput,
            IoProblemKind::NoSpace => K::StorageFull,
            IoProblemKind::ReadOnlyFileSystem => K::ReadOnlyFilesystem,
            IoProblemKind::Other(_) => K::Other,
        }
    }
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
