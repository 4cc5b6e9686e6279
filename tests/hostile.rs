//! Hostile files: truncated, wrong types, duplicate ids, deep nesting, a 50 MB string, invalid
//! UTF-8, escape sequences in every text field, thirty-digit, the largest and negative
//! amounts, dates to come. Each gives a clear message or a finding; none panics or hangs;
//! nothing they hold reaches the terminal, in the app or in `revue check`.
//!
//! The small files are in `tests/hostile/`; the big ones are made here, in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::Convention;
use revue::rules::{Config, Rule, check_convention};
use revue::storage::{self, LoadErrorKind, LoadReport};
use revue::strings::Lang;
use revue::ui::{self, Theme};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile");
const LARGEST: &str = "79228162514264337593543950335";
const SMALLEST: &str = "0.0000000000000000000000000001";

fn hostile(name: &str) -> PathBuf {
    Path::new(HOSTILE).join(name)
}

fn config() -> Config {
    Config {
        current_year: 2026,
        ..Config::default()
    }
}

/// Runs `work` on its own thread and fails when it takes longer than `limit`: a hang is
/// reported as one instead of stalling the test run.
fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// What a hostile file must give.
enum Expect {
    /// An error whose message holds these words.
    Message(&'static [&'static str]),
    /// It loads, and this rule finds something whose message holds these words.
    Finding(Rule, &'static str),
    /// It loads (its findings are the usual ones).
    Loads,
}

const EXPECTED: &[(&str, Expect)] = &[
    ("every-field.ron", Expect::Loads),
    ("byte-order-mark.ron", Expect::Loads),
    ("crlf.ron", Expect::Loads),
    (
        "control-characters.ron",
        Expect::Finding(Rule::Sum, "Recettes"),
    ),
    (
        "truncated.ron",
        Expect::Message(&["truncated.ron:36:41:", "guillemet final"]),
    ),
    (
        "truncated-utf8.ron",
        Expect::Message(&["texte non UTF-8 (octet 203)"]),
    ),
    (
        "invalid-utf8.ron",
        Expect::Message(&["texte non UTF-8 (octet 1147)"]),
    ),
    (
        "empty.ron",
        Expect::Message(&["empty.ron:1:1:", "le fichier est vide"]),
    ),
    (
        "wrong-type-version.ron",
        Expect::Message(&[":3:13:", "nombre entier"]),
    ),
    (
        "wrong-type-amount.ron",
        Expect::Message(&[":47:", "entre guillemets"]),
    ),
    (
        "wrong-type-list.ron",
        Expect::Message(&[":9:13:", "liste entre crochets"]),
    ),
    (
        "wrong-type-id.ron",
        Expect::Message(&[":104:", "texte entre guillemets"]),
    ),
    (
        "unknown-variant.ron",
        Expect::Message(&[":5:11:", "« Rapport »", "RapportExecution"]),
    ),
    (
        "missing-field.ron",
        Expect::Message(&["il manque le champ", "« territory »"]),
    ),
    (
        "unknown-field.ron",
        Expect::Message(&[":8:5:", "« periode »"]),
    ),
    (
        "deeply-nested.ron",
        Expect::Message(&["deeply-nested.ron:6:"]),
    ),
    (
        "thirty-digit-amount.ron",
        Expect::Message(&[":52:", "123456789012345678901234567890"]),
    ),
    (
        "largest-amounts.ron",
        Expect::Finding(Rule::Sum, "79 228 162 514 264 337 593 543 950 335"),
    ),
    (
        "negative-amounts.ron",
        Expect::Finding(Rule::Consistency, "-150 000 €"),
    ),
    (
        "duplicate-fiche-ids.ron",
        Expect::Finding(Rule::Consistency, "1.1"),
    ),
    (
        "dates-to-come.ron",
        Expect::Finding(Rule::Consistency, "2099"),
    ),
];

