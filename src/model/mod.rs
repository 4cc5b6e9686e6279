//! The domain model: what a convention document states, kept apart from what can be computed.
//!
//! No UI, no I/O: [`crate::storage`] reads and writes these types, [`crate::rules`] checks them.
//! Every struct denies unknown fields so that a typo in a hand-written file is an error,
//! never a silently dropped field.

mod amount;
mod budget;
mod convention;
mod date;
mod fiche;
mod field;
mod indicator;
pub mod review;
mod source;
mod table;
mod value;

pub use amount::{
    AmountParseError, EURO_DECIMALS, MALFORMED_TAG, NumberStyle, StoredFigureError,
    TOO_PRECISE_TAG, checked_sum, euro_likely_reading, format_amount, format_amount_fr,
    parse_amount, parse_amount_in, parse_euro_amount, parse_stored, stored,
};
pub use budget::{Bound, Budget, Claim, Funder, Operation, Planned, Reallocation};
pub use convention::{
    Axe, Convention, ConventionKind, Deadline, Document, Draft, FORMAT_VERSION, Section,
    SectionKind, Statement, StatementScope, Subject, Territory, normalise_fiche_id,
};
pub use date::{Day, days_in};
pub use fiche::{Assessment, Block, Fiche, FicheStatus, Partners, Scope};
pub use field::{Field, Kind, List};
pub use indicator::{Indicator, IndicatorValue, Measure};
pub use review::{
    Disposition, FicheReview, FicheStatusReview, FindingReview, REVIEW_VERSION, Review, Standing,
};
pub use source::Source;
pub use table::{Column, ColumnRole, Row, SubtotalOf, Table, TableKind};
pub use value::Value;

/// Budget figures a statement, rule or table column can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BudgetField {
    PlannedEtat,
    PlannedDepartement,
    PlannedOther,
    PlannedTotal,
    Engaged,
    Executed,
    Remaining,
}

impl BudgetField {
    /// A fiche's own figures, in the order a budget reads.
    pub const FICHE: [BudgetField; 6] = [
        BudgetField::PlannedEtat,
        BudgetField::PlannedDepartement,
        BudgetField::PlannedTotal,
        BudgetField::Engaged,
        BudgetField::Executed,
        BudgetField::Remaining,
    ];
}
