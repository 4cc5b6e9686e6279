//! Building and changing a convention's structure in the app (issue 16): axes, fiches,
//! document tables and their rows, indicators and their years, statements and claims added,
//! renamed, moved and removed; a draft's fiches confirmed. State only, no drawing.
//!
//! Every change here is one undoable step that restores the whole convention
//! ([`EditTarget::Convention`]): what it touches (positions of fiches in axes, links between
//! them) has no single owner. What is added and then named in the editor is one step with its
//! name; Esc while naming it takes the addition back. Removing what holds figures asks first
//! ([`Dialog::RemoveStructure`]), and names what it removes by identity, never by position.

use super::edit::{EditTarget, FicheKey, Field, TargetKey};
use super::views::{self, AxesRow, BudgetRow, FicheRef, IndicatorRef, OverviewItem};
use super::{Action, App, Dialog, Tab};
use crate::model::{
    Axe, Budget, Claim, Column, ColumnRole, Convention, Fiche, Indicator, IndicatorValue, Measure,
    Row, Statement, Table, TableKind, Value,
};

/// What the current tab has selected, for a structural action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selection {
    Overview(OverviewItem),
    Axe(usize),
    Fiche(FicheRef),
    TableRow {
        table: usize,
        row: usize,
    },
    /// A document table's TOTAL row, or a table with no row.
    Table(usize),
    Indicator(IndicatorRef),
    /// The grand total, an empty tab, the Anomalies tab.
    Nothing,
}

/// Something to remove once the user has confirmed it, named by identity: should the document
/// change meanwhile (a reload), only that very thing is removed, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Axe(String),
    Fiche(FicheKey),
    Table(String),
    Row(TargetKey),
    Indicator {
        fiche: Option<FicheKey>,
        index: usize,
        name: String,
    },
    Statement(usize, Box<Statement>),
    Claim(usize, Box<Claim>),
    StateSupport,
}

/// Whether a fiche states any figure: its budget, an indicator's value, a claim.
pub fn fiche_holds_figures(fiche: &Fiche) -> bool {
    let budget = fiche.budget.as_ref().is_some_and(budget_holds_figures);
    budget || fiche.indicators.iter().any(indicator_holds_figures) || !fiche.claims.is_empty()
}

fn budget_holds_figures(b: &Budget) -> bool {
    let planned = |p: &crate::model::Planned| {
        p.etat.is_some() || p.departement.is_some() || p.total.is_some() || !p.others.is_empty()
    };
    b.planned.as_ref().is_some_and(planned)
        || b.executed_by_funder.as_ref().is_some_and(planned)
        || b.engaged.is_some()
        || b.executed.is_some()
        || b.remaining.is_some()
        || !b.executed_lines.is_empty()
        || !b.reallocations.is_empty()
        || b.tables.iter().any(table_holds_figures)
}

pub fn indicator_holds_figures(indicator: &Indicator) -> bool {
    indicator.baseline.is_some() || indicator.values.iter().any(|v| v.value.is_some())
}

/// A row holds figures when a cell holds something other than words (its label).
fn row_holds_figures(row: &Row) -> bool {
    row.cells
        .iter()
        .flatten()
        .any(|v| !matches!(v, Value::Text(_)))
}

pub fn table_holds_figures(table: &Table) -> bool {
    table.rows.iter().chain(&table.total).any(row_holds_figures)
}

/// Removes `id` from a draft's unconfirmed fiches; the draft mark goes with the last one.
fn confirm(convention: &mut Convention, id: &str) {
    if let Some(draft) = &mut convention.draft {
        draft.unconfirmed.retain(|u| u != id);
        if draft.unconfirmed.is_empty() {
            convention.draft = None;
        }
    }
}

/// Whether fiche `id` holds figures a program read and no person has confirmed yet.
pub fn is_unconfirmed(convention: &Convention, id: &str) -> bool {
    convention
        .draft
        .as_ref()
        .is_some_and(|d| d.unconfirmed.iter().any(|u| u == id))
}

