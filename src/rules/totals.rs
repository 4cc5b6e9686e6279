//! Rule "somme": a total that is not the sum of its parts.

use rust_decimal::Decimal;

use super::tables::{
    TablePlace, body_rows, cell, column_sum, line_amount, sections, summed_columns, table_total,
};
use super::{Anchor, Context, Finding, Rule, fiche_figure, last_digit};
use crate::model::{Budget, BudgetField, Fiche, Row, Table, TableKind, Value, checked_sum};
use crate::strings::field_name;

/// What one fiche's budget states about its own sums.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let Some(budget) = &fiche.budget else {
        return;
    };
    planned_parts(cx, fiche, budget, out);
    executed_lines(cx, fiche, budget, out);
    for (index, table) in budget.tables.iter().enumerate() {
        let place = TablePlace::Fiche {
            fiche: &fiche.id,
            index,
        };
        column_totals(cx, table, place, out);
        detail_lines(cx, budget, table, place, out);
        parts_of_figures(cx, budget, table, place, out);
    }
    charges_recettes(cx, fiche, budget, out);
    executed_by_funder(cx, fiche, budget, out);
}

/// The document's own tables.
pub(super) fn document(cx: &Context, out: &mut Vec<Finding>) {
    for (index, table) in cx.convention.tables.iter().enumerate() {
        column_totals(cx, table, TablePlace::Convention { index }, out);
    }
}

/// État + Département (+ others) against the stated planned total.
fn planned_parts(cx: &Context, fiche: &Fiche, budget: &Budget, out: &mut Vec<Finding>) {
    let Some(planned) = &budget.planned else {
        return;
    };
    let Some(total) = planned.total.as_ref().and_then(Value::amount) else {
        return;
    };
    let lang = cx.config.lang;
    let mut names = Vec::new();
    let mut sum = Decimal::ZERO;
    for (name, value) in [
        (field_name(lang, BudgetField::PlannedEtat), &planned.etat),
        (
            field_name(lang, BudgetField::PlannedDepartement),
            &planned.departement,
        ),
    ] {
        if let Some(value) = value {
            let Some(amount) = value.amount() else { return };
            names.push(name.to_string());
            let Some(more) = sum.checked_add(amount) else {
                return;
            };
            sum = more;
        }
    }
    for funder in &planned.others {
        let Some(amount) = funder.amount.amount() else {
            return;
        };
        names.push(funder.name.clone());
        let Some(more) = sum.checked_add(amount) else {
            return;
        };
        sum = more;
    }
    // One share alone says nothing about the total: the others may simply not be stated.
    if names.len() < 2 || cx.gap(sum, total).is_none() {
        return;
    }
    let message = (cx.text.parts_sum)(&names.join(" + "), &cx.eur(sum), &cx.eur(total));
    out.extend(cx.mismatch(
        Rule::Sum,
        Anchor::Budget {
            fiche: fiche.id.clone(),
            field: BudgetField::PlannedTotal,
        },
        cx.fiche_place(fiche, field_name(lang, BudgetField::PlannedTotal)),
        message,
        sum,
        total,
    ));
}

fn executed_lines(cx: &Context, fiche: &Fiche, budget: &Budget, out: &mut Vec<Finding>) {
    if budget.executed_lines.is_empty() {
        return;
    }
    let Some(total) = budget.executed.as_ref().and_then(Value::amount) else {
        return;
    };
    let Some(sum) = checked_sum(budget.executed_lines.iter().map(|l| l.amount.amount())) else {
        return;
    };
    if cx.gap(sum, total).is_none() {
        return;
    }
    out.extend(cx.mismatch(
        Rule::Sum,
        Anchor::Budget {
            fiche: fiche.id.clone(),
            field: BudgetField::Executed,
        },
        cx.fiche_place(fiche, field_name(cx.config.lang, BudgetField::Executed)),
        (cx.text.executed_lines)(&cx.eur(sum), &cx.eur(total)),
        sum,
        total,
    ));
}

