//! Issue 18: the command line in the user's language — help, usage errors, man page,
//! completions, file and system errors — with the real binary.

use std::process::{Command, Output};

use revue::strings::Lang;

const SUBCOMMANDS: [&str; 10] = [
    "summary",
    "check",
    "report",
    "fmt",
    "new",
    "import-table",
    "import-text",
    "man",
    "completions",
    "help",
];

/// The binary with no locale and no config of the machine's: each test says what it sets.
fn revue_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_revue"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        // A config file that does not exist: the defaults.
        .env("REVUE_CONFIG", "/nonexistent/revue-config.ron");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run revue")
}

fn revue(args: &[&str]) -> Output {
    revue_with(args, &[])
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

fn help_of(args: &[&str]) -> String {
    let output = revue(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

#[test]
fn help_snapshots_in_french_and_english() {
    let mut commands = vec![None];
    commands.extend(SUBCOMMANDS.map(Some));
    for lang in ["fr", "en"] {
        for command in &commands {
            let mut args = vec!["--lang", lang];
            args.extend(command.iter());
            args.push("--help");
            let name = format!("help_{lang}_{}", command.unwrap_or("revue"));
            insta::assert_snapshot!(name, help_of(&args));
        }
    }
}

#[test]
fn the_locale_chooses_the_language_of_the_help() {
    let french = revue_with(&["--help"], &[("LANG", "fr_FR.UTF-8")]);
    assert!(stdout(&french).contains("Utilisation\u{a0}: revue"));
    assert!(stdout(&french).contains("Commandes\u{a0}:"));
    let english = revue_with(&["--help"], &[("LANG", "en_US.UTF-8")]);
    assert!(
        stdout(&english).contains("Usage: revue"),
        "{}",
        stdout(&english)
    );
    assert!(stdout(&english).contains("Commands:"));
    // LC_ALL over LANG, LC_MESSAGES over LANG.
    let all = revue_with(
        &["--help"],
        &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "fr_FR.UTF-8")],
    );
    assert!(stdout(&all).contains("Usage: revue"));
    let messages = revue_with(
        &["--help"],
        &[("LC_MESSAGES", "fr_FR.UTF-8"), ("LANG", "en_US.UTF-8")],
    );
    assert!(stdout(&messages).contains("Utilisation"));
    // A locale of another language, or none: French.
    for env in [
        &[("LANG", "de_DE.UTF-8")][..],
        &[("LANG", "C.UTF-8")][..],
        &[][..],
    ] {
        assert!(stdout(&revue_with(&["--help"], env)).contains("Utilisation"));
    }
}

#[test]
fn the_flag_wins_over_the_config_which_wins_over_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(lang: En)").unwrap();
    let config = config.to_str().unwrap();
    let env = [("REVUE_CONFIG", config), ("LANG", "fr_FR.UTF-8")];
    assert!(stdout(&revue_with(&["--help"], &env)).contains("Usage: revue"));
    let flag = revue_with(&["--lang", "fr", "--help"], &env);
    assert!(stdout(&flag).contains("Utilisation"));
    // `--lang=en`, after the command.
    let english = revue(&["check", "--lang=en", "--help"]);
    assert!(
        stdout(&english).contains("Usage: revue check"),
        "{}",
        stdout(&english)
    );
    // The language reaches the command's own output, not just the help.
    let summary = revue_with(&["summary", "tests/fixtures/mini.ron"], &env);
    assert!(
        stdout(&summary).contains("Territory"),
        "{}",
        stdout(&summary)
    );
}

