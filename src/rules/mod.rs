//! Reconciliation rules: pure functions over the model, shared by the TUI and `revue check`.
//!
//! One file per rule family; each exposes its per-fiche and document-wide parts, which
//! [`STEPS`] runs in order ([`Recheck`] keeps the per-fiche parts' findings between checks).
//! Amounts compare exactly (with an optional tolerance); nothing here does I/O or drawing.

mod aggregates;
mod claims;
mod cofinancing;
mod consistency;
mod execution;
pub mod figures;
mod identity;
mod indicators;
mod reallocations;
mod same_figure;
mod solde;
mod tables;
mod text_figures;
mod totals;

// foldhash: fiches are looked up by id per table row and per finding at every re-check
// (issue 17).
use foldhash::{HashMap, HashMapExt};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Budget, BudgetField, Convention, Fiche, Value};
use crate::strings::{self, Lang, RuleStrings};

pub use consistency::CopyKeys;
pub use identity::figures_of;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stated figures contradict each other.
    Error,
    /// They hold, or the relation is uncertain, but a reviewer should look.
    Warning,
}

/// The rule families, with stable ids used in JSON and CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Rule {
    /// A total that is not the sum of its parts (budget, detail lines, table column, section
    /// subtotals, lines that are parts of a fiche figure, executed shares, charges/recettes).
    #[serde(rename = "somme")]
    Sum,
    /// Remaining ≠ planned − engaged (or executed).
    #[serde(rename = "solde")]
    Remaining,
    /// The same figure stated differently in two places (a budget figure, an indicator's
    /// result, an executed line, a table cell, a named quantity), or outside a stated bound.
    #[serde(rename = "meme-montant")]
    SameFigure,
    /// Stated arithmetic that does not hold (sum, difference, product, percentage, growth rate,
    /// percentage points, ratio; exact, bounded or a range).
    #[serde(rename = "calcul")]
    Claim,
    /// Fiches vs a stated State support, axe total, grand total or summary table TOTAL row.
    #[serde(rename = "agregat")]
    Aggregate,
    /// Reallocated credit that does not add up or is not received.
    #[serde(rename = "reattribution")]
    Reallocation,
    /// État share above the Département's.
    #[serde(rename = "cofinancement")]
    CoFinancing,
    /// Executed above planned or far below.
    #[serde(rename = "execution")]
    Execution,
    /// Text where a number is expected; malformed amount.
    #[serde(rename = "montant-texte")]
    TextFigure,
    /// Indicator without a value for a passed year, or far from target.
    #[serde(rename = "indicateur")]
    Indicator,
    /// What cannot be: two fiches with one id, a negative amount spent, a result to come, a
    /// statement about what does not exist, a ragged table row, a missed deadline, a copy.
    #[serde(rename = "coherence")]
    Consistency,
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::Sum => "somme",
            Rule::Remaining => "solde",
            Rule::SameFigure => "meme-montant",
            Rule::Claim => "calcul",
            Rule::Aggregate => "agregat",
            Rule::Reallocation => "reattribution",
            Rule::CoFinancing => "cofinancement",
            Rule::Execution => "execution",
            Rule::TextFigure => "montant-texte",
            Rule::Indicator => "indicateur",
            Rule::Consistency => "coherence",
        }
    }
}

/// Where in a convention a finding points, precisely enough for the UI to jump there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Anchor {
    Convention,
    /// A fiche itself, by its position among the convention's fiches (its id may be shared).
    Fiche {
        fiche: String,
        position: usize,
    },
    /// A fiche's budget figure.
    Budget {
        fiche: String,
        field: BudgetField,
    },
    /// A fiche's detailed budget table, optionally one row (index into `rows`).
    BudgetTable {
        fiche: String,
        table: usize,
        row: Option<usize>,
    },
    Reallocation {
        fiche: String,
        index: usize,
    },
    Claim {
        fiche: Option<String>,
        index: usize,
    },
    Indicator {
        fiche: Option<String>,
        index: usize,
    },
    /// A convention summary table, optionally one row (index into `rows`; `None` with
    /// `total_row` for the TOTAL row) and column.
    Table {
        table: usize,
        row: Option<usize>,
        total_row: bool,
        column: Option<usize>,
    },
    Statement {
        index: usize,
    },
    StateSupport,
}

