//! The command line as a user runs it: the real binary, its output and exit codes.

use std::process::{Command, Output};

fn revue(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run revue")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

const MINI: &str = "tests/fixtures/mini.ron";

/// A convention whose figures all hold.
fn clean_convention(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("clean.ron");
    std::fs::write(
        &path,
        r#"(
    version: 1,
    title: "Convention cohérente",
    kind: Convention,
    territory: (name: "Ardèche", number: "07"),
    document: (title: "test"),
    axes: [(id: "1", title: "Axe", fiches: [(id: "1-1", title: "Fiche", budget: (
        planned: (etat: Amount("100"), departement: Amount("100"), total: Amount("200")),
        engaged: Amount("150"),
        remaining: Amount("50"),
    ))])],
)"#,
    )
    .unwrap();
    path
}

#[test]
fn help_and_version_work() {
    let help = revue(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("summary"));
    assert!(stdout(&help).contains("check"));
    let version = revue(&["--version"]);
    assert!(version.status.success());
    assert!(stdout(&version).starts_with("revue "));
}

#[test]
fn check_exits_1_on_errors_and_reports_every_finding() {
    let output = revue(&["check", MINI]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output).replace('\u{a0}', " ");
    assert!(text.contains("Fiche 3-2"), "{text}");
    assert!(text.contains("[solde]"), "{text}");
    assert!(text.contains("[meme-montant]"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("3 erreurs, 1 avertissement dans 1 convention"),
        "{text}"
    );
    // Errors come before warnings.
    assert!(text.find("✗ erreur").unwrap() < text.find("! avertissement").unwrap());
}

#[test]
fn check_exits_0_on_a_clean_convention() {
    let dir = tempfile::tempdir().unwrap();
    let path = clean_convention(dir.path());
    let output = revue(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("0 erreur, 0 avertissement dans 1 convention"));
}

#[test]
fn check_exits_2_when_input_cannot_be_read_but_still_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    clean_convention(dir.path());
    std::fs::write(dir.path().join("broken.ron"), "(version: 1,\n  title: 12)").unwrap();
    let output = revue(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8(output.stderr.clone()).unwrap();
    assert!(errors.contains("broken.ron:2:"), "{errors}");
    assert!(stdout(&output).contains("Convention cohérente"));
}

#[test]
fn check_json_is_an_array_of_findings_with_the_documented_fields() {
    let output = revue(&["check", MINI, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 4);
    for finding in findings {
        for field in [
            "severity",
            "rule",
            "convention",
            "file",
            "fiche",
            "location",
            "message",
            "expected",
            "stated",
        ] {
            assert!(finding.get(field).is_some(), "{field} missing in {finding}");
        }
    }
    let solde = findings.iter().find(|f| f["rule"] == "solde").unwrap();
    assert_eq!(solde["severity"], "error");
    assert_eq!(solde["fiche"], "3-2");
    assert_eq!(solde["expected"], "0");
    assert_eq!(solde["stated"], "350000");
    let indicator = findings.iter().find(|f| f["rule"] == "indicateur").unwrap();
    assert_eq!(indicator["severity"], "warning");
}

#[test]
fn check_csv_has_the_same_columns() {
    let output = revue(&["check", MINI, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        headers,
        [
            "severity",
            "rule",
            "convention",
            "file",
            "fiche",
            "location",
            "message",
            "expected",
            "stated",
            // Issue 15: where the figures are printed, and the reviewer's disposition.
            "sources",
            "disposition",
            "figures_changed",
            "note",
            "key"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
}

#[test]
fn check_tolerance_relaxes_equality() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cents.ron");
    std::fs::write(
        &path,
        std::fs::read_to_string(clean_convention(dir.path()))
            .unwrap()
            .replace(r#"total: Amount("200")"#, r#"total: Amount("200.40")"#),
    )
    .unwrap();
    let exact = revue(&["check", path.to_str().unwrap()]);
    assert_eq!(exact.status.code(), Some(1));
    assert!(
        stdout(&exact).contains("moins d'un euro"),
        "{}",
        stdout(&exact)
    );
    let tolerant = revue(&["check", path.to_str().unwrap(), "--tolerance", "1"]);
    assert_eq!(tolerant.status.code(), Some(0), "{}", stdout(&tolerant));
}

#[test]
fn check_speaks_english_on_request() {
    let output = revue(&["check", MINI, "--lang", "en"]);
    let text = stdout(&output).replace('\u{a0}', " ");
    assert!(text.contains("Stated remaining €350,000"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("3 errors, 1 warning in 1 convention"),
        "{text}"
    );
}

#[test]
fn summary_json_lists_each_convention_with_amounts_as_strings() {
    let output = revue(&["summary", MINI, "--format", "json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let c = &json["conventions"][0];
    assert_eq!(c["file"], MINI);
    assert_eq!(c["title"], "Convention d'essai");
    assert_eq!(c["territory"], "Essai (99)");
    assert_eq!(c["kind"], "rapport d'exécution");
    assert_eq!(c["fiches"], 3);
    assert_eq!(c["planned_etat"], "604155");
    assert_eq!(c["planned_departement"], "604155");
    assert_eq!(c["planned_total"], "1208310");
}

#[test]
fn fmt_check_lists_non_canonical_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.ron");
    std::fs::copy(MINI, &path).unwrap();
    let check = revue(&["fmt", "--check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(revue(&["fmt", path.to_str().unwrap()]).status.success());
    let after = std::fs::read_to_string(&path).unwrap();
    assert_ne!(before, after);
    assert_eq!(
        revue(&["fmt", "--check", path.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn the_interactive_app_refuses_to_run_without_a_terminal() {
    let output = revue(&[MINI]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("terminal"));
}

#[test]
fn without_data_here_the_bundled_conventions_are_installed_in_the_user_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_revue"))
            .args(["summary", "--format", "json"])
            .current_dir(home.path())
            .env("HOME", home.path())
            .env_remove("XDG_DATA_HOME")
            .output()
            .unwrap()
    };
    let output = run();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["conventions"].as_array().unwrap().len(),
        revue::storage::BUNDLED.len()
    );
    let installed = home.path().join(".local/share/revue/conventions");
    for (name, content) in revue::storage::BUNDLED {
        assert_eq!(
            &std::fs::read_to_string(installed.join(name)).unwrap(),
            content
        );
    }
    // A second run reuses them (and would keep the user's edits).
    assert!(run().status.success());
}

/// The acceptance of the foundation: the three bundled documents, with their fiches (the
/// PDI's 52 actions, duplicated numbers 1.7.2 and 2.1.4 included).
#[test]
fn summary_of_the_bundled_data_lists_the_three_documents() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let output = revue(&["summary", data, "--format", "json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fiches: Vec<(String, u64)> = json["conventions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let file = c["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            (name, c["fiches"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        fiches,
        [
            ("cd13-2019-rapport-execution.ron".to_string(), 18),
            ("cd13-2024-2026-pdi.ron".to_string(), 52),
            ("cd77-2022-convention.ron".to_string(), 16),
        ]
    );
    let cd13 = &json["conventions"][0];
    assert_eq!(cd13["planned_etat"], "2434155");
    assert_eq!(cd13["planned_total"], "4868310");
    assert_eq!(json["conventions"][2]["planned_etat"], "2502959");
}

// Issue 13: the command line faced with hostile input.

/// Item 9: `revue check` on a FIFO hung; `/dev/stdin` and a device were read. Each is
/// refused at once, naming it, and the other files are still checked.
#[cfg(unix)]
#[test]
fn check_refuses_what_is_not_a_regular_file_without_blocking() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_convention(dir.path());
    let fifo = dir.path().join("tube.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(["check", fifo.to_str().unwrap(), "/dev/stdin", "/dev/null"])
        .arg(&clean)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Standard input is a pipe that stays open: reading it would hang.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"(").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "revue check hangs on a FIFO or standard input"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("tube.ron: c'est un tube (FIFO)"),
        "{errors}"
    );
    assert!(errors.contains("/dev/stdin: "), "{errors}");
    assert!(
        errors.contains("/dev/null: c'est un périphérique"),
        "{errors}"
    );
    assert!(stdout(&output).contains("Convention cohérente"));
}

/// Item 13: messages in English with `--lang en`, naming the file.
#[test]
fn io_errors_name_the_file_in_the_chosen_language() {
    let fr = revue(&["check", "/nonexistent/x.ron"]);
    assert_eq!(fr.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&fr.stderr).contains("/nonexistent/x.ron: fichier introuvable"),
        "{}",
        String::from_utf8_lossy(&fr.stderr)
    );
    let en = revue(&["check", "--lang", "en", "/nonexistent/x.ron"]);
    let errors = String::from_utf8_lossy(&en.stderr);
    assert!(
        errors.contains("unreadable file: /nonexistent/x.ron: file not found"),
        "{errors}"
    );
    let dir = revue(&["check", "--lang", "en", "tests"]);
    assert!(!String::from_utf8_lossy(&dir.stderr).contains("os error"));
}

/// Item 10: a file name could set the terminal title and clear the screen.
#[test]
fn fmt_prints_file_names_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let name = "\u{1b}]0;pwned\u{7}\u{1b}[2J.ron";
    let path = dir.path().join(name);
    std::fs::copy(MINI, &path).unwrap();
    for args in [vec!["fmt", "--check"], vec!["fmt"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_revue"))
            .args(&args)
            .arg(&path)
            .output()
            .unwrap();
        let all = [output.stdout.clone(), output.stderr.clone()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?}: {text:?}"
        );
        assert!(
            text.contains("pwned"),
            "{args:?}: the name is shown: {text:?}"
        );
    }
    // Error paths too: an unreadable file with such a name.
    std::fs::write(&path, "(").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_revue"))
        .args(["fmt"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!output.stderr.contains(&0x1b), "{:?}", output.stderr);
}

/// Item 11: `revue check data/ | head -1` panicked on the closed pipe.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_revue_quietly() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    for args in [
        vec!["check", data],
        vec!["check", data, "--format", "json"],
        vec!["check", data, "--format", "csv"],
        vec!["summary", data],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_revue"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before revue writes anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(!errors.contains("panicked"), "{args:?}: {errors}");
        assert!(errors.is_empty(), "{args:?}: {errors}");
        assert_ne!(output.status.code(), Some(101), "{args:?}");
    }
}

/// Item 14: `revue fmt` removed comments silently.
#[test]
fn fmt_refuses_to_drop_comments_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let commented = dir.path().join("commente.ron");
    let text = std::fs::read_to_string(MINI).unwrap().replacen(
        "(",
        "// Transcrit le 3 mars, page 12\n(",
        1,
    );
    std::fs::write(&commented, &text).unwrap();
    let plain = dir.path().join("plain.ron");
    std::fs::write(
        &plain,
        std::fs::read_to_string(MINI).unwrap().replace("    ", "  "),
    )
    .unwrap();
    let output = revue(&["fmt", commented.to_str().unwrap(), plain.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("commente.ron") && errors.contains("--force"),
        "{errors}"
    );
    assert_eq!(std::fs::read_to_string(&commented).unwrap(), text);
    // The other file is rewritten all the same.
    assert_eq!(
        revue(&["fmt", "--check", plain.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let forced = revue(&["fmt", "--force", commented.to_str().unwrap()]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(!std::fs::read_to_string(&commented).unwrap().contains("//"));
}

/// Items 7 and 8 through `revue fmt`: mode and links kept, read-only files refused.
#[cfg(unix)]
#[test]
fn fmt_keeps_links_and_modes_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("cible.ron");
    std::fs::write(
        &target,
        std::fs::read_to_string(MINI).unwrap().replace("    ", "  "),
    )
    .unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("lien.ron");
    std::os::unix::fs::symlink("cible.ron", &link).unwrap();
    assert_eq!(
        revue(&["fmt", link.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        revue(&["fmt", "--check", target.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let read_only = dir.path().join("lecture.ron");
    let text = std::fs::read_to_string(MINI).unwrap().replace("    ", "  ");
    std::fs::write(&read_only, &text).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = revue(&["fmt", read_only.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("lecture.ron: fichier en lecture seule")
    );
    assert_eq!(std::fs::read_to_string(&read_only).unwrap(), text);
}

/// Item 16: `revue chek data/` opened the app with "1 fichier illisible".
#[test]
fn a_mistyped_command_is_an_error_with_a_suggestion() {
    let output = revue(&["chek", "data/"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("« chek »") && errors.contains("« check »"),
        "{errors}"
    );
    assert!(
        !errors.contains("terminal"),
        "refused before anything else: {errors}"
    );
    let output = revue(&["--lang", "en", "sumary"]);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("Did you mean “summary”?"), "{errors}");
    // Far from any command: said so, without a suggestion.
    let output = revue(&["introuvable.ron"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("introuvable.ron") && !errors.contains("Vouliez-vous"),
        "{errors}"
    );
}

/// Item 10, every output path: a usage error quotes the argument, escapes made visible.
#[test]
fn usage_errors_quote_arguments_sanitised() {
    let output = revue(&["summary", "--format", "\u{1b}[31mpwned\u{8}\r"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("pwned"), "{errors}");
    assert!(
        !errors.chars().any(|c| c.is_control() && c != '\n'),
        "{errors:?}"
    );
}

#[test]
fn when_no_file_can_be_read_check_prints_no_clean_bill() {
    let out = revue(&["check", "/nonexistent/x.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("0 erreur"), "{stdout}");
}

#[test]
fn a_convention_whose_fiches_state_no_amount_has_no_planned_zero() {
    let pdi = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cd13-2024-2026-pdi.ron");
    let out = revue(&["summary", pdi]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains(" 0 €"), "{text}");
    assert!(text.contains('—'), "{text}");
    let out = revue(&["summary", pdi, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["conventions"][0]["planned_total"].is_null(), "{json}");
}

#[test]
fn an_option_before_the_command_is_the_commands() {
    let out = revue(&[
        "--lang",
        "en",
        "summary",
        "data/cd13-2019-rapport-execution.ron",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Remaining"), "{text}");
    assert!(
        text.contains("Oui. (Executed)"),
        "the left-out figure names its total: {text}"
    );
}

#[test]
fn a_command_after_the_files_is_told_to_come_first() {
    let out = revue(&["data/", "summary"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("vient en premier"), "{stderr}");
}
