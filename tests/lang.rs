//! Issue 18: the app in one language. `?` in French and English, every string entry
//! non-empty in both, `strings` depending on nothing above the model, and no user-visible
//! sentence written outside `src/strings.rs`.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use crossterm::event::KeyCode;
use revue::keys::{
    Action, DialogAction, DialogKind, FieldListAction, HelpAction, LineAction, Mode, TypingAction,
};
use revue::strings::{self, Lang};

fn help_on(lang: Lang, width: u16, height: u16) -> Vec<String> {
    let (mut app, problems) = app_with_config(FIXTURE.as_ref(), "()", lang, width, height);
    assert!(problems.is_empty());
    app.handle_key(&key(KeyCode::Char('?')));
    screen(&app)
}

#[test]
fn help_in_french_100x30() {
    insta::assert_snapshot!(help_on(Lang::Fr, 100, 30).join("\n"));
}

#[test]
fn help_in_french_80x24() {
    insta::assert_snapshot!(help_on(Lang::Fr, 80, 24).join("\n"));
}

#[test]
fn help_in_english_100x30() {
    insta::assert_snapshot!(help_on(Lang::En, 100, 30).join("\n"));
}

#[test]
fn help_in_english_80x24() {
    insta::assert_snapshot!(help_on(Lang::En, 80, 24).join("\n"));
}

/// French key names in French, English ones in English, never the other's.
#[test]
fn key_names_are_in_the_users_language() {
    let french = help_text(&app_with_config(FIXTURE.as_ref(), "()", Lang::Fr, 100, 30).0);
    for name in [
        "Entrée", "Échap", "PgPréc", "PgSuiv", "Début", "Fin", "Maj-Tab", "Ctrl-S",
    ] {
        assert!(french.contains(name), "{name} in:\n{french}");
    }
    for name in ["Enter", "Esc,", "PgUp", "PgDn", "Home", "Shift-Tab"] {
        assert!(!french.contains(name), "{name} in:\n{french}");
    }
    let english = help_text(&app_with_config(FIXTURE.as_ref(), "()", Lang::En, 100, 30).0);
    for name in [
        "Enter",
        "Esc",
        "PgUp",
        "PgDn",
        "Home",
        "End",
        "Shift-Tab",
        "Ctrl-S",
    ] {
        assert!(english.contains(name), "{name} in:\n{english}");
    }
    for name in ["Entrée", "Échap", "PgPréc", "Maj-"] {
        assert!(!english.contains(name), "{name} in:\n{english}");
    }
}