impl Anchor {
    pub fn fiche(&self) -> Option<&str> {
        match self {
            Anchor::Fiche { fiche, .. }
            | Anchor::Budget { fiche, .. }
            | Anchor::BudgetTable { fiche, .. }
            | Anchor::Reallocation { fiche, .. } => Some(fiche),
            Anchor::Claim { fiche, .. } | Anchor::Indicator { fiche, .. } => fiche.as_deref(),
            _ => None,
        }
    }
}

/// One discrepancy: which rule, how serious, where, the figures and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The fiche it is about: the anchor's, or the fiche a table row describes.
    pub fiche: Option<String>,
    pub rule: Rule,
    pub severity: Severity,
    pub anchor: Anchor,
    /// Human description of the place (`fiche 3-2 › budget › solde`).
    pub location: String,
    pub message: String,
    /// What the other figures imply (computed sum, the other place's figure).
    pub expected: Option<Decimal>,
    /// What the document states here: an amount, or the raw text.
    pub stated: Option<String>,
    /// Stable identity for the reviewer's disposition: rule and place, by names rather than
    /// positions (filled by [`check_convention`]; see `identity`).
    pub key: String,
    /// Where the figures compared are printed in the source document (filled by
    /// [`check_convention`]).
    pub sources: Vec<crate::model::Source>,
}

impl Finding {
    pub fn fiche(&self) -> Option<&str> {
        self.fiche.as_deref()
    }

    /// The same finding as a warning, its message followed by `note`, which says why the
    /// figures may hold after all (a rounding, a line without an amount).
    pub fn downgraded(mut self, note: &str) -> Finding {
        self.severity = Severity::Warning;
        self.message = format!("{} {note}", self.message);
        self
    }
}

/// What the rules may be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Gaps up to this many euros are not reported. Zero: exact comparison.
    pub tolerance: Decimal,
    /// Executed below this percentage of planned is reported as underspend.
    pub underspend_percent: Decimal,
    /// A result below this percentage of its target is reported.
    pub target_percent: Decimal,
    /// The current year: a year before it has passed.
    pub current_year: i32,
    pub lang: Lang,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            tolerance: Decimal::ZERO,
            underspend_percent: Decimal::from(50),
            target_percent: Decimal::from(50),
            current_year: current_year(),
            lang: Lang::Fr,
        }
    }
}

/// The current calendar year (UTC), from the system clock.
pub fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_year(seconds / 86_400)
}

/// Year of a day count since 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil_year(days: u64) -> i32 {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// One unit of the last digit a figure is written with (1 for "137", 0,01 for "2.49"): how
/// far a printed rounding can be from the exact figure.
pub fn last_digit(figure: Decimal) -> Option<Decimal> {
    Decimal::try_new(1, figure.scale()).ok()
}

/// What every rule reads: the convention, the configuration and the message texts.
pub struct Context<'a> {
    pub convention: &'a Convention,
    pub config: &'a Config,
    pub text: &'static RuleStrings,
    /// The fiches in document order.
    fiches: Vec<&'a Fiche>,
    /// Their ids, normalised, and the first fiche of each (kept by [`Recheck`]).
    ids: std::borrow::Cow<'a, FicheIds>,
    /// The figures each fiche's texts write, worked out for the fiches a reallocation goes
    /// to, when first needed (kept by [`Recheck`] while the fiche is unchanged).
    mentioned: std::borrow::Cow<'a, [Mentioned]>,
    /// For each of the document's tables, the position of the fiche each row names, worked
    /// out when first asked: several rules read every row of a summary table (5 000 rows for
    /// a convention of 5 000 fiches) and its fiche.
    row_fiches: Vec<std::sync::OnceLock<Vec<Option<usize>>>>,
}

