//! Nothing lost, nothing misplaced: an edit under way when the file changes on disk, two
//! sessions on one file, recovery put off, pastes.

mod common;

use std::path::Path;

use common::{app_on, ctrl, key, set_planned_total, type_text, workspace, workspace_with};
use crossterm::event::KeyCode;
use revue::app::edit::Field;
use revue::app::{Action, App, Dialog, FieldInput, Tab};
use revue::model::{Convention, Value};
use revue::storage::{self, Journal};

/// Another program rewrites the file.
fn change_on_disk(path: &Path, change: impl FnOnce(&mut Convention)) {
    let mut convention = storage::load_file(path).unwrap().convention;
    change(&mut convention);
    std::fs::write(path, storage::to_ron_string(&convention)).unwrap();
}

fn fiche<'a>(app: &'a App, id: &str) -> &'a revue::model::Fiche {
    app.documents[0]
        .convention
        .axes
        .iter()
        .flat_map(|a| &a.fiches)
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no fiche {id}"))
}

/// Opens the editor on the fiche at `position` of the Fiches tab, on `field`, and starts
/// typing there with the field emptied.
fn start_typing(app: &mut App, position: usize, field: Field) {
    app.update(Action::GoTo(Tab::Fiches));
    for _ in 0..position {
        app.update(Action::Down);
    }
    app.update(Action::Edit);
    let at = app
        .editor
        .as_ref()
        .expect("editor open")
        .fields
        .iter()
        .position(|f| *f == field);
    let at = at.expect("the field is offered");
    for _ in 0..at {
        app.handle_key(&key(KeyCode::Down));
    }
    app.handle_key(&key(KeyCode::Enter));
    app.handle_key(&ctrl('u'));
}

fn typing(app: &App) -> Option<String> {
    match app.editor.as_ref()?.input.as_ref()? {
        FieldInput::Text { area, .. } => Some(area.lines().join("\n")),
        FieldInput::Choice { .. } => None,
    }
}

#[test]
fn an_edit_being_typed_follows_its_fiche_when_the_file_is_replaced() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Title); // 1-4, the second fiche.
    type_text(&mut app, "Parentalité, nouveau titre");
    // Another program removes the first fiche: every position after it moves.
    change_on_disk(&path, |c| {
        c.axes[0].fiches.remove(0);
    });
    app.file_changed(&path);
    assert_eq!(
        typing(&app).as_deref(),
        Some("Parentalité, nouveau titre"),
        "the typing goes on"
    );
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(fiche(&app, "1-4").title, "Parentalité, nouveau titre");
    assert_eq!(
        fiche(&app, "3-2").title,
        "Boost emploi",
        "not another fiche"
    );
    app.handle_key(&key(KeyCode::Esc));
    app.update(Action::Save);
    assert_eq!(
        app.dialog, None,
        "the edit is on the reloaded file: no conflict"
    );
    let saved = storage::load_file(&path).unwrap().convention;
    let ids: Vec<&str> = saved
        .axes
        .iter()
        .flat_map(|a| &a.fiches)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(ids, ["1-4", "3-2"]);
    assert_eq!(saved.axes[0].fiches[0].title, "Parentalité, nouveau titre");
    assert_eq!(saved.axes[1].fiches[0].title, "Boost emploi");
}

#[test]
fn an_editor_on_a_fiche_removed_on_disk_closes_and_shows_what_was_typed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Title);
    type_text(&mut app, "texte tapé");
    change_on_disk(&path, |c| {
        c.axes[0].fiches.remove(1);
    });
    app.file_changed(&path);
    assert!(app.editor.is_none(), "nothing left to edit");
    match &app.dialog {
        Some(Dialog::Notice(message)) => {
            assert!(
                message.contains("1-4") && message.contains("texte tapé"),
                "{message}"
            )
        }
        other => panic!("the user is told: {other:?}"),
    }
    assert!(!app.documents[0].is_modified(), "nothing applied anywhere");
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.dialog, None);
}

#[test]
fn a_field_changed_on_disk_while_typing_is_flagged() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Title);
    type_text(&mut app, "mon titre");
    change_on_disk(&path, |c| {
        c.axes[0].fiches[1].title = "Titre venu d'ailleurs".into()
    });
    app.file_changed(&path);
    let editor = app.editor.as_ref().expect("still open");
    let error = editor.error.as_deref().expect("flagged");
    assert!(error.contains("Titre venu d'ailleurs"), "{error}");
    assert_eq!(typing(&app).as_deref(), Some("mon titre"));
}

fn with_partners(c: &mut Convention) {
    c.axes[0].fiches[1].partners = Some(revue::model::Partners {
        names: vec![
            "CAF".into(),
            "France Travail".into(),
            "Mission locale".into(),
        ],
        ..Default::default()
    });
}

