//! The user's config file (RON, in the platform config directory): overrides only what it
//! names — key bindings, theme, language.
//!
//! ```ron
//! (
//!     lang: En,
//!     theme: "dark",
//!     keys: {"ctrl-q": Quit, "x": GoTo(Anomalies)},
//!     palette_keys: {"ctrl-j": Down, "ctrl-k": Up},
//!     editor_keys: {"i": Edit},
//!     typing_keys: {"ctrl-g": Cancel},
//!     dialog_keys: {"j": Yes},
//! )
//! ```
//!
//! `keys` is normal mode; each other mode has its section (`palette_keys`, `filter_keys`,
//! `note_keys`, `editor_keys`, `typing_keys`, `dialog_keys`, `help_keys`), over its defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Action, Key, Keymap};
use crate::keys::{
    Bindings, DialogAction, FieldListAction, HelpAction, KeyFix, LineAction, Mode, TypingAction,
};
use crate::problem::{SettingsError, SettingsErrorKind};
use crate::strings::Lang;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub keys: BTreeMap<String, Action>,
    // Issue 18: every other mode's bindings, each over its defaults.
    #[serde(default)]
    pub palette_keys: BTreeMap<String, LineAction>,
    #[serde(default)]
    pub filter_keys: BTreeMap<String, LineAction>,
    #[serde(default)]
    pub note_keys: BTreeMap<String, LineAction>,
    /// The editor's list of fields.
    #[serde(default)]
    pub editor_keys: BTreeMap<String, FieldListAction>,
    /// A field of the editor being typed.
    #[serde(default)]
    pub typing_keys: BTreeMap<String, TypingAction>,
    #[serde(default)]
    pub dialog_keys: BTreeMap<String, DialogAction>,
    #[serde(default)]
    pub help_keys: BTreeMap<String, HelpAction>,
    /// The name a review is recorded under (default: the login name).
    #[serde(default)]
    pub reviewer: Option<String>,
}

/// `$REVUE_CONFIG` when set, else `config.ron` in the platform config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("REVUE_CONFIG") {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("fr", "revue", "revue")
        .map(|d| d.config_dir().join("config.ron"))
}

/// The language of a run: the command line's `--lang`, else the config file's `lang`, else
/// the locale as POSIX reads it (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
/// not empty: `fr_FR.UTF-8`, `en_US.UTF-8`), else French. A locale of another language
/// (`C`, `de_DE`) gives French, revue's own language. `env` reads a variable.
pub fn resolve_lang(
    flag: Option<Lang>,
    config: Option<Lang>,
    env: impl Fn(&str) -> Option<String>,
) -> Lang {
    flag.or(config)
        .or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|name| env(name).filter(|value| !value.is_empty()))
                .and_then(|locale| lang_of_locale(&locale))
        })
        .unwrap_or_default()
}

/// `en_US.UTF-8` → English, `fr_CA` → French; `None` for another language.
pub fn lang_of_locale(locale: &str) -> Option<Lang> {
    let language = locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match language.as_str() {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Reads the config file. A missing file is the empty config; a broken one is an error (the
/// app goes on with defaults and shows it, in the language chosen without it).
pub fn load(path: Option<&Path>) -> Result<FileConfig, SettingsError> {
    let Some(path) = path else {
        return Ok(FileConfig::default());
    };
    let text = match crate::storage::read_optional_text(path) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(FileConfig::default()),
        Err(problem) => {
            return Err(SettingsError::new(
                path,
                SettingsErrorKind::Io(problem.kind),
            ));
        }
    };
    // An empty file (just created, or every line commented out) says nothing: defaults.
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    }) {
        return Ok(FileConfig::default());
    }
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| crate::storage::settings_syntax_error(path, &text, &e))
}