/// The runs of digits a fiche's texts write (see `reallocations`), once worked out.
pub(crate) type Mentioned = std::sync::OnceLock<std::collections::HashSet<String>>;

/// Every fiche's normalised id, in document order, and the position of the first fiche
/// with each, as [`Convention::find_fiche`] finds it: rules look fiches up for every table
/// row.
#[derive(Debug, Clone, Default)]
pub(crate) struct FicheIds {
    /// The ids as the fiches write them.
    ids: Vec<String>,
    /// Shared with the app's lookups ([`Recheck::fiche_positions`]).
    first: std::sync::Arc<HashMap<String, usize>>,
    /// For each position, the position of the first fiche with the same normalised id: a
    /// lookup by id is one hash lookup, not two.
    first_of: Vec<usize>,
    /// The first position of each id as the fiches write it: a table row or a statement
    /// naming a fiche as the fiche writes its id is found without normalising it (most
    /// lookups), and findings are sorted by it.
    written: HashMap<String, usize>,
}

impl FicheIds {
    fn of(convention: &Convention) -> FicheIds {
        let ids: Vec<String> = convention.fiches().map(|f| f.id.clone()).collect();
        let normalised: Vec<String> = ids
            .iter()
            .map(|id| crate::model::normalise_fiche_id(id))
            .collect();
        let mut first = HashMap::with_capacity(normalised.len());
        let mut first_of = Vec::with_capacity(normalised.len());
        for (position, id) in normalised.into_iter().enumerate() {
            first_of.push(*first.entry(id).or_insert(position));
        }
        let mut written = HashMap::with_capacity(ids.len());
        for (position, id) in ids.iter().enumerate() {
            written.entry(id.clone()).or_insert(position);
        }
        FicheIds {
            ids,
            first: std::sync::Arc::new(first),
            first_of,
            written,
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(convention: &'a Convention, config: &'a Config) -> Context<'a> {
        let mentioned = vec![Mentioned::new(); convention.fiches().count()];
        Context::with_ids(
            convention,
            config,
            std::borrow::Cow::Owned(FicheIds::of(convention)),
            std::borrow::Cow::Owned(mentioned),
        )
    }

    fn with_ids(
        convention: &'a Convention,
        config: &'a Config,
        ids: std::borrow::Cow<'a, FicheIds>,
        mentioned: std::borrow::Cow<'a, [Mentioned]>,
    ) -> Context<'a> {
        Context {
            convention,
            config,
            text: strings::rules(config.lang),
            fiches: convention.fiches().collect(),
            ids,
            mentioned,
            row_fiches: (0..convention.tables.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    /// The fiche that row `row` of the document's table `table` names, as
    /// [`Context::find_fiche`] finds it.
    pub(crate) fn row_fiche(&self, table: usize, row: usize) -> Option<&'a Fiche> {
        let positions = self.row_fiches.get(table)?.get_or_init(|| {
            self.convention.tables[table]
                .rows
                .iter()
                .map(|r| self.fiche_position(r.fiche.as_deref()?))
                .collect()
        });
        self.fiches.get((*positions.get(row)?)?).copied()
    }

    /// [`Convention::find_fiche`], without scanning every fiche.
    pub fn find_fiche(&self, id: &str) -> Option<&'a Fiche> {
        self.fiches.get(self.fiche_position(id)?).copied()
    }

    /// The position among the fiches of the one [`Context::find_fiche`] finds.
    pub(crate) fn fiche_position(&self, id: &str) -> Option<usize> {
        match self.ids.written.get(id) {
            // The same written id normalises the same: the first fiche with it.
            Some(&position) => self.first_with_id_of(position),
            None => self
                .ids
                .first
                .get(&crate::model::normalise_fiche_id(id))
                .copied(),
        }
    }

    /// What the fiche at `position` writes, by `work_out` the first time it is asked.
    pub(crate) fn mentioned(
        &self,
        position: usize,
        work_out: impl FnOnce(&Fiche) -> std::collections::HashSet<String>,
    ) -> Option<&std::collections::HashSet<String>> {
        let fiche = self.fiches.get(position)?;
        Some(
            self.mentioned
                .get(position)?
                .get_or_init(|| work_out(fiche)),
        )
    }

    /// The position of the first fiche whose id is, normalised, that of the fiche at
    /// `position`.
    pub(crate) fn first_with_id_of(&self, position: usize) -> Option<usize> {
        self.ids.first_of.get(position).copied()
    }
}

impl Context<'_> {
    /// Euros in the user's language: `1 234 €` or `€1,234` (issue 18).
    pub fn eur(&self, amount: Decimal) -> String {
        self.config.lang.numbers().euros(amount)
    }

