//! Rule "montant-texte": a figure given as text where a number is expected, a malformed
//! amount, or a euro amount with more than two decimals (`Amount("130.254")`, almost always a
//! thousands separator typed as printed), reported with the raw text and, when there is one,
//! the likely reading (the grammar is in `model::amount`).

use super::tables::TablePlace;
use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{
    BudgetField, Claim, ColumnRole, EURO_DECIMALS, Fiche, Table, Value, euro_likely_reading,
    parse_amount,
};
use crate::strings::field_name;

/// One fiche's budget figures, reallocations and tables.
pub(super) fn fiche_budget(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    let Some(budget) = &fiche.budget else {
        return;
    };
    let budget_anchor = |field| Anchor::Budget {
        fiche: fiche.id.clone(),
        field,
    };
    let mut figures: Vec<(BudgetField, &Value, &str)> = Vec::new();
    if let Some(planned) = &budget.planned {
        for (field, value) in [
            (BudgetField::PlannedEtat, &planned.etat),
            (BudgetField::PlannedDepartement, &planned.departement),
            (BudgetField::PlannedTotal, &planned.total),
        ] {
            if let Some(value) = value {
                figures.push((field, value, field_name(lang, field)));
            }
        }
        for funder in &planned.others {
            figures.push((BudgetField::PlannedOther, &funder.amount, &funder.name));
        }
    }
    for (field, value) in [
        (BudgetField::Engaged, &budget.engaged),
        (BudgetField::Executed, &budget.executed),
        (BudgetField::Remaining, &budget.remaining),
    ] {
        if let Some(value) = value {
            figures.push((field, value, field_name(lang, field)));
        }
    }
    for line in &budget.executed_lines {
        figures.push((BudgetField::Executed, &line.amount, &line.name));
    }
    // Only what is reported needs a place described.
    for (field, value, label) in figures {
        if !is_reported(value) {
            continue;
        }
        report(
            cx,
            value,
            label,
            budget_anchor(field),
            cx.fiche_place(fiche, label),
            out,
        );
    }
    for (index, reallocation) in budget.reallocations.iter().enumerate() {
        let label = cx.text.reallocation;
        let anchor = Anchor::Reallocation {
            fiche: fiche.id.clone(),
            index,
        };
        report(
            cx,
            &reallocation.amount,
            label,
            anchor,
            cx.fiche_place(fiche, label),
            out,
        );
    }
    for (index, table) in budget.tables.iter().enumerate() {
        table_cells(
            cx,
            table,
            TablePlace::Fiche {
                fiche: &fiche.id,
                index,
            },
            out,
        );
    }
}

/// The document's tables and its stated State support.
pub(super) fn document_tables(cx: &Context, out: &mut Vec<Finding>) {
    for (index, table) in cx.convention.tables.iter().enumerate() {
        table_cells(cx, table, TablePlace::Convention { index }, out);
    }
    if let Some(support) = &cx.convention.state_support {
        let label = cx.text.state_support;
        report(
            cx,
            &support.value,
            label,
            Anchor::StateSupport,
            label.to_string(),
            out,
        );
    }
}

/// One fiche's claims.
pub(super) fn fiche_claims(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    for (index, claim) in fiche.claims.iter().enumerate() {
        claim_figure(cx, Some(fiche), index, claim, out);
    }
}

/// The convention's own claims, then its statements.
pub(super) fn document_claims(cx: &Context, out: &mut Vec<Finding>) {
    for (index, claim) in cx.convention.claims.iter().enumerate() {
        claim_figure(cx, None, index, claim, out);
    }
    for (index, statement) in cx.convention.statements.iter().enumerate() {
        let label = cx.text.statement;
        report(
            cx,
            &statement.value,
            label,
            Anchor::Statement { index },
            label.to_string(),
            out,
        );
    }
}

fn claim_figure(
    cx: &Context,
    fiche: Option<&Fiche>,
    index: usize,
    claim: &Claim,
    out: &mut Vec<Finding>,
) {
    if !too_many_decimals(&claim.stated) {
        return;
    }
    let place = match fiche {
        Some(fiche) => cx.fiche_place(fiche, cx.text.claim),
        None => format!("{} › {}", cx.text.convention_scope, cx.text.claim),
    };
    report(
        cx,
        &claim.stated,
        cx.text.claim,
        Anchor::Claim {
            fiche: fiche.map(|f| f.id.clone()),
            index,
        },
        format!("{place} {}", cx.quote(&claim.text)),
        out,
    );
}

fn table_cells(cx: &Context, table: &Table, place: TablePlace, out: &mut Vec<Finding>) {
    let numeric = |role: Option<ColumnRole>| {
        matches!(
            role,
            Some(ColumnRole::Budget(_) | ColumnRole::Summed | ColumnRole::UnitCost)
        )
    };
    let rows = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.heading)
        .map(|(i, r)| (Some(i), r))
        .chain(table.total.iter().map(|r| (None, r)));
    for (row_index, row) in rows {
        for (column_index, (column, cell)) in table.columns.iter().zip(&row.cells).enumerate() {
            let Some(value) = cell else { continue };
            let text_in_figures = numeric(column.role) && value.text().is_some();
            if !text_in_figures && !too_many_decimals(value) {
                continue;
            }
            let row_name = match row_index {
                Some(_) => format!("{} {}", cx.text.row, cx.quote(row.label())),
                None => cx.text.total_row.to_string(),
            };
            report(
                cx,
                value,
                &column.name,
                place.anchor(row_index, row_index.is_none(), Some(column_index)),
                place.location(cx, table, Some(&row_name), Some(&column.name)),
                out,
            );
        }
    }
}

/// A euro amount with more than cents.
fn too_many_decimals(value: &Value) -> bool {
    matches!(value, Value::Amount(d) if d.scale() > EURO_DECIMALS)
}

fn is_reported(value: &Value) -> bool {
    value.text().is_some() || too_many_decimals(value)
}

fn report(
    cx: &Context,
    value: &Value,
    label: &str,
    anchor: Anchor,
    location: String,
    out: &mut Vec<Finding>,
) {
    if let Value::Amount(amount) = value
        && too_many_decimals(value)
    {
        let likely = euro_likely_reading(*amount);
        let shown = cx.eur(*amount);
        let message = match likely {
            Some(reading) => (cx.text.amount_beyond_cents)(label, &shown, &cx.eur(reading)),
            None => (cx.text.amount_beyond_cents_unread)(label, &shown),
        };
        out.push(Finding {
            key: String::new(),
            sources: Vec::new(),
            fiche: None,
            rule: Rule::TextFigure,
            severity: Severity::Warning,
            anchor,
            location,
            message,
            expected: likely,
            stated: Some(amount.to_string()),
        });
        return;
    }
    let Value::Text(raw) = value else { return };
    let (message, likely) = match parse_amount(raw) {
        Ok(reading) => (
            (cx.text.malformed_amount)(label, raw, &cx.eur(reading)),
            Some(reading),
        ),
        Err(error) => match error.likely {
            Some(reading) => (
                (cx.text.malformed_amount)(label, raw, &cx.eur(reading)),
                Some(reading),
            ),
            None => ((cx.text.text_figure)(label, raw), None),
        },
    };
    out.push(Finding {
        key: String::new(),
        sources: Vec::new(),
        fiche: None,
        rule: Rule::TextFigure,
        severity: Severity::Warning,
        anchor,
        location,
        message,
        expected: likely,
        stated: Some(raw.clone()),
    });
}
