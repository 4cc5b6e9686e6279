//! Rule "coherence": what a file states that cannot be, whatever the figures: two fiches
//! with the same id (every link to it goes to the first), a negative planned, engaged or
//! executed amount, a result for a year still to come, a period that ends before it starts,
//! a statement about a fiche that does not exist, a table row without a cell per column, two
//! fiches with the same description or budget block (a copy-paste).

// foldhash: the copies' maps are built again at every re-check (issue 17).
use foldhash::{HashMap, HashMapExt};

use super::tables::TablePlace;
use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{
    BudgetField, ConventionKind, Day, Fiche, Indicator, Measure, StatementScope, Table, Value,
    days_in,
};
use crate::strings::field_name;

/// The document's own date: when it was dated or transmitted. Not the signing date: a
/// report's `signed` is often the date of the convention it reports on.
fn document_day<'a>(cx: &Context<'a>) -> Option<(Day, &'a str)> {
    let written = cx.convention.transmitted.as_str();
    Some((*days_in(written).last()?, written))
}

/// A document dated or transmitted after a deadline it states.
pub(super) fn deadlines(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    let Some((dated, written)) = document_day(cx) else {
        return;
    };
    for deadline in &convention.deadlines {
        let Some(due) = days_in(&deadline.due).last().copied() else {
            continue;
        };
        if dated > due {
            out.push(finding(
                Severity::Warning,
                Anchor::Convention,
                cx.text.convention_scope.to_string(),
                (cx.text.after_deadline)(written, &deadline.due, &deadline.text),
            ));
        }
    }
}

/// In a report, a result given for a period that had not ended at the report's date (a
/// partial figure presented as the year's). A convention or a programme states where things
/// stand when it is signed; a report states results, and one for a period still running is
/// a partial figure.
fn unfinished_periods(
    cx: &Context,
    indicators: &[Indicator],
    place: &dyn Fn(usize) -> (Anchor, String),
    out: &mut Vec<Finding>,
) {
    if indicators.is_empty() || cx.convention.kind != ConventionKind::RapportExecution {
        return;
    }
    let Some((dated, written)) = document_day(cx) else {
        return;
    };
    for (index, indicator) in indicators.iter().enumerate() {
        unfinished_values(cx, (dated, written), indicator, &|| place(index), out);
    }
}

fn unfinished_values(
    cx: &Context,
    (dated, written): (Day, &str),
    indicator: &Indicator,
    place: &dyn Fn() -> (Anchor, String),
    out: &mut Vec<Finding>,
) {
    let now = cx.config.current_year;
    for value in &indicator.values {
        // A year still to come is reported by `dates_to_come`.
        if value.measure != Measure::Result || value.value.is_none() || value.year > now {
            continue;
        }
        let ends = days_in(&value.note)
            .last()
            .copied()
            .unwrap_or(Day::end_of_year(value.year));
        if dated < ends {
            let (anchor, location) = place();
            out.push(finding(
                Severity::Warning,
                anchor,
                location,
                (cx.text.result_before_period_end)(
                    &indicator.name,
                    value.year,
                    &ends.display_fr(),
                    written,
                ),
            ));
        }
    }
}

/// [`unfinished_periods`] of one fiche's indicators.
pub(super) fn fiche_unfinished_periods(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let place = |index| fiche_indicator_place(cx, fiche, index);
    unfinished_periods(cx, &fiche.indicators, &place, out);
}

/// [`unfinished_periods`] of the convention's own indicators.
pub(super) fn document_unfinished_periods(cx: &Context, out: &mut Vec<Finding>) {
    let place = |index| document_indicator_place(cx, index);
    unfinished_periods(cx, &cx.convention.indicators, &place, out);
}

fn fiche_indicator_place(cx: &Context, fiche: &Fiche, index: usize) -> (Anchor, String) {
    let name = fiche.indicators.get(index).map_or("", |i| i.name.as_str());
    (
        Anchor::Indicator {
            fiche: Some(fiche.id.clone()),
            index,
        },
        cx.fiche_place(fiche, &format!("{} {}", cx.text.indicator, cx.quote(name))),
    )
}

fn document_indicator_place(cx: &Context, index: usize) -> (Anchor, String) {
    let name = cx
        .convention
        .indicators
        .get(index)
        .map_or("", |i| i.name.as_str());
    (
        Anchor::Indicator { fiche: None, index },
        format!("{} {}", cx.text.indicator, cx.quote(name)),
    )
}

