//! Rows of each tab, derived from the model: what navigation counts and drawing shows.

use std::collections::{BTreeSet, HashMap};

// foldhash: built again after every edit from every fiche and every finding (issue 17).
use foldhash::{HashMap as FastMap, HashMapExt};

use crate::model::{BudgetField, Convention, Fiche, normalise_fiche_id};
use crate::rules::{Anchor, Finding, Severity};

use super::Tab;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FicheRef {
    pub axe: usize,
    pub fiche: usize,
}

impl FicheRef {
    pub fn get(self, convention: &Convention) -> &Fiche {
        &convention.axes[self.axe].fiches[self.fiche]
    }
}

/// [`normalise_fiche_id`], without copying an id already in its normal form (lower-case
/// letters, digits and dots, not starting with "fiche": most ids), which it would give back
/// unchanged, and with one copy instead of three for an id that only needs its dashes and
/// underscores turned into dots (`1-2`): the lookups normalise every fiche's id after each
/// edit (issue 17).
fn normalised_id(id: &str) -> std::borrow::Cow<'_, str> {
    let mut separators = false;
    let simple = id.bytes().all(|b| match b {
        b'-' | b'_' => {
            separators = true;
            true
        }
        b => b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.',
    }) && !id.starts_with("fiche");
    match (simple, separators) {
        (true, false) => std::borrow::Cow::Borrowed(id),
        (true, true) => std::borrow::Cow::Owned(id.replace(['-', '_'], ".")),
        (false, _) => std::borrow::Cow::Owned(normalise_fiche_id(id)),
    }
}

pub fn fiche_refs(convention: &Convention) -> Vec<FicheRef> {
    convention
        .axes
        .iter()
        .enumerate()
        .flat_map(|(axe, a)| (0..a.fiches.len()).map(move |fiche| FicheRef { axe, fiche }))
        .collect()
}

/// What every frame would otherwise look up by scanning every fiche or every finding of a
/// document: worked out once after each re-check ([`Lookup::of`], called wherever findings
/// are set), so that a frame costs what it shows, not what the document holds.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// Every fiche, in order: the Fiches tab's rows.
    fiche_refs: Vec<FicheRef>,
    /// Normalised fiche id → position in `fiche_refs` of the first fiche with it (as
    /// [`Convention::find_fiche`] finds it).
    positions: std::sync::Arc<FastMap<String, usize>>,
    /// Fiche id as findings name it → the most serious finding about it.
    worst_by_fiche: FastMap<String, Severity>,
    /// Per finding, in order: the fiche budget figure it marks
    /// ([`super::tabs::cell_of_fiche`]) and the tab it is counted in
    /// ([`super::tabs::home_tab`]).
    per_finding: Vec<(Option<BudgetField>, Option<Tab>)>,
    /// Natural column widths of a tab's whole table, by what they depend on besides the
    /// document (tab, view, filter, folded axes, language): see
    /// [`super::App::grid_shown`]. Filled as frames ask; a new lookup starts empty.
    widths: std::sync::Arc<std::sync::Mutex<HashMap<String, Vec<u16>>>>,
    /// Per list a filter searches, each row's normalised text ([`RowTexts`]): worked out at
    /// the first filter after a change, not at every letter.
    row_texts: Kept<RowTexts, Vec<String>>,
    /// The rows of a tab that pass its filter ([`super::App::visible_rows`]), by what they
    /// depend on besides the document: a frame asks several times.
    visible_rows: Kept<String, Vec<usize>>,
    /// Per finding, the normalised text the Anomalies filter looks for words in: worked out
    /// at the first filter after a change, not at every letter.
    filter_texts: std::sync::OnceLock<Vec<String>>,
    /// [`indicator_rows`], worked out when first asked after a change (counting the
    /// Indicateurs rows, which following the selections after an edit does).
    indicator_rows: std::sync::OnceLock<Vec<IndicatorRef>>,
    /// [`super::tabs::indicators::year_columns`], worked out at the first frame of the
    /// Indicateurs tab after a change: kept apart from the rows because it reads every
    /// indicator's values, which counting the rows does not need.
    year_columns: std::sync::OnceLock<Vec<i32>>,
}

