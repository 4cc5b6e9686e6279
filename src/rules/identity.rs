//! What makes a finding the same finding from one run to the next, and where its figures are
//! printed in the source document.
//!
//! A reviewer's disposition is attached to a finding by its key (issue 15). Anchors hold
//! positions (a fiche's rank, a claim's index), which move when fiches are re-ordered or a
//! claim is added before another; the key names the place by what the document writes
//! instead (fiche ids, table ids, row labels, indicator names, the sentence of a claim), so
//! it survives unrelated edits and re-ordering. It never holds the figures compared: those
//! are recorded beside a disposition, so that a finding whose figures changed is recognised
//! and flagged for a new look rather than taken for a new finding.

// foldhash: every finding's key is hashed twice per check (issue 17).
use foldhash::{HashMap, HashMapExt};

use super::{Anchor, Context, Finding};
use crate::model::{Convention, Fiche, Row, Source, StatementScope, Table, Value};

/// Fills every finding's fiche, `key` and `sources`. Keys are unique within the convention:
/// two findings of one rule on one place are told apart by their figures, then by their
/// order. A finding whose key is already filled was identified by [`identify_one`] when its
/// fiche was checked, and kept since (see [`reads_only_its_fiche`]).
pub(super) fn identify(cx: &Context, findings: &mut [Finding]) {
    for finding in findings.iter_mut().filter(|f| f.key.is_empty()) {
        identify_one(cx, finding);
    }
    // The keys are counted borrowed, not copied: this runs over every finding of the
    // convention at every re-check.
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(findings.len());
    for finding in findings.iter() {
        *count.entry(finding.key.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = findings
        .iter()
        .map(|finding| count[finding.key.as_str()] > 1)
        .collect();
    drop(count);
    for (finding, repeated) in findings.iter_mut().zip(repeated) {
        if repeated {
            finding.key = format!("{}|{}", finding.key, figures_of(finding));
        }
    }
    // The rank of each finding among those of the same key so far, 1 for the first.
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(findings.len());
    let ranks: Vec<usize> = findings
        .iter()
        .map(|finding| {
            let n = seen.entry(finding.key.as_str()).or_default();
            *n += 1;
            *n
        })
        .collect();
    drop(seen);
    for (finding, n) in findings.iter_mut().zip(ranks) {
        if n > 1 {
            finding.key = format!("{}#{n}", finding.key);
        }
    }
}

/// A finding's fiche, its key before it is told apart from others of the same key, and its
/// sources. Never empty once filled: the key starts with the rule's id.
pub(super) fn identify_one(cx: &Context, finding: &mut Finding) {
    finding.fiche = super::fiche_of(cx, &finding.anchor);
    finding.key = format!("{}@{}", finding.rule.id(), place_key(cx, &finding.anchor));
    finding.sources = sources_of(cx, &finding.anchor);
}

/// Whether [`identify_one`] reads nothing of the convention but the fiche at `position` for
/// this anchor: then what it gives stays right while that fiche and the fiches' ids are
/// unchanged, and a re-check keeps it with the fiche's own findings (issue 17: identifying
/// every finding again was a fifth of an edit's commit at 5 000 fiches). Not so for a
/// reallocation (it reads the receiving fiche), nor for a fiche whose id an earlier fiche
/// also has (the lookup by id finds the earlier one).
pub(super) fn reads_only_its_fiche(cx: &Context, anchor: &Anchor, position: usize) -> bool {
    let own = match anchor {
        Anchor::Fiche { .. } | Anchor::Budget { .. } | Anchor::BudgetTable { .. } => true,
        Anchor::Claim { fiche, .. } | Anchor::Indicator { fiche, .. } => fiche.is_some(),
        _ => false,
    };
    own && anchor.fiche().and_then(|id| cx.fiche_position(id)) == Some(position)
}

/// The figures a finding compares, as recorded beside its disposition:
/// `expected → stated`, either side possibly empty.
pub fn figures_of(finding: &Finding) -> String {
    format!(
        "{}→{}",
        finding
            .expected
            .map(|e| e.normalize().to_string())
            .unwrap_or_default(),
        finding.stated.as_deref().unwrap_or_default()
    )
}

fn fiche_id(id: &str) -> String {
    crate::model::normalise_fiche_id(id)
}

fn value_label(value: &Value) -> String {
    match value.text() {
        Some(text) => text.trim().to_string(),
        None => value.display_fr(),
    }
}

/// A row by what it describes: its fiche, else its label cell, else its rank.
fn row_label(table: &Table, row: &Row, index: usize) -> String {
    if let Some(fiche) = &row.fiche {
        return format!("fiche:{}", fiche_id(fiche));
    }
    let label = table
        .columns
        .iter()
        .position(|c| c.role == Some(crate::model::ColumnRole::Label))
        .unwrap_or(0);
    match row.cells.get(label).and_then(Option::as_ref) {
        Some(value) => value_label(value),
        None => format!("#{index}"),
    }
}

fn table_label(table: &Table, index: usize) -> String {
    if !table.id.is_empty() {
        table.id.clone()
    } else if !table.title.is_empty() {
        table.title.clone()
    } else {
        format!("#{index}")
    }
}

fn fiche_by_id<'a>(cx: &Context<'a>, id: &str) -> Option<&'a Fiche> {
    cx.find_fiche(id)
}

