//! The fiche and table-row editor: its fields, what is typed, and how a confirmed value
//! becomes an edit ([`App::commit`]). State and key handling only; `ui::popups` draws it.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::edit::{self, EditTarget, Field, Kind, NewValue, TargetKey};
use super::views::{self, BudgetRow, FicheRef};
use super::{App, Scroll, Tab};
use crate::model::Convention;

pub struct Editor {
    pub document: usize,
    /// What the editor is open on, by identity: found again after every change.
    pub key: TargetKey,
    /// Where `key` is in the document as it is now (kept current by [`App::after_change`]).
    pub target: EditTarget,
    pub fields: Vec<Field>,
    pub scroll: Scroll,
    /// The field being typed, when one is.
    pub input: Option<FieldInput>,
    /// Why the last confirmation was refused.
    pub error: Option<String>,
    /// While typing into an item just added (`a`): the undo depth before it was added, so
    /// that Esc takes the addition back and Enter makes addition and value one change.
    pub adding: Option<usize>,
}

pub enum FieldInput {
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
        /// The field's text when typing began: tells whether the file changed it meanwhile.
        original: String,
    },
    Choice {
        selected: usize,
    },
}

/// Where the editor opens: on a field, or on the first budget figure.
#[derive(Debug, Clone, Copy)]
enum Start {
    Field(Field),
    Budget,
}

impl Editor {
    /// The editor on `target` of `document`, its fields listed, nothing typed yet.
    fn on(document: usize, convention: &Convention, target: EditTarget) -> Editor {
        Editor {
            document,
            key: TargetKey::of(convention, target),
            target,
            fields: fields_of(convention, target),
            scroll: Scroll::default(),
            input: None,
            error: None,
            adding: None,
        }
    }

    /// What the user has typed in the open field, when it differs from what was there.
    pub fn typed_text(&self) -> Option<String> {
        match &self.input {
            Some(FieldInput::Text { area, original, .. }) => {
                let typed = area.lines().join("\n");
                (typed != *original).then_some(typed)
            }
            _ => None,
        }
    }
}

/// The fields the editor offers for a target.
pub(crate) fn fields_of(convention: &Convention, target: EditTarget) -> Vec<Field> {
    match target {
        EditTarget::Fiche(r) => edit::fiche_fields(r.get(convention)),
        EditTarget::TableRow { table, .. } => edit::table_fields(&convention.tables[table]),
        EditTarget::Convention => edit::convention_fields(convention),
    }
}

/// Pasted text as a one-line field takes it: line breaks become spaces, other control
/// characters go (a paste is text, never keystrokes).
fn pasted_text(text: &str, multiline: bool) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' if multiline => Some('\n'),
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The convention editor's field for a line of the Axes tab's overview.
fn overview_field(c: &Convention, item: views::OverviewItem) -> Field {
    use views::OverviewItem as O;
    let fields = edit::convention_fields(c);
    let statement = |i: usize| {
        // An axe's stated total is edited as the axe's.
        if fields.contains(&Field::StatementValue(i)) {
            return Field::StatementValue(i);
        }
        match &c.statements[i].scope {
            crate::model::StatementScope::Axe(id) => c
                .axes
                .iter()
                .position(|a| &a.id == id)
                .map_or(Field::ConventionTitle, Field::AxeTotal),
            _ => Field::ConventionTitle,
        }
    };
    match item {
        O::Convention => Field::ConventionTitle,
        O::StateSupport | O::StateSupportFiches => Field::StateSupport,
        O::Statement(i) | O::StatementFiches(i) => statement(i),
        O::Claim(i) => Field::ClaimText(i),
        // A section's text is transcription read in the reader, not a field of the editor.
        O::Section(_) => Field::ConventionTitle,
    }
}

impl App {
    /// A paste (bracketed paste: the terminal sends it as one event) goes as text into the
    /// field, search or filter being typed; elsewhere it is refused with a message.
    pub fn handle_paste(&mut self, text: &str) {
        if self.dialog.is_some() {
            return;
        }
        if let Some(palette) = self.palette.as_mut() {
            palette.input.insert_str(pasted_text(text, false));
            self.search_typed();
            return;
        }
        if let Some(input) = self.filter_input.as_mut() {
            input.insert_str(pasted_text(text, false));
            let text = input.lines().join(" ");
            self.filter_text_changed(text);
            return;
        }
        if let Some(FieldInput::Text {
            area, multiline, ..
        }) = self.editor.as_mut().and_then(|e| e.input.as_mut())
        {
            area.insert_str(pasted_text(text, *multiline));
            return;
        }
        let message = (self.text().paste_ignored)(
            &self.key_name(super::Action::Edit),
            &self.key_name(super::Action::Search),
            &self.key_name(super::Action::Filter),
        );
        self.status = Some((None, message));
    }