impl Lookup {
    /// `positions`, when given, are those of the convention's last check
    /// ([`crate::rules::Recheck::fiche_positions`]), which are then not worked out again.
    pub fn of(
        convention: &Convention,
        findings: &[Finding],
        positions: Option<std::sync::Arc<FastMap<String, usize>>>,
    ) -> Lookup {
        let fiche_refs = fiche_refs(convention);
        let positions = positions.unwrap_or_else(|| {
            let mut positions = FastMap::with_capacity(fiche_refs.len());
            for (position, r) in fiche_refs.iter().enumerate() {
                positions
                    .entry(normalised_id(&r.get(convention).id).into_owned())
                    .or_insert(position);
            }
            std::sync::Arc::new(positions)
        });
        let mut lookup = Lookup {
            fiche_refs,
            positions,
            worst_by_fiche: FastMap::new(),
            per_finding: Vec::with_capacity(findings.len()),
            widths: Default::default(),
            row_texts: Default::default(),
            visible_rows: Default::default(),
            filter_texts: std::sync::OnceLock::new(),
            indicator_rows: std::sync::OnceLock::new(),
            year_columns: std::sync::OnceLock::new(),
        };
        for finding in findings {
            if let Some(fiche) = finding.fiche() {
                match lookup.worst_by_fiche.get_mut(fiche) {
                    Some(worst) => *worst = (*worst).min(finding.severity),
                    None => {
                        lookup
                            .worst_by_fiche
                            .insert(fiche.to_string(), finding.severity);
                    }
                }
            }
            let find = |id: &str| lookup.find_fiche(convention, id);
            let cell = super::tabs::cell_of_fiche_with(convention, finding, &find).map(|(_, f)| f);
            let tab = super::tabs::home_tab_with(convention, finding, &find);
            lookup.per_finding.push((cell, tab));
        }
        lookup
    }

    /// Every fiche, in order.
    pub fn fiche_refs(&self) -> &[FicheRef] {
        &self.fiche_refs
    }

    /// Position among [`Lookup::fiche_refs`] of the fiche `id` names, as [`fiche_position`].
    pub fn fiche_position(&self, id: &str) -> Option<usize> {
        self.positions.get(normalised_id(id).as_ref()).copied()
    }

    /// [`Convention::find_fiche`] without scanning every fiche.
    pub fn find_fiche<'c>(&self, convention: &'c Convention, id: &str) -> Option<&'c Fiche> {
        let r = self.fiche_refs.get(self.fiche_position(id)?)?;
        Some(r.get(convention))
    }

    /// [`worst_for_fiche`] without scanning every finding.
    pub fn worst_for_fiche(&self, fiche: &str) -> Option<Severity> {
        self.worst_by_fiche.get(fiche).copied()
    }

    /// The fiche budget figure finding `index` marks, as [`super::tabs::cell_of_fiche`].
    pub fn cell_of(&self, index: usize) -> Option<BudgetField> {
        self.per_finding.get(index).and_then(|(cell, _)| *cell)
    }

    /// The normalised text of finding `index` for the Anomalies filter: the département, the
    /// fiche and its title, the rule, the place and the message.
    pub fn filter_text(&self, convention: &Convention, findings: &[Finding], index: usize) -> &str {
        let texts = self.filter_texts.get_or_init(|| {
            findings
                .iter()
                .map(|finding| {
                    let title = finding
                        .fiche()
                        .and_then(|id| self.find_fiche(convention, id))
                        .map_or("", |fiche| fiche.title.as_str());
                    crate::search::normalise(&format!(
                        "{} {} {title} {} {} {}",
                        convention.territory.number,
                        finding.fiche().unwrap_or_default(),
                        finding.rule.id(),
                        finding.location,
                        finding.message
                    ))
                })
                .collect()
        });
        texts.get(index).map_or("", String::as_str)
    }

    /// Every indicator row of `convention` ([`indicator_rows`]).
    pub fn indicator_rows(&self, convention: &Convention) -> &[IndicatorRef] {
        self.indicator_rows
            .get_or_init(|| indicator_rows(convention))
    }

    /// The Indicateurs tab's year columns ([`super::tabs::indicators::year_columns`]).
    pub fn year_columns(&self, convention: &Convention) -> &[i32] {
        self.year_columns
            .get_or_init(|| super::tabs::indicators::year_columns(convention))
    }

    /// Column widths kept for `key` by [`Lookup::keep_widths`].
    pub fn widths(&self, key: &str) -> Option<Vec<u16>> {
        self.widths.lock().ok()?.get(key).cloned()
    }

    pub fn keep_widths(&self, key: String, widths: Vec<u16>) {
        if let Ok(mut kept) = self.widths.lock() {
            kept.insert(key, widths);
        }
    }

    /// Drops every kept column width, as a new lookup (after an edit) starts: for benches
    /// and tests that measure or check the first frame of a state.
    pub fn forget_widths(&self) {
        if let Ok(mut kept) = self.widths.lock() {
            kept.clear();
        }
    }

    /// Each row's normalised text of the list `which`, `make` working them out when they are
    /// not kept yet.
    pub fn row_texts(
        &self,
        which: RowTexts,
        make: impl FnOnce() -> Vec<String>,
    ) -> std::sync::Arc<Vec<String>> {
        kept_or(&self.row_texts, which, make)
    }

    /// The visible rows kept for `key`, `make` working them out when they are not kept yet.
    pub fn visible_rows(
        &self,
        key: String,
        make: impl FnOnce() -> Vec<usize>,
    ) -> std::sync::Arc<Vec<usize>> {
        kept_or(&self.visible_rows, key, make)
    }

    /// The tab finding `index` is counted in, as [`super::tabs::home_tab`].
    pub fn home_tab(&self, index: usize) -> Option<Tab> {
        self.per_finding.get(index).and_then(|(_, tab)| *tab)
    }
}