/// Each summed column against the TOTAL row; in a table with sections, each subtotal against
/// its lines and the TOTAL row against the subtotals.
fn column_totals(cx: &Context, table: &Table, place: TablePlace, out: &mut Vec<Finding>) {
    let sections = sections(table);
    for (subtotal, lines) in &sections {
        let row = &table.rows[*subtotal];
        let sum_of_lines = |column| {
            checked_sum(
                lines
                    .iter()
                    .filter(|&&i| table.rows[i].is_line())
                    .filter_map(|&i| cell(&table.rows[i], column))
                    .map(Value::number),
            )
        };
        let row_name = format!("{} {}", cx.text.row, cx.quote(row.label()));
        total_against(
            cx,
            table,
            place,
            (Some(*subtotal), false, &row_name),
            row,
            &sum_of_lines,
            cx.text.subtotal_lines,
            out,
        );
    }
    let Some(total_row) = &table.total else {
        return;
    };
    let subtotals: Vec<&Row> = sections.iter().map(|(i, _)| &table.rows[*i]).collect();
    let sum_of_subtotals = |column| {
        checked_sum(
            subtotals
                .iter()
                .filter_map(|row| cell(row, column))
                .map(Value::number),
        )
    };
    let sum_of_lines = |column| column_sum(table, column);
    let (sum, describe): (&dyn Fn(usize) -> Option<Decimal>, _) = if subtotals.is_empty() {
        (&sum_of_lines, cx.text.column_total)
    } else {
        (&sum_of_subtotals, cx.text.total_against_subtotals)
    };
    total_against(
        cx,
        table,
        place,
        (None, true, cx.text.total_row),
        total_row,
        sum,
        describe,
        out,
    );
}

/// Each summed column of `stated_row` against `sum` of that column.
#[allow(clippy::too_many_arguments)]
fn total_against(
    cx: &Context,
    table: &Table,
    place: TablePlace,
    (row_index, total_row, row_name): (Option<usize>, bool, &str),
    stated_row: &Row,
    sum: &dyn Fn(usize) -> Option<Decimal>,
    describe: fn(&str, &str, &str) -> String,
    out: &mut Vec<Finding>,
) {
    for column in summed_columns(table) {
        let Some(stated) = cell(stated_row, column).and_then(Value::number) else {
            continue;
        };
        let Some(sum) = sum(column) else {
            continue;
        };
        if cx.gap(sum, stated).is_none() {
            continue;
        }
        let name = &table.columns[column].name;
        let amounts = is_amount_column(table, column);
        let compare = if amounts {
            Context::mismatch
        } else {
            Context::mismatch_quantity
        };
        let finding = compare(
            cx,
            Rule::Sum,
            place.anchor(row_index, total_row, Some(column)),
            place.location(cx, table, Some(row_name), Some(name)),
            describe(
                name,
                &format_figure(cx, sum, table, column),
                &format_figure(cx, stated, table, column),
            ),
            sum,
            stated,
        );
        out.extend(finding.map(|mut finding| {
            if !amounts
                && let Some(gap) = stated.checked_sub(sum)
                && let Some(parts) = within_rounding(table, column, gap)
            {
                let gap = format_figure(cx, gap.abs(), table, column);
                finding = finding.downgraded(&(cx.text.rounded_parts)(&gap, parts));
            }
            finding
        }));
    }
}

/// The number of parts when a quantity column's gap to its TOTAL can come from the parts being
/// printed rounded (ETP to two decimals: nine parts can drift by up to 9 × 0,005), else `None`.
/// Euros are not given this margin: an amount is stated to the cent.
fn within_rounding(table: &Table, column: usize, gap: Decimal) -> Option<usize> {
    let parts: Vec<Decimal> = body_rows(table)
        .filter_map(|(_, row)| cell(row, column))
        .filter_map(Value::number)
        .collect();
    let finest = parts.iter().copied().max_by_key(Decimal::scale)?;
    if finest.scale() == 0 {
        // Whole counts are not rounded.
        return None;
    }
    let half_unit = last_digit(finest)? / Decimal::TWO;
    let margin = half_unit.checked_mul(Decimal::from(parts.len()))?;
    (gap.abs() <= margin).then_some(parts.len())
}

fn is_amount_column(table: &Table, column: usize) -> bool {
    body_rows(table)
        .filter_map(|(_, row)| cell(row, column))
        .any(|v| matches!(v, Value::Amount(_)))
}

/// Amount columns read as euros; others (ETP, counts) as plain numbers.
fn format_figure(cx: &Context, value: Decimal, table: &Table, column: usize) -> String {
    if is_amount_column(table, column) {
        cx.eur(value)
    } else {
        cx.figure(value)
    }
}

