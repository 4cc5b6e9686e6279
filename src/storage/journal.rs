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
//! - `KEY.INSTANCE.log`, the unsaved state as the file it started from (copied once, at the
//!   first edit) followed by each change since (a fiche or a table replaced), appended after
//!   every edit by a writer thread: an edit costs what it changed, not what the file holds,
//!   and never waits for the disk.
//!   When the state is not one edit away from the file's (a recovered state, a structural
//!   step, several steps at once), the log starts afresh from that whole state, which the
//!   writer serialises, and the edits after it are appended to it.
//! - `KEY.INSTANCE.ron`, the whole edited convention, written by the UI thread instead when
//!   the writer failed (to tell what went wrong) or is not running. Either is removed by a
//!   save or a discard. Entries of instances that are no longer running are offered for recovery
//!   at the next start and kept until the user restores or discards them: an instance never
//!   writes or removes another's entry.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use serde::{Deserialize, Serialize};

use super::format::{from_ron_str, to_ron_string};
use super::save::write_atomically;
use crate::model::{Convention, Fiche, Table};

#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    /// This instance's name in the directory: `PID-NANOS-N`.
    instance: String,
    /// Locked while this instance runs; `None` when the directory could not be written (the
    /// journal then still tries to record, and other instances see this one as gone).
    alive: Option<File>,
    /// Files whose change log this instance has started (its `.log` entry holds their base).
    logged: Mutex<HashSet<PathBuf>>,
    /// Change logs whose base could not be written (the file changed on disk before it was
    /// copied): their next change is recorded whole.
    failed: Arc<Mutex<HashSet<PathBuf>>>,
    /// The writer thread, which appends to the change logs in order.
    writer: Option<(mpsc::Sender<Job>, std::thread::JoinHandle<()>)>,
}

/// One change as the journal records it: a fiche (the `occurrence`-th with its id, in
/// document order) or a table (by id) replaced by the value it now has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Replacement {
    Fiche {
        id: String,
        occurrence: usize,
        fiche: Box<Fiche>,
    },
    Table {
        id: String,
        table: Box<Table>,
    },
}

impl Replacement {
    /// Puts the replacement in place; false when its fiche or table is not there.
    pub fn apply(&self, convention: &mut Convention) -> bool {
        match self {
            Replacement::Fiche {
                id,
                occurrence,
                fiche,
            } => match convention
                .fiches_mut()
                .filter(|f| &f.id == id)
                .nth(*occurrence)
            {
                Some(slot) => {
                    *slot = (**fiche).clone();
                    true
                }
                None => false,
            },
            Replacement::Table { id, table } => {
                match convention.tables.iter_mut().find(|t| &t.id == id) {
                    Some(slot) => {
                        *slot = (**table).clone();
                        true
                    }
                    None => false,
                }
            }
        }
    }
}

/// Work for the writer thread.
enum Job {
    /// Starts a change log: the header, then the original file as it was loaded.
    Start {
        log: PathBuf,
        /// The whole-convention entry the log takes over from, removed once the log is written.
        replaces: PathBuf,
        original: PathBuf,
        header: String,
        loaded_hash: u64,
    },
    /// Starts a change log afresh from a whole state (one that is not the file's: a
    /// recovered state, a structural step, several steps at once), serialised here rather
    /// than on the UI thread (~130 ms at 5 000 fiches); the changes after it are appended.
    Rebase {
        log: PathBuf,
        /// As for [`Job::Start`].
        replaces: PathBuf,
        original: PathBuf,
        header: String,
        convention: Arc<Convention>,
    },
    /// Appends one change (RON text) to a started log.
    Append { log: PathBuf, change: String },
    /// Answers once every job sent before it is done.
    Flush(mpsc::Sender<()>),
}

/// A frame of a change log: a tag, the length of the text, the text.
fn frame(tag: char, text: &[u8]) -> Vec<u8> {
    let mut out = format!("{tag} {}\n", text.len()).into_bytes();
    out.extend_from_slice(text);
    out.push(b'\n');
    out
}

/// The frames of a change log after its header line: (tag, text).
fn frames(mut rest: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let line_end = rest.iter().position(|&b| b == b'\n')?;
        let line = std::str::from_utf8(&rest[..line_end]).ok()?;
        let (tag, len) = line.split_once(' ')?;
        let len: usize = len.parse().ok()?;
        // A frame cut short by a crash ends the log: what came before it stands.
        let Some(body) = rest.get(line_end + 1..line_end + 1 + len) else {
            break;
        };
        out.push((*tag.as_bytes().first()?, body));
        rest = rest.get(line_end + 2 + len..).unwrap_or_default();
    }
    Some(out)
}