    /// A figure without unit in the user's language: `1 234,5` or `1,234.5` (issue 18).
    pub fn figure(&self, figure: Decimal) -> String {
        self.config.lang.numbers().amount(figure)
    }

    /// A percentage in the user's language: `12,5 %` or `12.5%` (issue 18).
    pub fn percent(&self, rate: Decimal) -> String {
        self.config.lang.numbers().percent(rate)
    }

    /// Text from the document quoted as the language does: `« … »`, `“…”` (issue 18).
    pub fn quote(&self, text: &str) -> String {
        strings::quoted(self.config.lang, text)
    }

    /// A finding from a relation the reviewer believes but the document does not prove
    /// becomes a warning that says so.
    pub fn as_uncertain(&self, finding: Finding, uncertain: bool) -> Finding {
        if uncertain && finding.severity == Severity::Error {
            finding.downgraded(self.text.uncertain_relation)
        } else {
            finding
        }
    }

    /// `Some(gap)` when `stated` differs from `expected` by more than the tolerance.
    pub fn gap(&self, expected: Decimal, stated: Decimal) -> Option<Decimal> {
        // A gap too large for a decimal is larger than any tolerance.
        let Some(gap) = stated.checked_sub(expected) else {
            return Some(if stated > expected {
                Decimal::MAX
            } else {
                Decimal::MIN
            });
        };
        (gap.abs() > self.config.tolerance).then_some(gap)
    }

    /// The message, with a note when a gap in euros is under one euro (a rounding, most likely).
    fn with_gap_note(&self, message: String, gap: Decimal) -> String {
        if !gap.is_zero() && gap.abs() < Decimal::ONE {
            format!(
                "{message} {}",
                (self.text.under_one_euro)(&self.eur(gap.abs()))
            )
        } else {
            message
        }
    }

    pub fn fiche_place(&self, fiche: &Fiche, what: &str) -> String {
        format!("{} {} › {what}", self.text.fiche, fiche.id)
    }

    /// An error finding when two amounts in euros differ by more than the tolerance.
    pub fn mismatch(
        &self,
        rule: Rule,
        anchor: Anchor,
        location: String,
        message: String,
        expected: Decimal,
        stated: Decimal,
    ) -> Option<Finding> {
        let mut finding =
            self.mismatch_quantity(rule, anchor, location, message, expected, stated)?;
        if let Some(gap) = stated.checked_sub(expected) {
            finding.message = self.with_gap_note(finding.message, gap);
        }
        Some(finding)
    }

    /// The same for quantities that are not euros (counts, percentages, ETP).
    pub fn mismatch_quantity(
        &self,
        rule: Rule,
        anchor: Anchor,
        location: String,
        message: String,
        expected: Decimal,
        stated: Decimal,
    ) -> Option<Finding> {
        self.gap(expected, stated)?;
        Some(Finding {
            key: String::new(),
            sources: Vec::new(),
            fiche: None,
            rule,
            severity: Severity::Error,
            anchor,
            location,
            message,
            expected: Some(expected),
            stated: Some(stated.to_string()),
        })
    }
}

/// A fiche's own stated figure for a budget field.
pub fn fiche_figure(budget: &Budget, field: BudgetField) -> Option<&Value> {
    let planned = budget.planned.as_ref();
    match field {
        BudgetField::PlannedEtat => planned?.etat.as_ref(),
        BudgetField::PlannedDepartement => planned?.departement.as_ref(),
        BudgetField::PlannedTotal => planned?.total.as_ref(),
        BudgetField::PlannedOther => None,
        BudgetField::Engaged => budget.engaged.as_ref(),
        BudgetField::Executed => budget.executed.as_ref(),
        BudgetField::Remaining => budget.remaining.as_ref(),
    }
}

