//! Editing: which fields a fiche or a table row offers, how typed text becomes a value, and
//! the changes kept for undo / redo. No drawing here.

use crate::model::NumberStyle;
use rust_decimal::Decimal;

use super::views::FicheRef;
use crate::model::{
    BudgetField, Claim, Convention, Fiche, FicheStatus, Funder, Indicator, IndicatorValue, Measure,
    Operation, Scope, Statement, StatementScope, Table, Value,
};
pub use crate::model::{Field, Kind, List};

/// What an edit replaced: the whole fiche or table before and after, so that undo and redo
/// are exact whatever the edit did (a value, a list item added or removed). Named by
/// identity, never by position, so it always lands on the fiche or table it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    Fiche(FicheKey, Box<Fiche>),
    Table(String, Box<Table>),
    /// The whole convention, for structural edits (axes, fiches, tables added, moved or
    /// removed) and convention-level figures (issue 16): what they touch has no one owner.
    /// Shared: a run of structural steps keeps one copy per step ([`App::commit_structure`]).
    Convention(std::sync::Arc<Convention>),
}

impl Snapshot {
    pub fn take(convention: &Convention, target: EditTarget) -> Snapshot {
        match target {
            EditTarget::Fiche(r) => Snapshot::Fiche(
                FicheKey::of(convention, r),
                Box::new(r.get(convention).clone()),
            ),
            EditTarget::TableRow { table, .. } => {
                let table = &convention.tables[table];
                Snapshot::Table(table.id.clone(), Box::new(table.clone()))
            }
            EditTarget::Convention => Snapshot::Convention(std::sync::Arc::new(convention.clone())),
        }
    }

    /// Puts the snapshot back; returns false when its fiche or table is no longer there.
    pub fn restore(&self, convention: &mut Convention) -> bool {
        match self {
            Snapshot::Fiche(key, fiche) => match key.find(convention) {
                Some(r) => {
                    convention.axes[r.axe].fiches[r.fiche] = (**fiche).clone();
                    true
                }
                None => false,
            },
            Snapshot::Table(id, table) => {
                match convention.tables.iter_mut().find(|t| &t.id == id) {
                    Some(slot) => {
                        *slot = (**table).clone();
                        true
                    }
                    None => false,
                }
            }
            Snapshot::Convention(whole) => {
                *convention = (**whole).clone();
                true
            }
        }
    }

    /// Whether both snapshots restore the same kind of thing (a fiche, a table, the whole).
    pub fn same_kind(&self, other: &Snapshot) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub before: Snapshot,
    pub after: Snapshot,
}

/// Where the editor is open, as positions in the convention as it is now. Only valid until
/// the convention changes: the editor keeps a [`TargetKey`] and resolves it again after
/// every change (edit, undo, reload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    Fiche(FicheRef),
    TableRow {
        table: usize,
        row: usize,
    },
    /// What the convention states outside the fiches: title, period, parties, the State's
    /// support, axe titles and totals, statements and claims (issue 16).
    Convention,
}

/// A fiche by its id and, when several fiches share that id (a finding of its own), which
/// of them in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FicheKey {
    pub id: String,
    pub occurrence: usize,
}

impl FicheKey {
    pub fn of(convention: &Convention, at: FicheRef) -> FicheKey {
        let id = &at.get(convention).id;
        // The fiches before `at`, read in place (no list of every fiche: this runs twice per
        // edit, issue 17).
        let axes = &convention.axes;
        let before = axes[..at.axe]
            .iter()
            .flat_map(|a| &a.fiches)
            .chain(&axes[at.axe].fiches[..at.fiche]);
        let occurrence = before.filter(|f| &f.id == id).count();
        FicheKey {
            id: id.clone(),
            occurrence,
        }
    }

    pub fn find(&self, convention: &Convention) -> Option<FicheRef> {
        convention
            .axes
            .iter()
            .enumerate()
            .flat_map(|(axe, a)| {
                a.fiches
                    .iter()
                    .enumerate()
                    .map(move |(fiche, f)| (FicheRef { axe, fiche }, f))
            })
            .filter(|(_, f)| f.id == self.id)
            .nth(self.occurrence)
            .map(|(at, _)| at)
    }
}

/// What the editor is open on, by identity: a fiche by its id, a table row by its table's
/// id and the row's fiche and label. A reload or an edit can move or remove it, never turn
/// it into another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKey {
    Fiche(FicheKey),
    TableRow {
        table: String,
        fiche: Option<String>,
        label: String,
        occurrence: usize,
    },
    Convention,
}

impl TargetKey {
    pub fn of(convention: &Convention, target: EditTarget) -> TargetKey {
        match target {
            EditTarget::Fiche(r) => TargetKey::Fiche(FicheKey::of(convention, r)),
            EditTarget::TableRow { table, row } => {
                let t = &convention.tables[table];
                let this = &t.rows[row];
                let occurrence = t.rows[..row]
                    .iter()
                    .filter(|r| r.fiche == this.fiche && r.label() == this.label())
                    .count();
                TargetKey::TableRow {
                    table: t.id.clone(),
                    fiche: this.fiche.clone(),
                    label: this.label().to_string(),
                    occurrence,
                }
            }
            EditTarget::Convention => TargetKey::Convention,
        }
    }

