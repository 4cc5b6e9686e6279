//! Rule "calcul": arithmetic stated in the prose that does not hold: sums, differences,
//! products, percentages, growth rates, percentage-point differences and ratios, stated
//! exactly or as a bound or range ("plus de 75 %", "entre 15 et 20").

use super::same_figure::describe_bound;
use super::{Anchor, Context, Finding, Rule, Severity, last_digit};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Claim, Fiche, Operation, Value};

/// One fiche's claims.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    for (index, claim) in fiche.claims.iter().enumerate() {
        let anchor = Anchor::Claim {
            fiche: Some(fiche.id.clone()),
            index,
        };
        let location = cx.fiche_place(fiche, cx.text.claim);
        check_claim(cx, claim, anchor, location, out);
    }
}

/// The convention's own claims.
pub(super) fn document(cx: &Context, out: &mut Vec<Finding>) {
    for (index, claim) in cx.convention.claims.iter().enumerate() {
        let anchor = Anchor::Claim { fiche: None, index };
        let location = format!("{} › {}", cx.text.convention_scope, cx.text.claim);
        check_claim(cx, claim, anchor, location, out);
    }
}

fn check_claim(
    cx: &Context,
    claim: &Claim,
    anchor: Anchor,
    location: String,
    out: &mut Vec<Finding>,
) {
    let Some(stated) = claim.stated.number() else {
        return;
    };
    let Some(computed) = claim.operation.apply(&claim.operands) else {
        return;
    };
    if let Some(bound) = claim.bound {
        if !bound.holds(stated, computed) {
            let finding = outside_bound(cx, claim, anchor, location, computed, stated, bound);
            out.push(cx.as_uncertain(finding, claim.uncertain));
        }
        return;
    }
    if cx.gap(computed, stated).is_none() {
        return;
    }
    // "463 000 € soit 49 % de 950 000 €": the amount is the figure, the rate a rounded
    // description of it that holds at the precision it is printed with. Nothing to review.
    if rounded_rate_holds(claim, stated) {
        return;
    }
    let show = |d| show_as(cx, &claim.stated, d);
    let formula = formula(cx, claim);
    let location = format!("{location} {}", cx.quote(&claim.text));
    let euros = matches!(claim.stated, Value::Amount(_));
    let compare = if euros {
        Context::mismatch
    } else {
        Context::mismatch_quantity
    };
    let finding = compare(
        cx,
        Rule::Claim,
        anchor,
        location,
        (cx.text.claim_mismatch)(&formula, &show(shown(claim, computed)), &show(stated)),
        computed,
        stated,
    );
    out.extend(finding.map(|mut finding| {
        // A quantity stated as the rounded result ("1 058" for 1 058,4; "1,7" for 1,74) holds,
        // but deserves a look: the gap is under one unit of the last digit printed.
        if !euros
            && let (Some(gap), Some(unit)) = (stated.checked_sub(computed), last_digit(stated))
            && gap.abs() < unit
        {
            finding.severity = super::Severity::Warning;
        }
        cx.as_uncertain(finding, claim.uncertain)
    }));
}

/// A figure written as the stated one is: euros, a percentage or a plain number.
fn show_as(cx: &Context, stated: &Value, figure: Decimal) -> String {
    match stated {
        Value::Amount(_) => cx.eur(figure),
        Value::Percent(_) => cx.percent(figure),
        _ => cx.figure(figure),
    }
}

/// A computed figure as shown: a growth rate or a ratio can have many decimals.
fn shown(claim: &Claim, computed: Decimal) -> Decimal {
    match claim.operation {
        Operation::GrowthRate | Operation::Ratio => computed
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .normalize(),
        _ => computed,
    }
}

/// The claim's arithmetic, written out (`9,8 × 27 × 4`, `(30 − 24) ÷ 24`).
fn formula(cx: &Context, claim: &Claim) -> String {
    let operand = |i: usize| {
        claim
            .operands
            .get(i)
            .map_or_else(String::new, |d| cx.figure(*d))
    };
    match claim.operation {
        Operation::GrowthRate => {
            format!("({} − {}) ÷ {} × 100", operand(1), operand(0), operand(0))
        }
        Operation::PointDifference => format!("{} − {}", operand(1), operand(0)),
        Operation::Percentage => format!(
            "{} × {}",
            claim
                .operands
                .get(1)
                .map_or_else(String::new, |r| cx.percent(*r)),
            claim
                .operands
                .first()
                .map_or_else(String::new, |b| cx.figure(*b)),
        ),
        op => claim
            .operands
            .iter()
            .map(|d| cx.figure(*d))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", op.symbol())),
    }
}

/// A claim whose result falls outside the bound or range the text gives.
fn outside_bound(
    cx: &Context,
    claim: &Claim,
    anchor: Anchor,
    location: String,
    computed: Decimal,
    stated: Decimal,
    bound: crate::model::Bound,
) -> Finding {
    let show = |d| show_as(cx, &claim.stated, d);
    Finding {
        key: String::new(),
        sources: Vec::new(),
        fiche: None,
        rule: Rule::Claim,
        severity: Severity::Error,
        anchor,
        location: format!("{location} {}", cx.quote(&claim.text)),
        message: (cx.text.claim_outside_bound)(
            &formula(cx, claim),
            &show(shown(claim, computed)),
            &describe_bound(cx, bound, &show(stated), show),
        ),
        expected: Some(computed),
        stated: Some(stated.to_string()),
    }
}

/// For a claim whose rate the text gives as approximate: whether the printed rate is the actual
/// rate rounded to the precision it is printed with (± one unit of its
/// last digit, since documents round up, down and to the nearest).
fn rounded_rate_holds(claim: &Claim, stated: Decimal) -> bool {
    if !claim.approximate {
        return false;
    }
    if matches!(
        claim.operation,
        Operation::GrowthRate | Operation::PointDifference | Operation::Ratio
    ) {
        // The stated figure is itself the rate: it holds when it is the computed one rounded
        // to the digits it is printed with.
        let computed = claim.operation.apply(&claim.operands);
        return computed
            .zip(last_digit(stated))
            .and_then(|(c, unit)| Some((stated.checked_sub(c)?.abs(), unit)))
            .is_some_and(|(gap, unit)| gap < unit);
    }
    if claim.operation != Operation::Percentage {
        return false;
    }
    let [base, rate] = claim.operands[..] else {
        return false;
    };
    if base.is_zero() {
        return false;
    }
    let actual = stated
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|s| s.checked_div(base));
    let (Some(actual), Some(unit)) = (actual, last_digit(rate)) else {
        return false;
    };
    actual.checked_sub(rate).is_some_and(|gap| gap.abs() < unit)
}
