//! Issue 16, acceptance: as a new user would, `revue new` then, in the app only (no text
//! editor), two axes, three fiches, a budget and an indicator; saved; the file loads with
//! them. The real binary in a pseudo-terminal, read back through vt100.

use std::process::Command;

mod pty;

use pty::Terminal;

const CTRL_U: &str = "\u{15}";
const CTRL_S: &str = "\u{13}";
const ESC: &str = "\u{1b}";

#[test]
fn a_new_convention_is_built_in_the_app_only_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("essai.ron");
    let file = path.to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_revue"))
        .args([
            "new",
            file,
            "--kind",
            "convention",
            "--territory",
            "Ardèche",
            "--code",
            "07",
            "--period",
            "2024",
        ])
        .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");

    let mut t = Terminal::start_with_state(&[file], dir.path());
    t.wait_for("Premier axe (à renommer)");
    // Axes tab: the overview's line, axe 1, fiche 1-1. The axe renamed.
    t.send("j");
    t.send("r");
    t.wait_for("Entrée : valider");
    t.send(CTRL_U);
    t.send("Enfants et jeunes\r");
    t.send(ESC);
    t.wait_for("1 — Enfants et jeunes");
    // The fiche renamed, then one added after it.
    t.send("j");
    t.send("r");
    t.wait_for("Entrée : valider");
    t.send(CTRL_U);
    t.send("Accueil des jeunes\r");
    t.send(ESC);
    t.wait_for("1-1 Accueil des jeunes");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Parrainage\r");
    t.send(ESC);
    t.wait_for("1-2 Parrainage");
    // A second axe after the first, and its fiche.
    t.send("A");
    t.wait_for("Entrée : valider");
    t.send("Insertion\r");
    t.send(ESC);
    t.wait_for("2 — Insertion");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Boost emploi\r");
    t.send(ESC);
    t.wait_for("2-1 Boost emploi");
    // Its budget: État, Département, total (after the nine fields of the fiche's text).
    t.send("e");
    t.wait_for("Modifier — 2-1 Boost emploi");
    t.send("jjjjjjjjj\r");
    t.send("325 000\r");
    t.send("j\r");
    t.send("325 000\r");
    t.send("j\r");
    t.send("650 000\r");
    t.wait_for("650 000");
    t.send(ESC);
    // An indicator for the fiche selected (the Fiches tab carries it to Indicateurs).
    t.send("2");
    t.wait_for("Fiches (3)");
    t.send("4");
    t.send("a");
    t.wait_for("Entrée : valider");
    t.send("Personnes accompagnées\r");
    t.send(ESC);
    t.wait_for("Personnes accompagnées");
    t.send(CTRL_S);
    t.wait_for("Enregistré");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let saved = revue::storage::load_file(&path).unwrap().convention;
    let axes: Vec<(&str, &str)> = saved
        .axes
        .iter()
        .map(|a| (a.id.as_str(), a.title.as_str()))
        .collect();
    assert_eq!(axes, [("1", "Enfants et jeunes"), ("2", "Insertion")]);
    let fiches: Vec<(&str, &str)> = saved
        .fiches()
        .map(|f| (f.id.as_str(), f.title.as_str()))
        .collect();
    assert_eq!(
        fiches,
        [
            ("1-1", "Accueil des jeunes"),
            ("1-2", "Parrainage"),
            ("2-1", "Boost emploi")
        ]
    );
    let boost = saved.find_fiche("2-1").unwrap();
    let planned = boost.budget.as_ref().unwrap().planned.as_ref().unwrap();
    let amount = |n: i64| Some(revue::model::Value::Amount(n.into()));
    assert_eq!(planned.etat, amount(325_000));
    assert_eq!(planned.departement, amount(325_000));
    assert_eq!(planned.total, amount(650_000));
    assert_eq!(boost.indicators.len(), 1);
    assert_eq!(boost.indicators[0].name, "Personnes accompagnées");
    assert_eq!(boost.indicators[0].values[0].year, 2024);
}
