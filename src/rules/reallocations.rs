//! Rule "reattribution": remaining credit moved to other fiches — the parts must add up to
//! the remaining credit, and the receiving fiche must say it receives them.

use rust_decimal::Decimal;

use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{Fiche, Value, checked_sum};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for fiche in cx.convention.fiches() {
        let Some(budget) = &fiche.budget else {
            continue;
        };
        if budget.reallocations.is_empty() {
            continue;
        }
        let sum = checked_sum(budget.reallocations.iter().map(|r| r.amount.amount()));
        if let (Some(sum), Some(remaining)) =
            (sum, budget.remaining.as_ref().and_then(Value::amount))
            && let Some(mut finding) = cx.mismatch(
                Rule::Reallocation,
                Anchor::Reallocation {
                    fiche: fiche.id.clone(),
                    index: 0,
                },
                cx.fiche_place(fiche, cx.text.reallocation),
                (cx.text.reallocation_sum)(&cx.eur(sum), &cx.eur(remaining)),
                remaining,
                sum,
            )
        {
            // Giving away more than is left is a contradiction; less may be a partial plan.
            if sum < remaining {
                finding.severity = Severity::Warning;
            }
            out.push(finding);
        }
        for (index, reallocation) in budget.reallocations.iter().enumerate() {
            let Some(to) = &reallocation.to_fiche else {
                continue;
            };
            let anchor = Anchor::Reallocation {
                fiche: fiche.id.clone(),
                index,
            };
            let location = cx.fiche_place(fiche, cx.text.reallocation);
            match cx
                .fiche_position(to)
                .and_then(|p| Some((p, cx.find_fiche(to)?)))
            {
                None => out.push(Finding {
                    key: String::new(),
                    sources: Vec::new(),
                    fiche: None,
                    rule: Rule::Reallocation,
                    severity: Severity::Error,
                    anchor,
                    location,
                    message: (cx.text.reallocation_unknown_fiche)(to),
                    expected: None,
                    stated: reallocation.amount.amount().map(|a| a.to_string()),
                }),
                Some((position, receiver)) => {
                    let Some(amount) = reallocation.amount.amount() else {
                        continue;
                    };
                    let mentioned = cx.mentioned(position, written_figures);
                    if !mentioned.is_some_and(|m| m.contains(&wanted_figure(amount))) {
                        out.push(Finding {
                            key: String::new(),
                            sources: Vec::new(),
                            fiche: None,
                            rule: Rule::Reallocation,
                            severity: Severity::Warning,
                            anchor,
                            location,
                            message: (cx.text.reallocation_not_mentioned)(
                                &receiver.id,
                                &cx.eur(amount),
                                &fiche.id,
                            ),
                            expected: Some(amount),
                            stated: None,
                        });
                    }
                }
            }
        }
    }
}

/// An amount's euros as a text writes them once its thousands separators are removed.
fn wanted_figure(amount: Decimal) -> String {
    let wanted = amount.normalize().to_string();
    wanted.split('.').next().unwrap_or_default().to_string()
}

/// Every run of digits the fiche's texts write, thousands joined: a fiche quotes an amount,
/// however its thousands are separated, when its [`wanted_figure`] is among them
/// ([`super::Context::mentioned`] keeps them per fiche).
fn written_figures(fiche: &Fiche) -> std::collections::HashSet<String> {
    fiche_texts(fiche).flat_map(digits_runs).collect()
}

fn fiche_texts(fiche: &Fiche) -> impl Iterator<Item = &str> {
    let blocks = [
        &fiche.description,
        &fiche.objective,
        &fiche.start,
        &fiche.duration,
        &fiche.perspectives,
    ]
    .into_iter()
    .flatten()
    .map(|b| b.text.as_str());
    let assessment = fiche.assessment.iter().flat_map(|a| {
        [
            a.text.as_str(),
            a.positives.as_str(),
            a.improvements.as_str(),
        ]
    });
    let budget = fiche.budget.iter().map(|b| b.text.as_str());
    let sections = fiche.sections.iter().map(|s| s.text.as_str());
    blocks.chain(assessment).chain(budget).chain(sections)
}

/// Runs of digits with their thousands separators removed: "110 000 € et 1.207" → "110000", "1207".
fn digits_runs(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut runs = Vec::new();
    let mut current = String::new();
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.')
            && !current.is_empty()
            // The next three characters are digits exactly when the next three bytes are.
            && text.as_bytes()[i + c.len_utf8()..]
                .iter()
                .take(3)
                .filter(|b| b.is_ascii_digit())
                .count()
                == 3
        {
            continue;
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_join_thousands() {
        let runs: Vec<_> = digits_runs("110 000 € (fiche 3.2) et 1.207.650 puis 106 977").collect();
        assert_eq!(runs, ["110000", "3", "2", "1207650", "106977"]);
    }
}
