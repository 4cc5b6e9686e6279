//! A document's life: edits and their undo / redo, saving and its questions, reloads from
//! disk, the session's claim on its files and crash recovery. State only: every file access
//! goes through [`crate::storage`].

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};

use super::edit::{Change, EditTarget, Snapshot, TargetKey};
use super::{App, FieldInput};
use crate::model::Convention;
use crate::rules::{Finding, Severity};
use crate::storage::{self, Claim, Journal, OnDisk, Pending, SaveOutcome, Written};

/// A loaded convention and its findings, kept current.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// Shared with a save in flight, which writes it from its worker thread without a
    /// copy; an edit made meanwhile copies it first (`Arc::make_mut`), so the save writes
    /// the state it began with, whole (issue 17).
    pub convention: Arc<Convention>,
    pub findings: Vec<Finding>,
    /// Lookups into `convention` and `findings` for drawing ([`Document::lookup`]): emptied
    /// whenever the findings are set, worked out again at the first frame that asks.
    pub(crate) lookups: std::sync::OnceLock<super::views::Lookup>,
    /// Each fiche's own findings, kept so that an edit re-checks the fiche it changed and
    /// the document-wide relations, not every fiche (issue 17).
    pub(crate) recheck: crate::rules::Recheck,
    /// Lengths of `undo` and `redo` at the last [`App::after_change`], to tell which step of
    /// the history the next one follows (the journal records that step alone).
    pub history_mark: (usize, usize),
    /// Hash of the file as loaded or last saved: a save checks the disk still holds it.
    pub loaded_hash: Option<u64>,
    /// The file as loaded or last saved, when known: a change the watcher reports on a file
    /// that still has it is not read again (`storage::Fingerprint`).
    pub loaded_fingerprint: Option<storage::Fingerprint>,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    /// Length of `undo` when the file and the model last agreed; `None` after a recovery.
    pub saved_at: Option<usize>,
    /// Whether the canonical writer was found (or accepted) not to lose anything of the file.
    pub format_checked: bool,
    /// Open in another revue session and opened here read-only: no edit, no save.
    pub read_only: bool,
    /// The reviewer's dispositions and notes, from `NAME.revue.ron` (issue 15).
    pub review: super::review::ReviewState,
}

impl Document {
    /// What frames look up in the document (fiches by id, findings by fiche, cell and tab),
    /// worked out once per change of the findings.
    pub fn lookup(&self) -> &super::views::Lookup {
        self.lookups.get_or_init(|| {
            let positions = self.recheck.fiche_positions();
            super::views::Lookup::of(&self.convention, &self.findings, positions)
        })
    }

    pub fn is_modified(&self) -> bool {
        self.saved_at != Some(self.undo.len())
    }

    /// A new change on top of the history: what could be redone is gone, and with it the
    /// saved state if it was there (saved, undone, then edited: the file's state can no longer
    /// be reached, and the undo depth alone would say "unmodified").
    fn record(&mut self, change: Change) {
        if self.saved_at.is_some_and(|at| at > self.undo.len()) {
            self.saved_at = None;
        }
        self.undo.push(change);
        self.redo.clear();
    }

    fn shown_path(&self) -> String {
        crate::text::sanitize_line(&self.path.display().to_string()).into_owned()
    }
}

/// What the user has agreed to for one save, answering a question about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Consent {
    /// Replace the file although it changed on disk, or was deleted, since it was loaded.
    pub overwrite_changes: bool,
    /// Replace the file although the user has no write permission on it.
    pub overwrite_read_only: bool,
}

/// Questions that stop everything else until answered. When one arrives while another is
/// open it waits its turn ([`App::ask`]): no question is ever lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Quitting with unsaved edits: save, discard or cancel.
    Quit,
    /// The first save of a file the canonical writer would reformat (comments, layout).
    FormatLoss { document: usize },
    /// The file changed on disk since it was loaded: reload, overwrite or save a copy.
    Conflict { document: usize },
    /// The file was deleted or renamed since it was loaded: write it again or save a copy.
    Missing { document: usize },
    /// The user has no write permission on the file: overwrite anyway or cancel.
    ReadOnlyFile { document: usize, consent: Consent },
    /// Unsaved edits found from a session that did not end cleanly.
    Recover,
    /// These documents are open for editing in another revue session.
    AlreadyOpen { documents: Vec<(usize, u32)> },
    /// Something the user must read (e.g. what they typed and could not be applied).
    Notice(String),
    /// Removing an item of the fiche open in the editor that holds figures.
    RemoveItem {
        document: usize,
        key: TargetKey,
        field: super::edit::Field,
        what: String,
    },
    /// Removing an axe, a fiche, a table, a row, an indicator or a statement that holds
    /// figures (issue 16).
    RemoveStructure {
        document: usize,
        removal: super::structure::Removal,
        what: String,
    },
}