/// Every description of a binding, in every mode, and every answer a question shows, has
/// words in both languages, and the two differ where the words are not the same in both.
#[test]
fn every_binding_is_described_in_both_languages() {
    for lang in [Lang::Fr, Lang::En] {
        let ui = strings::ui(lang);
        let k = strings::keys(lang);
        let mut texts: Vec<String> = Vec::new();
        texts.extend(Action::ALL.iter().map(|a| (ui.action_help)(*a).to_string()));
        for mode in Mode::ALL {
            texts.push((k.mode_name)(mode).to_string());
            for action in LineAction::ALL {
                texts.push((k.line_action)(mode, action).to_string());
            }
        }
        texts.extend(FieldListAction::ALL.map(|a| (k.field_list_action)(a).to_string()));
        texts.extend(TypingAction::ALL.map(|a| (k.typing_action)(a).to_string()));
        texts.extend(DialogAction::ALL.map(|a| (k.dialog_action)(a).to_string()));
        texts.extend(HelpAction::ALL.map(|a| (k.help_action)(a).to_string()));
        texts.extend(k.status_hint.iter().map(|(_, what)| what.to_string()));
        texts.extend([k.new_line.to_string(), k.choose.to_string()]);
        for kind in DialogKind::ALL {
            // Every question has at least one answer shown, and a way out.
            let shown: Vec<&str> = kind
                .answers()
                .iter()
                .map(|a| (k.answer)(kind, *a))
                .filter(|t| !t.is_empty())
                .collect();
            assert!(!shown.is_empty(), "{kind:?} in {lang:?}");
            assert!(
                !(k.answer)(kind, DialogAction::Cancel).is_empty()
                    || kind.answers().contains(&DialogAction::Ok),
                "{kind:?} in {lang:?}"
            );
        }
        // The app's words: names, columns, and the messages that name keys (with stand-ins).
        for list in [
            &ui.tab_names[..],
            &ui.tab_short_names[..],
            &ui.axes_columns[..],
            &ui.budget_columns[..],
            &ui.anomaly_columns[..],
            &ui.indicator_fixed_columns[..],
            &ui.search_kinds[..],
            &ui.sort_names[..],
        ] {
            texts.extend(list.iter().map(|t| t.to_string()));
        }
        texts.extend(
            [
                ui.help_title,
                ui.picker_title,
                ui.sort_label,
                ui.filter_label,
                ui.find_label,
                ui.search_title,
                ui.budget_views_hint,
                ui.editor_title,
                ui.modified,
                strings::figures(lang).anomalies_scope_hint,
                strings::figures(lang).other_place,
            ]
            .map(str::to_string),
        );
        texts.extend([
            (ui.recovered)("K"),
            (ui.file_missing)("p", "K"),
            (ui.paste_ignored)("K", "K", "K"),
            (ui.dialog_remove_item)("w", "K"),
            (ui.found)("w", 2, "K"),
            (ui.amount_refused)("w", "K"),
            (ui.editor_field_changed)("w", "K", "K"),
            (k.help_close)("K"),
            strings::key_hint(lang, "K", "w"),
            strings::quoted(lang, "w"),
        ]);
        texts.extend(
            strings::review(lang)
                .filters_hint
                .map(|(_, what)| what.to_string()),
        );
        for field in [
            revue::model::Field::Title,
            revue::model::Field::Partner(0),
            revue::model::Field::ExecutedLineName(0),
            revue::model::Field::ExecutedLineAmount(0),
            revue::model::Field::IndicatorName(0),
            revue::model::Field::Cell(0),
        ] {
            texts.push(strings::editor_field_name(lang, field));
        }
        // Every line of `?` as drawn: headings and what each binding does.
        let (app, _) = app_with_config(FIXTURE.as_ref(), "()", lang, 100, 30);
        for line in app.help_lines() {
            match line {
                revue::app::HelpLine::Heading(name) => texts.push(name),
                revue::app::HelpLine::Entry(keys, what) => texts.extend([keys, what]),
            }
        }
        for (i, text) in texts.iter().enumerate() {
            assert!(!text.trim().is_empty(), "entry {i} in {lang:?}");
        }
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `strings` is below `app`, `ui`, `rules`: it names the model and the keys only.
#[test]
fn strings_depends_on_nothing_above_the_model() {
    let text = std::fs::read_to_string(src().join("strings.rs")).unwrap();
    let above = [
        "app", "ui", "rules", "storage", "cli", "tui", "search", "import",
    ];
    // Moved by the CLI work: the storage error kinds strings describes leave storage.
    let moved_by_the_cli_work = ["storage"];
    for (n, line) in text.lines().enumerate() {
        let is_use = line.trim_start().starts_with("use ");
        for module in above {
            if moved_by_the_cli_work.contains(&module) {
                continue;
            }
            let named = line.contains(&format!("crate::{module}::"))
                || line.contains(&format!("crate::{module}}}"))
                || (is_use && line.contains(&format!("super::{module}")));
            assert!(!named, "strings.rs:{}: {line}", n + 1);
        }
    }
}

/// The string literals of a Rust file outside its tests, with their line, skipping comments.
fn literals(text: &str) -> Vec<(usize, String)> {
    // Test modules close every file that has one.
    let text = match text.find("#[cfg(test)]") {
        Some(end) => &text[..end],
        None => text,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\'' {
            // A char literal ('"', '\'', 'x') or a lifetime.
            match (chars.get(i + 1), chars.get(i + 2), chars.get(i + 3)) {
                (Some('\\'), _, Some('\'')) => i += 4,
                (Some(_), Some('\''), _) => i += 3,
                _ => i += 1,
            }
            continue;
        }
        let raw = c == 'r' && matches!(chars.get(i + 1), Some('"') | Some('#'));
        if c == '"' || raw {
            let mut hashes = 0;
            if raw {
                i += 1;
                while chars[i] == '#' {
                    hashes += 1;
                    i += 1;
                }
            }
            let start_line = line;
            let mut literal = String::new();
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                if d == '\n' {
                    line += 1;
                }
                if !raw && d == '\\' {
                    literal.push(d);
                    if let Some(&e) = chars.get(i + 1) {
                        literal.push(e);
                    }
                    i += 2;
                    continue;
                }
                if d == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                literal.push(d);
                i += 1;
            }
            out.push((start_line, literal));
            continue;
        }
        i += 1;
    }
    out
}

/// Words a person reads: two words of letters in a row, once placeholders are left out.
fn is_sentence(literal: &str) -> bool {
    let mut text = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).any(|pair| {
        pair.iter()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    })
}