/// `◌ ` before the id of a draft's fiche whose figures are not confirmed (a character, so
/// that it shows without colours), else nothing.
pub fn draft_mark(convention: &Convention, id: &str) -> &'static str {
    if is_unconfirmed(convention, id) {
        "◌ "
    } else {
        ""
    }
}

impl App {
    /// Carries out a structural action on the current tab's selection.
    pub(crate) fn structure_action(&mut self, action: Action) {
        if !self.writable() {
            return;
        }
        match action {
            Action::AddAfter => self.add_after(),
            Action::AddOuter => self.add_outer(),
            Action::Remove => self.remove_selected(),
            Action::MoveUp => self.move_selected(true),
            Action::MoveDown => self.move_selected(false),
            Action::Rename => self.rename_selected(),
            Action::AddTable => self.add_table(),
            Action::RemoveTable => self.remove_table(),
            Action::ConfirmFiche => self.confirm_selected(),
            _ => {}
        }
    }

    /// Whether the convention shown can be changed; says why not when it cannot.
    fn writable(&mut self) -> bool {
        !self.refused_as_read_only(self.current)
    }

    fn selection(&self) -> Selection {
        let Some(doc) = self.document() else {
            return Selection::Nothing;
        };
        let c = &doc.convention;
        let selected = self.selected_row(self.tab);
        match self.tab {
            Tab::Axes => match selected
                .and_then(|i| views::axes_rows(c, &self.view.collapsed).get(i).copied())
            {
                Some(AxesRow::Overview(item)) => Selection::Overview(item),
                Some(AxesRow::Axe(axe)) => Selection::Axe(axe),
                Some(AxesRow::Fiche(r)) => Selection::Fiche(r),
                _ => Selection::Nothing,
            },
            Tab::Fiches => selected
                .and_then(|i| views::fiche_refs(c).get(i).copied())
                .map_or(Selection::Nothing, Selection::Fiche),
            Tab::Budgets if self.view.budget_view == 0 => {
                match selected.and_then(|i| views::budget_rows(c).get(i).copied()) {
                    Some(BudgetRow::Axe(axe)) => Selection::Axe(axe),
                    Some(BudgetRow::Fiche(r)) => Selection::Fiche(r),
                    _ => Selection::Nothing,
                }
            }
            Tab::Budgets => {
                let table = self.view.budget_view - 1;
                let Some(t) = c.tables.get(table) else {
                    return Selection::Nothing;
                };
                match selected {
                    Some(row) if row < t.rows.len() => Selection::TableRow { table, row },
                    _ => Selection::Table(table),
                }
            }
            Tab::Indicators => selected
                .and_then(|i| views::indicator_rows(c).get(i).copied())
                .map_or(Selection::Nothing, Selection::Indicator),
            Tab::Anomalies => Selection::Nothing,
        }
    }

    /// The axe the selection is in, for what is added beside it.
    fn selected_axe(&self) -> Option<usize> {
        match self.selection() {
            Selection::Axe(axe) => Some(axe),
            Selection::Fiche(r) => Some(r.axe),
            Selection::Indicator(IndicatorRef { fiche: Some(r), .. }) => Some(r.axe),
            _ => None,
        }
    }

    fn convention_now(&self) -> &Convention {
        &self.documents[self.current].convention
    }

    fn undo_depth(&self) -> usize {
        self.documents[self.current].undo.len()
    }

    /// One structural step on the convention shown.
    fn change_structure(&mut self, change: impl FnOnce(&mut Convention)) {
        self.commit_structure(self.current, change);
    }

