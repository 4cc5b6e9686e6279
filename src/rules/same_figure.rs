//! Rule "meme-montant": the same figure stated differently in two places — a fiche against
//! the document's summary table, or against a figure quoted elsewhere (synthesis): a budget
//! figure, an indicator's result, an executed line, a table cell, or a quantity two
//! statements give. A statement may give a bound or a range, and may be marked uncertain.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rust_decimal::Decimal;

use super::tables::{body_rows, cell, table_name};
use super::{Anchor, Context, Finding, Rule, Severity, counterpart};
use crate::model::{
    Bound, ColumnRole, Fiche, Measure, Source, Statement, StatementScope, Subject, Value,
    normalise_fiche_id,
};
use crate::strings::field_name;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    for (table_index, table) in cx.convention.tables.iter().enumerate() {
        for (row_index, row) in body_rows(table) {
            let Some(fiche) = cx.row_fiche(table_index, row_index) else {
                continue;
            };
            let Some(budget) = &fiche.budget else {
                continue;
            };
            for (column_index, column) in table.columns.iter().enumerate() {
                let Some(ColumnRole::Budget(field)) = column.role else {
                    continue;
                };
                let Some(in_table) = cell(row, column_index).and_then(Value::amount) else {
                    continue;
                };
                let Some((field, in_fiche)) = counterpart(budget, field) else {
                    continue;
                };
                if cx.gap(in_fiche, in_table).is_none() {
                    continue;
                }
                let place = (cx.text.in_table)(&table.title);
                out.extend(cx.mismatch(
                    Rule::SameFigure,
                    Anchor::Table {
                        table: table_index,
                        row: Some(row_index),
                        total_row: false,
                        column: Some(column_index),
                    },
                    format!(
                        "{} › {} {} › {}",
                        table_name(cx, table),
                        cx.text.row,
                        cx.quote(row.label()),
                        column.name
                    ),
                    (cx.text.same_figure)(
                        field_name(lang, field),
                        &cx.eur(in_fiche),
                        &place,
                        &cx.eur(in_table),
                    ),
                    in_fiche,
                    in_table,
                ));
            }
        }
    }
    let mut first_of_quantity: HashMap<&str, (usize, &Statement)> = HashMap::new();
    for (index, statement) in cx.convention.statements.iter().enumerate() {
        let place = if statement.source.section.is_empty() {
            cx.text.statement.to_string()
        } else {
            cx.quote(&statement.source.section)
        };
        // Where the statement is, with its lines: a reviewer opens the source there.
        let location = match statement.source.describe() {
            here if here.is_empty() => format!("{} › {}", cx.text.statement, place),
            here => format!("{} › {here}", cx.text.statement),
        };
        let finding = match &statement.about {
            None => budget_statement(cx, index, statement, &place, location),
            Some(Subject::Quantity(key)) => match first_of_quantity.entry(key) {
                Entry::Vacant(entry) => {
                    entry.insert((index, statement));
                    None
                }
                Entry::Occupied(entry) => {
                    let (_, first) = *entry.get();
                    let other = if first.source.describe().is_empty() {
                        cx.text.statement.to_string()
                    } else {
                        first.source.describe()
                    };
                    compare(cx, index, statement, location, key, &first.value, &other)
                }
            },
            Some(subject) => {
                // A scope naming a fiche that does not exist is reported once, by "coherence".
                if let StatementScope::Fiche(id) = &statement.scope
                    && cx.find_fiche(id).is_none()
                {
                    continue;
                }
                let Some((what, figure, there)) = subject_figure(cx, statement, subject) else {
                    out.push(unknown_subject(cx, index, statement, location));
                    continue;
                };
                let Some(figure) = figure else { continue };
                compare(cx, index, statement, location, &what, figure, &there)
            }
        };
        out.extend(finding.map(|f| cx.as_uncertain(f, statement.uncertain)));
    }
}

/// A statement about one of its fiche's budget figures.
fn budget_statement(
    cx: &Context,
    index: usize,
    statement: &Statement,
    place: &str,
    location: String,
) -> Option<Finding> {
    let StatementScope::Fiche(fiche_id) = &statement.scope else {
        return None;
    };
    let budget = cx.find_fiche(fiche_id)?.budget.as_ref()?;
    let stated = statement.value.amount()?;
    let (field, in_fiche) = counterpart(budget, statement.field?)?;
    cx.mismatch(
        Rule::SameFigure,
        Anchor::Statement { index },
        location,
        (cx.text.same_figure)(
            field_name(cx.config.lang, field),
            &cx.eur(in_fiche),
            place,
            &cx.eur(stated),
        ),
        in_fiche,
        stated,
    )
}

