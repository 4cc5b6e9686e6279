//! Saving without ever losing data: atomic replacement, a backup of the previous version,
//! and a refusal to overwrite a file changed on disk since it was loaded.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::to_ron_string;
use super::load::content_hash;
use crate::model::Convention;

/// Replaces `path` with `bytes` so that, whatever happens, the file on disk is either the
/// old content or the new one: write a temporary file in the same directory, fsync it,
/// rename it over the target, fsync the directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary_path(path)?;
    let result = write_and_sync(&tmp, bytes).and_then(|()| rename_durably(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.PID.tmp` beside the target, so the rename never crosses file systems.
pub fn temporary_path(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?
        .to_string_lossy();
    Ok(directory_of(path).join(format!(".{name}.{}.tmp", std::process::id())))
}

/// The first half of an atomic write: the new content, complete and on disk, beside the target.
pub fn write_and_sync(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The second half: the rename, made durable by syncing the directory.
pub fn rename_durably(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path)?;
    if let Ok(dir) = std::fs::File::open(directory_of(path)) {
        // Not every platform lets a directory be synced, hence no `?`.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// `NAME.ron.bak`: the version a save replaced.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file on disk is no longer the one loaded: saving would lose someone's change.
    #[error("le fichier a changé sur le disque depuis son chargement")]
    Conflict { on_disk: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Saves `convention` to `path` in canonical form, only if the file on disk is still the
/// version loaded (`loaded_hash`; `None` for a new file). The previous version is kept as
/// `NAME.ron.bak`. Returns the hash of what was written.
pub fn save_convention(
    path: &Path,
    convention: &Convention,
    loaded_hash: Option<u64>,
) -> Result<u64, SaveError> {
    let text = to_ron_string(convention);
    match std::fs::read(path) {
        Ok(current) => {
            let on_disk = content_hash(&current);
            if loaded_hash != Some(on_disk) {
                return Err(SaveError::Conflict { on_disk });
            }
            write_atomically(&backup_path(path), &current)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && loaded_hash.is_none() => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SaveError::Conflict { on_disk: 0 });
        }
        Err(e) => return Err(e.into()),
    }
    write_atomically(path, text.as_bytes())?;
    Ok(content_hash(text.as_bytes()))
}

/// Saves beside the original under a new name (`NAME.copie-N.ron`), never overwriting anything.
pub fn save_copy(path: &Path, convention: &Convention) -> std::io::Result<PathBuf> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let text = to_ron_string(convention);
    for n in 1.. {
        let candidate = path.with_file_name(format!("{stem}.copie-{n}.ron"));
        if !candidate.exists() {
            write_atomically(&candidate, text.as_bytes())?;
            return Ok(candidate);
        }
    }
    unreachable!("some copy number is free")
}

/// Whether saving this text back would change more than the edits: comments, layout or
/// field order that the canonical writer does not keep.
pub fn would_lose_formatting(text: &str, convention: &Convention) -> bool {
    to_ron_string(convention) != text
}
