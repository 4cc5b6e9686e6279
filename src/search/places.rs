//! Where each searchable text of a convention is, and what it is.
//!
//! The index keeps no copy of any text: an entry is a [`Place`], and the text is read from the
//! convention when it is indexed and again when a result is shown. Both go through
//! [`text_at`], so what is shown is what was indexed.

use std::borrow::Cow;

use crate::model::{Convention, Fiche, SectionKind, StatementScope};
use crate::rules::Finding;

/// What an entry is, shown beside it (its position is the index into
/// `strings::Texts::search_kinds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Fiche,
    Description,
    Partner,
    BudgetLine,
    Indicator,
    TableRow,
    Anomaly,
    Objective,
    Assessment,
    Section,
    Synthesis,
    Statement,
    Claim,
    Convention,
}

/// How many kinds there are.
pub const KINDS: usize = 14;

/// A text of a fiche that is one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FicheField {
    Measure,
    Status,
    Description,
    Objective,
    Area,
    Start,
    Duration,
    Partners,
    Assessment,
    Positives,
    Improvements,
    Perspectives,
}

impl FicheField {
    const ALL: [FicheField; 12] = [
        FicheField::Measure,
        FicheField::Status,
        FicheField::Description,
        FicheField::Objective,
        FicheField::Area,
        FicheField::Start,
        FicheField::Duration,
        FicheField::Partners,
        FicheField::Assessment,
        FicheField::Positives,
        FicheField::Improvements,
        FicheField::Perspectives,
    ];
}

/// A text of the convention that is one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConventionField {
    Title,
    DocumentTitle,
    Reference,
    Signed,
    Transmitted,
    StateSupport,
}

impl ConventionField {
    const ALL: [ConventionField; 6] = [
        ConventionField::Title,
        ConventionField::DocumentTitle,
        ConventionField::Reference,
        ConventionField::Signed,
        ConventionField::Transmitted,
        ConventionField::StateSupport,
    ];
}

/// Where a searchable text is in its convention (positions: `fiche` counts the fiches in
/// document order, `item` the elements of the list named).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A fiche's id and title.
    Fiche {
        fiche: u32,
    },
    FicheText {
        fiche: u32,
        field: FicheField,
    },
    Partner {
        fiche: u32,
        item: u32,
    },
    PlannedLine {
        fiche: u32,
        item: u32,
    },
    ExecutedLine {
        fiche: u32,
        item: u32,
    },
    BudgetTableRow {
        fiche: u32,
        table: u32,
        row: u32,
    },
    FicheIndicator {
        fiche: u32,
        item: u32,
    },
    FicheSection {
        fiche: u32,
        item: u32,
    },
    FicheClaim {
        fiche: u32,
        item: u32,
    },
    Convention {
        field: ConventionField,
    },
    Party {
        item: u32,
    },
    Axe {
        axe: u32,
    },
    Section {
        item: u32,
    },
    Statement {
        item: u32,
    },
    Claim {
        item: u32,
    },
    Deadline {
        item: u32,
    },
    /// A document-level indicator.
    Indicator {
        item: u32,
    },
    TableRow {
        table: u32,
        row: u32,
    },
    Finding {
        finding: u32,
    },
}

/// The unit the index is updated by: the convention's own texts, one summary table, one
/// fiche, the findings. An edit changes one fiche or one table (and the findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Convention,
    Table(u32),
    Fiche(u32),
    Findings,
}

impl Group {
    /// The groups of a convention, in the order they are indexed.
    pub fn all(convention: &Convention) -> impl Iterator<Item = Group> {
        std::iter::once(Group::Convention)
            .chain((0..convention.tables.len()).map(|t| Group::Table(index(t))))
            .chain((0..convention.fiche_count()).map(|f| Group::Fiche(index(f))))
            .chain(std::iter::once(Group::Findings))
    }

    /// How many groups [`Group::all`] gives.
    pub fn count(convention: &Convention) -> usize {
        convention.tables.len() + convention.fiche_count() + 2
    }

    /// The `n`th group of [`Group::all`].
    pub fn nth(convention: &Convention, n: usize) -> Option<Group> {
        let tables = convention.tables.len();
        let fiches = convention.fiche_count();
        Some(match n {
            0 => Group::Convention,
            n if n <= tables => Group::Table(index(n - 1)),
            n if n <= tables + fiches => Group::Fiche(index(n - 1 - tables)),
            n if n == tables + fiches + 1 => Group::Findings,
            _ => return None,
        })
    }

