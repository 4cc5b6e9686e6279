use serde::{Deserialize, Serialize};

use super::{Bound, BudgetField, Claim, Fiche, Indicator, Source, Table, Value};

/// The version of the file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One document: a convention, an avenant, an execution report or a programme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convention {
    pub version: u32,
    pub title: String,
    pub kind: ConventionKind,
    pub territory: Territory,
    /// The period covered, as written (`2019`, `2024-2026`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
    /// First and last year covered, for rules that ask whether a year has passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<(i32, i32)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// Signing or adoption date as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signed: String,
    /// When the document was dated or transmitted, as written (`Commission permanente du 14
    /// avr 2020`), for the deadlines it states and the periods its results cover.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub transmitted: String,
    /// Deadlines the document states for itself ("transmis au plus tard le 31 mars 2020").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    /// The State's stated total support (e.g. article 2.2), where stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_support: Option<Statement>,
    /// The source document: its title and the file it was transcribed from.
    pub document: Document,
    /// Articles, synthesis, orientations: the document's prose outside the fiches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub axes: Vec<Axe>,
    /// The document's own summary tables, as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// Figures the document states outside the fiches (synthesis, axe or grand totals),
    /// which the rules compare with the fiches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
    /// Arithmetic stated in the prose outside the fiches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Document-level indicators (a PDI's socio-economic tables).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Present while the file is a draft read by a program (`revue import-text`), not yet
    /// checked against its document by a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
}

/// What of a drafted convention a person has not confirmed yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The program and input that wrote it (`revue import-text 000_de99a9ca3a33da65.txt`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub made_by: String,
    /// Ids of the fiches whose figures were read by the program and not yet confirmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
}

impl Convention {
    pub fn fiches(&self) -> impl Iterator<Item = &Fiche> {
        self.axes.iter().flat_map(|axe| axe.fiches.iter())
    }

    pub fn fiches_mut(&mut self) -> impl Iterator<Item = &mut Fiche> {
        self.axes.iter_mut().flat_map(|axe| axe.fiches.iter_mut())
    }

    pub fn fiche_count(&self) -> usize {
        self.axes.iter().map(|axe| axe.fiches.len()).sum()
    }

    /// Finds a fiche by id, tolerating the separators documents mix for the same fiche
    /// (`3-3`, `3.3`, `fiche 3.3`).
    pub fn find_fiche(&self, id: &str) -> Option<&Fiche> {
        let wanted = normalise_fiche_id(id);
        self.fiches().find(|f| normalise_fiche_id(&f.id) == wanted)
    }
}

