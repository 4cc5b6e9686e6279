//! `revue check`: every finding of every file, as a report, JSON or CSV.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Format, exit, report_load_errors};
use crate::rules::{self, Config, Finding, Severity};
use crate::storage::{self, LoadedFile};
use crate::strings::{self, Lang};
use crate::text::sanitize_line;

/// One finding as the JSON and CSV outputs give it; text sanitised.
#[derive(Debug, Serialize)]
pub struct Record {
    pub severity: Severity,
    pub rule: &'static str,
    pub convention: String,
    pub file: String,
    pub fiche: Option<String>,
    pub location: String,
    pub message: String,
    pub expected: Option<Decimal>,
    pub stated: Option<String>,
}

impl Record {
    fn new(file: &LoadedFile, finding: &Finding) -> Self {
        let clean = |s: &str| sanitize_line(s).into_owned();
        Record {
            severity: finding.severity,
            rule: finding.rule.id(),
            convention: clean(&file.convention.title),
            file: clean(&file.path.display().to_string()),
            fiche: finding.fiche().map(clean),
            location: clean(&finding.location),
            message: clean(&finding.message),
            expected: finding.expected,
            stated: finding.stated.as_deref().map(clean),
        }
    }
}

pub(super) fn run(paths: &[PathBuf], format: Format, config: &Config) -> anyhow::Result<u8> {
    let report = storage::load_paths(paths);
    report_load_errors(&report, config.lang);
    let conventions: Vec<_> = report.files.iter().map(|f| &f.convention).collect();
    let results: Vec<(&LoadedFile, Vec<Finding>)> = report
        .files
        .iter()
        .zip(rules::check_all(&conventions, config))
        .collect();
    match format {
        Format::Json => {
            let records: Vec<Record> = results
                .iter()
                .flat_map(|(file, findings)| findings.iter().map(|f| Record::new(file, f)))
                .collect();
            println!("{}", serde_json::to_string_pretty(&records)?);
        }
        Format::Csv => {
            let mut out = csv::Writer::from_writer(std::io::stdout());
            for (file, findings) in &results {
                for finding in findings {
                    out.serialize(Record::new(file, finding))?;
                }
            }
            out.flush()?;
        }
        Format::Text => print_report(&results, config.lang),
    }
    let errors = results
        .iter()
        .flat_map(|(_, f)| f)
        .any(|f| f.severity == Severity::Error);
    Ok(if !report.errors.is_empty() {
        exit::UNREADABLE
    } else if errors {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

fn print_report(results: &[(&LoadedFile, Vec<Finding>)], lang: Lang) {
    let s = strings::check(lang);
    let (mut errors, mut warnings) = (0, 0);
    for (file, findings) in results {
        println!(
            "{} ({})",
            sanitize_line(&file.convention.title),
            sanitize_line(&file.path.display().to_string())
        );
        if findings.is_empty() {
            println!("  {}", s.nothing_found);
        }
        for severity in [Severity::Error, Severity::Warning] {
            let mut current_group: Option<Option<&str>> = None;
            for finding in findings.iter().filter(|f| f.severity == severity) {
                let group = finding.fiche();
                if current_group != Some(group) {
                    match group {
                        Some(id) => println!("  {} {}", s.fiche_heading, sanitize_line(id)),
                        None => println!("  {}", s.convention_heading),
                    }
                    current_group = Some(group);
                }
                let label = match severity {
                    Severity::Error => s.error_label,
                    Severity::Warning => s.warning_label,
                };
                println!(
                    "    {label} [{}] {}",
                    finding.rule.id(),
                    sanitize_line(&finding.location)
                );
                println!("      {}", sanitize_line(&finding.message));
            }
        }
        errors += findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        warnings += findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        println!();
    }
    // When nothing could be read, "0 errors in 0 conventions" would read as a clean bill:
    // the load errors on stderr say it all.
    if !results.is_empty() {
        println!("{}", (s.totals)(errors, warnings, results.len()));
    }
}
