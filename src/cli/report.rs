//! `revue report`: what a review produced, to send (issue 15). Per convention: the
//! identification, the budget summary (stated and computed, with the gaps), every finding with
//! its figures, sources, disposition and note, dispositions whose finding is gone, and the
//! fiches' review status. Markdown, one self-contained printable HTML file, a CSV for French
//! spreadsheets (`;`, UTF-8 with BOM, decimal comma) or an XLSX workbook with real numbers.
//!
//! Rendering is pure (the app renders its report with [`render`] too); [`run`] loads, renders
//! and writes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::ValueEnum;
use rust_decimal::Decimal;

use super::{exit, report_load_errors};
use crate::model::{Convention, NumberStyle, Review};
use crate::rules::{self, Finding, Severity, figures_of};
use crate::storage;
use crate::strings::{self, Lang, ReviewStrings};
use crate::text::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
    Xlsx,
}

/// One convention, its findings and its review.
pub struct Input<'a> {
    pub path: PathBuf,
    pub convention: &'a Convention,
    pub findings: &'a [Finding],
    pub review: &'a Review,
}

/// A cell of a report table: text, or a figure kept exact until it is written.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    /// Euros.
    Money(Decimal),
    /// A count, a percentage, a duration: no unit added.
    Number(Decimal),
    Empty,
}

fn text(s: impl AsRef<str>) -> Cell {
    Cell::Text(sanitize_line(s.as_ref()).into_owned())
}

fn money(d: Option<Decimal>) -> Cell {
    d.map_or(Cell::Empty, Cell::Money)
}

/// A finding's figure, in euros when its message speaks of euros.
fn figure(d: Option<Decimal>, euros: bool) -> Cell {
    match d {
        None => Cell::Empty,
        Some(d) if euros => Cell::Money(d),
        Some(d) => Cell::Number(d),
    }
}

/// A stated figure: a number when it reads as one, else its text.
fn stated(s: Option<&str>, euros: bool) -> Cell {
    match s {
        None => Cell::Empty,
        Some(s) => match s.parse::<Decimal>() {
            Ok(d) => figure(Some(d), euros),
            Err(_) => text(s),
        },
    }
}

