//! Editing: which fields a fiche or a table row offers, how typed text becomes a value, and
//! the changes kept for undo / redo. No drawing here.

use rust_decimal::Decimal;

use super::views::FicheRef;
use crate::model::{
    BudgetField, Convention, Fiche, FicheStatus, Funder, Indicator, IndicatorValue, Measure, Scope,
    Table, Value, parse_amount,
};
pub use crate::model::{Field, Kind, List};

/// What an edit replaced: the whole fiche or table before and after, so that undo and redo
/// are exact whatever the edit did (a value, a list item added or removed). Named by
/// identity, never by position, so it always lands on the fiche or table it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    Fiche(FicheKey, Box<Fiche>),
    Table(String, Box<Table>),
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
        }
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
    TableRow { table: usize, row: usize },
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
        let occurrence = super::views::fiche_refs(convention)
            .into_iter()
            .take_while(|r| *r != at)
            .filter(|r| &r.get(convention).id == id)
            .count();
        FicheKey {
            id: id.clone(),
            occurrence,
        }
    }

    pub fn find(&self, convention: &Convention) -> Option<FicheRef> {
        super::views::fiche_refs(convention)
            .into_iter()
            .filter(|r| r.get(convention).id == self.id)
            .nth(self.occurrence)
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
        }
    }

    /// The fiche's id or the row's label, for messages.
    pub fn name(&self) -> &str {
        match self {
            TargetKey::Fiche(key) => &key.id,
            TargetKey::TableRow { label, .. } => label,
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
    ]);
    fields
}

pub fn table_fields(table: &Table) -> Vec<Field> {
    (0..table.columns.len()).map(Field::Cell).collect()
}

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
pub fn current_text(convention: &Convention, target: EditTarget, field: Field) -> String {
    let figure = |v: Option<&Value>| v.map(editable_figure).unwrap_or_default();
    match target {
        EditTarget::TableRow { table, row } => {
            let Field::Cell(column) = field else {
                return String::new();
            };
            figure(
                convention.tables[table].rows[row]
                    .cells
                    .get(column)
                    .and_then(Option::as_ref),
            )
        }
        EditTarget::Fiche(r) => {
            let fiche = r.get(convention);
            let budget = fiche.budget.as_ref();
            match field {
                Field::Title => fiche.title.clone(),
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
                Field::Cell(_) => String::new(),
            }
        }
    }
}

/// A figure as a user would type it back (`1207650,75`, `60 %`, the words as they are).
fn editable_figure(value: &Value) -> String {
    let fr = |d: &Decimal| crate::model::format_amount_fr(*d);
    match value {
        Value::Amount(d) | Value::Number(d) => fr(d),
        Value::Percent(d) => format!("{} %", fr(d)),
        Value::Duration(d, unit) => format!("{} {unit}", fr(d)),
        Value::Text(t) => t.clone(),
    }
}

/// Why typed text was refused; the editor stays open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Typed text → an amount. Empty clears the figure.
pub fn parse_amount_input(text: &str) -> Result<Option<Value>, Refused> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::model::parse_euro_amount(text)
        .map(|d| Some(Value::Amount(d)))
        .map_err(|e| Refused(e.to_string()))
}

/// Typed text → an indicator value or table cell: a number, a percentage, an amount with €,
/// or else the words as typed. Empty clears it.
pub fn parse_figure_input(text: &str, previous: Option<&Value>) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(number) = text.strip_suffix('%')
        && let Ok(d) = parse_amount(number)
    {
        return Some(Value::Percent(d));
    }
    match parse_amount(text) {
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
        EditTarget::TableRow { table, row } => {
            if let (Field::Cell(column), NewValue::Figure(v)) = (field, value)
                && let Some(cell) = convention.tables[table].rows[row].cells.get_mut(column)
            {
                *cell = v;
            }
        }
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

/// Adds an item to a list; returns the field to edit next (the new item's name).
pub fn add_item(fiche: &mut Fiche, list: List, year: i32) -> Field {
    match list {
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
    }
}

/// Whether removing the item a field belongs to would remove figures: an executed line, an
/// indicator with values, an indicator value that is filled in.
pub fn holds_figures(convention: &Convention, target: EditTarget, field: Field) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_accepted_in_the_written_forms_and_anything_else_refused() {
        for text in ["1 207 650,75", "1207650.75", "1.207.650,75 €"] {
            assert_eq!(
                parse_amount_input(text),
                Ok(Some(Value::Amount("1207650.75".parse().unwrap()))),
                "{text}"
            );
        }
        assert_eq!(parse_amount_input("  "), Ok(None));
        assert!(parse_amount_input("un million").is_err());
        assert!(parse_amount_input("12,5,3").is_err());
    }

    #[test]
    fn figures_keep_their_kind() {
        assert_eq!(
            parse_figure_input("60 %", None),
            Some(Value::Percent(60.into()))
        );
        assert_eq!(
            parse_figure_input("168", None),
            Some(Value::Number(168.into()))
        );
        assert_eq!(
            parse_figure_input("1 000 €", None),
            Some(Value::Amount(1000.into()))
        );
        assert_eq!(
            parse_figure_input("1 000", Some(&Value::Amount(1.into()))),
            Some(Value::Amount(1000.into()))
        );
        assert_eq!(
            parse_figure_input("Pas de sortie", None),
            Some(Value::Text("Pas de sortie".into()))
        );
        assert_eq!(parse_figure_input("", None), None);
    }
}
