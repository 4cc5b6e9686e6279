//! The whole review app on any convention file: it loads, every tab draws at a small and a
//! usual size while moving around, opening, jumping and searching, and no drawn cell ever
//! holds a control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{Action, App, Keymap, Tab};
use revue::rules::Config;
use revue::storage::{LoadReport, LoadedFile, from_ron_str};
use revue::strings::Lang;
use revue::ui::{self, Theme};

fn draw(app: &App, theme: &Theme) {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control character drawn: {:?}",
            cell.symbol()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(convention) = from_ron_str(text) else {
        return;
    };
    let report = LoadReport {
        files: vec![LoadedFile {
            path: "fuzz.ron".into(),
            convention,
            hash: 0,
        }],
        errors: Vec::new(),
    };
    let rules = Config {
        current_year: 2026,
        ..Config::default()
    };
    let mut app = App::new(report, Keymap::default(), Lang::Fr, rules);
    let theme = Theme::default();
    for (width, height) in [(100, 30), (40, 10)] {
        app.resize(width, height);
        for tab in Tab::ALL {
            app.update(Action::GoTo(tab));
            for action in [
                Action::Down,
                Action::End,
                Action::Right,
                Action::Enter,
                Action::Back,
                Action::PageDown,
                Action::Left,
                Action::DetailDown,
                Action::CycleSort,
            ] {
                app.update(action);
                draw(&app, &theme);
            }
        }
    }
});
