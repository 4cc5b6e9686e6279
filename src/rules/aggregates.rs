//! Rule "agregat": the fiches against a figure stated for a whole: the State's total support,
//! an axe total, a grand total.

use rust_decimal::Decimal;

use super::{Anchor, Context, Finding, Rule, eur, fiche_figure, planned_total};
use crate::model::{BudgetField, Fiche, StatementScope, Value, checked_sum};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    if let Some(support) = &convention.state_support
        && let Some(stated) = support.value.amount()
        && let Some(sum) = sum_of(convention.fiches(), BudgetField::PlannedEtat)
    {
        out.extend(cx.mismatch(
            Rule::Aggregate,
            Anchor::StateSupport,
            cx.text.state_support.to_string(),
            (cx.text.state_support_mismatch)(&eur(sum), &eur(stated)),
            sum,
            stated,
        ));
    }
    for (index, statement) in convention.statements.iter().enumerate() {
        let Some(stated) = statement.value.amount() else {
            continue;
        };
        let (scope, sum) = match &statement.scope {
            StatementScope::Fiche(_) => continue,
            StatementScope::Convention => (
                cx.text.convention_scope.to_string(),
                sum_of(convention.fiches(), statement.field),
            ),
            StatementScope::Axe(id) => {
                let Some(axe) = convention.axes.iter().find(|a| &a.id == id) else {
                    continue;
                };
                (
                    (cx.text.axe_scope)(id),
                    sum_of(axe.fiches.iter(), statement.field),
                )
            }
        };
        let Some(sum) = sum else { continue };
        let field = field_name(cx.config.lang, statement.field);
        out.extend(cx.mismatch(
            Rule::Aggregate,
            Anchor::Statement { index },
            format!("{} › {scope}", cx.text.statement),
            (cx.text.aggregate_mismatch)(&scope, field, &eur(sum), &eur(stated)),
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
