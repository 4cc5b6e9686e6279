//! Saving without ever losing data: atomic replacement through an unpredictable, exclusively
//! created temporary file, a backup of the previous version, the file's mode and owner kept,
//! links written through, and a refusal to overwrite a file changed on disk since it was
//! loaded, a read-only file, or a file whose comments the canonical writer would drop —
//! unless the caller says the user agreed.

use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::{from_ron_str, to_ron_string};
use super::load::{IoProblem, IoProblemKind, content_hash};
use crate::model::Convention;

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A fresh temporary file beside `path` (so the rename never crosses file systems), named
/// `.NAME.RANDOM.tmp` and created exclusively: a link or file planted under any name cannot
/// redirect the write.
fn temporary_file_for(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidFilename))?
        .to_string_lossy();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual mode (0666 less the umask), not the temporary file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(directory_of(path))
}

/// A name for a temporary file beside `path`, unpredictable (`.NAME.RANDOM.tmp`). Kept for
/// callers that write in two steps; [`write_and_sync`] creates it exclusively.
pub fn temporary_path(path: &Path) -> std::io::Result<PathBuf> {
    let file = temporary_file_for(path)?;
    let tmp = file.path().to_path_buf();
    // The name is free again, and random: [`write_and_sync`] creates it anew, exclusively.
    file.close()?;
    Ok(tmp)
}

/// The first half of an atomic write: the new content, complete and on disk, beside the
/// target. The file is created exclusively: an existing file or link is an error, never
/// followed.
pub fn write_and_sync(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The second half: the rename, made durable by syncing the directory.
pub fn rename_durably(tmp: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, path)?;
    sync_directory(path);
    Ok(())
}

fn sync_directory(path: &Path) {
    if let Ok(dir) = File::open(directory_of(path)) {
        // Not every platform lets a directory be synced, hence no `?`.
        let _ = dir.sync_all();
    }
}

/// Replaces `path` with `bytes` so that, whatever happens, the file on disk is either the
/// old content or the new one: write an exclusively created temporary file in the same
/// directory, fsync it, rename it over the target, fsync the directory.
///
/// `path` itself is replaced: a link there is replaced, never followed (use
/// [`write_through`] for a user's file that may be a link). An existing regular file's mode
/// and owner are kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let like = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file());
    write_atomically_like(path, bytes, like.as_ref()).map(drop)
}

/// [`write_atomically`], giving the new file the mode and (when allowed) the owner of `like`.
/// Returns the fingerprint of the file written, taken from the file itself before it
/// replaces `path` (renaming keeps the file, its length and its modification time).
fn write_atomically_like(
    path: &Path,
    bytes: &[u8],
    like: Option<&Metadata>,
) -> std::io::Result<super::Fingerprint> {
    let mut tmp = temporary_file_for(path)?;
    tmp.write_all(bytes)?;
    if let Some(like) = like {
        keep_mode_and_owner(tmp.as_file(), like)?;
    }
    tmp.as_file().sync_all()?;
    let fingerprint = super::Fingerprint::of(&tmp.as_file().metadata()?);
    tmp.persist(path).map_err(|e| e.error)?;
    sync_directory(path);
    Ok(fingerprint)
}

/// The same permissions, and the same owner and group when this process may give them
/// (as root, or the group when the user belongs to it): a save changes only the content.
#[cfg(unix)]
fn keep_mode_and_owner(file: &File, like: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (like.uid(), like.gid())
        && std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).is_err()
    {
        // Not root: the owner stays ours, but the group may still be kept.
        let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
    }
    // After the chown, which may clear set-id bits.
    file.set_permissions(like.permissions())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, like: &Metadata) -> std::io::Result<()> {
    file.set_permissions(like.permissions())
}

/// Where a write to `path` really lands: `path` when it is not a link, else the end of the
/// chain of links (which may not exist yet).
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As the kernel does: a chain longer than this is a loop.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    directory_of(&current).join(target)
                };
            }
            _ => return Ok(current),
        }
    }
    // Typed, so that the user is told it in their language (`IoProblemKind::TooManyLinks`).
    Err(std::io::Error::from(std::io::ErrorKind::TooManyLinks))
}