/// The fiche's own figure that a figure stated elsewhere for `field` should equal, with the
/// field it is. Documents often head the engaged amount "budget exécuté", so a fiche that
/// states only one of the two answers for both.
pub fn counterpart(budget: &Budget, field: BudgetField) -> Option<(BudgetField, Decimal)> {
    let (field, value) = counterpart_value(budget, field)?;
    Some((field, value.amount()?))
}

/// The same, whatever the fiche wrote (an amount or words such as "Oui.").
pub fn counterpart_value(budget: &Budget, field: BudgetField) -> Option<(BudgetField, &Value)> {
    let own = |f| fiche_figure(budget, f).map(|v| (f, v));
    match field {
        BudgetField::Engaged => own(BudgetField::Engaged).or_else(|| own(BudgetField::Executed)),
        BudgetField::Executed => own(BudgetField::Executed).or_else(|| own(BudgetField::Engaged)),
        other => own(other),
    }
}

/// How much of the budget was used: `first` (engaged or executed) when stated, else the
/// other, else the sum of the executed lines when the document lists payments without a total.
pub fn consumed(budget: &Budget, first: BudgetField) -> Option<(BudgetField, Decimal)> {
    let other = match first {
        BudgetField::Engaged => BudgetField::Executed,
        _ => BudgetField::Engaged,
    };
    let stated = |f| {
        fiche_figure(budget, f)
            .and_then(Value::amount)
            .map(|a| (f, a))
    };
    stated(first).or_else(|| stated(other)).or_else(|| {
        let lines = &budget.executed_lines;
        let sum = crate::model::checked_sum(lines.iter().map(|l| l.amount.amount()));
        (!lines.is_empty()).then_some((BudgetField::Executed, sum?))
    })
}

/// The planned total as stated, or else the sum of the stated shares.
pub fn planned_total(budget: &Budget) -> Option<Decimal> {
    let planned = budget.planned.as_ref()?;
    if let Some(total) = planned.total.as_ref() {
        return total.amount();
    }
    let mut shares = [&planned.etat, &planned.departement]
        .into_iter()
        .flatten()
        .chain(planned.others.iter().map(|f| &f.amount))
        .map(Value::amount)
        .peekable();
    shares.peek()?;
    crate::model::checked_sum(shares)
}

/// A part of a rule that reads one fiche, the configuration and the convention's
/// [`Header`] (nothing of the other fiches, nothing of the document's tables or
/// statements): its findings stay right while those are unchanged, which is what lets
/// [`Recheck`] keep them from one check to the next.
type FicheStep = fn(&Context, &Fiche, &mut Vec<Finding>);

/// A part of a rule that reads the document as a whole.
type DocumentStep = fn(&Context, &mut Vec<Finding>);

enum Step {
    /// Run for each fiche in document order.
    Fiche(FicheStep),
    Document(DocumentStep),
}

/// Every rule, split into its per-fiche and document-wide parts, in the order their
/// findings are emitted (the final sort is stable: this order is kept within a fiche and a
/// severity). [`consistency::copies`] comes last, from each fiche's [`CopyKeys`].
const STEPS: &[Step] = &[
    Step::Fiche(totals::fiche),
    Step::Document(totals::document),
    Step::Fiche(solde::fiche),
    Step::Document(solde::document),
    Step::Document(same_figure::check),
    Step::Fiche(claims::fiche),
    Step::Document(claims::document),
    Step::Document(aggregates::check),
    // Reads the receiving fiche of each reallocation: document-wide.
    Step::Document(reallocations::check),
    Step::Fiche(cofinancing::fiche),
    Step::Fiche(execution::fiche),
    Step::Fiche(text_figures::fiche_budget),
    Step::Document(text_figures::document_tables),
    Step::Fiche(text_figures::fiche_claims),
    Step::Document(text_figures::document_claims),
    Step::Fiche(indicators::fiche),
    Step::Document(indicators::document),
    Step::Document(consistency::duplicate_ids),
    Step::Fiche(consistency::negative_figures),
    Step::Document(consistency::dates_to_come),
    Step::Fiche(consistency::fiche_results_to_come),
    Step::Document(consistency::document_results_to_come),
    Step::Document(consistency::deadlines),
    Step::Fiche(consistency::fiche_unfinished_periods),
    Step::Document(consistency::document_unfinished_periods),
    Step::Document(consistency::dangling_references),
    Step::Fiche(consistency::fiche_ragged_rows),
    Step::Document(consistency::document_ragged_rows),
];