impl Dialog {
    /// Which question this is, for the answers it takes.
    pub fn kind(&self) -> crate::keys::DialogKind {
        use crate::keys::DialogKind as K;
        match self {
            Dialog::Quit => K::Quit,
            Dialog::FormatLoss { .. } => K::FormatLoss,
            Dialog::Conflict { .. } => K::Conflict,
            Dialog::Missing { .. } => K::Missing,
            Dialog::ReadOnlyFile { .. } => K::ReadOnlyFile,
            Dialog::Recover => K::Recover,
            Dialog::AlreadyOpen { .. } => K::AlreadyOpen,
            Dialog::Notice(_) => K::Notice,
            Dialog::RemoveItem { .. } | Dialog::RemoveStructure { .. } => K::RemoveItem,
        }
    }
}

impl App {
    /// Opens `dialog`, or queues it behind the one already open.
    pub fn ask(&mut self, dialog: Dialog) {
        if self.dialog.is_none() {
            self.dialog = Some(dialog);
        } else if self.dialog.as_ref() != Some(&dialog) && !self.queued.contains(&dialog) {
            self.queued.push_back(dialog);
        }
    }

    /// Closes the open question and shows the next one waiting, if any.
    fn close_dialog(&mut self) {
        self.dialog = self.queued.pop_front();
    }

    /// The text of a question, as the dialog shows it.
    pub fn dialog_message(&self, dialog: &Dialog) -> String {
        let text = self.text();
        let path_of = |d: usize| {
            self.documents
                .get(d)
                .map(Document::shown_path)
                .unwrap_or_default()
        };
        let question = match dialog {
            Dialog::Quit => text.dialog_quit.to_string(),
            Dialog::FormatLoss { document } => (text.dialog_format_loss)(&path_of(*document)),
            Dialog::Conflict { document } => (text.dialog_conflict)(&path_of(*document)),
            Dialog::Missing { document } => (text.dialog_missing)(&path_of(*document)),
            Dialog::ReadOnlyFile { document, .. } => {
                (text.dialog_read_only_file)(&path_of(*document))
            }
            Dialog::Recover => {
                let paths: Vec<String> = self
                    .recovery
                    .iter()
                    .map(|p| {
                        format!(
                            "  {}",
                            crate::text::sanitize_line(&p.original.display().to_string())
                        )
                    })
                    .collect();
                (text.dialog_recover)(&paths.join("\n"))
            }
            Dialog::AlreadyOpen { documents } => {
                let paths: Vec<String> = documents
                    .iter()
                    .map(|&(d, pid)| (text.held_by)(&path_of(d), pid))
                    .collect();
                (text.dialog_already_open)(&paths.join("\n"))
            }
            Dialog::Notice(message) => message.clone(),
            Dialog::RemoveItem { what, .. } | Dialog::RemoveStructure { what, .. } => {
                (text.dialog_remove_item)(what, &self.key_name(super::Action::Undo))
            }
        };
        // The answers, with the keys bound to them.
        format!("{question}\n\n{}", self.dialog_hint(dialog.kind()))
    }

    /// Starts the session's bookkeeping: claims every open file for editing (a file another
    /// running revue has open is offered read-only), then offers the edits that crashed or
    /// killed sessions left in the journal.
    pub fn start_session(&mut self, journal: Journal) {
        let claims = journal.claim_all(self.documents.iter().map(|d| d.path.as_path()));
        let held: Vec<(usize, u32)> = claims
            .into_iter()
            .enumerate()
            .filter_map(|(d, claim)| match claim {
                Claim::Claimed => None,
                Claim::HeldElsewhere { pid } => Some((d, pid)),
            })
            .collect();
        let pending = journal.pending();
        self.journal = Some(journal);
        if !held.is_empty() {
            self.ask(Dialog::AlreadyOpen { documents: held });
        }
        self.offer_recovery(pending);
    }

    /// The session ends: its claims on files go; its journal entries stay for unsaved edits.
    pub fn end_session(&mut self) {
        if let Some(journal) = &mut self.journal {
            journal.end();
        }
    }

    /// Applies an edit as one undoable change, then brings findings, search keys and the
    /// crash journal up to date: the next frame shows the consequences.
    pub fn commit(
        &mut self,
        document: usize,
        target: EditTarget,
        change: impl FnOnce(&mut Convention),
    ) {
        if self.refused_as_read_only(document) {
            return;
        }
        let doc = &mut self.documents[document];
        let before = Snapshot::take(&doc.convention, target);
        change(Arc::make_mut(&mut doc.convention));
        let after = Snapshot::take(&doc.convention, target);
        if before == after {
            return;
        }
        doc.record(Change { before, after });
        self.after_change(document);
    }

    /// Whether `document` may not be changed (it is open read-only, or there is no such
    /// document); says so on the status line when it is read-only.
    pub(crate) fn refused_as_read_only(&mut self, document: usize) -> bool {
        let Some(doc) = self.documents.get(document) else {
            return true;
        };
        if doc.read_only {
            let path = doc.shown_path();
            self.status = Some((Some(Severity::Warning), (self.text().read_only)(&path)));
        }
        doc.read_only
    }