    /// `a`: a fiche after the selected fiche (at the start of a selected axe), a row after the
    /// selected row of a table, an indicator after the selected one, a statement from the
    /// overview. What is added is named at once in the editor.
    /// A statement or a claim of the convention itself (the overview), typed at once in the
    /// convention editor.
    fn add_to_convention(&mut self, list: super::edit::List) {
        let depth = self.undo_depth();
        let year = self.indicator_year();
        let mut added = None;
        self.change_structure(|c| {
            added = super::edit::add_convention_item(
                c,
                EditTarget::Convention,
                Field::ConventionTitle,
                list,
                year,
            );
        });
        self.open_editor_on(EditTarget::Convention, added, true, Some(depth));
    }

    fn add_after(&mut self) {
        match self.selection() {
            Selection::Fiche(r) => self.add_fiche(r.axe, r.fiche + 1),
            Selection::Axe(axe) => self.add_fiche(axe, 0),
            Selection::Overview(_) => self.add_to_convention(super::edit::List::Statements),
            Selection::TableRow { table, row } => self.add_row(table, row + 1),
            Selection::Table(table) => {
                let len = self.convention_now().tables[table].rows.len();
                self.add_row(table, len)
            }
            Selection::Indicator(r) => match r.fiche {
                Some(fiche) => self.add_indicator(fiche, r.index + 1),
                None => self.add_document_indicator(Field::DocIndicatorName(r.index)),
            },
            Selection::Nothing => match self.tab {
                // An empty convention: its first axe.
                Tab::Axes | Tab::Fiches | Tab::Budgets if self.convention_now().axes.is_empty() => {
                    self.add_axe(0)
                }
                // The grand total, an axe-less list: a fiche at the end of the last axe.
                Tab::Axes | Tab::Fiches | Tab::Budgets => {
                    let last = self.convention_now().axes.len() - 1;
                    let len = self.convention_now().axes[last].fiches.len();
                    self.add_fiche(last, len)
                }
                Tab::Indicators => {
                    // The fiche selected in the Fiches tab gets its first indicator.
                    let fiches = views::fiche_refs(self.convention_now());
                    let fiche = self
                        .selected_row(Tab::Fiches)
                        .and_then(|i| fiches.get(i).copied());
                    match fiche {
                        Some(fiche) => {
                            let len = fiche.get(self.convention_now()).indicators.len();
                            self.add_indicator(fiche, len)
                        }
                        // No fiche: the document's own.
                        None => self.add_document_indicator(Field::ConventionTitle),
                    }
                }
                _ => self.status_nothing(),
            },
        }
    }

    /// `A`: an axe after the selected one (or the selected fiche's), a column after the
    /// table's columns, a year for the selected indicator, a claim from the overview.
    fn add_outer(&mut self) {
        match self.selection() {
            Selection::TableRow { table, row } => self.add_column(table, row),
            Selection::Table(_) => self.status_nothing(),
            Selection::Indicator(r) => self.add_year(r),
            Selection::Overview(_) => self.add_to_convention(super::edit::List::Claims),
            // No indicator yet: the document's own first one.
            _ if self.tab == Tab::Indicators => self.add_document_indicator(Field::ConventionTitle),
            _ => {
                let at = match self.selected_axe() {
                    Some(axe) => axe + 1,
                    None => self.convention_now().axes.len(),
                };
                self.add_axe(at)
            }
        }
    }

    fn add_fiche(&mut self, axe: usize, at: usize) {
        let depth = self.undo_depth();
        self.change_structure(|c| {
            let Some(a) = c.axes.get(axe) else { return };
            let at = at.min(a.fiches.len());
            let after = at.checked_sub(1).map(|i| a.fiches[i].id.clone());
            let id = c.new_fiche_id(axe, after.as_deref());
            c.axes[axe].fiches.insert(
                at,
                Fiche {
                    id,
                    budget: Some(Budget::default()),
                    ..Fiche::default()
                },
            );
        });
        let c = self.convention_now();
        let Some(len) = c.axes.get(axe).map(|a| a.fiches.len()) else {
            return;
        };
        let r = FicheRef {
            axe,
            fiche: at.min(len.saturating_sub(1)),
        };
        self.view.collapsed.remove(&axe);
        self.select_fiche(r);
        self.open_editor_on(EditTarget::Fiche(r), Some(Field::Title), true, Some(depth));
    }

