//! Issue 17: a save runs on a worker thread and its result comes back through the event
//! loop. Here the loop is the test: a waker that sends on a channel, as the terminal loop's
//! does, and `App::finish_save` called by hand when the test chooses.

mod common;
#[path = "../examples/gen_corpus/corpus.rs"]
#[allow(dead_code)]
mod corpus;
mod pty;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use common::{app_on, ctrl, set_planned_total, workspace};
use crossterm::event::{KeyCode, KeyEvent};
use revue::app::{Action, App, Dialog};
use revue::model::{Convention, Value};
use revue::rules::Severity;
use revue::storage;

/// Gives `app` an event loop to wake: the receiver gets one message per save that ends.
fn with_waker(app: &mut App) -> mpsc::Receiver<()> {
    let (sender, receiver) = mpsc::channel();
    let sender = std::sync::Mutex::new(sender);
    app.saving.waker = Some(Arc::new(move || {
        let _ = sender.lock().unwrap().send(());
    }));
    receiver
}

/// Waits until the worker says it is done (what wakes the event loop).
fn worker_done(woken: &mpsc::Receiver<()>) {
    woken
        .recv_timeout(Duration::from_secs(30))
        .expect("the save's worker wakes the loop");
}

fn planned_total(convention: &Convention) -> Option<Value> {
    convention.axes[1].fiches[0]
        .budget
        .as_ref()?
        .planned
        .as_ref()?
        .total
        .clone()
}

/// The planned total of the fixture's fiche 3-2 as the file on disk holds it.
fn saved_total(path: &std::path::Path) -> Option<Value> {
    planned_total(&storage::load_file(path).unwrap().convention)
}

/// A fixture workspace and an app on it whose saves wake the returned receiver.
fn app_with_waker() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    App,
    mpsc::Receiver<()>,
) {
    let (dir, path) = workspace();
    let mut app = app_on(&path);
    let woken = with_waker(&mut app);
    (dir, path, app, woken)
}

fn amount(text: &str) -> Option<Value> {
    Some(Value::Amount(text.parse().unwrap()))
}

#[test]
fn an_edit_made_during_a_save_is_kept_and_the_file_is_the_state_the_save_began_with() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    let when_save_began: Convention = (*app.documents[0].convention).clone();

    app.update(Action::Save);
    assert!(app.save_in_flight(), "the save runs on its worker");
    let (_, message) = app.status.clone().expect("a message while saving");
    assert!(message.starts_with("Enregistrement…"), "{message}");
    // An edit while the worker writes: the shared convention is copied, not changed under it.
    set_planned_total(&mut app, "2000000");
    worker_done(&woken);
    app.finish_save();

    assert!(!app.save_in_flight());
    assert!(
        app.documents[0].is_modified(),
        "the edit made meanwhile is not on disk"
    );
    assert_eq!(
        planned_total(&app.documents[0].convention),
        amount("2000000")
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        storage::to_ron_string(&when_save_began),
        "exactly the convention as it was when the save began"
    );
    // The next save writes the edit, without taking the first save for a change on disk.
    app.update(Action::Save);
    worker_done(&woken);
    app.finish_save();
    assert_eq!(app.dialog, None);
    assert!(!app.documents[0].is_modified());
    let on_disk = storage::load_file(&path).unwrap().convention;
    assert_eq!(planned_total(&on_disk), amount("2000000"));
}

#[test]
fn a_save_without_an_edit_meanwhile_leaves_the_document_unmodified() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    assert!(
        app.documents[0].is_modified(),
        "modified until the result is in"
    );
    worker_done(&woken);
    app.finish_save();
    assert!(!app.documents[0].is_modified());
    let (_, message) = app.status.clone().expect("told");
    assert!(message.starts_with("Enregistré"), "{message}");
    assert_eq!(saved_total(&path), amount("1000000"));
}

#[test]
fn a_failed_save_keeps_the_document_modified_and_says_why() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    // Where the file was, something that is not a file: the worker's write fails.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    app.update(Action::Save);
    worker_done(&woken);
    app.finish_save();
    assert!(app.documents[0].is_modified());
    let (severity, message) = app.status.clone().expect("the failure is told");
    assert_eq!(severity, Some(Severity::Error));
    assert!(
        message.starts_with("Échec de l'enregistrement"),
        "{message}"
    );
    assert!(message.contains("mini.ron"), "names the file: {message}");
}

