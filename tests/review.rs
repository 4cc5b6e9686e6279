//! The review (issue 15): stable finding keys, the review file's round trip and safety, the
//! app's dispositions and statuses kept apart from the transcription, `check --open-only`,
//! sources on findings, and the whole thing end to end in a pseudo-terminal.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::{Convention, Disposition, FicheStatusReview, FindingReview, Review, Standing};
use revue::rules::{self, Config, figures_of};
use revue::storage::{self, SaveOutcome, SavePolicy};
use revue::strings::Lang;

const MINI: &str = "tests/fixtures/mini.ron";
const CD13: &str = "data/cd13-2019-rapport-execution.ron";
const CD77: &str = "data/cd77-2022-convention.ron";

fn config() -> Config {
    Config {
        current_year: 2026,
        ..Config::default()
    }
}

fn load(path: &str) -> Convention {
    storage::load_file(Path::new(path)).unwrap().convention
}

/// Every finding's key with the figures it compares.
fn keyed(convention: &Convention) -> BTreeSet<(String, String)> {
    rules::check_convention(convention, &config())
        .iter()
        .map(|f| (f.key.clone(), figures_of(f)))
        .collect()
}

#[test]
fn keys_are_unique_and_name_places_not_positions() {
    for path in [MINI, CD13, CD77] {
        let findings = rules::check_convention(&load(path), &config());
        let keys: BTreeSet<&str> = findings.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys.len(), findings.len(), "{path}: keys repeat");
    }
    let mini = rules::check_convention(&load(MINI), &config());
    let solde = mini.iter().find(|f| f.rule.id() == "solde").unwrap();
    assert_eq!(solde.key, "solde@fiche:3.2/budget:Remaining");
}

#[test]
fn findings_carry_the_source_lines_of_their_figures() {
    let findings = rules::check_convention(&load(CD13), &config());
    let solde = findings
        .iter()
        .find(|f| f.rule.id() == "solde" && f.fiche() == Some("3-2"))
        .unwrap();
    assert!(
        solde.sources.iter().any(|s| s.lines == Some((788, 804))),
        "{:?}",
        solde.sources
    );
    // A table row about a fiche: the table's lines and the fiche's budget.
    let same = findings
        .iter()
        .find(|f| f.rule.id() == "meme-montant" && f.fiche() == Some("3-2"))
        .unwrap();
    assert!(same.sources.len() >= 2, "{:?}", same.sources);
    let with_lines = findings.iter().filter(|f| !f.sources.is_empty()).count();
    assert!(
        with_lines * 10 >= findings.len() * 9,
        "most findings have sources"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Re-ordering axes, fiches, statements and claims, and editing the words of a fiche,
    /// leaves every finding's key (and the figures it compares) as it was.
    #[test]
    fn keys_survive_reordering_and_unrelated_edits(
        seed in any::<u64>(),
        which in 0usize..3,
        words in "[a-z ]{0,20}",
    ) {
        let path = [MINI, CD13, CD77][which];
        let original = load(path);
        let before = keyed(&original);
        let mut edited = original.clone();
        let mut state = seed;
        let mut next = move |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % n.max(1)
        };
        fn shuffle<T>(items: &mut [T], next: &mut dyn FnMut(usize) -> usize) {
            for i in (1..items.len()).rev() {
                items.swap(i, next(i + 1));
            }
        }
        shuffle(&mut edited.axes, &mut next);
        for axe in &mut edited.axes {
            shuffle(&mut axe.fiches, &mut next);
        }
        // Statements of one figure are compared with the first of them: their relative order
        // is the document's, which a re-ordering of the others leaves alone.
        let group = |s: &revue::model::Statement| format!("{:?}{:?}{:?}", s.scope, s.field, s.about);
        let mut order: Vec<usize> = (0..edited.statements.len()).collect();
        shuffle(&mut order, &mut next);
        let groups: Vec<String> = edited.statements.iter().map(group).collect();
        let mut placed: Vec<usize> = order.clone();
        for g in &groups {
            let members: Vec<usize> = (0..groups.len()).filter(|&i| &groups[i] == g).collect();
            let slots: Vec<usize> = (0..order.len()).filter(|&s| &groups[order[s]] == g).collect();
            for (slot, member) in slots.into_iter().zip(members) {
                placed[slot] = member;
            }
        }
        let originals = edited.statements.clone();
        edited.statements = placed.iter().map(|&i| originals[i].clone()).collect();
        shuffle(&mut edited.claims, &mut next);
        let count = edited.fiche_count();
        if count > 0 {
            let target = next(count);
            if let Some(fiche) = edited.fiches_mut().nth(target) {
                fiche.title = format!("{} {words}", fiche.title);
                if let Some(description) = &mut fiche.description {
                    description.text.push_str(&words);
                }
            }
        }
        prop_assert_eq!(before, keyed(&edited));
    }
}