/// A statement whose scope names a fiche or an axe the document does not have, a table row
/// linked to a missing fiche: every rule would skip them in silence.
pub(super) fn dangling_references(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    for (index, statement) in convention.statements.iter().enumerate() {
        if statement.field.is_none() && statement.about.is_none() {
            out.push(finding(
                Severity::Error,
                Anchor::Statement { index },
                format!("{} {}", cx.text.statement, cx.quote(&statement.text)),
                cx.text.statement_about_nothing.to_string(),
            ));
        }
        let missing = match &statement.scope {
            StatementScope::Fiche(id) if cx.find_fiche(id).is_none() => {
                format!("{} {id}", cx.text.fiche)
            }
            StatementScope::Axe(id) if !convention.axes.iter().any(|a| &a.id == id) => {
                (cx.text.axe_scope)(id)
            }
            _ => continue,
        };
        out.push(finding(
            Severity::Error,
            Anchor::Statement { index },
            format!("{} {}", cx.text.statement, cx.quote(&statement.text)),
            (cx.text.scope_does_not_exist)(&missing),
        ));
    }
    for (table_index, table) in convention.tables.iter().enumerate() {
        for (row_index, row) in table.rows.iter().enumerate() {
            let Some(id) = &row.fiche else { continue };
            if cx.row_fiche(table_index, row_index).is_some() {
                continue;
            }
            out.push(finding(
                Severity::Error,
                TablePlace::Convention { index: table_index }.anchor(Some(row_index), false, None),
                format!(
                    "{} {} › {} {}",
                    cx.text.table,
                    cx.quote(&table.title),
                    cx.text.row,
                    cx.quote(row.label())
                ),
                (cx.text.row_fiche_does_not_exist)(id),
            ));
        }
    }
}

/// A row with more or fewer cells than the table has columns: its figures would land in the
/// wrong column, or be dropped. One fiche's budget tables.
pub(super) fn fiche_ragged_rows(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let Some(budget) = &fiche.budget else {
        return;
    };
    for (index, table) in budget.tables.iter().enumerate() {
        let place = TablePlace::Fiche {
            fiche: &fiche.id,
            index,
        };
        ragged_rows(cx, place, table, out);
    }
}

/// [`fiche_ragged_rows`] of the document's own tables.
pub(super) fn document_ragged_rows(cx: &Context, out: &mut Vec<Finding>) {
    for (index, table) in cx.convention.tables.iter().enumerate() {
        ragged_rows(cx, TablePlace::Convention { index }, table, out);
    }
}

fn ragged_rows(cx: &Context, place: TablePlace, table: &Table, out: &mut Vec<Finding>) {
    let columns = table.columns.len();
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (Some(i), r))
        .chain(table.total.iter().map(|r| (None, r)));
    for (row_index, row) in rows {
        if row.cells.len() == columns {
            continue;
        }
        let row_name = match row_index {
            Some(_) => format!("{} {}", cx.text.row, cx.quote(row.label())),
            None => cx.text.total_row.to_string(),
        };
        out.push(finding(
            Severity::Error,
            place.anchor(row_index, row_index.is_none(), None),
            place.location(cx, table, Some(&row_name), None),
            (cx.text.ragged_row)(row.cells.len(), columns),
        ));
    }
}

/// Shorter texts repeat by nature ("Département", "Sans objet").
const COPY_MIN_CHARS: usize = 80;

/// What [`copies`] compares of one fiche: a hash of its description and of its budget block
/// (their words joined by single spaces), when long or full enough to be told from a
/// coincidence. Hashes rather than the texts keep this small enough to keep for every fiche;
/// [`copies`] compares the texts themselves when two hashes are equal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyKeys {
    description: Option<u64>,
    budget: Option<u64>,
}

