use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::amount::NumberStyle;

/// A figure as the document states it.
///
/// Numbers are exact decimals written as strings in RON (`Amount("442998")`). A figure the
/// source gives as words or in a malformed way (`"Oui."`, `"312.222.40 €"`) is kept verbatim
/// as `Text`: never dropped, never guessed. The rules report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Euros.
    Amount(#[serde(with = "super::amount::stored")] Decimal),
    /// A count or a plain quantity (ETP, days, places).
    Number(#[serde(with = "super::amount::stored")] Decimal),
    /// A percentage: `Percent("60")` is 60 %.
    Percent(#[serde(with = "super::amount::stored")] Decimal),
    /// A quantity with its unit as written: `Duration("1", "mois")`.
    Duration(#[serde(with = "super::amount::stored")] Decimal, String),
    /// Text where a figure could be expected, verbatim.
    Text(String),
}

impl Value {
    /// The euro amount, when this is one.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Value::Amount(d) => Some(*d),
            _ => None,
        }
    }

    /// Any numeric reading (amount, number, percent, duration).
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Amount(d) | Value::Number(d) | Value::Percent(d) | Value::Duration(d, _) => {
                Some(*d)
            }
            Value::Text(_) => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The French rendering used by the report and the UI (`1 207 650,75 €`, `60 %`).
    pub fn display_fr(&self) -> String {
        self.display(NumberStyle::French)
    }

    /// The rendering in a reader's convention: `1 207 650,75 €` or `€1,207,650.75`.
    pub fn display(&self, style: NumberStyle) -> String {
        match self {
            Value::Amount(d) => style.euros(*d),
            Value::Number(d) => style.amount(*d),
            Value::Percent(d) => style.percent(*d),
            Value::Duration(d, unit) => format!("{} {unit}", style.amount(*d)),
            Value::Text(t) => t.clone(),
        }
    }
}
