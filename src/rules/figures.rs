//! One definition of each budget figure, shared by the Axes and Budgets tabs and by
//! `revue summary`, so that every screen and every report shows the same number.
//!
//! A fiche's figure is what the document states; where it states none but its parts are
//! stated (a planned total from the shares, an executed total from its lines, several other
//! funders), the figure is computed and says so. Figures written as words are shown, never
//! added: a sum that leaves one out says which.

use rust_decimal::Decimal;

use crate::model::{Budget, BudgetField, Value};

/// The budget columns, in the order a budget reads.
pub const COLUMNS: [BudgetField; 7] = [
    BudgetField::PlannedEtat,
    BudgetField::PlannedDepartement,
    BudgetField::PlannedOther,
    BudgetField::PlannedTotal,
    BudgetField::Engaged,
    BudgetField::Executed,
    BudgetField::Remaining,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// As the document states it.
    Stated(Decimal),
    /// Not stated, computed from figures that are.
    Computed(Decimal),
    /// Written as words or as a malformed figure: shown as printed, never added.
    Text(String),
}

impl Figure {
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Figure::Stated(d) | Figure::Computed(d) => Some(*d),
            Figure::Text(_) => None,
        }
    }

    fn of(value: &Value) -> Figure {
        match value {
            Value::Amount(d) => Figure::Stated(*d),
            other => Figure::Text(other.display_fr()),
        }
    }
}

/// A fiche's figure for `field`: stated, else computed from its stated parts, else none.
pub fn fiche_figure(budget: &Budget, field: BudgetField) -> Option<Figure> {
    let planned = budget.planned.as_ref();
    match field {
        BudgetField::PlannedOther => {
            let others = &planned?.others;
            match others.as_slice() {
                [] => None,
                [one] => Some(Figure::of(&one.amount)),
                several => Some(computed(several.iter().map(|f| &f.amount))),
            }
        }
        BudgetField::PlannedTotal => {
            let planned = planned?;
            if let Some(total) = &planned.total {
                return Some(Figure::of(total));
            }
            let shares: Vec<&Value> = [&planned.etat, &planned.departement]
                .into_iter()
                .flatten()
                .chain(planned.others.iter().map(|f| &f.amount))
                .collect();
            // A total computed from shares one of which is words would be a guess.
            (!shares.is_empty() && shares.iter().all(|v| v.amount().is_some()))
                .then(|| computed(shares.into_iter()))
        }
        BudgetField::Executed => match &budget.executed {
            Some(value) => Some(Figure::of(value)),
            None if !budget.executed_lines.is_empty()
                && budget
                    .executed_lines
                    .iter()
                    .all(|l| l.amount.amount().is_some()) =>
            {
                Some(computed(budget.executed_lines.iter().map(|l| &l.amount)))
            }
            None => None,
        },
        other => crate::rules::fiche_figure(budget, other).map(Figure::of),
    }
}

/// The sum of several stated figures, computed; words among them make it words.
fn computed<'a>(values: impl Iterator<Item = &'a Value>) -> Figure {
    let values: Vec<&Value> = values.collect();
    match crate::model::checked_sum(values.iter().map(|v| v.amount())) {
        Some(sum) => Figure::Computed(sum),
        None => Figure::Text(
            values
                .iter()
                .map(|v| v.display_fr())
                .collect::<Vec<_>>()
                .join(" + "),
        ),
    }
}

/// A column added up over some rows: exactly the amounts shown in it, and what it leaves out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sum {
    /// `None` when no row holds an amount (or the sum is beyond what a decimal holds).
    pub amount: Option<Decimal>,
    /// Figures shown in the column that are words, left out of the sum, as printed.
    pub excluded: Vec<String>,
    /// How many of the added figures were computed rather than stated.
    pub computed: usize,
    /// A sum beyond what a decimal holds (only a hostile file gets there).
    pub too_large: bool,
}

impl Sum {
    pub fn of<'a>(figures: impl IntoIterator<Item = Option<&'a Figure>>) -> Sum {
        let mut sum = Sum::default();
        for figure in figures.into_iter().flatten() {
            match figure {
                Figure::Text(text) => sum.excluded.push(text.clone()),
                Figure::Stated(d) | Figure::Computed(d) => {
                    if matches!(figure, Figure::Computed(_)) {
                        sum.computed += 1;
                    }
                    if sum.too_large {
                        continue;
                    }
                    match sum.amount.unwrap_or(Decimal::ZERO).checked_add(*d) {
                        Some(total) => sum.amount = Some(total),
                        None => {
                            sum.amount = None;
                            sum.too_large = true;
                        }
                    }
                }
            }
        }
        sum
    }

    /// Whether the sum leaves out a figure shown in its column.
    pub fn is_partial(&self) -> bool {
        !self.excluded.is_empty() || self.too_large
    }
}

/// Every column added up over some budgets, in [`COLUMNS`] order.
pub fn column_sums<'a>(budgets: impl Iterator<Item = &'a Budget> + Clone) -> [Sum; 7] {
    COLUMNS.map(|field| {
        let figures: Vec<Option<Figure>> =
            budgets.clone().map(|b| fiche_figure(b, field)).collect();
        Sum::of(figures.iter().map(Option::as_ref))
    })
}

