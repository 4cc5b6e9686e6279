//! Rule "cofinancement": the State pays a share, the Département at least a matching one.

use super::{Anchor, Context, Finding, Rule, Severity, eur};
use crate::model::{BudgetField, Value};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for fiche in cx.convention.fiches() {
        let Some(planned) = fiche.budget.as_ref().and_then(|b| b.planned.as_ref()) else {
            continue;
        };
        let (Some(etat), Some(departement)) = (
            planned.etat.as_ref().and_then(Value::amount),
            planned.departement.as_ref().and_then(Value::amount),
        ) else {
            continue;
        };
        if etat > departement {
            out.push(Finding {
                fiche: None,
                rule: Rule::CoFinancing,
                severity: Severity::Warning,
                anchor: Anchor::Budget {
                    fiche: fiche.id.clone(),
                    field: BudgetField::PlannedEtat,
                },
                location: cx
                    .fiche_place(fiche, field_name(cx.config.lang, BudgetField::PlannedEtat)),
                message: (cx.text.etat_above_departement)(&eur(etat), &eur(departement)),
                expected: Some(departement),
                stated: Some(etat.to_string()),
            });
        }
    }
}