    /// Its position in [`Group::all`].
    pub fn position(self, convention: &Convention) -> usize {
        let tables = convention.tables.len();
        match self {
            Group::Convention => 0,
            Group::Table(t) => 1 + t as usize,
            Group::Fiche(f) => 1 + tables + f as usize,
            Group::Findings => 1 + tables + convention.fiche_count(),
        }
    }
}

fn index(position: usize) -> u32 {
    u32::try_from(position).expect("fewer than 2³² of anything in one convention")
}

/// The fiche at a position in document order (walking the axes, not the fiches).
pub fn fiche_at(convention: &Convention, position: u32) -> Option<&Fiche> {
    let mut rest = position as usize;
    for axe in &convention.axes {
        if rest < axe.fiches.len() {
            return axe.fiches.get(rest);
        }
        rest -= axe.fiches.len();
    }
    None
}

/// The places of one group, every text present or not ([`text_at`] tells).
pub fn places_of(
    group: Group,
    convention: &Convention,
    findings: &[Finding],
    out: &mut Vec<Place>,
) {
    match group {
        Group::Convention => {
            out.extend(ConventionField::ALL.map(|field| Place::Convention { field }));
            let count = |n: usize| (0..n).map(index);
            out.extend(count(convention.parties.len()).map(|item| Place::Party { item }));
            out.extend(count(convention.axes.len()).map(|axe| Place::Axe { axe }));
            out.extend(count(convention.sections.len()).map(|item| Place::Section { item }));
            out.extend(count(convention.statements.len()).map(|item| Place::Statement { item }));
            out.extend(count(convention.claims.len()).map(|item| Place::Claim { item }));
            out.extend(count(convention.deadlines.len()).map(|item| Place::Deadline { item }));
            out.extend(count(convention.indicators.len()).map(|item| Place::Indicator { item }));
        }
        Group::Table(table) => {
            let rows = convention
                .tables
                .get(table as usize)
                .map_or(0, |t| t.rows.len());
            out.extend((0..rows).map(|row| Place::TableRow {
                table,
                row: index(row),
            }));
        }
        Group::Fiche(fiche) => {
            let Some(f) = fiche_at(convention, fiche) else {
                return;
            };
            out.push(Place::Fiche { fiche });
            out.extend(FicheField::ALL.map(|field| Place::FicheText { fiche, field }));
            let count = |n: usize| (0..n).map(index);
            let partners = f.partners.as_ref().map_or(0, |p| p.names.len());
            out.extend(count(partners).map(|item| Place::Partner { fiche, item }));
            if let Some(budget) = &f.budget {
                let planned = budget.planned.as_ref().map_or(0, |p| p.others.len());
                out.extend(count(planned).map(|item| Place::PlannedLine { fiche, item }));
                let executed = budget.executed_lines.len();
                out.extend(count(executed).map(|item| Place::ExecutedLine { fiche, item }));
                for (table, t) in budget.tables.iter().enumerate() {
                    out.extend(count(t.rows.len()).map(|row| Place::BudgetTableRow {
                        fiche,
                        table: index(table),
                        row,
                    }));
                }
            }
            out.extend(count(f.indicators.len()).map(|item| Place::FicheIndicator { fiche, item }));
            out.extend(count(f.sections.len()).map(|item| Place::FicheSection { fiche, item }));
            out.extend(count(f.claims.len()).map(|item| Place::FicheClaim { fiche, item }));
        }
        Group::Findings => {
            out.extend((0..findings.len()).map(|finding| Place::Finding {
                finding: index(finding),
            }));
        }
    }
}