#[test]
fn usage_errors_are_in_the_chosen_language() {
    let french = revue(&["summary", "--format", "yaml"]);
    assert_eq!(french.status.code(), Some(2));
    let text = stderr(&french);
    assert!(
        text.starts_with("erreur\u{a0}: valeur « yaml » invalide pour --format"),
        "{text}"
    );
    assert!(
        text.contains("valeurs possibles\u{a0}: text, json, csv"),
        "{text}"
    );
    assert!(
        !text.contains("error:") && !text.contains("Usage"),
        "{text}"
    );
    let english = revue(&["--lang", "en", "check", "--open-onl"]);
    assert_eq!(english.status.code(), Some(2));
    let text = stderr(&english);
    assert!(
        text.starts_with("error: unexpected argument “--open-onl”"),
        "{text}"
    );
    assert!(text.contains("did you mean “--open-only”?"), "{text}");
    assert!(text.contains("Usage: revue check"), "{text}");
    assert!(
        text.contains("For more information, try “revue check --help”."),
        "{text}"
    );
    let missing = revue(&["new", "x.ron"]);
    let text = stderr(&missing);
    assert!(
        text.contains("il manque des arguments obligatoires"),
        "{text}"
    );
    assert!(text.contains("Utilisation\u{a0}: revue new"), "{text}");
    let number = revue(&["check", "--tolerance", "beaucoup"]);
    assert!(
        stderr(&number).contains("un nombre est attendu"),
        "{}",
        stderr(&number)
    );
    let size = revue(&["--lang", "en", "check", "--max-file-size", "lots"]);
    assert!(
        stderr(&size).contains("“lots” is not a size"),
        "{}",
        stderr(&size)
    );
    let twice = revue(&["check", "--format=json", "--format=csv"]);
    assert!(
        stderr(&twice).contains("--format <FORMAT> ne se donne qu'une fois"),
        "{}",
        stderr(&twice)
    );
    let help = revue(&["help", "chek"]);
    assert_eq!(help.status.code(), Some(2));
    assert!(
        stderr(&help).contains("aucune commande « chek »"),
        "{}",
        stderr(&help)
    );
}

#[test]
fn help_command_prints_a_commands_help() {
    let help = help_of(&["help", "fmt"]);
    assert_eq!(help, help_of(&["fmt", "--help"]));
    assert!(help.contains("Utilisation\u{a0}: revue fmt"), "{help}");
}

#[test]
fn the_man_page_and_the_completions_mention_every_command() {
    for lang in ["fr", "en"] {
        let man = revue(&["--lang", lang, "man"]);
        assert!(man.status.success());
        let page = stdout(&man);
        assert!(
            page.starts_with(".ie") || page.contains(".TH revue 1"),
            "{page}"
        );
        for command in SUBCOMMANDS {
            let roff_name = command.replace('-', "\\-");
            assert!(
                page.contains(&format!("\\fBrevue {roff_name}\\fR")),
                "{lang} {command}"
            );
        }
        let (section, language) = match lang {
            "fr" => (".SH COMMANDES", "Langue"),
            _ => (".SH COMMANDS", "Language"),
        };
        assert!(page.contains(section) && page.contains(language), "{page}");
        for shell in ["bash", "zsh", "fish"] {
            let output = revue(&["--lang", lang, "completions", shell]);
            assert!(output.status.success(), "{shell}");
            let script = stdout(&output);
            for command in SUBCOMMANDS {
                assert!(script.contains(command), "{lang} {shell} {command}");
            }
        }
    }
    // The descriptions follow the language.
    let fish = stdout(&revue(&["completions", "fish"]));
    assert!(fish.contains("Rapprocher les chiffres"), "{fish}");
    let fish = stdout(&revue(&["--lang", "en", "completions", "fish"]));
    assert!(fish.contains("Reconcile the figures"), "{fish}");
}

