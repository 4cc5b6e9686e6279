//! Rule "meme-montant": the same figure stated differently in two places — a fiche against
//! the document's summary table, or against a figure quoted elsewhere (synthesis).

use super::tables::{body_rows, cell};
use super::{Anchor, Context, Finding, Rule, counterpart, eur};
use crate::model::{ColumnRole, StatementScope, Value};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    for (table_index, table) in cx.convention.tables.iter().enumerate() {
        for (row_index, row) in body_rows(table) {
            let Some(fiche_id) = &row.fiche else { continue };
            let Some(fiche) = cx.find_fiche(fiche_id) else {
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
                        "{} « {} » › {} « {} » › {}",
                        cx.text.table,
                        table.title,
                        cx.text.row,
                        row.label(),
                        column.name
                    ),
                    (cx.text.same_figure)(
                        field_name(lang, field),
                        &eur(in_fiche),
                        &place,
                        &eur(in_table),
                    ),
                    in_fiche,
                    in_table,
                ));
            }
        }
    }
    for (index, statement) in cx.convention.statements.iter().enumerate() {
        let StatementScope::Fiche(fiche_id) = &statement.scope else {
            continue;
        };
        let Some(fiche) = cx.find_fiche(fiche_id) else {
            continue;
        };
        let Some(budget) = &fiche.budget else {
            continue;
        };
        let Some(stated) = statement.value.amount() else {
            continue;
        };
        let Some((field, in_fiche)) = counterpart(budget, statement.field) else {
            continue;
        };
        let place = if statement.source.section.is_empty() {
            cx.text.statement.to_string()
        } else {
            format!("« {} »", statement.source.section)
        };
        out.extend(cx.mismatch(
            Rule::SameFigure,
            Anchor::Statement { index },
            format!("{} › {}", cx.text.statement, place),
            (cx.text.same_figure)(
                field_name(lang, field),
                &eur(in_fiche),
                &place,
                &eur(stated),
            ),
            in_fiche,
            stated,
        ));
    }
}
