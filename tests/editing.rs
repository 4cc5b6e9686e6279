//! Editing and saving: nothing lost, nothing overwritten, every edit undoable.

mod common;

use common::{FIXTURE, app_on, set_planned_total, workspace};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use revue::app::edit::Field;
use revue::app::{Action, App, Dialog, Tab};
use revue::model::{BudgetField, Value};
use revue::rules::Rule;
use revue::storage::{self, Journal, SaveError};

fn errors(app: &App) -> usize {
    app.documents[0]
        .findings
        .iter()
        .filter(|f| f.severity == revue::rules::Severity::Error)
        .count()
}

#[test]
fn an_edit_rechecks_at_once_and_saving_changes_only_its_line() {
    let (_dir, path) = workspace();
    let before = std::fs::read_to_string(&path).unwrap();
    let mut app = app_on(&path);
    let rules_before: Vec<Rule> = app.documents[0].findings.iter().map(|f| f.rule).collect();
    assert!(rules_before.contains(&Rule::SameFigure) && rules_before.contains(&Rule::Remaining));
    set_planned_total(&mut app, "1000000");
    let rules_after: Vec<Rule> = app.documents[0].findings.iter().map(|f| f.rule).collect();
    assert!(!rules_after.contains(&Rule::SameFigure), "{rules_after:?}");
    assert!(!rules_after.contains(&Rule::Remaining), "{rules_after:?}");
    assert!(
        rules_after.contains(&Rule::Sum),
        "État + Département no longer make the total"
    );
    assert!(app.documents[0].is_modified());

    app.update(Action::Save);
    assert!(!app.documents[0].is_modified());
    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0].1.contains(r#"total: Amount("1000000")"#),
        "{changed:?}"
    );
    // The previous version is kept beside it.
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path)).unwrap(),
        before
    );
    // Reloading gives the edited model.
    let reloaded = storage::load_file(&path).unwrap().convention;
    assert_eq!(reloaded, *app.documents[0].convention);
}

#[test]
fn a_save_never_overwrites_a_change_made_on_disk() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000000");
    let theirs = common::their_change_on_disk(&path);
    app.update(Action::Save);
    assert_eq!(app.dialog, Some(Dialog::Conflict { document: 0 }));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "their change is intact"
    );
    // Save a copy: theirs stays, mine is beside it.
    app.handle_key(&KeyEvent::from(KeyCode::Char('c')));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let copy = path.with_file_name("mini.ron.copie-1");
    assert_eq!(
        storage::load_file(&copy).unwrap().convention,
        *app.documents[0].convention
    );
    // Reload: theirs, my edit dropped.
    app.update(Action::Save);
    app.handle_key(&KeyEvent::from(KeyCode::Char('r')));
    assert_eq!(app.documents[0].convention.title, "Leur version");
    assert!(!app.documents[0].is_modified());
}