/// [`write_atomically`] for a user's file: when `path` is a link, the link's target is
/// replaced (atomically, in its own directory) and the link stays. Returns the path written.
pub fn write_through(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = resolve_links(path)?;
    write_atomically(&target, bytes)?;
    Ok(target)
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
    // In French, the default language, like `LoadError`'s `Display`.
    #[error("{}", crate::strings::changed_since_loaded(crate::strings::Lang::Fr))]
    Conflict { on_disk: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the user agreed to, for [`save`]. The default agrees to nothing: every risk is
/// returned as an outcome for the app to ask about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SavePolicy {
    /// Hash of the file as loaded ([`super::LoadedFile::hash`]); `None` for a file that did
    /// not exist, which must still not exist.
    pub loaded_hash: Option<u64>,
    /// Replace the file even though it changed on disk, or was deleted or renamed, since it
    /// was loaded (the user chose "overwrite").
    pub overwrite_changes: bool,
    /// Rewrite in canonical form even though comments or layout of the file go.
    pub accept_format_loss: bool,
    /// Replace a file the user has no write permission on (as `:w!` does in vim).
    pub overwrite_read_only: bool,
}

/// What [`save`] did, or why it did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written; `hash` is the hash of the new content, to be kept as the loaded hash, and
    /// `fingerprint` the file written.
    Saved {
        hash: u64,
        fingerprint: super::Fingerprint,
    },
    /// The file changed on disk since it was loaded; nothing written.
    Conflict { on_disk: u64 },
    /// The file was deleted or renamed since it was loaded; nothing written.
    Missing,
    /// The file on disk holds comments or a layout that the canonical form drops; nothing
    /// written.
    FormatLoss,
    /// The user may not write the file; nothing written.
    ReadOnly,
}

/// Saves `convention` to `path` in canonical form, reading the disk once and deciding there:
///
/// 1. the file was deleted or renamed since it was loaded → [`SaveOutcome::Missing`];
///    it changed → [`SaveOutcome::Conflict`] (unless `overwrite_changes`);
/// 2. the file holds comments or layout that the canonical form drops →
///    [`SaveOutcome::FormatLoss`] (unless `accept_format_loss`);
/// 3. the user has no write permission on it → [`SaveOutcome::ReadOnly`] (unless
///    `overwrite_read_only`);
/// 4. otherwise the previous content is kept as `NAME.ron.bak` (with the file's mode) and
///    the file replaced atomically, keeping its mode and owner →
///    [`SaveOutcome::Saved`] with the new hash.
///
/// A `path` that is a link is written through: its target is replaced, the link stays.
/// Anything that is not a regular file is refused. Errors name the file and say what
/// happened ([`IoProblem`]; `crate::strings::io_problem` turns them into text).
pub fn save(
    path: &Path,
    convention: &Convention,
    policy: SavePolicy,
) -> Result<SaveOutcome, IoProblem> {
    save_text(path, &to_ron_string(convention), policy, |on_disk_text| {
        from_ron_str(on_disk_text).is_ok_and(|parsed| would_lose_formatting(on_disk_text, &parsed))
    })
}