    /// Where the fiche or row is now, if it still exists.
    pub fn resolve(&self, convention: &Convention) -> Option<EditTarget> {
        match self {
            TargetKey::Fiche(key) => key.find(convention).map(EditTarget::Fiche),
            TargetKey::TableRow {
                table,
                fiche,
                label,
                occurrence,
            } => {
                let index = convention.tables.iter().position(|t| &t.id == table)?;
                let row = convention.tables[index]
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| &r.fiche == fiche && r.label() == label)
                    .nth(*occurrence)?
                    .0;
                Some(EditTarget::TableRow { table: index, row })
            }
            TargetKey::Convention => Some(EditTarget::Convention),
        }
    }

    /// The fiche's id or the row's label, for messages.
    pub fn name(&self) -> &str {
        match self {
            TargetKey::Fiche(key) => &key.id,
            TargetKey::TableRow { label, .. } => label,
            TargetKey::Convention => "",
        }
    }
}

/// The fields a fiche offers, in the order of the fiche's sections.
pub fn fiche_fields(fiche: &Fiche) -> Vec<Field> {
    let mut fields = vec![
        Field::Title,
        Field::Measure,
        Field::Scope,
        Field::Status,
        Field::Description,
        Field::Objective,
        Field::Area,
        Field::Start,
        Field::Duration,
    ];
    let partners = fiche.partners.as_ref().map_or(0, |p| p.names.len());
    fields.extend((0..partners).map(Field::Partner));
    fields.extend(BudgetField::FICHE.map(Field::Budget));
    let lines = fiche.budget.as_ref().map_or(0, |b| b.executed_lines.len());
    for i in 0..lines {
        fields.push(Field::ExecutedLineName(i));
        fields.push(Field::ExecutedLineAmount(i));
    }
    for (i, indicator) in fiche.indicators.iter().enumerate() {
        fields.push(Field::IndicatorName(i));
        fields.extend((0..indicator.values.len()).map(|j| Field::IndicatorValue(i, j)));
    }
    fields.extend([
        Field::AssessmentText,
        Field::Positives,
        Field::Improvements,
        Field::Perspectives,
        // Last, so that the fields above keep their places.
        Field::FicheId,
    ]);
    fields
}

/// A row's cells, then the table's title and column names (issue 16: after the cells, so
/// that the row's own fields keep their places).
pub fn table_fields(table: &Table) -> Vec<Field> {
    let mut fields: Vec<Field> = (0..table.columns.len()).map(Field::Cell).collect();
    fields.push(Field::TableTitle);
    fields.extend((0..table.columns.len()).map(Field::ColumnName));
    fields
}

/// A claim's operations, as the editor offers them.
pub const OPERATIONS: [Operation; 7] = [
    Operation::Sum,
    Operation::Difference,
    Operation::Product,
    Operation::Percentage,
    Operation::GrowthRate,
    Operation::PointDifference,
    Operation::Ratio,
];

pub const SCOPES: [Scope; 3] = [
    Scope::Socle,
    Scope::InitiativeDepartementale,
    Scope::NonPrecise,
];
pub const STATUSES: [Option<FicheStatus>; 4] = [
    None,
    Some(FicheStatus::Nouvelle),
    Some(FicheStatus::Renforcee),
    Some(FicheStatus::Existante),
];

fn block_text(block: &Option<crate::model::Block>) -> String {
    block.as_ref().map(|b| b.text.clone()).unwrap_or_default()
}