/// Claims and indicators of a fiche, or of the convention when `fiche` is `None`.
fn claims_of<'a>(cx: &Context<'a>, fiche: Option<&str>) -> &'a [crate::model::Claim] {
    match fiche {
        Some(id) => fiche_by_id(cx, id).map_or(&[], |f| f.claims.as_slice()),
        None => &cx.convention.claims,
    }
}

fn indicators_of<'a>(cx: &Context<'a>, fiche: Option<&str>) -> &'a [crate::model::Indicator] {
    match fiche {
        Some(id) => fiche_by_id(cx, id).map_or(&[], |f| f.indicators.as_slice()),
        None => &cx.convention.indicators,
    }
}

fn budget_tables<'a>(cx: &Context<'a>, fiche: &str) -> &'a [Table] {
    fiche_by_id(cx, fiche)
        .and_then(|f| f.budget.as_ref())
        .map_or(&[], |b| b.tables.as_slice())
}

/// The place of an anchor, by names rather than positions.
fn place_key(cx: &Context, anchor: &Anchor) -> String {
    let c: &Convention = cx.convention;
    match anchor {
        Anchor::Convention => "convention".to_string(),
        Anchor::StateSupport => "soutien-etat".to_string(),
        Anchor::Fiche { fiche, .. } => format!("fiche:{}", fiche_id(fiche)),
        Anchor::Budget { fiche, field } => format!("fiche:{}/budget:{field:?}", fiche_id(fiche)),
        Anchor::BudgetTable { fiche, table, row } => {
            let tables = budget_tables(cx, fiche);
            let mut key = format!("fiche:{}/tableau:", fiche_id(fiche));
            match tables.get(*table) {
                Some(t) => {
                    key.push_str(&table_label(t, *table));
                    if let Some(r) = row {
                        let label = t.rows.get(*r).map(|rr| row_label(t, rr, *r));
                        key.push_str(&format!("/ligne:{}", label.unwrap_or_default()));
                    }
                }
                None => key.push_str(&format!("#{table}")),
            }
            key
        }
        Anchor::Reallocation { fiche, index } => {
            let to = fiche_by_id(cx, fiche)
                .and_then(|f| f.budget.as_ref())
                .and_then(|b| b.reallocations.get(*index))
                .map(|r| match &r.to_fiche {
                    Some(id) => format!("fiche:{}", fiche_id(id)),
                    None => r.to.trim().to_string(),
                })
                .unwrap_or_else(|| format!("#{index}"));
            format!("fiche:{}/reattribution:{to}", fiche_id(fiche))
        }
        Anchor::Claim { fiche, index } => {
            let text = claims_of(cx, fiche.as_deref()).get(*index).map_or_else(
                || format!("#{index}"),
                |claim| claim.text.trim().to_string(),
            );
            match fiche {
                Some(id) => format!("fiche:{}/calcul:{text}", fiche_id(id)),
                None => format!("calcul:{text}"),
            }
        }
        Anchor::Indicator { fiche, index } => {
            let name = indicators_of(cx, fiche.as_deref())
                .get(*index)
                .map_or_else(|| format!("#{index}"), |i| i.name.trim().to_string());
            match fiche {
                Some(id) => format!("fiche:{}/indicateur:{name}", fiche_id(id)),
                None => format!("indicateur:{name}"),
            }
        }
        Anchor::Table {
            table,
            row,
            total_row,
            column,
        } => {
            let Some(t) = c.tables.get(*table) else {
                return format!("tableau:#{table}");
            };
            let mut key = format!("tableau:{}", table_label(t, *table));
            if let Some(r) = row {
                let label = t.rows.get(*r).map(|rr| row_label(t, rr, *r));
                key.push_str(&format!("/ligne:{}", label.unwrap_or_default()));
            } else if *total_row {
                key.push_str("/total");
            }
            if let Some(col) = column {
                let name = t.columns.get(*col).map(|c| c.name.trim().to_string());
                key.push_str(&format!("/colonne:{}", name.unwrap_or_default()));
            }
            key
        }
        Anchor::Statement { index } => {
            let Some(statement) = c.statements.get(*index) else {
                return format!("enonce:#{index}");
            };
            let scope = match &statement.scope {
                StatementScope::Convention => "convention".to_string(),
                StatementScope::Axe(id) => format!("axe:{}", id.trim()),
                StatementScope::Fiche(id) => format!("fiche:{}", fiche_id(id)),
            };
            let what = match (&statement.field, &statement.about) {
                (Some(field), _) => format!("{field:?}"),
                (None, Some(about)) => format!("{about:?}"),
                (None, None) => String::new(),
            };
            // The sentence tells apart two statements of one figure in two paragraphs.
            format!("enonce:{scope}/{what}/{}", statement.text.trim())
        }
    }
}

