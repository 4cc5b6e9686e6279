//! Rule "agregat": the fiches against a figure stated for a whole: the State's total support,
//! an axe total, a grand total.

use rust_decimal::Decimal;

use super::tables::{body_rows, cell, table_name};
use super::{Anchor, Context, Finding, Rule, counterpart, fiche_figure, planned_total};
use crate::model::{
    BudgetField, ColumnRole, Fiche, StatementScope, Table, TableKind, Value, checked_sum,
};
use crate::strings::field_name;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    if let Some(support) = &convention.state_support
        && let Some(stated) = support.value.amount()
        && let Some(sum) = sum_of(convention.fiches(), BudgetField::PlannedEtat)
    {
        out.extend(cx.mismatch(
            Rule::Aggregate,
            Anchor::StateSupport,
            cx.text.state_support.to_string(),
            (cx.text.state_support_mismatch)(&cx.eur(sum), &cx.eur(stated)),
            sum,
            stated,
        ));
    }
    for (index, statement) in convention.statements.iter().enumerate() {
        let Some(stated) = statement.value.amount() else {
            continue;
        };
        let Some(field) = statement.field.filter(|_| statement.about.is_none()) else {
            continue;
        };
        let (scope, sum) = match &statement.scope {
            StatementScope::Fiche(_) => continue,
            StatementScope::Convention => (
                cx.text.convention_scope.to_string(),
                sum_of(convention.fiches(), field),
            ),
            StatementScope::Axe(id) => {
                let Some(axe) = convention.axes.iter().find(|a| &a.id == id) else {
                    continue;
                };
                ((cx.text.axe_scope)(id), sum_of(axe.fiches.iter(), field))
            }
        };
        let Some(sum) = sum else { continue };
        let field = field_name(cx.config.lang, field);
        let finding = cx.mismatch(
            Rule::Aggregate,
            Anchor::Statement { index },
            format!("{} › {scope}", cx.text.statement),
            (cx.text.aggregate_mismatch)(&scope, field, &cx.eur(sum), &cx.eur(stated)),
            sum,
            stated,
        );
        out.extend(finding.map(|f| cx.as_uncertain(f, statement.uncertain)));
    }
    for (index, table) in convention.tables.iter().enumerate() {
        summary_total_against_fiches(cx, index, table, out);
    }
}

/// A summary table's TOTAL row against the fiches its rows describe, column by column: the
/// row-by-row comparison says which fiche differs, this says what the document's total hides
/// (CD13: 5 218 310 € in the TOTAL row, 4 868 310 € in the fiches).
fn summary_total_against_fiches(cx: &Context, index: usize, table: &Table, out: &mut Vec<Finding>) {
    let Some(total_row) = table
        .total
        .as_ref()
        .filter(|_| table.kind == TableKind::Summary)
    else {
        return;
    };
    // Every line must describe a fiche, or the fiches cannot account for the total.
    let Some(lines) = body_rows(table)
        .map(|(row_index, row)| Some((row, cx.row_fiche(index, row_index)?)))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    if lines.is_empty() {
        return;
    }
    for (column_index, column) in table.columns.iter().enumerate() {
        let Some(ColumnRole::Budget(field)) = column.role else {
            continue;
        };
        let Some(stated) = cell(total_row, column_index).and_then(Value::amount) else {
            continue;
        };
        // A fiche that states no figure (an action not started: "0 €" in the table) is
        // counted at the table's own figure: it cannot contradict it.
        let mut stating = 0;
        let figures = lines.iter().map(|(row, fiche)| {
            let own = fiche.budget.as_ref().and_then(|budget| match field {
                BudgetField::PlannedTotal => planned_total(budget),
                _ => counterpart(budget, field).map(|(_, amount)| amount),
            });
            if own.is_some() {
                stating += 1;
            }
            own.or_else(|| cell(row, column_index).and_then(Value::amount))
        });
        let Some(sum) = checked_sum(figures) else {
            continue;
        };
        let fiches = stating;
        out.extend(cx.mismatch(
            Rule::Aggregate,
            Anchor::Table {
                table: index,
                row: None,
                total_row: true,
                column: Some(column_index),
            },
            format!(
                "{} › {} › {}",
                table_name(cx, table),
                cx.text.total_row,
                column.name
            ),
            (cx.text.summary_total_against_fiches)(
                &column.name,
                &cx.eur(stated),
                fiches,
                &cx.eur(sum),
            ),
            sum,
            stated,
        ));
    }
}

/// The fiches' figures added up; `None` when no fiche states one (or the sum is beyond what
/// a decimal holds).
fn sum_of<'a>(fiches: impl Iterator<Item = &'a Fiche>, field: BudgetField) -> Option<Decimal> {
    let mut figures = fiches
        .filter_map(|f| f.budget.as_ref())
        .filter_map(|b| match field {
            BudgetField::PlannedTotal => planned_total(b),
            _ => fiche_figure(b, field).and_then(Value::amount),
        })
        .peekable();
    figures.peek()?;
    checked_sum(figures.map(Some))
}