/// A field's current content as editable text.
pub fn current_text(
    convention: &Convention,
    target: EditTarget,
    field: Field,
    style: NumberStyle,
) -> String {
    let figure = |v: Option<&Value>| v.map(|v| editable_figure(v, style)).unwrap_or_default();
    match target {
        EditTarget::TableRow { table, row } => {
            let t = &convention.tables[table];
            match field {
                Field::Cell(column) => {
                    figure(t.rows[row].cells.get(column).and_then(Option::as_ref))
                }
                Field::TableTitle => t.title.clone(),
                Field::ColumnName(column) => t
                    .columns
                    .get(column)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            }
        }
        EditTarget::Convention => convention_text(convention, field, style),
        EditTarget::Fiche(r) => {
            let fiche = r.get(convention);
            let budget = fiche.budget.as_ref();
            match field {
                Field::Title => fiche.title.clone(),
                Field::FicheId => fiche.id.clone(),
                Field::Measure => fiche.measure.clone(),
                Field::Scope | Field::Status => String::new(),
                Field::Description => block_text(&fiche.description),
                Field::Objective => block_text(&fiche.objective),
                Field::Area => block_text(&fiche.area),
                Field::Start => block_text(&fiche.start),
                Field::Duration => block_text(&fiche.duration),
                Field::Perspectives => block_text(&fiche.perspectives),
                Field::Partner(i) => fiche
                    .partners
                    .as_ref()
                    .and_then(|p| p.names.get(i))
                    .cloned()
                    .unwrap_or_default(),
                Field::Budget(f) => figure(budget.and_then(|b| crate::rules::fiche_figure(b, f))),
                Field::ExecutedLineName(i) => budget
                    .and_then(|b| b.executed_lines.get(i))
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                Field::ExecutedLineAmount(i) => figure(
                    budget
                        .and_then(|b| b.executed_lines.get(i))
                        .map(|l| &l.amount),
                ),
                Field::IndicatorName(i) => fiche
                    .indicators
                    .get(i)
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                Field::IndicatorValue(i, j) => figure(
                    fiche
                        .indicators
                        .get(i)
                        .and_then(|x| x.values.get(j))
                        .and_then(|v| v.value.as_ref()),
                ),
                Field::AssessmentText => fiche
                    .assessment
                    .as_ref()
                    .map(|a| a.text.clone())
                    .unwrap_or_default(),
                Field::Positives => fiche
                    .assessment
                    .as_ref()
                    .map(|a| a.positives.clone())
                    .unwrap_or_default(),
                Field::Improvements => fiche
                    .assessment
                    .as_ref()
                    .map(|a| a.improvements.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            }
        }
    }
}

/// A figure as a user would type it back (`1207650,75`, `60 %`, the words as they are).
fn editable_figure(value: &Value, style: NumberStyle) -> String {
    match value {
        Value::Amount(d) | Value::Number(d) => style.amount(*d),
        Value::Percent(d) => style.percent(*d),
        Value::Duration(d, unit) => format!("{} {unit}", style.amount(*d)),
        Value::Text(t) => t.clone(),
    }
}

/// Why typed text was refused (the text as typed); the editor stays open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Typed text → an amount, written as the user's language writes figures. Empty clears the
/// figure; more than two decimals is refused, never rounded.
pub fn parse_amount_input(text: &str, style: NumberStyle) -> Result<Option<Value>, Refused> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match crate::model::parse_amount_in(text, style) {
        Ok(d) if d.scale() <= crate::model::EURO_DECIMALS => Ok(Some(Value::Amount(d))),
        _ => Err(Refused(text.to_string())),
    }
}

/// Typed text → an indicator value or table cell: a number, a percentage, an amount with €,
/// or else the words as typed. Empty clears it.
pub fn parse_figure_input(
    text: &str,
    previous: Option<&Value>,
    style: NumberStyle,
) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(number) = text.strip_suffix('%')
        && let Ok(d) = crate::model::parse_amount_in(number, style)
    {
        return Some(Value::Percent(d));
    }
    match crate::model::parse_amount_in(text, style) {
        Ok(d) if text.contains('€') || matches!(previous, Some(Value::Amount(_))) => {
            Some(Value::Amount(d))
        }
        Ok(d) => Some(Value::Number(d)),
        Err(_) => Some(Value::Text(text.to_string())),
    }
}

/// What the editor confirms for a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewValue {
    Text(String),
    Figure(Option<Value>),
    Scope(Scope),
    Status(Option<FicheStatus>),
    /// A claim's operands and operation (issue 16).
    Numbers(Vec<Decimal>),
    Operation(Operation),
}

fn set_block(block: &mut Option<crate::model::Block>, text: String) {
    match (block.as_mut(), text.is_empty()) {
        (Some(b), _) => b.text = text,
        (None, false) => {
            *block = Some(crate::model::Block {
                text,
                source: Default::default(),
            })
        }
        (None, true) => {}
    }
}

/// Writes a confirmed value into the model.
pub fn apply(convention: &mut Convention, target: EditTarget, field: Field, value: NewValue) {
    match target {
        EditTarget::TableRow { table, row } => match (field, value) {
            (Field::Cell(column), NewValue::Figure(v)) => {
                if let Some(cell) = convention.tables[table].rows[row].cells.get_mut(column) {
                    *cell = v;
                }
            }
            (Field::TableTitle, NewValue::Text(t)) => convention.tables[table].title = t,
            (Field::ColumnName(column), NewValue::Text(t)) => {
                if let Some(c) = convention.tables[table].columns.get_mut(column) {
                    c.name = t;
                }
            }
            _ => {}
        },
        EditTarget::Convention => apply_to_convention(convention, field, value),
        EditTarget::Fiche(r) => {
            let fiche = &mut convention.axes[r.axe].fiches[r.fiche];
            apply_to_fiche(fiche, field, value);
        }
    }
}

