//! Rule "coherence": what a file states that cannot be, whatever the figures: two fiches
//! with the same id (every link to it goes to the first), a negative planned, engaged or
//! executed amount, a result for a year still to come, a period that ends before it starts,
//! a statement about a fiche that does not exist, a table row without a cell per column, two
//! fiches with the same description or budget block (a copy-paste).

use std::collections::HashMap;

use super::tables::TablePlace;
use super::{Anchor, Context, Finding, Rule, Severity, eur};
use crate::model::{
    BudgetField, ConventionKind, Day, Indicator, Measure, StatementScope, Value, days_in,
    normalise_fiche_id,
};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    duplicate_ids(cx, out);
    negative_figures(cx, out);
    dates_to_come(cx, out);
    deadlines(cx, out);
    dangling_references(cx, out);
    ragged_rows(cx, out);
    copies(cx, out);
}

/// The document's own date: when it was dated or transmitted. Not the signing date: a
/// report's `signed` is often the date of the convention it reports on.
fn document_day<'a>(cx: &Context<'a>) -> Option<(Day, &'a str)> {
    let written = cx.convention.transmitted.as_str();
    Some((*days_in(written).last()?, written))
}

/// A document dated or transmitted after a deadline it states; in a report, a result given
/// for a period that had not ended at the report's date (a partial figure presented as the
/// year's).
fn deadlines(cx: &Context, out: &mut Vec<Finding>) {
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
    // A convention or a programme states where things stand when it is signed; a report
    // states results, and one for a period still running is a partial figure.
    if convention.kind != ConventionKind::RapportExecution {
        return;
    }
    let now = cx.config.current_year;
    let mut unfinished = |indicator: &Indicator, place: &dyn Fn() -> (Anchor, String)| {
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
    };
    for fiche in convention.fiches() {
        for (index, indicator) in fiche.indicators.iter().enumerate() {
            unfinished(indicator, &|| {
                (
                    Anchor::Indicator {
                        fiche: Some(fiche.id.clone()),
                        index,
                    },
                    cx.fiche_place(
                        fiche,
                        &format!("{} {}", cx.text.indicator, cx.quote(&indicator.name)),
                    ),
                )
            });
        }
    }
    for (index, indicator) in convention.indicators.iter().enumerate() {
        unfinished(indicator, &|| {
            (
                Anchor::Indicator { fiche: None, index },
                format!("{} {}", cx.text.indicator, cx.quote(&indicator.name)),
            )
        });
    }
}

/// A statement whose scope names a fiche or an axe the document does not have, a table row
/// linked to a missing fiche: every rule would skip them in silence.
fn dangling_references(cx: &Context, out: &mut Vec<Finding>) {
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
            if cx.find_fiche(id).is_some() {
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
/// wrong column, or be dropped.
fn ragged_rows(cx: &Context, out: &mut Vec<Finding>) {
    let fiche_tables = cx.convention.fiches().flat_map(|fiche| {
        fiche.budget.iter().flat_map(move |budget| {
            budget.tables.iter().enumerate().map(move |(index, table)| {
                (
                    TablePlace::Fiche {
                        fiche: &fiche.id,
                        index,
                    },
                    table,
                )
            })
        })
    });
    let document_tables = cx
        .convention
        .tables
        .iter()
        .enumerate()
        .map(|(index, table)| (TablePlace::Convention { index }, table));
    for (place, table) in fiche_tables.chain(document_tables) {
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
}

/// Shorter texts repeat by nature ("Département", "Sans objet").
const COPY_MIN_CHARS: usize = 80;

/// Two fiches with the same description paragraph, or the same budget block: often a
/// copy-paste left in a report. A warning on the second, naming the first.
fn copies(cx: &Context, out: &mut Vec<Finding>) {
    let fiches: Vec<_> = cx.convention.fiches().collect();
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut descriptions: HashMap<String, usize> = HashMap::new();
    let mut budgets: HashMap<String, usize> = HashMap::new();
    for (position, fiche) in fiches.iter().enumerate() {
        let anchor = || Anchor::Fiche {
            fiche: fiche.id.clone(),
            position,
        };
        if let Some(description) = &fiche.description {
            let text = words(&description.text);
            if text.chars().count() >= COPY_MIN_CHARS {
                if let Some(&first) = descriptions.get(&text) {
                    out.push(finding(
                        Severity::Warning,
                        anchor(),
                        format!("{} {}", cx.text.fiche, fiche.id),
                        (cx.text.copied_description)(&fiches[first].id),
                    ));
                } else {
                    descriptions.insert(text, position);
                }
            }
        }
        if let Some(key) = fiche.budget.as_ref().and_then(budget_block) {
            if let Some(&first) = budgets.get(&key) {
                out.push(finding(
                    Severity::Warning,
                    anchor(),
                    format!("{} {} › {}", cx.text.fiche, fiche.id, cx.text.budget),
                    (cx.text.copied_budget)(&fiches[first].id),
                ));
            } else {
                budgets.insert(key, position);
            }
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
    let text = budget.text.split_whitespace().collect::<Vec<_>>().join(" ");
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
fn duplicate_ids(cx: &Context, out: &mut Vec<Finding>) {
    let mut first_of: HashMap<String, usize> = HashMap::new();
    let fiches: Vec<_> = cx.convention.fiches().collect();
    for (position, fiche) in fiches.iter().enumerate() {
        let first = *first_of
            .entry(normalise_fiche_id(&fiche.id))
            .or_insert(position);
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
fn negative_figures(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    for fiche in cx.convention.fiches() {
        let Some(budget) = &fiche.budget else {
            continue;
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
                    (cx.text.negative_figure)(name, &eur(amount)),
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
                    (cx.text.negative_figure)(cx.text.reallocation, &eur(amount)),
                ));
            }
        }
    }
}

/// A result measured in a year not yet begun, a report on years to come, a signature dated
/// in the future, a period that ends before it starts.
fn dates_to_come(cx: &Context, out: &mut Vec<Finding>) {
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
    let mut results_to_come = |indicator: &Indicator, anchor: &dyn Fn() -> (Anchor, String)| {
        let future = indicator
            .values
            .iter()
            .find(|v| v.measure == Measure::Result && v.value.is_some() && v.year > now);
        if let Some(value) = future {
            let (anchor, location) = anchor();
            out.push(finding(
                Severity::Warning,
                anchor,
                location,
                (cx.text.result_to_come)(&indicator.name, value.year),
            ));
        }
    };
    for fiche in convention.fiches() {
        for (index, indicator) in fiche.indicators.iter().enumerate() {
            results_to_come(indicator, &|| {
                (
                    Anchor::Indicator {
                        fiche: Some(fiche.id.clone()),
                        index,
                    },
                    cx.fiche_place(
                        fiche,
                        &format!("{} {}", cx.text.indicator, cx.quote(&indicator.name)),
                    ),
                )
            });
        }
    }
    for (index, indicator) in convention.indicators.iter().enumerate() {
        results_to_come(indicator, &|| {
            (
                Anchor::Indicator { fiche: None, index },
                format!("{} {}", cx.text.indicator, cx.quote(&indicator.name)),
            )
        });
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