fn run_writer(jobs: mpsc::Receiver<Job>, failed: Arc<Mutex<HashSet<PathBuf>>>) {
    for job in jobs {
        match job {
            Job::Start {
                log,
                replaces,
                original,
                header,
                loaded_hash,
            } => {
                let started = std::fs::read(&original)
                    .ok()
                    .filter(|bytes| super::load::content_hash(bytes) == loaded_hash);
                let written = started.and_then(|bytes| {
                    let mut text = header.into_bytes();
                    text.push(b'\n');
                    text.extend(frame('B', &bytes));
                    write_atomically(&log, &text).ok()
                });
                if written.is_none() {
                    failed.lock().expect("not poisoned").insert(original);
                } else {
                    let _ = std::fs::remove_file(replaces);
                }
            }
            Job::Rebase {
                log,
                replaces,
                original,
                header,
                convention,
            } => {
                let mut text = header.into_bytes();
                text.push(b'\n');
                text.extend(frame('B', to_ron_string(&convention).as_bytes()));
                drop(convention);
                if write_atomically(&log, &text).is_ok() {
                    let _ = std::fs::remove_file(replaces);
                } else {
                    failed.lock().expect("not poisoned").insert(original);
                }
            }
            Job::Append { log, change } => {
                // Only to a log that was started: a log whose base failed stays absent.
                let _ = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&log)
                    .and_then(|mut file| {
                        file.write_all(&frame('C', change.as_bytes()))?;
                        file.sync_data()
                    });
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
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
        let failed = Arc::new(Mutex::new(HashSet::new()));
        let (sender, jobs) = mpsc::channel();
        let writer = std::thread::Builder::new()
            .name("revue-journal".into())
            .spawn({
                let failed = Arc::clone(&failed);
                move || run_writer(jobs, failed)
            })
            .ok()
            .map(|handle| (sender, handle));
        Journal {
            dir,
            instance,
            alive,
            logged: Mutex::new(HashSet::new()),
            failed,
            writer,
        }
    }

    /// Waits until the writer thread has done every job sent so far.
    fn flush(&self) {
        if let Some((sender, _)) = &self.writer {
            let (done, wait) = mpsc::channel();
            if sender.send(Job::Flush(done)).is_ok() {
                let _ = wait.recv();
            }
        }
    }

    fn log_for(&self, original: &Path) -> PathBuf {
        self.dir
            .join(format!("{}.{}.log", Journal::key(original), self.instance))
    }

    /// Records one change of `original` in its change log, off this thread. `before_is_file`
    /// says the state before the change was the file as loaded (`loaded_hash`), so a log can
    /// start from it. `Ok(false)` when no log can take the change: record the whole
    /// convention with [`Journal::record`] instead.
    pub fn record_change(
        &self,
        original: &Path,
        loaded_hash: u64,
        before_is_file: bool,
        change: &Replacement,
    ) -> Result<bool, super::IoProblem> {
        let problem = |e: std::io::Error| super::IoProblem::new(&self.dir, &e);
        let Some((sender, _)) = &self.writer else {
            return Ok(false);
        };
        let absolute = absolute(original);
        let mut logged = self.logged.lock().expect("not poisoned");
        // Left in `failed` for [`Journal::record`], which then writes here and tells.
        if self
            .failed
            .lock()
            .expect("not poisoned")
            .contains(&absolute)
        {
            logged.remove(&absolute);
            return Ok(false);
        }
        let log = self.log_for(original);
        let mut jobs = Vec::new();
        if !logged.contains(&absolute) {
            if !before_is_file {
                return Ok(false);
            }
            std::fs::create_dir_all(&self.dir).map_err(problem)?;
            let header = Header {
                original: absolute.clone(),
                loaded_hash,
            };
            jobs.push(Job::Start {
                log: log.clone(),
                replaces: self.entry_for(original),
                original: absolute.clone(),
                header: ron::to_string(&header)
                    .map_err(std::io::Error::other)
                    .map_err(problem)?,
                loaded_hash,
            });
        }
        let change = ron::to_string(change)
            .map_err(std::io::Error::other)
            .map_err(problem)?;
        jobs.push(Job::Append { log, change });
        for job in jobs {
            sender
                .send(job)
                .map_err(|_| std::io::Error::other("journal writer stopped"))
                .map_err(problem)?;
        }
        logged.insert(absolute);
        Ok(true)
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

    /// Records the unsaved state of `original` whole, in this instance's own entry: a change
    /// log started from it by the writer thread (the convention is shared with it, not
    /// copied), or written here after the writer failed. A failure names the journal's
    /// directory.
    pub fn record(
        &self,
        original: &Path,
        loaded_hash: u64,
        convention: &Arc<Convention>,
    ) -> Result<(), super::IoProblem> {
        let problem = |e: std::io::Error| super::IoProblem::new(&self.dir, &e);
        std::fs::create_dir_all(&self.dir).map_err(problem)?;
        let absolute = absolute(original);
        let header = Header {
            original: absolute.clone(),
            loaded_hash,
        };
        let header = ron::to_string(&header)
            .map_err(std::io::Error::other)
            .map_err(problem)?;
        // A change log started from this state by the writer, so that the edits after it are
        // appended to it (issue 17: each was written whole, ~200 ms at 5 000 fiches, after
        // any structural step). After a failure of the writer, written here, so that what
        // goes wrong is told.
        let failed_before = self.failed.lock().expect("not poisoned").remove(&absolute);
        if let Some((sender, _)) = &self.writer
            && !failed_before
        {
            let job = Job::Rebase {
                log: self.log_for(original),
                replaces: self.entry_for(original),
                original: absolute.clone(),
                header,
                convention: Arc::clone(convention),
            };
            if sender.send(job).is_ok() {
                self.logged.lock().expect("not poisoned").insert(absolute);
                return Ok(());
            }
            return Err(problem(std::io::Error::other("journal writer stopped")));
        }
        // The whole state replaces a change log, which must not add to it afterwards; one
        // the writer failed to start afresh still holds an older state, and goes too.
        self.forget_log(original);
        if failed_before {
            self.flush();
            let _ = std::fs::remove_file(self.log_for(original));
        }
        let text = format!("{header}{SEPARATOR}{}", to_ron_string(convention));
        write_atomically(&self.entry_for(original), text.as_bytes()).map_err(problem)
    }

    /// Ends the change log of `original`, once the writer has finished with it.
    fn forget_log(&self, original: &Path) {
        let absolute = absolute(original);
        let was_logged = self.logged.lock().expect("not poisoned").remove(&absolute);
        self.failed.lock().expect("not poisoned").remove(&absolute);
        if was_logged {
            self.flush();
            let _ = std::fs::remove_file(self.log_for(original));
        }
    }

    /// Forgets this instance's unsaved state of `original` (after a save or a discard).
    /// Other instances' entries are never touched.
    pub fn clear(&self, original: &Path) {
        self.forget_log(original);
        let _ = std::fs::remove_file(self.entry_for(original));
    }

    /// Entries left by instances that are no longer running, oldest file first by path.
    /// Unreadable ones are skipped (and kept).
    pub fn pending(&self) -> Vec<Pending> {
        let logs = self
            .entries_with("", ".log")
            .into_iter()
            .filter(|(_, rest)| {
                rest.split_once('.')
                    .is_some_and(|(_, instance)| !self.is_running(instance))
            })
            .filter_map(|(name, _)| {
                let entry = self.dir.join(name);
                let bytes = std::fs::read(&entry).ok()?;
                let header_end = bytes.iter().position(|&b| b == b'\n')?;
                let header: Header =
                    ron::from_str(std::str::from_utf8(&bytes[..header_end]).ok()?).ok()?;
                let frames = frames(&bytes[header_end + 1..])?;
                let (&(b'B', base), changes) = frames.split_first()? else {
                    return None;
                };
                let mut convention = from_ron_str(std::str::from_utf8(base).ok()?).ok()?;
                for (tag, change) in changes {
                    if *tag != b'C' {
                        return None;
                    }
                    let change: Replacement =
                        ron::from_str(std::str::from_utf8(change).ok()?).ok()?;
                    // As undoing it would in the session: a change whose fiche is gone is
                    // skipped.
                    change.apply(&mut convention);
                }
                Some(Pending {
                    original: header.original,
                    loaded_hash: header.loaded_hash,
                    convention,
                    entry,
                })
            });
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
            .chain(logs)
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
        // Every change sent is written before the instance is seen as gone.
        if let Some((sender, handle)) = self.writer.take() {
            drop(sender);
            let _ = handle.join();
        }
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