fn apply_to_fiche(fiche: &mut Fiche, field: Field, value: NewValue) {
    let text = |v: &NewValue| match v {
        NewValue::Text(t) => t.clone(),
        _ => String::new(),
    };
    match (field, value) {
        (Field::Scope, NewValue::Scope(s)) => fiche.scope = s,
        (Field::Status, NewValue::Status(s)) => fiche.status = s,
        (Field::Budget(f), NewValue::Figure(v)) => {
            let budget = fiche.budget.get_or_insert_with(Default::default);
            match f {
                BudgetField::PlannedEtat => {
                    budget.planned.get_or_insert_with(Default::default).etat = v
                }
                BudgetField::PlannedDepartement => {
                    budget
                        .planned
                        .get_or_insert_with(Default::default)
                        .departement = v
                }
                BudgetField::PlannedTotal => {
                    budget.planned.get_or_insert_with(Default::default).total = v
                }
                BudgetField::PlannedOther => {}
                BudgetField::Engaged => budget.engaged = v,
                BudgetField::Executed => budget.executed = v,
                BudgetField::Remaining => budget.remaining = v,
            }
        }
        (Field::ExecutedLineAmount(i), NewValue::Figure(Some(v))) => {
            if let Some(line) = fiche
                .budget
                .as_mut()
                .and_then(|b| b.executed_lines.get_mut(i))
            {
                line.amount = v;
            }
        }
        (Field::IndicatorValue(i, j), NewValue::Figure(v)) => {
            if let Some(entry) = fiche
                .indicators
                .get_mut(i)
                .and_then(|x| x.values.get_mut(j))
            {
                entry.value = v;
            }
        }
        (field, value) => {
            let t = text(&value);
            match field {
                Field::Title => fiche.title = t,
                Field::Measure => fiche.measure = t,
                Field::Description => set_block(&mut fiche.description, t),
                Field::Objective => set_block(&mut fiche.objective, t),
                Field::Area => set_block(&mut fiche.area, t),
                Field::Start => set_block(&mut fiche.start, t),
                Field::Duration => set_block(&mut fiche.duration, t),
                Field::Perspectives => set_block(&mut fiche.perspectives, t),
                Field::Partner(i) => {
                    if let Some(name) = fiche.partners.as_mut().and_then(|p| p.names.get_mut(i)) {
                        *name = t;
                    }
                }
                Field::ExecutedLineName(i) => {
                    if let Some(line) = fiche
                        .budget
                        .as_mut()
                        .and_then(|b| b.executed_lines.get_mut(i))
                    {
                        line.name = t;
                    }
                }
                Field::IndicatorName(i) => {
                    if let Some(indicator) = fiche.indicators.get_mut(i) {
                        indicator.name = t;
                    }
                }
                Field::AssessmentText => {
                    fiche.assessment.get_or_insert_with(Default::default).text = t
                }
                Field::Positives => {
                    fiche
                        .assessment
                        .get_or_insert_with(Default::default)
                        .positives = t
                }
                Field::Improvements => {
                    fiche
                        .assessment
                        .get_or_insert_with(Default::default)
                        .improvements = t
                }
                _ => {}
            }
        }
    }
}

/// Adds an item to a list of the fiche; returns the field to edit next (the new item's
/// name), `None` for a list a fiche has not.
pub fn add_item(fiche: &mut Fiche, list: List, year: i32) -> Option<Field> {
    Some(match list {
        List::Partners => {
            let partners = fiche.partners.get_or_insert_with(Default::default);
            partners.names.push(String::new());
            Field::Partner(partners.names.len() - 1)
        }
        List::ExecutedLines => {
            let budget = fiche.budget.get_or_insert_with(Default::default);
            budget.executed_lines.push(Funder {
                name: String::new(),
                amount: Value::Amount(Decimal::ZERO),
            });
            Field::ExecutedLineName(budget.executed_lines.len() - 1)
        }
        List::Indicators => {
            fiche.indicators.push(Indicator {
                values: vec![IndicatorValue {
                    year,
                    measure: Measure::Result,
                    value: None,
                    note: String::new(),
                }],
                ..Default::default()
            });
            Field::IndicatorName(fiche.indicators.len() - 1)
        }
        List::Columns | List::Parties | List::Statements | List::Claims | List::DocIndicators => {
            return None;
        }
    })
}