/// Runs every rule over one convention. Findings come errors first, in document order.
pub fn check_convention(convention: &Convention, config: &Config) -> Vec<Finding> {
    let cx = Context::new(convention, config);
    let keys: Vec<CopyKeys> = convention.fiches().map(CopyKeys::of).collect();
    let findings = emit(
        &cx,
        |_, step, out| {
            for fiche in convention.fiches() {
                step(&cx, fiche, out);
            }
        },
        &keys,
    );
    finish(&cx, findings)
}

/// Every step's findings in [`STEPS`] order; `fiche_step(k, step, out)` gives those of the
/// `k`-th per-fiche step for every fiche in document order.
fn emit(
    cx: &Context,
    mut fiche_step: impl FnMut(usize, FicheStep, &mut Vec<Finding>),
    copy_keys: &[CopyKeys],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut k = 0;
    for step in STEPS {
        match step {
            Step::Fiche(step) => {
                fiche_step(k, *step, &mut findings);
                k += 1;
            }
            Step::Document(step) => step(cx, &mut findings),
        }
    }
    consistency::copies(cx, copy_keys, &mut findings);
    findings
}

/// Links each finding to its fiche, gives it its key and sources, and sorts them.
fn finish(cx: &Context, mut findings: Vec<Finding>) -> Vec<Finding> {
    identity::identify(cx, &mut findings);
    // Errors first; within a severity, the convention's own findings, then fiche by fiche in
    // document order; the sort is stable, so each rule's order is kept.
    // Each fiche's position looked up, not searched for at each comparison (the first fiche
    // with an id, as a scan would find it).
    let order = &cx.ids.written;
    findings.sort_by_cached_key(|f| {
        let position = f.fiche().and_then(|id| order.get(id).copied());
        (f.severity, position.map_or(0, |p| p + 1))
    });
    findings
}

/// What the per-fiche steps read of the convention besides the fiche: when any of it
/// changes, every fiche is checked again.
#[derive(Debug, Clone, PartialEq)]
struct Header {
    config: Config,
    years: Option<(i32, i32)>,
    kind: crate::model::ConventionKind,
    transmitted: String,
}

impl Header {
    fn of(convention: &Convention, config: &Config) -> Header {
        Header {
            config: config.clone(),
            years: convention.years,
            kind: convention.kind,
            transmitted: convention.transmitted.clone(),
        }
    }
}

/// One fiche's share of a check: its id (to tell the fiches were not moved), the findings of
/// its per-fiche steps, each with the step's rank among them (one list, empty for most
/// fiches: this is kept for every fiche of every open convention). The findings about this
/// fiche alone are kept identified (see [`identity::reads_only_its_fiche`]).
#[derive(Debug, Clone)]
struct FicheShare {
    id: String,
    findings: Vec<(usize, Finding)>,
}

impl FicheShare {
    /// The share of the fiche at `position` among the convention's fiches.
    fn of(cx: &Context, fiche: &Fiche, position: usize) -> FicheShare {
        let mut findings = Vec::new();
        let fiche_steps = STEPS.iter().filter_map(|step| match step {
            Step::Fiche(step) => Some(step),
            Step::Document(_) => None,
        });
        let mut out = Vec::new();
        for (k, step) in fiche_steps.enumerate() {
            step(cx, fiche, &mut out);
            findings.extend(out.drain(..).map(|f| (k, f)));
        }
        let mut share = FicheShare {
            id: fiche.id.clone(),
            findings,
        };
        share.identify(cx, position);
        share
    }

