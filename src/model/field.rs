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
    // Issue 16: a fiche's id (its references follow), a table's own fields, and the
    // convention's (EditTarget::Convention).
    FicheId,
    TableTitle,
    ColumnName(usize),
    ConventionTitle,
    Period,
    Signed,
    Party(usize),
    StateSupport,
    AxeTitle(usize),
    /// The axe's stated planned total: a statement about the axe, made or removed here.
    AxeTotal(usize),
    StatementValue(usize),
    StatementText(usize),
    ClaimText(usize),
    ClaimOperation(usize),
    ClaimOperands(usize),
    ClaimStated(usize),
    /// The document's own indicators (a PDI's socio-economic tables): name, then each value.
    DocIndicatorName(usize),
    DocIndicatorValue(usize, usize),
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
    /// Numbers separated by `;` (a claim's operands).
    Numbers,
}

/// Lists where items can be added (`a`) and removed (`d`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Partners,
    ExecutedLines,
    Indicators,
    // Issue 16.
    Columns,
    Parties,
    Statements,
    Claims,
    DocIndicators,
}

impl Field {
    pub fn kind(self) -> Kind {
        match self {
            Field::Scope | Field::Status | Field::ClaimOperation(_) => Kind::Choice,
            Field::Description
            | Field::Objective
            | Field::AssessmentText
            | Field::Positives
            | Field::Improvements
            | Field::Perspectives => Kind::Multiline,
            Field::Budget(_)
            | Field::ExecutedLineAmount(_)
            | Field::StateSupport
            | Field::AxeTotal(_) => Kind::Amount,
            Field::IndicatorValue(..)
            | Field::Cell(_)
            | Field::StatementValue(_)
            | Field::ClaimStated(_)
            | Field::DocIndicatorValue(..) => Kind::Figure,
            Field::StatementText(_) | Field::ClaimText(_) => Kind::Multiline,
            Field::ClaimOperands(_) => Kind::Numbers,
            _ => Kind::Line,
        }
    }

    pub fn list(self) -> Option<List> {
        match self {
            Field::Partner(_) => Some(List::Partners),
            Field::ExecutedLineName(_) | Field::ExecutedLineAmount(_) => Some(List::ExecutedLines),
            Field::IndicatorName(_) | Field::IndicatorValue(..) => Some(List::Indicators),
            // Columns from their names only: a cell's `d` must never take a column away.
            Field::ColumnName(_) => Some(List::Columns),
            Field::Party(_) => Some(List::Parties),
            Field::StatementValue(_) | Field::StatementText(_) => Some(List::Statements),
            Field::ClaimText(_)
            | Field::ClaimOperation(_)
            | Field::ClaimOperands(_)
            | Field::ClaimStated(_) => Some(List::Claims),
            Field::DocIndicatorName(_) | Field::DocIndicatorValue(..) => Some(List::DocIndicators),
            _ => None,
        }
    }
}
