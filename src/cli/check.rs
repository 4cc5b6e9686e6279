//! `revue check`: every finding of every file, as a report, JSON or CSV.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Format, exit, report_load_errors};
use crate::model::{FindingReview, Review, Standing};
use crate::rules::{self, Config, Finding, Severity, figures_of};
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
    /// Where the figures compared are printed (issue 15).
    pub sources: Vec<SourceRecord>,
    /// The reviewer's disposition: `a-examiner`, `justifiee`, `a-corriger`, `signalee`.
    pub disposition: &'static str,
    /// The disposition was given for other figures than the ones compared now.
    pub figures_changed: bool,
    pub note: String,
    pub key: String,
}

/// A source as JSON gives it: `{section, lines: [from, to]}`.
#[derive(Debug, Serialize)]
pub struct SourceRecord {
    pub section: String,
    pub lines: Option<[u32; 2]>,
}

/// CSV cannot hold a list: the sources as one text, `§ section, l. 1–2 ; …`.
#[derive(Debug, Serialize)]
struct CsvRecord<'a> {
    severity: Severity,
    rule: &'static str,
    convention: &'a str,
    file: &'a str,
    fiche: Option<&'a str>,
    location: &'a str,
    message: &'a str,
    expected: Option<Decimal>,
    stated: Option<&'a str>,
    sources: String,
    disposition: &'static str,
    figures_changed: bool,
    note: &'a str,
    key: &'a str,
}

impl<'a> From<&'a Record> for CsvRecord<'a> {
    fn from(r: &'a Record) -> Self {
        CsvRecord {
            severity: r.severity,
            rule: r.rule,
            convention: &r.convention,
            file: &r.file,
            fiche: r.fiche.as_deref(),
            location: &r.location,
            message: &r.message,
            expected: r.expected,
            stated: r.stated.as_deref(),
            sources: r
                .sources
                .iter()
                .map(|s| {
                    crate::model::Source {
                        section: s.section.clone(),
                        lines: s.lines.map(|[a, b]| (a, b)),
                        page: None,
                    }
                    .describe()
                })
                .collect::<Vec<_>>()
                .join(" ; "),
            disposition: r.disposition,
            figures_changed: r.figures_changed,
            note: &r.note,
            key: &r.key,
        }
    }
}