/// The planned total summed two ways, where they differ: the fiches' stated totals only, and
/// the fiches' shares (État + Département + others) only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlannedTotals {
    pub stated: Option<Decimal>,
    pub from_shares: Option<Decimal>,
}

pub fn planned_totals<'a>(budgets: impl Iterator<Item = &'a Budget>) -> PlannedTotals {
    let mut stated = Vec::new();
    let mut shares = Vec::new();
    for budget in budgets {
        let Some(planned) = &budget.planned else {
            continue;
        };
        if let Some(Value::Amount(total)) = &planned.total {
            stated.push(Some(*total));
        }
        for value in [&planned.etat, &planned.departement]
            .into_iter()
            .flatten()
            .chain(planned.others.iter().map(|f| &f.amount))
        {
            if let Some(amount) = value.amount() {
                shares.push(Some(amount));
            }
        }
    }
    let sum = |v: Vec<Option<Decimal>>| {
        (!v.is_empty())
            .then(|| crate::model::checked_sum(v))
            .flatten()
    };
    PlannedTotals {
        stated: sum(stated),
        from_shares: sum(shares),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Funder, Planned};

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn amount(d: Decimal) -> Option<Value> {
        Some(Value::Amount(d))
    }

    fn budget(etat: Option<Value>, departement: Option<Value>, total: Option<Value>) -> Budget {
        Budget {
            planned: Some(Planned {
                etat,
                departement,
                total,
                ..Planned::default()
            }),
            ..Budget::default()
        }
    }

    #[test]
    fn a_stated_total_is_stated_even_when_the_shares_disagree() {
        let b = budget(amount(d("1")), amount(d("2")), amount(d("4")));
        assert_eq!(
            fiche_figure(&b, BudgetField::PlannedTotal),
            Some(Figure::Stated(d("4")))
        );
    }

    #[test]
    fn an_absent_total_is_computed_from_the_shares() {
        let b = budget(amount(d("110000")), amount(d("305000")), None);
        assert_eq!(
            fiche_figure(&b, BudgetField::PlannedTotal),
            Some(Figure::Computed(d("415000")))
        );
    }

    #[test]
    fn an_absent_total_with_a_share_in_words_is_not_guessed() {
        let b = budget(amount(d("1")), Some(Value::Text("à définir".into())), None);
        assert_eq!(fiche_figure(&b, BudgetField::PlannedTotal), None);
    }

    #[test]
    fn a_text_total_is_shown_and_left_out_of_the_sum() {
        let text = budget(None, None, Some(Value::Text("312.222.40 €".into())));
        let stated = budget(None, None, amount(d("100")));
        let figures = [
            fiche_figure(&text, BudgetField::PlannedTotal),
            fiche_figure(&stated, BudgetField::PlannedTotal),
        ];
        let sum = Sum::of(figures.iter().map(Option::as_ref));
        assert_eq!(sum.amount, Some(d("100")));
        assert_eq!(sum.excluded, vec!["312.222.40 €".to_string()]);
        assert!(sum.is_partial());
    }

    #[test]
    fn other_funders_count_in_their_own_column_and_in_a_computed_total() {
        let mut b = budget(amount(d("10")), amount(d("20")), None);
        b.planned.as_mut().unwrap().others = vec![
            Funder {
                name: "FSE".into(),
                amount: Value::Amount(d("5")),
            },
            Funder {
                name: "CAF".into(),
                amount: Value::Amount(d("7")),
            },
        ];
        assert_eq!(
            fiche_figure(&b, BudgetField::PlannedOther),
            Some(Figure::Computed(d("12")))
        );
        assert_eq!(
            fiche_figure(&b, BudgetField::PlannedTotal),
            Some(Figure::Computed(d("42")))
        );
        let sums = column_sums(std::iter::once(&b));
        assert_eq!(sums[2].amount, Some(d("12")));
        assert_eq!(sums[3].amount, Some(d("42")));
        assert_eq!(sums[3].computed, 1);
    }

    #[test]
    fn executed_is_computed_from_its_lines_only_when_not_stated() {
        let mut b = Budget {
            executed_lines: vec![Funder {
                name: "a".into(),
                amount: Value::Amount(d("3")),
            }],
            ..Budget::default()
        };
        assert_eq!(
            fiche_figure(&b, BudgetField::Executed),
            Some(Figure::Computed(d("3")))
        );
        b.executed = amount(d("9"));
        assert_eq!(
            fiche_figure(&b, BudgetField::Executed),
            Some(Figure::Stated(d("9")))
        );
        // Engaged is never taken for executed.
        assert_eq!(fiche_figure(&b, BudgetField::Engaged), None);
    }

    #[test]
    fn an_absent_figure_adds_nothing_and_an_empty_column_has_no_sum() {
        let sum = Sum::of([None, None]);
        assert_eq!(sum.amount, None);
        assert!(!sum.is_partial());
    }

    #[test]
    fn planned_totals_separate_stated_totals_from_shares() {
        let a = budget(amount(d("1")), amount(d("2")), amount(d("4")));
        let b = budget(amount(d("10")), amount(d("20")), None);
        let totals = planned_totals([&a, &b].into_iter());
        assert_eq!(totals.stated, Some(d("4")));
        assert_eq!(totals.from_shares, Some(d("33")));
    }
}