/// [`save`] for any canonical text (a convention, a review file): the same checks in the same
/// order, `loses_formatting` telling whether the text on disk holds what the canonical
/// writer would drop.
pub(crate) fn save_text(
    path: &Path,
    text: &str,
    policy: SavePolicy,
    loses_formatting: impl Fn(&str) -> bool,
) -> Result<SaveOutcome, IoProblem> {
    let fail = |e: std::io::Error| IoProblem::new(path, &e);
    let target = resolve_links(path).map_err(fail)?;
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let Some(meta) = existing else {
        if policy.loaded_hash.is_some() && !policy.overwrite_changes {
            return Ok(SaveOutcome::Missing);
        }
        let fingerprint = write_atomically_like(&target, text.as_bytes(), None).map_err(fail)?;
        return Ok(SaveOutcome::Saved {
            hash: content_hash(text.as_bytes()),
            fingerprint,
        });
    };
    if !meta.file_type().is_file() {
        return Err(IoProblem {
            path: path.to_path_buf(),
            kind: IoProblemKind::not_regular(&meta),
        });
    }
    let current = std::fs::read(&target).map_err(fail)?;
    let on_disk = content_hash(&current);
    if policy.loaded_hash != Some(on_disk) && !policy.overwrite_changes {
        return Ok(SaveOutcome::Conflict { on_disk });
    }
    if !policy.accept_format_loss
        && let Ok(on_disk_text) = std::str::from_utf8(&current)
        && loses_formatting(on_disk_text)
    {
        return Ok(SaveOutcome::FormatLoss);
    }
    if !policy.overwrite_read_only && !may_write(&target, &meta) {
        return Ok(SaveOutcome::ReadOnly);
    }
    write_atomically_like(&backup_path(&target), &current, Some(&meta)).map_err(fail)?;
    let fingerprint = write_atomically_like(&target, text.as_bytes(), Some(&meta)).map_err(fail)?;
    Ok(SaveOutcome::Saved {
        hash: content_hash(text.as_bytes()),
        fingerprint,
    })
}

/// Whether the user may write the file: the system is asked by opening it for writing
/// (without truncating: nothing changes), so that groups and ACLs count; and, as vim does, a
/// file with no write permission for anyone is read-only even for root. Only ever called on
/// a regular file, so the open cannot block.
fn may_write(path: &Path, meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o222 == 0 {
            return false;
        }
    }
    #[cfg(not(unix))]
    if meta.permissions().readonly() {
        return false;
    }
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => true,
        Err(e) => e.kind() != std::io::ErrorKind::PermissionDenied,
    }
}

/// Saves `convention` to `path` in canonical form, only if the file on disk is still the
/// version loaded (`loaded_hash`; `None` for a new file). The previous version is kept as
/// `NAME.ron.bak`. Returns the hash of what was written.
///
/// Kept for the app until it moves to [`save`], which it wraps: comments are not asked
/// about here (the app asks beforehand with [`would_lose_formatting`]); a deleted file is a
/// conflict; a read-only file is refused with a permission error rather than overwritten.
pub fn save_convention(
    path: &Path,
    convention: &Convention,
    loaded_hash: Option<u64>,
) -> Result<u64, SaveError> {
    let policy = SavePolicy {
        loaded_hash,
        accept_format_loss: true,
        ..SavePolicy::default()
    };
    match save(path, convention, policy) {
        Ok(SaveOutcome::Saved { hash, .. }) => Ok(hash),
        Ok(SaveOutcome::Conflict { on_disk }) => Err(SaveError::Conflict { on_disk }),
        Ok(SaveOutcome::Missing) => Err(SaveError::Conflict { on_disk: 0 }),
        Ok(SaveOutcome::FormatLoss) => unreachable!("format loss was accepted"),
        Ok(SaveOutcome::ReadOnly) => Err(SaveError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            IoProblem {
                path: path.to_path_buf(),
                kind: IoProblemKind::ReadOnlyFile,
            }
            .to_string(),
        ))),
        Err(problem) => Err(SaveError::Io(std::io::Error::new(
            problem.kind.io_error_kind(),
            problem.to_string(),
        ))),
    }
}

/// Saves beside the original under a new name, never overwriting anything:
/// `NAME.ron.copie-N`, which opening the directory does not take for another convention
/// (it does not end in `.ron`). Mode and owner are those of the original when it exists.
///
/// Errors carry a message naming the file ([`IoProblem`]), in French.
pub fn save_copy(path: &Path, convention: &Convention) -> std::io::Result<PathBuf> {
    save_copy_inner(path, convention).map_err(|e| {
        let problem = IoProblem::new(path, &e);
        std::io::Error::new(e.kind(), problem.to_string())
    })
}

