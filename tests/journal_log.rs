//! The crash journal records each edit as the change it made (issue 17): a log started from
//! the file as loaded, one fiche or table per edit, undo and redo included, written off the
//! UI thread; a state that did not start from the file starts the log afresh from that whole
//! state, and the edits after it are appended.

use std::path::{Path, PathBuf};

use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::views::FicheRef;
use revue::app::{App, Keymap};
use revue::model::{BudgetField, Value};
use revue::rules::Config;
use revue::storage::{self, Journal};
use revue::strings::Lang;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.ron");
const BOOST: FicheRef = FicheRef { axe: 1, fiche: 0 };

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mini.ron");
    let convention = storage::load_file(Path::new(FIXTURE)).unwrap().convention;
    std::fs::write(&path, storage::to_ron_string(&convention)).unwrap();
    (dir, path)
}

fn app_on(path: &Path, journal_dir: &Path) -> App {
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
    app.journal = Some(Journal::at(journal_dir));
    app
}

fn set_planned_total(app: &mut App, amount: &str) {
    let target = EditTarget::Fiche(BOOST);
    let value = NewValue::Figure(Some(Value::Amount(amount.parse().unwrap())));
    app.commit(0, target, |c| {
        edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
    });
}

fn planned_total(convention: &revue::model::Convention) -> Option<Value> {
    BOOST
        .get(convention)
        .budget
        .clone()
        .unwrap()
        .planned
        .unwrap()
        .total
}

/// The journal's entries, by extension.
fn entries(journal_dir: &Path, extension: &str) -> usize {
    std::fs::read_dir(journal_dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == extension)
        })
        .count()
}

#[test]
fn edits_undo_and_redo_are_journaled_as_changes_and_recovered() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = app_on(&path, &journal_dir);
        set_planned_total(&mut app, "1000000");
        set_planned_total(&mut app, "2000000");
        set_planned_total(&mut app, "3000000");
        app.undo();
        app.undo();
        app.redo();
        assert_eq!(
            planned_total(&app.documents[0].convention),
            Some(Value::Amount(2_000_000.into()))
        );
        // The process ends here without a save.
    }
    assert_eq!(entries(&journal_dir, "log"), 1, "a change log");
    assert_eq!(entries(&journal_dir, "ron"), 0, "not the whole convention");
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        planned_total(&pending[0].convention),
        Some(Value::Amount(2_000_000.into()))
    );
    // Everything else is the file as loaded.
    let mut expected = storage::load_file(&path).unwrap().convention;
    let budget = expected.axes[1].fiches[0].budget.as_mut().unwrap();
    budget.planned.as_mut().unwrap().total = Some(Value::Amount(2_000_000.into()));
    assert_eq!(pending[0].convention, expected);
}

#[test]
fn undoing_every_edit_or_saving_leaves_nothing_in_the_journal() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = app_on(&path, &journal_dir);
        set_planned_total(&mut app, "1000000");
        app.undo();
        set_planned_total(&mut app, "2000000");
        app.update(revue::app::Action::Save);
        set_planned_total(&mut app, "3000000");
        app.undo();
    }
    assert!(Journal::at(&journal_dir).pending().is_empty());
}

/// A session edits the file and ends without a save; the next one restores its edit.
fn recovered_after_an_edit(path: &Path, journal_dir: &Path) -> App {
    {
        let mut app = app_on(path, journal_dir);
        set_planned_total(&mut app, "1000000");
    }
    let mut app = app_on(path, journal_dir);
    let pending = Journal::at(journal_dir).pending();
    app.offer_recovery(pending);
    app.handle_key(&crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Char('r'),
    ));
    app
}

#[test]
fn an_edit_after_a_recovery_is_journaled_with_what_was_recovered() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = recovered_after_an_edit(&path, &journal_dir);
        // Another fiche edited: the recovered figure must survive with it.
        let target = EditTarget::Fiche(FicheRef { axe: 0, fiche: 0 });
        let value = NewValue::Figure(Some(Value::Amount(7.into())));
        app.commit(0, target, |c| {
            edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
        });
    }
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        planned_total(&pending[0].convention),
        Some(Value::Amount(1_000_000.into()))
    );
    let first = &pending[0].convention.axes[0].fiches[0];
    assert_eq!(
        first
            .budget
            .as_ref()
            .unwrap()
            .planned
            .as_ref()
            .unwrap()
            .total,
        Some(Value::Amount(7.into()))
    );
}

#[test]
fn a_log_cut_short_by_a_crash_keeps_the_changes_before_the_cut() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = app_on(&path, &journal_dir);
        set_planned_total(&mut app, "1000000");
        set_planned_total(&mut app, "2000000");
    }
    let log = std::fs::read_dir(&journal_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "log"))
        .unwrap();
    let bytes = std::fs::read(&log).unwrap();
    std::fs::write(&log, &bytes[..bytes.len() - 40]).unwrap();
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        planned_total(&pending[0].convention),
        Some(Value::Amount(1_000_000.into()))
    );
}

/// The change frames (`C <length>` lines) of the journal's change log.
fn change_frames(journal_dir: &Path) -> usize {
    let log = std::fs::read_dir(journal_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "log"))
        .expect("a change log");
    String::from_utf8_lossy(&std::fs::read(log).unwrap())
        .lines()
        .filter(|line| {
            line.strip_prefix("C ")
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count()
}

/// After a state recorded whole (here a recovered one), each edit is appended to a change
/// log started from that state, not written whole again: at 5 000 fiches each edit after a
/// structural step or a recovery wrote and fsynced 52 MB on the UI thread (issue 17).
#[test]
fn edits_after_a_state_recorded_whole_are_appended_as_changes() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut app = recovered_after_an_edit(&path, &journal_dir);
        for amount in ["2000000", "3000000", "4000000"] {
            set_planned_total(&mut app, amount);
        }
    }
    assert_eq!(entries(&journal_dir, "ron"), 0, "nothing written whole");
    assert_eq!(entries(&journal_dir, "log"), 1);
    assert_eq!(change_frames(&journal_dir), 3, "one change per edit");
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        planned_total(&pending[0].convention),
        Some(Value::Amount(4_000_000.into()))
    );
}