impl Record {
    fn new(file: &LoadedFile, finding: &Finding, review: &Review) -> Self {
        let clean = |s: &str| sanitize_line(s).into_owned();
        let standing = review.standing(&finding.key, &figures_of(finding));
        Record {
            sources: finding
                .sources
                .iter()
                .map(|s| SourceRecord {
                    section: clean(&s.section),
                    lines: s.lines.map(|(a, b)| [a, b]),
                })
                .collect(),
            disposition: standing.disposition().id(),
            figures_changed: matches!(standing, Standing::Changed(_)),
            note: review
                .findings
                .get(&finding.key)
                .map(|r| clean(&r.note))
                .unwrap_or_default(),
            key: clean(&finding.key),
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

/// A file, its findings (all, or the open ones), its review, and the dispositions whose
/// finding is gone.
type Reviewed<'a> = (
    &'a LoadedFile,
    Vec<Finding>,
    &'a Review,
    Vec<&'a FindingReview>,
);

pub(super) fn run(
    paths: &[PathBuf],
    format: Format,
    config: &Config,
    open_only: bool,
) -> anyhow::Result<u8> {
    let report = storage::load_paths(paths);
    report_load_errors(&report, config.lang);
    let conventions: Vec<_> = report.files.iter().map(|f| &f.convention).collect();
    // Each convention's review (issue 15): an unreadable one is reported, and counts as none.
    let mut unreadable_review = false;
    let reviews: Vec<Review> = report
        .files
        .iter()
        .map(|file| match storage::load_review(&file.path) {
            Ok(loaded) => loaded.review,
            Err(error) => {
                complain!(
                    config.lang,
                    "{}",
                    sanitize_line(&strings::review_load_error(config.lang, &error))
                );
                unreadable_review = true;
                Review::default()
            }
        })
        .collect();
    let results: Vec<Reviewed> = report
        .files
        .iter()
        .zip(rules::check_all(&conventions, config))
        .zip(&reviews)
        .map(|((file, findings), review)| {
            // Counted before --open-only leaves some out: those are not résolues.
            let keys: std::collections::HashSet<&str> =
                findings.iter().map(|f| f.key.as_str()).collect();
            let resolved: Vec<&FindingReview> =
                review.resolved(&keys).into_iter().map(|(_, r)| r).collect();
            let findings = if open_only {
                findings
                    .into_iter()
                    .filter(|f| review.standing(&f.key, &figures_of(f)).is_open())
                    .collect()
            } else {
                findings
            };
            (file, findings, review, resolved)
        })
        .collect();
    match format {
        Format::Json => {
            let records: Vec<Record> = results
                .iter()
                .flat_map(|(file, findings, review, _)| {
                    findings.iter().map(|f| Record::new(file, f, review))
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&records)?);
        }
        Format::Csv => {
            let mut out = csv::Writer::from_writer(std::io::stdout());
            for (file, findings, review, _) in &results {
                for finding in findings {
                    out.serialize(CsvRecord::from(&Record::new(file, finding, review)))?;
                }
            }
            out.flush()?;
        }
        Format::Text => print_report(&results, config.lang),
    }
    let errors = results
        .iter()
        .flat_map(|(_, f, _, _)| f)
        .any(|f| f.severity == Severity::Error);
    Ok(if !report.errors.is_empty() || unreadable_review {
        exit::UNREADABLE
    } else if errors {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

fn print_report(results: &[Reviewed], lang: Lang) {
    let s = strings::check(lang);
    let r = strings::review(lang);
    let (mut errors, mut warnings) = (0, 0);
    for (file, findings, review, resolved) in results {
        say!(
            lang,
            "{} ({})",
            sanitize_line(&file.convention.title),
            sanitize_line(&file.path.display().to_string())
        );
        if findings.is_empty() {
            say!(lang, "  {}", s.nothing_found);
        }
        for severity in [Severity::Error, Severity::Warning] {
            let mut current_group: Option<Option<&str>> = None;
            for finding in findings.iter().filter(|f| f.severity == severity) {
                let group = finding.fiche();
                if current_group != Some(group) {
                    match group {
                        Some(id) => say!(lang, "  {} {}", s.fiche_heading, sanitize_line(id)),
                        None => say!(lang, "  {}", s.convention_heading),
                    }
                    current_group = Some(group);
                }
                let label = match severity {
                    Severity::Error => s.error_label,
                    Severity::Warning => s.warning_label,
                };
                say!(
                    lang,
                    "    {label} [{}] {}",
                    finding.rule.id(),
                    sanitize_line(&finding.location)
                );
                say!(lang, "      {}", sanitize_line(&finding.message));
                let sources: Vec<String> = finding.sources.iter().map(|s| s.describe()).collect();
                if !sources.is_empty() {
                    say!(
                        lang,
                        "      {}",
                        strings::labelled(
                            lang,
                            r.sources,
                            &sanitize_line(&sources.join(match lang {
                                Lang::Fr => " ; ",
                                Lang::En => "; ",
                            }))
                        )
                    );
                }
                if let Some(entry) = review.findings.get(&finding.key) {
                    let standing = review.standing(&finding.key, &figures_of(finding));
                    let mut line = format!("      → {}", r.standing(standing));
                    if !entry.note.is_empty() {
                        line.push_str(&format!(" — {}", entry.note));
                    }
                    if !entry.reviewer.is_empty() {
                        line.push_str(&format!(" ({} {}, {})", r.by, entry.reviewer, entry.date));
                    }
                    say!(lang, "{}", sanitize_line(&line));
                }
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
        // Dispositions whose finding an edit made disappear.
        for entry in resolved {
            let mut line = format!("  {}", strings::labelled(lang, r.resolved, &entry.location));
            if !entry.note.is_empty() {
                line.push_str(&format!(" — {}", entry.note));
            }
            say!(lang, "{}", sanitize_line(&line));
        }
        println!();
    }
    // When nothing could be read, "0 errors in 0 conventions" would read as a clean bill:
    // the load errors on stderr say it all.
    if !results.is_empty() {
        say!(lang, "{}", (s.totals)(errors, warnings, results.len()));
    }
}
