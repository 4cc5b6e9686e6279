//! The real binary in a pseudo-terminal, for the end-to-end tests: keys typed, the screen
//! read back through a terminal emulator (vt100).
#![allow(dead_code)] // Each test file uses its own part.

use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::process::unix::{PtyStream, UnixProcess};
use expectrl::{Expect, Session};

pub const COLUMNS: u16 = 100;
pub const ROWS: u16 = 30;

pub struct Terminal {
    pub session: Session<UnixProcess, PtyStream>,
    pub screen: vt100::Parser,
    /// Every byte the app wrote, for what a screen does not show (modes set and reset).
    pub raw: Vec<u8>,
    pub _state: Option<tempfile::TempDir>,
    /// How long a wait lasts before it fails with the screen.
    pub patience: Duration,
}

impl Terminal {
    /// Each terminal its own state directory: tests run at once, and a session sharing
    /// another's journal would be told the files are already open (as a user would).
    pub fn start(args: &[&str]) -> Terminal {
        let state = tempfile::tempdir().unwrap();
        let mut terminal = Terminal::start_with_state(args, state.path());
        terminal._state = Some(state);
        terminal
    }

    /// `state` receives the crash journal, so tests never touch the user's.
    pub fn start_with_state(args: &[&str], state: &std::path::Path) -> Terminal {
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
            patience: Duration::from_secs(20),
        }
    }

    pub fn pump(&mut self) {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buffer) {
            if n == 0 {
                break;
            }
            self.screen.process(&buffer[..n]);
            self.raw.extend_from_slice(&buffer[..n]);
        }
    }

    pub fn contents(&self) -> String {
        self.screen.screen().contents().replace('\u{a0}', " ")
    }

    /// Waits until the screen shows `text`; panics with the screen after [`Terminal::patience`].
    pub fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen satisfies `wanted` (`what` names it should it never).
    pub fn wait_until(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            self.pump();
            let contents = self.contents();
            if wanted(&contents) {
                return contents;
            }
            if start.elapsed() > self.patience {
                panic!("{what} never appeared; the screen shows:\n{contents}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Types keys. A lone Esc is followed by a pause, as a person's would be, so that the
    /// terminal does not read it as the start of the next key's escape sequence.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
        if keys == "\u{1b}" {
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return code,
                Ok(WaitStatus::StillAlive) => {}
                other => panic!("revue ended abnormally: {other:?}"),
            }
            if start.elapsed() > self.patience {
                panic!("revue did not exit; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}