    /// After any change to a document (edit, undo, reload, recovery): findings, search keys,
    /// journal, and everything that points into the document found again by identity.
    pub(crate) fn after_change(&mut self, document: usize) {
        if let Some(flight) = &mut self.saving.in_flight
            && flight.document == document
        {
            flight.changed_meanwhile = true;
        }
        let doc = &mut self.documents[document];
        let changed = changed_fiches(doc, doc.history_mark);
        let findings = doc.recheck.check(&doc.convention, &self.rules, &changed);
        let replaced = (
            std::mem::replace(&mut doc.findings, findings),
            std::mem::take(&mut doc.lookups),
        );
        let large = replaced.0.len() >= LARGE_FINDINGS;
        drop_aside(replaced, large);
        self.update_index(document);
        let doc = &mut self.documents[document];
        let mark = std::mem::replace(&mut doc.history_mark, (doc.undo.len(), doc.redo.len()));
        if let Some(journal) = &self.journal {
            let result = if doc.is_modified() {
                let loaded_hash = doc.loaded_hash.unwrap_or_default();
                // One step of the history (an edit, an undo, a redo) is recorded as the one
                // fiche or table it changed; anything else, as the whole convention.
                let step = journal_step(doc, mark);
                match step {
                    Some((change, before)) => journal
                        .record_change(
                            &doc.path,
                            loaded_hash,
                            doc.saved_at == Some(before),
                            &change,
                        )
                        .and_then(|recorded| {
                            if recorded {
                                Ok(())
                            } else {
                                journal.record(&doc.path, loaded_hash, &doc.convention)
                            }
                        }),
                    None => {
                        // A structural step's snapshot is this very state: the journal's
                        // writer reads that one, so that an edit made while it writes does
                        // not copy the document's convention (`Arc::make_mut`).
                        let whole = match history_step(doc, mark) {
                            Some((Snapshot::Convention(state), _)) => state,
                            _ => &doc.convention,
                        };
                        journal.record(&doc.path, loaded_hash, whole)
                    }
                }
            } else {
                journal.clear(&doc.path);
                Ok(())
            };
            if let Err(problem) = result {
                self.status = Some((
                    Some(Severity::Warning),
                    (self.text().journal_failed)(&problem.describe(self.lang)),
                ));
            }
        }
        self.retarget_editor(document);
        // Results name entries of the index, which the change renumbered: search again.
        if let Some(palette) = &mut self.palette {
            palette.narrowing = None;
            self.search_typed();
        }
        self.retarget_selections();
    }
}

impl App {
    /// A structural step (issue 16): [`App::commit`] on the whole convention, its state
    /// before shared with the previous step's state after when they are the same, so that a
    /// run of structural steps keeps one copy of the convention per step, not two.
    pub(crate) fn commit_structure(
        &mut self,
        document: usize,
        change: impl FnOnce(&mut Convention),
    ) {
        if self.refused_as_read_only(document) {
            return;
        }
        let doc = &mut self.documents[document];
        let before = match doc.undo.last() {
            Some(Change {
                after: Snapshot::Convention(last),
                ..
            }) if **last == *doc.convention => Arc::clone(last),
            _ => Arc::clone(&doc.convention),
        };
        change(Arc::make_mut(&mut doc.convention));
        if *before == *doc.convention {
            return;
        }
        // A copy of its own, not the document's: sharing it would make the next edit of any
        // kind copy the whole convention (`Arc::make_mut`).
        let after = Arc::new((*doc.convention).clone());
        doc.record(Change {
            before: Snapshot::Convention(before),
            after: Snapshot::Convention(after),
        });
        self.after_change(document);
    }
}

/// The state that one step through its history since `mark` (the lengths of its undo and
/// redo stacks then) put in `doc`, and the length of the undo stack before it; `None` when
/// the document changed otherwise (several steps, a reload).
fn history_step(doc: &Document, mark: (usize, usize)) -> Option<(&Snapshot, usize)> {
    let (undo, redo) = (doc.undo.len(), doc.redo.len());
    if undo == mark.0 + 1 && (redo == 0 || redo + 1 == mark.1) {
        // An edit (which empties redo) or a redo: the state after the last change.
        Some((&doc.undo.last()?.after, mark.0))
    } else if undo + 1 == mark.0 && redo == mark.1 + 1 {
        // An undo: the state before the change it took back.
        Some((&doc.redo.last()?.before, mark.0))
    } else {
        None
    }
}

/// From this many findings, what a change replaced is freed on another thread.
const LARGE_FINDINGS: usize = 500;

/// Drops `value` on a thread of its own when it is `large`: freeing the findings and lookups
/// a change replaced was a tenth of an edit's commit at 5 000 fiches (issue 17), and nothing
/// waits for it.
fn drop_aside<T: Send + 'static>(value: T, large: bool) {
    if large {
        // Should the thread not start, the value is dropped here with the closure refused.
        let _ = std::thread::Builder::new()
            .name("drop".into())
            .spawn(move || drop(value));
    } else {
        drop(value);
    }
}

