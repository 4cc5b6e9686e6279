//! What the app-level test files share: a fixture workspace, an app on it, keys, a screen.
#![allow(dead_code)] // Each test file uses its own part.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::views::FicheRef;
use revue::app::{App, Keymap};
use revue::model::{BudgetField, Convention, Value};
use revue::rules::Config;
use revue::storage;
use revue::strings::Lang;

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.ron");

pub fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A canonical copy of the fixture in a fresh directory, after `change`.
pub fn workspace_with(change: impl FnOnce(&mut Convention)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.ron");
    let mut convention = storage::load_file(Path::new(FIXTURE)).unwrap().convention;
    change(&mut convention);
    std::fs::write(&path, storage::to_ron_string(&convention)).unwrap();
    (dir, path)
}

/// A canonical copy of the fixture in a fresh directory.
pub fn workspace() -> (tempfile::TempDir, PathBuf) {
    workspace_with(|_| {})
}

/// The app on `path` (a file or a directory), in French, checked as of 2026, on a 100×30
/// screen.
pub fn app_on(path: &Path) -> App {
    let rules = Config {
        current_year: 2026,
        ..Config::default()
    };
    let mut app = App::new(
        storage::load_paths(&[path.to_path_buf()]),
        Keymap::default(),
        Lang::Fr,
        rules,
    );
    app.resize(100, 30);
    app
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(&key(KeyCode::Char(c)));
    }
}

/// The fixture's fiche 3-2 "Boost emploi".
pub const BOOST: FicheRef = FicheRef { axe: 1, fiche: 0 };

pub fn set_planned_total(app: &mut App, amount: &str) {
    let target = EditTarget::Fiche(BOOST);
    let value = NewValue::Figure(Some(Value::Amount(amount.parse().unwrap())));
    app.commit(0, target, |c| {
        edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
    });
}

/// The frame the app draws, line by line.
pub fn screen(app: &App) -> Vec<String> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal
        .draw(|frame| revue::ui::draw(frame, app, &revue::ui::Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Issue 18: the app on `path` in `lang` with the bindings of a config file's text (and the
/// problems the config raised), at `width`×`height`.
pub fn app_with_config(
    path: &Path,
    config: &str,
    lang: Lang,
    width: u16,
    height: u16,
) -> (App, Vec<String>) {
    let config: revue::app::config::FileConfig = ron::from_str(config).unwrap();
    let (keymap, problems) = config.keymap(None, lang);
    let rules = Config {
        current_year: 2026,
        ..Config::default()
    };
    let mut app = App::new(
        storage::load_paths(&[path.to_path_buf()]),
        keymap,
        lang,
        rules,
    );
    app.resize(width, height);
    (app, problems)
}

/// The key help as text, whatever its height: every line of [`App::help_lines`].
pub fn help_text(app: &App) -> String {
    app.help_lines()
        .iter()
        .map(|line| match line {
            revue::app::HelpLine::Heading(name) => name.clone(),
            revue::app::HelpLine::Entry(keys, what) => format!("{keys} | {what}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Another program changes the fixture's title on disk ("Leur version"); returns the file's
/// new text.
pub fn their_change_on_disk(path: &Path) -> String {
    let theirs = std::fs::read_to_string(path)
        .unwrap()
        .replace("Convention d'essai", "Leur version");
    std::fs::write(path, &theirs).unwrap();
    theirs
}