/// One part of the report (a sheet of the workbook): a title, a header, rows.
struct Part {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

fn convention_name(c: &Convention) -> String {
    sanitize_line(&format!(
        "{} {} — {}",
        c.territory.number, c.period, c.title
    ))
    .into_owned()
}

/// The report's parts, every convention together in each (one sheet each in a workbook).
fn parts(inputs: &[Input], lang: Lang) -> Vec<Part> {
    let s = strings::review(lang);
    vec![
        identification(inputs, s, lang),
        budget(inputs, s),
        findings(inputs, s, lang),
        fiches(inputs, s),
    ]
}

fn identification(inputs: &[Input], s: &ReviewStrings, lang: Lang) -> Part {
    let mut rows = Vec::new();
    for input in inputs {
        let c = input.convention;
        let labels = s.identification_rows;
        let mut document = c.document.file.clone();
        if let Some(source) = &c.document.source_document {
            document = format!("{document} ({}: {source})", s.source_document);
        }
        let values = [
            c.title.clone(),
            format!("{} ({})", c.territory.name, c.territory.number),
            strings::kind_name(lang, c.kind).to_string(),
            c.period.clone(),
            c.signed.clone(),
            c.document.title.clone(),
            format!("{} · {document}", input.path.display()),
        ];
        for (label, value) in labels.iter().zip(values) {
            rows.push(vec![text(convention_name(c)), text(label), text(value)]);
        }
    }
    let mut header = vec![s.columns_budget[0].to_string()];
    header.extend(s.columns_identification.iter().map(|h| h.to_string()));
    Part {
        title: s.identification.to_string(),
        header,
        rows,
    }
}

fn budget(inputs: &[Input], s: &ReviewStrings) -> Part {
    use crate::model::BudgetField as F;
    use crate::rules::figures::fiche_figure;
    let mut rows = Vec::new();
    for input in inputs {
        let c = input.convention;
        let first = rows.len();
        for fiche in c.fiches() {
            let Some(budget) = &fiche.budget else {
                continue;
            };
            let planned = budget.planned.as_ref();
            let stated_total = planned
                .and_then(|p| p.total.as_ref())
                .and_then(|v| v.amount());
            let shares: Vec<Option<Decimal>> = planned
                .map(|p| {
                    [&p.etat, &p.departement]
                        .into_iter()
                        .flatten()
                        .chain(p.others.iter().map(|f| &f.amount))
                        .map(|v| v.amount())
                        .collect()
                })
                .unwrap_or_default();
            let computed = (!shares.is_empty())
                .then(|| crate::model::checked_sum(shares))
                .flatten();
            let gap = match (stated_total, computed) {
                (Some(a), Some(b)) => a.checked_sub(b),
                _ => None,
            };
            let figure = |field| fiche_figure(budget, field).and_then(|f| f.amount());
            rows.push(vec![
                text(convention_name(c)),
                text(&fiche.id),
                text(&fiche.title),
                money(stated_total),
                money(computed),
                money(gap),
                money(figure(F::Executed).or_else(|| figure(F::Engaged))),
                money(figure(F::Remaining)),
            ]);
        }
        // The convention's total of each column, over the fiches that state it.
        if rows.len() > first {
            let mut total = vec![text(convention_name(c)), text(s.total_row), Cell::Empty];
            for column in 3..8 {
                let amounts = rows[first..]
                    .iter()
                    .filter_map(|r: &Vec<Cell>| match r[column] {
                        Cell::Money(d) => Some(Some(d)),
                        _ => None,
                    });
                let sum = crate::model::checked_sum(amounts);
                total.push(money(sum.filter(|_| {
                    rows[first..]
                        .iter()
                        .any(|r| matches!(r[column], Cell::Money(_)))
                })));
            }
            rows.push(total);
        }
    }
    Part {
        title: s.budget_summary.to_string(),
        header: s.columns_budget.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

fn sources_text(finding: &Finding) -> String {
    finding
        .sources
        .iter()
        .map(|s| s.describe())
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn findings(inputs: &[Input], s: &ReviewStrings, lang: Lang) -> Part {
    let labels = strings::check(lang);
    let mut rows = Vec::new();
    for input in inputs {
        let c = input.convention;
        for finding in input.findings {
            let standing = input.review.standing(&finding.key, &figures_of(finding));
            let entry = input.review.findings.get(&finding.key);
            let euros = finding.message.contains('€');
            rows.push(vec![
                text(convention_name(c)),
                text(match finding.severity {
                    Severity::Error => labels.error_label,
                    Severity::Warning => labels.warning_label,
                }),
                text(finding.rule.id()),
                text(finding.fiche().unwrap_or_default()),
                text(&finding.location),
                text(&finding.message),
                figure(finding.expected, euros),
                stated(finding.stated.as_deref(), euros),
                text(sources_text(finding)),
                text(s.standing(standing)),
                text(entry.map(|e| e.note.as_str()).unwrap_or_default()),
                text(entry.map(|e| e.reviewer.as_str()).unwrap_or_default()),
                text(entry.map(|e| e.date.as_str()).unwrap_or_default()),
            ]);
        }
        // Dispositions whose finding an edit made disappear: résolues.
        let keys: std::collections::HashSet<&str> =
            input.findings.iter().map(|f| f.key.as_str()).collect();
        for (_, entry) in input.review.resolved(&keys) {
            rows.push(vec![
                text(convention_name(c)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                text(&entry.location),
                text(&entry.message),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                text(format!(
                    "{} ({})",
                    s.resolved,
                    s.disposition(entry.disposition)
                )),
                text(&entry.note),
                text(&entry.reviewer),
                text(&entry.date),
            ]);
        }
    }
    Part {
        title: s.findings.to_string(),
        header: s.columns_findings.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

fn fiches(inputs: &[Input], s: &ReviewStrings) -> Part {
    let mut rows = Vec::new();
    for input in inputs {
        let c = input.convention;
        for fiche in c.fiches() {
            let entry = input.review.fiches.get(&fiche.id);
            rows.push(vec![
                text(convention_name(c)),
                text(&fiche.id),
                text(&fiche.title),
                text(s.fiche_status(input.review.fiche_status(&fiche.id))),
                text(entry.map(|e| e.note.as_str()).unwrap_or_default()),
                text(
                    entry
                        .map(|e| format!("{} {}", e.reviewer, e.date).trim().to_string())
                        .unwrap_or_default(),
                ),
            ]);
        }
    }
    Part {
        title: s.fiches_review.to_string(),
        header: s.columns_fiches.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// The report in `format`.
pub fn render(inputs: &[Input], format: ReportFormat, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let parts = parts(inputs, lang);
    let s = strings::review(lang);
    let title = s.report_title;
    let generated = (s.generated)(&crate::app::review::today());
    Ok(match format {
        ReportFormat::Md => markdown(&parts, title, &generated, lang.numbers()).into_bytes(),
        ReportFormat::Html => html(&parts, title, &generated, lang).into_bytes(),
        ReportFormat::Csv => csv_fr(&parts)?,
        ReportFormat::Xlsx => xlsx(&parts)?,
    })
}

/// A count, a rate: to three decimals at most, as read (a computed rate has twenty-eight).
fn quantity(d: Decimal, numbers: NumberStyle) -> String {
    numbers.amount(d.round_dp(3).normalize())
}

/// Euros: whole euros without decimals, else two (`2 658 014 €`, `156 111,20 €`; in English
/// `€2,658,014`).
fn euros(d: Decimal, numbers: NumberStyle) -> String {
    let shown = if d.fract().is_zero() {
        d.trunc()
    } else {
        let mut cents = d.round_dp(2);
        cents.rescale(2);
        cents
    };
    numbers.euros(shown)
}

/// The parts of each convention, for the documents read convention by convention (Markdown,
/// HTML): every part's rows whose first cell names the convention, without that column.
fn per_convention(parts: &[Part]) -> Vec<(String, Vec<Part>)> {
    let mut names: Vec<String> = Vec::new();
    for row in parts.iter().flat_map(|p| &p.rows) {
        if let Some(Cell::Text(name)) = row.first()
            && !names.contains(name)
        {
            names.push(name.clone());
        }
    }
    names
        .into_iter()
        .map(|name| {
            let own = parts
                .iter()
                .map(|part| Part {
                    title: part.title.clone(),
                    header: part.header[1..].to_vec(),
                    rows: part
                        .rows
                        .iter()
                        .filter(|r| r.first() == Some(&Cell::Text(name.clone())))
                        .map(|r| r[1..].to_vec())
                        .collect(),
                })
                .filter(|part| !part.rows.is_empty())
                .collect();
            (name, own)
        })
        .collect()
}

fn markdown(parts: &[Part], title: &str, generated: &str, numbers: NumberStyle) -> String {
    let cell = |c: &Cell| match c {
        Cell::Text(t) => t.replace('|', "\\|"),
        Cell::Money(d) => euros(*d, numbers),
        Cell::Number(d) => quantity(*d, numbers),
        Cell::Empty => String::new(),
    };
    let mut out = format!("# {title}\n\n_{generated}_\n");
    for (name, parts) in per_convention(parts) {
        out.push_str(&format!("\n## {}\n", name.replace('|', "\\|")));
        for part in &parts {
            out.push_str(&format!("\n### {}\n\n", part.title));
            out.push_str(&format!("| {} |\n", part.header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(part.header.len())));
            for row in &part.rows {
                let cells: Vec<String> = row.iter().map(cell).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
    out
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#111}\
table{border-collapse:collapse;width:100%;margin-bottom:2em;font-size:.85em}\
th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top}\
th{background:#eee;text-align:left}td.n{text-align:right;white-space:nowrap}\
h2{page-break-before:always;margin-top:1.5em}h2:first-of-type{page-break-before:auto}\
@media print{body{margin:0}tr{page-break-inside:avoid}thead{display:table-header-group}}";

fn html(parts: &[Part], title: &str, generated: &str, lang: Lang) -> String {
    let numbers = lang.numbers();
    let lang = match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p><em>{}</em></p>\n",
        escape_html(title),
        escape_html(title),
        escape_html(generated)
    );
    for (name, parts) in per_convention(parts) {
        out.push_str(&format!("<h2>{}</h2>\n", escape_html(&name)));
        for part in &parts {
            out.push_str(&format!(
                "<h3>{}</h3>\n<table>\n<thead><tr>",
                escape_html(&part.title)
            ));
            for h in &part.header {
                out.push_str(&format!("<th>{}</th>", escape_html(h)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &part.rows {
                out.push_str("<tr>");
                for c in row {
                    match c {
                        Cell::Text(t) => out.push_str(&format!("<td>{}</td>", escape_html(t))),
                        Cell::Money(d) => {
                            out.push_str(&format!("<td class=\"n\">{}</td>", euros(*d, numbers)))
                        }
                        Cell::Number(d) => {
                            out.push_str(&format!("<td class=\"n\">{}</td>", quantity(*d, numbers)))
                        }
                        Cell::Empty => out.push_str("<td></td>"),
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// For French spreadsheets: `;` separators, UTF-8 with a byte-order mark (so accents read
/// right), decimal comma and no thousands separator (so figures read as numbers). The parts
/// follow each other, each under its title, separated by an empty line.
fn csv_fr(parts: &[Part]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_writer(Vec::new());
        writer.write_record([part.title.as_str()])?;
        writer.write_record(&part.header)?;
        for row in &part.rows {
            writer.write_record(row.iter().map(|c| match c {
                Cell::Text(t) => t.clone(),
                Cell::Money(d) | Cell::Number(d) => d.normalize().to_string().replace('.', ","),
                Cell::Empty => String::new(),
            }))?;
        }
        out.extend(writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    Ok(out)
}

/// A workbook with one sheet per part; figures are numeric cells in a French money format.
fn xlsx(parts: &[Part]) -> anyhow::Result<Vec<u8>> {
    use rust_decimal::prelude::ToPrimitive;
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    // Shown by a French spreadsheet as `1 207 650,75 €`: the separators follow the locale.
    let money = Format::new().set_num_format("#,##0.00 \"€\";-#,##0.00 \"€\"");
    let whole = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.0##");
    for part in parts {
        let sheet = workbook.add_worksheet();
        // Sheet names: at most 31 characters, some characters refused.
        let name: String = part
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(&name)?;
        for (col, h) in part.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, h, &bold)?;
            sheet.set_column_width(col as u16, 18)?;
        }
        for (r, row) in part.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, c) in row.iter().enumerate() {
                let col = col as u16;
                match c {
                    Cell::Text(t) => {
                        sheet.write_string(r, col, t)?;
                    }
                    // A spreadsheet cell holds a binary float: the exact decimal ends here,
                    // at the edge of the program, as it does in any spreadsheet.
                    Cell::Money(d) | Cell::Number(d) => match d.to_f64() {
                        Some(f) => {
                            let format = match c {
                                Cell::Money(_) => &money,
                                _ if d.normalize().scale() == 0 => &whole,
                                _ => &decimal,
                            };
                            sheet.write_number_with_format(r, col, f, format)?;
                        }
                        None => {
                            sheet.write_string(r, col, d.to_string())?;
                        }
                    },
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// Conventions checked between two progress reports.
const PROGRESS_CHUNK: usize = 32;

/// `revue report`: loads, checks, reads each review, renders, writes to `output` (atomically)
/// or to standard output.
pub(super) fn run(
    paths: &[PathBuf],
    format: ReportFormat,
    output: Option<&Path>,
    config: &rules::Config,
) -> anyhow::Result<u8> {
    let lang = config.lang;
    let s = strings::review(lang);
    let started = Instant::now();
    let report = storage::load_paths(paths);
    report_load_errors(&report, lang);
    let total = report.files.len();
    let show_progress = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut results = Vec::with_capacity(total);
    let mut reviews = Vec::with_capacity(total);
    let mut failed = false;
    // A chunk at a time (each spread over the cores), to tell how far it is.
    for (chunk, files) in report.files.chunks(PROGRESS_CHUNK).enumerate() {
        let conventions: Vec<&Convention> = files.iter().map(|f| &f.convention).collect();
        results.extend(rules::check_all(&conventions, config));
        for file in files {
            match storage::load_review(&file.path) {
                Ok(loaded) => reviews.push(loaded.review),
                Err(error) => {
                    complain!(lang, "{}", strings::review_load_error(lang, &error));
                    failed = true;
                    reviews.push(Review::default());
                }
            }
        }
        // Only when it takes more than a moment, and only on a terminal.
        if show_progress && started.elapsed() > Duration::from_millis(500) {
            let done = (chunk * PROGRESS_CHUNK + files.len()).min(total);
            eprint!("\r{}", (s.progress_report)(done, total));
            shown = true;
        }
    }
    let inputs: Vec<Input> = report
        .files
        .iter()
        .zip(&results)
        .zip(&reviews)
        .map(|((file, findings), review)| Input {
            path: file.path.clone(),
            convention: &file.convention,
            findings,
            review,
        })
        .collect();
    let bytes = render(&inputs, format, lang)?;
    if shown {
        eprintln!();
    }
    match output {
        Some(path) => {
            storage::write_through(path, &bytes)
                .map_err(|e| anyhow::anyhow!(storage::IoProblem::new(path, &e).describe(lang)))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
    }
    Ok(if !report.errors.is_empty() || failed {
        exit::UNREADABLE
    } else {
        exit::OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_it_quotes() {
        assert_eq!(
            escape_html("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
