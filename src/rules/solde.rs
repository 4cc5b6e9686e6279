//! Rule "solde": remaining credit ≠ planned − engaged (or − executed).

use rust_decimal::Decimal;

use super::tables::{TablePlace, body_rows, cell};
use super::{Anchor, Context, Finding, Rule, consumed, planned_total};
use crate::model::{BudgetField, ColumnRole, Fiche, Row, Table, Value};
use crate::strings::field_name;

/// One fiche's remaining credit against its planned and used figures.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    let Some(budget) = &fiche.budget else {
        return;
    };
    let Some(stated) = budget.remaining.as_ref().and_then(Value::amount) else {
        return;
    };
    let Some(planned) = planned_total(budget) else {
        return;
    };
    let Some((field, used)) = consumed(budget, BudgetField::Engaged) else {
        return;
    };
    let Some(expected) = planned.checked_sub(used) else {
        return;
    };
    if cx.gap(expected, stated).is_none() {
        return;
    }
    out.extend(cx.mismatch(
        Rule::Remaining,
        Anchor::Budget {
            fiche: fiche.id.clone(),
            field: BudgetField::Remaining,
        },
        cx.fiche_place(fiche, field_name(lang, BudgetField::Remaining)),
        message(cx, planned, field, used, expected, stated),
        expected,
        stated,
    ));
}

/// The rows of the document's tables.
pub(super) fn document(cx: &Context, out: &mut Vec<Finding>) {
    for (index, table) in cx.convention.tables.iter().enumerate() {
        table_rows(cx, table, TablePlace::Convention { index }, out);
    }
}

fn column_of(table: &Table, field: BudgetField) -> Option<usize> {
    table
        .columns
        .iter()
        .position(|c| c.role == Some(ColumnRole::Budget(field)))
}

fn table_rows(cx: &Context, table: &Table, place: TablePlace, out: &mut Vec<Finding>) {
    let Some(planned_col) = column_of(table, BudgetField::PlannedTotal) else {
        return;
    };
    let Some(remaining_col) = column_of(table, BudgetField::Remaining) else {
        return;
    };
    let Some((field, used_col)) = [BudgetField::Engaged, BudgetField::Executed]
        .into_iter()
        .find_map(|f| Some((f, column_of(table, f)?)))
    else {
        return;
    };
    let number = |row: &Row, col| cell(row, col).and_then(Value::number);
    let rows = body_rows(table)
        .map(|(i, row)| (Some(i), row))
        .chain(table.total.iter().map(|row| (None, row)));
    for (index, row) in rows {
        let (Some(planned), Some(used), Some(stated)) = (
            number(row, planned_col),
            number(row, used_col),
            number(row, remaining_col),
        ) else {
            continue;
        };
        let Some(expected) = planned.checked_sub(used) else {
            continue;
        };
        if cx.gap(expected, stated).is_none() {
            continue;
        }
        let row_name = match index {
            Some(_) => format!("{} {}", cx.text.row, cx.quote(row.label())),
            None => cx.text.total_row.to_string(),
        };
        out.extend(cx.mismatch(
            Rule::Remaining,
            place.anchor(index, index.is_none(), Some(remaining_col)),
            place.location(
                cx,
                table,
                Some(&row_name),
                Some(&table.columns[remaining_col].name),
            ),
            message(cx, planned, field, used, expected, stated),
            expected,
            stated,
        ));
    }
}

/// "Solde indiqué S, mais prévu P − engagé E = P − E".
fn message(
    cx: &Context,
    planned: Decimal,
    field: BudgetField,
    used: Decimal,
    expected: Decimal,
    stated: Decimal,
) -> String {
    (cx.text.remaining)(
        &cx.eur(planned),
        field_name(cx.config.lang, field),
        &cx.eur(used),
        &cx.eur(expected),
        &cx.eur(stated),
    )
}
