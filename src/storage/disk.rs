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

/// What tells, without reading it, that a file is still the one last read or written: the
/// same file (device and inode), the same length, the same modification time. Reading and
/// hashing a file of 5 000 fiches takes ~45 ms, which every change the watcher reports (a
/// save's own rename first) cost the UI thread (issue 17). A change that kept all three
/// (the same length, written within the clock's tick, in place) goes unseen here; a save
/// still compares the whole content before it writes, so it is never overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    file: (u64, u64),
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Fingerprint {
    pub fn of(meta: &std::fs::Metadata) -> Fingerprint {
        #[cfg(unix)]
        let file = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let file = (0, 0);
        Fingerprint {
            file,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// The file at `path` now; when it still has the fingerprint `known` gives, the hash `known`
/// gives with it, without reading the file.
pub fn on_disk(path: &Path, known: Option<(Fingerprint, u64)>) -> OnDisk {
    if let Some((fingerprint, hash)) = known
        && std::fs::metadata(path).is_ok_and(|meta| Fingerprint::of(&meta) == fingerprint)
    {
        return OnDisk::Hash(hash);
    }
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
