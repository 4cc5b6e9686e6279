//! The fields of a fiche or a table row a person can edit: what the editor offers and what
//! a message names.

use super::BudgetField;

/// One editable field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Measure,
    Scope,
    Status,
    Description,
    Objective,
    Area,
    Start,
    Duration,
    Partner(usize),
    Budget(BudgetField),
    ExecutedLineName(usize),
    ExecutedLineAmount(usize),
    IndicatorName(usize),
    IndicatorValue(usize, usize),
    AssessmentText,
    Positives,
    Improvements,
    Perspectives,
    Cell(usize),
}

/// How a field is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Multiline,
    Amount,
    /// A figure that may also be a percentage, a count or words.
    Figure,
    Choice,
}

/// Lists where items can be added (`a`) and removed (`d`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Partners,
    ExecutedLines,
    Indicators,
}

impl Field {
    pub fn kind(self) -> Kind {
        match self {
            Field::Scope | Field::Status => Kind::Choice,
            Field::Description
            | Field::Objective
            | Field::AssessmentText
            | Field::Positives
            | Field::Improvements
            | Field::Perspectives => Kind::Multiline,
            Field::Budget(_) | Field::ExecutedLineAmount(_) => Kind::Amount,
            Field::IndicatorValue(..) | Field::Cell(_) => Kind::Figure,
            _ => Kind::Line,
        }
    }

    pub fn list(self) -> Option<List> {
        match self {
            Field::Partner(_) => Some(List::Partners),
            Field::ExecutedLineName(_) | Field::ExecutedLineAmount(_) => Some(List::ExecutedLines),
            Field::IndicatorName(_) | Field::IndicatorValue(..) => Some(List::Indicators),
            _ => None,
        }
    }
}
