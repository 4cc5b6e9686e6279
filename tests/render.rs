//! Rendering tests: the whole app drawn on ratatui's TestBackend, one snapshot per tab,
//! and proof that a finding's cell is styled (and marked) as an error.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use revue::app::{Action, App, Keymap, Tab};
use revue::rules::Config;
use revue::storage::{self, LoadReport};
use revue::strings::Lang;
use revue::ui::{self, Theme};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.ron")
}

fn app_on(report: LoadReport, lang: Lang, width: u16, height: u16) -> App {
    let rules = Config {
        current_year: 2026,
        lang,
        ..Config::default()
    };
    let mut app = App::new(report, Keymap::default(), lang, rules);
    app.resize(width, height);
    app
}

fn app(width: u16, height: u16) -> App {
    app_on(storage::load_paths(&[fixture()]), Lang::Fr, width, height)
}

fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app, theme)).unwrap();
    terminal
}

/// The screen as text; amounts' no-break spaces shown as plain ones.
fn screen(app: &App) -> String {
    render(app, &Theme::default())
        .backend()
        .to_string()
        .replace('\u{a0}', " ")
}

#[test]
fn axes_tab() {
    insta::assert_snapshot!(screen(&app(80, 24)));
}

#[test]
fn fiches_tab_shows_the_selected_fiche_in_full() {
    let mut app = app(80, 24);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::End);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn budgets_tab_fiche_view() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Budgets));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn budgets_tab_summary_table_beside_the_fiches() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Right);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn indicators_tab() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Indicators));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn anomalies_tab() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Anomalies));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay_lists_the_bindings_in_force() {
    let mut app = app(80, 24);
    app.update(Action::Help);
    let shown = screen(&app);
    insta::assert_snapshot!(shown);
    // Every mode's bindings, under its name (issue 18), and never cut: one column on a
    // screen too narrow for two whole ones.
    assert!(shown.contains("Onglets"), "{shown}");
    let mut pages = shown.clone();
    for _ in 0..12 {
        app.handle_key(&crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::PageDown,
        ));
        pages.push_str(&screen(&app));
    }
    assert!(pages.contains("│Note "), "{pages}");
    assert!(!pages.contains('…'), "{pages}");
    app.handle_key(&crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Home,
    ));
    // Taller than 24 rows: how to close is always on the border, and what is below scrolls
    // into view.
    assert!(shown.contains("Échap ou ? pour fermer ↓"), "{shown}");
    let legend = revue::strings::figures(Lang::Fr).legend;
    let last = legend[legend.len() - 1];
    assert!(!shown.contains(last), "the last line is below");
    app.handle_key(&crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::End,
    ));
    let scrolled = screen(&app);
    assert!(scrolled.contains("quitter"), "{scrolled}");
    assert!(scrolled.contains(last), "{scrolled}");
    assert!(scrolled.contains("Échap ou ? pour fermer ↑"), "{scrolled}");
}

#[test]
fn english_on_request() {
    let mut app = app_on(storage::load_paths(&[fixture()]), Lang::En, 100, 24);
    app.update(Action::GoTo(Tab::Anomalies));
    let shown = screen(&app);
    assert!(shown.contains("Findings"), "{shown}");
    assert!(
        shown.contains("Stated remaining €350,000, but planned €650,000"),
        "{shown}"
    );
}

/// The cell holding the text, by position of its first character.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    let area = buffer.area;
    for y in 0..area.height {
        let line: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().replace('\u{a0}', " "))
            .collect();
        if let Some(byte) = line.find(text) {
            let column = line[..byte].chars().count() as u16;
            return (column, y);
        }
    }
    panic!("{text:?} not on screen:\n{buffer:?}");
}

#[test]
fn a_finding_cell_is_styled_and_marked_as_an_error() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Right);
    let terminal = render(&app, &Theme::default());
    let buffer = terminal.backend().buffer();
    // The summary table says 1 000 000 for Boost emploi where the fiche says 650 000.
    let (x, y) = find(buffer, "✗ 1 000 000");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    assert_eq!(buffer[(x + 2, y)].fg, Color::Red);
    // An agreeing figure on another row is not.
    let (x, y) = find(buffer, "115 312");
    assert_ne!(buffer[(x, y)].fg, Color::Red);
}

#[test]
fn without_colour_the_marker_still_shows() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Right);
    let monochrome = Theme::named("default", None, true).unwrap();
    let terminal = render(&app, &monochrome);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "✗ 1 000 000");
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
}

#[test]
fn usable_at_80_by_24_and_after_a_resize() {
    let mut app = app(80, 24);
    app.update(Action::GoTo(Tab::Budgets));
    let small = screen(&app);
    assert!(small.contains("3-2 Boost"), "{small}");
    app.resize(60, 15);
    let smaller = screen(&app);
    assert!(smaller.contains("[1/1]"), "{smaller}");
}

#[test]
fn control_characters_from_files_never_reach_the_screen() {
    let hostile = std::fs::read_to_string(fixture())
        .unwrap()
        .replace(
            "Boost emploi",
            "Boost\u{1b}[31m\u{1b}]0;pwned\u{7} emploi\r\u{202e}",
        )
        .replace("Convention d'essai", "Titre\u{1b}[2J");
    let convention = storage::from_ron_str(&hostile).unwrap();
    let report = LoadReport {
        files: vec![storage::LoadedFile {
            path: fixture(),
            convention,
            hash: 0,
            fingerprint: None,
        }],
        errors: Vec::new(),
    };
    let mut app = app_on(report, Lang::Fr, 100, 24);
    for tab in Tab::ALL {
        app.update(Action::GoTo(tab));
        for _ in 0..5 {
            app.update(Action::Down);
            let terminal = render(&app, &Theme::default());
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    !cell
                        .symbol()
                        .chars()
                        .any(|c| c.is_control() || c == '\u{202e}'),
                    "control character drawn in {tab:?}: {:?}",
                    cell.symbol()
                );
            }
        }
    }
}

#[test]
fn enter_on_an_anomaly_jumps_to_its_place() {
    let mut app = app(100, 24);
    app.update(Action::GoTo(Tab::Anomalies));
    // Sorted by severity, the convention's own first: the table's TOTAL against the fiches,
    // then the 3-2 remaining error.
    app.update(Action::Down);
    app.update(Action::Enter);
    assert_eq!(app.tab, Tab::Budgets);
    let shown = screen(&app);
    assert!(shown.contains("Solde indiqué 350"), "{shown}");
    app.update(Action::Back);
    assert_eq!(app.tab, Tab::Anomalies);
    app.update(Action::Down);
    app.update(Action::Enter);
    assert_eq!(app.tab, Tab::Budgets);
    assert_eq!(app.view.budget_view, 1, "the table view holding the row");
    assert_eq!(app.view.budgets.selected, 4, "the 3-2 row of the table");
}