/// Each malformed file of tests/hostile: the message is in the chosen language, names the
/// place, and is not the parser's English.
#[test]
fn a_broken_files_message_names_the_fix_in_each_language() {
    let cases: [(&str, &str, &str); 13] = [
        ("empty.ron", "revue new", "revue new"),
        ("invalid-utf8.ron", "non UTF-8", "not valid UTF-8"),
        ("missing-field.ron", "ajoutez territory", "add territory"),
        ("truncated.ron", "guillemet final", "closing quote"),
        ("truncated-utf8.ron", "non UTF-8", "not valid UTF-8"),
        (
            "unknown-field.ron",
            "les champs possibles",
            "the fields are",
        ),
        (
            "unknown-variant.ron",
            "les valeurs possibles",
            "the allowed values",
        ),
        ("wrong-type-amount.ron", "entre guillemets", "in quotes"),
        ("wrong-type-id.ron", "attendu un texte", "expected a text"),
        (
            "wrong-type-list.ron",
            "attendu une liste",
            "expected a list",
        ),
        ("wrong-type-version.ron", "nombre entier", "whole number"),
        (
            "thirty-digit-amount.ron",
            "écrivez-le Text(",
            "write it Text(",
        ),
        (
            "deeply-nested.ron",
            "un nom est attendu",
            "a name is expected",
        ),
    ];
    for (file, french, english) in cases {
        let path = format!("tests/hostile/{file}");
        for (lang, expected) in [("fr", french), ("en", english)] {
            let output = revue(&["check", "--lang", lang, &path]);
            assert_eq!(output.status.code(), Some(2), "{file}");
            let text = stderr(&output);
            assert!(text.contains(&path), "{text}");
            assert!(text.contains(expected), "{lang} {file}: {text}");
            for english_of_the_parser in ["Expected", "Unexpected", "os error"] {
                assert!(
                    !text.contains(english_of_the_parser),
                    "{lang} {file}: {text}"
                );
            }
        }
    }
}

/// A syntax mistake for every kind the loader types, said in both languages.
#[test]
fn every_ron_mistake_is_said_in_both_languages() {
    let base = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let broken = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cases = [
        (
            broken("trailing.ron", &format!("{base}\n)")),
            "du texte suit",
            "text follows",
        ),
        (
            broken("comment.ron", &format!("{base}\n/* pas fini")),
            "commentaire /* n'est pas fermé",
            "comment is not closed",
        ),
        (
            broken("colon.ron", &base.replacen("version:", "version", 1)),
            "entre le nom du champ et sa valeur",
            "between the field's name and its value",
        ),
    ];
    for (path, french, english) in cases {
        let path = path.to_str().unwrap();
        for (lang, expected) in [("fr", french), ("en", english)] {
            let text = stderr(&revue(&["check", "--lang", lang, path]));
            assert!(text.contains(expected), "{lang} {path}: {text}");
            assert!(!text.contains("Expected"), "{text}");
        }
    }
}

