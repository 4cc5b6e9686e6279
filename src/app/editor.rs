//! The fiche and table-row editor, undo / redo, saving and its dialogs, crash recovery.
//! State and key handling only; `ui::popups` draws it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::edit::{self, Change, EditTarget, Field, Kind, NewValue, Snapshot};
use super::views::{self, BudgetRow, FicheRef};
use super::{App, Scroll, Tab};
use crate::rules::Severity;
use crate::storage::{self, Pending, SaveError};

pub struct Editor {
    pub document: usize,
    pub target: EditTarget,
    pub fields: Vec<Field>,
    pub scroll: Scroll,
    /// The field being typed, when one is.
    pub input: Option<FieldInput>,
    /// Why the last confirmation was refused.
    pub error: Option<String>,
}

pub enum FieldInput {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        selected: usize,
    },
}

/// Questions that stop everything else until answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// Quitting with unsaved edits: save, discard or cancel.
    Quit,
    /// The first save of a file the canonical writer would reformat (comments, layout).
    FormatLoss { document: usize },
    /// The file changed on disk since it was loaded: reload, overwrite or save a copy.
    Conflict { document: usize },
    /// Unsaved edits found from a session that did not end cleanly.
    Recover,
}

impl App {
    /// Opens the editor on what the current tab has selected.
    pub fn open_editor(&mut self) {
        let Some(doc) = self.document() else { return };
        let c = &doc.convention;
        let fiche_at = |position: usize| views::fiche_refs(c).get(position).copied();
        let target = match self.tab {
            Tab::Fiches => self
                .selected_row(Tab::Fiches)
                .and_then(fiche_at)
                .map(EditTarget::Fiche),
            Tab::Axes => {
                match views::axes_rows(c, &self.view.collapsed).get(self.view.axes.selected) {
                    Some(views::AxesRow::Fiche(r)) => Some(EditTarget::Fiche(*r)),
                    _ => None,
                }
            }
            Tab::Budgets if self.view.budget_view == 0 => {
                match self
                    .selected_row(Tab::Budgets)
                    .and_then(|i| views::budget_rows(c).get(i).copied())
                {
                    Some(BudgetRow::Fiche(r)) => Some(EditTarget::Fiche(r)),
                    _ => None,
                }
            }
            Tab::Budgets => {
                let table = self.view.budget_view - 1;
                self.selected_row(Tab::Budgets)
                    .filter(|row| *row < c.tables.get(table).map_or(0, |t| t.rows.len()))
                    .map(|row| EditTarget::TableRow { table, row })
            }
            Tab::Indicators => {
                let rows = views::indicator_rows(c);
                self.selected_row(Tab::Indicators)
                    .and_then(|i| rows.get(i))
                    .and_then(|r| r.fiche)
                    .map(EditTarget::Fiche)
            }
            Tab::Anomalies => None,
        };
        let Some(target) = target else {
            self.status = Some((None, self.text().nothing_to_edit.to_string()));
            return;
        };
        let mut editor = Editor {
            document: self.current,
            target,
            fields: Vec::new(),
            scroll: Scroll::default(),
            input: None,
            error: None,
        };
        self.refresh_fields(&mut editor);
        // Budgets and Indicators open on the figures they show.
        let start = match self.tab {
            Tab::Budgets => editor
                .fields
                .iter()
                .position(|f| matches!(f, Field::Budget(_))),
            Tab::Indicators => editor
                .fields
                .iter()
                .position(|f| matches!(f, Field::IndicatorName(_))),
            _ => None,
        };
        if let Some(start) = start {
            let len = editor.fields.len();
            editor.scroll.select(start, len, self.editor_height());
        }
        self.editor = Some(editor);
    }

    pub fn editor_height(&self) -> usize {
        (self.screen.height as usize).saturating_sub(8).max(1)
    }

    fn refresh_fields(&self, editor: &mut Editor) {
        let c = &self.documents[editor.document].convention;
        editor.fields = match editor.target {
            EditTarget::Fiche(r) => edit::fiche_fields(r.get(c)),
            EditTarget::TableRow { table, .. } => edit::table_fields(&c.tables[table]),
        };
    }

