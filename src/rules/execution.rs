//! Rule "execution": executed above planned (overspend) or far below (underspend).

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Anchor, Context, Finding, Rule, Severity, consumed, eur, planned_total};
use crate::model::{BudgetField, format_amount_fr};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let threshold = cx.config.underspend_percent;
    for fiche in cx.convention.fiches() {
        let Some(budget) = &fiche.budget else {
            continue;
        };
        let Some(planned) = planned_total(budget).filter(|p| *p > Decimal::ZERO) else {
            continue;
        };
        let Some((field, used)) = consumed(budget, BudgetField::Executed) else {
            continue;
        };
        // Beyond what a decimal holds only for figures no document states.
        let Some(percent) = used
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|u| u.checked_div(planned))
        else {
            continue;
        };
        let percent = percent
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let label = field_name(cx.config.lang, field);
        let message = if used > planned {
            (cx.text.overspend)(label, &eur(used), &eur(planned), &format_amount_fr(percent))
        } else if percent < threshold {
            (cx.text.underspend)(
                label,
                &eur(used),
                &eur(planned),
                &format_amount_fr(percent),
                &format_amount_fr(threshold),
            )
        } else {
            continue;
        };
        out.push(Finding {
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
}
