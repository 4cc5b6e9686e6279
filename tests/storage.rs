//! Loading and saving convention files: round-trips and every error path.

use std::path::{Path, PathBuf};

use revue::storage::{self, LoadErrorKind, from_ron_str, to_ron_string};

const MINIMAL: &str = r#"(
    version: 1,
    title: "Convention minimale",
    kind: Convention,
    territory: (name: "Ardèche", number: "07"),
    document: (title: "test"),
    axes: [(id: "1", title: "Axe", fiches: [(id: "1-1", title: "Fiche", budget: (planned: (etat: Amount("10"), total: Amount("20"))))])],
)
"#;

fn data_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
    files.sort();
    files
}

#[test]
fn every_bundled_file_round_trips_byte_for_byte() {
    let files = data_files();
    assert_eq!(
        files.len(),
        3,
        "data/ holds the three transcribed documents"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = from_ron_str(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let saved = to_ron_string(&first);
        assert!(
            saved == text,
            "{} is not in canonical form: run `revue fmt`",
            path.display()
        );
        let second = from_ron_str(&saved).unwrap();
        assert_eq!(first, second, "{}", path.display());
    }
}

#[test]
fn bundled_copies_match_data_directory() {
    for (name, content) in storage::BUNDLED {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data")
                .join(name),
        )
        .unwrap();
        assert_eq!(&on_disk, content, "{name}");
    }
}