impl Place {
    /// The group an edit of this place's text changes.
    pub fn group(self) -> Group {
        match self {
            Place::Fiche { fiche }
            | Place::FicheText { fiche, .. }
            | Place::Partner { fiche, .. }
            | Place::PlannedLine { fiche, .. }
            | Place::ExecutedLine { fiche, .. }
            | Place::BudgetTableRow { fiche, .. }
            | Place::FicheIndicator { fiche, .. }
            | Place::FicheSection { fiche, .. }
            | Place::FicheClaim { fiche, .. } => Group::Fiche(fiche),
            Place::TableRow { table, .. } => Group::Table(table),
            Place::Finding { .. } => Group::Findings,
            Place::Convention { .. }
            | Place::Party { .. }
            | Place::Axe { .. }
            | Place::Section { .. }
            | Place::Statement { .. }
            | Place::Claim { .. }
            | Place::Deadline { .. }
            | Place::Indicator { .. } => Group::Convention,
        }
    }

    /// What it is, as shown beside the result.
    pub fn kind(self, convention: &Convention) -> Kind {
        match self {
            Place::Fiche { .. } => Kind::Fiche,
            Place::FicheText { field, .. } => match field {
                FicheField::Description | FicheField::Perspectives => Kind::Description,
                FicheField::Objective | FicheField::Area => Kind::Objective,
                FicheField::Partners => Kind::Partner,
                FicheField::Assessment | FicheField::Positives | FicheField::Improvements => {
                    Kind::Assessment
                }
                FicheField::Measure
                | FicheField::Status
                | FicheField::Start
                | FicheField::Duration => Kind::Fiche,
            },
            Place::Partner { .. } => Kind::Partner,
            Place::PlannedLine { .. }
            | Place::ExecutedLine { .. }
            | Place::BudgetTableRow { .. } => Kind::BudgetLine,
            Place::FicheIndicator { .. } | Place::Indicator { .. } => Kind::Indicator,
            Place::FicheSection { .. } => Kind::Section,
            Place::Section { item } => match convention.sections.get(item as usize) {
                Some(s) if s.kind == SectionKind::Synthese => Kind::Synthesis,
                _ => Kind::Section,
            },
            Place::FicheClaim { .. } | Place::Claim { .. } => Kind::Claim,
            Place::Statement { .. } | Place::Deadline { .. } => Kind::Statement,
            Place::Convention { field } => match field {
                ConventionField::StateSupport => Kind::Statement,
                _ => Kind::Convention,
            },
            Place::Party { .. } => Kind::Partner,
            Place::Axe { .. } => Kind::Convention,
            Place::TableRow { .. } => Kind::TableRow,
            Place::Finding { .. } => Kind::Anomaly,
        }
    }

    /// The fiche position it belongs to, if it is inside one.
    pub fn fiche(self) -> Option<u32> {
        match self.group() {
            Group::Fiche(fiche) => Some(fiche),
            _ => None,
        }
    }

    /// The fiche id shown beside the result: its fiche's, the fiche a table row or finding is
    /// about, or the scope of a statement.
    pub fn fiche_id<'a>(
        self,
        convention: &'a Convention,
        findings: &'a [Finding],
    ) -> Option<&'a str> {
        match self {
            Place::TableRow { table, row } => convention
                .tables
                .get(table as usize)?
                .rows
                .get(row as usize)?
                .fiche
                .as_deref(),
            Place::Finding { finding } => findings.get(finding as usize)?.fiche(),
            Place::Statement { item } => match &convention.statements.get(item as usize)?.scope {
                StatementScope::Fiche(id) => Some(id),
                _ => None,
            },
            _ => Some(&fiche_at(convention, self.fiche()?)?.id),
        }
    }
}

