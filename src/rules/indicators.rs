//! Rule "indicateur": no result for a year that has passed; a result far from its target.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Anchor, Context, Finding, Rule, Severity};
use crate::model::{Indicator, Measure, format_amount_fr};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for fiche in cx.convention.fiches() {
        for (index, indicator) in fiche.indicators.iter().enumerate() {
            let anchor = Anchor::Indicator {
                fiche: Some(fiche.id.clone()),
                index,
            };
            let location = cx.fiche_place(
                fiche,
                &format!("{} « {} »", cx.text.indicator, indicator.name),
            );
            check_indicator(cx, indicator, &anchor, &location, out);
        }
    }
    for (index, indicator) in cx.convention.indicators.iter().enumerate() {
        let anchor = Anchor::Indicator { fiche: None, index };
        let location = format!("{} « {} »", cx.text.indicator, indicator.name);
        check_indicator(cx, indicator, &anchor, &location, out);
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
    anchor: &Anchor,
    location: &str,
    out: &mut Vec<Finding>,
) {
    let warn = |message, expected, stated| Finding {
        fiche: None,
        rule: Rule::Indicator,
        severity: Severity::Warning,
        anchor: anchor.clone(),
        location: location.to_string(),
        message,
        expected,
        stated,
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
            continue;
        };
        let target = indicator
            .values
            .iter()
            .find(|t| t.measure == Measure::Target && t.year == entry.year)
            .and_then(|t| t.value.as_ref()?.number())
            .filter(|t| *t > Decimal::ZERO);
        let Some(target) = target else { continue };
        let percent = (result * Decimal::ONE_HUNDRED / target)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        if percent < cx.config.target_percent {
            out.push(warn(
                (cx.text.indicator_far_from_target)(
                    &indicator.name,
                    entry.year,
                    &format_amount_fr(result),
                    &format_amount_fr(target),
                    &format_amount_fr(percent),
                ),
                Some(target),
                Some(result.to_string()),
            ));
        }
    }
}
