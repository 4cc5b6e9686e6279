//! `revue summary`: what each convention holds, in a few lines.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Format, exit, report_load_errors};
use crate::model::Convention;
use crate::rules::figures;
use crate::storage;
use crate::strings::{self, Lang};
use crate::text::sanitize_line;

/// Each convention's totals, by the same definition as the Axes and Budgets tabs
/// ([`crate::rules::figures`]): a fiche's stated figure, else the one computed from its stated
/// parts. Text sanitised (JSON and CSV escape only some control characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub file: String,
    pub title: String,
    pub territory: String,
    pub kind: String,
    pub fiches: usize,
    /// `None` (JSON `null`, an empty CSV cell, `—` in text) when no fiche states a figure to
    /// add up: a sum of nothing is not a planned 0 €.
    pub planned_etat: Option<Decimal>,
    pub planned_departement: Option<Decimal>,
    /// Other funders (FSE, CAF...), where a fiche has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_other: Option<Decimal>,
    /// The Budgets tab's "Prévu" total: stated totals, and computed ones where none is stated.
    pub planned_total: Option<Decimal>,
    /// The fiches' stated planned totals only, when that differs from the shares' sum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_total_stated: Option<Decimal>,
    /// État + Département + other funders over the fiches, when that differs from the
    /// stated totals' sum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_total_computed: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engaged: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executed: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Decimal>,
    /// Figures written as text, which cannot be summed, as printed.
    #[serde(skip)]
    pub excluded: Vec<String>,
    /// Sums beyond what a decimal holds.
    #[serde(skip)]
    pub too_large: usize,
}

pub fn summarise(path: &Path, convention: &Convention, lang: Lang) -> Summary {
    let clean = |text: &str| sanitize_line(text).into_owned();
    let budgets: Vec<&crate::model::Budget> = convention
        .fiches()
        .filter_map(|f| f.budget.as_ref())
        .collect();
    let sums = figures::column_sums(budgets.iter().copied());
    let planned = figures::planned_totals(budgets.iter().copied());
    let [
        etat,
        departement,
        other,
        total,
        engaged,
        executed,
        remaining,
    ] = &sums;
    let differ = planned.stated != planned.from_shares;
    // Each excluded figure once, with the total it is missing from: the planned shares'
    // words also make up their total's words.
    let (s, f) = (strings::cli(lang), strings::figures(lang));
    let mut excluded = Vec::new();
    let mut seen = Vec::new();
    for (label, sum) in [
        (s.planned_etat, etat),
        (s.planned_departement, departement),
        (f.summary_planned_other, other),
        (s.planned_total, total),
        (f.summary_engaged, engaged),
        (f.summary_executed, executed),
        (f.summary_remaining, remaining),
    ] {
        for text in &sum.excluded {
            let text = clean(text);
            let of_shares =
                std::ptr::eq(sum, total) && (seen.contains(&text) || text.contains(" + "));
            if !of_shares {
                excluded.push(format!("{text} ({label})"));
                seen.push(text);
            }
        }
    }
    Summary {
        file: clean(&path.display().to_string()),
        title: clean(&convention.title),
        territory: clean(&format!(
            "{} ({})",
            convention.territory.name, convention.territory.number
        )),
        kind: strings::kind_name(lang, convention.kind).to_string(),
        fiches: convention.fiche_count(),
        planned_etat: etat.amount,
        planned_departement: departement.amount,
        planned_other: other.amount,
        planned_total: total.amount,
        planned_total_stated: planned.stated.filter(|_| differ),
        planned_total_computed: planned.from_shares.filter(|_| differ),
        engaged: engaged.amount,
        executed: executed.amount,
        remaining: remaining.amount,
        excluded,
        too_large: sums.iter().filter(|s| s.too_large).count(),
    }
}

const CSV_COLUMNS: [&str; 14] = [
    "file",
    "title",
    "territory",
    "kind",
    "fiches",
    "planned_etat",
    "planned_departement",
    "planned_other",
    "planned_total",
    "planned_total_stated",
    "planned_total_computed",
    "engaged",
    "executed",
    "remaining",
];

impl Summary {
    fn csv_record(&self) -> [String; 14] {
        let optional = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
        [
            self.file.clone(),
            self.title.clone(),
            self.territory.clone(),
            self.kind.clone(),
            self.fiches.to_string(),
            optional(self.planned_etat),
            optional(self.planned_departement),
            optional(self.planned_other),
            optional(self.planned_total),
            optional(self.planned_total_stated),
            optional(self.planned_total_computed),
            optional(self.engaged),
            optional(self.executed),
            optional(self.remaining),
        ]
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    conventions: &'a [Summary],
}

pub(super) fn run(paths: &[PathBuf], format: Format, lang: Lang) -> anyhow::Result<u8> {
    let report = storage::load_paths(paths);
    report_load_errors(&report, lang);
    let summaries: Vec<Summary> = report
        .files
        .iter()
        .map(|f| summarise(&f.path, &f.convention, lang))
        .collect();
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&JsonReport {
                conventions: &summaries,
            })?;
            println!("{json}");
        }
        Format::Csv => {
            // Every column on every line (a figure one convention lacks is an empty cell).
            let mut out = csv::Writer::from_writer(std::io::stdout());
            out.write_record(CSV_COLUMNS)?;
            for summary in &summaries {
                out.write_record(summary.csv_record())?;
            }
            out.flush()?;
        }
        Format::Text => print_text(&summaries, lang),
    }
    if summaries.is_empty() && report.errors.is_empty() {
        complain!(lang, "{}", strings::cli(lang).no_convention);
    }
    Ok(if report.errors.is_empty() {
        exit::OK
    } else {
        exit::UNREADABLE
    })
}

fn print_text(summaries: &[Summary], lang: Lang) {
    let s = strings::cli(lang);
    let f = strings::figures(lang);
    for (index, summary) in summaries.iter().enumerate() {
        if index > 0 {
            println!();
        }
        say!(lang, "{}", sanitize_line(&summary.title));
        say!(lang, "  {}", sanitize_line(&summary.file));
        let euros = |d: Decimal| lang.numbers().euros(d);
        // Nothing stated to add up: a dash, not 0 €.
        let stated = |d: Option<Decimal>| d.map_or_else(|| "—".to_string(), euros);
        let mut lines = vec![
            (s.territory, sanitize_line(&summary.territory).into_owned()),
            (s.kind, summary.kind.clone()),
            (s.fiches, summary.fiches.to_string()),
            (s.planned_etat, stated(summary.planned_etat)),
            (s.planned_departement, stated(summary.planned_departement)),
        ];
        let optional =
            |label: &'static str, value: Option<Decimal>| value.map(|v| (label, euros(v)));
        lines.extend(optional(f.summary_planned_other, summary.planned_other));
        lines.push((s.planned_total, stated(summary.planned_total)));
        lines.extend(optional(
            f.summary_planned_stated,
            summary.planned_total_stated,
        ));
        lines.extend(optional(
            f.summary_planned_computed,
            summary.planned_total_computed,
        ));
        lines.extend(optional(f.summary_engaged, summary.engaged));
        lines.extend(optional(f.summary_executed, summary.executed));
        lines.extend(optional(f.summary_remaining, summary.remaining));
        for (label, value) in lines {
            say!(lang, "  {label:<26} {value:>16}");
        }
        if !summary.excluded.is_empty() {
            say!(lang, "  ({})", (f.excluded)(&summary.excluded));
        }
        if summary.too_large > 0 {
            say!(lang, "  ({})", (s.too_large_not_counted)(summary.too_large));
        }
    }
}
