//! Rows of each tab, derived from the model: what navigation counts and drawing shows.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::model::{Convention, Fiche, Value};
use crate::rules::{Anchor, Finding, Severity, planned_total};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FicheRef {
    pub axe: usize,
    pub fiche: usize,
}

impl FicheRef {
    pub fn get(self, convention: &Convention) -> &Fiche {
        &convention.axes[self.axe].fiches[self.fiche]
    }
}

pub fn fiche_refs(convention: &Convention) -> Vec<FicheRef> {
    convention
        .axes
        .iter()
        .enumerate()
        .flat_map(|(axe, a)| (0..a.fiches.len()).map(move |fiche| FicheRef { axe, fiche }))
        .collect()
}

pub fn fiche_position(convention: &Convention, id: &str) -> Option<usize> {
    let wanted = crate::model::normalise_fiche_id(id);
    fiche_refs(convention)
        .iter()
        .position(|r| crate::model::normalise_fiche_id(&r.get(convention).id) == wanted)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxesRow {
    Axe(usize),
    Fiche(FicheRef),
}

pub fn axes_rows(convention: &Convention, collapsed: &BTreeSet<usize>) -> Vec<AxesRow> {
    let mut rows = Vec::new();
    for (axe, a) in convention.axes.iter().enumerate() {
        rows.push(AxesRow::Axe(axe));
        if !collapsed.contains(&axe) {
            rows.extend((0..a.fiches.len()).map(|fiche| AxesRow::Fiche(FicheRef { axe, fiche })));
        }
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRow {
    Axe(usize),
    Fiche(FicheRef),
    GrandTotal,
}

pub fn budget_rows(convention: &Convention) -> Vec<BudgetRow> {
    let mut rows = Vec::new();
    for (axe, a) in convention.axes.iter().enumerate() {
        rows.push(BudgetRow::Axe(axe));
        rows.extend((0..a.fiches.len()).map(|fiche| BudgetRow::Fiche(FicheRef { axe, fiche })));
    }
    rows.push(BudgetRow::GrandTotal);
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorRef {
    /// `None` for the convention's own indicators.
    pub fiche: Option<FicheRef>,
    pub index: usize,
}

impl IndicatorRef {
    pub fn get(self, convention: &Convention) -> &crate::model::Indicator {
        match self.fiche {
            Some(f) => &f.get(convention).indicators[self.index],
            None => &convention.indicators[self.index],
        }
    }
}

pub fn indicator_rows(convention: &Convention) -> Vec<IndicatorRef> {
    let mut rows: Vec<IndicatorRef> = fiche_refs(convention)
        .into_iter()
        .flat_map(|f| {
            (0..f.get(convention).indicators.len()).map(move |index| IndicatorRef {
                fiche: Some(f),
                index,
            })
        })
        .collect();
    rows.extend((0..convention.indicators.len()).map(|index| IndicatorRef { fiche: None, index }));
    rows
}

/// Every year any indicator mentions, in order.
pub fn indicator_years(convention: &Convention) -> Vec<i32> {
    let years: BTreeSet<i32> = indicator_rows(convention)
        .iter()
        .flat_map(|r| r.get(convention).values.iter().map(|v| v.year))
        .collect();
    years.into_iter().collect()
}

/// Budget figures added up over several fiches. `None` where no fiche states the figure;
/// `text` counts figures written as text, which cannot be added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub etat: Option<Decimal>,
    pub departement: Option<Decimal>,
    pub planned: Option<Decimal>,
    pub engaged: Option<Decimal>,
    pub executed: Option<Decimal>,
    pub remaining: Option<Decimal>,
    pub text: usize,
}

/// A total being added up: blank until a figure comes, and blank again for good once it is
/// beyond what a decimal holds (only a hostile file gets there).
#[derive(Clone, Copy, Default)]
enum Running {
    #[default]
    Nothing,
    Sum(Decimal),
    TooLarge,
}

impl Running {
    fn add(&mut self, amount: Decimal) {
        *self = match *self {
            Running::Nothing => Running::Sum(amount),
            Running::Sum(sum) => sum
                .checked_add(amount)
                .map_or(Running::TooLarge, Running::Sum),
            Running::TooLarge => Running::TooLarge,
        };
    }

    fn total(self) -> Option<Decimal> {
        match self {
            Running::Sum(sum) => Some(sum),
            Running::Nothing | Running::TooLarge => None,
        }
    }
}

impl Totals {
    pub fn of<'a>(fiches: impl Iterator<Item = &'a Fiche>) -> Totals {
        let [
            mut etat,
            mut departement,
            mut planned_sum,
            mut engaged,
            mut executed,
            mut remaining,
        ] = [Running::default(); 6];
        let mut text = 0;
        let mut add = |slot: &mut Running, value: Option<&Value>| match value {
            Some(Value::Amount(a)) => slot.add(*a),
            Some(_) => text += 1,
            None => {}
        };
        for budget in fiches.filter_map(|f| f.budget.as_ref()) {
            let planned = budget.planned.as_ref();
            add(&mut etat, planned.and_then(|p| p.etat.as_ref()));
            add(
                &mut departement,
                planned.and_then(|p| p.departement.as_ref()),
            );
            if let Some(p) = planned_total(budget) {
                planned_sum.add(p);
            }
            add(&mut engaged, budget.engaged.as_ref());
            add(&mut executed, budget.executed.as_ref());
            add(&mut remaining, budget.remaining.as_ref());
        }
        Totals {
            etat: etat.total(),
            departement: departement.total(),
            planned: planned_sum.total(),
            engaged: engaged.total(),
            executed: executed.total(),
            remaining: remaining.total(),
            text,
        }
    }
}

/// The most serious finding among those whose anchor matches.
pub fn worst(findings: &[Finding], matches: impl Fn(&Anchor) -> bool) -> Option<Severity> {
    findings
        .iter()
        .filter(|f| matches(&f.anchor))
        .map(|f| f.severity)
        .min()
}

/// The most serious finding about a fiche.
pub fn worst_for_fiche(findings: &[Finding], fiche: &str) -> Option<Severity> {
    fiche_findings(findings, fiche).map(|f| f.severity).min()
}

/// Findings about a fiche (any anchor naming it).
pub fn fiche_findings<'a>(
    findings: &'a [Finding],
    fiche: &'a str,
) -> impl Iterator<Item = &'a Finding> {
    findings.iter().filter(move |f| f.fiche() == Some(fiche))
}
