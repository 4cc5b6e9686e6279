//! `revue report` (issue 15): every finding with its sources, disposition and note, the budget
//! summary and the fiches' review status, in Markdown, HTML, French CSV and XLSX.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use revue::model::{Disposition, FicheReview, FicheStatusReview, FindingReview, Review};
use revue::rules::{self, Config, Finding, figures_of};
use revue::storage::{self, SavePolicy};

const CD13: &str = "data/cd13-2019-rapport-execution.ron";
const CD77: &str = "data/cd77-2022-convention.ron";

fn revue(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(args)
        .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
        .output()
        .unwrap()
}

fn findings_of(path: &Path) -> Vec<Finding> {
    let convention = storage::load_file(path).unwrap().convention;
    rules::check_convention(&convention, &Config::default())
}

/// Two conventions in a directory, the first with a justified finding and fiche 3-2 à revoir.
fn reviewed_copy() -> (tempfile::TempDir, PathBuf, Finding) {
    let dir = tempfile::tempdir().unwrap();
    for file in [CD13, CD77] {
        std::fs::copy(file, dir.path().join(Path::new(file).file_name().unwrap())).unwrap();
    }
    let cd13 = dir.path().join("cd13-2019-rapport-execution.ron");
    let solde = findings_of(&cd13)
        .into_iter()
        .find(|f| f.rule.id() == "solde")
        .unwrap();
    let mut review = Review::default();
    review.findings.insert(
        solde.key.clone(),
        FindingReview {
            disposition: Disposition::Justifiee,
            note: "Solde recalculé après réattribution <vu>".into(),
            reviewer: "anne".into(),
            date: "2026-11-25".into(),
            figures: figures_of(&solde),
            ..Default::default()
        },
    );
    review.fiches.insert(
        "3-2".into(),
        FicheReview {
            status: FicheStatusReview::ARevoir,
            note: "Écart avec le tableau financier".into(),
            ..Default::default()
        },
    );
    storage::save_review(&cd13, &review, SavePolicy::default()).unwrap();
    (dir, cd13, solde)
}

fn report(dir: &Path, format: &str) -> Vec<u8> {
    let out = dir.join(format!("r.{format}"));
    let output = revue(&[
        "report",
        dir.to_str().unwrap(),
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(out).unwrap()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn html_holds_every_finding_its_disposition_and_the_fiche_status() {
    let (dir, cd13, _) = reviewed_copy();
    let html = String::from_utf8(report(dir.path(), "html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: no script, no external resource.
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    for path in [cd13.clone(), dir.path().join("cd77-2022-convention.ron")] {
        for finding in findings_of(&path) {
            let message = revue::text::sanitize_line(&finding.message).into_owned();
            assert!(html.contains(&escape_html(&message)), "{message}");
        }
    }
    assert!(html.contains("Solde recalculé après réattribution &lt;vu&gt;"));
    assert!(html.contains("justifiée"));
    assert!(html.contains("à revoir"));
    assert!(html.contains("Écart avec le tableau financier"));
    assert!(html.contains("l. 788–804"), "sources are given");
}

#[test]
fn markdown_holds_every_finding() {
    let (dir, cd13, _) = reviewed_copy();
    let md = String::from_utf8(report(dir.path(), "md")).unwrap();
    for finding in findings_of(&cd13) {
        let message = revue::text::sanitize_line(&finding.message).replace('|', "\\|");
        assert!(md.contains(&message), "{message}");
    }
    assert!(md.contains("| justifiée |"));
    // Standard output when no file is named.
    let output = revue(&["report", cd13.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("# Rapport de revue"));
}

#[test]
fn csv_is_for_french_spreadsheets() {
    let (dir, _, _) = reviewed_copy();
    let csv = report(dir.path(), "csv");
    assert!(
        csv.starts_with("\u{feff}".as_bytes()),
        "UTF-8 with a byte-order mark"
    );
    let text = String::from_utf8(csv).unwrap();
    let header = text
        .lines()
        .find(|l| l.starts_with("Convention;Sévérité;Règle"))
        .expect("the findings' header, separated by semicolons");
    assert!(header.contains(";Disposition;Note;"));
    // Decimal comma, no thousands separator: 9.8 × 27 × 4 = 1058,4.
    assert!(text.contains(";1058,4;"), "decimal comma");
    assert!(text.contains(";350000;"));
}

#[test]
fn xlsx_has_a_sheet_per_part_and_figures_as_numbers() {
    let (dir, _, solde) = reviewed_copy();
    let bytes = report(dir.path(), "xlsx");
    let path = dir.path().join("r.xlsx");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Identification",
            "Synthèse budgétaire",
            "Anomalies",
            "Relecture des fiches"
        ]
    );
    let findings = workbook.worksheet_range("Anomalies").unwrap();
    let header: Vec<String> = findings
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = findings
        .rows()
        .find(|r| r[column("Règle")] == Data::String("solde".into()))
        .unwrap();
    assert_eq!(row[column("Attendu")], Data::Float(0.0));
    assert_eq!(row[column("Déclaré")], Data::Float(350_000.0));
    assert_eq!(row[column("Disposition")], Data::String("justifiée".into()));
    assert!(row[column("Sources")].to_string().contains("788"));
    assert_eq!(solde.stated.as_deref(), Some("350000"));
    let budget = workbook.worksheet_range("Synthèse budgétaire").unwrap();
    let numbers = budget
        .rows()
        .skip(1)
        .flat_map(|r| r.iter())
        .filter(|c| matches!(c, Data::Float(_)))
        .count();
    assert!(numbers > 20, "budget figures are numbers ({numbers})");
    let fiches = workbook.worksheet_range("Relecture des fiches").unwrap();
    assert!(fiches.rows().any(|r| {
        r[1] == Data::String("3-2".into()) && r[3] == Data::String("à revoir".into())
    }));
}
