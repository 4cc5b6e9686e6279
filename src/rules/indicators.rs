//! Rule "indicateur": no result for a year that has passed; a result far from its target.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{Fiche, Indicator, Measure, Value};

/// One fiche's indicators.
pub(super) fn fiche(cx: &Context, fiche: &Fiche, out: &mut Vec<Finding>) {
    for (index, indicator) in fiche.indicators.iter().enumerate() {
        let place = || {
            let anchor = Anchor::Indicator {
                fiche: Some(fiche.id.clone()),
                index,
            };
            let location = cx.fiche_place(
                fiche,
                &format!("{} {}", cx.text.indicator, cx.quote(&indicator.name)),
            );
            (anchor, location)
        };
        check_indicator(cx, indicator, &place, out);
    }
}

/// The convention's own indicators.
pub(super) fn document(cx: &Context, out: &mut Vec<Finding>) {
    for (index, indicator) in cx.convention.indicators.iter().enumerate() {
        let place = || {
            let anchor = Anchor::Indicator { fiche: None, index };
            let location = format!("{} {}", cx.text.indicator, cx.quote(&indicator.name));
            (anchor, location)
        };
        check_indicator(cx, indicator, &place, out);
    }
}

/// A year has passed when it is before the current one and within the document's period
/// (a 2019 report cannot hold 2021 results).
fn has_passed(cx: &Context, year: i32) -> bool {
    year < cx.config.current_year && cx.convention.years.is_none_or(|(_, last)| year <= last)
}

fn check_indicator(
    cx: &Context,
    indicator: &Indicator,
    // The anchor and location, built only for a warning.
    place: &dyn Fn() -> (Anchor, String),
    out: &mut Vec<Finding>,
) {
    let warn = |message, expected, stated| {
        let (anchor, location) = place();
        Finding {
            key: String::new(),
            sources: Vec::new(),
            fiche: None,
            rule: Rule::Indicator,
            severity: Severity::Warning,
            anchor,
            location,
            message,
            expected,
            stated,
        }
    };
    for entry in indicator
        .values
        .iter()
        .filter(|v| v.measure == Measure::Result)
    {
        let Some(value) = &entry.value else {
            if has_passed(cx, entry.year) {
                out.push(warn(
                    (cx.text.indicator_no_value)(&indicator.name, entry.year),
                    None,
                    None,
                ));
            }
            continue;
        };
        let Some(result) = value.number() else {
            // "NC", "non communiqué", "en cours", "Sans objet": no result, said in words. A
            // text that gives a figure ("12 : 8 mineurs…") is a result written out.
            if let Value::Text(text) = value
                && !text.chars().any(|c| c.is_ascii_digit())
                && has_passed(cx, entry.year)
            {
                out.push(warn(
                    (cx.text.indicator_text_value)(&indicator.name, entry.year, text),
                    None,
                    Some(text.clone()),
                ));
            }
            continue;
        };
        let target = indicator
            .values
            .iter()
            .find(|t| t.measure == Measure::Target && t.year == entry.year)
            .and_then(|t| t.value.as_ref()?.number())
            .filter(|t| *t > Decimal::ZERO);
        let Some(target) = target else { continue };
        // Far enough above the threshold that rounding the percentage to one decimal
        // (at most 0.05) cannot bring it below: no division needed.
        let margin = cx.config.target_percent.checked_add(Decimal::new(5, 2));
        let clearly_above = result
            .checked_mul(Decimal::ONE_HUNDRED)
            .zip(margin.and_then(|m| target.checked_mul(m)))
            .is_some_and(|(r, t)| r >= t);
        if clearly_above {
            continue;
        }
        // Beyond what a decimal holds only for figures no document states.
        let Some(percent) = result
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|r| r.checked_div(target))
        else {
            continue;
        };
        let percent = percent
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        if percent < cx.config.target_percent {
            out.push(warn(
                (cx.text.indicator_far_from_target)(
                    &indicator.name,
                    entry.year,
                    &cx.figure(result),
                    &cx.figure(target),
                    &cx.figure(percent),
                ),
                Some(target),
                Some(result.to_string()),
            ));
        }
    }
}