#[test]
fn canonical_output_uses_unix_newlines_and_strings_for_amounts() {
    let convention = from_ron_str(MINIMAL).unwrap();
    let text = to_ron_string(&convention);
    assert!(!text.contains('\r'));
    assert!(text.ends_with(")\n"));
    assert!(text.contains(r#"etat: Amount("10")"#), "{text}");
    assert_eq!(from_ron_str(&text).unwrap(), convention);
}

fn syntax_error(text: &str) -> (usize, usize, String) {
    match from_ron_str(text) {
        Err(LoadErrorKind::Syntax {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn malformed_ron_reports_line_and_column() {
    let broken = MINIMAL.replace(r#"title: "Axe","#, r#"title: "Axe"  fiches"#);
    let (line, column, message) = syntax_error(&broken);
    assert_eq!(line, 7, "{message}");
    assert!(column > 1, "{column}");
    assert!(!message.is_empty());
}

#[test]
fn unknown_field_is_an_error_naming_the_field() {
    let typo = MINIMAL.replace("kind: Convention,", "kind: Convention,\n    titre: \"x\",");
    let (line, _, message) = syntax_error(&typo);
    assert_eq!(line, 5);
    assert!(message.contains("titre"), "{message}");
}

#[test]
fn amount_written_as_bare_number_is_refused() {
    let bare = MINIMAL.replace(r#"Amount("10")"#, "Amount(10)");
    let (line, _, message) = syntax_error(&bare);
    assert_eq!(line, 7, "{message}");
    let float = MINIMAL.replace(r#"Amount("10")"#, "Amount(10.5)");
    syntax_error(&float);
}

#[test]
fn amount_string_that_is_not_a_decimal_is_refused() {
    let words = MINIMAL.replace(r#"Amount("10")"#, r#"Amount("dix euros")"#);
    let (line, _, _) = syntax_error(&words);
    assert_eq!(line, 7);
}

#[test]
fn unsupported_version_is_reported() {
    let future = MINIMAL.replace("version: 1", "version: 99");
    assert_eq!(
        from_ron_str(&future),
        Err(LoadErrorKind::Version {
            found: 99,
            supported: 1
        })
    );
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let report = storage::load_paths(&[PathBuf::from("/nonexistent/convention.ron")]);
    assert!(report.files.is_empty());
    assert_eq!(report.errors.len(), 1);
    assert!(matches!(report.errors[0].kind, LoadErrorKind::Io(_)));
    assert!(
        report.errors[0]
            .to_string()
            .starts_with("/nonexistent/convention.ron: ")
    );
}

#[test]
fn one_broken_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ron"), MINIMAL).unwrap();
    std::fs::write(dir.path().join("b.ron"), "(version: 1, title: ").unwrap();
    std::fs::write(
        dir.path().join("c.ron"),
        MINIMAL.replace("Ardèche", "Drôme"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a convention").unwrap();
    let report = storage::load_paths(&[dir.path().to_path_buf()]);
    let names: Vec<_> = report
        .files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["a.ron", "c.ron"]);
    assert_eq!(report.errors.len(), 1);
    let message = report.errors[0].to_string();
    assert!(message.contains("b.ron:1:"), "{message}");
}

#[test]
fn invalid_utf8_is_reported_not_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, b"(version: 1, title: \"\xff\")").unwrap();
    let err = storage::load_file(&path).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::NotUtf8 { byte_offset: 21 });
}

#[test]
fn atomic_write_replaces_content_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    std::fs::write(&path, "old").unwrap();
    storage::write_atomically(&path, b"new").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn bundled_conventions_are_installed_once_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("conventions");
    storage::install_bundled(&target).unwrap();
    assert_eq!(
        std::fs::read_dir(&target).unwrap().count(),
        storage::BUNDLED.len()
    );
    let first = target.join(storage::BUNDLED[0].0);
    std::fs::write(&first, "edited by the user").unwrap();
    storage::install_bundled(&target).unwrap();
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "edited by the user"
    );
}

// Issue 13: nothing lost, nothing clobbered.

use revue::storage::{IoProblemKind, SaveOutcome, SavePolicy};
use revue::strings::Lang;

/// A directory holding `c.ron` (MINIMAL, canonical) and what it loaded as.
fn saved_minimal() -> (tempfile::TempDir, PathBuf, storage::LoadedFile) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    let canonical = to_ron_string(&from_ron_str(MINIMAL).unwrap());
    std::fs::write(&path, canonical).unwrap();
    let loaded = storage::load_file(&path).unwrap();
    (dir, path, loaded)
}

fn policy(loaded: &storage::LoadedFile) -> SavePolicy {
    SavePolicy {
        loaded_hash: Some(loaded.hash),
        ..SavePolicy::default()
    }
}

fn edited(loaded: &storage::LoadedFile) -> revue::model::Convention {
    let mut convention = loaded.convention.clone();
    convention.title = "Titre modifié".into();
    convention
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Item 2: the temporary files of the save, of its backup, and the backup itself were at
/// names anyone who can write the directory could guess; a link planted there made the save
/// overwrite the link's target.
#[cfg(unix)]
#[test]
fn links_planted_at_predictable_names_do_not_redirect_a_save() {
    let (dir, path, loaded) = saved_minimal();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let pid = std::process::id();
    for name in [
        format!(".c.ron.{pid}.tmp"),
        format!(".c.ron.bak.{pid}.tmp"),
        "c.ron.bak".to_string(),
        ".c.ron.tmp".to_string(),
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    }
    let outcome = storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Titre modifié")
    );
    // The backup replaced the planted link instead of writing through it.
    let backup = storage::backup_path(&path);
    assert!(std::fs::symlink_metadata(&backup).unwrap().is_file());
    // The two-step writer used by callers creates its file exclusively too.
    let tmp = storage::temporary_path(&path).unwrap();
    std::os::unix::fs::symlink(&victim, &tmp).unwrap();
    assert!(storage::write_and_sync(&tmp, b"evil").is_err());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    // And `write_atomically` (journal, bundled files) replaces a link, never follows it.
    let link = dir.path().join("journal.ron");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    storage::write_atomically(&link, b"entry").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// Item 7: a 0600 file became 0644, and its backup was world-readable.
#[cfg(unix)]
#[test]
fn a_save_keeps_the_mode_and_the_backup_gets_it() {
    let (_dir, path, loaded) = saved_minimal();
    set_mode(&path, 0o600);
    let outcome = storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    assert_eq!(mode_of(&path), 0o600);
    assert_eq!(mode_of(&storage::backup_path(&path)), 0o600);
    // The old entry point, which the app calls, too.
    set_mode(&path, 0o640);
    let hash = storage::content_hash(&std::fs::read(&path).unwrap());
    storage::save_convention(&path, &loaded.convention, Some(hash)).unwrap();
    assert_eq!(mode_of(&path), 0o640);
}

/// Item 7: the owner and group are kept (checked when the test may give files away).
#[cfg(unix)]
#[test]
fn a_save_keeps_owner_and_group_when_allowed() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, path, loaded) = saved_minimal();
    if std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_err() {
        return; // Not root: the owner cannot be anyone else.
    }
    storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    let backup = std::fs::metadata(storage::backup_path(&path)).unwrap();
    assert_eq!((backup.uid(), backup.gid()), (4321, 4321));
}

/// Item 7: a read-only file (0444) was overwritten without a question.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_overwritten_without_consent() {
    let (_dir, path, loaded) = saved_minimal();
    set_mode(&path, 0o444);
    let before = std::fs::read(&path).unwrap();
    let outcome = storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap();
    assert_eq!(outcome, SaveOutcome::ReadOnly);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!storage::backup_path(&path).exists());
    // The old entry point refuses it with an error naming the file.
    let error = storage::save_convention(&path, &edited(&loaded), Some(loaded.hash)).unwrap_err();
    assert!(error.to_string().contains("c.ron"), "{error}");
    assert!(error.to_string().contains("lecture seule"), "{error}");
    // With consent it is written, and stays read-only.
    let consent = SavePolicy {
        overwrite_read_only: true,
        ..policy(&loaded)
    };
    let outcome = storage::save(&path, &edited(&loaded), consent).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Titre modifié")
    );
    assert_eq!(mode_of(&path), 0o444);
}