    pub fn editor_key(&mut self, key: &KeyEvent) {
        let height = self.editor_height();
        let Some(mut editor) = self.editor.take() else {
            return;
        };
        let keep_open = if editor.input.is_some() {
            self.typing_key(&mut editor, key);
            true
        } else {
            self.field_list_key(&mut editor, key, height)
        };
        if keep_open {
            self.editor = Some(editor);
        }
    }

    /// Keys while choosing a field. Returns whether the editor stays open.
    fn field_list_key(&mut self, editor: &mut Editor, key: &KeyEvent, height: usize) -> bool {
        let len = editor.fields.len();
        let selected = editor.scroll.selected;
        editor.error = None;
        match key.code {
            KeyCode::Esc => return false,
            KeyCode::Up | KeyCode::Char('k') => {
                editor
                    .scroll
                    .select(selected.saturating_sub(1), len, height)
            }
            KeyCode::Down | KeyCode::Char('j') => editor.scroll.select(selected + 1, len, height),
            KeyCode::PageUp => editor
                .scroll
                .select(selected.saturating_sub(height), len, height),
            KeyCode::PageDown => editor.scroll.select(selected + height, len, height),
            KeyCode::Home => editor.scroll.select(0, len, height),
            KeyCode::End => editor.scroll.select(len.saturating_sub(1), len, height),
            KeyCode::Enter | KeyCode::Char('e') => self.begin_typing(editor),
            KeyCode::Char('a') => self.add_list_item(editor, height),
            KeyCode::Char('d') | KeyCode::Delete => self.remove_list_item(editor, height),
            _ => {}
        }
        true
    }

    fn begin_typing(&self, editor: &mut Editor) {
        let Some(&field) = editor.fields.get(editor.scroll.selected) else {
            return;
        };
        let c = &self.documents[editor.document].convention;
        editor.input = Some(match field.kind() {
            Kind::Choice => {
                let EditTarget::Fiche(r) = editor.target else {
                    return;
                };
                let fiche = r.get(c);
                let selected = match field {
                    Field::Scope => edit::SCOPES.iter().position(|s| *s == fiche.scope),
                    _ => edit::STATUSES.iter().position(|s| *s == fiche.status),
                };
                FieldInput::Choice {
                    selected: selected.unwrap_or(0),
                }
            }
            kind => {
                let text = edit::current_text(c, editor.target, field);
                let mut area =
                    TextArea::from(text.split('\n').map(str::to_string).collect::<Vec<_>>());
                area.set_cursor_line_style(ratatui::style::Style::default());
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                FieldInput::Text {
                    area: Box::new(area),
                    multiline: kind == Kind::Multiline,
                }
            }
        });
    }

    fn typing_key(&mut self, editor: &mut Editor, key: &KeyEvent) {
        let Some(field) = editor.fields.get(editor.scroll.selected).copied() else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match editor.input.as_mut() {
            Some(FieldInput::Choice { selected }) => {
                let options = match field {
                    Field::Scope => edit::SCOPES.len(),
                    _ => edit::STATUSES.len(),
                };
                match key.code {
                    KeyCode::Esc => editor.input = None,
                    KeyCode::Up | KeyCode::Left => *selected = (*selected + options - 1) % options,
                    KeyCode::Down | KeyCode::Right => *selected = (*selected + 1) % options,
                    KeyCode::Enter => {
                        let value = match field {
                            Field::Scope => NewValue::Scope(edit::SCOPES[*selected]),
                            _ => NewValue::Status(edit::STATUSES[*selected]),
                        };
                        editor.input = None;
                        self.commit_field(editor, field, value);
                    }
                    _ => {}
                }
            }
            Some(FieldInput::Text { area, multiline }) => {
                let confirm = match key.code {
                    KeyCode::Esc => {
                        editor.input = None;
                        editor.error = None;
                        return;
                    }
                    // Ctrl-U empties the field, as in a shell.
                    KeyCode::Char('u') if ctrl => {
                        area.select_all();
                        area.cut();
                        return;
                    }
                    KeyCode::Enter if !*multiline => true,
                    KeyCode::Char('s') if ctrl => true,
                    _ => false,
                };
                if !confirm {
                    area.input(*key);
                    return;
                }
                let text = area.lines().join("\n");
                let c = &self.documents[editor.document].convention;
                let value = match field.kind() {
                    Kind::Amount => match edit::parse_amount_input(&text) {
                        Ok(value) => NewValue::Figure(value),
                        Err(refused) => {
                            editor.error = Some((self.text().amount_refused)(&refused.0));
                            return;
                        }
                    },
                    Kind::Figure => {
                        let previous = match editor.target {
                            EditTarget::TableRow { table, row } => {
                                c.tables[table].rows[row].cells.get(match field {
                                    Field::Cell(col) => col,
                                    _ => 0,
                                })
                            }
                            EditTarget::Fiche(_) => None,
                        }
                        .and_then(Option::as_ref);
                        NewValue::Figure(edit::parse_figure_input(&text, previous))
                    }
                    _ => NewValue::Text(text),
                };
                editor.input = None;
                editor.error = None;
                self.commit_field(editor, field, value);
            }
            None => {}
        }
    }