/// Whether removing the item a field belongs to would remove figures: an executed line, an
/// indicator with values, an indicator value that is filled in.
pub fn holds_figures(convention: &Convention, target: EditTarget, field: Field) -> bool {
    match (target, field) {
        (EditTarget::TableRow { table, .. }, Field::ColumnName(column)) => {
            return convention.tables.get(table).is_some_and(|t| {
                t.rows
                    .iter()
                    .chain(&t.total)
                    .any(|r| r.cells.get(column).is_some_and(Option::is_some))
            });
        }
        // A statement or a claim is a figure.
        (EditTarget::Convention, Field::StatementValue(_) | Field::StatementText(_)) => {
            return true;
        }
        (
            EditTarget::Convention,
            Field::ClaimText(_)
            | Field::ClaimOperation(_)
            | Field::ClaimOperands(_)
            | Field::ClaimStated(_),
        ) => return true,
        (EditTarget::Convention, Field::DocIndicatorName(i)) => {
            return convention
                .indicators
                .get(i)
                .is_some_and(crate::app::structure::indicator_holds_figures);
        }
        (EditTarget::Convention, Field::DocIndicatorValue(i, j)) => {
            return convention
                .indicators
                .get(i)
                .and_then(|x| x.values.get(j))
                .is_some_and(|v| v.value.is_some());
        }
        _ => {}
    }
    let EditTarget::Fiche(r) = target else {
        return false;
    };
    let fiche = r.get(convention);
    match field {
        Field::ExecutedLineName(_) | Field::ExecutedLineAmount(_) => true,
        Field::IndicatorName(i) => fiche
            .indicators
            .get(i)
            .is_some_and(|x| x.baseline.is_some() || x.values.iter().any(|v| v.value.is_some())),
        Field::IndicatorValue(i, j) => fiche
            .indicators
            .get(i)
            .and_then(|x| x.values.get(j))
            .is_some_and(|v| v.value.is_some()),
        _ => false,
    }
}

/// Removes the list item a field belongs to. Returns whether something was removed.
pub fn remove_item(fiche: &mut Fiche, field: Field) -> bool {
    match field {
        Field::Partner(i) => fiche
            .partners
            .as_mut()
            .filter(|p| i < p.names.len())
            .map(|p| p.names.remove(i))
            .is_some(),
        Field::ExecutedLineName(i) | Field::ExecutedLineAmount(i) => fiche
            .budget
            .as_mut()
            .filter(|b| i < b.executed_lines.len())
            .map(|b| b.executed_lines.remove(i))
            .is_some(),
        Field::IndicatorName(i) if i < fiche.indicators.len() => {
            fiche.indicators.remove(i);
            true
        }
        // A value row removes that value (one year), not the indicator.
        Field::IndicatorValue(i, j) => fiche
            .indicators
            .get_mut(i)
            .filter(|x| j < x.values.len())
            .map(|x| x.values.remove(j))
            .is_some(),
        _ => false,
    }
}

// Issue 16: a fiche's id, the convention's own fields, and the lists of the convention and
// of a table.

/// Why fiche `r` cannot take `new` as its id: empty, or another fiche's (the rules read `3-3`
/// and `3.3` as one id).
pub fn fiche_id_refused(
    convention: &Convention,
    r: FicheRef,
    new: &str,
    lang: crate::strings::Lang,
) -> Option<String> {
    let text = crate::strings::structure(lang);
    let new = new.trim();
    if new.is_empty() {
        return Some(text.id_empty.to_string());
    }
    let wanted = crate::model::normalise_fiche_id(new);
    let taken = super::views::fiche_refs(convention)
        .into_iter()
        .filter(|other| *other != r)
        .any(|other| crate::model::normalise_fiche_id(&other.get(convention).id) == wanted);
    taken.then(|| (text.id_taken)(&crate::text::sanitize_line(new)))
}

/// Gives fiche `r` the id `new`, and every reference to its old id with it: summary-table
/// rows, statements about it, credit moved to it, a draft's list.
pub fn rename_fiche(convention: &mut Convention, r: FicheRef, new: &str) {
    let new = new.trim().to_string();
    let old = std::mem::replace(&mut convention.axes[r.axe].fiches[r.fiche].id, new.clone());
    let is_old =
        |id: &str| crate::model::normalise_fiche_id(id) == crate::model::normalise_fiche_id(&old);
    for table in &mut convention.tables {
        for row in table.rows.iter_mut().chain(table.total.as_mut()) {
            if row.fiche.as_deref().is_some_and(is_old) {
                row.fiche = Some(new.clone());
            }
        }
    }
    for statement in &mut convention.statements {
        if let StatementScope::Fiche(id) = &mut statement.scope
            && is_old(id)
        {
            *id = new.clone();
        }
    }
    for fiche in convention.axes.iter_mut().flat_map(|a| a.fiches.iter_mut()) {
        let Some(budget) = &mut fiche.budget else {
            continue;
        };
        for reallocation in &mut budget.reallocations {
            if reallocation.to_fiche.as_deref().is_some_and(is_old) {
                reallocation.to_fiche = Some(new.clone());
            }
        }
    }
    if let Some(draft) = &mut convention.draft {
        for id in &mut draft.unconfirmed {
            if *id == old {
                *id = new.clone();
            }
        }
    }
}

/// The statement that is axe `axe`'s stated planned total, if the document gives one.
fn axe_total_index(convention: &Convention, axe: usize) -> Option<usize> {
    let id = &convention.axes.get(axe)?.id;
    convention.statements.iter().position(|s| {
        matches!(&s.scope, StatementScope::Axe(a) if a == id)
            && s.field == Some(BudgetField::PlannedTotal)
            && s.about.is_none()
    })
}