#[test]
fn os_errors_are_translated() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.ron");
    let missing = missing.to_str().unwrap();
    let french = stderr(&revue(&["check", missing]));
    assert!(french.contains("fichier introuvable"), "{french}");
    let english = stderr(&revue(&["check", "--lang", "en", missing]));
    assert!(english.contains("file not found"), "{english}");
    // A directory where a file is wanted, and a file where a directory is.
    let folder = dir.path().to_str().unwrap();
    let french = stderr(&revue(&["report", "tests/fixtures/mini.ron", "-o", folder]));
    assert!(french.contains("c'est un dossier"), "{french}");
    let english = stderr(&revue(&[
        "report",
        "--lang",
        "en",
        "tests/fixtures/mini.ron",
        "-o",
        folder,
    ]));
    assert!(english.contains("is a directory"), "{english}");
    let through_a_file = stderr(&revue(&["check", "tests/fixtures/mini.ron/x.ron"]));
    assert!(
        through_a_file.contains("pas un dossier"),
        "{through_a_file}"
    );
    // Permission denied: root reads everything, so the file test runs only for others; the
    // translation itself is checked from the error kind.
    let locked = dir.path().join("verrou.ron");
    std::fs::copy("tests/fixtures/mini.ron", &locked).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            let locked = locked.to_str().unwrap();
            assert!(stderr(&revue(&["check", locked])).contains("permission refusée"));
            let english = stderr(&revue(&["check", "--lang", "en", locked]));
            assert!(english.contains("permission denied"), "{english}");
        }
    }
    use revue::storage::IoProblemKind;
    use std::io::ErrorKind as K;
    for (kind, french, english) in [
        (
            K::PermissionDenied,
            "permission refusée",
            "permission denied",
        ),
        (K::NotFound, "introuvable", "not found"),
        (K::IsADirectory, "dossier", "directory"),
        (K::StorageFull, "plus de place", "no space"),
        (K::ReadOnlyFilesystem, "lecture seule", "read-only"),
        (K::TooManyLinks, "trop de liens", "too many links"),
        (K::NotADirectory, "pas un dossier", "not a directory"),
        (K::FileTooLarge, "trop grand", "too large"),
        (K::InvalidFilename, "nom de fichier", "file name"),
        (K::AlreadyExists, "existe déjà", "already exists"),
        (K::CrossesDevices, "deux systèmes", "two file systems"),
        (K::ResourceBusy, "occupé", "in use"),
    ] {
        let problem = IoProblemKind::from_io(&std::io::Error::from(kind));
        assert!(!matches!(problem, IoProblemKind::Other(_)), "{kind:?}");
        let said = |lang| revue::strings::io_problem_kind(lang, &problem);
        assert!(said(Lang::Fr).contains(french), "{}", said(Lang::Fr));
        assert!(said(Lang::En).contains(english), "{}", said(Lang::En));
    }
    // A loop of symbolic links is reported as such (the system's code, not its English).
    #[cfg(unix)]
    {
        let link = dir.path().join("boucle.ron");
        std::os::unix::fs::symlink(&link, &link).unwrap();
        let text = stderr(&revue(&["check", link.to_str().unwrap()]));
        assert!(text.contains("trop de liens"), "{text}");
    }
}

#[test]
fn fmt_speaks_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.ron");
    let original = std::fs::read_to_string("tests/fixtures/mini.ron").unwrap();
    // Not canonical, no comment: rewritten.
    std::fs::write(&file, original.replace("    ", "  ")).unwrap();
    let file = file.to_str().unwrap();
    let check = revue(&["fmt", "--lang", "en", "--check", file]);
    assert_eq!(check.status.code(), Some(1));
    let output = revue(&["fmt", "--lang", "en", file]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("rewritten: "),
        "{}",
        stdout(&output)
    );
    std::fs::write(file, original.replace("    ", "  ")).unwrap();
    let output = revue(&["fmt", file]);
    assert!(
        stdout(&output).starts_with("réécrit\u{a0}: "),
        "{}",
        stdout(&output)
    );
}

/// Every text this issue added, for every command and argument, in both languages.
#[test]
fn every_command_line_text_is_written_in_both_languages() {
    fn walk(command: &clap::Command, key: &str, lang: Lang) {
        assert!(
            !revue::strings::command_about(lang, key).trim().is_empty(),
            "{lang:?}: no about for {key:?}"
        );
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if matches!(id, "help" | "version") {
                continue;
            }
            assert!(
                !revue::strings::arg_help(lang, key, id).trim().is_empty(),
                "{lang:?}: no help for {key:?} {id}"
            );
            if arg.get_action().takes_values() {
                assert!(
                    revue::strings::arg_value_name(lang, id).is_some_and(|n| !n.is_empty()),
                    "{lang:?}: no value name for {id}"
                );
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, sub.get_name(), lang);
        }
    }
    for lang in [Lang::Fr, Lang::En] {
        walk(&revue::cli::help::command(lang), "", lang);
        let text = revue::strings::cli_help(lang);
        for entry in [
            text.usage,
            text.arguments,
            text.options,
            text.commands,
            text.command_placeholder,
            text.help_flag,
            text.version_flag,
            text.language_note,
            text.error,
            text.command_missing,
            text.not_utf8,
            text.bad_command_line,
            text.not_a_number,
            text.man_name,
            text.man_synopsis,
            text.man_description,
            text.man_options,
            text.man_commands,
            text.man_version,
            text.man_language,
            text.needs_terminal,
        ] {
            assert!(!entry.trim().is_empty(), "{lang:?}");
        }
        for entry in [
            (text.possible_values)("x"),
            (text.default_value)("x"),
            (text.unexpected_argument)("x"),
            (text.did_you_mean)("x"),
            (text.invalid_value)("x", "y"),
            (text.invalid_value_because)("x", "y", "z"),
            (text.value_missing)("x"),
            (text.required_missing)("x"),
            (text.conflict)("x", "y"),
            (text.given_twice)("x"),
            (text.wrong_number_of_values)("x"),
            (text.unknown_command)("x"),
            (text.needs_equals)("x"),
            (text.more_information)("x"),
            (text.no_such_command_help)("x"),
        ] {
            assert!(entry.len() > 3, "{lang:?}: {entry}");
        }
    }
    // French and English differ where they should.
    assert_ne!(
        revue::strings::cli_help(Lang::Fr).usage,
        revue::strings::cli_help(Lang::En).usage
    );
}