/// Files whose texts other work moves into `strings`, and texts that are not the app's words.
const ALLOWED_FILES: &[(&str, &str)] = &[
    ("strings.rs", "the strings themselves"),
    // Moved by the CLI work.
    ("cli/", "moved by the CLI work"),
    ("main.rs", "moved by the CLI work"),
    ("storage/load.rs", "moved by the CLI work"),
    ("storage/save.rs", "moved by the CLI work"),
    ("app/config.rs", "moved by the CLI work"),
    ("ui/theme.rs", "moved by the CLI work"),
    ("model/amount.rs", "moved by the CLI work"),
    // I/O errors of storage, told by their kind once the CLI work translates them.
    ("storage/journal.rs", "moved by the CLI work"),
    ("storage/format.rs", "moved by the CLI work"),
    ("storage/bundled.rs", "moved by the CLI work"),
    // Words looked for in the source documents, and their headings as data: not the app's.
    ("import/", "patterns of the source documents"),
];

/// Lines whose literals are for developers or are data, not the app's words.
const ALLOWED_LINES: &[&str] = &[
    ".expect(",
    "panic!(",
    "unreachable!(",
    "assert!(",
    "assert_eq!(",
    "debug_assert",
    "#[doc",
    "#[serde(",
];

#[test]
fn the_literal_finder_finds_sentences_and_leaves_code_alone() {
    let code = r##"let a = "Rien à modifier ici"; // "a comment here"
let b = '"'; let c = r#"raw "quoted" words here"#; let d = "{name}: {}"; let e = "ctrl-s";"##;
    let found: Vec<String> = literals(code).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        found,
        [
            "Rien à modifier ici",
            "raw \"quoted\" words here",
            "{name}: {}",
            "ctrl-s"
        ]
    );
    let sentences: Vec<&String> = found.iter().filter(|l| is_sentence(l)).collect();
    assert_eq!(
        sentences,
        ["Rien à modifier ici", "raw \"quoted\" words here"]
    );
}

#[test]
fn no_user_visible_sentence_outside_strings() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut found = Vec::new();
    for file in files {
        let name = file
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED_FILES
            .iter()
            .any(|(prefix, _)| name.starts_with(prefix))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (line, literal) in literals(&text) {
            let source = lines.get(line - 1).copied().unwrap_or_default();
            if ALLOWED_LINES.iter().any(|a| source.contains(a)) || !is_sentence(&literal) {
                continue;
            }
            found.push(format!("src/{name}:{line}: {literal:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "move these into src/strings.rs:\n{}",
        found.join("\n")
    );
}