/// The fields of the convention editor: the document, its parties and the State's support,
/// each axe's title and stated total, then its statements and claims.
pub fn convention_fields(convention: &Convention) -> Vec<Field> {
    let mut fields = vec![Field::ConventionTitle, Field::Period, Field::Signed];
    fields.extend((0..convention.parties.len()).map(Field::Party));
    fields.push(Field::StateSupport);
    for axe in 0..convention.axes.len() {
        fields.push(Field::AxeTitle(axe));
        fields.push(Field::AxeTotal(axe));
    }
    let axe_totals: Vec<usize> = (0..convention.axes.len())
        .filter_map(|axe| axe_total_index(convention, axe))
        .collect();
    for (i, statement) in convention.statements.iter().enumerate() {
        if !matches!(statement.scope, StatementScope::Fiche(_)) && !axe_totals.contains(&i) {
            fields.push(Field::StatementValue(i));
            fields.push(Field::StatementText(i));
        }
    }
    for i in 0..convention.claims.len() {
        fields.extend([
            Field::ClaimText(i),
            Field::ClaimOperation(i),
            Field::ClaimOperands(i),
            Field::ClaimStated(i),
        ]);
    }
    for (i, indicator) in convention.indicators.iter().enumerate() {
        fields.push(Field::DocIndicatorName(i));
        fields.extend((0..indicator.values.len()).map(|j| Field::DocIndicatorValue(i, j)));
    }
    fields
}

/// Numbers as the editor shows them in a list: `120 331 ; 14`.
fn numbers_text(numbers: &[Decimal], style: NumberStyle) -> String {
    numbers
        .iter()
        .map(|d| style.amount(*d))
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Typed text → a claim's operands, separated by `;` (figures as the language writes them).
pub fn parse_numbers_input(text: &str, style: NumberStyle) -> Result<Vec<Decimal>, Refused> {
    text.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            crate::model::parse_amount_in(part.trim_end_matches('%').trim(), style)
                .map_err(|_| Refused(part.to_string()))
        })
        .collect()
}

fn convention_text(convention: &Convention, field: Field, style: NumberStyle) -> String {
    let figure = |v: Option<&Value>| v.map(|v| editable_figure(v, style)).unwrap_or_default();
    match field {
        Field::ConventionTitle => convention.title.clone(),
        Field::Period => convention.period.clone(),
        Field::Signed => convention.signed.clone(),
        Field::Party(i) => convention.parties.get(i).cloned().unwrap_or_default(),
        Field::StateSupport => figure(convention.state_support.as_ref().map(|s| &s.value)),
        Field::AxeTitle(axe) => convention
            .axes
            .get(axe)
            .map(|a| a.title.clone())
            .unwrap_or_default(),
        Field::AxeTotal(axe) => {
            figure(axe_total_index(convention, axe).map(|i| &convention.statements[i].value))
        }
        Field::StatementValue(i) => figure(convention.statements.get(i).map(|s| &s.value)),
        Field::StatementText(i) => convention
            .statements
            .get(i)
            .map(|s| s.text.clone())
            .unwrap_or_default(),
        Field::ClaimText(i) => convention
            .claims
            .get(i)
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        Field::ClaimOperands(i) => convention
            .claims
            .get(i)
            .map(|c| numbers_text(&c.operands, style))
            .unwrap_or_default(),
        Field::ClaimStated(i) => figure(convention.claims.get(i).map(|c| &c.stated)),
        Field::DocIndicatorName(i) => convention
            .indicators
            .get(i)
            .map(|x| x.name.clone())
            .unwrap_or_default(),
        Field::DocIndicatorValue(i, j) => figure(
            convention
                .indicators
                .get(i)
                .and_then(|x| x.values.get(j))
                .and_then(|v| v.value.as_ref()),
        ),
        _ => String::new(),
    }
}

/// A stated figure of the convention (its support, an axe total) made, changed or removed.
fn statement_about(scope: StatementScope, value: Value) -> Statement {
    Statement {
        scope,
        field: Some(BudgetField::PlannedTotal),
        about: None,
        value,
        bound: None,
        uncertain: false,
        text: String::new(),
        source: Default::default(),
    }
}

