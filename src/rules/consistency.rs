//! Rule "coherence": what a file states that cannot be, whatever the figures: two fiches
//! with the same id (every link to it goes to the first), a negative planned, engaged or
//! executed amount, a result for a year still to come, a period that ends before it starts.

use std::collections::HashMap;

use super::{Anchor, Context, Finding, Rule, Severity, eur};
use crate::model::{BudgetField, ConventionKind, Indicator, Measure, Value, normalise_fiche_id};
use crate::strings::field_name;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    duplicate_ids(cx, out);
    negative_figures(cx, out);
    dates_to_come(cx, out);
}

fn finding(severity: Severity, anchor: Anchor, location: String, message: String) -> Finding {
    Finding {
        fiche: None,
        rule: Rule::Consistency,
        severity,
        anchor,
        location,
        message,
        expected: None,
        stated: None,
    }
}

/// `3-3` twice, or `3-3` and `3.3`, which every lookup takes for the same fiche.
fn duplicate_ids(cx: &Context, out: &mut Vec<Finding>) {
    let mut first_of: HashMap<String, usize> = HashMap::new();
    let fiches: Vec<_> = cx.convention.fiches().collect();
    for (position, fiche) in fiches.iter().enumerate() {
        let first = *first_of
            .entry(normalise_fiche_id(&fiche.id))
            .or_insert(position);
        if first == position {
            continue;
        }
        out.push(finding(
            Severity::Warning,
            Anchor::Fiche {
                fiche: fiche.id.clone(),
                position,
            },
            format!("{} {}", cx.text.fiche, fiche.id),
            (cx.text.duplicate_fiche)(&fiche.id, &fiches[first].title),
        ));
    }
}

/// Money planned, committed or spent is never below zero (a remaining credit can be).
fn negative_figures(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.config.lang;
    for fiche in cx.convention.fiches() {
        let Some(budget) = &fiche.budget else {
            continue;
        };
        let planned = budget.planned.as_ref();
        let figures = [
            (
                BudgetField::PlannedEtat,
                planned.and_then(|p| p.etat.as_ref()),
            ),
            (
                BudgetField::PlannedDepartement,
                planned.and_then(|p| p.departement.as_ref()),
            ),
            (
                BudgetField::PlannedTotal,
                planned.and_then(|p| p.total.as_ref()),
            ),
            (BudgetField::Engaged, budget.engaged.as_ref()),
            (BudgetField::Executed, budget.executed.as_ref()),
        ];
        let others = planned
            .into_iter()
            .flat_map(|p| &p.others)
            .map(|f| (BudgetField::PlannedOther, Some(&f.amount)));
        let lines = budget
            .executed_lines
            .iter()
            .map(|f| (BudgetField::Executed, Some(&f.amount)));
        for (field, value) in figures.into_iter().chain(others).chain(lines) {
            let Some(amount) = value.and_then(Value::amount) else {
                continue;
            };
            if amount.is_sign_negative() && !amount.is_zero() {
                let name = field_name(lang, field);
                out.push(finding(
                    Severity::Warning,
                    Anchor::Budget {
                        fiche: fiche.id.clone(),
                        field,
                    },
                    cx.fiche_place(fiche, name),
                    (cx.text.negative_figure)(name, &eur(amount)),
                ));
            }
        }
        for (index, reallocation) in budget.reallocations.iter().enumerate() {
            let Some(amount) = reallocation.amount.amount() else {
                continue;
            };
            if amount.is_sign_negative() && !amount.is_zero() {
                out.push(finding(
                    Severity::Warning,
                    Anchor::Reallocation {
                        fiche: fiche.id.clone(),
                        index,
                    },
                    cx.fiche_place(fiche, cx.text.reallocation),
                    (cx.text.negative_figure)(cx.text.reallocation, &eur(amount)),
                ));
            }
        }
    }
}

/// A result measured in a year not yet begun, a report on years to come, a signature dated
/// in the future, a period that ends before it starts.
fn dates_to_come(cx: &Context, out: &mut Vec<Finding>) {
    let convention = cx.convention;
    let now = cx.config.current_year;
    let here = || cx.text.convention_scope.to_string();
    if let Some((first, last)) = convention.years {
        if first > last {
            out.push(finding(
                Severity::Warning,
                Anchor::Convention,
                here(),
                (cx.text.period_reversed)(first, last),
            ));
        }
        if convention.kind == ConventionKind::RapportExecution && first.max(last) > now {
            out.push(finding(
                Severity::Warning,
                Anchor::Convention,
                here(),
                (cx.text.report_of_years_to_come)(first.max(last)),
            ));
        }
    }
    if let Some(year) = years_in(&convention.signed).find(|y| *y > now) {
        out.push(finding(
            Severity::Warning,
            Anchor::Convention,
            here(),
            (cx.text.signed_in_future)(&convention.signed, year),
        ));
    }
    let mut results_to_come = |indicator: &Indicator, anchor: &dyn Fn() -> (Anchor, String)| {
        let future = indicator
            .values
            .iter()
            .find(|v| v.measure == Measure::Result && v.value.is_some() && v.year > now);
        if let Some(value) = future {
            let (anchor, location) = anchor();
            out.push(finding(
                Severity::Warning,
                anchor,
                location,
                (cx.text.result_to_come)(&indicator.name, value.year),
            ));
        }
    };
    for fiche in convention.fiches() {
        for (index, indicator) in fiche.indicators.iter().enumerate() {
            results_to_come(indicator, &|| {
                (
                    Anchor::Indicator {
                        fiche: Some(fiche.id.clone()),
                        index,
                    },
                    cx.fiche_place(
                        fiche,
                        &format!("{} « {} »", cx.text.indicator, indicator.name),
                    ),
                )
            });
        }
    }
    for (index, indicator) in convention.indicators.iter().enumerate() {
        results_to_come(indicator, &|| {
            (
                Anchor::Indicator { fiche: None, index },
                format!("{} « {} »", cx.text.indicator, indicator.name),
            )
        });
    }
}

/// The years written in a date as printed (`12/03/2019`, `mars 2019`, `2019-03-12`): every
/// run of exactly four digits from 1900 to 2999.
fn years_in(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .filter(|year| (1900..3000).contains(year))
}

#[cfg(test)]
mod tests {
    use super::years_in;

    #[test]
    fn years_are_read_from_dates_as_printed() {
        let years = |text| years_in(text).collect::<Vec<_>>();
        assert_eq!(years("12/03/2019"), [2019]);
        assert_eq!(years("signée le 2099-01-05"), [2099]);
        assert_eq!(years("délibération n° 123456 du 5 mars 2020"), [2020]);
        assert!(years("").is_empty());
    }
}