fn check_expectation(path: &Path, expect: &Expect) {
    let shown = path.display().to_string();
    let loaded = within(Duration::from_secs(30), &shown, {
        let path = path.to_path_buf();
        move || storage::load_file(&path)
    });
    match (expect, loaded) {
        (Expect::Message(words), Err(error)) => {
            let message = error.to_string();
            assert!(message.starts_with(&shown), "{message}");
            assert!(message.chars().count() < 600, "too long: {message}");
            assert!(!message.contains('\n'), "{message}");
            for word in *words {
                assert!(
                    message.contains(word),
                    "{shown}: {word:?} not in {message:?}"
                );
            }
        }
        (Expect::Finding(rule, words), Ok(file)) => {
            let findings = check_convention(&file.convention, &config());
            let found = findings
                .iter()
                .filter(|f| f.rule == *rule)
                .find(|f| f.message.replace('\u{a0}', " ").contains(words));
            assert!(
                found.is_some(),
                "{shown}: no {rule:?} finding saying {words:?} in {findings:#?}"
            );
        }
        (Expect::Loads, Ok(file)) => {
            check_convention(&file.convention, &config());
        }
        (_, Err(error)) => panic!("{shown} should load: {error}"),
        (Expect::Message(_), Ok(_)) => panic!("{shown} should be refused"),
    }
}

#[test]
fn every_hostile_file_gives_a_clear_message_or_a_finding() {
    let mut names: Vec<String> = std::fs::read_dir(HOSTILE)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let expect = EXPECTED
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("tests/hostile/{name} has no expectation in EXPECTED"));
        check_expectation(&hostile(name), expect);
    }
    assert_eq!(
        names.len(),
        EXPECTED.len(),
        "an expectation without its file"
    );
}

#[test]
fn dates_to_come_and_negative_amounts_are_all_named() {
    let findings = |name| {
        let file = storage::load_file(&hostile(name)).unwrap();
        check_convention(&file.convention, &config())
            .into_iter()
            .filter(|f| f.rule == Rule::Consistency)
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    let dates = findings("dates-to-come.ron");
    assert_eq!(dates.len(), 4, "{dates:#?}");
    assert!(
        dates.iter().any(|m| m.contains("2099 à 2019")),
        "{dates:#?}"
    );
    assert!(dates.iter().any(|m| m.contains("2098")), "{dates:#?}");
    let negative = findings("negative-amounts.ron");
    assert_eq!(negative.len(), 3, "{negative:#?}");
}

/// Every string of the model, as JSON leaves: a decimal, a variant name, or a text.
fn strings_of(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_of(v, out)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| strings_of(v, out)),
        _ => {}
    }
}

#[test]
fn every_text_field_of_the_control_character_file_carries_escapes() {
    let file = storage::load_file(&hostile("control-characters.ron")).unwrap();
    let mut strings = Vec::new();
    strings_of(
        &serde_json::to_value(&file.convention).unwrap(),
        &mut strings,
    );
    let texts: Vec<&String> = strings
        .iter()
        .filter(|s| s.parse::<rust_decimal::Decimal>().is_err())
        .filter(|s| !s.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    assert!(texts.len() > 100, "{}", texts.len());
    for text in texts {
        for sequence in [
            "\u{1b}[31m",
            "\u{1b}]0;pwned\u{7}",
            "\r",
            "\u{0}",
            "\u{9b}",
            "\u{202e}",
        ] {
            assert!(text.contains(sequence), "{text:?} lacks {sequence:?}");
        }
    }
    // And they survive a save: the canonical text keeps them, raw.
    let saved = storage::to_ron_string(&file.convention);
    assert_eq!(storage::from_ron_str(&saved).unwrap(), file.convention);
}

/// Replaces every figure of a RON text (amounts, numbers, percentages, durations and claim
/// operands) with `figure`.
fn with_every_figure(text: &str, figure: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let starts = ["Amount(\"", "Number(\"", "Percent(\"", "Duration(\""];
    while let Some((at, start)) = starts
        .iter()
        .filter_map(|s| rest.find(s).map(|at| (at, *s)))
        .min()
    {
        out.push_str(&rest[..at + start.len()]);
        rest = &rest[at + start.len()..];
        let end = rest.find('"').unwrap();
        out.push_str(figure);
        rest = &rest[end..];
    }
    out.push_str(rest);
    let mut with_operands = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("operands: [") {
        with_operands.push_str(&rest[..at + "operands: [".len()]);
        rest = &rest[at + "operands: [".len()..];
        let end = rest.find(']').unwrap();
        let count = rest[..end].matches('"').count() / 2;
        with_operands.push_str(&vec![format!("\"{figure}\""); count].join(", "));
        rest = &rest[end..];
    }
    with_operands.push_str(rest);
    with_operands
}

fn data_and_hostile_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["data", "tests/fixtures", "tests/hostile"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap() {
            if let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) {
                texts.push(text);
            }
        }
    }
    texts
}