impl FileConfig {
    /// The default bindings with this config's on top, and a message for every binding
    /// refused, naming the config file (`path`) and saying how to fix it: key names not
    /// understood, keys that can never be received (`"shift-x"`, `"ctrl-S"`). Whatever the
    /// config says, some key still quits (Ctrl-C when none is left).
    pub fn keymap(&self, path: Option<&Path>, lang: Lang) -> (Keymap, Vec<String>) {
        let text = crate::strings::storage(lang);
        let file = path
            .map(|p| crate::text::sanitize_line(&p.display().to_string()).into_owned())
            .unwrap_or_else(|| "config.ron".to_string());
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        let section = |mode| Section {
            mode,
            file: file.clone(),
            lang,
            problems: Vec::new(),
        };
        let sections = [
            section(Mode::Normal).bind_all(&self.keys, &mut keymap.normal),
            section(Mode::Palette).bind_all(&self.palette_keys, &mut keymap.palette),
            section(Mode::Filter).bind_all(&self.filter_keys, &mut keymap.filter),
            section(Mode::Note).bind_all(&self.note_keys, &mut keymap.note),
            section(Mode::FieldList).bind_all(&self.editor_keys, &mut keymap.fields),
            section(Mode::Typing).bind_all(&self.typing_keys, &mut keymap.typing),
            section(Mode::Dialog).bind_all(&self.dialog_keys, &mut keymap.dialog),
            section(Mode::Help).bind_all(&self.help_keys, &mut keymap.help),
        ];
        problems.extend(sections.into_iter().flatten());
        for (mode, kept) in keymap.ensure_exits() {
            let label = crate::strings::key_label(lang, &kept);
            problems.push(match mode {
                Mode::Normal => (text.quit_kept)(&file, &label),
                _ => (crate::strings::keys(lang).exit_kept)(
                    &file,
                    (crate::strings::keys(lang).mode_name)(mode),
                    &label,
                ),
            });
        }
        (keymap, problems)
    }
}

/// One mode's section of the config, bound over its defaults.
struct Section {
    mode: Mode,
    file: String,
    lang: Lang,
    problems: Vec<String>,
}