/// Values worked out as frames ask and kept until the document changes (a new lookup starts
/// empty), shared by the lookup's clones.
type Kept<K, V> = std::sync::Arc<std::sync::Mutex<HashMap<K, std::sync::Arc<V>>>>;

/// Kept values beyond this many are dropped (filters typed then erased, views left).
const KEPT_AT_MOST: usize = 64;

/// The value kept for `key`, or `make`'s, then kept. The lock is not held while `make` runs
/// (it may ask the lookup for other values).
fn kept_or<K: std::hash::Hash + Eq, V>(
    kept: &Kept<K, V>,
    key: K,
    make: impl FnOnce() -> V,
) -> std::sync::Arc<V> {
    if let Some(value) = kept.lock().ok().and_then(|k| k.get(&key).cloned()) {
        return value;
    }
    let value = std::sync::Arc::new(make());
    if let Ok(mut kept) = kept.lock() {
        if kept.len() >= KEPT_AT_MOST {
            kept.clear();
        }
        kept.insert(key, value.clone());
    }
    value
}

/// A list a filter searches, for [`Lookup::row_texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowTexts {
    Fiches,
    /// The Budgets tab's rows (empty for the subtotals).
    Budgets,
    Indicators,
    /// A document summary table's rows (index into `tables`).
    Table(usize),
}

pub fn fiche_position(convention: &Convention, id: &str) -> Option<usize> {
    let wanted = crate::model::normalise_fiche_id(id);
    fiche_refs(convention)
        .iter()
        .position(|r| crate::model::normalise_fiche_id(&r.get(convention).id) == wanted)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxesRow {
    /// The convention overview at the top: what the document states outside the fiches.
    Overview(OverviewItem),
    Axe(usize),
    Fiche(FicheRef),
    /// The total of every axe.
    GrandTotal,
}

/// A line of the convention overview: figures stated for the convention or an axe, which the
/// rules compare with the fiches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewItem {
    /// The convention itself: its parties and period (findings about its dates).
    Convention,
    /// The State's stated total support.
    StateSupport,
    /// What the fiches add up to for the State's support: the figure it is compared with.
    StateSupportFiches,
    /// A convention or axe statement (index into `statements`).
    Statement(usize),
    /// What the fiches in a statement's scope add up to for its field.
    StatementFiches(usize),
    /// Arithmetic stated outside the fiches (index into `claims`).
    Claim(usize),
    /// A section of the document's own text (a synthesis, an article; index into
    /// `sections`): Enter reads it. Listed after the axes' total, not among the figures.
    Section(usize),
}

/// The overview's lines: the convention, then what it states outside the fiches.
pub fn overview_items(convention: &Convention) -> Vec<OverviewItem> {
    let mut items = vec![OverviewItem::Convention];
    if convention.state_support.is_some() {
        items.push(OverviewItem::StateSupport);
        items.push(OverviewItem::StateSupportFiches);
    }
    for (i, s) in convention.statements.iter().enumerate() {
        if !matches!(s.scope, crate::model::StatementScope::Fiche(_)) {
            items.push(OverviewItem::Statement(i));
            // What the fiches add up to, for a statement about a budget figure only.
            if s.field.is_some() {
                items.push(OverviewItem::StatementFiches(i));
            }
        }
    }
    items.extend((0..convention.claims.len()).map(OverviewItem::Claim));
    items
}

