//! Issue 18: figures written in the user's language. French: `1 207 650,75`, `442 998 €`,
//! `12,5 %`; English: `1,207,650.75`, `€442,998`, `12.5%`.

use std::path::PathBuf;
use std::str::FromStr;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::{NumberStyle, Value, format_amount};
use revue::rules::Config;
use revue::storage;
use revue::strings::Lang;
use revue::ui::{self, Theme};
use rust_decimal::Decimal;

const NBSP: char = '\u{a0}';

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// French text with its no-break spaces written as `_`, to read the expectations.
fn french(text: &str) -> String {
    text.replace('_', &NBSP.to_string())
}

#[test]
fn integers_in_both_languages() {
    for (figure, fr, en) in [
        ("0", "0", "0"),
        ("7", "7", "7"),
        ("999", "999", "999"),
        ("1000", "1_000", "1,000"),
        ("442998", "442_998", "442,998"),
    ] {
        assert_eq!(format_amount(dec(figure), NumberStyle::French), french(fr));
        assert_eq!(format_amount(dec(figure), NumberStyle::English), en);
    }
}

#[test]
fn decimals_keep_their_scale_in_both_languages() {
    for (figure, fr, en) in [
        ("0.5", "0,5", "0.5"),
        ("9.8", "9,8", "9.8"),
        ("156111.20", "156_111,20", "156,111.20"),
        ("1207650.75", "1_207_650,75", "1,207,650.75"),
    ] {
        assert_eq!(format_amount(dec(figure), NumberStyle::French), french(fr));
        assert_eq!(format_amount(dec(figure), NumberStyle::English), en);
    }
}

#[test]
fn negatives_in_both_languages() {
    for (figure, fr, en) in [
        ("-12.5", "-12,5", "-12.5"),
        ("-1000", "-1_000", "-1,000"),
        ("-350000.40", "-350_000,40", "-350,000.40"),
    ] {
        assert_eq!(format_amount(dec(figure), NumberStyle::French), french(fr));
        assert_eq!(format_amount(dec(figure), NumberStyle::English), en);
    }
    assert_eq!(NumberStyle::French.euros(dec("-1000")), french("-1_000 €"));
    assert_eq!(NumberStyle::English.euros(dec("-1000")), "-€1,000");
}

#[test]
fn large_numbers_in_both_languages() {
    assert_eq!(
        format_amount(Decimal::MAX, NumberStyle::English),
        "79,228,162,514,264,337,593,543,950,335"
    );
    assert_eq!(
        format_amount(Decimal::MAX, NumberStyle::French),
        french("79_228_162_514_264_337_593_543_950_335")
    );
    assert_eq!(
        format_amount(dec("1234567890.12"), NumberStyle::English),
        "1,234,567,890.12"
    );
}

#[test]
fn percentages_in_both_languages() {
    assert_eq!(NumberStyle::French.percent(dec("12.5")), french("12,5 %"));
    assert_eq!(NumberStyle::English.percent(dec("12.5")), "12.5%");
    assert_eq!(NumberStyle::English.percent(dec("100")), "100%");
    assert_eq!(
        Value::Percent(dec("60")).display(NumberStyle::English),
        "60%"
    );
    assert_eq!(Value::Percent(dec("60")).display_fr(), "60 %");
}

#[test]
fn euros_in_both_languages() {
    let french_euros = NumberStyle::French.euros(dec("442998"));
    assert_eq!(french_euros, french("442_998 €"));
    assert_eq!(
        NumberStyle::French.euros_unbroken(dec("1207650.75")),
        french("1_207_650,75_€")
    );
    assert_eq!(NumberStyle::English.euros(dec("442998")), "€442,998");
    assert_eq!(
        NumberStyle::English.euros_unbroken(dec("1207650.75")),
        "€1,207,650.75"
    );
    assert_eq!(
        Value::Amount(dec("1207650.75")).display(NumberStyle::English),
        "€1,207,650.75"
    );
    assert_eq!(
        Value::Amount(dec("442998")).display_fr(),
        french("442_998 €")
    );
}

#[test]
fn each_language_has_its_style() {
    assert_eq!(Lang::Fr.numbers(), NumberStyle::French);
    assert_eq!(Lang::En.numbers(), NumberStyle::English);
}

fn app_in(lang: Lang, width: u16, height: u16) -> App {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/cd77-2022-convention.ron");
    let rules = Config {
        current_year: 2026,
        lang,
        ..Config::default()
    };
    let mut app = App::new(storage::load_paths(&[data]), Keymap::default(), lang, rules);
    app.resize(width, height);
    app
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().to_string().replace(NBSP, " ")
}