/// Another program removes France Travail, the second partner of 1-4.
fn remove_second_partner(c: &mut Convention) {
    let partners = c.axes[0].fiches[1].partners.as_mut().unwrap();
    partners.names.remove(1);
}

#[test]
fn a_partner_removed_on_disk_leaves_the_list_and_what_was_typed_there_is_shown() {
    let (_dir, path) = workspace_with(with_partners);
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Partner(2));
    type_text(&mut app, "Mission locale Est");
    change_on_disk(&path, remove_second_partner);
    app.file_changed(&path);
    let editor = app.editor.as_ref().expect("the fiche is still there");
    assert!(
        !editor.fields.contains(&Field::Partner(2)),
        "stale field gone"
    );
    assert!(editor.input.is_none());
    match &app.dialog {
        Some(Dialog::Notice(message)) => assert!(message.contains("Mission locale Est")),
        other => panic!("the user is told: {other:?}"),
    }
    let partners = &fiche(&app, "1-4").partners.as_ref().unwrap().names;
    assert_eq!(partners, &["CAF", "Mission locale"]);
}

#[test]
fn typing_in_a_partner_whose_place_another_took_is_flagged() {
    let (_dir, path) = workspace_with(with_partners);
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Partner(1)); // France Travail
    type_text(&mut app, "France Travail 13");
    change_on_disk(&path, remove_second_partner);
    app.file_changed(&path);
    let error = app.editor.as_ref().and_then(|e| e.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("Mission locale")),
        "Partner 2 is now another partner: {error:?}"
    );
}

fn pending_totals(journal_dir: &Path) -> Vec<Option<Value>> {
    Journal::at(journal_dir)
        .pending()
        .into_iter()
        .map(|p| {
            p.convention.axes[1].fiches[0]
                .budget
                .clone()
                .unwrap()
                .planned
                .unwrap()
                .total
        })
        .collect()
}

#[test]
fn recovery_put_off_is_kept_until_restored_or_discarded() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    {
        let mut crashed = app_on(&path);
        crashed.start_session(Journal::at(&journal_dir));
        set_planned_total(&mut crashed, "1000000");
        // Dies here without saving.
    }
    let mut later = app_on(&path);
    later.start_session(Journal::at(&journal_dir));
    assert_eq!(later.dialog, Some(Dialog::Recover));
    later.handle_key(&key(KeyCode::Esc)); // Decide later.
    set_planned_total(&mut later, "2000000");
    later.update(Action::Quit);
    assert_eq!(later.dialog, Some(Dialog::Quit));
    later.handle_key(&key(KeyCode::Char('a'))); // Discard this session's edits.
    assert!(later.should_quit);
    drop(later);
    assert_eq!(
        pending_totals(&journal_dir),
        [Some(Value::Amount(1_000_000.into()))],
        "the crashed session's edits are still offered"
    );
    // Restoring them clears their entry; discarding would too.
    let mut again = app_on(&path);
    again.start_session(Journal::at(&journal_dir));
    again.handle_key(&key(KeyCode::Char('r')));
    again.update(Action::Save);
    drop(again);
    assert!(pending_totals(&journal_dir).is_empty());
}

#[test]
fn a_second_session_on_an_open_file_is_told_and_can_stay_read_only() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    let mut first = app_on(&path);
    first.start_session(Journal::at(&journal_dir));
    assert_eq!(first.dialog, None);
    set_planned_total(&mut first, "1000000");

    let mut second = app_on(&path);
    second.start_session(Journal::at(&journal_dir));
    let Some(Dialog::AlreadyOpen { documents }) = &second.dialog else {
        panic!("the second session is told at once: {:?}", second.dialog);
    };
    assert_eq!(documents[0].0, 0);
    assert_eq!(documents[0].1, std::process::id());
    assert!(
        second
            .dialog_message(second.dialog.as_ref().unwrap())
            .contains("mini.ron")
    );
    second.handle_key(&key(KeyCode::Char('l')));
    assert!(second.documents[0].read_only);
    second.update(Action::GoTo(Tab::Fiches));
    second.update(Action::Edit);
    assert!(second.editor.is_none(), "read-only: no editor");
    set_planned_total(&mut second, "3000000");
    assert!(!second.documents[0].is_modified(), "read-only: no edit");
    second.status = None;
    second.update(Action::Save);
    assert!(!second.save_in_flight(), "read-only: no save");
    let (_, told) = second.status.clone().expect("read-only: told why");
    assert!(
        told.starts_with("Lecture seule : ") && told.contains("mini.ron"),
        "{told}"
    );
    drop(second);

    // The first session's journal entry was never touched by the second.
    drop(first);
    assert_eq!(
        pending_totals(&journal_dir),
        [Some(Value::Amount(1_000_000.into()))]
    );
}