    /// Opens the editor on what the current tab has selected.
    pub fn open_editor(&mut self) {
        if self.tab == Tab::Anomalies {
            // The finding's own convention, which the list may show among others.
            if let Some(&(document, _)) = self
                .selected_row(Tab::Anomalies)
                .and_then(|i| self.anomaly_rows().get(i).copied())
                .as_ref()
            {
                self.show_convention(document);
            }
        }
        let Some((target, start)) = self.edit_target() else {
            self.status = Some((None, self.text().nothing_to_edit.to_string()));
            return;
        };
        if self.refused_as_read_only(self.current) {
            return;
        }
        let doc = &self.documents[self.current];
        let mut editor = Editor::on(self.current, &doc.convention, target);
        // Open on the figures the tab shows, or on the figure the finding is about.
        let start = editor.fields.iter().position(|f| match start {
            Some(Start::Field(wanted)) => *f == wanted,
            Some(Start::Budget) => matches!(f, Field::Budget(_)),
            None => false,
        });
        if let Some(start) = start {
            let len = editor.fields.len();
            editor.scroll.select(start, len, self.editor_height());
        }
        self.editor = Some(editor);
    }

    /// What `e` edits in the current tab, and where the editor opens.
    fn edit_target(&self) -> Option<(EditTarget, Option<Start>)> {
        let c = &self.document()?.convention;
        let fiche_at = |position: usize| views::fiche_refs(c).get(position).copied();
        Some(match self.tab {
            Tab::Fiches => (
                EditTarget::Fiche(self.selected_row(Tab::Fiches).and_then(fiche_at)?),
                None,
            ),
            Tab::Axes => {
                match views::axes_rows(c, &self.view.collapsed).get(self.view.axes.selected) {
                    Some(views::AxesRow::Fiche(r)) => (EditTarget::Fiche(*r), None),
                    // Issue 16: the convention's own figures and the axes' titles and totals.
                    Some(views::AxesRow::Axe(axe)) => (
                        EditTarget::Convention,
                        Some(Start::Field(Field::AxeTitle(*axe))),
                    ),
                    Some(views::AxesRow::Overview(item)) => (
                        EditTarget::Convention,
                        Some(Start::Field(overview_field(c, *item))),
                    ),
                    _ => return None,
                }
            }
            Tab::Budgets if self.view.budget_view == 0 => {
                match self
                    .selected_row(Tab::Budgets)
                    .and_then(|i| views::budget_rows(c).get(i).copied())
                {
                    Some(BudgetRow::Fiche(r)) => (EditTarget::Fiche(r), Some(Start::Budget)),
                    _ => return None,
                }
            }
            Tab::Budgets => {
                let table = self.view.budget_view - 1;
                let row = self
                    .selected_row(Tab::Budgets)
                    .filter(|row| *row < c.tables.get(table).map_or(0, |t| t.rows.len()))?;
                (EditTarget::TableRow { table, row }, None)
            }
            Tab::Indicators => {
                let rows = views::indicator_rows(c);
                let row = rows.get(self.selected_row(Tab::Indicators)?)?;
                match row.fiche {
                    Some(fiche) => (
                        EditTarget::Fiche(fiche),
                        Some(Start::Field(Field::IndicatorName(row.index))),
                    ),
                    // The document's own indicators are the convention's.
                    None => (
                        EditTarget::Convention,
                        Some(Start::Field(Field::DocIndicatorName(row.index))),
                    ),
                }
            }
            Tab::Anomalies => {
                let (_, finding) = *self
                    .anomaly_rows()
                    .get(self.selected_row(Tab::Anomalies)?)?;
                let finding = self.document()?.findings.get(finding)?;
                match super::tabs::home_of(c, finding)? {
                    super::tabs::Place::Fiche { position, .. } => {
                        (EditTarget::Fiche(fiche_at(position)?), None)
                    }
                    super::tabs::Place::Budget { fiche, field } => (
                        EditTarget::Fiche(fiche),
                        Some(field.map_or(Start::Budget, |f| Start::Field(Field::Budget(f)))),
                    ),
                    super::tabs::Place::Table { table, row, column } => {
                        c.tables.get(table)?.rows.get(row)?;
                        (
                            EditTarget::TableRow { table, row },
                            column.map(|c| Start::Field(Field::Cell(c))),
                        )
                    }
                    super::tabs::Place::Indicator(r) => (
                        EditTarget::Fiche(r.fiche?),
                        Some(Start::Field(Field::IndicatorName(r.index))),
                    ),
                    super::tabs::Place::Overview(item) => (
                        EditTarget::Convention,
                        Some(Start::Field(overview_field(c, item))),
                    ),
                }
            }
        })
    }

