use serde::{Deserialize, Serialize};

use super::{BudgetField, Source, Value};

/// A table stored as printed, row by row, with its stated TOTAL row.
///
/// Used both for a document's summary tables (CD13's financial table, Seine-et-Marne's
/// annexe tables), whose rows link to the fiches they describe, and for a fiche's detailed
/// budget tables (charges / recettes, valued staff, quotes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Stable id within the convention, for links and findings (`tableau-financier`).
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: TableKind,
    pub columns: Vec<Column>,
    /// Rows in printed order; each row has one cell per column (`None` for an empty cell).
    pub rows: Vec<Row>,
    /// The TOTAL row as printed, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Row>,
    /// For a fiche's detailed table: the budget figure of the fiche its lines add up to
    /// (e.g. valued staff lines → the stated project cost), which a rule compares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sums_to: Option<BudgetField>,
    /// The relations given to this table's lines (`sums_to`, a row's `part_of`) are the
    /// reviewer's reading, which the document does not state: a gap is a warning that says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TableKind {
    /// A document-level summary of the fiches (financial table, annexe table).
    Summary,
    /// Expense side of a project budget; balances against `Recettes`.
    Charges,
    /// Income side of a project budget.
    Recettes,
    /// Valued staff time and similar contributions in kind.
    Valorisation,
    /// How a fiche is financed, by funder.
    Financement,
    /// An indicator matrix.
    Indicateurs,
    #[default]
    Autre,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub name: String,
    /// What the column holds, when it is a budget figure the rules can compare with a fiche.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ColumnRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ColumnRole {
    /// The row's label or free text: not summed.
    Label,
    /// A budget figure of the linked fiche.
    Budget(BudgetField),
    /// Figures that sum to the TOTAL row but have no fiche counterpart.
    Summed,
    /// A count or share (`4` posts, `10 %` of an ETP) multiplying the line's unit cost.
    Quantity,
    /// The cost of one unit (`45 000 €` per post and year).
    UnitCost,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The fiche this row describes, by id as written in this convention's fiches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiche: Option<String>,
    /// A heading row (`AXE 1`): shown, never summed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub heading: bool,
    /// A section subtotal (`1 Réunion de cadrage … 17 490,00 €`): checked against the lines it
    /// sums, never summed with them; the TOTAL row is then checked against the subtotals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<SubtotalOf>,
    /// The fiche budget figure this line is a part of (a resource plan's "CD" and "FSE" lines,
    /// period after period, are parts of the planned Département share): the lines that name
    /// one figure must add up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<BudgetField>,
    pub cells: Vec<Option<Value>>,
}

/// Which lines a subtotal row sums, as the document prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubtotalOf {
    /// The lines below it, up to the next subtotal or heading (a section's title row).
    Below,
    /// The lines above it, back to the previous subtotal or heading.
    Above,
}

impl Row {
    /// A line whose figures count in the column sums: not a heading, not a subtotal.
    pub fn is_line(&self) -> bool {
        !self.heading && self.subtotal.is_none()
    }

    /// Cells of the columns that have `role`.
    pub fn cells_with_role<'a>(
        &'a self,
        columns: &'a [Column],
        role: ColumnRole,
    ) -> impl Iterator<Item = &'a Option<Value>> + 'a {
        columns
            .iter()
            .zip(&self.cells)
            .filter(move |(c, _)| c.role == Some(role))
            .map(|(_, cell)| cell)
    }

    /// The row's name: its first text cell.
    pub fn label(&self) -> &str {
        self.cells
            .iter()
            .flatten()
            .find_map(Value::text)
            .unwrap_or_default()
    }
}