/// The figure a statement's subject designates, with a name for it and where the document
/// gives it: `None` when the subject names nothing that exists (a finding), a `None` figure
/// when it exists without one.
fn subject_figure<'a>(
    cx: &Context<'a>,
    statement: &Statement,
    subject: &'a Subject,
) -> Option<(String, Option<&'a Value>, String)> {
    let fiche = match &statement.scope {
        StatementScope::Fiche(id) => Some(cx.find_fiche(id)?),
        _ => None,
    };
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    match subject {
        Subject::Indicator { name, year } => {
            let indicators = match fiche {
                Some(fiche) => &fiche.indicators,
                None => &cx.convention.indicators,
            };
            let indicator = indicators.iter().find(|i| same(&i.name, name))?;
            let value = indicator
                .values
                .iter()
                .find(|v| v.measure == Measure::Result && v.year == *year)
                .and_then(|v| v.value.as_ref());
            Some((
                format!("{} {} ({year})", cx.text.indicator, cx.quote(name)),
                value,
                where_(cx, &indicator.source, fiche),
            ))
        }
        Subject::ExecutedLine(name) => {
            let budget = fiche?.budget.as_ref()?;
            let line = budget.executed_lines.iter().find(|l| same(&l.name, name))?;
            Some((
                cx.quote(name),
                Some(&line.amount),
                where_(cx, &budget.source, fiche),
            ))
        }
        Subject::Cell { table, row, column } => {
            let found = cx.convention.tables.iter().find(|t| t.id == *table)?;
            let column_index = found.columns.iter().position(|c| same(&c.name, column))?;
            let wanted = normalise_fiche_id(row);
            let line = body_rows(found)
                .map(|(_, r)| r)
                .chain(found.total.iter())
                .find(|r| {
                    r.fiche.as_deref().map(normalise_fiche_id) == Some(wanted.clone())
                        || same(r.label(), row)
                })?;
            Some((
                format!(
                    "{} {} › {row} › {column}",
                    cx.text.table,
                    cx.quote(&found.title)
                ),
                cell(line, column_index),
                where_(cx, &found.source, None),
            ))
        }
        Subject::Quantity(key) => Some((key.clone(), None, String::new())),
    }
}

/// Where a figure is, for a message: its source, else its fiche.
fn where_(cx: &Context, source: &Source, fiche: Option<&Fiche>) -> String {
    match (source.describe(), fiche) {
        (described, _) if !described.is_empty() => described,
        (_, Some(fiche)) => format!("{} {}", cx.text.fiche, fiche.id),
        _ => cx.text.convention_scope.to_string(),
    }
}

/// The statement's figure against the other one: equal, or within the statement's bound.
fn compare(
    cx: &Context,
    index: usize,
    statement: &Statement,
    location: String,
    what: &str,
    other: &Value,
    other_place: &str,
) -> Option<Finding> {
    let stated = statement.value.number()?;
    let figure = other.number()?;
    let euros = matches!(statement.value, Value::Amount(_));
    let show = |d: Decimal| if euros { cx.eur(d) } else { cx.figure(d) };
    let anchor = Anchor::Statement { index };
    if let Some(bound) = statement.bound {
        if bound.holds(stated, figure) {
            return None;
        }
        return Some(Finding {
            key: String::new(),
            sources: Vec::new(),
            fiche: None,
            rule: Rule::SameFigure,
            severity: Severity::Error,
            anchor,
            location,
            message: (cx.text.figure_outside_bound)(
                what,
                &show(figure),
                other_place,
                &describe_bound(cx, bound, &show(stated), show),
            ),
            expected: Some(figure),
            stated: Some(stated.to_string()),
        });
    }
    let message = (cx.text.same_quantity)(what, &show(figure), other_place, &show(stated));
    if euros {
        cx.mismatch(Rule::SameFigure, anchor, location, message, figure, stated)
    } else {
        cx.mismatch_quantity(Rule::SameFigure, anchor, location, message, figure, stated)
    }
}

/// "au moins 200", "entre 15 et 20".
pub fn describe_bound(
    cx: &Context,
    bound: Bound,
    stated: &str,
    show: impl Fn(Decimal) -> String,
) -> String {
    match bound {
        Bound::AtLeast => (cx.text.at_least)(stated),
        Bound::MoreThan => (cx.text.more_than)(stated),
        Bound::AtMost => (cx.text.at_most)(stated),
        Bound::LessThan => (cx.text.less_than)(stated),
        Bound::UpTo(upper) => (cx.text.between)(stated, &show(upper)),
    }
}

/// A statement about something the document does not have: never silent.
fn unknown_subject(cx: &Context, index: usize, statement: &Statement, location: String) -> Finding {
    let scope = match &statement.scope {
        StatementScope::Fiche(id) => format!("{} {id}", cx.text.fiche),
        StatementScope::Axe(id) => (cx.text.axe_scope)(id),
        StatementScope::Convention => cx.text.convention_scope.to_string(),
    };
    let subject = match &statement.about {
        Some(Subject::Indicator { name, year }) => {
            format!("{} {} ({year})", cx.text.indicator, cx.quote(name))
        }
        Some(Subject::ExecutedLine(name)) => cx.quote(name),
        Some(Subject::Cell { table, row, column }) => {
            format!("{} {} › {row} › {column}", cx.text.table, cx.quote(table))
        }
        Some(Subject::Quantity(key)) => key.clone(),
        None => String::new(),
    };
    Finding {
        key: String::new(),
        sources: Vec::new(),
        fiche: None,
        rule: Rule::Consistency,
        severity: Severity::Error,
        anchor: Anchor::Statement { index },
        location,
        message: (cx.text.unknown_subject)(&subject, &scope),
        expected: None,
        stated: None,
    }
}