/// Sums, differences, products and percentages of the largest and smallest decimals: the
/// rules, the summary and the app's subtotals compute what they can and never overflow.
#[test]
fn the_largest_decimals_never_overflow() {
    let mut conventions = Vec::new();
    for text in data_and_hostile_texts() {
        for figure in [LARGEST, &format!("-{LARGEST}"), SMALLEST] {
            if let Ok(convention) = storage::from_ron_str(&with_every_figure(&text, figure)) {
                conventions.push(convention);
            }
        }
    }
    assert!(conventions.len() >= 12, "{}", conventions.len());
    within(
        Duration::from_secs(120),
        "every rule, summary and tab",
        move || {
            for convention in conventions {
                check_convention(&convention, &config());
                revue::cli::summarise(Path::new("x.ron"), &convention, Lang::Fr);
                let mut app = app_on(vec![convention], Vec::new());
                every_screen(&mut app);
            }
        },
    );
}

fn app_on(conventions: Vec<Convention>, errors: Vec<storage::LoadError>) -> App {
    let report = LoadReport {
        files: conventions
            .into_iter()
            .enumerate()
            .map(|(i, convention)| storage::LoadedFile {
                path: PathBuf::from(format!("hostile-{i}.ron")),
                convention,
                hash: 0,
                fingerprint: None,
            })
            .collect(),
        errors,
    };
    let mut app = App::new(report, Keymap::default(), Lang::Fr, config());
    app.resize(100, 30);
    app
}

fn draw(app: &App, what: &str) {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(is_unsafe),
            "control character drawn ({what}, {:?}): {:?}",
            app.tab,
            cell.symbol()
        );
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::from(code));
}

/// Every tab of every convention, moving around, with the overlays: help, picker (which
/// lists the files that could not be read), search palette, editor.
fn every_screen(app: &mut App) {
    for document in 0..app.documents.len() {
        app.show_convention(document);
        for tab in Tab::ALL {
            app.update(Action::GoTo(tab));
            draw(app, "tab");
            for action in [
                Action::Down,
                Action::Right,
                Action::Down,
                Action::DetailDown,
                Action::End,
                Action::Left,
                Action::CycleSort,
            ] {
                app.update(action);
                draw(app, "moving");
            }
            app.update(Action::Enter);
            draw(app, "enter");
            app.update(Action::Back);
            app.update(Action::Edit);
            draw(app, "editor");
            // Every field of the editor, typed into.
            let fields = app.editor.as_ref().map_or(0, |e| e.fields.len());
            for _ in 0..fields {
                key(app, KeyCode::Enter);
                draw(app, "editing a field");
                key(app, KeyCode::Esc);
                key(app, KeyCode::Down);
            }
            if fields > 0 {
                key(app, KeyCode::Esc);
            }
        }
    }
    app.update(Action::Help);
    draw(app, "help");
    app.update(Action::Back);
    app.update(Action::PickConvention);
    draw(app, "picker");
    key(app, KeyCode::Esc);
    app.update(Action::Search);
    for c in "e 1".chars() {
        key(app, KeyCode::Char(c));
        draw(app, "search");
    }
    key(app, KeyCode::Esc);
}

#[test]
fn no_control_character_reaches_the_screen_from_hostile_files() {
    let report = storage::load_paths(&[PathBuf::from(HOSTILE)]);
    assert!(report.files.len() >= 8, "{}", report.files.len());
    assert!(report.errors.len() >= 10, "{}", report.errors.len());
    let mut app = App::new(report, Keymap::default(), Lang::Fr, config());
    app.resize(100, 30);
    within(
        Duration::from_secs(120),
        "drawing every screen",
        move || {
            every_screen(&mut app);
            app.resize(40, 12);
            every_screen(&mut app);
        },
    );
}

