//! Issue 16, acceptance: as a new user would, `revue new` then, in the app only (no text
//! editor), two axes, three fiches, a budget and an indicator; saved; the file loads with
//! them. The real binary in a pseudo-terminal, read back through vt100.

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
    /// Every byte the app wrote, for what a screen does not show (modes set and reset).
    raw: Vec<u8>,
    _state: Option<tempfile::TempDir>,
}

impl Terminal {
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
            raw: Vec::new(),
            _state: None,
        }
    }

    fn pump(&mut self) {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buffer) {
            if n == 0 {
                break;
            }
            self.screen.process(&buffer[..n]);
            self.raw.extend_from_slice(&buffer[..n]);
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

const CTRL_U: &str = "\u{15}";
const CTRL_S: &str = "\u{13}";
const ESC: &str = "\u{1b}";

#[test]
fn a_new_convention_is_built_in_the_app_only_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("essai.ron");
    let file = path.to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_revue"))
        .args([
            "new",
            file,
            "--kind",
            "convention",
            "--territory",
            "Ardèche",
            "--code",
            "07",
            "--period",
            "2024",
        ])
        .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");

    let mut t = Terminal::start_with_state(&[file], dir.path());
    t.wait_for("Premier axe (à renommer)");
    // Axes tab: the overview's line, axe 1, fiche 1-1. The axe renamed.
    t.send("j");
    t.send("r");
    t.wait_for("Entrée : valider");
    t.send(CTRL_U);
    t.send("Enfants et jeunes\r");
    t.send(ESC);
    t.wait_for("1 — Enfants et jeunes");
    // The fiche renamed, then one added after it.
    t.send("j");
    t.send("r");
    t.wait_for("Entrée : valider");
    t.send(CTRL_U);
    t.send("Accueil des jeunes\r");
    t.send(ESC);
    t.wait_for("1-1 Accueil des jeunes");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Parrainage\r");
    t.send(ESC);
    t.wait_for("1-2 Parrainage");
    // A second axe after the first, and its fiche.
    t.send("A");
    t.wait_for("Entrée : valider");
    t.send("Insertion\r");
    t.send(ESC);
    t.wait_for("2 — Insertion");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Boost emploi\r");
    t.send(ESC);
    t.wait_for("2-1 Boost emploi");
    // Its budget: État, Département, total (after the nine fields of the fiche's text).
    t.send("e");
    t.wait_for("Modifier — 2-1 Boost emploi");
    t.send("jjjjjjjjj\r");
    t.send("325 000\r");
    t.send("j\r");
    t.send("325 000\r");
    t.send("j\r");
    t.send("650 000\r");
    t.wait_for("650 000");
    t.send(ESC);
    // An indicator for the fiche selected (the Fiches tab carries it to Indicateurs).
    t.send("2");
    t.wait_for("Fiches (3)");
    t.send("4");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Personnes accompagnées\r");
    t.send(ESC);
    t.wait_for("Personnes accompagnées");
    t.send(CTRL_S);
    t.wait_for("Enregistré");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let saved = revue::storage::load_file(&path).unwrap().convention;
    let axes: Vec<(&str, &str)> = saved
        .axes
        .iter()
        .map(|a| (a.id.as_str(), a.title.as_str()))
        .collect();
    assert_eq!(axes, [("1", "Enfants et jeunes"), ("2", "Insertion")]);
    let fiches: Vec<(&str, &str)> = saved
        .fiches()
        .map(|f| (f.id.as_str(), f.title.as_str()))
        .collect();
    assert_eq!(
        fiches,
        [
            ("1-1", "Accueil des jeunes"),
            ("1-2", "Parrainage"),
            ("2-1", "Boost emploi")
        ]
    );
    let boost = saved.find_fiche("2-1").unwrap();
    let planned = boost.budget.as_ref().unwrap().planned.as_ref().unwrap();
    let amount = |n: i64| Some(revue::model::Value::Amount(n.into()));
    assert_eq!(planned.etat, amount(325_000));
    assert_eq!(planned.departement, amount(325_000));
    assert_eq!(planned.total, amount(650_000));
    assert_eq!(boost.indicators.len(), 1);
    assert_eq!(boost.indicators[0].name, "Personnes accompagnées");
    assert_eq!(boost.indicators[0].values[0].year, 2024);
}