    fn add_axe(&mut self, at: usize) {
        let depth = self.undo_depth();
        self.change_structure(|c| {
            let at = at.min(c.axes.len());
            let after = at.checked_sub(1).map(|i| c.axes[i].id.clone());
            let id = c.new_axe_id(after.as_deref());
            c.axes.insert(
                at,
                Axe {
                    id,
                    ..Axe::default()
                },
            );
        });
        let at = at.min(self.convention_now().axes.len().saturating_sub(1));
        // Folded axes are kept by position: those after the new one move down.
        self.view.collapsed = std::mem::take(&mut self.view.collapsed)
            .into_iter()
            .map(|a| if a >= at { a + 1 } else { a })
            .collect();
        self.select_axe(at);
        self.open_editor_on(
            EditTarget::Convention,
            Some(Field::AxeTitle(at)),
            true,
            Some(depth),
        );
    }

    fn add_row(&mut self, table: usize, at: usize) {
        let depth = self.undo_depth();
        self.change_structure(|c| {
            let Some(t) = c.tables.get_mut(table) else {
                return;
            };
            let at = at.min(t.rows.len());
            t.rows.insert(
                at,
                Row {
                    cells: vec![None; t.columns.len()],
                    ..Row::default()
                },
            );
        });
        let Some(t) = self.convention_now().tables.get(table) else {
            return;
        };
        let row = at.min(t.rows.len().saturating_sub(1));
        let label = super::tabs::budgets::label_column(t);
        self.select_in(Tab::Budgets, row);
        self.open_editor_on(
            EditTarget::TableRow { table, row },
            Some(Field::Cell(label)),
            true,
            Some(depth),
        );
    }

    /// A column after the last, named at once from the row editor.
    fn add_column(&mut self, table: usize, row: usize) {
        let depth = self.undo_depth();
        let year = self.indicator_year();
        let target = EditTarget::TableRow { table, row };
        let mut added = None;
        self.change_structure(|c| {
            added = super::edit::add_convention_item(
                c,
                target,
                Field::TableTitle,
                super::edit::List::Columns,
                year,
            );
        });
        self.open_editor_on(target, added, true, Some(depth));
    }

    fn add_indicator(&mut self, fiche: FicheRef, at: usize) {
        let depth = self.undo_depth();
        let year = self.indicator_year();
        self.change_structure(|c| {
            let indicators = &mut c.axes[fiche.axe].fiches[fiche.fiche].indicators;
            let at = at.min(indicators.len());
            indicators.insert(
                at,
                Indicator {
                    values: vec![IndicatorValue {
                        year,
                        measure: Measure::Result,
                        value: None,
                        note: String::new(),
                    }],
                    ..Indicator::default()
                },
            );
        });
        let index = at.min(fiche.get(self.convention_now()).indicators.len() - 1);
        self.select_indicator(IndicatorRef {
            fiche: Some(fiche),
            index,
        });
        self.open_editor_on(
            EditTarget::Fiche(fiche),
            Some(Field::IndicatorName(index)),
            true,
            Some(depth),
        );
    }

    /// The year a new indicator or value is for: the year after the indicator's last, else
    /// the convention's last year, else this year.
    fn indicator_year(&self) -> i32 {
        self.convention_now()
            .years
            .map_or(self.rules.current_year, |(_, last)| last)
    }