/// Which fiches the change since `mark` may have touched, for the re-check: the one fiche a
/// step of the history wrote (found where its snapshot now is, and only if it is there as the
/// snapshot holds it), none for a table of the document; anything else, every fiche.
fn changed_fiches(doc: &Document, mark: (usize, usize)) -> crate::rules::Changed {
    use crate::rules::Changed;
    match history_step(doc, mark) {
        Some((Snapshot::Fiche(key, fiche), _)) => {
            let Some(at) = key.find(&doc.convention) else {
                return Changed::Everything;
            };
            if at.get(&doc.convention) != fiche.as_ref() {
                return Changed::Everything;
            }
            let before: usize = doc.convention.axes[..at.axe]
                .iter()
                .map(|axe| axe.fiches.len())
                .sum();
            Changed::Fiches(vec![before + at.fiche])
        }
        Some((Snapshot::Table(..), _)) => Changed::Fiches(Vec::new()),
        // Several steps, a reload, and any kind of change that comes later: every fiche.
        _ => Changed::Everything,
    }
}

/// The change that took `doc` one step through its history since `mark`, as the journal
/// records it, and the length of the undo stack before it; `None` when the document changed
/// otherwise (several steps, a reload).
fn journal_step(doc: &Document, mark: (usize, usize)) -> Option<(storage::Replacement, usize)> {
    let (snapshot, before) = history_step(doc, mark)?;
    let change = match snapshot {
        Snapshot::Fiche(key, fiche) => storage::Replacement::Fiche {
            id: key.id.clone(),
            occurrence: key.occurrence,
            fiche: fiche.clone(),
        },
        Snapshot::Table(id, table) => storage::Replacement::Table {
            id: id.clone(),
            table: table.clone(),
        },
        // A structural step: the journal records the whole convention.
        Snapshot::Convention(_) => return None,
    };
    Some((change, before))
}

impl App {
    /// The open editor follows its fiche or row by identity after the document changed
    /// under it. When the fiche or row is gone, or the field being typed was changed or
    /// removed, the user is told, and what they typed is shown to them, never dropped and
    /// never applied elsewhere.
    fn retarget_editor(&mut self, document: usize) {
        let Some(mut editor) = self.editor.take() else {
            return;
        };
        if editor.document != document {
            self.editor = Some(editor);
            return;
        }
        let text = self.text();
        let confirm = self.typing_key_name(crate::keys::TypingAction::Confirm);
        let cancel = self.typing_key_name(crate::keys::TypingAction::Cancel);
        let c = &self.documents[document].convention;
        let typed = editor.typed_text();
        let Some(target) = editor.key.resolve(c) else {
            let name = crate::text::sanitize_line(editor.key.name()).into_owned();
            self.ask(Dialog::Notice((text.editor_target_gone)(
                &name,
                typed.as_deref(),
            )));
            return;
        };
        let selected = editor.fields.get(editor.scroll.selected).copied();
        editor.target = target;
        editor.key = TargetKey::of(c, target);
        editor.fields = super::editor::fields_of(c, target);
        let height = self.editor_height();
        let len = editor.fields.len();
        let position = selected.and_then(|f| editor.fields.iter().position(|x| *x == f));
        match (position, selected) {
            (Some(position), Some(field)) => {
                editor.scroll.select(position, len, height);
                if let Some(FieldInput::Text { original, .. }) = &editor.input {
                    let now = super::edit::current_text(c, target, field, self.lang.numbers());
                    if &now != original {
                        editor.error = Some((text.editor_field_changed)(
                            &crate::text::sanitize_line(&crate::text::shorten(&now, 200)),
                            &confirm,
                            &cancel,
                        ));
                    }
                }
            }
            _ => {
                let selected = editor.scroll.selected;
                editor.scroll.select(selected, len, height);
                if editor.input.take().is_some() {
                    self.ask(Dialog::Notice((text.editor_field_gone)(typed.as_deref())));
                }
            }
        }
        self.editor = Some(editor);
    }

    /// Takes back every change made since the undo stack was `depth` deep, as if never made
    /// (nothing goes to redo): an item added then cancelled.
    pub(crate) fn discard_changes_since(&mut self, document: usize, depth: usize) {
        let doc = &mut self.documents[document];
        if doc.undo.len() <= depth {
            return;
        }
        for change in doc.undo.drain(depth..).rev() {
            change.before.restore(Arc::make_mut(&mut doc.convention));
        }
        self.after_change(document);
    }

    /// Makes the changes since the undo stack was `depth` deep one change (an item added and
    /// its first value: one `u` takes both back).
    pub(crate) fn merge_changes_since(&mut self, document: usize, depth: usize) {
        let doc = &mut self.documents[document];
        if doc.undo.len() <= depth + 1 {
            return;
        }
        let mut changes: Vec<Change> = doc.undo.drain(depth..).collect();
        let last = changes.pop().expect("more than one change");
        let first = changes.swap_remove(0);
        let after = whole_if_wider(&first.before, last.after, &doc.convention);
        doc.undo.push(Change {
            before: first.before,
            after,
        });
        if doc.saved_at.is_some_and(|at| at > depth) {
            doc.saved_at = None;
        }
        // The journal already holds both steps; the next one is counted from here.
        doc.history_mark = (doc.undo.len(), doc.redo.len());
    }