#[test]
fn french_typography_puts_no_break_spaces_before_high_punctuation() {
    use revue::strings::typeset;
    assert_eq!(
        typeset(Lang::Fr, "Total : 12 € ; vraiment ? oui ! 5 %"),
        "Total\u{a0}: 12\u{a0}€\u{a0}; vraiment\u{a0}? oui\u{a0}! 5\u{a0}%"
    );
    // Not punctuation: a URL, an option's value, a path.
    assert_eq!(
        typeset(Lang::Fr, "voir http://x --lang=fr"),
        "voir http://x --lang=fr"
    );
    assert_eq!(typeset(Lang::En, "Total : 12 €"), "Total : 12 €");
    // A marker at a line's start is not punctuation.
    assert_eq!(
        typeset(Lang::Fr, "    ! avertissement"),
        "    ! avertissement"
    );
}

/// The user's data directory cannot be made (a file where a directory should be): said in
/// the user's language, naming the directory.
#[test]
fn a_data_directory_that_cannot_be_made_is_said_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("maison");
    std::fs::write(&home, "un fichier, pas un dossier").unwrap();
    for (lang, expected) in [
        ("fr", "pas un dossier"),
        ("en", "a part of the path is a file, not a directory"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_revue"))
            .args(["--lang", lang, "summary"])
            .current_dir(dir.path())
            .env("HOME", &home)
            .env_remove("XDG_DATA_HOME")
            .env("REVUE_CONFIG", "/nonexistent/revue-config.ron")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        assert!(text.contains("maison") && text.contains(expected), "{text}");
    }
}

