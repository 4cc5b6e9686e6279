//! The review in the app (issue 15): dispositions and notes on findings, statuses and notes
//! on fiches, the Anomalies tab's review filters, opening the source document and writing a
//! report. State only: the review file is read and written through [`crate::storage`], and
//! opening a document is a request that [`crate::tui`] carries out.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::{App, Tab};
use crate::model::{Disposition, FicheStatusReview, Review, Standing};
use crate::rules::{Finding, Rule, Severity, figures_of};
use crate::storage::{self, SaveOutcome, SavePolicy};

/// One convention's review as loaded, and what a save must find on disk.
#[derive(Debug, Clone, Default)]
pub struct ReviewState {
    pub review: Review,
    /// Hash of the review file as loaded or last saved; `None` when there was none.
    pub hash: Option<u64>,
    /// The review file could not be read: it is never overwritten (the message says why).
    pub unreadable: Option<String>,
}

/// What a note being typed is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    Finding { document: usize, key: String },
    Fiche { document: usize, fiche: String },
}

#[derive(Debug, Clone)]
pub struct NoteInput {
    pub target: NoteTarget,
    pub input: TextArea<'static>,
    /// The disposition the note is for (justifiée asks for a note first).
    pub disposition: Option<Disposition>,
}

/// A document to show at a line, outside the app: [`crate::tui`] suspends the terminal, runs
/// the pager or editor and comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub path: PathBuf,
    pub line: Option<u32>,
}

/// Which findings the Anomalies tab lists, besides its text filter (`v` steps through).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ReviewFilter {
    #[default]
    All,
    /// Not justified, or justified for figures that have changed since.
    Open,
    /// One rule's findings.
    Rule(Rule),
    /// One fiche's findings (normalised id).
    Fiche(String),
}

/// The review's part of the app state.
#[derive(Debug, Clone, Default)]
pub struct ReviewUi {
    pub filter: ReviewFilter,
    pub note: Option<NoteInput>,
    /// For the terminal to carry out.
    pub open: Option<OpenRequest>,
    /// Who the review is recorded as: the config's `reviewer`, else the login name (set by
    /// the command line, which asks the system).
    pub reviewer: String,
    /// The finding last jumped to from the Anomalies tab, while its place is shown.
    pub shown: Option<(usize, String)>,
}

/// Today as `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::model::review::civil_date((seconds / 86_400) as i64)
}

fn next_disposition(d: Disposition) -> Disposition {
    let all = Disposition::ALL;
    all[(all.iter().position(|x| *x == d).unwrap_or(0) + 1) % all.len()]
}

fn next_status(s: FicheStatusReview) -> FicheStatusReview {
    let all = FicheStatusReview::ALL;
    all[(all.iter().position(|x| *x == s).unwrap_or(0) + 1) % all.len()]
}

/// The size of a finding's gap, for the sort by gap: |stated − expected|, 0 when either is
/// not a number.
pub fn gap_of(finding: &Finding) -> rust_decimal::Decimal {
    let stated = finding
        .stated
        .as_deref()
        .and_then(|s| s.parse::<rust_decimal::Decimal>().ok());
    match (finding.expected, stated) {
        (Some(e), Some(s)) => s
            .checked_sub(e)
            .map_or(rust_decimal::Decimal::MAX, |g| g.abs()),
        _ => rust_decimal::Decimal::ZERO,
    }
}

impl App {
    /// Reads every open convention's review file (none is an empty review).
    pub fn load_reviews(&mut self) {
        for doc in &mut self.documents {
            doc.review = match storage::load_review(&doc.path) {
                Ok(loaded) => ReviewState {
                    review: loaded.review,
                    hash: loaded.hash,
                    unreadable: None,
                },
                Err(error) => ReviewState {
                    unreadable: Some(crate::strings::review_load_error(self.lang, &error)),
                    ..ReviewState::default()
                },
            };
        }
        if let Some(message) = self
            .documents
            .iter()
            .find_map(|d| d.review.unreadable.clone())
        {
            self.status = Some((Some(Severity::Error), message));
        }
    }