/// A detailed table's lines against the fiche figure they make up.
fn detail_lines(
    cx: &Context,
    budget: &Budget,
    table: &Table,
    place: TablePlace,
    out: &mut Vec<Finding>,
) {
    let Some(field) = table.sums_to else { return };
    let Some(stated) = fiche_figure(budget, field).and_then(Value::amount) else {
        return;
    };
    // A line without any figure (merged cells, "Budget interne") adds nothing the table
    // states; it makes a shortfall uncertain, not the sum unknown.
    let amounts: Vec<Option<Decimal>> = body_rows(table)
        .map(|(_, row)| line_amount(table, row))
        .collect();
    let without_figure = amounts.iter().filter(|a| a.is_none()).count();
    if without_figure == amounts.len() {
        return;
    }
    let Some(sum) = checked_sum(amounts.into_iter().flatten().map(Some)) else {
        return;
    };
    if cx.gap(sum, stated).is_none() {
        return;
    }
    let field_label = field_name(cx.config.lang, field);
    let finding = cx.mismatch(
        Rule::Sum,
        place.anchor(None, false, None),
        place.location(cx, table, None, None),
        (cx.text.detail_lines)(&table.title, &cx.eur(sum), field_label, &cx.eur(stated)),
        sum,
        stated,
    );
    out.extend(finding.map(|finding| {
        if without_figure > 0 && sum < stated {
            finding.downgraded(&(cx.text.lines_without_figure)(without_figure))
        } else {
            finding
        }
    }));
}

fn charges_recettes(cx: &Context, fiche: &Fiche, budget: &Budget, out: &mut Vec<Finding>) {
    let find = |kind| {
        budget
            .tables
            .iter()
            .enumerate()
            .find(|(_, t)| t.kind == kind)
    };
    let (Some((charges_index, charges)), Some((_, recettes))) =
        (find(TableKind::Charges), find(TableKind::Recettes))
    else {
        return;
    };
    let (Some(charges_total), Some(recettes_total)) = (table_total(charges), table_total(recettes))
    else {
        return;
    };
    if cx.gap(recettes_total, charges_total).is_none() {
        return;
    }
    let place = TablePlace::Fiche {
        fiche: &fiche.id,
        index: charges_index,
    };
    out.extend(cx.mismatch(
        Rule::Sum,
        place.anchor(None, true, None),
        place.location(cx, charges, Some(cx.text.total_row), None),
        (cx.text.charges_recettes)(&cx.eur(charges_total), &cx.eur(recettes_total)),
        recettes_total,
        charges_total,
    ));
}

/// The lines a table gives as parts of one fiche figure (a resource plan's Département and FSE
/// lines, period after period) against that figure.
fn parts_of_figures(
    cx: &Context,
    budget: &Budget,
    table: &Table,
    place: TablePlace,
    out: &mut Vec<Finding>,
) {
    let mut fields: Vec<BudgetField> = Vec::new();
    for (_, row) in body_rows(table) {
        if let Some(field) = row.part_of
            && !fields.contains(&field)
        {
            fields.push(field);
        }
    }
    for field in fields {
        let Some(stated) = fiche_figure(budget, field).and_then(Value::amount) else {
            continue;
        };
        let parts: Vec<Option<Decimal>> = body_rows(table)
            .filter(|(_, row)| row.part_of == Some(field))
            .map(|(_, row)| line_amount(table, row))
            .collect();
        let count = parts.len();
        let Some(sum) = checked_sum(parts) else {
            continue;
        };
        let field_label = field_name(cx.config.lang, field);
        let finding = cx.mismatch(
            Rule::Sum,
            place.anchor(None, false, None),
            place.location(cx, table, None, None),
            (cx.text.parts_of_figure)(
                count,
                &table.title,
                &cx.eur(sum),
                field_label,
                &cx.eur(stated),
            ),
            sum,
            stated,
        );
        out.extend(finding.map(|f| cx.as_uncertain(f, table.uncertain)));
    }
}

/// Executed figures by funder against the executed total.
fn executed_by_funder(cx: &Context, fiche: &Fiche, budget: &Budget, out: &mut Vec<Finding>) {
    let Some(split) = &budget.executed_by_funder else {
        return;
    };
    let Some(total) = split
        .total
        .as_ref()
        .or(budget.executed.as_ref())
        .and_then(Value::amount)
    else {
        return;
    };
    let shares: Vec<&Value> = [&split.etat, &split.departement]
        .into_iter()
        .flatten()
        .chain(split.others.iter().map(|f| &f.amount))
        .collect();
    if shares.len() < 2 {
        return;
    }
    let Some(sum) = checked_sum(shares.iter().map(|v| v.amount())) else {
        return;
    };
    let lang = cx.config.lang;
    out.extend(cx.mismatch(
        Rule::Sum,
        Anchor::Budget {
            fiche: fiche.id.clone(),
            field: BudgetField::Executed,
        },
        cx.fiche_place(fiche, field_name(lang, BudgetField::Executed)),
        (cx.text.executed_by_funder_sum)(&cx.eur(sum), &cx.eur(total)),
        sum,
        total,
    ));
}