/// Item 8: a link was replaced by a regular file, so link and target silently diverged.
#[cfg(unix)]
#[test]
fn a_link_is_written_through_and_stays_a_link() {
    let (dir, target, _) = saved_minimal();
    let elsewhere = dir.path().join("liens");
    std::fs::create_dir(&elsewhere).unwrap();
    let link = elsewhere.join("lien.ron");
    std::os::unix::fs::symlink("../c.ron", &link).unwrap();
    set_mode(&target, 0o600);
    let loaded = storage::load_file(&link).unwrap();
    let outcome = storage::save(&link, &edited(&loaded), policy(&loaded)).unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("Titre modifié")
    );
    assert_eq!(mode_of(&target), 0o600);
    // The backup is beside the target, and nothing was left beside the link.
    assert!(storage::backup_path(&target).exists());
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1);
    // `write_through` (used by `revue fmt`) does the same.
    storage::write_through(&link, b"through").unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "through");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// The unified call: a deleted or renamed file is `Missing`, not "changed on disk"; a change
/// is a conflict; comments are a format loss; each only with the disk read once.
#[test]
fn save_tells_missing_conflict_and_format_loss_apart() {
    let (dir, path, loaded) = saved_minimal();
    std::fs::rename(&path, dir.path().join("renamed.ron")).unwrap();
    assert_eq!(
        storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap(),
        SaveOutcome::Missing
    );
    assert!(!path.exists(), "nothing written");
    let overwrite = SavePolicy {
        overwrite_changes: true,
        ..policy(&loaded)
    };
    assert!(matches!(
        storage::save(&path, &edited(&loaded), overwrite).unwrap(),
        SaveOutcome::Saved { .. }
    ));

    let (_dir, path, loaded) = saved_minimal();
    std::fs::write(&path, "changed elsewhere").unwrap();
    assert!(matches!(
        storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap(),
        SaveOutcome::Conflict { .. }
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed elsewhere");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.ron");
    let hand = format!("// écrit à la main\n{MINIMAL}");
    std::fs::write(&path, &hand).unwrap();
    let loaded = storage::load_file(&path).unwrap();
    assert_eq!(
        storage::save(&path, &edited(&loaded), policy(&loaded)).unwrap(),
        SaveOutcome::FormatLoss
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), hand);
    let accepted = SavePolicy {
        accept_format_loss: true,
        ..policy(&loaded)
    };
    let SaveOutcome::Saved { hash, .. } = storage::save(&path, &edited(&loaded), accepted).unwrap()
    else {
        panic!("saved once accepted");
    };
    assert_eq!(hash, storage::content_hash(&std::fs::read(&path).unwrap()));
    assert_eq!(
        std::fs::read_to_string(storage::backup_path(&path)).unwrap(),
        hand
    );
}

/// Issue 19, item 1: a copy saved on conflict was `NAME.copie-1.ron`, opened at the next
/// start as a second convention.
#[test]
fn a_copy_is_not_opened_as_another_convention() {
    let (dir, path, loaded) = saved_minimal();
    let first = storage::save_copy(&path, &edited(&loaded)).unwrap();
    let second = storage::save_copy(&path, &edited(&loaded)).unwrap();
    assert_eq!(first.file_name().unwrap(), "c.ron.copie-1");
    assert_eq!(second.file_name().unwrap(), "c.ron.copie-2");
    assert!(
        std::fs::read_to_string(&first)
            .unwrap()
            .contains("Titre modifié")
    );
    let report = storage::load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    assert!(report.errors.is_empty());
}

