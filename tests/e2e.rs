//! End to end: the real binary in a pseudo-terminal. Keys are typed, the screen is read back
//! through a terminal emulator (vt100), and the process must exit cleanly.

use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::process::unix::{PtyStream, UnixProcess};
use expectrl::{Expect, Session};

const COLUMNS: u16 = 100;
const ROWS: u16 = 30;

struct Terminal {
    session: Session<UnixProcess, PtyStream>,
    screen: vt100::Parser,
}

impl Terminal {
    fn start(args: &[&str]) -> Terminal {
        let state = std::env::temp_dir().join(format!("revue-e2e-state-{}", std::process::id()));
        Terminal::start_with_state(args, &state)
    }

    /// `state` receives the crash journal, so tests never touch the user's.
    fn start_with_state(args: &[&str], state: &std::path::Path) -> Terminal {
        let mut command = Command::new(env!("CARGO_BIN_EXE_revue"));
        command
            .args(args)
            .env("REVUE_STATE_DIR", state.join("journal"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TERM", "xterm-256color")
            .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
            .env_remove("NO_COLOR");
        let mut session = Session::spawn(command).expect("spawn revue in a pty");
        session
            .get_process_mut()
            .set_window_size(COLUMNS, ROWS)
            .expect("set the pty size");
        Terminal {
            session,
            screen: vt100::Parser::new(ROWS, COLUMNS, 0),
        }
    }

    fn pump(&mut self) {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buffer) {
            if n == 0 {
                break;
            }
            self.screen.process(&buffer[..n]);
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents().replace('\u{a0}', " ")
    }

    /// Waits until the screen shows `text`; panics with the screen after 20 s.
    fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let contents = self.contents();
            if contents.contains(text) {
                return contents;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("{text:?} never appeared; the screen shows:\n{contents}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types keys. A lone Esc is followed by a pause, as a person's would be, so that the
    /// terminal does not read it as the start of the next key's escape sequence.
    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
        if keys == "\u{1b}" {
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return code,
                Ok(WaitStatus::StillAlive) => {}
                other => panic!("revue ended abnormally: {other:?}"),
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("revue did not exit; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.ron");
    let fixture = revue::storage::load_file(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.ron"
    )))
    .unwrap()
    .convention;
    std::fs::write(&path, revue::storage::to_ron_string(&fixture)).unwrap();
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