#[test]
fn a_changed_figure_keeps_its_key_and_asks_for_a_new_look() {
    let mut convention = load(MINI);
    let findings = rules::check_convention(&convention, &config());
    let solde = findings.iter().find(|f| f.rule.id() == "solde").unwrap();
    let mut review = Review::default();
    review.findings.insert(
        solde.key.clone(),
        FindingReview {
            disposition: Disposition::Justifiee,
            note: "vu".into(),
            figures: figures_of(solde),
            ..Default::default()
        },
    );
    let fiche = convention.fiches_mut().find(|f| f.id == "3-2").unwrap();
    fiche.budget.as_mut().unwrap().remaining = Some(revue::model::Value::Amount(
        rust_decimal::Decimal::from(340_000),
    ));
    let after = rules::check_convention(&convention, &config());
    let again = after.iter().find(|f| f.key == solde.key).unwrap();
    assert_eq!(
        review.standing(&again.key, &figures_of(again)),
        Standing::Changed(Disposition::Justifiee)
    );
}

fn copy_of(fixture: &str, dir: &Path) -> PathBuf {
    let path = dir.join(Path::new(fixture).file_name().unwrap());
    std::fs::copy(fixture, &path).unwrap();
    path
}

#[test]
fn review_file_round_trips_in_canonical_form() {
    let mut review = Review::default();
    review.findings.insert(
        "solde@fiche:3.2/budget:Remaining".into(),
        FindingReview {
            disposition: Disposition::Signalee,
            note: "« écart » signalé au Département, ligne 2\\n".into(),
            reviewer: "anne".into(),
            date: "2026-11-25".into(),
            figures: "0→350000".into(),
            location: "fiche 3-2 › solde".into(),
            message: "Solde indiqué".into(),
        },
    );
    review.fiches.insert(
        "3-2".into(),
        revue::model::FicheReview {
            status: FicheStatusReview::ARevoir,
            note: "à reprendre".into(),
            ..Default::default()
        },
    );
    let text = storage::review_to_string(&review);
    let back = storage::review_from_str(&text).unwrap();
    assert_eq!(back, review);
    assert_eq!(storage::review_to_string(&back), text);
    assert!(storage::review_from_str("(version: 9)").is_err());
    assert!(storage::review_from_str("(version: 1, unknown: 3)").is_err());
}

#[test]
fn review_file_is_saved_like_a_convention() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let review_path = storage::review_path(&convention);
    assert_eq!(review_path, dir.path().join("mini.revue.ron"));
    let loaded = storage::load_review(&convention).unwrap();
    assert_eq!(loaded.hash, None);

    let mut review = Review::default();
    review.fiches.insert("1-1".into(), Default::default());
    let policy = |hash| SavePolicy {
        loaded_hash: hash,
        ..SavePolicy::default()
    };
    let SaveOutcome::Saved { hash, .. } =
        storage::save_review(&convention, &review, policy(None)).unwrap()
    else {
        panic!("first save")
    };
    // Someone else changes it: a save from the stale hash is refused, nothing written.
    std::fs::write(&review_path, "(version: 1)\n").unwrap();
    let outcome = storage::save_review(&convention, &review, policy(Some(hash))).unwrap();
    assert!(matches!(outcome, SaveOutcome::Conflict { .. }));
    assert_eq!(
        std::fs::read_to_string(&review_path).unwrap(),
        "(version: 1)\n"
    );
    // From the current hash it saves, keeping the previous version as a backup.
    let current = storage::load_review(&convention).unwrap().hash;
    let outcome = storage::save_review(&convention, &review, policy(current)).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mini.revue.ron.bak")).unwrap(),
        "(version: 1)\n"
    );
    // A review file never opens as a convention.
    let report = storage::load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    assert!(report.errors.is_empty(), "{:?}", report.errors.len());
    // A broken review file is reported, never taken for an empty review.
    std::fs::write(&review_path, "(version: 1, findings: {").unwrap();
    assert!(storage::load_review(&convention).is_err());
}

fn app_on(paths: &[PathBuf]) -> App {
    let report = storage::load_paths(paths);
    let mut app = App::new(report, Keymap::default(), Lang::Fr, config());
    app.review_ui.reviewer = "anne".into();
    app.load_reviews();
    app.resize(120, 40);
    app
}

