//! End to end: the real binary in a pseudo-terminal. Keys are typed, the screen is read back
//! through a terminal emulator (vt100), and the process must exit cleanly.

use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;

mod pty;

use pty::Terminal;

#[test]
fn visits_every_tab_opens_help_and_quits_cleanly() {
    let mut t = Terminal::start(&["tests/fixtures/mini.ron"]);
    t.wait_for("Les enfants et les jeunes");
    t.send("2");
    t.wait_for("Fiches (3)");
    t.send("j");
    t.wait_for("Soutenir la parentalité");
    t.send("3");
    t.wait_for("Budgets des fiches");
    t.send("l");
    t.wait_for("Tableau financier");
    t.send("4");
    t.wait_for("Nombre de jeunes accompagnés");
    t.send("5");
    let anomalies = t.wait_for("Anomalies (4)");
    assert!(anomalies.contains("Solde indiqué 350 000 €"), "{anomalies}");
    // Enter on the second finding (3-2's remaining credit, after the table's TOTAL against the
    // fiches) shows it in the Budgets tab.
    t.send("j");
    t.send("\r");
    let jumped = t.wait_for("Budgets des fiches");
    assert!(jumped.contains("✗ Solde indiqué 350 000 €"), "{jumped}");
    t.send("\u{1b}");
    t.wait_for("Anomalies (4)");
    t.send("?");
    t.wait_for("Aide — touches");
    t.send("\u{1b}");
    t.send("1");
    t.wait_for("Axes (€)");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_broken_file_is_reported_and_the_others_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.ron"
    ))
    .unwrap();
    std::fs::write(dir.path().join("a-good.ron"), &fixture).unwrap();
    std::fs::write(
        dir.path().join("b-broken.ron"),
        "(version: 1, title: \"x\",\n  kind: Nope)",
    )
    .unwrap();
    let mut t = Terminal::start(&[dir.path().to_str().unwrap()]);
    let screen = t.wait_for("1 fichier illisible");
    assert!(screen.contains("b-broken.ron:2:"), "{screen}");
    assert!(screen.contains("Les enfants et les jeunes"), "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn search_without_accents_finds_the_fiche() {
    let mut t = Terminal::start(&["tests/fixtures/mini.ron"]);
    t.wait_for("Les enfants et les jeunes");
    t.send("/");
    t.wait_for("Rechercher");
    t.send("parentalite grossesse");
    t.wait_for("1-4 Soutenir la parentalité");
    t.send("\r");
    let screen = t.wait_for("┌ 1-4 ");
    assert!(
        screen.contains("Périmètre : initiative départementale"),
        "{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn edit_a_budget_figure_see_the_anomalies_change_save_and_quit() {
    let (dir, path) = fixture_copy();
    let mut t = Terminal::start_with_state(&[path.to_str().unwrap()], dir.path());
    t.wait_for("5 Anomalies 3✗1!");
    t.send("3");
    t.wait_for("Budgets des fiches");
    t.send("jjjj");
    t.send("e");
    t.wait_for("Modifier — 3-2 Boost emploi");
    t.send("jj\r");
    t.wait_for("Entrée : valider");
    t.send("\u{15}"); // Ctrl-U empties the field
    t.send("1 000 000\r");
    t.send("\u{1b}");
    let screen = t.wait_for("5 Anomalies 1✗1!");
    assert!(screen.contains("● modifié"), "{screen}");
    t.send("\u{13}"); // Ctrl-S
    t.wait_for("Enregistré");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(r#"total: Amount("1000000")"#), "{saved}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A fixture copy, canonical, in a fresh directory (which also receives the journal).
fn fixture_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.ron");
    let fixture = revue::storage::load_file(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.ron"
    )))
    .unwrap()
    .convention;
    std::fs::write(&path, revue::storage::to_ron_string(&fixture)).unwrap();
    (dir, path)
}

#[test]
fn a_signal_restores_the_terminal_and_leaves_unsaved_edits_in_the_journal() {
    for (signal, name) in [(15, "TERM"), (1, "HUP")] {
        let (dir, path) = fixture_copy();
        let mut t = Terminal::start_with_state(&[path.to_str().unwrap()], dir.path());
        t.wait_for("Les enfants et les jeunes");
        t.send("3jjjje");
        t.wait_for("Modifier — 3-2 Boost emploi");
        t.send("jj\r\u{15}1 000 000\r\u{1b}");
        t.wait_for("● modifié");
        let before = t.raw.len();
        let pid = t.session.get_process().pid();
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            t.wait_exit(),
            128 + signal,
            "SIG{name}: exit as a shell reports it"
        );
        let after = String::from_utf8_lossy(&t.raw[before..]).into_owned();
        for (mode, what) in [
            ("\u{1b}[?1049l", "alternate screen left"),
            ("\u{1b}[?1000l", "mouse released"),
            ("\u{1b}[?2004l", "bracketed paste off"),
            ("\u{1b}[?25h", "cursor shown"),
        ] {
            assert!(after.contains(mode), "SIG{name}: {what}: {after:?}");
        }
        let pending = revue::storage::Journal::at(dir.path().join("journal")).pending();
        assert_eq!(pending.len(), 1, "SIG{name}: the edit waits in the journal");
    }
}

#[test]
fn a_bracketed_paste_is_text_not_keys() {
    let mut t = Terminal::start(&["tests/fixtures/mini.ron"]);
    t.wait_for("Les enfants et les jeunes");
    t.send("/");
    t.wait_for("Rechercher");
    // `q` would quit, Enter would jump: pasted, they are only text.
    t.send("\u{1b}[200~boost\nemploi q\u{1b}[201~");
    let screen = t.wait_for("boost emploi q");
    assert!(screen.contains("Rechercher"), "{screen}");
    t.send("\u{1b}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_second_revue_on_an_open_file_says_so_and_offers_read_only() {
    let (dir, path) = fixture_copy();
    let file = path.to_str().unwrap();
    let mut first = Terminal::start_with_state(&[file], dir.path());
    first.wait_for("Les enfants et les jeunes");
    let mut second = Terminal::start_with_state(&[file], dir.path());
    let screen = second.wait_for("déjà ouverts en modification");
    assert!(screen.contains("mini.ron"), "{screen}");
    second.send("l");
    second.send("2e");
    second.wait_for("Lecture seule");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    // Killed outright, the first session holds nothing any more.
    let pid = first.session.get_process().pid();
    Command::new("kill")
        .arg("-KILL")
        .arg(pid.to_string())
        .status()
        .unwrap();
    let start = Instant::now();
    while matches!(
        first.session.get_process().status(),
        Ok(WaitStatus::StillAlive)
    ) {
        assert!(start.elapsed() < Duration::from_secs(20), "SIGKILL ignored");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut third = Terminal::start_with_state(&[file], dir.path());
    third.wait_for("Les enfants et les jeunes");
    third.send("2e");
    third.wait_for("Modifier — 1-1");
    third.send("\u{1b}");
    third.send("q");
    assert_eq!(third.wait_exit(), 0);
}