    fn commit_field(&mut self, editor: &mut Editor, field: Field, value: NewValue) {
        let target = editor.target;
        self.commit(editor.document, target, |c| {
            edit::apply(c, target, field, value)
        });
    }

    fn add_list_item(&mut self, editor: &mut Editor, height: usize) {
        let EditTarget::Fiche(r) = editor.target else {
            return;
        };
        let Some(list) = editor
            .fields
            .get(editor.scroll.selected)
            .and_then(|f| f.list())
            .or(
                // From a non-list field, `a` adds a partner.
                Some(edit::List::Partners),
            )
        else {
            return;
        };
        let year = self.documents[editor.document]
            .convention
            .years
            .map_or(self.rules.current_year, |(_, last)| last);
        let mut added = None;
        self.commit(editor.document, editor.target, |c| {
            added = Some(edit::add_item(
                &mut c.axes[r.axe].fiches[r.fiche],
                list,
                year,
            ));
        });
        self.refresh_fields(editor);
        if let Some(position) = added.and_then(|f| editor.fields.iter().position(|x| *x == f)) {
            let len = editor.fields.len();
            editor.scroll.select(position, len, height);
            self.begin_typing(editor);
        }
    }

    fn remove_list_item(&mut self, editor: &mut Editor, height: usize) {
        let EditTarget::Fiche(r) = editor.target else {
            return;
        };
        let Some(&field) = editor.fields.get(editor.scroll.selected) else {
            return;
        };
        if field.list().is_none() {
            return;
        }
        self.commit(editor.document, editor.target, |c| {
            edit::remove_item(&mut c.axes[r.axe].fiches[r.fiche], field);
        });
        self.refresh_fields(editor);
        let len = editor.fields.len();
        let selected = editor.scroll.selected;
        editor.scroll.select(selected, len, height);
    }

    /// Applies an edit as one undoable change, then brings findings, search keys and the
    /// crash journal up to date: the next frame shows the consequences.
    pub fn commit(
        &mut self,
        document: usize,
        target: EditTarget,
        change: impl FnOnce(&mut crate::model::Convention),
    ) {
        let doc = &mut self.documents[document];
        let before = Snapshot::take(&doc.convention, target);
        change(&mut doc.convention);
        let after = Snapshot::take(&doc.convention, target);
        if before == after {
            return;
        }
        doc.undo.push(Change { before, after });
        doc.redo.clear();
        self.after_change(document);
    }

    fn after_change(&mut self, document: usize) {
        let doc = &mut self.documents[document];
        doc.findings = crate::rules::check_convention(&doc.convention, &self.rules);
        if let Some(index) = &mut self.index {
            index.rebuild_document(document, &doc.convention, &doc.findings);
        }
        if let Some(journal) = &self.journal {
            let result = if doc.is_modified() {
                journal.record(
                    &doc.path,
                    doc.loaded_hash.unwrap_or_default(),
                    &doc.convention,
                )
            } else {
                journal.clear(&doc.path);
                Ok(())
            };
            if let Err(e) = result {
                self.status = Some((
                    Some(Severity::Warning),
                    (self.text().journal_failed)(&e.to_string()),
                ));
            }
        }
        self.clamp_selections();
    }

    /// After the rows changed under them, selections stay within their lists.
    fn clamp_selections(&mut self) {
        self.retarget_selections();
    }