/// `FICHE 3.3`, `3-3` and `3.3` all become `3.3`.
pub fn normalise_fiche_id(id: &str) -> String {
    let lower = id.trim().to_lowercase();
    let stripped = lower.strip_prefix("fiche").unwrap_or(&lower).trim();
    stripped.replace(['-', '_'], ".")
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConventionKind {
    #[default]
    Convention,
    Avenant,
    RapportExecution,
    Programme,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    /// Département name (`Bouches-du-Rhône`).
    pub name: String,
    /// Département number as written (`13`, `77`, `2A`).
    pub number: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: String,
    /// The text conversion it was transcribed from (`000_de99a9ca3a33da65.txt`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// Where the source document is, relative to the convention file's directory, for `o`
    /// (open it at a finding's line) and the reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_document: Option<String>,
    /// Publisher, deliberation or any detail that identifies the document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

/// An axe (or mesure) grouping fiches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axe {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fiches: Vec<Fiche>,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub kind: SectionKind,
    /// Number as printed (`2.2`, `1`), when there is one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionKind {
    Article,
    Synthese,
    Orientation,
    Annexe,
    #[default]
    Autre,
}

/// A figure the document states about a fiche, an axe or the whole convention,
/// outside the place the model keeps it: a synthesis paragraph, an article, an axe total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub scope: StatementScope,
    /// The budget figure stated, for a statement about money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<BudgetField>,
    /// What the figure is, when it is not one of the scope's budget figures: an indicator's
    /// result, an executed line, a table cell, or a quantity also stated elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<Subject>,
    pub value: Value,
    /// The value is a bound or a range ("plus de 75 %", "entre 15 et 20").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// The reviewer believes the statement is about that figure, the document does not prove
    /// it (same quantity, different wording or scope): a gap is a warning, never an error.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    /// The sentence as printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// A deadline the document states, its date as written (`31 mars 2020`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub due: String,
    /// The sentence as printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// What a statement's figure is about, beyond the scope's budget figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    /// An indicator's result for a year, by name: the scope fiche's indicator, or the
    /// document's for a convention scope ("90 familles rencontrées" against the indicator's 200).
    Indicator { name: String, year: i32 },
    /// One executed line of the scope fiche, by name.
    ExecutedLine(String),
    /// One cell of a document table: its id, the row (the fiche it describes, or its label)
    /// and the column's name.
    Cell {
        table: String,
        row: String,
        column: String,
    },
    /// A quantity named by the transcriber: every statement about it must agree (93 places
    /// in the synthesis, 94 in fiche 1-4).
    Quantity(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatementScope {
    Convention,
    /// By axe id.
    Axe(String),
    /// By fiche id.
    Fiche(String),
}

/// Ids for what is added in the app (issue 16): unique in the convention and written as the
/// document's neighbouring ids are (`3-2` → `3-3`, `2.1` → `2.2`, `FICHE 12` → `FICHE 13`).
impl Convention {
    /// An id for a fiche added to axe `axe` after the fiche with id `after` (or at the end of
    /// the axe): the next number after it, else the axe's own number with `-1`, `-2`…
    pub fn new_fiche_id(&self, axe: usize, after: Option<&str>) -> String {
        let taken = |id: &str| self.find_fiche(id).is_some();
        let neighbour = after
            .map(str::to_string)
            .or_else(|| self.axes.get(axe)?.fiches.last().map(|f| f.id.clone()));
        let (prefix, first) = match neighbour {
            Some(id) => split_number(&id),
            None => {
                let axe_id = self.axes.get(axe).map_or("", |a| a.id.as_str());
                (format!("{}-", axe_id.trim()), 1)
            }
        };
        next_free(&prefix, first, taken)
    }

    /// An id for an axe added after the axe with id `after` (or at the end): the next number
    /// or letter after it.
    pub fn new_axe_id(&self, after: Option<&str>) -> String {
        let taken = |id: &str| self.axes.iter().any(|a| a.id.trim() == id);
        let neighbour = after
            .map(str::to_string)
            .or_else(|| self.axes.last().map(|a| a.id.clone()));
        match neighbour.as_deref().map(str::trim) {
            // `A`, `B`, `C`: the next free letter.
            Some(letter) if letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase()) => {
                let start = letter.as_bytes()[0];
                (start + 1..=b'Z')
                    .map(|b| (b as char).to_string())
                    .find(|id| !taken(id))
                    .unwrap_or_else(|| next_free("", self.axes.len() + 1, taken))
            }
            Some(id) => {
                let (prefix, first) = split_number(id);
                next_free(&prefix, first, taken)
            }
            None => next_free("", 1, taken),
        }
    }

    /// An id for a document table: `tableau-1`, `tableau-2`…
    pub fn new_table_id(&self) -> String {
        next_free("tableau-", 1, |id| self.tables.iter().any(|t| t.id == id))
    }
}

/// `3-2` → (`3-`, 3); `FICHE 12` → (`FICHE `, 13); `A` → (`A-`, 1): the prefix and the number
/// that follows the id's own.
fn split_number(id: &str) -> (String, usize) {
    let id = id.trim();
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = id.split_at(id.len() - digits);
    match number.parse::<usize>() {
        Ok(n) => (prefix.to_string(), n + 1),
        Err(_) => (format!("{prefix}-"), 1),
    }
}

/// `prefix` followed by the first number from `first` that `taken` refuses.
fn next_free(prefix: &str, first: usize, taken: impl Fn(&str) -> bool) -> String {
    (first..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod new_id_tests {
    use super::*;

    fn with(axes: &[(&str, &[&str])]) -> Convention {
        Convention {
            axes: axes
                .iter()
                .map(|(id, fiches)| Axe {
                    id: id.to_string(),
                    fiches: fiches
                        .iter()
                        .map(|f| Fiche {
                            id: f.to_string(),
                            ..Fiche::default()
                        })
                        .collect(),
                    ..Axe::default()
                })
                .collect(),
            ..Convention::default()
        }
    }

    #[test]
    fn new_ids_follow_their_neighbours_and_are_unique() {
        let c = with(&[("1", &["1-1", "1-2"]), ("2", &["2.1"]), ("3", &[])]);
        assert_eq!(c.new_fiche_id(0, Some("1-1")), "1-3");
        assert_eq!(c.new_fiche_id(1, None), "2.2");
        assert_eq!(c.new_fiche_id(2, None), "3-1");
        assert_eq!(c.new_axe_id(Some("1")), "4");
        let c = with(&[("A", &["FICHE 12"]), ("B", &[])]);
        assert_eq!(c.new_fiche_id(0, None), "FICHE 13");
        assert_eq!(c.new_axe_id(Some("A")), "C");
        // `1.2` is `1-2` to the rules: never given twice.
        let c = with(&[("1", &["1.1", "1-2"])]);
        assert_eq!(c.new_fiche_id(0, Some("1.1")), "1.3");
        assert_eq!(Convention::default().new_table_id(), "tableau-1");
    }
}