pub fn axes_rows(convention: &Convention, collapsed: &BTreeSet<usize>) -> Vec<AxesRow> {
    let mut rows: Vec<AxesRow> = overview_items(convention)
        .into_iter()
        .map(AxesRow::Overview)
        .collect();
    for (axe, a) in convention.axes.iter().enumerate() {
        rows.push(AxesRow::Axe(axe));
        if !collapsed.contains(&axe) {
            rows.extend((0..a.fiches.len()).map(|fiche| AxesRow::Fiche(FicheRef { axe, fiche })));
        }
    }
    rows.push(AxesRow::GrandTotal);
    // The document's own text last, below the figures: there may be dozens of sections.
    rows.extend(
        (0..convention.sections.len()).map(|i| AxesRow::Overview(OverviewItem::Section(i))),
    );
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRow {
    Axe(usize),
    Fiche(FicheRef),
    GrandTotal,
}

pub fn budget_rows(convention: &Convention) -> Vec<BudgetRow> {
    let mut rows = Vec::new();
    for (axe, a) in convention.axes.iter().enumerate() {
        rows.push(BudgetRow::Axe(axe));
        rows.extend((0..a.fiches.len()).map(|fiche| BudgetRow::Fiche(FicheRef { axe, fiche })));
    }
    rows.push(BudgetRow::GrandTotal);
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorRef {
    /// `None` for the convention's own indicators.
    pub fiche: Option<FicheRef>,
    pub index: usize,
}

impl IndicatorRef {
    pub fn get(self, convention: &Convention) -> &crate::model::Indicator {
        match self.fiche {
            Some(f) => &f.get(convention).indicators[self.index],
            None => &convention.indicators[self.index],
        }
    }
}

pub fn indicator_rows(convention: &Convention) -> Vec<IndicatorRef> {
    let mut rows: Vec<IndicatorRef> = fiche_refs(convention)
        .into_iter()
        .flat_map(|f| {
            (0..f.get(convention).indicators.len()).map(move |index| IndicatorRef {
                fiche: Some(f),
                index,
            })
        })
        .collect();
    rows.extend((0..convention.indicators.len()).map(|index| IndicatorRef { fiche: None, index }));
    rows
}

/// Every year any indicator mentions, in order. Read from every value of every indicator
/// after each edit (issue 17): the years are few, the values many.
pub fn indicator_years(convention: &Convention) -> Vec<i32> {
    // A handful of years, looked through; a hostile file's thousands go to a set.
    const FEW: usize = 32;
    let mut few: Vec<i32> = Vec::new();
    let mut many: BTreeSet<i32> = BTreeSet::new();
    let mut last = None;
    let indicators = convention
        .fiches()
        .flat_map(|f| f.indicators.iter())
        .chain(convention.indicators.iter());
    for value in indicators.flat_map(|i| i.values.iter()) {
        // Values come year after year: most repeat the year before them.
        if last == Some(value.year) {
            continue;
        }
        last = Some(value.year);
        if few.len() < FEW {
            if !few.contains(&value.year) {
                few.push(value.year);
            }
        } else {
            many.insert(value.year);
        }
    }
    many.extend(few);
    many.into_iter().collect()
}

/// The most serious finding among those whose anchor matches.
pub fn worst(findings: &[Finding], matches: impl Fn(&Anchor) -> bool) -> Option<Severity> {
    findings
        .iter()
        .filter(|f| matches(&f.anchor))
        .map(|f| f.severity)
        .min()
}

/// The most serious finding about a fiche.
pub fn worst_for_fiche(findings: &[Finding], fiche: &str) -> Option<Severity> {
    fiche_findings(findings, fiche).map(|f| f.severity).min()
}

/// Findings about a fiche (any anchor naming it).
pub fn fiche_findings<'a>(
    findings: &'a [Finding],
    fiche: &'a str,
) -> impl Iterator<Item = &'a Finding> {
    findings.iter().filter(move |f| f.fiche() == Some(fiche))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for ids already in normal form gives what `normalise_fiche_id` gives.
    #[test]
    fn normalised_id_is_normalise_fiche_id() {
        let ids = [
            "1.2",
            "1.2.3",
            "",
            "12",
            "a1",
            "fiche1",
            "fiche 1.2",
            "Fiche 1-2",
            " 1.2 ",
            "1_2",
            "1-2",
            "I.2",
            "fichea",
            "é1",
            "fiches",
            "1 2",
            "1.2b",
            "1-2-3",
            "1_2",
            "a-b_c",
            "-1",
            "1-",
            "fiche-1",
            "Fiche_1",
            "1-2 ",
            "1–2",
        ];
        for id in ids {
            assert_eq!(normalised_id(id), normalise_fiche_id(id), "{id:?}");
        }
    }
}
