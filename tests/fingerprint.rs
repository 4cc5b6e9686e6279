//! Issue 17: a change the watcher reports on a file that is still the one last loaded or
//! saved is not read again (reading and hashing a file of 5 000 fiches is ~45 ms of the UI
//! thread, and a save's own rename is reported every time). What tells is the file's
//! fingerprint: the same file, length and modification time.

mod common;

use std::time::{Duration, SystemTime};

use common::{app_on, set_planned_total, workspace};
use revue::app::Action;
use revue::storage::{self, OnDisk};

/// Writes `bytes` over the file in place and gives it back the modification time `at`: the
/// fingerprint stays, only the content differs.
fn rewrite_in_place_at(path: &std::path::Path, bytes: &[u8], at: SystemTime) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .expect("opens for writing");
    file.write_all(bytes).expect("writes");
    file.set_modified(at).expect("sets the modification time");
}

/// The same content with one figure changed to another of the same length.
fn same_length_other_figure(text: &str) -> String {
    let at = text.find("\"1").expect("a figure starting with 1");
    let mut changed = text.to_string();
    changed.replace_range(at + 1..at + 2, "9");
    assert_eq!(changed.len(), text.len());
    changed
}

#[test]
fn a_file_with_its_fingerprint_is_not_read_and_any_other_is() {
    let (_dir, path) = workspace();
    let loaded = storage::load_file(&path).expect("loads");
    let fingerprint = loaded.fingerprint.expect("a file read from disk has one");
    let known = Some((fingerprint, loaded.hash));
    assert!(matches!(storage::on_disk(&path, known), OnDisk::Hash(h) if h == loaded.hash));
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // Another content behind the same fingerprint is not seen: the file was not read.
    rewrite_in_place_at(&path, same_length_other_figure(&text).as_bytes(), modified);
    assert!(matches!(storage::on_disk(&path, known), OnDisk::Hash(h) if h == loaded.hash));
    // The same content at another time is read, and found the same.
    rewrite_in_place_at(&path, text.as_bytes(), modified + Duration::from_secs(1));
    assert!(matches!(storage::on_disk(&path, known), OnDisk::Hash(h) if h == loaded.hash));
    // Another length, or no fingerprint known: read.
    std::fs::write(&path, format!("{text}\n")).unwrap();
    assert!(matches!(storage::on_disk(&path, known), OnDisk::Hash(h) if h != loaded.hash));
    assert!(matches!(storage::on_disk(&path, None), OnDisk::Hash(h) if h != loaded.hash));
}

/// After a save, the watcher's report of its own rename costs no read: the saved file's
/// fingerprint is the one the save took of what it wrote. A change that kept the
/// fingerprint goes unseen by the watcher, but the next save still compares the whole
/// content and refuses to overwrite it.
#[test]
fn a_saves_own_file_is_known_without_reading_it_and_a_hidden_change_is_still_refused() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    set_planned_total(&mut app, "123456");
    app.update(Action::Save);
    assert!(!app.documents[0].is_modified(), "saved");
    let saved = std::fs::read_to_string(&path).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        app.documents[0].loaded_fingerprint,
        Some(storage::Fingerprint::of(&meta)),
        "the fingerprint of the file the save wrote"
    );
    assert!(!app.file_changed(&path), "its own save: nothing to tell");
    rewrite_in_place_at(
        &path,
        same_length_other_figure(&saved).as_bytes(),
        meta.modified().unwrap(),
    );
    assert!(!app.file_changed(&path), "the fingerprint is unchanged");
    set_planned_total(&mut app, "654321");
    app.update(Action::Save);
    assert!(
        app.documents[0].is_modified(),
        "the save compared the content and did not write"
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), saved);
    assert!(app.dialog.is_some(), "the user is asked what to do");
}