    /// A review file changed on disk (another session, a `git pull`): read again, unless it
    /// is this session's own save. Returns whether anything shown changed.
    pub fn review_file_changed(&mut self, path: &std::path::Path) -> bool {
        let Some(document) = self
            .documents
            .iter()
            .position(|d| storage::same_file(&storage::review_path(&d.path), path))
        else {
            return false;
        };
        let doc = &mut self.documents[document];
        match storage::load_review(&doc.path) {
            Ok(loaded) if loaded.hash == doc.review.hash => false,
            Ok(loaded) => {
                doc.review = ReviewState {
                    review: loaded.review,
                    hash: loaded.hash,
                    unreadable: None,
                };
                let s = crate::strings::review(self.lang);
                self.status = Some((None, s.review_reloaded.to_string()));
                true
            }
            // Being replaced, or broken: the next save reads it again and says so.
            Err(_) => false,
        }
    }

    /// Where a finding stands for the reviewer.
    pub fn standing(&self, document: usize, finding: &Finding) -> Standing {
        match self.documents.get(document) {
            Some(doc) => doc
                .review
                .review
                .standing(&finding.key, &figures_of(finding)),
            None => Standing::Current(Disposition::AExaminer),
        }
    }

    /// The finding the review keys act on: the selected one in the Anomalies tab, else the
    /// one last jumped to while its place is shown.
    pub fn review_target(&self) -> Option<(usize, usize)> {
        if self.tab == Tab::Anomalies {
            let selected = self.selected_row(Tab::Anomalies)?;
            return self.anomaly_rows().get(selected).copied();
        }
        self.return_to?;
        let (document, key) = self.review_ui.shown.as_ref()?;
        let doc = self.documents.get(*document)?;
        let index = doc.findings.iter().position(|f| &f.key == key)?;
        Some((*document, index))
    }

    /// The fiche selected in the Fiches tab, as (document, id as written).
    fn selected_fiche(&self) -> Option<(usize, String)> {
        if self.tab != Tab::Fiches {
            return None;
        }
        let doc = self.document()?;
        let row = self.selected_row(Tab::Fiches)?;
        let fiche = super::views::fiche_refs(&doc.convention)
            .get(row)?
            .get(&doc.convention);
        Some((self.current, fiche.id.clone()))
    }

    /// `d`: the next disposition of the finding. Justifiée asks for its note first.
    pub fn cycle_disposition(&mut self) {
        let Some((document, index)) = self.review_target() else {
            return;
        };
        let finding = &self.documents[document].findings[index];
        let next = next_disposition(self.standing(document, finding).disposition());
        let key = finding.key.clone();
        let note = self.documents[document]
            .review
            .review
            .findings
            .get(&key)
            .map(|r| r.note.clone())
            .unwrap_or_default();
        if next == Disposition::Justifiee && note.trim().is_empty() {
            self.open_note(NoteTarget::Finding { document, key }, "", Some(next));
            return;
        }
        self.set_disposition(document, index, next, None);
    }

    /// `n`: writes the note of the finding (Anomalies, or where a finding is shown) or of the
    /// fiche (Fiches).
    pub fn edit_note(&mut self) {
        if let Some((document, fiche)) = self.fiche_in_review() {
            let note = self.documents[document]
                .review
                .review
                .fiches
                .get(&fiche)
                .map(|f| f.note.clone())
                .unwrap_or_default();
            self.open_note(NoteTarget::Fiche { document, fiche }, &note, None);
            return;
        }
        let Some((document, index)) = self.review_target() else {
            return;
        };
        let key = self.documents[document].findings[index].key.clone();
        let note = self.documents[document]
            .review
            .review
            .findings
            .get(&key)
            .map(|r| r.note.clone())
            .unwrap_or_default();
        self.open_note(NoteTarget::Finding { document, key }, &note, None);
    }