#[test]
fn a_second_save_while_one_runs_is_refused_with_a_message() {
    let (_dir, _path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    app.handle_key(&ctrl('s'));
    let (severity, message) = app.status.clone().expect("told");
    assert_eq!(severity, Some(Severity::Warning));
    assert!(message.starts_with("Enregistrement en cours"), "{message}");
    worker_done(&woken);
    app.finish_save();
    assert!(!app.documents[0].is_modified());
    assert!(woken.try_recv().is_err(), "one save ran, not two");
}

#[test]
fn quitting_during_a_save_then_editing_asks_when_the_save_ends() {
    let (_dir, _path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    app.update(Action::Quit);
    set_planned_total(&mut app, "2000000");
    worker_done(&woken);
    app.finish_save();
    assert!(!app.should_quit, "an edit is unsaved");
    assert_eq!(app.dialog, Some(Dialog::Quit));
}

#[test]
fn quitting_during_a_save_waits_for_it() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    app.update(Action::Quit);
    assert!(!app.should_quit, "not before the save's result");
    assert_eq!(app.dialog, None, "nothing to ask yet");
    let (_, message) = app.status.clone().expect("told");
    assert!(
        message.starts_with("Fin de l'enregistrement en attente"),
        "{message}"
    );
    worker_done(&woken);
    app.finish_save();
    assert!(app.should_quit, "saved: nothing left to ask about");
    assert_eq!(app.dialog, None);
    assert_eq!(saved_total(&path), amount("1000000"));
}

#[test]
fn save_and_quit_quits_only_once_the_save_succeeded() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Quit);
    assert_eq!(app.dialog, Some(Dialog::Quit));
    app.handle_key(&KeyEvent::from(KeyCode::Char('e')));
    assert!(!app.should_quit, "not before the save's result");
    assert!(app.save_in_flight());
    worker_done(&woken);
    app.finish_save();
    assert!(app.should_quit);
    assert_eq!(saved_total(&path), amount("1000000"));
}

#[test]
fn save_and_quit_stays_when_the_save_fails() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    app.update(Action::Quit);
    app.handle_key(&KeyEvent::from(KeyCode::Char('e')));
    worker_done(&woken);
    app.finish_save();
    assert!(!app.should_quit, "the edits are not on disk");
    assert!(app.documents[0].is_modified());
}

#[test]
fn the_saves_own_rename_is_not_a_change_on_disk_but_a_later_one_is() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    app.update(Action::Save);
    worker_done(&woken);
    // The watcher's event for the rename, before the loop takes the save's result.
    assert!(!app.file_changed(&path));
    app.finish_save();
    assert_eq!(app.dialog, None);
    let (severity, message) = app.status.clone().expect("told");
    assert_eq!(severity, None, "{message}");
    assert!(message.starts_with("Enregistré"), "{message}");
    assert!(!app.documents[0].is_modified());

    // Another program's change, reported while a save runs, is looked at when it ends.
    set_planned_total(&mut app, "2000000");
    app.update(Action::Save);
    worker_done(&woken);
    let mut theirs = storage::load_file(&path).unwrap().convention;
    theirs.title = "Changé ailleurs".to_string();
    storage::write_atomically(&path, storage::to_ron_string(&theirs).as_bytes()).unwrap();
    assert!(!app.file_changed(&path));
    app.finish_save();
    assert_eq!(
        app.documents[0].convention.title, "Changé ailleurs",
        "no unsaved edit: the file changed on disk is reloaded"
    );
}

/// End to end: the real binary in a pseudo-terminal, on one large convention. Ctrl-S, then a
/// key at once: the key is handled (the Fiches tab drawn) while the save still runs.
mod end_to_end {
    use std::process::Command;
    use std::time::Duration;

    use super::corpus;
    use super::pty::Terminal;