    pub fn undo(&mut self) {
        self.step_history(true);
    }

    pub fn redo(&mut self) {
        self.step_history(false);
    }

    fn step_history(&mut self, back: bool) {
        let document = self.current;
        let text = self.text();
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        let (from, to) = if back {
            (&mut doc.undo, &mut doc.redo)
        } else {
            (&mut doc.redo, &mut doc.undo)
        };
        let Some(change) = from.pop() else {
            let nothing = if back {
                text.nothing_to_undo
            } else {
                text.nothing_to_redo
            };
            self.status = Some((None, nothing.to_string()));
            return;
        };
        let state = if back { &change.before } else { &change.after };
        state.restore(Arc::make_mut(&mut doc.convention));
        to.push(change);
        self.after_change(document);
    }

    /// Ctrl-S: saves the convention shown.
    pub fn save_current(&mut self) {
        self.save(self.current, Consent::default());
    }

    /// Saves one document through [`storage::save`], which reads the disk once and says what
    /// stands in the way: a change made on disk, a deleted file, comments the canonical form
    /// would drop, a read-only file. Each becomes a question when the save ends
    /// ([`App::finish_save`]), before anything is written; `consent` carries the answers
    /// already given.
    ///
    /// The save runs on a worker thread on the convention as it is now, shared without a
    /// copy: serialising, reading back and fsyncing a 5 000-fiche convention takes a few
    /// hundred milliseconds, which the UI thread never waits for (issue 17). One save runs at
    /// a time: another is refused with a message while it does. Returns whether a save began
    /// (or there was nothing to save).
    pub fn save(&mut self, document: usize, consent: Consent) -> bool {
        let text = self.text();
        let lang = self.lang;
        if let Some(flight) = &self.saving.in_flight {
            let path = self.documents[flight.document].shown_path();
            self.status = Some((
                Some(Severity::Warning),
                (crate::strings::background_save(lang).save_in_progress)(&path),
            ));
            return false;
        }
        if self.refused_as_read_only(document) {
            return false;
        }
        let doc = &mut self.documents[document];
        if !doc.is_modified() && !consent.overwrite_changes {
            self.status = Some((None, text.nothing_to_save.to_string()));
            return true;
        }
        let policy = storage::SavePolicy {
            loaded_hash: doc.loaded_hash,
            overwrite_changes: consent.overwrite_changes,
            accept_format_loss: doc.format_checked,
            overwrite_read_only: consent.overwrite_read_only,
        };
        let waker = self.saving.waker.clone();
        let started = storage::save_in_background(
            doc.path.clone(),
            Arc::clone(&doc.convention),
            policy,
            move || {
                if let Some(wake) = waker {
                    wake();
                }
            },
        );
        self.saving_began(document, consent, started)
    }

    /// "Save a copy" (after a conflict): the convention written beside its file on the
    /// worker thread, as a save is (serialising it is most of the time: ~130 ms at 5 000
    /// fiches). The document stays modified: its file is not written.
    fn save_copy(&mut self, document: usize) -> bool {
        if let Some(flight) = &self.saving.in_flight {
            let path = self.documents[flight.document].shown_path();
            self.status = Some((
                Some(Severity::Warning),
                (crate::strings::background_save(self.lang).save_in_progress)(&path),
            ));
            return false;
        }
        let Some(doc) = self.documents.get(document) else {
            return false;
        };
        let waker = self.saving.waker.clone();
        let started = storage::save_copy_in_background(
            doc.path.clone(),
            Arc::clone(&doc.convention),
            move || {
                if let Some(wake) = waker {
                    wake();
                }
            },
        );
        self.saving_began(document, Consent::default(), started)
    }

    /// After a save or a copy was handed to its worker: "saving…", or why it could not start.
    fn saving_began(
        &mut self,
        document: usize,
        consent: Consent,
        started: std::io::Result<storage::BackgroundSave>,
    ) -> bool {
        let text = self.text();
        let lang = self.lang;
        let doc = &self.documents[document];
        match started {
            Ok(job) => {
                self.saving.in_flight = Some(SaveInFlight {
                    document,
                    consent,
                    changed_meanwhile: false,
                    disk_changed_meanwhile: false,
                    job,
                });
                self.status = Some((
                    None,
                    (crate::strings::background_save(lang).saving)(&doc.shown_path()),
                ));
                if self.saving.waker.is_none() {
                    // No event loop to wake (a test, a script): nobody else would take the
                    // result, so it is waited for here.
                    self.finish_save();
                }
                true
            }
            Err(e) => {
                let problem = storage::IoProblem::new(&doc.path, &e);
                self.status = Some((
                    Some(Severity::Error),
                    (text.save_failed)(&crate::text::sanitize_line(&problem.describe(lang))),
                ));
                false
            }
        }
    }

    /// Whether a save runs on its worker thread.
    pub fn save_in_flight(&self) -> bool {
        self.saving.in_flight.is_some()
    }