    /// Identifies the findings about this fiche alone, and forgets what was identified of the
    /// others (after the fiches' ids changed, what was identified may no longer hold).
    fn identify(&mut self, cx: &Context, position: usize) {
        for (_, finding) in &mut self.findings {
            if identity::reads_only_its_fiche(cx, &finding.anchor, position) {
                identity::identify_one(cx, finding);
            } else {
                finding.key.clear();
            }
        }
    }
}

/// Which fiches changed since the last [`Recheck::check`] of a convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Anything may have: every fiche is checked again.
    Everything,
    /// Only the fiches at these positions among the convention's fiches (in document
    /// order), or none, with anything outside the fiches (the document's tables,
    /// statements…), which is always checked again.
    Fiches(Vec<usize>),
}

/// From this many fiches, [`Recheck`] works out the fiches' own findings on every core.
const PARALLEL_FICHES: usize = 1000;

/// [`check_convention`], kept from one check to the next: each fiche's own findings are
/// kept and worked out again only for the fiches that changed, while the document-wide
/// relations (tables, statements, totals over the fiches, copies, duplicate ids) are
/// checked again every time, the copies from each fiche's kept [`CopyKeys`]. The findings
/// are exactly those of [`check_convention`], in the same order.
#[derive(Debug, Clone, Default)]
pub struct Recheck {
    header: Option<Header>,
    shares: Vec<FicheShare>,
    /// What [`consistency::copies`] compares of each fiche.
    copy_keys: Vec<CopyKeys>,
    ids: FicheIds,
    mentioned: Vec<Mentioned>,
}

impl Recheck {
    /// The findings of `convention`, in which only the fiches `changed` says may differ from
    /// the convention of the last call.
    pub fn check(
        &mut self,
        convention: &Convention,
        config: &Config,
        changed: &Changed,
    ) -> Vec<Finding> {
        let header = Header::of(convention, config);
        let count = convention.fiches().count();
        let changed = match changed {
            _ if self.header.as_ref() != Some(&header) || self.shares.len() != count => {
                &Changed::Everything
            }
            changed => changed,
        };
        // The ids are normalised again only when one changed.
        let same_ids = match changed {
            Changed::Everything => false,
            Changed::Fiches(positions) => positions.iter().all(|&p| {
                let id = convention.fiches().nth(p).map(|f| &f.id);
                id.is_some() && id == self.ids.ids.get(p)
            }),
        };
        if !same_ids {
            self.ids = FicheIds::of(convention);
        }
        match changed {
            Changed::Everything => self.mentioned = vec![Mentioned::new(); count],
            Changed::Fiches(positions) => {
                for &position in positions {
                    if let Some(mentioned) = self.mentioned.get_mut(position) {
                        *mentioned = Mentioned::new();
                    }
                }
            }
        }
        let ids = std::mem::take(&mut self.ids);
        let mentioned = std::mem::take(&mut self.mentioned);
        let cx = Context::with_ids(
            convention,
            config,
            std::borrow::Cow::Borrowed(&ids),
            std::borrow::Cow::Borrowed(&mentioned),
        );
        match changed {
            Changed::Everything => {
                let fiches: Vec<(usize, &Fiche)> = convention.fiches().enumerate().collect();
                let share = |&(position, fiche): &(usize, &Fiche)| {
                    (FicheShare::of(&cx, fiche, position), CopyKeys::of(fiche))
                };
                // One large convention is checked on every core, fiche by fiche (many small
                // ones are already spread over the cores one convention each).
                let shares = if fiches.len() >= PARALLEL_FICHES {
                    crate::parallel::map(&fiches, share)
                } else {
                    fiches.iter().map(share).collect()
                };
                (self.shares, self.copy_keys) = shares.into_iter().unzip();
            }
            Changed::Fiches(positions) => {
                if !same_ids {
                    for (position, share) in self.shares.iter_mut().enumerate() {
                        share.identify(&cx, position);
                    }
                }
                for &position in positions {
                    if let Some(fiche) = convention.fiches().nth(position) {
                        self.shares[position] = FicheShare::of(&cx, fiche, position);
                        self.copy_keys[position] = CopyKeys::of(fiche);
                    }
                }
                // Fiches moved or swapped without being said: start again.
                let moved = convention
                    .fiches()
                    .zip(&self.shares)
                    .any(|(fiche, share)| fiche.id != share.id);
                if moved {
                    drop(cx);
                    (self.ids, self.mentioned) = (ids, mentioned);
                    return self.check(convention, config, &Changed::Everything);
                }
            }
        }
        self.header = Some(header);
        // The kept findings sorted by step in one pass over the fiches, not one pass per step
        // (most fiches have none: a pass is 5 000 fiches read for nothing at 5 000 fiches).
        let mut by_step: Vec<Vec<&Finding>> = Vec::new();
        for share in &self.shares {
            for (step, finding) in &share.findings {
                if by_step.len() <= *step {
                    by_step.resize_with(step + 1, Vec::new);
                }
                by_step[*step].push(finding);
            }
        }
        let findings = emit(
            &cx,
            |k, _, out| {
                if let Some(of_step) = by_step.get(k) {
                    out.extend(of_step.iter().map(|&finding| finding.clone()));
                }
            },
            &self.copy_keys,
        );
        let findings = finish(&cx, findings);
        drop(cx);
        (self.ids, self.mentioned) = (ids, mentioned);
        findings
    }
}