#[test]
fn storage_refuses_a_stale_hash() {
    let (_dir, path) = workspace();
    let loaded = storage::load_file(&path).unwrap();
    std::fs::write(&path, "changed").unwrap();
    let result = storage::save_convention(&path, &loaded.convention, Some(loaded.hash));
    assert!(matches!(result, Err(SaveError::Conflict { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed");
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_original_intact() {
    let (_dir, path) = workspace();
    let original = std::fs::read(&path).unwrap();
    let loaded = storage::load_file(&path).unwrap();
    let mut edited = loaded.convention.clone();
    edited.title = "Nouveau".into();
    // The first half of a save happens, then the process dies before the rename.
    let tmp = storage::temporary_path(&path).unwrap();
    storage::write_and_sync(&tmp, storage::to_ron_string(&edited).as_bytes()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), original);
    // The left-over temporary file is not taken for a convention.
    let report = storage::load_paths(&[path.parent().unwrap().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    assert!(report.errors.is_empty());
    assert_eq!(report.files[0].convention, loaded.convention);
}

#[test]
fn first_save_of_a_hand_written_file_warns_that_comments_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.ron");
    let hand = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replacen("(", "// written by hand\n(", 1);
    std::fs::write(&path, &hand).unwrap();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    assert_eq!(app.dialog, Some(Dialog::FormatLoss { document: 0 }));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        hand,
        "nothing written before the answer"
    );
    app.handle_key(&KeyEvent::from(KeyCode::Char('o')));
    assert!(!app.documents[0].is_modified());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains(r#"Amount("1000000")"#)
    );
}

#[test]
fn quitting_with_unsaved_edits_asks_first() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000000");
    app.update(Action::Quit);
    assert!(!app.should_quit);
    assert_eq!(app.dialog, Some(Dialog::Quit));
    app.handle_key(&KeyEvent::from(KeyCode::Esc));
    assert!(!app.should_quit && app.dialog.is_none(), "Esc: stay");
    app.update(Action::Quit);
    app.handle_key(&KeyEvent::from(KeyCode::Char('e')));
    assert!(app.should_quit, "save and quit");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains(r#"Amount("1000000")"#)
    );
}

#[test]
fn unsaved_edits_survive_a_crash_through_the_journal() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = app_on(&path);
        app.journal = Some(Journal::at(&journal_dir));
        set_planned_total(&mut app, "1000000");
        // The process dies here: no save, no clean exit.
    }
    let mut app = app_on(&path);
    app.journal = Some(Journal::at(&journal_dir));
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    app.offer_recovery(pending);
    assert_eq!(app.dialog, Some(Dialog::Recover));
    app.handle_key(&KeyEvent::from(KeyCode::Char('r')));
    let budget = app.documents[0].convention.axes[1].fiches[0]
        .budget
        .clone()
        .unwrap();
    assert_eq!(
        budget.planned.unwrap().total,
        Some(Value::Amount(1_000_000.into()))
    );
    assert!(app.documents[0].is_modified());
    app.update(Action::Save);
    assert!(
        Journal::at(&journal_dir).pending().is_empty(),
        "a save clears the journal"
    );
}

#[test]
fn amounts_are_refused_with_a_message_and_the_editor_stays_open() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::End);
    app.update(Action::Edit);
    let position = app
        .editor
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| *f == Field::Budget(BudgetField::PlannedTotal))
        .unwrap();
    for _ in 0..position {
        app.handle_key(&KeyEvent::from(KeyCode::Down));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "un million".chars() {
        app.handle_key(&KeyEvent::from(KeyCode::Char(c)));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    let editor = app.editor.as_ref().unwrap();
    assert!(editor.input.is_some(), "still typing");
    assert!(editor.error.as_deref().unwrap().contains("un million"));
    assert!(!app.documents[0].is_modified());
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    for c in "1.000.000,00 €".chars() {
        app.handle_key(&KeyEvent::from(KeyCode::Char(c)));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    assert!(app.editor.as_ref().unwrap().input.is_none());
    assert!(app.documents[0].is_modified());
    assert_eq!(errors(&app), 1);
}

#[test]
fn list_items_are_added_and_removed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    app.handle_key(&KeyEvent::from(KeyCode::Char('a')));
    for c in "CAF".chars() {
        app.handle_key(&KeyEvent::from(KeyCode::Char(c)));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    let names = || app_partners(&app);
    assert_eq!(names(), ["CAF"]);
    app.handle_key(&KeyEvent::from(KeyCode::Char('d')));
    assert!(app_partners(&app).is_empty());
    app.handle_key(&KeyEvent::from(KeyCode::Esc));
    app.update(Action::Undo);
    assert_eq!(app_partners(&app), ["CAF"]);
}

fn app_partners(app: &App) -> Vec<String> {
    app.documents[0].convention.axes[0].fiches[0]
        .partners
        .as_ref()
        .map(|p| p.names.clone())
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
enum Step {
    Edit(u32),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1u32..5_000_000).prop_map(Step::Edit),
        Just(Step::Undo),
        Just(Step::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Against a reference list of states: any sequence of edits, undos and redos leaves the
    /// model where the reference says, and undoing everything gives back the file as loaded.
    #[test]
    fn undo_and_redo_follow_a_reference_history(steps in proptest::collection::vec(step(), 1..40)) {
        let (_dir, path) = workspace();
        let mut app = app_on(&path);
        let original = app.documents[0].convention.clone();
        let mut states = vec![original.clone()];
        let mut position = 0;
        for step in steps {
            match step {
                Step::Edit(amount) => {
                    let before = app.documents[0].convention.clone();
                    set_planned_total(&mut app, &amount.to_string());
                    if app.documents[0].convention != before {
                        states.truncate(position + 1);
                        states.push(app.documents[0].convention.clone());
                        position += 1;
                    }
                }
                Step::Undo => {
                    app.update(Action::Undo);
                    position = position.saturating_sub(1);
                }
                Step::Redo => {
                    app.update(Action::Redo);
                    position = (position + 1).min(states.len() - 1);
                }
            }
            prop_assert_eq!(&app.documents[0].convention, &states[position]);
            prop_assert_eq!(app.documents[0].is_modified(), position != 0);
        }
        while !app.documents[0].undo.is_empty() {
            app.update(Action::Undo);
        }
        prop_assert_eq!(&app.documents[0].convention, &original);
    }
}

#[test]
fn an_addition_cancelled_adds_nothing_and_one_confirmed_is_one_undo_step() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    app.handle_key(&KeyEvent::from(KeyCode::Char('a')));
    app.handle_key(&KeyEvent::from(KeyCode::Esc));
    assert!(app_partners(&app).is_empty(), "Esc: no empty partner left");
    assert!(!app.documents[0].is_modified(), "and nothing to save");
    assert!(
        !app.editor
            .as_ref()
            .unwrap()
            .fields
            .contains(&Field::Partner(0))
    );
    // Enter on an empty new item is a cancel too.
    app.handle_key(&KeyEvent::from(KeyCode::Char('a')));
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    assert!(app_partners(&app).is_empty());
    assert!(!app.documents[0].is_modified());
    app.handle_key(&KeyEvent::from(KeyCode::Char('a')));
    for c in "CAF".chars() {
        app.handle_key(&KeyEvent::from(KeyCode::Char(c)));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Enter));
    assert_eq!(app_partners(&app), ["CAF"]);
    assert_eq!(
        app.documents[0].undo.len(),
        1,
        "added and named: one change"
    );
    app.handle_key(&KeyEvent::from(KeyCode::Esc));
    app.update(Action::Undo);
    assert!(app_partners(&app).is_empty());
}

#[test]
fn removing_what_holds_figures_asks_first_and_a_value_row_removes_only_its_value() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    let fields = app.editor.as_ref().unwrap().fields.clone();
    let (i, j) = fields
        .iter()
        .find_map(|f| match f {
            Field::IndicatorValue(i, j) => Some((*i, *j)),
            _ => None,
        })
        .expect("the fixture's first fiche has an indicator value");
    let indicator = |app: &App| app.documents[0].convention.axes[0].fiches[0].indicators[i].clone();
    let before = indicator(&app);
    assert!(before.values[j].value.is_some(), "a filled value");
    let at = fields
        .iter()
        .position(|f| *f == Field::IndicatorValue(i, j))
        .unwrap();
    for _ in 0..at {
        app.handle_key(&KeyEvent::from(KeyCode::Down));
    }
    app.handle_key(&KeyEvent::from(KeyCode::Char('d')));
    assert!(
        matches!(app.dialog, Some(Dialog::RemoveItem { .. })),
        "asks first: {:?}",
        app.dialog
    );
    app.handle_key(&KeyEvent::from(KeyCode::Esc));
    assert_eq!(indicator(&app), before, "Esc keeps it");
    app.handle_key(&KeyEvent::from(KeyCode::Char('d')));
    app.handle_key(&KeyEvent::from(KeyCode::Char('o')));
    let after = indicator(&app);
    assert_eq!(after.name, before.name, "the indicator stays");
    assert_eq!(
        after.values.len(),
        before.values.len() - 1,
        "one value less"
    );
}