/// Issue 19, item 12: `.RON` files were silently skipped when opening a directory.
#[test]
fn upper_case_extensions_are_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("A.RON"), MINIMAL).unwrap();
    std::fs::write(dir.path().join("b.Ron"), MINIMAL).unwrap();
    let report = storage::load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 2, "{:?}", report.errors);
}

/// Item 9: anything that is not a regular file is refused at once, with a message naming
/// it; the other files still open.
#[cfg(unix)]
#[test]
fn fifos_devices_and_directories_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("tube.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::write(dir.path().join("ok.ron"), MINIMAL).unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let paths = vec![
        dir.path().to_path_buf(),
        PathBuf::from("/dev/null"),
        fifo.clone(),
    ];
    std::thread::spawn(move || sender.send(storage::load_paths(&paths)).unwrap());
    let report = receiver
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("a FIFO must not block the load");
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.errors.len(), 3, "{:?}", report.errors);
    let messages: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("tube.ron") && m.contains("tube (FIFO)")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("/dev/null") && m.contains("périphérique")),
        "{messages:?}"
    );
    let error = storage::load_file(dir.path()).unwrap_err();
    assert_eq!(error.kind, LoadErrorKind::Io(IoProblemKind::IsADirectory));
    // Saving over one is refused too, naming it.
    let loaded = storage::load_file(&dir.path().join("ok.ron")).unwrap();
    let problem = storage::save(&fifo, &loaded.convention, SavePolicy::default()).unwrap_err();
    assert!(problem.to_string().contains("tube.ron"), "{problem}");
}

/// Item 13: every I/O message names the file and says what happened, in the user's language.
#[test]
fn io_messages_name_the_file_in_the_users_language() {
    let missing = storage::load_file(Path::new("/nonexistent/convention.ron")).unwrap_err();
    assert_eq!(missing.kind, LoadErrorKind::Io(IoProblemKind::NotFound));
    assert_eq!(
        missing.to_string(),
        "/nonexistent/convention.ron: fichier introuvable (supprimé, renommé ou jamais créé)"
    );
    assert_eq!(
        missing.describe(Lang::En),
        "/nonexistent/convention.ron: file not found (deleted, renamed or never created)"
    );
    for (kind, fr, en) in [
        (
            IoProblemKind::PermissionDenied,
            "permission refusée",
            "permission denied",
        ),
        (
            IoProblemKind::IsADirectory,
            "c'est un dossier",
            "is a directory",
        ),
        (IoProblemKind::NoSpace, "plus de place", "no space left"),
        (
            IoProblemKind::ReadOnlyFileSystem,
            "système de fichiers en lecture seule",
            "read-only file system",
        ),
        (
            IoProblemKind::Other("Input/output error (os error 5)".into()),
            "(Input/output error (os error 5))",
            "(Input/output error (os error 5))",
        ),
    ] {
        let problem = storage::IoProblem {
            path: PathBuf::from("d/c.ron"),
            kind,
        };
        assert!(problem.to_string().starts_with("d/c.ron: "), "{problem}");
        assert!(problem.to_string().contains(fr), "{problem}");
        assert!(problem.describe(Lang::En).contains(en), "{problem}");
    }
    // The system's kinds map onto them.
    for (error, kind) in [
        (std::io::ErrorKind::StorageFull, IoProblemKind::NoSpace),
        (
            std::io::ErrorKind::ReadOnlyFilesystem,
            IoProblemKind::ReadOnlyFileSystem,
        ),
        (
            std::io::ErrorKind::IsADirectory,
            IoProblemKind::IsADirectory,
        ),
    ] {
        assert_eq!(IoProblemKind::from_io(&error.into()), kind);
    }
    // A file name is shown without its control characters.
    let hostile = storage::IoProblem {
        path: PathBuf::from("\u{1b}]0;titre\u{7}.ron"),
        kind: IoProblemKind::NotFound,
    };
    assert!(!hostile.to_string().chars().any(|c| c.is_control()));
}

/// Item 13: a copy that cannot be written says which file and why.
#[test]
fn a_failed_copy_names_the_file() {
    let (_dir, _path, loaded) = saved_minimal();
    let error =
        storage::save_copy(Path::new("/nonexistent/dir/c.ron"), &loaded.convention).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("/nonexistent/dir/c.ron: fichier introuvable"),
        "{message}"
    );
}