fn type_text(app: &mut App, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

#[test]
fn dispositions_and_statuses_survive_a_restart_and_leave_the_convention_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let original = std::fs::read(&convention).unwrap();
    let mut app = app_on(std::slice::from_ref(&convention));
    app.update(Action::GoTo(Tab::Anomalies));
    let (_, first) = app.review_target().unwrap();
    let key = app.documents[0].findings[first].key.clone();
    // Justifiée asks for a note: without one nothing is recorded.
    app.update(Action::Disposition);
    assert!(app.review_ui.note.is_some());
    type_text(&mut app, "");
    assert!(app.documents[0].review.review.findings.is_empty());
    app.update(Action::Disposition);
    type_text(&mut app, "Arrondi du tableau");
    assert_eq!(
        app.documents[0].review.review.findings[&key].disposition,
        Disposition::Justifiee
    );
    // The fiche 3-2 à revoir, with a note.
    app.update(Action::GoTo(Tab::Fiches));
    // mini: 1-1, 1-4, 3-2.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Disposition);
    app.update(Action::Disposition);
    app.update(Action::Note);
    type_text(&mut app, "Montant à vérifier");
    let progress = app.review_progress().unwrap();
    assert_eq!(progress.0, 0);

    // Restart: everything is still there.
    let app = app_on(std::slice::from_ref(&convention));
    let review = &app.documents[0].review.review;
    assert_eq!(review.findings[&key].disposition, Disposition::Justifiee);
    assert_eq!(review.findings[&key].note, "Arrondi du tableau");
    assert_eq!(review.findings[&key].reviewer, "anne");
    assert_eq!(review.fiches["3-2"].status, FicheStatusReview::ARevoir);
    assert_eq!(review.fiches["3-2"].note, "Montant à vérifier");
    let (_, _, open) = app.review_progress().unwrap();
    assert_eq!(open, app.documents[0].findings.len() - 1);
    // The transcription is evidence: not a byte changed.
    assert_eq!(std::fs::read(&convention).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn a_review_file_that_is_not_a_regular_file_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let fifo = storage::review_path(&convention);
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let error = storage::load_review(&convention).unwrap_err();
    assert_eq!(error.path, fifo);
    // And the app, told so, never writes over it.
    let mut app = app_on(std::slice::from_ref(&convention));
    assert!(app.documents[0].review.unreadable.is_some());
    assert!(!app.change_review(0, |r| {
        r.fiches.insert("1-1".into(), Default::default());
    }));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

#[test]
fn a_disposition_can_be_set_where_a_finding_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let mut app = app_on(std::slice::from_ref(&convention));
    app.update(Action::GoTo(Tab::Anomalies));
    app.update(Action::Down);
    let (d, f) = app.review_target().unwrap();
    let key = app.documents[d].findings[f].key.clone();
    app.update(Action::Enter);
    assert_ne!(app.tab, Tab::Anomalies, "jumped to the finding's place");
    app.update(Action::Disposition);
    type_text(&mut app, "vu sur place");
    let entry = &app.documents[0].review.review.findings[&key];
    assert_eq!(entry.disposition, Disposition::Justifiee);
    assert_eq!(entry.note, "vu sur place");
}

#[test]
fn the_anomalies_sort_by_gap_puts_the_largest_first() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(CD13, dir.path());
    let mut app = app_on(std::slice::from_ref(&convention));
    app.update(Action::GoTo(Tab::Anomalies));
    for _ in 0..3 {
        app.update(Action::CycleSort);
    }
    assert_eq!(app.anomaly_sort, revue::app::AnomalySort::Gap);
    let gaps: Vec<_> = app
        .anomaly_rows()
        .iter()
        .map(|&(d, f)| revue::app::review::gap_of(&app.documents[d].findings[f]))
        .collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    assert!(gaps[0] > rust_decimal::Decimal::ZERO);
}

#[test]
fn two_sessions_reviewing_one_convention_keep_each_others_work() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let mut first = app_on(std::slice::from_ref(&convention));
    let mut second = app_on(std::slice::from_ref(&convention));
    first.set_disposition(0, 0, Disposition::ACorriger, Some("un".into()));
    second.set_disposition(0, 1, Disposition::Signalee, Some("deux".into()));
    let review = storage::load_review(&convention).unwrap().review;
    assert_eq!(review.findings.len(), 2, "{review:?}");
}