fn save_copy_inner(path: &Path, convention: &Convention) -> std::io::Result<PathBuf> {
    let target = resolve_links(path)?;
    let like = std::fs::metadata(&target)
        .ok()
        .filter(|m| m.file_type().is_file());
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let text = to_ron_string(convention);
    let mut tmp = temporary_file_for(&target)?;
    tmp.write_all(text.as_bytes())?;
    if let Some(like) = &like {
        keep_mode_and_owner(tmp.as_file(), like)?;
    }
    tmp.as_file().sync_all()?;
    for n in 1.. {
        let candidate = target.with_file_name(format!("{name}.copie-{n}"));
        // Never replaces: a name taken meanwhile, or a planted link, is skipped.
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => {
                sync_directory(&candidate);
                return Ok(candidate);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    unreachable!("some copy number is free")
}

/// Whether saving this text back would change more than the edits: comments, layout or
/// field order that the canonical writer does not keep.
pub fn would_lose_formatting(text: &str, convention: &Convention) -> bool {
    to_ron_string(convention) != text
}

/// A save running on a worker thread ([`save_in_background`]): what the UI thread keeps
/// while the convention is serialised, checked against the disk and written.
#[derive(Debug)]
pub struct BackgroundSave {
    path: PathBuf,
    worker: std::thread::JoinHandle<Result<Written, IoProblem>>,
}

/// What a [`BackgroundSave`] wrote.
#[derive(Debug)]
pub enum Written {
    /// The file itself ([`save`]), or why not.
    File(SaveOutcome),
    /// A copy beside it ([`save_copy`]), at this path.
    Copy(PathBuf),
}

impl BackgroundSave {
    /// Whether the worker is done: [`BackgroundSave::wait`] then returns at once.
    pub fn is_finished(&self) -> bool {
        self.worker.is_finished()
    }

    /// The save's result, waiting for the worker if it is still writing.
    pub fn wait(self) -> Result<Written, IoProblem> {
        self.worker.join().unwrap_or_else(|_| {
            // A panic in the worker wrote nothing it did not rename into place whole: the
            // file is the old one or the new one, and the document stays modified.
            Err(IoProblem::new(
                &self.path,
                &std::io::Error::other("save interrupted"),
            ))
        })
    }
}

/// [`save`] on a thread of its own, so that the UI thread never waits for the canonical
/// text, the read-back and the fsyncs (a few hundred milliseconds for a 5 000-fiche
/// convention, issue 17). `convention` is the state to write, shared with the app when the
/// save began: the app copies it before editing it (`Arc::make_mut`), so edits made
/// meanwhile are not in it and never half in it. `finished` runs on the worker once the result is
/// ready, to wake whoever waits for it (the event loop).
pub fn save_in_background(
    path: PathBuf,
    convention: std::sync::Arc<Convention>,
    policy: SavePolicy,
    finished: impl FnOnce() + Send + 'static,
) -> std::io::Result<BackgroundSave> {
    write_in_background(path, convention, finished, move |path, convention| {
        save(path, convention, policy).map(Written::File)
    })
}

/// [`save_copy`] on a thread of its own, as [`save_in_background`].
pub fn save_copy_in_background(
    path: PathBuf,
    convention: std::sync::Arc<Convention>,
    finished: impl FnOnce() + Send + 'static,
) -> std::io::Result<BackgroundSave> {
    write_in_background(path, convention, finished, |path, convention| {
        save_copy_inner(path, convention)
            .map(Written::Copy)
            .map_err(|e| IoProblem::new(path, &e))
    })
}

fn write_in_background(
    path: PathBuf,
    convention: std::sync::Arc<Convention>,
    finished: impl FnOnce() + Send + 'static,
    write: impl FnOnce(&Path, &Convention) -> Result<Written, IoProblem> + Send + 'static,
) -> std::io::Result<BackgroundSave> {
    let worker = std::thread::Builder::new()
        .name("revue-save".to_string())
        .spawn({
            let path = path.clone();
            move || {
                let result = write(&path, &convention);
                // The text is freed here, and the tree too when the app no longer shares it.
                drop(convention);
                finished();
                result
            }
        })?;
    Ok(BackgroundSave { path, worker })
}