impl Section {
    /// Binds what the section names, and says what it refuses and why: key names not
    /// understood, keys that can never be received (`"shift-x"`, `"ctrl-S"`), plain characters
    /// where they are typed, one key written twice (`"ctrl-s"` and `"Ctrl-s"`).
    fn bind_all<A: Copy + PartialEq>(
        mut self,
        names: &BTreeMap<String, A>,
        bindings: &mut Bindings<A>,
    ) -> Vec<String> {
        let text = crate::strings::storage(self.lang);
        let keys_text = crate::strings::keys(self.lang);
        let file = self.file.as_str();
        let name_shown = |name: &str| crate::text::sanitize_line(name).into_owned();
        let mut seen: Vec<(Key, &str)> = Vec::new();
        for (name, action) in names {
            let Some(key) = Key::parse(name) else {
                self.problems
                    .push((text.key_unknown)(file, &name_shown(name)));
                continue;
            };
            match key.never_received() {
                Some(KeyFix::Write(fix)) => {
                    self.problems
                        .push((text.key_never_fires)(file, &name_shown(name), &fix));
                    continue;
                }
                Some(KeyFix::ShiftedSymbol) => {
                    self.problems
                        .push((text.key_shifted_symbol)(file, &name_shown(name)));
                    continue;
                }
                None => {}
            }
            if self.mode.types_text() && key.is_text() {
                self.problems.push((keys_text.key_is_text)(
                    file,
                    &name_shown(name),
                    (keys_text.mode_name)(self.mode),
                ));
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                self.problems.push((keys_text.key_bound_twice)(
                    file,
                    &crate::strings::key_label(self.lang, &key),
                    &format!("{} / {}", name_shown(first), name_shown(name)),
                ));
            }
            seen.push((key.clone(), name));
            bindings.bind(key, *action);
        }
        self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_only_what_it_names() {
        let config: FileConfig = ron::from_str(r#"(keys: {"x": Quit})"#).unwrap();
        assert_eq!(config.lang, None);
        let (keymap, problems) = config.keymap(None, Lang::Fr);
        assert!(problems.is_empty(), "{problems:?}");
        let x = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
        let q = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('q'));
        assert_eq!(keymap.action(&x), Some(Action::Quit));
        assert_eq!(keymap.action(&q), Some(Action::Quit));
    }

    fn keymap_of(config: &str) -> (Keymap, Vec<String>) {
        let config: FileConfig = ron::from_str(config).unwrap();
        config.keymap(
            Some(Path::new("/home/u/.config/revue/config.ron")),
            Lang::En,
        )
    }

    fn event(
        code: crossterm::event::KeyCode,
        modifiers: crossterm::event::KeyModifiers,
    ) -> crossterm::event::KeyEvent {
        crossterm::event::KeyEvent::new(code, modifiers)
    }

    #[test]
    fn bindings_that_can_never_fire_are_reported_with_the_fix() {
        use crossterm::event::{KeyCode, KeyModifiers};
        let (keymap, problems) =
            keymap_of(r#"(keys: {"shift-x": Edit, "ctrl-S": Save, "shift-f2": Help})"#);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let all = problems.join("\n");
        assert!(all.contains("/home/u/.config/revue/config.ron"), "{all}");
        assert!(all.contains("“shift-x”") && all.contains("“X”"), "{all}");
        assert!(
            all.contains("“ctrl-S”") && all.contains("“ctrl-s”"),
            "{all}"
        );
        // Neither is bound: nothing misleading in the help.
        let x = event(KeyCode::Char('X'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action(&x), None);
        // A shifted function key does arrive with Shift, and stays bound.
        let shift_f2 = event(KeyCode::F(2), KeyModifiers::SHIFT);
        assert_eq!(keymap.action(&shift_f2), Some(Action::Help));
    }

    #[test]
    fn unknown_key_names_are_reported_with_the_config_file() {
        let (_, problems) = keymap_of(r#"(keys: {"hyper-q": Quit})"#);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("config.ron") && problems[0].contains("hyper-q"));
    }

    #[test]
    fn rebinding_every_quit_key_keeps_ctrl_c() {
        use crossterm::event::{KeyCode, KeyModifiers};
        let (keymap, problems) = keymap_of(r#"(keys: {"q": Search, "ctrl-c": Help})"#);
        let ctrl_c = event(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keymap.action(&ctrl_c), Some(Action::Quit));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("Ctrl-C"), "{problems:?}");
        // Another quit key is enough: nothing is changed then.
        let (keymap, problems) = keymap_of(r#"(keys: {"q": Search, "ctrl-c": Help, "x": Quit})"#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(keymap.action(&ctrl_c), Some(Action::Help));
    }

    #[test]
    fn an_empty_config_is_the_default_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        for text in ["", "\n  \n", "// lang: En,\n"] {
            std::fs::write(&path, text).unwrap();
            assert!(load(Some(&path)).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn broken_config_is_reported_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(lang: Klingon)").unwrap();
        let error = load(Some(&path)).unwrap_err();
        let french = crate::strings::settings_error(Lang::Fr, &error);
        assert!(french.contains("config.ron:1:"), "{french}");
        assert!(
            french.contains("« Klingon » n'est pas une valeur"),
            "{french}"
        );
        let english = crate::strings::settings_error(Lang::En, &error);
        assert!(english.contains("“Klingon” is not a"), "{english}");
    }

    #[test]
    fn the_language_is_the_flag_then_the_config_then_the_locale_then_french() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let english = &[("LANG", "en_US.UTF-8")];
        assert_eq!(
            resolve_lang(Some(Lang::Fr), Some(Lang::En), env(english)),
            Lang::Fr
        );
        assert_eq!(resolve_lang(None, Some(Lang::Fr), env(english)), Lang::Fr);
        assert_eq!(resolve_lang(None, None, env(english)), Lang::En);
        // LC_ALL over LC_MESSAGES over LANG; an empty one is not set.
        let all = &[
            ("LC_ALL", "fr_FR.UTF-8"),
            ("LC_MESSAGES", "en_GB"),
            ("LANG", "en_US"),
        ];
        assert_eq!(resolve_lang(None, None, env(all)), Lang::Fr);
        let messages = &[("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "fr_FR")];
        assert_eq!(resolve_lang(None, None, env(messages)), Lang::En);
        // Another language, the C locale, nothing: French.
        assert_eq!(
            resolve_lang(None, None, env(&[("LANG", "de_DE.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(
            resolve_lang(None, None, env(&[("LANG", "C.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(resolve_lang(None, None, env(&[])), Lang::Fr);
    }
}
