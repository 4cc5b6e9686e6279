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