    /// A year after the indicator's last, its value typed at once.
    fn add_year(&mut self, r: IndicatorRef) {
        let depth = self.undo_depth();
        let default_year = self.indicator_year();
        let index = r.index;
        let mut added = None;
        self.change_structure(|c| {
            let indicators = match r.fiche {
                Some(f) => &mut c.axes[f.axe].fiches[f.fiche].indicators,
                None => &mut c.indicators,
            };
            let Some(indicator) = indicators.get_mut(index) else {
                return;
            };
            let year = indicator
                .values
                .iter()
                .map(|v| v.year + 1)
                .max()
                .unwrap_or(default_year);
            indicator.values.push(IndicatorValue {
                year,
                measure: Measure::Result,
                value: None,
                note: String::new(),
            });
            let j = indicator.values.len() - 1;
            added = Some(match r.fiche {
                Some(_) => Field::IndicatorValue(index, j),
                None => Field::DocIndicatorValue(index, j),
            });
        });
        let target = r.fiche.map_or(EditTarget::Convention, EditTarget::Fiche);
        self.open_editor_on(target, added, true, Some(depth));
    }

    /// One of the document's own indicators, after the one `after` names (or at the end),
    /// named at once in the convention editor.
    fn add_document_indicator(&mut self, after: Field) {
        let depth = self.undo_depth();
        let year = self.indicator_year();
        let mut added = None;
        self.change_structure(|c| {
            added = super::edit::add_convention_item(
                c,
                EditTarget::Convention,
                after,
                super::edit::List::DocIndicators,
                year,
            );
        });
        if let Some(Field::DocIndicatorName(index)) = added {
            self.select_indicator(IndicatorRef { fiche: None, index });
        }
        self.open_editor_on(EditTarget::Convention, added, true, Some(depth));
    }

    /// `T` (Budgets): a document table after the last, with a label and an amount column and
    /// one row; its title is typed at once.
    fn add_table(&mut self) {
        if self.tab != Tab::Budgets {
            return self.status_nothing();
        }
        let depth = self.undo_depth();
        let text = crate::strings::structure(self.lang);
        self.change_structure(|c| {
            let id = c.new_table_id();
            c.tables.push(Table {
                id,
                kind: TableKind::Summary,
                columns: vec![
                    Column {
                        name: text.new_label_column.to_string(),
                        role: Some(ColumnRole::Label),
                    },
                    Column {
                        name: text.new_amount_column.to_string(),
                        role: Some(ColumnRole::Summed),
                    },
                ],
                rows: vec![Row {
                    cells: vec![None, None],
                    ..Row::default()
                }],
                ..Table::default()
            });
        });
        let table = self.convention_now().tables.len() - 1;
        self.view.budget_view = table + 1;
        self.view.columns[Tab::Budgets.index()] = 0;
        self.select_in(Tab::Budgets, 0);
        self.open_editor_on(
            EditTarget::TableRow { table, row: 0 },
            Some(Field::TableTitle),
            true,
            Some(depth),
        );
    }

    /// `r`: the selection's name typed at once.
    fn rename_selected(&mut self) {
        let (target, field) = match self.selection() {
            Selection::Fiche(r) => (EditTarget::Fiche(r), Field::Title),
            Selection::Axe(axe) => (EditTarget::Convention, Field::AxeTitle(axe)),
            Selection::TableRow { table, row } => {
                (EditTarget::TableRow { table, row }, Field::TableTitle)
            }
            Selection::Indicator(IndicatorRef {
                fiche: Some(r),
                index,
            }) => (EditTarget::Fiche(r), Field::IndicatorName(index)),
            Selection::Indicator(IndicatorRef { fiche: None, index }) => {
                (EditTarget::Convention, Field::DocIndicatorName(index))
            }
            Selection::Overview(_) => (EditTarget::Convention, Field::ConventionTitle),
            _ => return self.status_nothing(),
        };
        self.open_editor_on(target, Some(field), true, None);
    }