impl Recheck {
    /// Each normalised fiche id and the position of the first fiche with it, in the
    /// convention of the last check; `None` before the first. What the app's lookups find
    /// fiches by: shared rather than worked out again after every edit (issue 17).
    pub fn fiche_positions(&self) -> Option<std::sync::Arc<HashMap<String, usize>>> {
        self.header
            .as_ref()
            .map(|_| std::sync::Arc::clone(&self.ids.first))
    }
}

/// [`check_all`], with each convention's [`Recheck`] for the checks after an edit: kept
/// from this check for a large convention (its fiches checked on every core), left to the
/// first edit for a small one (a full check of it is quick, and keeping every small
/// convention's findings twice would slow the start-up of many files).
pub fn check_all_kept(
    conventions: &[&Convention],
    config: &Config,
) -> Vec<(Vec<Finding>, Recheck)> {
    crate::parallel::map(conventions, |c| {
        if c.fiches().count() < PARALLEL_FICHES {
            return (check_convention(c, config), Recheck::default());
        }
        let mut recheck = Recheck::default();
        let findings = recheck.check(c, config, &Changed::Everything);
        (findings, recheck)
    })
}

/// [`check_convention`] over several conventions, spread over the cores; one list of
/// findings per convention, in order.
pub fn check_all(conventions: &[&Convention], config: &Config) -> Vec<Vec<Finding>> {
    crate::parallel::map(conventions, |c| check_convention(c, config))
}

fn fiche_of(cx: &Context, anchor: &Anchor) -> Option<String> {
    let convention = cx.convention;
    if let Some(id) = anchor.fiche() {
        return Some(id.to_string());
    }
    let linked = match anchor {
        Anchor::Table {
            table,
            row: Some(row),
            ..
        } => return cx.row_fiche(*table, *row).map(|f| f.id.clone()),
        Anchor::Statement { index } => match &convention.statements.get(*index)?.scope {
            crate::model::StatementScope::Fiche(id) => Some(id.as_str()),
            _ => None,
        },
        _ => None,
    }?;
    // Link by the id as the fiche itself writes it.
    cx.find_fiche(linked).map(|f| f.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_year_matches_known_dates() {
        assert_eq!(civil_year(0), 1970);
        assert_eq!(civil_year(18_993), 2022); // 2022-01-01
        assert_eq!(civil_year(20_415), 2025); // 2025-11-23
        assert_eq!(civil_year(20_819), 2027); // 2027-01-01
    }
}
