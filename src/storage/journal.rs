//! Unsaved edits survive a crash, and two sessions on one file know of each other.
//!
//! Each running revue is an *instance* with its own files in the journal directory (the
//! platform state directory, or `$REVUE_STATE_DIR`):
//! - `INSTANCE.alive`, locked (an OS advisory lock) for as long as the instance runs. The OS
//!   drops the lock when the process ends, however it ends, so "is that instance still
//!   running?" is answered by trying the lock: no pid files to go stale, no pid reuse.
//! - `KEY.INSTANCE.open` for each file the instance has open for editing (`KEY` names the
//!   file): another instance opening the same file sees it and can offer read-only, as vim
//!   does with its swap file.
//! - `KEY.INSTANCE.ron`, the edited convention, rewritten after every edit, removed by a save
//!   or a discard. Entries of instances that are no longer running are offered for recovery
//!   at the next start and kept until the user restores or discards them: an instance never
//!   writes or removes another's entry.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::format::{from_ron_str, to_ron_string};
use super::save::write_atomically;
use crate::model::Convention;

#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    /// This instance's name in the directory: `PID-NANOS-N`.
    instance: String,
    /// Locked while this instance runs; `None` when the directory could not be written (the
    /// journal then still tries to record, and other instances see this one as gone).
    alive: Option<File>,
}

/// What the journal remembers of one file, left by an instance that is no longer running.
#[derive(Debug, Clone)]
pub struct Pending {
    pub original: PathBuf,
    /// Hash of the file as it was when the edits began.
    pub loaded_hash: u64,
    pub convention: Convention,
    entry: PathBuf,
}

/// Whether a file could be claimed for editing by this instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Claimed,
    /// Another running revue has it open for editing (its process id).
    HeldElsewhere {
        pid: u32,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    original: PathBuf,
    loaded_hash: u64,
}

const SEPARATOR: &str = "\n---\n";

/// Tells instances apart within one process (tests open several).
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