    fn open_note(&mut self, target: NoteTarget, note: &str, disposition: Option<Disposition>) {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::default());
        input.insert_str(note);
        self.review_ui.note = Some(NoteInput {
            target,
            input,
            disposition,
        });
    }

    /// Keys while a note is typed: Enter records it, Esc drops it.
    pub fn note_key(&mut self, key: &KeyEvent) {
        let Some(note) = self.review_ui.note.as_mut() else {
            return;
        };
        // Issue 18: through the note mode's bindings.
        match self.keymap.note.action(key) {
            Some(crate::keys::LineAction::Close) => self.review_ui.note = None,
            Some(crate::keys::LineAction::Accept) => {
                let note = self.review_ui.note.take().expect("checked above");
                let text = note.input.lines().join(" ").trim().to_string();
                self.record_note(note.target, text, note.disposition);
            }
            Some(crate::keys::LineAction::Clear) => {
                note.input.select_all();
                note.input.cut();
            }
            Some(_) => {}
            None => {
                note.input.input(*key);
            }
        }
    }

    fn record_note(&mut self, target: NoteTarget, text: String, disposition: Option<Disposition>) {
        let s = crate::strings::review(self.lang);
        match target {
            NoteTarget::Finding { document, key } => {
                if disposition == Some(Disposition::Justifiee) && text.is_empty() {
                    self.status = Some((Some(Severity::Warning), s.justified_needs_note.into()));
                    return;
                }
                let Some(index) = self
                    .documents
                    .get(document)
                    .and_then(|d| d.findings.iter().position(|f| f.key == key))
                else {
                    return;
                };
                let current = self.standing(document, &self.documents[document].findings[index]);
                let disposition = disposition.unwrap_or(current.disposition());
                self.set_disposition(document, index, disposition, Some(text));
            }
            NoteTarget::Fiche { document, fiche } => {
                let (reviewer, date) = (self.review_ui.reviewer.clone(), today());
                self.change_review(document, move |review| {
                    let entry = review.fiches.entry(fiche.clone()).or_default();
                    entry.note = text.clone();
                    entry.reviewer = reviewer.clone();
                    entry.date = date.clone();
                });
            }
        }
    }

    /// Records a disposition (and, when given, a note) for a finding, with the figures it
    /// compares now, and saves the review.
    pub fn set_disposition(
        &mut self,
        document: usize,
        index: usize,
        disposition: Disposition,
        note: Option<String>,
    ) {
        let Some(finding) = self
            .documents
            .get(document)
            .and_then(|d| d.findings.get(index))
        else {
            return;
        };
        let key = finding.key.clone();
        let figures = figures_of(finding);
        let location = crate::text::sanitize_line(&finding.location).into_owned();
        let message = crate::text::sanitize_line(&finding.message).into_owned();
        let (reviewer, date) = (self.review_ui.reviewer.clone(), today());
        let saved = self.change_review(document, move |review| {
            let entry = review.findings.entry(key.clone()).or_default();
            entry.disposition = disposition;
            if let Some(note) = &note {
                entry.note = note.clone();
            }
            entry.reviewer = reviewer.clone();
            entry.date = date.clone();
            entry.figures = figures.clone();
            entry.location = location.clone();
            entry.message = message.clone();
        });
        if saved {
            let s = crate::strings::review(self.lang);
            self.status = Some((None, (s.disposition_set)(s.disposition(disposition))));
        }
    }

    /// `d`: in the Fiches tab, the fiche's review status, unless the finding jumped to is
    /// shown on that fiche; elsewhere the finding's disposition.
    pub fn disposition_or_status(&mut self) {
        if self.fiche_in_review().is_some() {
            return self.cycle_fiche_status();
        }
        self.cycle_disposition();
    }

    /// The fiche `d` and `n` act on in the Fiches tab: the selected one, unless the finding
    /// jumped to is shown on it (then they act on the finding).
    fn fiche_in_review(&self) -> Option<(usize, String)> {
        let (document, fiche) = self.selected_fiche()?;
        let on_shown_finding = self.review_target().is_some_and(|(d, f)| {
            d == document
                && self.documents[d].findings[f]
                    .fiche()
                    .map(crate::model::normalise_fiche_id)
                    == Some(crate::model::normalise_fiche_id(&fiche))
        });
        (!on_shown_finding).then_some((document, fiche))
    }

    /// The fiche's next review status (Fiches tab).
    pub fn cycle_fiche_status(&mut self) {
        let Some((document, fiche)) = self.fiche_in_review() else {
            return;
        };
        let next = next_status(self.documents[document].review.review.fiche_status(&fiche));
        let (reviewer, date) = (self.review_ui.reviewer.clone(), today());
        let id = fiche.clone();
        if self.change_review(document, move |review| {
            let entry = review.fiches.entry(id.clone()).or_default();
            entry.status = next;
            entry.reviewer = reviewer.clone();
            entry.date = date.clone();
        }) {
            let s = crate::strings::review(self.lang);
            self.status = Some((None, (s.fiche_status_set)(&fiche, s.fiche_status(next))));
        }
    }

    /// Applies `change` to a document's review and saves it with the conventions' safety. A
    /// review file changed on disk meanwhile (another session) is read again and `change`
    /// applied to it, so neither session's work is lost. Returns whether it was saved.
    pub fn change_review(&mut self, document: usize, change: impl Fn(&mut Review)) -> bool {
        let s = crate::strings::review(self.lang);
        let Some(doc) = self.documents.get_mut(document) else {
            return false;
        };
        if let Some(problem) = &doc.review.unreadable {
            self.status = Some((Some(Severity::Error), problem.clone()));
            return false;
        }
        change(&mut doc.review.review);
        for attempt in 0..2 {
            let policy = SavePolicy {
                loaded_hash: doc.review.hash,
                ..SavePolicy::default()
            };
            let problem = match storage::save_review(&doc.path, &doc.review.review, policy) {
                Ok(SaveOutcome::Saved { hash, .. }) => {
                    doc.review.hash = Some(hash);
                    return true;
                }
                Ok(SaveOutcome::Conflict { .. } | SaveOutcome::Missing) if attempt == 0 => {
                    // Someone else saved the review: take theirs, then make this change again.
                    match storage::load_review(&doc.path) {
                        Ok(loaded) => {
                            doc.review.review = loaded.review;
                            doc.review.hash = loaded.hash;
                            change(&mut doc.review.review);
                            continue;
                        }
                        Err(error) => crate::strings::review_load_error(self.lang, &error),
                    }
                }
                Ok(SaveOutcome::ReadOnly) => {
                    (s.save_failed)(&storage::review_path(&doc.path).display().to_string())
                }
                Ok(_) => (s.save_failed)(&storage::review_path(&doc.path).display().to_string()),
                Err(problem) => crate::strings::io_problem(self.lang, &problem.path, &problem.kind),
            };
            self.status = Some((
                Some(Severity::Error),
                crate::text::sanitize_line(&problem).into_owned(),
            ));
            return false;
        }
        false
    }

    /// `o`: the source document at the line of the finding (Anomalies, or where one is
    /// shown), or of the fiche (Fiches).
    pub fn open_source(&mut self) {
        let s = crate::strings::review(self.lang);
        let (document, line) = if let Some((document, index)) = self.review_target() {
            let finding = &self.documents[document].findings[index];
            let line = finding.sources.iter().find_map(|s| s.lines).map(|l| l.0);
            (document, line)
        } else if let Some((document, fiche)) = self.selected_fiche() {
            let line = self.documents[document]
                .convention
                .find_fiche(&fiche)
                .and_then(|f| f.source.lines)
                .map(|l| l.0);
            (document, line)
        } else {
            return;
        };
        let doc = &self.documents[document];
        match source_document_path(&doc.path, &doc.convention) {
            Some(path) => self.review_ui.open = Some(OpenRequest { path, line }),
            None => self.status = Some((Some(Severity::Warning), s.no_source_document.to_string())),
        }
    }

    /// `x`: a report of every open convention, HTML, in the current directory.
    pub fn write_report(&mut self) {
        let s = crate::strings::review(self.lang);
        let inputs: Vec<crate::cli::report::Input> = self
            .documents
            .iter()
            .map(|d| crate::cli::report::Input {
                path: d.path.clone(),
                convention: &d.convention,
                findings: &d.findings,
                review: &d.review.review,
            })
            .collect();
        let html =
            crate::cli::report::render(&inputs, crate::cli::report::ReportFormat::Html, self.lang);
        let path = PathBuf::from(s.report_file_name);
        let message = match html.map(|bytes| storage::write_atomically(&path, &bytes)) {
            Ok(Ok(())) => (None, (s.report_written)(&path.display().to_string())),
            Ok(Err(e)) => (
                Some(Severity::Error),
                storage::IoProblem::new(&path, &e).describe(self.lang),
            ),
            Err(e) => (Some(Severity::Error), e.to_string()),
        };
        self.status = Some((
            message.0,
            crate::text::sanitize_line(&message.1).into_owned(),
        ));
    }

    /// The status bar's progress for the convention shown: (fiches relues, fiches, findings
    /// not yet examined or explained).
    pub fn review_progress(&self) -> Option<(usize, usize, usize)> {
        let doc = self.document()?;
        let review = &doc.review.review;
        let fiches = doc.convention.fiche_count();
        let read = doc
            .convention
            .fiches()
            .filter(|f| review.fiche_status(&f.id) == FicheStatusReview::Relue)
            .count();
        let open = doc
            .findings
            .iter()
            .filter(|f| review.standing(&f.key, &figures_of(f)).is_open())
            .count();
        Some((read, fiches, open))
    }

    /// Dispositions of the convention shown whose finding is gone (résolues).
    pub fn resolved_count(&self) -> usize {
        let Some(doc) = self.document() else { return 0 };
        let keys: std::collections::HashSet<&str> =
            doc.findings.iter().map(|f| f.key.as_str()).collect();
        doc.review.review.resolved(&keys).len()
    }

    /// `v`: all findings, then those not yet justified, then the selected finding's rule,
    /// then its fiche, then all again.
    pub fn cycle_review_filter(&mut self) {
        let target = self
            .review_target()
            .map(|(d, f)| self.documents[d].findings[f].clone());
        let rule = target.as_ref().map(|f| f.rule);
        let fiche = target
            .as_ref()
            .and_then(|f| f.fiche().map(crate::model::normalise_fiche_id));
        self.review_ui.filter = match &self.review_ui.filter {
            ReviewFilter::All => ReviewFilter::Open,
            ReviewFilter::Open => match (rule, fiche) {
                (Some(rule), _) => ReviewFilter::Rule(rule),
                (None, Some(fiche)) => ReviewFilter::Fiche(fiche),
                (None, None) => ReviewFilter::All,
            },
            ReviewFilter::Rule(_) => fiche.map_or(ReviewFilter::All, ReviewFilter::Fiche),
            ReviewFilter::Fiche(_) => ReviewFilter::All,
        };
        self.filter_changed();
    }

    /// Whether the review filter keeps this finding in the Anomalies tab.
    pub fn review_filters_keep(&self, document: usize, finding: &Finding) -> bool {
        match &self.review_ui.filter {
            ReviewFilter::All => true,
            ReviewFilter::Open => self.standing(document, finding).is_open(),
            ReviewFilter::Rule(rule) => finding.rule == *rule,
            ReviewFilter::Fiche(wanted) => finding
                .fiche()
                .is_some_and(|f| crate::model::normalise_fiche_id(f) == *wanted),
        }
    }

    pub fn review_filters_active(&self) -> bool {
        self.review_ui.filter != ReviewFilter::All
    }
}

/// The source document named by a convention, resolved against its file's directory.
pub fn source_document_path(
    convention_path: &std::path::Path,
    convention: &crate::model::Convention,
) -> Option<PathBuf> {
    let relative = convention.document.source_document.as_deref()?;
    let dir = convention_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    Some(dir.join(relative))
}
