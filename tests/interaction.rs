//! What a newcomer does with the keys: filters, editing from the Anomalies tab.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};
use revue::app::edit::{EditTarget, Field};
use revue::app::{Action, App, Keymap, Tab};
use revue::model::BudgetField;
use revue::rules::{Config, Rule};
use revue::storage;
use revue::strings::Lang;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn app_on(path: &Path) -> App {
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
    app.resize(120, 35);
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(&key(KeyCode::Char(c)));
    }
}

fn selected_fiche_id(app: &App) -> String {
    let c = &app.document().unwrap().convention;
    let row = app.selected_row(Tab::Fiches).expect("a fiche selected");
    revue::app::views::fiche_refs(c)[row].get(c).id.clone()
}

#[test]
fn esc_clears_a_confirmed_filter_and_keeps_the_selected_fiche() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Filter);
    type_text(&mut app, "emploi");
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.filters[Tab::Fiches.index()], "emploi");
    app.update(Action::Down);
    let chosen = selected_fiche_id(&app);
    app.update(Action::Back);
    assert!(app.filters[Tab::Fiches.index()].is_empty(), "Esc clears it");
    assert_eq!(selected_fiche_id(&app), chosen, "the selection stays");
    // Cleared while typing: the same.
    app.update(Action::Filter);
    type_text(&mut app, "jeunes");
    let chosen = selected_fiche_id(&app);
    app.handle_key(&key(KeyCode::Esc));
    assert!(app.filters[Tab::Fiches.index()].is_empty());
    assert_eq!(selected_fiche_id(&app), chosen);
}

#[test]
fn e_in_anomalies_opens_the_editor_on_the_findings_figure() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.update(Action::GoTo(Tab::Anomalies));
    let rows = app.anomaly_rows();
    let (position, &(_, finding)) = rows
        .iter()
        .enumerate()
        .find(|(_, (d, f))| {
            let finding = &app.documents[*d].findings[*f];
            finding.rule == Rule::Remaining && finding.fiche() == Some("3-2")
        })
        .expect("3-2's remaining credit is a finding");
    for _ in 0..position {
        app.update(Action::Down);
    }
    assert_eq!(
        app.anomaly_rows()[app.selected_row(Tab::Anomalies).unwrap()].1,
        finding
    );
    app.update(Action::Edit);
    let editor = app.editor.as_ref().expect("the editor opens");
    let EditTarget::Fiche(r) = editor.target else {
        panic!("on the fiche")
    };
    assert_eq!(r.get(&app.documents[0].convention).id, "3-2");
    assert_eq!(
        editor.fields[editor.scroll.selected],
        Field::Budget(BudgetField::Remaining),
        "on the figure the finding is about"
    );
}