    /// A 1 500-fiche convention (a few megabytes: seconds to save in a debug build), open in
    /// revue with one unsaved edit.
    fn large_convention_edited() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>, Terminal) {
        let dir = tempfile::tempdir().unwrap();
        let paths = corpus::write(
            &dir.path().join("data"),
            corpus::Params {
                departements: 1,
                years: 1,
                fiches_per_convention: Some(1500),
                ..corpus::Params::default()
            },
        )
        .unwrap();
        let path = paths[0].clone();
        let before = std::fs::read(&path).unwrap();
        let mut t = Terminal::start_with_state(&[path.to_str().unwrap()], dir.path());
        // A debug build loading and saving megabytes.
        t.patience = Duration::from_secs(120);
        t.wait_for("Axes (€)");
        // An edit, so that there is something to save: the first fiche's planned total.
        t.send("3");
        t.wait_for("Budgets des fiches");
        t.send("j"); // The first row is the axe.
        t.send("e");
        t.wait_for("Modifier —");
        t.send("jj\r");
        t.wait_for("Entrée : valider");
        t.send("\u{15}1 000 000\r");
        t.send("\u{1b}");
        t.wait_for("● modifié");
        (dir, path, before, t)
    }

    #[test]
    fn a_signal_during_a_save_waits_for_it() {
        let (dir, path, before, mut t) = large_convention_edited();
        t.send("\u{13}");
        t.wait_for("Enregistrement…");
        let pid = t.session.get_process().pid();
        let killed = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        assert_eq!(t.wait_exit(), 128 + 15);
        let after = std::fs::read(&path).unwrap();
        assert!(before != after, "the save ended before the exit");
        assert!(revue::storage::load_file(&path).is_ok(), "whole");
        let backup = std::fs::read(revue::storage::backup_path(&path)).unwrap();
        assert!(backup == before, "the backup is the file as loaded");
        let pending = revue::storage::Journal::at(dir.path().join("journal")).pending();
        assert!(pending.is_empty(), "saved: nothing left in the journal");
    }

    #[test]
    fn keys_typed_right_after_ctrl_s_are_handled_while_the_save_runs() {
        let (_dir, path, before, mut t) = large_convention_edited();
        let path = &path;
        // Ctrl-S, then the Fiches tab at once.
        t.send("\u{13}2");
        // A whole frame: the tab and the status line (the screen is read as it arrives).
        let both = t.wait_until("the Fiches tab and a save's message", |screen| {
            screen.contains("Fiches (")
                && (screen.contains("Enregistrement…") || screen.contains("Enregistré :"))
        });
        assert!(
            both.contains("Fiches (") && both.contains("Enregistrement…"),
            "the key waited for the save:\n{both}"
        );
        t.wait_for("Enregistré :");
        t.send("q");
        assert_eq!(t.wait_exit(), 0);
        let after = std::fs::read(path).unwrap();
        assert!(before != after, "saved");
        let backup = std::fs::read(revue::storage::backup_path(path)).unwrap();
        assert!(backup == before, "the backup is the file as loaded");
    }
}

/// "Save a copy", after a change on disk, is written on the worker too (serialising a
/// convention of 5 000 fiches is ~130 ms): the copy holds the state when it began, an edit
/// made meanwhile stays unsaved, and their file is untouched.
#[test]
fn a_copy_after_a_conflict_is_written_on_the_worker() {
    let (_dir, path, mut app, woken) = app_with_waker();
    set_planned_total(&mut app, "1000000");
    let theirs = common::their_change_on_disk(&path);
    app.update(Action::Save);
    worker_done(&woken);
    app.finish_save();
    assert_eq!(app.dialog, Some(Dialog::Conflict { document: 0 }));
    let when_copy_began: Convention = (*app.documents[0].convention).clone();

    app.handle_key(&KeyEvent::from(KeyCode::Char('c')));
    assert_eq!(app.dialog, None);
    assert!(app.save_in_flight(), "the copy is written on the worker");
    set_planned_total(&mut app, "2000000");
    worker_done(&woken);
    app.finish_save();

    let copy = path.with_file_name("mini.ron.copie-1");
    assert_eq!(
        storage::load_file(&copy).unwrap().convention,
        when_copy_began
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs intact"
    );
    assert!(
        app.documents[0].is_modified(),
        "a copy does not save the document"
    );
    assert_eq!(
        planned_total(&app.documents[0].convention),
        amount("2000000")
    );
    let (severity, message) = app.status.clone().expect("the copy is told");
    assert_eq!(severity, None);
    assert!(message.contains("mini.ron.copie-1"), "{message}");
}