fn apply_to_convention(convention: &mut Convention, field: Field, value: NewValue) {
    match (field, value) {
        (Field::ConventionTitle, NewValue::Text(t)) => convention.title = t,
        (Field::Period, NewValue::Text(t)) => convention.period = t,
        (Field::Signed, NewValue::Text(t)) => convention.signed = t,
        (Field::Party(i), NewValue::Text(t)) => {
            if let Some(party) = convention.parties.get_mut(i) {
                *party = t;
            }
        }
        (Field::StateSupport, NewValue::Figure(v)) => match (v, &mut convention.state_support) {
            (None, support) => *support = None,
            (Some(v), Some(support)) => support.value = v,
            (Some(v), support) => {
                *support = Some(statement_about(StatementScope::Convention, v));
            }
        },
        (Field::AxeTitle(axe), NewValue::Text(t)) => {
            if let Some(a) = convention.axes.get_mut(axe) {
                a.title = t;
            }
        }
        (Field::AxeTotal(axe), NewValue::Figure(v)) => {
            match (v, axe_total_index(convention, axe)) {
                (None, Some(i)) => {
                    convention.statements.remove(i);
                }
                (Some(v), Some(i)) => convention.statements[i].value = v,
                (Some(v), None) => {
                    if let Some(a) = convention.axes.get(axe) {
                        let scope = StatementScope::Axe(a.id.clone());
                        convention.statements.push(statement_about(scope, v));
                    }
                }
                (None, None) => {}
            }
        }
        // A statement is its figure: emptied, it keeps the one it had.
        (Field::StatementValue(i), NewValue::Figure(Some(v))) => {
            if let Some(s) = convention.statements.get_mut(i) {
                s.value = v;
            }
        }
        (Field::StatementText(i), NewValue::Text(t)) => {
            if let Some(s) = convention.statements.get_mut(i) {
                s.text = t;
            }
        }
        (Field::ClaimText(i), NewValue::Text(t)) => {
            if let Some(c) = convention.claims.get_mut(i) {
                c.text = t;
            }
        }
        (Field::ClaimOperation(i), NewValue::Operation(operation)) => {
            if let Some(c) = convention.claims.get_mut(i) {
                c.operation = operation;
            }
        }
        (Field::ClaimOperands(i), NewValue::Numbers(numbers)) => {
            if let Some(c) = convention.claims.get_mut(i) {
                c.operands = numbers;
            }
        }
        (Field::ClaimStated(i), NewValue::Figure(Some(v))) => {
            if let Some(c) = convention.claims.get_mut(i) {
                c.stated = v;
            }
        }
        (Field::DocIndicatorName(i), NewValue::Text(t)) => {
            if let Some(x) = convention.indicators.get_mut(i) {
                x.name = t;
            }
        }
        (Field::DocIndicatorValue(i, j), NewValue::Figure(v)) => {
            if let Some(entry) = convention
                .indicators
                .get_mut(i)
                .and_then(|x| x.values.get_mut(j))
            {
                entry.value = v;
            }
        }
        _ => {}
    }
}

/// Adds an item to a list of the convention or of table `table`, after the item `field`
/// belongs to (an indicator's first value for `year`); returns the field to type next.
pub fn add_convention_item(
    convention: &mut Convention,
    target: EditTarget,
    field: Field,
    list: List,
    year: i32,
) -> Option<Field> {
    match (target, list) {
        (EditTarget::TableRow { table, .. }, List::Columns) => {
            let t = convention.tables.get_mut(table)?;
            let at = match field {
                Field::ColumnName(c) | Field::Cell(c) => c + 1,
                _ => t.columns.len(),
            }
            .min(t.columns.len());
            t.columns.insert(at, Default::default());
            for row in t.rows.iter_mut().chain(t.total.as_mut()) {
                let at = at.min(row.cells.len());
                row.cells.insert(at, None);
            }
            Some(Field::ColumnName(at))
        }
        (EditTarget::Convention, List::Parties) => {
            let at = match field {
                Field::Party(i) => i + 1,
                _ => convention.parties.len(),
            };
            convention.parties.insert(at, String::new());
            Some(Field::Party(at))
        }
        (EditTarget::Convention, List::Statements) => {
            convention.statements.push(statement_about(
                StatementScope::Convention,
                Value::Amount(Decimal::ZERO),
            ));
            Some(Field::StatementValue(convention.statements.len() - 1))
        }
        (EditTarget::Convention, List::Claims) => {
            convention.claims.push(Claim {
                text: String::new(),
                operation: Operation::Sum,
                operands: Vec::new(),
                stated: Value::Amount(Decimal::ZERO),
                approximate: false,
                bound: None,
                uncertain: false,
                source: Default::default(),
            });
            Some(Field::ClaimText(convention.claims.len() - 1))
        }
        (EditTarget::Convention, List::DocIndicators) => {
            let at = match field {
                Field::DocIndicatorName(i) | Field::DocIndicatorValue(i, _) => i + 1,
                _ => convention.indicators.len(),
            }
            .min(convention.indicators.len());
            convention.indicators.insert(
                at,
                Indicator {
                    values: vec![IndicatorValue {
                        year,
                        measure: Measure::Result,
                        value: None,
                        note: String::new(),
                    }],
                    ..Default::default()
                },
            );
            Some(Field::DocIndicatorName(at))
        }
        _ => None,
    }
}

