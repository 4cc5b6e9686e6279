//! `revue summary`: what each convention holds, in a few lines.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Format, exit, report_load_errors};
use crate::model::{Convention, Value, format_amount_fr};
use crate::storage;
use crate::strings::{self, Lang};
use crate::text::sanitize_line;

/// Figures summed from the fiches' own stated planned budgets; text sanitised (JSON and CSV
/// escape only some control characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub file: String,
    pub title: String,
    pub territory: String,
    pub kind: String,
    pub fiches: usize,
    pub planned_etat: Decimal,
    pub planned_departement: Decimal,
    pub planned_total: Decimal,
    /// Planned figures written as text, which cannot be summed.
    #[serde(skip)]
    pub unreadable: usize,
    /// Planned figures so large that the sum would be beyond what a decimal holds.
    #[serde(skip)]
    pub too_large: usize,
}

pub fn summarise(path: &Path, convention: &Convention, lang: Lang) -> Summary {
    let clean = |text: &str| sanitize_line(text).into_owned();
    let mut summary = Summary {
        file: clean(&path.display().to_string()),
        title: clean(&convention.title),
        territory: clean(&format!(
            "{} ({})",
            convention.territory.name, convention.territory.number
        )),
        kind: strings::kind_name(lang, convention.kind).to_string(),
        fiches: convention.fiche_count(),
        planned_etat: Decimal::ZERO,
        planned_departement: Decimal::ZERO,
        planned_total: Decimal::ZERO,
        unreadable: 0,
        too_large: 0,
    };
    let planned = convention
        .fiches()
        .filter_map(|f| f.budget.as_ref()?.planned.as_ref());
    for planned in planned {
        for (value, sum) in [
            (&planned.etat, &mut summary.planned_etat),
            (&planned.departement, &mut summary.planned_departement),
            (&planned.total, &mut summary.planned_total),
        ] {
            match value {
                Some(Value::Amount(amount)) => match sum.checked_add(*amount) {
                    Some(more) => *sum = more,
                    None => summary.too_large += 1,
                },
                Some(_) => summary.unreadable += 1,
                None => {}
            }
        }
    }
    summary
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
            let mut out = csv::Writer::from_writer(std::io::stdout());
            for summary in &summaries {
                out.serialize(summary)?;
            }
            out.flush()?;
        }
        Format::Text => print_text(&summaries, lang),
    }
    if summaries.is_empty() && report.errors.is_empty() {
        eprintln!("revue: {}", strings::cli(lang).no_convention);
    }
    Ok(if report.errors.is_empty() {
        exit::OK
    } else {
        exit::UNREADABLE
    })
}

fn print_text(summaries: &[Summary], lang: Lang) {
    let s = strings::cli(lang);
    for (index, summary) in summaries.iter().enumerate() {
        if index > 0 {
            println!();
        }
        println!("{}", sanitize_line(&summary.title));
        println!("  {}", sanitize_line(&summary.file));
        let euros = |d: Decimal| format!("{} €", format_amount_fr(d));
        for (label, value) in [
            (s.territory, sanitize_line(&summary.territory).into_owned()),
            (s.kind, summary.kind.clone()),
            (s.fiches, summary.fiches.to_string()),
            (s.planned_etat, euros(summary.planned_etat)),
            (s.planned_departement, euros(summary.planned_departement)),
            (s.planned_total, euros(summary.planned_total)),
        ] {
            println!("  {label:<20} {value:>16}");
        }
        if summary.unreadable > 0 {
            println!("  ({})", (s.unreadable_not_counted)(summary.unreadable));
        }
        if summary.too_large > 0 {
            println!("  ({})", (s.too_large_not_counted)(summary.too_large));
        }
    }
}
