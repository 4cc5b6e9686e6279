//! Unsaved edits survive a crash: after every edit the convention as edited is written to a
//! journal in the platform state directory; a clean save or discard removes it; at the next
//! start, entries left behind are offered for recovery.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::format::{from_ron_str, to_ron_string};
use super::save::write_atomically;
use crate::model::Convention;

#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

/// What the journal remembers of one file.
#[derive(Debug, Clone)]
pub struct Pending {
    pub original: PathBuf,
    /// Hash of the file as it was when the edits began.
    pub loaded_hash: u64,
    pub convention: Convention,
    entry: PathBuf,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    original: PathBuf,
    loaded_hash: u64,
}

const SEPARATOR: &str = "\n---\n";

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
        Some(Journal { dir })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Journal {
        Journal { dir: dir.into() }
    }

    fn entry_for(&self, original: &Path) -> PathBuf {
        let absolute = std::path::absolute(original).unwrap_or_else(|_| original.to_path_buf());
        let key = super::load::content_hash(absolute.to_string_lossy().as_bytes());
        self.dir.join(format!("{key:016x}.ron"))
    }

    /// Records the unsaved state of `original`.
    pub fn record(
        &self,
        original: &Path,
        loaded_hash: u64,
        convention: &Convention,
    ) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let header = Header {
            original: std::path::absolute(original).unwrap_or_else(|_| original.to_path_buf()),
            loaded_hash,
        };
        let header = ron::to_string(&header).map_err(std::io::Error::other)?;
        let text = format!("{header}{SEPARATOR}{}", to_ron_string(convention));
        write_atomically(&self.entry_for(original), text.as_bytes())
    }

    /// Forgets `original`'s unsaved state (after a save or a discard).
    pub fn clear(&self, original: &Path) {
        let _ = std::fs::remove_file(self.entry_for(original));
    }

    /// Entries left behind by a session that did not end cleanly. Unreadable ones are skipped.
    pub fn pending(&self) -> Vec<Pending> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut pending: Vec<Pending> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .filter_map(|entry| {
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

    pub fn forget(&self, pending: &Pending) {
        let _ = std::fs::remove_file(&pending.entry);
    }
}
