use serde::{Deserialize, Serialize};

use super::{Source, Value};

/// A named measure with its baseline, yearly results and targets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Baseline label as written (`situation au 31/12/2018`, `2018`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub baseline_label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Value>,
    /// One entry per year and measure; a cell left empty in the document is an entry
    /// with no value, so a rule can see that a passed year has no result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<IndicatorValue>,
    /// Justification or comment printed beside the indicator.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub year: i32,
    pub measure: Measure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Qualifier printed with the value (`Du 01-01-2022 au 30-06-2022`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    Result,
    Target,
}
