//! What the app asks of the disk between saves: is this the file I have open, and does it
//! still hold what I loaded?

use std::path::Path;

/// A file as it is on disk now.
#[derive(Debug)]
pub enum OnDisk {
    /// Its content's hash (as [`super::content_hash`]).
    Hash(u64),
    /// Deleted or renamed away.
    Missing,
    /// There but unreadable (permissions, a directory now, a device error).
    Unreadable(std::io::Error),
}

pub fn on_disk(path: &Path) -> OnDisk {
    match std::fs::read(path) {
        Ok(bytes) => OnDisk::Hash(super::content_hash(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => OnDisk::Missing,
        Err(e) => OnDisk::Unreadable(e),
    }
}

/// Whether two paths name the same file (through links and relative paths).
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
        || std::path::absolute(a).ok() == std::path::absolute(b).ok()
}

/// A small text file the user keeps beside revue (the config, a theme): `None` when it does
/// not exist, which is not an error.
pub fn read_optional_text(path: &Path) -> Result<Option<String>, super::IoProblem> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(super::IoProblem::new(path, &e)),
    }
}
