//! Rule "calcul": arithmetic stated in the prose that does not hold.

use super::{Anchor, Context, Finding, Rule, eur};
use crate::model::{Claim, Operation, Value, format_amount_fr};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for fiche in cx.convention.fiches() {
        for (index, claim) in fiche.claims.iter().enumerate() {
            let anchor = Anchor::Claim {
                fiche: Some(fiche.id.clone()),
                index,
            };
            let location = cx.fiche_place(fiche, cx.text.claim);
            check_claim(cx, claim, anchor, location, out);
        }
    }
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
    if cx.gap(computed, stated).is_none() {
        return;
    }
    let show = |d| match claim.stated {
        Value::Amount(_) => eur(d),
        _ => format_amount_fr(d),
    };
    let formula = match claim.operation {
        Operation::Percentage => format!(
            "{} % × {}",
            claim
                .operands
                .get(1)
                .map_or_else(String::new, |r| format_amount_fr(*r)),
            claim
                .operands
                .first()
                .map_or_else(String::new, |b| format_amount_fr(*b)),
        ),
        op => claim
            .operands
            .iter()
            .map(|d| format_amount_fr(*d))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", op.symbol())),
    };
    let location = format!("{location} « {} »", claim.text);
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
        (cx.text.claim_mismatch)(&formula, &show(computed), &show(stated)),
        computed,
        stated,
    );
    out.extend(finding.map(|mut finding| {
        // A count stated as the rounded result ("1 058" for 1 058,4) holds, but deserves a look.
        if !euros
            && stated
                .checked_sub(computed)
                .is_some_and(|gap| gap.abs() < rust_decimal::Decimal::ONE)
        {
            finding.severity = super::Severity::Warning;
        }
        finding
    }));
}