/// The source of the block an anchor points into, then the sources of the other figures it
/// is compared with (the fiche a table row or statement is about, a receiving fiche).
fn sources_of(cx: &Context, anchor: &Anchor) -> Vec<Source> {
    let c = cx.convention;
    let fiche_budget = |id: &str| -> Option<Source> {
        let fiche = fiche_by_id(cx, id)?;
        match fiche.budget.as_ref() {
            Some(b) if !b.source.is_empty() => Some(b.source.clone()),
            _ => Some(fiche.source.clone()),
        }
    };
    let fiche_source = |id: &str| fiche_by_id(cx, id).map(|f| f.source.clone());
    let mut sources: Vec<Option<Source>> = Vec::new();
    match anchor {
        Anchor::Convention => {}
        Anchor::StateSupport => {
            sources.push(c.state_support.as_ref().map(|s| s.source.clone()));
        }
        Anchor::Fiche { fiche, .. } => sources.push(fiche_source(fiche)),
        Anchor::Budget { fiche, .. } => sources.push(fiche_budget(fiche)),
        Anchor::BudgetTable { fiche, table, .. } => {
            sources.push(
                budget_tables(cx, fiche)
                    .get(*table)
                    .map(|t| t.source.clone()),
            );
            sources.push(fiche_budget(fiche));
        }
        Anchor::Reallocation { fiche, index } => {
            let reallocation = fiche_by_id(cx, fiche)
                .and_then(|f| f.budget.as_ref())
                .and_then(|b| b.reallocations.get(*index));
            sources.push(reallocation.map(|r| r.source.clone()));
            sources.push(fiche_budget(fiche));
            if let Some(to) = reallocation.and_then(|r| r.to_fiche.as_deref()) {
                sources.push(fiche_budget(to));
            }
        }
        Anchor::Claim { fiche, index } => {
            sources.push(
                claims_of(cx, fiche.as_deref())
                    .get(*index)
                    .map(|claim| claim.source.clone()),
            );
        }
        Anchor::Indicator { fiche, index } => {
            sources.push(
                indicators_of(cx, fiche.as_deref())
                    .get(*index)
                    .map(|i| i.source.clone()),
            );
        }
        Anchor::Table { table, row, .. } => {
            let t = c.tables.get(*table);
            sources.push(t.map(|t| t.source.clone()));
            let linked = row
                .and_then(|r| t?.rows.get(r))
                .and_then(|r| r.fiche.as_deref());
            if let Some(id) = linked {
                sources.push(fiche_budget(id));
            }
        }
        Anchor::Statement { index } => {
            let statement = c.statements.get(*index);
            sources.push(statement.map(|s| s.source.clone()));
            if let Some(statement) = statement
                && let StatementScope::Fiche(id) = &statement.scope
            {
                // The figure it restates: a budget figure, an indicator, else the fiche.
                let indicator = match &statement.about {
                    Some(crate::model::Subject::Indicator { name, .. }) => {
                        indicators_of(cx, Some(id))
                            .iter()
                            .find(|i| i.name.trim() == name.trim())
                            .map(|i| i.source.clone())
                    }
                    _ => None,
                };
                sources.push(match (indicator, statement.field) {
                    (Some(source), _) => Some(source),
                    (None, Some(_)) => fiche_budget(id),
                    (None, None) => fiche_source(id),
                });
            }
        }
    }
    let mut out: Vec<Source> = Vec::new();
    for source in sources.into_iter().flatten() {
        if !source.is_empty() && !out.contains(&source) {
            out.push(source);
        }
    }
    out
}