    pub fn undo(&mut self) {
        let document = self.current;
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        let Some(change) = doc.undo.pop() else {
            self.status = Some((None, self.text().nothing_to_undo.to_string()));
            return;
        };
        change.before.restore(&mut doc.convention);
        doc.redo.push(change);
        self.after_change(document);
    }

    pub fn redo(&mut self) {
        let document = self.current;
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        let Some(change) = doc.redo.pop() else {
            self.status = Some((None, self.text().nothing_to_redo.to_string()));
            return;
        };
        change.after.restore(&mut doc.convention);
        doc.undo.push(change);
        self.after_change(document);
    }

    /// Ctrl-S: saves the convention shown.
    pub fn save_current(&mut self) {
        self.save(self.current, false);
    }

    /// Saves one document. Asks first when the file would be reformatted, refuses to
    /// overwrite a change made on disk. Returns whether it was saved.
    pub fn save(&mut self, document: usize, overwrite: bool) -> bool {
        let text = self.text();
        let Some(doc) = self.documents.get_mut(document) else {
            return false;
        };
        if !doc.is_modified() && !overwrite {
            self.status = Some((None, text.nothing_to_save.to_string()));
            return true;
        }
        if !doc.format_checked {
            if let Ok(on_disk) = std::fs::read_to_string(&doc.path)
                && let Ok(parsed) = storage::from_ron_str(&on_disk)
                && storage::would_lose_formatting(&on_disk, &parsed)
            {
                self.dialog = Some(Dialog::FormatLoss { document });
                return false;
            }
            doc.format_checked = true;
        }
        let expected = if overwrite {
            std::fs::read(&doc.path)
                .ok()
                .map(|b| storage::content_hash(&b))
        } else {
            doc.loaded_hash
        };
        match storage::save_convention(&doc.path, &doc.convention, expected) {
            Ok(hash) => {
                doc.loaded_hash = Some(hash);
                doc.saved_at = Some(doc.undo.len());
                if let Some(journal) = &self.journal {
                    journal.clear(&doc.path);
                }
                let path = crate::text::sanitize_line(&doc.path.display().to_string()).into_owned();
                self.status = Some((None, (text.saved)(&path)));
                true
            }
            Err(SaveError::Conflict { .. }) => {
                self.dialog = Some(Dialog::Conflict { document });
                false
            }
            Err(SaveError::Io(e)) => {
                self.status = Some((Some(Severity::Error), (text.save_failed)(&e.to_string())));
                false
            }
        }
    }

    /// `q`: quits, or asks first when edits are unsaved.
    pub fn request_quit(&mut self) {
        if self.documents.iter().any(|d| d.is_modified()) {
            self.dialog = Some(Dialog::Quit);
        } else {
            self.should_quit = true;
        }
    }