/// An error message that quotes the hostile text: sanitised on the picker's list of
/// unreadable files too.
#[test]
fn an_error_quoting_escape_sequences_is_drawn_clean() {
    let text = std::fs::read_to_string(hostile("every-field.ron"))
        .unwrap()
        .replace(
            "Amount(\"150000\")",
            "Amount(\"\u{1b}]0;pwned\u{7}\u{1b}[2J\")",
        );
    let error = storage::from_ron_str(&text).unwrap_err();
    let LoadErrorKind::Syntax { message, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        message.contains("pwned"),
        "the message quotes the text: {message:?}"
    );
    let mut app = app_on(
        Vec::new(),
        vec![storage::LoadError {
            path: PathBuf::from("\u{1b}[31mnom.ron"),
            kind: error,
        }],
    );
    draw(&app, "no convention, one error");
    app.update(Action::PickConvention);
    draw(&app, "picker");
}

fn revue(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_revue"));
    command.args(args).env_remove("REVUE_MAX_FILE_SIZE");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// Output for a terminal: lines, nothing else. (CSV ends its records with CRLF.)
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let text = text.replace("\r\n", "\n");
    if let Some(c) = text.chars().find(|c| *c != '\n' && is_unsafe(*c)) {
        panic!("{what}: {c:?} in the output:\n{text}");
    }
}

#[test]
fn check_and_summary_print_no_control_character() {
    let dir = tempfile::tempdir().unwrap();
    // A file name is text from outside too.
    let named = dir.path().join("\u{1b}]0;pwned\u{7}\u{1b}[2J.ron");
    std::fs::copy(hostile("control-characters.ron"), &named).unwrap();
    let broken = dir.path().join("\u{1b}[31mbroken.ron");
    std::fs::write(
        &broken,
        std::fs::read_to_string(hostile("every-field.ron"))
            .unwrap()
            .replace("Amount(\"150000\")", "Amount(\"\u{1b}[2J\")"),
    )
    .unwrap();
    let paths = [HOSTILE, dir.path().to_str().unwrap()];
    for format in ["text", "json", "csv"] {
        for lang in ["fr", "en"] {
            let output = revue(
                &[
                    "check", paths[0], paths[1], "--format", format, "--lang", lang,
                ],
                &[],
            );
            assert_eq!(output.status.code(), Some(2), "unreadable files: exit 2");
            assert!(output.stdout.len() > 1000, "{format}: findings are listed");
            assert_clean(&output.stdout, &format!("check --format {format} (stdout)"));
            assert_clean(&output.stderr, &format!("check --format {format} (stderr)"));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("broken.ron"), "{stderr}");
            assert!(
                stderr.lines().count() >= 14,
                "one line per unreadable file:\n{stderr}"
            );
            if format == "json" {
                let records: Vec<serde_json::Value> =
                    serde_json::from_slice(&output.stdout).unwrap();
                let mut strings = Vec::new();
                strings_of(&serde_json::Value::Array(records), &mut strings);
                assert!(strings.iter().all(|s| !s.chars().any(is_unsafe)));
            }
            if format == "csv" {
                let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
                for record in reader.records() {
                    assert!(record.unwrap().iter().all(|f| !f.chars().any(is_unsafe)));
                }
            }
        }
        let output = revue(&["summary", paths[0], paths[1], "--format", format], &[]);
        assert_eq!(output.status.code(), Some(2));
        assert_clean(
            &output.stdout,
            &format!("summary --format {format} (stdout)"),
        );
        assert_clean(
            &output.stderr,
            &format!("summary --format {format} (stderr)"),
        );
    }
}

