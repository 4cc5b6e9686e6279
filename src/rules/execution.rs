//! Rule "execution": executed above planned (overspend) or far below (underspend).

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Anchor, Context, Finding, Rule, Severity, consumed, planned_total};
use crate::model::{Budget, BudgetField, Fiche, Value, checked_sum, parse_amount};
use crate::strings::field_name;

/// One fiche's executed figure against its planned one.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let threshold = cx.config.underspend_percent;
    let Some(budget) = &fiche.budget else {
        return;
    };
    let Some((planned, reading)) = planned_reading(cx, budget) else {
        return;
    };
    if planned <= Decimal::ZERO {
        return;
    }
    let Some((field, used)) = consumed(budget, BudgetField::Executed) else {
        return;
    };
    // Beyond what a decimal holds only for figures no document states.
    let Some(percent) = used
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|u| u.checked_div(planned))
    else {
        return;
    };
    let percent = percent
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let label = field_name(cx.config.lang, field);
    let message = if used > planned {
        (cx.text.overspend)(label, &cx.eur(used), &cx.eur(planned), &cx.figure(percent))
    } else if percent < threshold {
        (cx.text.underspend)(
            label,
            &cx.eur(used),
            &cx.eur(planned),
            &cx.figure(percent),
            &cx.figure(threshold),
        )
    } else {
        return;
    };
    let message = match reading {
        Some(note) => format!("{message} {note}"),
        None => message,
    };
    out.push(Finding {
        key: String::new(),
        sources: Vec::new(),
        fiche: None,
        rule: Rule::Execution,
        severity: Severity::Warning,
        anchor: Anchor::Budget {
            fiche: fiche.id.clone(),
            field,
        },
        location: cx.fiche_place(fiche, field_name(cx.config.lang, field)),
        message,
        expected: Some(planned),
        stated: Some(used.to_string()),
    });
}

/// The planned total execution is measured against, with a note saying how it was read when
/// the document writes it as text (`"312.222.40 €"`): État + Département (+ others) when they
/// are stated as amounts, else the text's likely reading. A total written as text must not
/// hide an over- or under-spend.
fn planned_reading(cx: &Context, budget: &Budget) -> Option<(Decimal, Option<String>)> {
    let planned = budget.planned.as_ref();
    let Some(Value::Text(raw)) = planned.and_then(|p| p.total.as_ref()) else {
        return planned_total(budget).map(|total| (total, None));
    };
    let planned = planned?;
    let shares: Vec<&Value> = [&planned.etat, &planned.departement]
        .into_iter()
        .flatten()
        .chain(planned.others.iter().map(|f| &f.amount))
        .collect();
    if !shares.is_empty()
        && let Some(sum) = checked_sum(shares.iter().map(|v| v.amount()))
    {
        return Some((
            sum,
            Some((cx.text.planned_text_read_as_shares)(raw, &cx.eur(sum))),
        ));
    }
    let likely = match parse_amount(raw) {
        Ok(reading) => reading,
        Err(error) => error.likely?,
    };
    Some((
        likely,
        Some((cx.text.planned_text_read_as_likely)(raw, &cx.eur(likely))),
    ))
}
