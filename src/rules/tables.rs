//! Reading figures out of tables, shared by the rules that check them.

use rust_decimal::Decimal;

use super::{Anchor, Context};
use crate::model::{ColumnRole, Row, Source, SubtotalOf, Table, Value, checked_sum};

/// Which table, for anchors and locations: a convention summary table or a fiche's own.
#[derive(Clone, Copy)]
pub enum TablePlace<'a> {
    Convention { index: usize },
    Fiche { fiche: &'a str, index: usize },
}

impl TablePlace<'_> {
    pub fn anchor(self, row: Option<usize>, total_row: bool, column: Option<usize>) -> Anchor {
        match self {
            TablePlace::Convention { index } => Anchor::Table {
                table: index,
                row,
                total_row,
                column,
            },
            TablePlace::Fiche { fiche, index } => Anchor::BudgetTable {
                fiche: fiche.to_string(),
                table: index,
                row,
            },
        }
    }

    pub fn location(
        self,
        cx: &Context,
        table: &Table,
        row: Option<&str>,
        column: Option<&str>,
    ) -> String {
        let t = cx.text;
        let mut parts = Vec::new();
        if let TablePlace::Fiche { fiche, .. } = self {
            parts.push(format!("{} {fiche}", t.fiche));
            parts.push(t.budget.to_string());
        }
        parts.push(table_name(cx, table));
        if let Some(row) = row {
            parts.push(row.to_string());
        }
        if let Some(column) = column {
            parts.push(column.to_string());
        }
        parts.join(" › ")
    }
}

/// `tableau « title » (§ section, l. 456–483)`: the lines tell a reviewer where to look.
pub fn table_name(cx: &Context, table: &Table) -> String {
    match table.source.lines {
        Some(_) => format!(
            "{} {} ({})",
            cx.text.table,
            cx.quote(&table.title),
            Source {
                section: String::new(),
                ..table.source.clone()
            }
            .describe()
        ),
        None => format!("{} {}", cx.text.table, cx.quote(&table.title)),
    }
}

/// Columns whose figures add up to the TOTAL row.
pub fn summed_columns(table: &Table) -> impl Iterator<Item = usize> + '_ {
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, Some(ColumnRole::Budget(_) | ColumnRole::Summed)))
        .map(|(i, _)| i)
}

/// Rows that count: not headings, not subtotals.
pub fn body_rows(table: &Table) -> impl Iterator<Item = (usize, &Row)> {
    table.rows.iter().enumerate().filter(|(_, r)| r.is_line())
}

/// Each subtotal row with the lines it sums (indices into `rows`).
pub fn sections(table: &Table) -> Vec<(usize, Vec<usize>)> {
    let rows = &table.rows;
    let ends_section = |row: &Row| row.heading || row.subtotal.is_some();
    rows.iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let lines: Vec<usize> = match row.subtotal? {
                SubtotalOf::Below => (index + 1..rows.len())
                    .take_while(|&i| !ends_section(&rows[i]))
                    .collect(),
                SubtotalOf::Above => {
                    let mut lines: Vec<usize> = (0..index)
                        .rev()
                        .take_while(|&i| !ends_section(&rows[i]))
                        .collect();
                    lines.reverse();
                    lines
                }
            };
            Some((index, lines))
        })
        .collect()
}

pub fn cell(row: &Row, column: usize) -> Option<&Value> {
    row.cells.get(column).and_then(Option::as_ref)
}

/// The sum of a column's numeric cells, or `None` when a cell is text (the sum is unknown).
pub fn column_sum(table: &Table, column: usize) -> Option<Decimal> {
    checked_sum(
        body_rows(table)
            .filter_map(|(_, row)| cell(row, column))
            .map(Value::number),
    )
}

/// A line's amount: its stated figure, else quantity × unit cost (a share in percent counts
/// as a fraction).
pub fn line_amount(table: &Table, row: &Row) -> Option<Decimal> {
    if let Some(stated) = summed_columns(table).find_map(|c| cell(row, c)) {
        return stated.number();
    }
    let factors: Vec<Decimal> = table
        .columns
        .iter()
        .zip(&row.cells)
        .filter(|(c, _)| matches!(c.role, Some(ColumnRole::Quantity | ColumnRole::UnitCost)))
        .filter_map(|(_, cell)| cell.as_ref())
        .map(|value| match value {
            Value::Percent(p) => Some(*p / Decimal::ONE_HUNDRED),
            other => other.number(),
        })
        .collect::<Option<_>>()?;
    let has_unit_cost = table
        .columns
        .iter()
        .any(|c| c.role == Some(ColumnRole::UnitCost));
    if !has_unit_cost {
        return None;
    }
    let (first, rest) = factors.split_first()?;
    rest.iter()
        .try_fold(*first, |product, f| product.checked_mul(*f))
}

/// The table's total: its TOTAL row's first summed figure, else the sum of its lines.
pub fn table_total(table: &Table) -> Option<Decimal> {
    if let Some(total) = &table.total
        && let Some(value) = summed_columns(table).find_map(|c| cell(total, c))
    {
        return value.number();
    }
    checked_sum(body_rows(table).map(|(_, row)| line_amount(table, row)))
}