#[test]
fn the_size_guard_refuses_with_a_message_naming_the_ways_to_raise_it() {
    let file = hostile("every-field.ron");
    let path = file.to_str().unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    for (args, env, expected) in [
        (
            vec!["check", "--max-file-size", "4K", path],
            vec![],
            // French typography (issue 18): a no-break space before the colon.
            format!(
                "trop grand pour être ouvert\u{a0}: {size} octets, pour une limite de 4096 octets"
            ),
        ),
        (
            vec!["check", "--lang", "en", path],
            vec![("REVUE_MAX_FILE_SIZE", "4096")],
            format!("too large to open: {size} bytes, where the limit is 4096 bytes"),
        ),
        (
            vec!["summary", path, "--max-file-size", "4k"],
            vec![],
            format!("trop grand pour être ouvert\u{a0}: {size} octets"),
        ),
    ] {
        let output = revue(&args, &env);
        assert_eq!(output.status.code(), Some(2), "{args:?} {env:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&expected), "{stderr}");
        assert!(stderr.contains("--max-file-size") && stderr.contains("REVUE_MAX_FILE_SIZE"));
    }
    // The option wins over the variable; a limit above the size lets the file in.
    let output = revue(
        &["check", path, "--max-file-size", "1M"],
        &[("REVUE_MAX_FILE_SIZE", "1K")],
    );
    assert_eq!(output.status.code(), Some(1), "findings, no load error");
    // A variable that is not a size is said so, not ignored.
    let output = revue(&["check", path], &[("REVUE_MAX_FILE_SIZE", "beaucoup")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        // In the user's language (issue 18; it was English inside French).
        stderr.contains("REVUE_MAX_FILE_SIZE: « beaucoup » n'est pas une taille"),
        "{stderr}"
    );
    let output = revue(&["check", path, "--max-file-size", "0"], &[]);
    assert_eq!(output.status.code(), Some(2));
    // The library's own guard.
    let error = storage::load_file_with_limit(&file, 100).unwrap_err();
    assert_eq!(error.kind, LoadErrorKind::TooLarge { size, limit: 100 });
    assert_eq!(storage::parse_size("64M"), Ok(64 << 20));
    assert_eq!(storage::parse_size("512 KiB"), Ok(512 << 10));
    assert!(storage::parse_size("1T").is_err());
    assert!(storage::parse_size("99999999999G").is_err());
}

/// A device that never ends is not read at all: only regular files are (issue 13, item 9).
#[test]
fn an_endless_device_is_refused_at_once() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        return;
    }
    let error = within(Duration::from_secs(10), "/dev/zero", || {
        storage::load_file_with_limit(Path::new("/dev/zero"), 1 << 20).unwrap_err()
    });
    assert!(
        matches!(
            error.kind,
            LoadErrorKind::Io(storage::IoProblemKind::NotRegular(_))
        ),
        "{error}"
    );
    assert!(error.to_string().starts_with("/dev/zero: "), "{error}");
}

/// The big hostile files, made here: a 50 MB string, a million nested brackets, a megabyte
/// quoted in an error message.
#[test]
fn fifty_megabytes_and_a_million_brackets_neither_panic_nor_hang() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(hostile("every-field.ron")).unwrap();
    let fifty = 50 * 1024 * 1024;
    let chunk = "École \u{1b}[31m ";
    let big: String = chunk.repeat(fifty / chunk.len() + 1);
    let string_file = dir.path().join("fifty-megabytes.ron");
    std::fs::write(
        &string_file,
        base.replace("Accompagner les sorties de l'ASE", &big),
    )
    .unwrap();
    drop(big);
    let nested_file = dir.path().join("nested.ron");
    std::fs::write(
        &nested_file,
        format!(
            "(version: 1, title: \"x\", parties: {}{}",
            "[".repeat(1_000_000),
            "/*".repeat(1_000_000)
        ),
    )
    .unwrap();
    let quoted_file = dir.path().join("quoted.ron");
    std::fs::write(
        &quoted_file,
        base.replace(
            "Amount(\"150000\")",
            &format!("Amount(\"{}\")", "9".repeat(1 << 20)),
        ),
    )
    .unwrap();

    // Refused with a clear message under a lower limit, at once.
    let path = string_file.to_str().unwrap();
    let output = revue(&["check", "--max-file-size", "10M", path], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("trop grand pour être ouvert"));

    // Under the default limit: read, checked, searched and drawn in bounded time.
    within(Duration::from_secs(180), "a 50 MB string", move || {
        let file = storage::load_file(&string_file).unwrap();
        let findings = check_convention(&file.convention, &config());
        assert!(!findings.is_empty());
        let mut app = app_on(vec![file.convention], Vec::new());
        every_screen(&mut app);
    });
    for (file, words) in [(nested_file, "attendu"), (quoted_file, "…")] {
        let shown = file.display().to_string();
        let error = within(Duration::from_secs(30), &shown, move || {
            storage::load_file(&file).unwrap_err()
        });
        let message = error.to_string();
        assert!(message.contains(words), "{message}");
        assert!(message.chars().count() < 600, "{message}");
    }
}