    pub fn editor_height(&self) -> usize {
        (self.screen.height as usize).saturating_sub(8).max(1)
    }

    fn refresh_fields(&self, editor: &mut Editor) {
        editor.fields = fields_of(&self.documents[editor.document].convention, editor.target);
    }

    pub fn editor_key(&mut self, key: &KeyEvent) {
        let height = self.editor_height();
        let Some(mut editor) = self.editor.take() else {
            return;
        };
        let keep_open = if editor.input.is_some() {
            self.typing_key(&mut editor, key);
            // What was just added and then cancelled is gone, and the editor with it.
            editor
                .key
                .resolve(&self.documents[editor.document].convention)
                .is_some()
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
        use crate::keys::FieldListAction as F;
        match self.keymap.fields.action(key) {
            Some(F::Close) => return false,
            Some(F::Up) => editor
                .scroll
                .select(selected.saturating_sub(1), len, height),
            Some(F::Down) => editor.scroll.select(selected + 1, len, height),
            Some(F::PageUp) => editor
                .scroll
                .select(selected.saturating_sub(height), len, height),
            Some(F::PageDown) => editor.scroll.select(selected + height, len, height),
            Some(F::Home) => editor.scroll.select(0, len, height),
            Some(F::End) => editor.scroll.select(len.saturating_sub(1), len, height),
            Some(F::Edit) => self.begin_typing(editor),
            Some(F::Add) => self.add_list_item(editor, height),
            Some(F::Remove) => self.remove_list_item(editor),
            None => {}
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
                let selected = match (editor.target, field) {
                    (EditTarget::Fiche(r), Field::Scope) => {
                        edit::SCOPES.iter().position(|s| *s == r.get(c).scope)
                    }
                    (EditTarget::Fiche(r), Field::Status) => {
                        edit::STATUSES.iter().position(|s| *s == r.get(c).status)
                    }
                    (EditTarget::Convention, Field::ClaimOperation(i)) => {
                        let operation = c.claims.get(i).map(|claim| claim.operation);
                        edit::OPERATIONS.iter().position(|o| Some(*o) == operation)
                    }
                    _ => return,
                };
                FieldInput::Choice {
                    selected: selected.unwrap_or(0),
                }
            }
            kind => {
                let text = edit::current_text(c, editor.target, field, self.lang.numbers());
                let mut area =
                    TextArea::from(text.split('\n').map(str::to_string).collect::<Vec<_>>());
                area.set_cursor_line_style(ratatui::style::Style::default());
                if kind == Kind::Multiline {
                    // Wrapped, so that the start of a long paragraph stays in view.
                    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                }
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                FieldInput::Text {
                    area: Box::new(area),
                    multiline: kind == Kind::Multiline,
                    original: text,
                }
            }
        });
    }

    fn typing_key(&mut self, editor: &mut Editor, key: &KeyEvent) {
        let Some(field) = editor.fields.get(editor.scroll.selected).copied() else {
            return;
        };
        use crate::keys::TypingAction as T;
        let action = self.keymap.typing.action(key);
        match editor.input.as_mut() {
            Some(FieldInput::Choice { selected }) => {
                let options = match field {
                    Field::Scope => edit::SCOPES.len(),
                    Field::ClaimOperation(_) => edit::OPERATIONS.len(),
                    _ => edit::STATUSES.len(),
                };
                match action {
                    Some(T::Cancel) => editor.input = None,
                    Some(T::Previous) => *selected = (*selected + options - 1) % options,
                    Some(T::Next) => *selected = (*selected + 1) % options,
                    Some(T::Confirm | T::ConfirmAny) => {
                        let value = match field {
                            Field::Scope => NewValue::Scope(edit::SCOPES[*selected]),
                            Field::ClaimOperation(_) => {
                                NewValue::Operation(edit::OPERATIONS[*selected])
                            }
                            _ => NewValue::Status(edit::STATUSES[*selected]),
                        };
                        editor.input = None;
                        self.commit_field(editor, field, value);
                    }
                    Some(T::Clear) | None => {}
                }
            }
            Some(FieldInput::Text {
                area, multiline, ..
            }) => {
                // Only these steer a text: every other key, the arrows included, is typed.
                let confirm = match action {
                    Some(T::Cancel) => {
                        editor.input = None;
                        editor.error = None;
                        self.cancel_addition(editor);
                        return;
                    }
                    Some(T::Clear) => {
                        area.select_all();
                        area.cut();
                        return;
                    }
                    // In a text of several lines, the key that confirms a line makes a new one.
                    Some(T::Confirm) => !*multiline,
                    Some(T::ConfirmAny) => true,
                    Some(T::Previous | T::Next) | None => false,
                };
                if !confirm {
                    area.input(*key);
                    return;
                }
                let text = area.lines().join("\n");
                if editor.adding.is_some() && text.trim().is_empty() {
                    // An item added and left empty: as if never added.
                    editor.input = None;
                    editor.error = None;
                    self.cancel_addition(editor);
                    return;
                }
                let c = &self.documents[editor.document].convention;
                if let (Field::FicheId, EditTarget::Fiche(r)) = (field, editor.target) {
                    return self.rename_fiche(editor, r, &text);
                }
                let value = match field.kind() {
                    Kind::Amount => match edit::parse_amount_input(&text, self.lang.numbers()) {
                        Ok(value) => NewValue::Figure(value),
                        Err(refused) => {
                            editor.error = Some((self.text().amount_refused)(
                                &crate::text::sanitize_line(&refused.0),
                                &self.typing_key_name(crate::keys::TypingAction::Cancel),
                            ));
                            return;
                        }
                    },
                    Kind::Figure => {
                        let previous: Option<&crate::model::Value> = match editor.target {
                            EditTarget::TableRow { table, row } => c.tables[table].rows[row]
                                .cells
                                .get(match field {
                                    Field::Cell(col) => col,
                                    _ => 0,
                                })
                                .and_then(Option::as_ref),
                            EditTarget::Fiche(_) => None,
                            // A statement's or claim's figure keeps its kind (an amount).
                            EditTarget::Convention => match field {
                                Field::StatementValue(i) => c.statements.get(i).map(|s| &s.value),
                                Field::ClaimStated(i) => c.claims.get(i).map(|k| &k.stated),
                                Field::DocIndicatorValue(i, j) => c
                                    .indicators
                                    .get(i)
                                    .and_then(|x| x.values.get(j))
                                    .and_then(|v| v.value.as_ref()),
                                _ => None,
                            },
                        };
                        NewValue::Figure(edit::parse_figure_input(
                            &text,
                            previous,
                            self.lang.numbers(),
                        ))
                    }
                    Kind::Numbers => match edit::parse_numbers_input(&text, self.lang.numbers()) {
                        Ok(numbers) => NewValue::Numbers(numbers),
                        Err(refused) => {
                            editor.error = Some((self.text().amount_refused)(
                                &crate::text::sanitize_line(&refused.0),
                                &self.typing_key_name(crate::keys::TypingAction::Cancel),
                            ));
                            return;
                        }
                    },
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
        // The edit may have changed what names the target (a row's label).
        editor.key = TargetKey::of(&self.documents[editor.document].convention, target);
        if let Some(depth) = editor.adding.take() {
            self.merge_changes_since(editor.document, depth);
        }
    }

    /// A fiche's new id: refused when empty or another fiche's; else one structural step
    /// that carries its references along.
    fn rename_fiche(&mut self, editor: &mut Editor, r: FicheRef, text: &str) {
        let c = &self.documents[editor.document].convention;
        if let Some(refused) = edit::fiche_id_refused(c, r, text, self.lang) {
            editor.error = Some(refused);
            return;
        }
        editor.input = None;
        editor.error = None;
        self.commit_structure(editor.document, |c| edit::rename_fiche(c, r, text));
        let c = &self.documents[editor.document].convention;
        editor.key = TargetKey::of(c, editor.target);
        // The selections follow the fiche under its new id.
        self.remember_selections();
    }

    /// Esc on an item just added: the addition is taken back, leaving no trace.
    fn cancel_addition(&mut self, editor: &mut Editor) {
        let Some(depth) = editor.adding.take() else {
            return;
        };
        self.discard_changes_since(editor.document, depth);
        // The fiche, axe or table added is gone: the editor closes (see `editor_key`).
        let c = &self.documents[editor.document].convention;
        let Some(target) = editor.key.resolve(c) else {
            return;
        };
        editor.target = target;
        self.refresh_fields(editor);
        let (len, selected) = (editor.fields.len(), editor.scroll.selected);
        let height = self.editor_height();
        editor.scroll.select(selected, len, height);
    }

    fn add_list_item(&mut self, editor: &mut Editor, height: usize) {
        let EditTarget::Fiche(r) = editor.target else {
            return self.add_structure_item(editor, height);
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
        let depth = self.documents[editor.document].undo.len();
        self.commit(editor.document, editor.target, |c| {
            added = edit::add_item(&mut c.axes[r.axe].fiches[r.fiche], list, year);
        });
        self.refresh_fields(editor);
        if let Some(position) = added.and_then(|f| editor.fields.iter().position(|x| *x == f)) {
            let len = editor.fields.len();
            editor.scroll.select(position, len, height);
            self.begin_typing(editor);
            editor.adding = Some(depth);
        }
    }

    /// `d`: removes the list item under the selection. An item that holds figures (an
    /// executed line, an indicator, an indicator's value) is only removed once confirmed.
    fn remove_list_item(&mut self, editor: &mut Editor) {
        let Some(&field) = editor.fields.get(editor.scroll.selected) else {
            return;
        };
        if field.list().is_none() {
            return;
        }
        let c = &self.documents[editor.document].convention;
        if edit::holds_figures(c, editor.target, field) {
            let text = edit::current_text(c, editor.target, field, self.lang.numbers());
            let what = format!(
                "{} ({})",
                (self.text().field_names)(field).trim(),
                crate::text::sanitize_line(&crate::text::shorten(&text, 80))
            );
            self.ask(super::Dialog::RemoveItem {
                document: editor.document,
                key: editor.key.clone(),
                field,
                what,
            });
            return;
        }
        self.remove_item_now(editor, field);
    }

    pub(crate) fn remove_item_now(&mut self, editor: &mut Editor, field: Field) {
        let target = editor.target;
        self.commit(editor.document, target, |c| match target {
            EditTarget::Fiche(r) => {
                edit::remove_item(&mut c.axes[r.axe].fiches[r.fiche], field);
            }
            _ => edit::remove_convention_item(c, target, field),
        });
        self.refresh_fields(editor);
        let len = editor.fields.len();
        let selected = editor.scroll.selected;
        let height = self.editor_height();
        editor.scroll.select(selected, len, height);
    }

    /// `a` in the convention editor or a table row's: a party, a statement, a claim, a
    /// column after the selected one, typed at once.
    fn add_structure_item(&mut self, editor: &mut Editor, height: usize) {
        let field = editor.fields.get(editor.scroll.selected).copied();
        let list = match (editor.target, field.and_then(Field::list), field) {
            (_, Some(list), _) => list,
            // From a cell or the title, `a` adds a column.
            (EditTarget::TableRow { .. }, None, _) => edit::List::Columns,
            // From the document's own fields, a party; from a figure, a statement.
            (
                EditTarget::Convention,
                None,
                Some(Field::ConventionTitle | Field::Period | Field::Signed) | None,
            ) => edit::List::Parties,
            (EditTarget::Convention, None, _) => edit::List::Statements,
            _ => return,
        };
        let target = editor.target;
        let depth = self.documents[editor.document].undo.len();
        let year = self.documents[editor.document]
            .convention
            .years
            .map_or(self.rules.current_year, |(_, last)| last);
        let mut added = None;
        self.commit(editor.document, target, |c| {
            added = edit::add_convention_item(
                c,
                target,
                field.unwrap_or(Field::TableTitle),
                list,
                year,
            );
        });
        self.refresh_fields(editor);
        if let Some(position) = added.and_then(|f| editor.fields.iter().position(|x| *x == f)) {
            let len = editor.fields.len();
            editor.scroll.select(position, len, height);
            self.begin_typing(editor);
            editor.adding = Some(depth);
        }
    }

    /// Opens the editor on `target` at `field`, typing into it at once when `typing`;
    /// `adding` is the undo depth before what was just added there (Esc takes it back).
    pub(crate) fn open_editor_on(
        &mut self,
        target: EditTarget,
        field: Option<Field>,
        typing: bool,
        adding: Option<usize>,
    ) {
        let Some(doc) = self.documents.get(self.current) else {
            return;
        };
        // Nothing was added (a read-only document): nothing to name.
        if adding.is_some_and(|depth| doc.undo.len() <= depth) {
            return;
        }
        let mut editor = Editor::on(self.current, &doc.convention, target);
        let position = field.and_then(|f| editor.fields.iter().position(|x| *x == f));
        if let Some(position) = position {
            let len = editor.fields.len();
            editor.scroll.select(position, len, self.editor_height());
            if typing {
                self.begin_typing(&mut editor);
                editor.adding = adding;
            }
        }
        self.editor = Some(editor);
    }

    /// The fiche position in the current convention an editor target shows, for tests and UI.
    pub fn editor_fiche(&self) -> Option<FicheRef> {
        match self.editor.as_ref()?.target {
            EditTarget::Fiche(r) => Some(r),
            EditTarget::TableRow { .. } | EditTarget::Convention => None,
        }
    }
}