    /// `D`: removes the selection, asking first when it holds figures.
    fn remove_selected(&mut self) {
        let c = self.convention_now();
        let text = crate::strings::structure(self.lang);
        let clean = |s: &str| crate::text::sanitize_line(&crate::text::shorten(s, 60)).into_owned();
        let (removal, asks, what) = match self.selection() {
            Selection::Fiche(r) => {
                let fiche = r.get(c);
                (
                    Removal::Fiche(FicheKey::of(c, r)),
                    fiche_holds_figures(fiche),
                    (text.what_fiche)(&clean(&fiche.id), &clean(&fiche.title)),
                )
            }
            Selection::Axe(axe) => {
                let a = &c.axes[axe];
                (
                    Removal::Axe(a.id.clone()),
                    !a.fiches.is_empty(),
                    (text.what_axe)(&clean(&a.id), &clean(&a.title), a.fiches.len()),
                )
            }
            Selection::TableRow { table, row } => {
                let r = &c.tables[table].rows[row];
                (
                    Removal::Row(TargetKey::of(c, EditTarget::TableRow { table, row })),
                    row_holds_figures(r),
                    (text.what_row)(&clean(r.label())),
                )
            }
            Selection::Indicator(r) => {
                let indicator = r.get(c);
                (
                    Removal::Indicator {
                        fiche: r.fiche.map(|f| FicheKey::of(c, f)),
                        index: r.index,
                        name: indicator.name.clone(),
                    },
                    indicator_holds_figures(indicator),
                    (text.what_indicator)(&clean(&indicator.name)),
                )
            }
            Selection::Overview(OverviewItem::Statement(i)) => {
                let s = &c.statements[i];
                (
                    Removal::Statement(i, Box::new(s.clone())),
                    true,
                    (text.what_statement)(&clean(&s.text)),
                )
            }
            Selection::Overview(OverviewItem::Claim(i)) => {
                let claim = &c.claims[i];
                (
                    Removal::Claim(i, Box::new(claim.clone())),
                    true,
                    (text.what_claim)(&clean(&claim.text)),
                )
            }
            Selection::Overview(OverviewItem::StateSupport) => (
                Removal::StateSupport,
                true,
                crate::strings::figures(self.lang).state_support.to_string(),
            ),
            Selection::Table(_) => return self.remove_table(),
            _ => return self.status_nothing(),
        };
        if asks {
            self.ask(Dialog::RemoveStructure {
                document: self.current,
                removal,
                what,
            });
        } else {
            self.remove_now(self.current, &removal, &what);
        }
    }

    /// `Ctrl-T` (Budgets): removes the document table shown, asking first when it holds
    /// figures.
    fn remove_table(&mut self) {
        if self.tab != Tab::Budgets || self.view.budget_view == 0 {
            return self.status_nothing();
        }
        let c = self.convention_now();
        let Some(t) = c.tables.get(self.view.budget_view - 1) else {
            return;
        };
        let removal = Removal::Table(t.id.clone());
        let what = (crate::strings::structure(self.lang).what_table)(&crate::text::sanitize_line(
            &crate::text::shorten(&t.title, 60),
        ));
        if table_holds_figures(t) {
            self.ask(Dialog::RemoveStructure {
                document: self.current,
                removal,
                what,
            });
        } else {
            self.remove_now(self.current, &removal, &what);
        }
    }