#[test]
fn a_review_file_changed_elsewhere_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let mut app = app_on(std::slice::from_ref(&convention));
    let mut other = app_on(std::slice::from_ref(&convention));
    other.set_disposition(0, 0, Disposition::Signalee, Some("vu ailleurs".into()));
    let review_path = storage::review_path(&convention);
    assert!(app.file_changed(&review_path));
    let key = &app.documents[0].findings[0].key;
    assert_eq!(
        app.documents[0].review.review.findings[key].disposition,
        Disposition::Signalee
    );
    // Its own save is not news.
    assert!(!other.file_changed(&review_path));
}

#[test]
fn the_anomalies_filter_hides_justified_findings() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let mut app = app_on(std::slice::from_ref(&convention));
    app.update(Action::GoTo(Tab::Anomalies));
    let all = app.anomaly_rows().len();
    let (d, f) = app.review_target().unwrap();
    app.set_disposition(d, f, Disposition::Justifiee, Some("vu".into()));
    app.update(Action::ReviewFilter);
    assert_eq!(app.anomaly_rows().len(), all - 1);
    app.update(Action::ReviewFilter);
    let rule = app
        .anomaly_rows()
        .iter()
        .map(|&(d, f)| app.documents[d].findings[f].rule.id())
        .collect::<BTreeSet<_>>();
    assert_eq!(rule.len(), 1, "one rule at a time");
}

fn revue(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(args)
        .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
        .output()
        .unwrap()
}

#[test]
fn check_shows_dispositions_and_open_only_leaves_out_the_justified() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let path = convention.to_str().unwrap();
    let findings = rules::check_convention(&load(MINI), &Config::default());
    let mut review = Review::default();
    for finding in &findings {
        review.findings.insert(
            finding.key.clone(),
            FindingReview {
                disposition: Disposition::Justifiee,
                note: "expliqué".into(),
                figures: figures_of(finding),
                ..Default::default()
            },
        );
    }
    let json = revue(&["check", path, "--format", "json"]);
    let records: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(records[0]["disposition"], "a-examiner");
    assert!(records[0]["sources"].is_array());
    storage::save_review(&convention, &review, SavePolicy::default()).unwrap();
    let text = revue(&["check", path]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("justifiée — expliqué"), "{text}");
    // Everything explained: the open-only check passes and lists nothing.
    let open = revue(&["check", path, "--open-only"]);
    assert_eq!(open.status.code(), Some(0));
    let open = String::from_utf8_lossy(&open.stdout);
    assert!(!open.contains("[solde]"), "{open}");
    // A disposition whose finding is gone is listed as résolue, never the justified ones.
    review.findings.insert(
        "somme@fiche:9.9/budget:PlannedTotal".into(),
        FindingReview {
            disposition: Disposition::ACorriger,
            location: "fiche 9-9 › budget".into(),
            note: "corrigé depuis".into(),
            ..Default::default()
        },
    );
    std::fs::remove_file(storage::review_path(&convention)).unwrap();
    storage::save_review(&convention, &review, SavePolicy::default()).unwrap();
    let open = revue(&["check", path, "--open-only"]);
    let open = String::from_utf8_lossy(&open.stdout);
    assert!(
        open.contains("résolue\u{a0}: fiche 9-9 › budget — corrigé depuis"),
        "{open}"
    );
    assert_eq!(open.matches("résolue").count(), 1, "{open}");
    review
        .findings
        .remove("somme@fiche:9.9/budget:PlannedTotal");
    // One left open: it alone is listed, and it fails.
    review.findings.remove(&findings[0].key);
    std::fs::remove_file(storage::review_path(&convention)).unwrap();
    storage::save_review(&convention, &review, SavePolicy::default()).unwrap();
    let open = revue(&["check", path, "--open-only", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_slice(&open.stdout).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 1);
    assert_eq!(records[0]["key"], findings[0].key.as_str());
    assert_eq!(open.status.code(), Some(1));
}

/// The real binary in a pseudo-terminal, the screen read back through vt100.
struct Terminal {
    session:
        expectrl::Session<expectrl::process::unix::UnixProcess, expectrl::process::unix::PtyStream>,
    screen: vt100::Parser,
}