/// Removes the convention's or the table's list item `field` belongs to.
pub fn remove_convention_item(convention: &mut Convention, target: EditTarget, field: Field) {
    match (target, field) {
        (EditTarget::TableRow { table, .. }, Field::ColumnName(c)) => {
            if let Some(t) = convention.tables.get_mut(table)
                && c < t.columns.len()
            {
                t.columns.remove(c);
                for row in t.rows.iter_mut().chain(t.total.as_mut()) {
                    if c < row.cells.len() {
                        row.cells.remove(c);
                    }
                }
            }
        }
        (EditTarget::Convention, Field::Party(i)) if i < convention.parties.len() => {
            convention.parties.remove(i);
        }
        (EditTarget::Convention, Field::StatementValue(i) | Field::StatementText(i))
            if i < convention.statements.len() =>
        {
            convention.statements.remove(i);
        }
        (
            EditTarget::Convention,
            Field::ClaimText(i)
            | Field::ClaimOperation(i)
            | Field::ClaimOperands(i)
            | Field::ClaimStated(i),
        ) if i < convention.claims.len() => {
            convention.claims.remove(i);
        }
        (EditTarget::Convention, Field::DocIndicatorName(i)) if i < convention.indicators.len() => {
            convention.indicators.remove(i);
        }
        // A value row removes that value (one year), not the indicator.
        (EditTarget::Convention, Field::DocIndicatorValue(i, j)) => {
            if let Some(x) = convention.indicators.get_mut(i)
                && j < x.values.len()
            {
                x.values.remove(j);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_accepted_in_the_written_forms_and_anything_else_refused() {
        for text in ["1 207 650,75", "1207650.75", "1.207.650,75 €"] {
            assert_eq!(
                parse_amount_input(text, NumberStyle::French),
                Ok(Some(Value::Amount("1207650.75".parse().unwrap()))),
                "{text}"
            );
        }
        assert_eq!(parse_amount_input("  ", NumberStyle::French), Ok(None));
        assert!(parse_amount_input("un million", NumberStyle::French).is_err());
        assert!(parse_amount_input("12,5,3", NumberStyle::French).is_err());
    }

    #[test]
    fn figures_keep_their_kind() {
        assert_eq!(
            parse_figure_input("60 %", None, NumberStyle::French),
            Some(Value::Percent(60.into()))
        );
        assert_eq!(
            parse_figure_input("168", None, NumberStyle::French),
            Some(Value::Number(168.into()))
        );
        assert_eq!(
            parse_figure_input("1 000 €", None, NumberStyle::French),
            Some(Value::Amount(1000.into()))
        );
        assert_eq!(
            parse_figure_input("1 000", Some(&Value::Amount(1.into())), NumberStyle::French),
            Some(Value::Amount(1000.into()))
        );
        assert_eq!(
            parse_figure_input("Pas de sortie", None, NumberStyle::French),
            Some(Value::Text("Pas de sortie".into()))
        );
        assert_eq!(parse_figure_input("", None, NumberStyle::French), None);
    }

    /// In English, figures are typed the English way: a comma groups thousands, a point
    /// marks decimals. What French would read otherwise (`1,5`, `1.207.650`) is refused, never
    /// read as another amount; more than two decimals of euros is refused, never rounded.
    #[test]
    fn english_amounts_are_read_the_english_way() {
        let en = NumberStyle::English;
        let amount = |t: &str| Ok(Some(Value::Amount(t.parse().unwrap())));
        for (typed, read) in [
            ("1,207,650.75", "1207650.75"),
            ("€1,207,650.75", "1207650.75"),
            ("1207650.75 €", "1207650.75"),
            ("1,000", "1000"),
            ("1.5", "1.5"),
            ("-€2,500", "-2500"),
            ("999", "999"),
        ] {
            assert_eq!(parse_amount_input(typed, en), amount(read), "{typed}");
        }
        for refused in [
            "1,5",
            "1.207.650",
            "12,34,567",
            "1,207.650.75",
            "€",
            "1.234",
            "abc",
        ] {
            let parsed = parse_amount_input(refused, en);
            // `1.234` is one and 234 thousandths: three decimals of euros, refused.
            assert!(parsed.is_err(), "{refused}: {parsed:?}");
        }
        assert_eq!(
            parse_figure_input("12.5%", None, en),
            Some(Value::Percent("12.5".parse().unwrap()))
        );
        assert_eq!(
            parse_numbers_input("1,200; 3.5", en),
            Ok(vec!["1200".parse().unwrap(), "3.5".parse().unwrap()])
        );
    }

    /// What the editor shows in a field is read back as the same figure, in both languages.
    #[test]
    fn a_figure_shown_in_the_editor_is_read_back_unchanged() {
        for style in [NumberStyle::French, NumberStyle::English] {
            for figure in ["1207650.75", "-2500", "0.5", "442998", "12"] {
                let value = Value::Amount(figure.parse().unwrap());
                let shown = editable_figure(&value, style);
                assert_eq!(
                    parse_amount_input(&shown, style),
                    Ok(Some(value.clone())),
                    "{style:?} {shown}"
                );
            }
        }
    }
}