    /// Removes what `removal` names, if it is still there: one undoable step; `what` names it
    /// in the message that says so.
    pub(crate) fn remove_now(&mut self, document: usize, removal: &Removal, what: &str) {
        let depth = self.documents.get(document).map_or(0, |d| d.undo.len());
        // Folded axes are kept by position: those after a removed axe move up.
        if let Removal::Axe(id) = removal
            && document == self.current
            && let Some(axe) = self.documents[document]
                .convention
                .axes
                .iter()
                .position(|a| &a.id == id)
        {
            self.view.collapsed = std::mem::take(&mut self.view.collapsed)
                .into_iter()
                .filter(|a| *a != axe)
                .map(|a| if a > axe { a - 1 } else { a })
                .collect();
        }
        self.commit_structure(document, |c| match removal {
            Removal::Axe(id) => {
                if let Some(axe) = c.axes.iter().position(|a| &a.id == id) {
                    let removed = c.axes.remove(axe);
                    for fiche in &removed.fiches {
                        confirm(c, &fiche.id);
                    }
                }
            }
            Removal::Fiche(key) => {
                if let Some(r) = key.find(c) {
                    let removed = c.axes[r.axe].fiches.remove(r.fiche);
                    // A draft never waits for a fiche that is gone.
                    if c.find_fiche(&removed.id).is_none() {
                        confirm(c, &removed.id);
                    }
                }
            }
            Removal::Table(id) => c.tables.retain(|t| &t.id != id),
            Removal::Row(key) => {
                if let Some(EditTarget::TableRow { table, row }) = key.resolve(c) {
                    c.tables[table].rows.remove(row);
                }
            }
            Removal::Indicator { fiche, index, name } => {
                let indicators = match fiche {
                    Some(key) => match key.find(c) {
                        Some(r) => &mut c.axes[r.axe].fiches[r.fiche].indicators,
                        None => return,
                    },
                    None => &mut c.indicators,
                };
                if indicators.get(*index).is_some_and(|i| &i.name == name) {
                    indicators.remove(*index);
                }
            }
            Removal::Statement(index, statement) => {
                if c.statements.get(*index) == Some(statement) {
                    c.statements.remove(*index);
                }
            }
            Removal::Claim(index, claim) => {
                if c.claims.get(*index) == Some(claim) {
                    c.claims.remove(*index);
                }
            }
            Removal::StateSupport => c.state_support = None,
        });
        // A table shown that is gone: the one before it.
        if let Some(doc) = self.documents.get(document) {
            self.view.budget_view = self.view.budget_view.min(doc.convention.tables.len());
            if doc.undo.len() > depth && self.status.is_none() {
                let text = crate::strings::structure(self.lang);
                let undo = self.key_name(super::Action::Undo);
                self.status = Some((None, (text.removed)(what, &undo)));
            }
        }
        self.retarget_selections();
    }

    /// `K` / `J`: the selection one place up or down; a fiche at the edge of its axe goes to
    /// the neighbouring axe.
    fn move_selected(&mut self, up: bool) {
        let c = self.convention_now();
        match self.selection() {
            Selection::Fiche(r) => {
                let to = if up {
                    if r.fiche > 0 {
                        Some((r.axe, r.fiche - 1))
                    } else {
                        r.axe.checked_sub(1).map(|a| (a, c.axes[a].fiches.len()))
                    }
                } else if r.fiche + 1 < c.axes[r.axe].fiches.len() {
                    Some((r.axe, r.fiche + 1))
                } else {
                    (r.axe + 1 < c.axes.len()).then_some((r.axe + 1, 0))
                };
                let Some((axe, fiche)) = to else {
                    return self.status_edge();
                };
                self.change_structure(|c| {
                    let moved = c.axes[r.axe].fiches.remove(r.fiche);
                    c.axes[axe].fiches.insert(fiche, moved);
                });
                self.view.collapsed.remove(&axe);
                self.select_fiche(FicheRef { axe, fiche });
            }
            Selection::Axe(axe) => {
                let Some(other) = (if up {
                    axe.checked_sub(1)
                } else {
                    (axe + 1 < c.axes.len()).then_some(axe + 1)
                }) else {
                    return self.status_edge();
                };
                self.change_structure(|c| c.axes.swap(axe, other));
                // Folded axes are kept by position: the fold moves with its axe.
                let (a, b) = (
                    self.view.collapsed.contains(&axe),
                    self.view.collapsed.contains(&other),
                );
                for (index, folded) in [(other, a), (axe, b)] {
                    if folded {
                        self.view.collapsed.insert(index);
                    } else {
                        self.view.collapsed.remove(&index);
                    }
                }
                self.select_axe(other);
            }
            Selection::TableRow { table, row } => {
                let len = c.tables[table].rows.len();
                let Some(other) = (if up {
                    row.checked_sub(1)
                } else {
                    (row + 1 < len).then_some(row + 1)
                }) else {
                    return self.status_edge();
                };
                self.change_structure(|c| c.tables[table].rows.swap(row, other));
                self.select_in(Tab::Budgets, other);
            }
            Selection::Indicator(r) => {
                let len = match r.fiche {
                    Some(f) => f.get(c).indicators.len(),
                    None => c.indicators.len(),
                };
                let Some(other) = (if up {
                    r.index.checked_sub(1)
                } else {
                    (r.index + 1 < len).then_some(r.index + 1)
                }) else {
                    return self.status_edge();
                };
                self.change_structure(|c| match r.fiche {
                    Some(f) => c.axes[f.axe].fiches[f.fiche]
                        .indicators
                        .swap(r.index, other),
                    None => c.indicators.swap(r.index, other),
                });
                self.select_indicator(IndicatorRef {
                    fiche: r.fiche,
                    index: other,
                });
            }
            _ => self.status_nothing(),
        }
    }