    /// The "saving…" message, while a save runs and no other message is shown: an action
    /// clears the status line, the save goes on.
    pub fn show_save_in_flight(&mut self) {
        if self.status.is_none()
            && let Some(flight) = &self.saving.in_flight
        {
            let path = self.documents[flight.document].shown_path();
            self.status = Some((
                None,
                (crate::strings::background_save(self.lang).saving)(&path),
            ));
        }
    }

    /// Takes the result of the save in flight, waiting for its worker if it is still
    /// writing (the event loop calls it when the worker wakes it; quitting, to wait for the
    /// save): the document is saved (and no longer modified, unless it was edited
    /// meanwhile), or a question is asked, or the failure is shown and the edits stay.
    pub fn finish_save(&mut self) {
        let Some(flight) = self.saving.in_flight.take() else {
            return;
        };
        let document = flight.document;
        let result = flight.job.wait();
        let text = self.text();
        let lang = self.lang;
        let saved = matches!(result, Ok(Written::File(SaveOutcome::Saved { .. })));
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        let strings = crate::strings::background_save(lang);
        if self.status.as_ref().is_some_and(|(_, message)| {
            *message == (strings.saving)(&doc.shown_path())
                || *message == (strings.waiting_for_save)(&doc.shown_path())
        }) {
            self.status = None;
        }
        let dialog = match result {
            Ok(Written::File(SaveOutcome::Saved { hash, fingerprint })) => {
                doc.loaded_hash = Some(hash);
                doc.loaded_fingerprint = Some(fingerprint);
                doc.format_checked = true;
                if flight.changed_meanwhile {
                    // What was written is the state the save began with, not the one shown:
                    // the document stays modified until the next save, and its unsaved
                    // edits are kept against a crash relative to the file now on disk.
                    doc.saved_at = None;
                    if let Some(journal) = &self.journal
                        && let Err(problem) = journal.record(&doc.path, hash, &doc.convention)
                    {
                        self.status = Some((
                            Some(Severity::Warning),
                            (text.journal_failed)(&problem.describe(lang)),
                        ));
                    }
                } else {
                    doc.saved_at = Some(doc.undo.len());
                    if let Some(journal) = &self.journal {
                        journal.clear(&doc.path);
                    }
                }
                if self.status.is_none() {
                    self.status = Some((None, (text.saved)(&doc.shown_path())));
                }
                None
            }
            Ok(Written::File(SaveOutcome::Conflict { .. })) => Some(Dialog::Conflict { document }),
            Ok(Written::File(SaveOutcome::Missing)) => Some(Dialog::Missing { document }),
            Ok(Written::File(SaveOutcome::FormatLoss)) => Some(Dialog::FormatLoss { document }),
            Ok(Written::File(SaveOutcome::ReadOnly)) => Some(Dialog::ReadOnlyFile {
                document,
                consent: flight.consent,
            }),
            Err(problem) => {
                self.status = Some((
                    Some(Severity::Error),
                    (text.save_failed)(&crate::text::sanitize_line(&problem.describe(lang))),
                ));
                None
            }
            // A copy: the document and its file are as they were.
            Ok(Written::Copy(copy)) => {
                let shown = crate::text::sanitize_line(&copy.display().to_string()).into_owned();
                self.status = Some((None, (text.saved)(&shown)));
                None
            }
        };
        if let Some(dialog) = dialog {
            self.ask(dialog);
        }
        if flight.disk_changed_meanwhile {
            // Told while the save ran, when the file was about to be replaced: looked at
            // again now, against what the save wrote.
            let path = self.documents[document].path.clone();
            self.file_changed(&path);
        }
        if std::mem::take(&mut self.saving.quit_when_done) {
            self.request_quit();
        }
        if self.saving.quit_when_saved {
            if saved {
                self.save_next_then_quit();
            } else {
                // A question or a failure: the user decides again.
                self.saving.quit_when_saved = false;
            }
        }
    }

    /// "Save and quit": saves the next modified document, or quits once none is left.
    fn save_next_then_quit(&mut self) {
        if self.saving.in_flight.is_some() {
            return; // Continued when that save ends.
        }
        match (0..self.documents.len()).find(|&d| self.documents[d].is_modified()) {
            None => {
                self.saving.quit_when_saved = false;
                self.should_quit = true;
            }
            Some(document) => {
                if !self.save(document, Consent::default()) {
                    self.saving.quit_when_saved = false;
                }
            }
        }
    }

    /// `q`: quits, or asks first when edits are unsaved.
    pub fn request_quit(&mut self) {
        if let Some(flight) = &self.saving.in_flight {
            // Its result decides whether edits are unsaved: asked again when it ends
            // ([`App::finish_save`]); keys keep working meanwhile.
            let path = self.documents[flight.document].shown_path();
            self.status = Some((
                None,
                (crate::strings::background_save(self.lang).waiting_for_save)(&path),
            ));
            self.saving.quit_when_done = true;
            return;
        }
        if self.documents.iter().any(|d| d.is_modified()) {
            self.ask(Dialog::Quit);
        } else {
            self.should_quit = true;
        }
    }