impl Journal {
    /// `$REVUE_STATE_DIR`, else the platform state (or data) directory's `journal/`.
    pub fn open_default() -> Option<Journal> {
        let dir = match std::env::var_os("REVUE_STATE_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => {
                let dirs = directories::ProjectDirs::from("fr", "revue", "revue")?;
                dirs.state_dir()
                    .unwrap_or_else(|| dirs.data_local_dir())
                    .join("journal")
            }
        };
        Some(Journal::at(dir))
    }

    /// A new instance journaling in `dir`, marked as running until it is dropped.
    pub fn at(dir: impl Into<PathBuf>) -> Journal {
        let dir = dir.into();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let instance = format!(
            "{}-{nanos}-{}",
            std::process::id(),
            SEQUENCE.fetch_add(1, Ordering::Relaxed)
        );
        let alive = std::fs::create_dir_all(&dir)
            .and_then(|()| {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(dir.join(format!("{instance}.alive")))?;
                file.lock()?;
                Ok(file)
            })
            .ok();
        Journal {
            dir,
            instance,
            alive,
        }
    }

    /// The key naming `original` in the directory: a hash of its absolute path.
    fn key(original: &Path) -> String {
        let absolute = absolute(original);
        let key = super::load::content_hash(absolute.to_string_lossy().as_bytes());
        format!("{key:016x}")
    }

    fn entry_for(&self, original: &Path) -> PathBuf {
        self.dir
            .join(format!("{}.{}.ron", Journal::key(original), self.instance))
    }

    fn marker_for(&self, original: &Path) -> PathBuf {
        self.dir
            .join(format!("{}.{}.open", Journal::key(original), self.instance))
    }

    /// Whether the instance named `instance` is still running (its lock is held).
    fn is_running(&self, instance: &str) -> bool {
        if instance == self.instance {
            return true;
        }
        let Ok(file) = File::open(self.dir.join(format!("{instance}.alive"))) else {
            return false;
        };
        matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock))
    }

    /// Marks each of `originals` as open for editing by this instance, unless another
    /// running instance already has it open (then nothing is written for it and that
    /// instance's process is named). The directory is read once, whatever the number of
    /// files.
    pub fn claim_all<'a>(&self, originals: impl IntoIterator<Item = &'a Path>) -> Vec<Claim> {
        let mut open: std::collections::HashMap<String, Vec<String>> = Default::default();
        for (name, rest) in self.entries_with("", ".open") {
            if let Some((key, instance)) = rest.split_once('.') {
                if instance == self.instance {
                    continue;
                }
                if self.is_running(instance) {
                    open.entry(key.to_string())
                        .or_default()
                        .push(instance.to_string());
                } else {
                    // Left by an instance that ended without cleaning up.
                    let _ = std::fs::remove_file(self.dir.join(name));
                }
            }
        }
        let _ = std::fs::create_dir_all(&self.dir);
        originals
            .into_iter()
            .map(|original| {
                if let Some(instance) = open.get(&Journal::key(original)).and_then(|i| i.first()) {
                    let pid = instance
                        .split('-')
                        .next()
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0);
                    return Claim::HeldElsewhere { pid };
                }
                let _ = std::fs::write(
                    self.marker_for(original),
                    absolute(original).to_string_lossy().as_bytes(),
                );
                Claim::Claimed
            })
            .collect()
    }

    /// [`Journal::claim_all`] for one file.
    pub fn claim(&self, original: &Path) -> Claim {
        self.claim_all([original]).pop().unwrap_or(Claim::Claimed)
    }

    /// `(file name, instance)` of the directory's files `PREFIX INSTANCE SUFFIX`.
    fn entries_with(&self, prefix: &str, suffix: &str) -> Vec<(String, String)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|name| {
                let instance = name.strip_prefix(prefix)?.strip_suffix(suffix)?.to_string();
                Some((name, instance))
            })
            .collect()
    }

    /// Records the unsaved state of `original`, in this instance's own entry. A failure
    /// names the journal's directory.
    pub fn record(
        &self,
        original: &Path,
        loaded_hash: u64,
        convention: &Convention,
    ) -> Result<(), super::IoProblem> {
        let problem = |e: std::io::Error| super::IoProblem::new(&self.dir, &e);
        std::fs::create_dir_all(&self.dir).map_err(problem)?;
        let header = Header {
            original: absolute(original),
            loaded_hash,
        };
        let header = ron::to_string(&header)
            .map_err(std::io::Error::other)
            .map_err(problem)?;
        let text = format!("{header}{SEPARATOR}{}", to_ron_string(convention));
        write_atomically(&self.entry_for(original), text.as_bytes()).map_err(problem)
    }

    /// Forgets this instance's unsaved state of `original` (after a save or a discard).
    /// Other instances' entries are never touched.
    pub fn clear(&self, original: &Path) {
        let _ = std::fs::remove_file(self.entry_for(original));
    }

    /// Entries left by instances that are no longer running, oldest file first by path.
    /// Unreadable ones are skipped (and kept).
    pub fn pending(&self) -> Vec<Pending> {
        let mut pending: Vec<Pending> = self
            .entries_with("", ".ron")
            .into_iter()
            .filter(|(_, rest)| {
                // `KEY.INSTANCE`, or `KEY` alone for entries of earlier versions.
                rest.split_once('.')
                    .is_none_or(|(_, instance)| !self.is_running(instance))
            })
            .filter_map(|(name, _)| {
                let entry = self.dir.join(name);
                let text = std::fs::read_to_string(&entry).ok()?;
                let (header, body) = text.split_once(SEPARATOR)?;
                let header: Header = ron::from_str(header).ok()?;
                let convention = from_ron_str(body).ok()?;
                Some(Pending {
                    original: header.original,
                    loaded_hash: header.loaded_hash,
                    convention,
                    entry,
                })
            })
            .collect();
        pending.sort_by(|a, b| a.original.cmp(&b.original));
        pending
    }

    /// Discards an entry offered for recovery (restored, or discarded by the user).
    pub fn forget(&self, pending: &Pending) {
        let _ = std::fs::remove_file(&pending.entry);
    }

    /// A clean end: this instance's open-file markers and its liveness file go; its journal
    /// entries stay (they hold edits nobody saved or discarded).
    pub fn end(&mut self) {
        for (name, instance) in self.entries_with("", ".open") {
            if instance
                .split_once('.')
                .is_some_and(|(_, i)| i == self.instance)
            {
                let _ = std::fs::remove_file(self.dir.join(name));
            }
        }
        if self.alive.take().is_some() {
            let _ = std::fs::remove_file(self.dir.join(format!("{}.alive", self.instance)));
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.end();
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