impl Terminal {
    fn start(args: &[&str], state: &Path, pager: Option<&Path>) -> Terminal {
        let mut command = Command::new(env!("CARGO_BIN_EXE_revue"));
        command
            .args(args)
            .current_dir(state)
            .env("REVUE_STATE_DIR", state.join("journal"))
            .env("TERM", "xterm-256color")
            .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
            .env("USER", "anne")
            .env_remove("EDITOR");
        match pager {
            Some(pager) => command.env("PAGER", pager),
            None => command.env_remove("PAGER"),
        };
        let mut session = expectrl::Session::spawn(command).expect("spawn revue in a pty");
        session.get_process_mut().set_window_size(120, 30).unwrap();
        Terminal {
            session,
            screen: vt100::Parser::new(30, 120, 0),
        }
    }

    fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = self.session.try_read(&mut buffer) {
                if n == 0 {
                    break;
                }
                self.screen.process(&buffer[..n]);
            }
            let contents = self.screen.screen().contents().replace('\u{a0}', " ");
            if contents.contains(text) {
                return contents;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("{text:?} never appeared; the screen shows:\n{contents}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, keys: &str) {
        use expectrl::Expect;
        self.session.send(keys).unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn quit(&mut self) {
        use expectrl::process::unix::WaitStatus;
        self.send("q");
        let start = Instant::now();
        loop {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = self.session.try_read(&mut buffer) {
                if n == 0 {
                    break;
                }
            }
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    assert_eq!(code, 0);
                    return;
                }
                Ok(WaitStatus::StillAlive) => {}
                other => panic!("revue ended abnormally: {other:?}"),
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "revue did not quit"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

#[test]
fn end_to_end_a_justified_finding_stays_justified_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let convention = copy_of(MINI, dir.path());
    let path = convention.to_str().unwrap();
    let mut t = Terminal::start(&[path], dir.path(), None);
    t.wait_for("Les enfants et les jeunes");
    t.send("5");
    t.wait_for("à examiner");
    t.send("d");
    t.wait_for("Note :");
    t.send("Arrondi du tableau");
    t.send("\r");
    t.wait_for("justifiée (enregistré)");
    t.quit();

    let mut t = Terminal::start(&[path], dir.path(), None);
    t.wait_for("Les enfants et les jeunes");
    t.send("5");
    let screen = t.wait_for("justifiée");
    assert!(screen.contains("Arrondi du tableau"), "{screen}");
    // x: the report, in the current directory.
    t.send("x");
    t.wait_for("rapport écrit");
    let html = std::fs::read_to_string(dir.path().join("rapport-revue.html")).unwrap();
    assert!(html.contains("Arrondi du tableau"));
    t.quit();

    let open = revue(&["check", path, "--open-only", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_slice(&open.stdout).unwrap();
    let all = rules::check_convention(&load(MINI), &Config::default()).len();
    assert_eq!(records.as_array().unwrap().len(), all - 1);
    assert!(
        records
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["disposition"] == "a-examiner")
    );
}

#[test]
fn end_to_end_o_opens_the_source_document_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(CD13).unwrap();
    let seed = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("source_document: \""))
        .unwrap()
        .trim_end_matches("\",")
        .to_string();
    let convention = dir.path().join("cd13.ron");
    std::fs::write(&convention, text.replace(&seed, "seed.txt")).unwrap();
    std::fs::write(dir.path().join("seed.txt"), "la source\n").unwrap();
    let record = dir.path().join("pager-args");
    let pager = dir.path().join("pager.sh");
    std::fs::write(
        &pager,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", record.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut t = Terminal::start(&[convention.to_str().unwrap()], dir.path(), Some(&pager));
    t.wait_for("Axes");
    t.send("5");
    t.wait_for("à examiner");
    t.send("o");
    let start = Instant::now();
    while !record.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the pager never ran"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let args = std::fs::read_to_string(&record).unwrap();
    // The first finding (errors first) is the axe 3 total, stated at line 138.
    assert!(args.starts_with("+138 "), "{args}");
    assert!(args.trim_end().ends_with("seed.txt"), "{args}");
    // Back in the app.
    t.wait_for("Anomalies");
    t.quit();
}

#[test]
fn a_missing_source_document_is_named_with_its_resolved_path() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(CD13).unwrap();
    let convention = dir.path().join("cd13.ron");
    std::fs::write(&convention, &text).unwrap();
    let c = load(convention.to_str().unwrap());
    let resolved = revue::app::review::source_document_path(&convention, &c).unwrap();
    assert_eq!(
        resolved,
        dir.path()
            .join("../../shared/seeds/000_de99a9ca3a33da65.txt")
    );
    let mut t = Terminal::start(&[convention.to_str().unwrap()], dir.path(), None);
    t.wait_for("Axes");
    t.send("5");
    t.wait_for("à examiner");
    t.send("o");
    t.wait_for("document source introuvable");
    t.quit();
}
