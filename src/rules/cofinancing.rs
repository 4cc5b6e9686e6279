//! Rule "cofinancement": the State pays a share, the Département at least a matching one.

use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{BudgetField, Fiche, Planned, Value};
use crate::strings::field_name;

/// One fiche's shares, spent then planned.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    let Some(budget) = fiche.budget.as_ref() else {
        return;
    };
    // What was spent, when the document gives it by funder, then what was planned.
    let spent = budget
        .executed_by_funder
        .as_ref()
        .map(|s| (s, BudgetField::Executed));
    let planned = budget
        .planned
        .as_ref()
        .map(|p| (p, BudgetField::PlannedEtat));
    for (shares, field) in spent.into_iter().chain(planned) {
        check_shares(cx, fiche, shares, field, out);
    }
}

fn check_shares(
    cx: &Context,
    fiche: &Fiche,
    planned: &Planned,
    field: BudgetField,
    out: &mut Vec<Finding>,
) {
    let (Some(etat), Some(departement)) = (
        planned.etat.as_ref().and_then(Value::amount),
        planned.departement.as_ref().and_then(Value::amount),
    ) else {
        return;
    };
    if etat > departement {
        let message = match field {
            BudgetField::Executed => {
                (cx.text.etat_above_departement_spent)(&cx.eur(etat), &cx.eur(departement))
            }
            _ => (cx.text.etat_above_departement)(&cx.eur(etat), &cx.eur(departement)),
        };
        out.push(Finding {
            key: String::new(),
            sources: Vec::new(),
            fiche: None,
            rule: Rule::CoFinancing,
            severity: Severity::Warning,
            anchor: Anchor::Budget {
                fiche: fiche.id.clone(),
                field,
            },
            location: cx.fiche_place(fiche, field_name(cx.config.lang, field)),
            message,
            expected: Some(departement),
            stated: Some(etat.to_string()),
        });
    }
}