    pub fn dialog_key(&mut self, key: &KeyEvent) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        // Answers are letters whatever the Caps Lock: `O` answers as `o` does.
        let lowered = match key.code {
            KeyCode::Char(c) => KeyEvent::new(KeyCode::Char(c.to_ascii_lowercase()), key.modifiers),
            _ => *key,
        };
        let answers = dialog.kind().answers();
        let Some(answer) = [key, &lowered]
            .into_iter()
            .filter_map(|k| self.keymap.dialog.action(k))
            .find(|a| answers.contains(a))
        else {
            return;
        };
        use crate::keys::DialogAction as A;
        let answered = match (&dialog, answer) {
            (Dialog::Quit, A::Save) => {
                self.close_dialog();
                // One document after the other, each save's result waited for
                // ([`App::finish_save`]); a question or a failure stops the quit.
                self.saving.quit_when_saved = true;
                self.save_next_then_quit();
                return;
            }
            (Dialog::Quit, A::Discard) => {
                // Only this session's own entries: edits offered for recovery and not yet
                // decided stay in the journal.
                if let Some(journal) = &self.journal {
                    for doc in self.documents.iter().filter(|d| d.is_modified()) {
                        journal.clear(&doc.path);
                    }
                }
                self.should_quit = true;
                true
            }
            (Dialog::FormatLoss { document }, A::Yes | A::Ok) => {
                let document = *document;
                self.close_dialog();
                self.documents[document].format_checked = true;
                self.save(document, Consent::default());
                return;
            }
            (Dialog::Conflict { document }, A::Reload) => {
                let document = *document;
                self.close_dialog();
                self.reload(document);
                return;
            }
            (Dialog::Conflict { document } | Dialog::Missing { document }, A::Yes | A::Save) => {
                let document = *document;
                self.close_dialog();
                let consent = Consent {
                    overwrite_changes: true,
                    ..Consent::default()
                };
                self.save(document, consent);
                return;
            }
            (Dialog::ReadOnlyFile { document, consent }, A::Yes) => {
                let (document, consent) = (*document, *consent);
                self.close_dialog();
                let consent = Consent {
                    overwrite_read_only: true,
                    ..consent
                };
                self.save(document, consent);
                return;
            }
            (Dialog::Conflict { document } | Dialog::Missing { document }, A::Copy) => {
                let document = *document;
                self.close_dialog();
                self.save_copy(document);
                return;
            }
            (Dialog::Recover, A::Reload) => {
                self.recover();
                true
            }
            (Dialog::Recover, A::Discard) => {
                if let Some(journal) = &self.journal {
                    for pending in &self.recovery {
                        journal.forget(pending);
                    }
                }
                self.recovery.clear();
                true
            }
            (Dialog::Recover, A::Cancel) => {
                // Decided later: the entries stay in the journal, offered again next start.
                self.recovery.clear();
                self.status = Some((None, self.text().recovery_deferred.to_string()));
                true
            }
            (Dialog::AlreadyOpen { documents }, A::ReadOnly | A::Cancel) => {
                for &(document, _) in documents {
                    if let Some(doc) = self.documents.get_mut(document) {
                        doc.read_only = true;
                    }
                }
                true
            }
            (Dialog::AlreadyOpen { .. }, A::Yes) => true,
            (Dialog::AlreadyOpen { .. }, A::Quit) => {
                self.should_quit = true;
                true
            }
            (Dialog::Notice(_), A::Ok | A::Cancel) => true,
            (
                Dialog::RemoveItem {
                    document,
                    key,
                    field,
                    ..
                },
                A::Yes,
            ) => {
                // Only on the fiche it was asked about, should anything have moved meanwhile.
                if let Some(mut editor) = self.editor.take() {
                    if editor.document == *document && editor.key == *key {
                        self.remove_item_now(&mut editor, *field);
                    }
                    self.editor = Some(editor);
                }
                true
            }
            (Dialog::RemoveItem { .. }, A::Cancel) => true,
            (
                Dialog::RemoveStructure {
                    document,
                    removal,
                    what,
                },
                A::Yes,
            ) => {
                self.remove_now(*document, removal, what);
                true
            }
            (Dialog::RemoveStructure { .. }, A::Cancel) => true,
            (
                Dialog::Quit
                | Dialog::FormatLoss { .. }
                | Dialog::Conflict { .. }
                | Dialog::Missing { .. }
                | Dialog::ReadOnlyFile { .. },
                A::Cancel,
            ) => true,
            _ => false,
        };
        if answered {
            self.close_dialog();
        }
    }

    /// Replaces a document with the file on disk, dropping its edits. The editor and the
    /// selections follow their fiches by identity.
    pub fn reload(&mut self, document: usize) {
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        match storage::load_file(&doc.path) {
            Ok(file) => {
                doc.convention = Arc::new(file.convention);
                doc.loaded_hash = Some(file.hash);
                doc.loaded_fingerprint = file.fingerprint;
                doc.undo.clear();
                doc.redo.clear();
                doc.saved_at = Some(0);
                doc.format_checked = false;
                if let Some(journal) = &self.journal {
                    journal.clear(&doc.path);
                }
                let path = doc.shown_path();
                self.after_change(document);
                let message = (self.text().reloaded)(&path);
                // A message about the editor (set by the retargeting) comes first.
                if self.status.is_none() {
                    self.status = Some((None, message));
                }
            }
            Err(e) => {
                let message = crate::text::sanitize_line(&e.describe(self.lang)).into_owned();
                self.status = Some((Some(Severity::Error), message));
            }
        }
    }

    /// A file changed on disk. Without unsaved edits it is reloaded at once; with them, the
    /// next save will ask. Returns whether anything shown changed.
    pub fn file_changed(&mut self, path: &Path) -> bool {
        if storage::is_review_file_name(path) {
            return self.review_file_changed(path);
        }
        let Some(document) = self
            .documents
            .iter()
            .position(|d| storage::same_file(&d.path, path))
        else {
            return false;
        };
        if let Some(flight) = &mut self.saving.in_flight
            && flight.document == document
        {
            // Most likely the save's own rename: looked at when the save ends, against the
            // hash of what it wrote.
            flight.disk_changed_meanwhile = true;
            return false;
        }
        let text = self.text();
        let doc = &self.documents[document];
        let known = doc.loaded_fingerprint.zip(doc.loaded_hash);
        match storage::on_disk(&doc.path, known) {
            OnDisk::Hash(hash) if Some(hash) == doc.loaded_hash => false, // Our own save.
            OnDisk::Unreadable(_) => false, // Being replaced: the next event tells.
            OnDisk::Missing => {
                self.status = Some((
                    Some(Severity::Warning),
                    (text.file_missing)(&doc.shown_path(), &self.key_name(super::Action::Save)),
                ));
                true
            }
            OnDisk::Hash(_) if doc.is_modified() => {
                self.status = Some((
                    Some(Severity::Warning),
                    (text.changed_on_disk)(&doc.shown_path()),
                ));
                true
            }
            OnDisk::Hash(_) => {
                self.reload(document);
                true
            }
        }
    }

    /// Offers the journal's unsaved edits for the files that are open.
    pub fn offer_recovery(&mut self, pending: Vec<Pending>) {
        let open: Vec<Pending> = pending
            .into_iter()
            .filter(|p| {
                self.documents
                    .iter()
                    .any(|d| storage::same_file(&d.path, &p.original))
            })
            .collect();
        if !open.is_empty() {
            self.recovery = open;
            self.ask(Dialog::Recover);
        }
    }

    fn recover(&mut self) {
        for pending in std::mem::take(&mut self.recovery) {
            let Some(document) = self
                .documents
                .iter()
                .position(|d| storage::same_file(&d.path, &pending.original))
            else {
                continue;
            };
            let doc = &mut self.documents[document];
            doc.convention = Arc::new(pending.convention.clone());
            doc.loaded_hash = Some(pending.loaded_hash);
            doc.loaded_fingerprint = None;
            doc.undo.clear();
            doc.redo.clear();
            doc.saved_at = None;
            // Recorded in this session's own entry first, so the edits are never out of
            // the journal; then the dead session's entry can go.
            self.after_change(document);
            if let Some(journal) = &self.journal {
                journal.forget(&pending);
            }
        }
        let save = self.key_name(super::Action::Save);
        self.status = Some((None, (self.text().recovered)(&save)));
    }
}

