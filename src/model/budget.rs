use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Source, Table, Value};

/// A fiche's budget as the document states it. Nothing here is computed: a stated total
/// is stored even when it equals the sum of its parts, because a rule compares them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The period the figures cover, as written (`2019`, `du 01/10/2021 au 31/12/2022`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Planned>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engaged: Option<Value>,
    /// Executed spending lines, when the document breaks it down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub executed_lines: Vec<Funder>,
    /// Executed total as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<Value>,
    /// Executed figures by funder (État, Département, others), when the document gives them:
    /// co-financing is then checked on what was spent, not only on what was planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed_by_funder: Option<Planned>,
    /// Remaining credit (solde) as stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Value>,
    /// Remaining credit moved to other fiches or years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reallocations: Vec<Reallocation>,
    /// Detailed tables: charges / recettes, valued staff, quotes, multi-year columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// The budget text as printed, for what the structure above cannot hold.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// Planned budget: the funders' shares and the stated total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planned {
    /// How the document labels it (`Budget prévisionnel figurant dans la convention`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etat: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departement: Option<Value>,
    /// Other funders (FSE, CAF, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<Funder>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Value>,
}

/// A named amount: a funder's share, an executed line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    pub name: String,
    pub amount: Value,
}

/// Remaining credit moved elsewhere: "110 000 € sur la fiche 3.3".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reallocation {
    pub amount: Value,
    /// Receiving fiche id as written in the model (`3-3`), when it is a fiche.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_fiche: Option<String>,
    /// Where it goes, as written (`accompagnement global spécialisé`, `budget 2020`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// Arithmetic stated in the prose, recorded so a rule can check it:
/// "120 331 € bruts chargés/an X 14, soit 1 684 636 €" is `Product` of `[120331, 14]`
/// stated as `1684636`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The sentence as printed.
    pub text: String,
    pub operation: Operation,
    #[serde(with = "super::amount::stored::list")]
    pub operands: Vec<Decimal>,
    pub stated: Value,
    /// The text gives the rate as a rounded description of the figures ("463 000 € soit
    /// 49 % de 950 000 €"), not as a rate the figures must follow ("FSE à hauteur de 50 %").
    /// Only the transcriber can tell the two apart; a rounded rate that holds to its printed
    /// precision is a warning, not an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// The stated figure is a bound or a range ("plus de 75 %", "au moins 200", "entre 15 et
    /// 20"): the result must fall within it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// The reviewer believes the relation, the document does not prove it (same quantity,
    /// different wording or scope): a gap is a warning that says so, never an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// How a stated figure bounds the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bound {
    /// "au moins 200": ≥ the stated figure.
    AtLeast,
    /// "plus de 75 %": > the stated figure.
    MoreThan,
    /// "au plus", "jusqu'à": ≤ the stated figure.
    AtMost,
    /// "moins de": < the stated figure.
    LessThan,
    /// "entre 15 et 20", "5 à 6 chantiers": from the stated figure to this one, both included.
    UpTo(#[serde(with = "super::amount::stored")] Decimal),
}

impl Bound {
    /// Whether `figure` falls within the bound set by `stated`.
    pub fn holds(self, stated: Decimal, figure: Decimal) -> bool {
        match self {
            Bound::AtLeast => figure >= stated,
            Bound::MoreThan => figure > stated,
            Bound::AtMost => figure <= stated,
            Bound::LessThan => figure < stated,
            Bound::UpTo(upper) => stated <= figure && figure <= upper,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    /// a + b + ...
    Sum,
    /// a − b − ...
    Difference,
    /// a × b × ...
    Product,
    /// `[base, rate]`: rate % of base.
    Percentage,
    /// `[from, to]`: the growth from one to the other, in percent ("+20 % : 30 au lieu de
    /// 24" is 25 %).
    GrowthRate,
    /// `[from, to]`: the change of a rate, in percentage points (`to − from`).
    PointDifference,
    /// `[a, b]`: a ÷ b ("doublé": the ratio of the new figure to the old is 2).
    Ratio,
}

impl Operation {
    /// The exact result, or `None` for an empty operand list or a result beyond what a
    /// decimal holds.
    pub fn apply(self, operands: &[Decimal]) -> Option<Decimal> {
        let (first, rest) = operands.split_first()?;
        match self {
            Operation::Sum => super::checked_sum(operands.iter().copied().map(Some)),
            Operation::Difference => rest.iter().try_fold(*first, |acc, d| acc.checked_sub(*d)),
            Operation::Product => rest.iter().try_fold(*first, |acc, d| acc.checked_mul(*d)),
            Operation::Percentage => {
                let rate = rest.first()?;
                first.checked_mul(*rate)?.checked_div(Decimal::ONE_HUNDRED)
            }
            Operation::GrowthRate => {
                let [from, to] = operands else { return None };
                to.checked_sub(*from)?
                    .checked_mul(Decimal::ONE_HUNDRED)?
                    .checked_div(*from)
            }
            Operation::PointDifference => {
                let [from, to] = operands else { return None };
                to.checked_sub(*from)
            }
            Operation::Ratio => {
                let [a, b] = operands else { return None };
                a.checked_div(*b)
            }
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Operation::Sum => "+",
            Operation::Difference => "−",
            Operation::Product => "×",
            Operation::Percentage => "% de",
            Operation::GrowthRate => "→",
            Operation::PointDifference => "→",
            Operation::Ratio => "÷",
        }
    }
}