#[test]
fn a_session_that_ended_frees_its_files() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    let mut first = app_on(&path);
    first.start_session(Journal::at(&journal_dir));
    first.end_session();
    drop(first);
    let mut second = app_on(&path);
    second.start_session(Journal::at(&journal_dir));
    assert_eq!(second.dialog, None);
}

#[test]
fn a_pasted_line_break_is_text_never_a_keystroke() {
    let (_dir, path) = workspace_with(with_partners);
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Partner(1));
    app.handle_paste("France Travail\nd");
    assert_eq!(
        typing(&app).as_deref(),
        Some("France Travail d"),
        "still typing"
    );
    let partners = &fiche(&app, "1-4").partners.as_ref().unwrap().names;
    assert_eq!(partners.len(), 3, "no partner deleted");
    app.handle_key(&key(KeyCode::Enter));
    let partners = &fiche(&app, "1-4").partners.as_ref().unwrap().names;
    assert_eq!(partners[1], "France Travail d");
}

#[test]
fn a_long_paste_goes_in_whole_and_keeps_its_lines_where_lines_are_allowed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    start_typing(&mut app, 1, Field::Description);
    let long: String = (0..1000)
        .map(|i| format!("ligne {i:04} de quarante-trois caractères…\n"))
        .collect();
    app.handle_paste(&long);
    app.handle_key(&ctrl('s'));
    let description = fiche(&app, "1-4")
        .description
        .as_ref()
        .unwrap()
        .text
        .clone();
    assert_eq!(description.chars().count(), long.chars().count());
    assert_eq!(description.lines().count(), 1000);
}

#[test]
fn a_paste_in_the_search_searches_once_for_the_whole_text() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::Search);
    app.handle_paste("boost\r\nemploi");
    let palette = app.palette.as_ref().expect("palette open");
    assert_eq!(palette.query(), "boost emploi");
    assert!(!palette.hits.is_empty());
}

#[test]
fn a_paste_with_nothing_to_type_into_changes_nothing() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.handle_paste("qqq");
    assert!(!app.should_quit, "pasted q is not a key");
    assert!(app.status.is_some(), "the user is told");
}

#[test]
fn a_file_deleted_on_disk_is_said_so_and_saving_asks_before_writing_it_again() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000000");
    std::fs::remove_file(&path).unwrap();
    app.file_changed(&path);
    let (_, message) = app.status.clone().expect("the user is told");
    assert!(message.contains("supprimé ou renommé"), "{message}");
    app.update(Action::Save);
    assert_eq!(app.dialog, Some(Dialog::Missing { document: 0 }));
    assert!(!path.exists(), "nothing written before the answer");
    app.handle_key(&key(KeyCode::Char('e')));
    assert_eq!(app.dialog, None);
    let saved = storage::load_file(&path).unwrap().convention;
    let total = saved.axes[1].fiches[0]
        .budget
        .clone()
        .unwrap()
        .planned
        .unwrap()
        .total;
    assert_eq!(total, Some(Value::Amount(1_000_000.into())));
    assert!(!app.documents[0].is_modified());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_written_only_once_the_user_agrees() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = workspace();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    assert!(
        matches!(app.dialog, Some(Dialog::ReadOnlyFile { document: 0, .. })),
        "{:?}",
        app.dialog
    );
    app.handle_key(&key(KeyCode::Esc));
    assert_eq!(std::fs::read(&path).unwrap(), before, "Esc: untouched");
    assert!(app.documents[0].is_modified());
    app.update(Action::Save);
    app.handle_key(&key(KeyCode::Char('o')));
    assert_eq!(app.dialog, None);
    assert_ne!(std::fs::read(&path).unwrap(), before);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "still read-only");
}

#[test]
fn search_results_open_during_a_reload_still_lead_to_their_fiche() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::Search);
    type_text(&mut app, "boost emploi");
    assert!(!app.palette.as_ref().unwrap().hits.is_empty());
    change_on_disk(&path, |c| {
        c.axes[0].fiches.remove(0);
    });
    app.file_changed(&path);
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.tab, Tab::Fiches);
    let selected = app.selected_row(Tab::Fiches).expect("a fiche selected");
    let shown = revue::app::views::fiche_refs(&app.documents[0].convention)[selected];
    assert_eq!(shown.get(&app.documents[0].convention).id, "3-2");
}

/// Saved, undone, then edited otherwise: the undo stack is as deep as when saved, but the
/// convention is not the file's. It is modified, and quitting asks.
#[test]
fn an_edit_after_undoing_past_a_save_is_unsaved() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "1000");
    app.update(Action::Save);
    assert!(!app.documents[0].is_modified());
    app.update(Action::Undo);
    assert!(app.documents[0].is_modified());
    set_planned_total(&mut app, "2000");
    assert!(
        app.documents[0].is_modified(),
        "another state than the file's"
    );
    app.update(Action::Quit);
    assert!(matches!(app.dialog, Some(Dialog::Quit)), "quitting asks");
    assert!(!app.should_quit);
}