/// Every typed problem this issue added is said, differently, in both languages.
#[test]
fn every_new_problem_kind_is_said_in_both_languages() {
    use revue::problem::{
        ExpectedShape, IoProblemKind, SettingsError, SettingsErrorKind, SizeProblem, SyntaxProblem,
        ThemeProblem,
    };
    use std::path::Path;
    let syntax = [
        SyntaxProblem::TooManyDigits { found: "1".into() },
        SyntaxProblem::ClosingExpected { closing: ')' },
        SyntaxProblem::MissingColon,
        SyntaxProblem::UnexpectedCharacter { found: '§' },
        SyntaxProblem::TrailingText,
        SyntaxProblem::NameExpected { found: "(".into() },
        SyntaxProblem::UnclosedComment,
        SyntaxProblem::BadEscape,
        SyntaxProblem::BadNumber { found: "1_".into() },
        SyntaxProblem::WrongStructName {
            expected: "Budget".into(),
            found: "Fiche".into(),
        },
        SyntaxProblem::WrongLength {
            expected: "2".into(),
            found: 3,
        },
        SyntaxProblem::UnknownExtension { name: "x".into() },
        SyntaxProblem::TooDeep,
        SyntaxProblem::WrongType {
            expected: ExpectedShape::Number,
            found: "x".into(),
        },
        SyntaxProblem::WrongType {
            expected: ExpectedShape::Optional,
            found: "x".into(),
        },
        SyntaxProblem::WrongType {
            expected: ExpectedShape::Map,
            found: "x".into(),
        },
    ];
    let mut said: Vec<[String; 2]> = Vec::new();
    let both = |f: &dyn Fn(Lang) -> String| [f(Lang::Fr), f(Lang::En)];
    for problem in &syntax {
        said.push(both(&|lang| revue::strings::syntax_problem(lang, problem)));
    }
    for kind in [
        IoProblemKind::NotADirectory,
        IoProblemKind::TooManyLinks,
        IoProblemKind::FileTooLarge,
        IoProblemKind::InvalidFileName,
        IoProblemKind::AlreadyExists,
        IoProblemKind::CrossesDevices,
        IoProblemKind::Busy,
        IoProblemKind::NoHomeDirectory,
    ] {
        said.push(both(&|lang| revue::strings::io_problem_kind(lang, &kind)));
    }
    for problem in [
        SizeProblem::NotASize("x".into()),
        SizeProblem::Zero,
        SizeProblem::TooLarge("x".into()),
        SizeProblem::InVariable(Box::new(SizeProblem::Zero)),
    ] {
        said.push(both(&|lang| revue::strings::size_problem(lang, &problem)));
    }
    let settings = SettingsError::new(
        Path::new("config.ron"),
        SettingsErrorKind::Syntax {
            line: 1,
            column: 2,
            problem: None,
            message: "Expected x".into(),
        },
    );
    said.push(both(&|lang| {
        revue::strings::settings_error(lang, &settings)
    }));
    for problem in [
        ThemeProblem::Unknown {
            name: "x".into(),
            builtin: vec!["default".into()],
        },
        ThemeProblem::BadColour {
            path: "t.ron".into(),
            line: 1,
            column: 2,
            colour: "x".into(),
        },
        ThemeProblem::File(settings.clone()),
    ] {
        said.push(both(&|lang| revue::strings::theme_problem(lang, &problem)));
    }
    said.push(both(&|lang| {
        revue::strings::program_prefix(lang).to_string()
    }));
    said.push(both(&|lang| revue::strings::labelled(lang, "a", "b")));
    said.push(both(&revue::strings::changed_since_loaded));
    for [french, english] in said {
        assert!(!french.trim().is_empty() && !english.trim().is_empty());
        assert_ne!(french, english);
    }
}

/// No sentence is written outside `strings` in the files this issue moved the texts out of:
/// a string literal of three words or more is a message to move (short allow-list).
#[test]
fn no_user_visible_sentence_outside_strings_in_the_command_line_and_storage() {
    const ALLOWED: [&str; 1] = [
        // Never shown: callers say what the figure is (`AmountParseError`).
        "amount not read: {input:?}",
    ];
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("src/cli")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.extend(
        [
            "src/main.rs",
            "src/problem.rs",
            "src/storage/load.rs",
            "src/storage/save.rs",
            "src/app/config.rs",
            "src/ui/theme.rs",
            "src/model/amount.rs",
        ]
        .map(std::path::PathBuf::from),
    );
    let is_sentence = |literal: &str| {
        literal
            .split(|c: char| c.is_whitespace())
            .filter(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .count()
            >= 3
    };
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may write what they like.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (number, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//")
                || ["expect(", "expect_err(", "unreachable!(", "panic!("]
                    .iter()
                    .any(|call| line.contains(call))
            {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                // Markup (the HTML report's skeleton) is not a sentence.
                let markup = literal.trim_start().starts_with('<');
                if is_sentence(literal) && !markup && !ALLOWED.contains(&literal) {
                    found.push(format!("{}:{}: {literal}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "move these to src/strings.rs:\n{}",
        found.join("\n")
    );
}