    /// `C`: the selected fiche's figures are confirmed (a draft's mark goes).
    fn confirm_selected(&mut self) {
        let fiche = match self.selection() {
            Selection::Fiche(r) => Some(r),
            Selection::Indicator(r) => r.fiche,
            _ => None,
        };
        let text = crate::strings::structure(self.lang);
        let Some(r) = fiche else {
            return self.status_nothing();
        };
        let id = r.get(self.convention_now()).id.clone();
        if !is_unconfirmed(self.convention_now(), &id) {
            self.status = Some((None, text.nothing_to_confirm.to_string()));
            return;
        }
        self.change_structure(|c| confirm(c, &id));
        let left = self
            .convention_now()
            .draft
            .as_ref()
            .map_or(0, |d| d.unconfirmed.len());
        self.status = Some((
            None,
            (text.confirmed)(&crate::text::sanitize_line(&id), left),
        ));
    }

    fn status_nothing(&mut self) {
        let text = crate::strings::structure(self.lang);
        self.status = Some((None, text.nothing_here.to_string()));
    }

    fn status_edge(&mut self) {
        let text = crate::strings::structure(self.lang);
        self.status = Some((None, text.at_edge.to_string()));
    }

    /// Selects fiche `r` in the current tab, clearing a filter that would hide it.
    fn select_fiche(&mut self, r: FicheRef) {
        let c = self.convention_now();
        let full = match self.tab {
            Tab::Axes => views::axes_rows(c, &self.view.collapsed)
                .iter()
                .position(|row| *row == AxesRow::Fiche(r)),
            Tab::Fiches => views::fiche_refs(c).iter().position(|f| *f == r),
            Tab::Budgets if self.view.budget_view == 0 => views::budget_rows(c)
                .iter()
                .position(|row| *row == BudgetRow::Fiche(r)),
            _ => None,
        };
        self.select_full_row(full);
    }

    fn select_axe(&mut self, axe: usize) {
        let c = self.convention_now();
        let full = match self.tab {
            Tab::Axes => views::axes_rows(c, &self.view.collapsed)
                .iter()
                .position(|row| *row == AxesRow::Axe(axe)),
            Tab::Budgets if self.view.budget_view == 0 => views::budget_rows(c)
                .iter()
                .position(|row| *row == BudgetRow::Axe(axe)),
            _ => None,
        };
        self.select_full_row(full);
    }

    fn select_indicator(&mut self, r: IndicatorRef) {
        if self.tab != Tab::Indicators {
            return;
        }
        let full = views::indicator_rows(self.convention_now())
            .iter()
            .position(|x| *x == r);
        self.select_full_row(full);
    }

    /// Selects row `full` (of the whole list) in the current tab.
    fn select_full_row(&mut self, full: Option<usize>) {
        let Some(full) = full else { return };
        let mut position = self.visible_rows(self.tab).iter().position(|&i| i == full);
        if position.is_none() {
            // A filter hides it: the filter goes, the new row is shown.
            self.filters[self.tab.index()].clear();
            position = Some(full);
        }
        if let Some(position) = position {
            self.select_in(self.tab, position);
        }
        self.remember_selections();
    }
}