/// Figures written the French way in `text`: a group of three digits after a space
/// (`279 155`) or a decimal comma before one or two digits (`650,75`).
fn french_figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut found = Vec::new();
    for i in 1..chars.len() {
        let grouped =
            chars[i] == ' ' && digit(i - 1) && (1..=3).all(|k| digit(i + k)) && !digit(i + 4);
        let decimal_comma =
            chars[i] == ',' && digit(i - 1) && digit(i + 1) && (!digit(i + 2) || !digit(i + 3));
        if grouped || decimal_comma {
            let start = i.saturating_sub(8);
            found.push(chars[start..(i + 5).min(chars.len())].iter().collect());
        }
    }
    found
}

/// English figures: thousands grouped by commas, the decimal point (`1,207,650.75`).
fn has_english_decimal_figure(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .any(|word| {
            let Some((integer, cents)) = word.split_once('.') else {
                return false;
            };
            integer.contains(',')
                && cents.len() == 2
                && integer.split(',').skip(1).all(|group| group.len() == 3)
        })
}

#[test]
fn the_budgets_tab_in_english_writes_english_figures() {
    let mut app = app_in(Lang::En, 120, 35);
    app.update(Action::GoTo(Tab::Budgets));
    let grid = app.grid(Tab::Budgets);
    for row in &grid.rows {
        for cell in row.cells.iter().filter(|c| c.is_figure()) {
            assert!(
                french_figures(&cell.text).is_empty(),
                "a French figure in English: {:?}",
                cell.text
            );
        }
    }
    let shown = screen(&app);
    assert!(has_english_decimal_figure(&shown), "{shown}");
    assert!(
        french_figures(&shown).is_empty(),
        "{:?}\n{shown}",
        french_figures(&shown)
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn the_budgets_tab_in_french_keeps_french_figures() {
    let mut app = app_in(Lang::Fr, 120, 35);
    app.update(Action::GoTo(Tab::Budgets));
    let shown = screen(&app);
    assert!(!french_figures(&shown).is_empty(), "{shown}");
    assert!(!has_english_decimal_figure(&shown), "{shown}");
}

#[test]
fn the_anomalies_in_english_write_english_figures() {
    let app = app_in(Lang::En, 120, 35);
    for document in &app.documents {
        for finding in &document.findings {
            assert!(
                french_figures(&finding.message).is_empty(),
                "{}: {:?}",
                finding.message,
                french_figures(&finding.message)
            );
            assert!(!finding.message.contains(" %"), "{}", finding.message);
        }
    }
}

// The English leftovers: the system's errors and the spreadsheet reader's, typed.

use revue::problem::IoProblemKind;
use std::io::ErrorKind;

/// Every kind of error a file operation can meet, with the system's English text absent from
/// both languages' message.
#[test]
fn every_system_error_kind_is_said_in_both_languages() {
    let kinds = [
        ErrorKind::NotFound,
        ErrorKind::PermissionDenied,
        ErrorKind::ConnectionRefused,
        ErrorKind::ConnectionReset,
        ErrorKind::HostUnreachable,
        ErrorKind::NetworkUnreachable,
        ErrorKind::ConnectionAborted,
        ErrorKind::NotConnected,
        ErrorKind::AddrInUse,
        ErrorKind::AddrNotAvailable,
        ErrorKind::NetworkDown,
        ErrorKind::BrokenPipe,
        ErrorKind::AlreadyExists,
        ErrorKind::WouldBlock,
        ErrorKind::NotADirectory,
        ErrorKind::IsADirectory,
        ErrorKind::DirectoryNotEmpty,
        ErrorKind::ReadOnlyFilesystem,
        ErrorKind::StaleNetworkFileHandle,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidData,
        ErrorKind::TimedOut,
        ErrorKind::WriteZero,
        ErrorKind::StorageFull,
        ErrorKind::NotSeekable,
        ErrorKind::QuotaExceeded,
        ErrorKind::FileTooLarge,
        ErrorKind::ResourceBusy,
        ErrorKind::ExecutableFileBusy,
        ErrorKind::Deadlock,
        ErrorKind::CrossesDevices,
        ErrorKind::TooManyLinks,
        ErrorKind::InvalidFilename,
        ErrorKind::ArgumentListTooLong,
        ErrorKind::Interrupted,
        ErrorKind::Unsupported,
        ErrorKind::UnexpectedEof,
        ErrorKind::OutOfMemory,
    ];
    for kind in kinds {
        let error = std::io::Error::from(kind);
        let typed = IoProblemKind::from_io(&error);
        assert!(
            !matches!(typed, IoProblemKind::Other(_)),
            "{kind:?} is not typed"
        );
        let system = error.to_string();
        let french = revue::strings::io_problem_kind(Lang::Fr, &typed);
        let english = revue::strings::io_problem_kind(Lang::En, &typed);
        assert!(!french.is_empty() && !english.is_empty(), "{kind:?}");
        assert_ne!(french, english, "{kind:?}");
        assert!(!french.contains(&system), "{kind:?}: {french}");
    }
}

#[cfg(unix)]
#[test]
fn an_input_output_error_is_said_in_french_without_the_systems_text() {
    let error = std::io::Error::from_raw_os_error(5); // EIO
    let typed = IoProblemKind::from_io(&error);
    assert_eq!(typed, IoProblemKind::DeviceError);
    let french = revue::strings::io_problem_kind(Lang::Fr, &typed);
    assert!(french.contains("périphérique"), "{french}");
    assert!(!french.contains("Input/output"), "{french}");
}

#[test]
fn only_an_unknown_error_keeps_the_systems_text_as_a_detail() {
    let typed = IoProblemKind::from_io(&std::io::Error::other("strange"));
    let french = revue::strings::io_problem_kind(Lang::Fr, &typed);
    assert_eq!(french, "erreur d'entrée-sortie (strange)");
}

#[test]
fn the_english_summary_says_department() {
    let english = revue::strings::cli(Lang::En);
    assert_eq!(english.planned_departement, "Planned Department");
}

fn import_table(table: &std::path::Path, lang: &str) -> String {
    let dir = table.parent().unwrap();
    let convention = dir.join("c.ron");
    if convention.exists() {
        return run_import(table, &convention, lang);
    }
    let created = std::process::Command::new(env!("CARGO_BIN_EXE_revue"))
        .args([
            "new",
            "--territory",
            "Essai",
            "--code",
            "99",
            "--period",
            "2019",
            convention.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(created.status.success(), "{created:?}");
    run_import(table, &convention, lang)
}

fn run_import(table: &std::path::Path, convention: &std::path::Path, lang: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_revue"))
        .args([
            "import-table",
            table.to_str().unwrap(),
            "--into",
            convention.to_str().unwrap(),
            "--lang",
            lang,
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_spreadsheet_that_is_not_one_is_said_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("tableau.xlsx");
    std::fs::write(&table, "pas un classeur").unwrap();
    let french = import_table(&table, "fr");
    assert!(french.contains("ce n'est pas un classeur"), "{french}");
    assert!(!french.contains("Cannot detect"), "{french}");
    let english = import_table(&table, "en");
    assert!(english.contains("not a readable xlsx"), "{english}");
}

#[test]
fn a_file_size_has_the_languages_decimal_mark() {
    use revue::problem::{LoadError, LoadErrorKind};
    let error = LoadError {
        path: PathBuf::from("grand.ron"),
        kind: LoadErrorKind::TooLarge {
            size: 100 << 20,
            limit: 50 << 20,
        },
    };
    let french = revue::strings::load_error(Lang::Fr, &error);
    assert!(french.contains("100,0 Mio"), "{french}");
    let english = revue::strings::load_error(Lang::En, &error);
    assert!(english.contains("100.0 MiB"), "{english}");
}

fn revue(args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).replace(NBSP, " ")
}

#[test]
fn summary_and_report_write_the_languages_figures() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cd77-2022-convention.ron");
    let summary = revue(&["summary", "--lang", "en", file]);
    assert!(summary.contains("€7,063,224.45"), "{summary}");
    assert!(french_figures(&summary).is_empty(), "{summary}");
    let french_summary = revue(&["summary", "--lang", "fr", file]);
    assert!(
        french_summary.contains("7 063 224,45 €"),
        "{french_summary}"
    );
    let report = revue(&["report", "--lang", "en", file]);
    assert!(report.contains("| €415,000 |"), "{report}");
    let french_report = revue(&["report", "--lang", "fr", file]);
    assert!(french_report.contains("| 415 000 € |"), "{french_report}");
    // The spreadsheet format keeps its figure cells as numbers whatever the language.
    let csv = revue(&["report", "--format", "csv", "--lang", "en", file]);
    assert!(csv.contains(";415000;415000;0;"), "{csv}");
}