/// The text at a place, `None` when it is absent or empty.
pub fn text_at<'a>(
    place: Place,
    convention: &'a Convention,
    findings: &'a [Finding],
) -> Option<Cow<'a, str>> {
    let c = convention;
    let text: Cow<str> = match place {
        Place::Fiche { fiche } => {
            let f = fiche_at(c, fiche)?;
            Cow::Owned(format!("{} {}", f.id, f.title))
        }
        Place::FicheText { fiche, field } => {
            let f = fiche_at(c, fiche)?;
            let block = |b: &'a Option<crate::model::Block>| b.as_ref().map(|b| b.text.as_str());
            let assessment = f.assessment.as_ref();
            Cow::Borrowed(match field {
                FicheField::Measure => f.measure.as_str(),
                FicheField::Status => f.status_text.as_str(),
                FicheField::Description => block(&f.description)?,
                FicheField::Objective => block(&f.objective)?,
                FicheField::Area => block(&f.area)?,
                FicheField::Start => block(&f.start)?,
                FicheField::Duration => block(&f.duration)?,
                FicheField::Partners => f.partners.as_ref()?.text.as_str(),
                FicheField::Assessment => assessment?.text.as_str(),
                FicheField::Positives => assessment?.positives.as_str(),
                FicheField::Improvements => assessment?.improvements.as_str(),
                FicheField::Perspectives => block(&f.perspectives)?,
            })
        }
        Place::Partner { fiche, item } => Cow::Borrowed(
            fiche_at(c, fiche)?
                .partners
                .as_ref()?
                .names
                .get(item as usize)?,
        ),
        Place::PlannedLine { fiche, item } => {
            let budget = fiche_at(c, fiche)?.budget.as_ref()?;
            let line = budget.planned.as_ref()?.others.get(item as usize)?;
            Cow::Owned(format!("{} {}", line.name, line.amount.display_fr()))
        }
        Place::ExecutedLine { fiche, item } => {
            let budget = fiche_at(c, fiche)?.budget.as_ref()?;
            let line = budget.executed_lines.get(item as usize)?;
            Cow::Owned(format!("{} {}", line.name, line.amount.display_fr()))
        }
        Place::BudgetTableRow { fiche, table, row } => {
            let budget = fiche_at(c, fiche)?.budget.as_ref()?;
            let row = budget.tables.get(table as usize)?.rows.get(row as usize)?;
            Cow::Owned(row_text(row)?)
        }
        Place::FicheIndicator { fiche, item } => {
            Cow::Borrowed(&fiche_at(c, fiche)?.indicators.get(item as usize)?.name)
        }
        Place::FicheSection { fiche, item } => {
            let section = fiche_at(c, fiche)?.sections.get(item as usize)?;
            section_text(section)
        }
        Place::FicheClaim { fiche, item } => {
            Cow::Borrowed(&fiche_at(c, fiche)?.claims.get(item as usize)?.text)
        }
        Place::Convention { field } => Cow::Borrowed(match field {
            ConventionField::Title => c.title.as_str(),
            ConventionField::DocumentTitle => c.document.title.as_str(),
            ConventionField::Reference => c.document.reference.as_str(),
            ConventionField::Signed => c.signed.as_str(),
            ConventionField::Transmitted => c.transmitted.as_str(),
            ConventionField::StateSupport => c.state_support.as_ref()?.text.as_str(),
        }),
        Place::Party { item } => Cow::Borrowed(c.parties.get(item as usize)?),
        Place::Axe { axe } => {
            let a = c.axes.get(axe as usize)?;
            let mut text = format!("{} {}", a.id, a.title);
            if !a.description.is_empty() {
                text.push_str(" — ");
                text.push_str(&a.description);
            }
            Cow::Owned(text)
        }
        Place::Section { item } => section_text(c.sections.get(item as usize)?),
        Place::Statement { item } => Cow::Borrowed(&c.statements.get(item as usize)?.text),
        Place::Claim { item } => Cow::Borrowed(&c.claims.get(item as usize)?.text),
        Place::Deadline { item } => Cow::Borrowed(&c.deadlines.get(item as usize)?.text),
        Place::Indicator { item } => Cow::Borrowed(&c.indicators.get(item as usize)?.name),
        Place::TableRow { table, row } => {
            let table = c.tables.get(table as usize)?;
            Cow::Owned(row_text(table.rows.get(row as usize)?)?)
        }
        Place::Finding { finding } => Cow::Borrowed(&findings.get(finding as usize)?.message),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A table row's cells, as the Budgets tab shows them; a heading row is not searched.
fn row_text(row: &crate::model::Row) -> Option<String> {
    if row.heading {
        return None;
    }
    let cells: Vec<String> = row.cells.iter().flatten().map(|v| v.display_fr()).collect();
    Some(cells.join(" · "))
}

/// A section: its number, its title, then its text.
fn section_text(section: &crate::model::Section) -> Cow<'_, str> {
    let mut text = String::new();
    for part in [&section.id, &section.title] {
        if !part.is_empty() {
            text.push_str(part);
            text.push(' ');
        }
    }
    if text.is_empty() {
        return Cow::Borrowed(&section.text);
    }
    text.push_str("— ");
    text.push_str(&section.text);
    Cow::Owned(text)
}