/// The state after merged changes, restoring as much as the state before them does: a fiche
/// added (the whole convention before) then named (that fiche after) redoes as the whole
/// convention, or the redo would find no fiche to put its name on (issue 16).
fn whole_if_wider(before: &Snapshot, after: Snapshot, now: &Convention) -> Snapshot {
    if matches!(before, Snapshot::Convention(_)) && !before.same_kind(&after) {
        Snapshot::Convention(std::sync::Arc::new(now.clone()))
    } else {
        after
    }
}

/// The save running on a worker thread, if any, and what to do when it ends (issue 17).
#[derive(Default)]
pub struct Saving {
    in_flight: Option<SaveInFlight>,
    /// Called on the worker when a save ends, to wake the event loop, which then calls
    /// [`App::finish_save`]. Without one (no event loop: tests, scripts) [`App::save`]
    /// waits for the result itself.
    pub waker: Option<Arc<dyn Fn() + Send + Sync>>,
    /// "Save and quit" was chosen: quit once every modified document is saved.
    quit_when_saved: bool,
    /// `q` during a save: quit (or ask, if edits are still unsaved) when it ends.
    quit_when_done: bool,
}

struct SaveInFlight {
    document: usize,
    consent: Consent,
    /// The document changed after the save took its state: it stays modified.
    changed_meanwhile: bool,
    /// The watcher reported the file while the save ran.
    disk_changed_meanwhile: bool,
    job: storage::BackgroundSave,
}

/// Questions waiting behind the open one.
pub type DialogQueue = VecDeque<Dialog>;