    pub fn dialog_key(&mut self, key: &KeyEvent) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let choice = match key.code {
            KeyCode::Char(c) => c.to_ascii_lowercase(),
            KeyCode::Esc => '\u{1b}',
            KeyCode::Enter => '\n',
            _ => return,
        };
        self.dialog = None;
        match (dialog, choice) {
            (Dialog::Quit, 'e' | 's') => {
                let modified: Vec<usize> = (0..self.documents.len())
                    .filter(|&d| self.documents[d].is_modified())
                    .collect();
                for document in modified {
                    if !self.save(document, false) {
                        return; // A question is now open for that file.
                    }
                }
                self.should_quit = true;
            }
            (Dialog::Quit, 'a' | 'd') => {
                if let Some(journal) = &self.journal {
                    for doc in self.documents.iter().filter(|d| d.is_modified()) {
                        journal.clear(&doc.path);
                    }
                }
                self.should_quit = true;
            }
            (Dialog::FormatLoss { document }, 'o' | 'y' | '\n') => {
                self.documents[document].format_checked = true;
                self.save(document, false);
            }
            (Dialog::Conflict { document }, 'r') => self.reload(document),
            (Dialog::Conflict { document }, 'o' | 'e') => {
                self.save(document, true);
            }
            (Dialog::Conflict { document }, 'c') => {
                let doc = &self.documents[document];
                let text = self.text();
                self.status = Some(match storage::save_copy(&doc.path, &doc.convention) {
                    Ok(copy) => (
                        None,
                        (text.saved)(&crate::text::sanitize_line(&copy.display().to_string())),
                    ),
                    Err(e) => (Some(Severity::Error), (text.save_failed)(&e.to_string())),
                });
            }
            (Dialog::Recover, 'r') => self.recover(),
            (Dialog::Recover, 'i' | 'd') => {
                if let Some(journal) = &self.journal {
                    for pending in &self.recovery {
                        journal.forget(pending);
                    }
                }
                self.recovery.clear();
            }
            (
                dialog @ (Dialog::Quit | Dialog::FormatLoss { .. } | Dialog::Conflict { .. }),
                '\u{1b}',
            ) => {
                let _ = dialog;
            }
            (Dialog::Recover, '\u{1b}') => self.recovery.clear(),
            (dialog, _) => self.dialog = Some(dialog),
        }
    }

    /// Replaces a document with the file on disk, dropping its edits; selections are kept.
    pub fn reload(&mut self, document: usize) {
        let Some(doc) = self.documents.get_mut(document) else {
            return;
        };
        match storage::load_file(&doc.path) {
            Ok(file) => {
                doc.convention = file.convention;
                doc.loaded_hash = Some(file.hash);
                doc.undo.clear();
                doc.redo.clear();
                doc.saved_at = Some(0);
                doc.format_checked = false;
                if let Some(journal) = &self.journal {
                    journal.clear(&doc.path);
                }
                let path = crate::text::sanitize_line(&doc.path.display().to_string()).into_owned();
                self.after_change(document);
                self.status = Some((None, (self.text().reloaded)(&path)));
            }
            Err(e) => {
                let message = crate::text::sanitize_line(&e.to_string()).into_owned();
                self.status = Some((Some(Severity::Error), message));
            }
        }
    }

    /// A file changed on disk. Without unsaved edits it is reloaded at once; with them, the
    /// next save will ask.
    pub fn file_changed(&mut self, path: &std::path::Path) {
        let same = |p: &std::path::Path| {
            std::fs::canonicalize(p).ok() == std::fs::canonicalize(path).ok() || p == path
        };
        let Some(document) = self.documents.iter().position(|d| same(&d.path)) else {
            return;
        };
        let doc = &self.documents[document];
        let on_disk = std::fs::read(&doc.path)
            .ok()
            .map(|b| storage::content_hash(&b));
        if on_disk.is_none() || on_disk == doc.loaded_hash {
            return; // Our own save, or a half-written file: nothing new to show.
        }
        if doc.is_modified() {
            let path = crate::text::sanitize_line(&doc.path.display().to_string()).into_owned();
            self.status = Some((
                Some(Severity::Warning),
                (self.text().changed_on_disk)(&path),
            ));
        } else {
            self.reload(document);
        }
    }

    /// Offers the journal's unsaved edits for the files that are open.
    pub fn offer_recovery(&mut self, pending: Vec<Pending>) {
        let open: Vec<Pending> = pending
            .into_iter()
            .filter(|p| {
                self.documents
                    .iter()
                    .any(|d| std::path::absolute(&d.path).ok().as_ref() == Some(&p.original))
            })
            .collect();
        if !open.is_empty() {
            self.recovery = open;
            self.dialog = Some(Dialog::Recover);
        }
    }

    fn recover(&mut self) {
        for pending in std::mem::take(&mut self.recovery) {
            let Some(document) = self.documents.iter().position(|d| {
                std::path::absolute(&d.path).ok().as_ref() == Some(&pending.original)
            }) else {
                continue;
            };
            let doc = &mut self.documents[document];
            doc.convention = pending.convention;
            doc.loaded_hash = Some(pending.loaded_hash);
            doc.undo.clear();
            doc.redo.clear();
            doc.saved_at = None;
            self.after_change(document);
        }
        self.status = Some((None, self.text().recovered.to_string()));
    }

    /// The fiche position in the current convention an editor target shows, for tests and UI.
    pub fn editor_fiche(&self) -> Option<FicheRef> {
        match self.editor.as_ref()?.target {
            EditTarget::Fiche(r) => Some(r),
            EditTarget::TableRow { .. } => None,
        }
    }
}
