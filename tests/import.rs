//! Issue 16: bringing a document in. Load errors a person can act on, `revue new`,
//! `revue import-table`, `revue import-text`.

use std::path::{Path, PathBuf};
use std::process::Command;

use revue::storage::{self, LoadError, LoadErrorKind};
use revue::strings::Lang;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cd13() -> String {
    std::fs::read_to_string(repo().join("data/cd13-2019-rapport-execution.ron")).unwrap()
}

/// The message for `text` as the user sees it, with its line and column.
fn load_message(text: &str, lang: Lang) -> (usize, usize, String) {
    let kind = storage::from_ron_str(text).expect_err("the text is malformed");
    let LoadErrorKind::Syntax { line, column, .. } = &kind else {
        panic!("{kind:?}");
    };
    let (line, column) = (*line, *column);
    let error = LoadError {
        path: PathBuf::from("cd13.ron"),
        kind,
    };
    (line, column, error.describe(lang))
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn a_bare_number_is_told_to_be_quoted() {
    let text = cd13().replacen(r#"Amount("221499")"#, "Amount(221499)", 1);
    let (line, column, message) = load_message(&text, Lang::Fr);
    assert_eq!(line, line_of(&text, "Amount(221499)"));
    assert!(column > 1);
    assert!(
        message.ends_with(r#"un montant s'écrit entre guillemets : Amount("221499")"#),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("cd13.ron:{line}:{column}: ")),
        "{message}"
    );
    let (_, _, english) = load_message(&text, Lang::En);
    assert!(
        english.contains(r#"an amount is written in quotes: Amount("221499")"#),
        "{english}"
    );
}

#[test]
fn a_bare_number_without_its_kind_is_told_to_be_an_amount() {
    let text = cd13().replacen(r#"Amount("221499")"#, "59000", 1);
    let (_, _, message) = load_message(&text, Lang::Fr);
    assert!(
        message.ends_with(r#"un montant s'écrit entre guillemets : Amount("59000")"#),
        "{message}"
    );
    let percent = cd13().replacen(r#"Amount("221499")"#, "Percent(60)", 1);
    let (_, _, message) = load_message(&percent, Lang::Fr);
    assert!(message.ends_with(r#"Percent("60")"#), "{message}");
}

#[test]
fn a_quoted_figure_without_its_kind_is_told_the_kinds() {
    let text = cd13().replacen(r#"Amount("221499")"#, r#""221499""#, 1);
    let (_, _, message) = load_message(&text, Lang::Fr);
    assert!(message.contains(r#"Amount("221499")"#), "{message}");
    assert!(message.contains("Text("), "{message}");
}

#[test]
fn a_missing_field_names_the_fiche_at_the_line_where_it_starts() {
    let original = cd13();
    let fiche_line = line_of(&original, "id: \"1-1\"") - 1;
    let text = original.replacen(
        "title: \"Accompagner les sorties de l'aide sociale à l'enfance\",",
        "",
        1,
    );
    let (line, _, message) = load_message(&text, Lang::Fr);
    assert_eq!(line, fiche_line, "{message}");
    assert!(
        message.contains("il manque le champ « title » dans la fiche 1-1"),
        "{message}"
    );
    let (_, _, english) = load_message(&text, Lang::En);
    assert!(
        english.contains("the field “title” is missing in fiche 1-1"),
        "{english}"
    );
}

#[test]
fn a_missing_id_names_the_kind_of_item() {
    let text = cd13().replacen("id: \"1-1\",", "", 1);
    let (_, _, message) = load_message(&text, Lang::Fr);
    assert!(
        message.contains("il manque le champ « id » dans la fiche"),
        "{message}"
    );
}

#[test]
fn an_unknown_variant_lists_the_allowed_ones() {
    let text = cd13().replacen("kind: RapportExecution", "kind: Rapport", 1);
    let (line, column, message) = load_message(&text, Lang::Fr);
    assert_eq!((line, column), (4, 11));
    assert!(
        message.contains(
            "« Rapport » n'est pas une valeur de ConventionKind ; les valeurs possibles : \
             Convention, Avenant, RapportExecution, Programme"
        ),
        "{message}"
    );
    let value = cd13().replacen(r#"Amount("221499")"#, r#"Montant("221499")"#, 1);
    let (_, _, message) = load_message(&value, Lang::En);
    assert!(
        message.contains("the allowed values are: Amount, Number, Percent, Duration, Text"),
        "{message}"
    );
}

#[test]
fn an_unknown_field_lists_the_fields() {
    let text = cd13().replacen("measure: \"Axe 1", "mesure: \"Axe 1", 1);
    let (_, _, message) = load_message(&text, Lang::Fr);
    assert!(
        message.contains("champ « mesure » inconnu dans Fiche"),
        "{message}"
    );
    assert!(message.contains("measure"), "{message}");
}

#[test]
fn wrong_types_say_what_was_expected() {
    let cases = [
        (
            "version: 1",
            "version: \"1\"",
            "attendu un nombre entier sans guillemets (2019), trouvé \"1\"",
        ),
        (
            "period: \"2019\"",
            "period: 2019",
            "attendu un texte entre guillemets (\"…\"), trouvé 2019",
        ),
        (
            "territory: (",
            "territory: [",
            "attendu Territory : des champs entre parenthèses",
        ),
    ];
    for (from, to, expected) in cases {
        let text = cd13().replacen(from, to, 1);
        let (_, _, message) = load_message(&text, Lang::Fr);
        assert!(message.contains(expected), "{to}: {message}");
    }
}

#[test]
fn a_missing_comma_and_a_malformed_figure_are_explained() {
    let text = cd13().replacen("period: \"2019\",", "period: \"2019\"", 1);
    let (line, _, message) = load_message(&text, Lang::Fr);
    assert_eq!(line, 10);
    assert!(message.contains("il manque une virgule"), "{message}");
    let text = cd13().replacen(r#"Amount("221499")"#, r#"Amount("221 499 €")"#, 1);
    let (_, _, message) = load_message(&text, Lang::Fr);
    assert!(message.contains("Text(\"221 499 €\")"), "{message}");
}

#[test]
fn the_command_line_gives_load_errors_in_english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        cd13().replacen(r#"Amount("221499")"#, "Amount(221499)", 1),
    )
    .unwrap();
    let run = |lang: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_revue"))
            .args(["check", "--lang", lang])
            .arg(&path)
            .output()
            .unwrap();
        String::from_utf8(output.stderr).unwrap()
    };
    assert!(run("fr").contains("un montant s'écrit entre guillemets"));
    assert!(run("en").contains("an amount is written in quotes"));
}

// `revue new`

fn revue(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn new_writes_a_file_that_loads_and_saves_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["convention", "avenant", "rapport", "programme"] {
        let path = dir.path().join(format!("{kind}.ron"));
        let output = revue(&[
            "new",
            path.to_str().unwrap(),
            "--kind",
            kind,
            "--territory",
            "Ardèche",
            "--code",
            "07",
            "--period",
            "2024-2026",
        ]);
        assert!(output.status.success(), "{output:?}");
        let written = std::fs::read_to_string(&path).unwrap();
        let loaded = storage::load_file(&path).unwrap();
        let convention = &loaded.convention;
        assert_eq!(convention.fiche_count(), 1);
        assert_eq!(convention.axes.len(), 1);
        assert_eq!(convention.territory.number, "07");
        assert_eq!(convention.years, Some((2024, 2026)));
        assert!(convention.fiches().next().unwrap().budget.is_some());
        assert_eq!(storage::to_ron_string(convention), written, "{kind}");
        // Saved again through the app's path: the same bytes.
        let outcome = storage::save(
            &path,
            convention,
            storage::SavePolicy {
                loaded_hash: Some(loaded.hash),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(matches!(outcome, storage::SaveOutcome::Saved { .. }));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    }
    let check = revue(&["check", dir.path().to_str().unwrap()]);
    assert_ne!(check.status.code(), Some(2), "{check:?}");
}

#[test]
fn new_never_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("existing.ron");
    std::fs::write(&path, "précieux").unwrap();
    let output = revue(&[
        "new",
        path.to_str().unwrap(),
        "--territory",
        "Ardèche",
        "--code",
        "07",
        "--period",
        "2022",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("existe déjà"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "précieux");
}