impl CopyKeys {
    pub(super) fn of(fiche: &Fiche) -> CopyKeys {
        CopyKeys {
            description: description_copy_text(fiche).map(|text| hash(&text)),
            budget: budget_copy_text(fiche).map(|text| hash(&text)),
        }
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fiche's description as [`copies`] compares it, when long enough.
fn description_copy_text(fiche: &Fiche) -> Option<String> {
    let text = words(&fiche.description.as_ref()?.text);
    (text.chars().count() >= COPY_MIN_CHARS).then_some(text)
}

fn budget_copy_text(fiche: &Fiche) -> Option<String> {
    fiche.budget.as_ref().and_then(budget_block)
}

/// The first earlier fiche whose text (`text_of`) is the same as that of the fiche at
/// `position`, among those of the same hash, else `position` joins them.
/// The fiches seen so far with one hash: the first, and any other whose text differs (a
/// collision: almost never, so most hashes hold no list).
struct SameHash {
    first: usize,
    others: Vec<usize>,
}

fn first_copy(
    seen: &mut HashMap<u64, SameHash>,
    hash: u64,
    fiches: &[&Fiche],
    position: usize,
    text_of: fn(&Fiche) -> Option<String>,
) -> Option<usize> {
    let same_hash = match seen.entry(hash) {
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(SameHash {
                first: position,
                others: Vec::new(),
            });
            return None;
        }
        std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
    };
    let text = text_of(fiches[position]);
    let earlier = std::iter::once(same_hash.first).chain(same_hash.others.iter().copied());
    for first in earlier {
        if text_of(fiches[first]) == text {
            return Some(first);
        }
    }
    same_hash.others.push(position);
    None
}

/// Two fiches with the same description paragraph, or the same budget block: often a
/// copy-paste left in a report. A warning on the second, naming the first. `keys` holds each
/// fiche's [`CopyKeys`], in document order.
pub(super) fn copies(cx: &Context, keys: &[CopyKeys], out: &mut Vec<Finding>) {
    let fiches: Vec<_> = cx.convention.fiches().collect();
    let mut descriptions: HashMap<u64, SameHash> = HashMap::with_capacity(fiches.len());
    let mut budgets: HashMap<u64, SameHash> = HashMap::with_capacity(fiches.len());
    for (position, (fiche, keys)) in fiches.iter().zip(keys).enumerate() {
        let anchor = || Anchor::Fiche {
            fiche: fiche.id.clone(),
            position,
        };
        if let Some(hash) = keys.description
            && let Some(first) = first_copy(
                &mut descriptions,
                hash,
                &fiches,
                position,
                description_copy_text,
            )
        {
            out.push(finding(
                Severity::Warning,
                anchor(),
                format!("{} {}", cx.text.fiche, fiche.id),
                (cx.text.copied_description)(&fiches[first].id),
            ));
        }
        if let Some(hash) = keys.budget
            && let Some(first) = first_copy(&mut budgets, hash, &fiches, position, budget_copy_text)
        {
            out.push(finding(
                Severity::Warning,
                anchor(),
                format!("{} {} › {}", cx.text.fiche, fiche.id, cx.text.budget),
                (cx.text.copied_budget)(&fiches[first].id),
            ));
        }
    }
}

/// The figures of a budget block, when it says enough to be recognised: at least two amounts
/// that are not zero (two fiches planning "0 €" are not copies).
fn budget_block(budget: &crate::model::Budget) -> Option<String> {
    let planned = budget.planned.as_ref();
    let figures = [
        planned.and_then(|p| p.etat.as_ref()),
        planned.and_then(|p| p.departement.as_ref()),
        planned.and_then(|p| p.total.as_ref()),
        budget.engaged.as_ref(),
        budget.executed.as_ref(),
        budget.remaining.as_ref(),
    ];
    let non_zero = figures
        .iter()
        .flatten()
        .filter(|v| v.amount().is_some_and(|a| !a.is_zero()))
        .count();
    let text = words(&budget.text);
    if non_zero < 2 && text.chars().count() < COPY_MIN_CHARS {
        return None;
    }
    Some(format!("{figures:?}|{:?}|{text}", budget.executed_lines))
}

fn finding(severity: Severity, anchor: Anchor, location: String, message: String) -> Finding {
    Finding {
        key: String::new(),
        sources: Vec::new(),
        fiche: None,
        rule: Rule::Consistency,
        severity,
        anchor,
        location,
        message,
        expected: None,
        stated: None,
    }
}

/// `3-3` twice, or `3-3` and `3.3`, which every lookup takes for the same fiche.
pub(super) fn duplicate_ids(cx: &Context, out: &mut Vec<Finding>) {
    let fiches: Vec<_> = cx.convention.fiches().collect();
    for (position, fiche) in fiches.iter().enumerate() {
        let first = cx.first_with_id_of(position).unwrap_or(position);
        if first == position {
            continue;
        }
        out.push(finding(
            Severity::Warning,
            Anchor::Fiche {
                fiche: fiche.id.clone(),
                position,
            },
            format!("{} {}", cx.text.fiche, fiche.id),
            (cx.text.duplicate_fiche)(&fiche.id, &fiches[first].title),
        ));
    }
}

/// Money planned, committed or spent is never below zero (a remaining credit can be).
pub(super) fn negative_figures(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    let Some(budget) = &fiche.budget else {
        return;
    };
    let planned = budget.planned.as_ref();
    let figures = [
        (
            BudgetField::PlannedEtat,
            planned.and_then(|p| p.etat.as_ref()),
        ),
        (
            BudgetField::PlannedDepartement,
            planned.and_then(|p| p.departement.as_ref()),
        ),
        (
            BudgetField::PlannedTotal,
            planned.and_then(|p| p.total.as_ref()),
        ),
        (BudgetField::Engaged, budget.engaged.as_ref()),
        (BudgetField::Executed, budget.executed.as_ref()),
    ];
    let others = planned
        .into_iter()
        .flat_map(|p| &p.others)
        .map(|f| (BudgetField::PlannedOther, Some(&f.amount)));
    let lines = budget
        .executed_lines
        .iter()
        .map(|f| (BudgetField::Executed, Some(&f.amount)));
    for (field, value) in figures.into_iter().chain(others).chain(lines) {
        let Some(amount) = value.and_then(Value::amount) else {
            continue;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            let name = field_name(lang, field);
            out.push(finding(
                Severity::Warning,
                Anchor::Budget {
                    fiche: fiche.id.clone(),
                    field,
                },
                cx.fiche_place(fiche, name),
                (cx.text.negative_figure)(name, &cx.eur(amount)),
            ));
        }
    }
    for (index, reallocation) in budget.reallocations.iter().enumerate() {
        let Some(amount) = reallocation.amount.amount() else {
            continue;
        };
        if amount.is_sign_negative() && !amount.is_zero() {
            out.push(finding(
                Severity::Warning,
                Anchor::Reallocation {
                    fiche: fiche.id.clone(),
                    index,
                },
                cx.fiche_place(fiche, cx.text.reallocation),
                (cx.text.negative_figure)(cx.text.reallocation, &cx.eur(amount)),
            ));
        }
    }
}

/// A report on years to come, a signature dated in the future, a period that ends before it
/// starts (a result measured in a year not yet begun: [`fiche_results_to_come`]).
pub(super) fn dates_to_come(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    let now = cx.config.current_year;
    let here = || cx.text.convention_scope.to_string();
    if let Some((first, last)) = convention.years {
        if first > last {
            out.push(finding(
                Severity::Warning,
                Anchor::Convention,
                here(),
                (cx.text.period_reversed)(first, last),
            ));
        }
        if convention.kind == ConventionKind::RapportExecution && first.max(last) > now {
            out.push(finding(
                Severity::Warning,
                Anchor::Convention,
                here(),
                (cx.text.report_of_years_to_come)(first.max(last)),
            ));
        }
    }
    if let Some(year) = years_in(&convention.signed).find(|y| *y > now) {
        out.push(finding(
            Severity::Warning,
            Anchor::Convention,
            here(),
            (cx.text.signed_in_future)(&convention.signed, year),
        ));
    }
}

/// A result measured in a year not yet begun.
fn results_to_come(
    cx: &Context,
    indicator: &Indicator,
    place: &dyn Fn() -> (Anchor, String),
    out: &mut Vec<Finding>,
) {
    let now = cx.config.current_year;
    let future = indicator
        .values
        .iter()
        .find(|v| v.measure == Measure::Result && v.value.is_some() && v.year > now);
    if let Some(value) = future {
        let (anchor, location) = place();
        out.push(finding(
            Severity::Warning,
            anchor,
            location,
            (cx.text.result_to_come)(&indicator.name, value.year),
        ));
    }
}

/// [`results_to_come`] of one fiche's indicators.
pub(super) fn fiche_results_to_come(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    for (index, indicator) in fiche.indicators.iter().enumerate() {
        results_to_come(
            cx,
            indicator,
            &|| fiche_indicator_place(cx, fiche, index),
            out,
        );
    }
}

/// [`results_to_come`] of the convention's own indicators.
pub(super) fn document_results_to_come(cx: &Context, out: &mut Vec<Finding>) {
    for (index, indicator) in cx.convention.indicators.iter().enumerate() {
        results_to_come(cx, indicator, &|| document_indicator_place(cx, index), out);
    }
}

/// The years written in a date as printed (`12/03/2019`, `mars 2019`, `2019-03-12`): every
/// run of exactly four digits from 1900 to 2999.
fn years_in(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .filter(|year| (1900..3000).contains(year))
}

#[cfg(test)]
mod tests {
    use super::years_in;

    #[test]
    fn years_are_read_from_dates_as_printed() {
        let years = |text| years_in(text).collect::<Vec<_>>();
        assert_eq!(years("12/03/2019"), [2019]);
        assert_eq!(years("signée le 2099-01-05"), [2099]);
        assert_eq!(years("délibération n° 123456 du 5 mars 2020"), [2020]);
        assert!(years("").is_empty());
    }
}
