//! The user's config file (RON, in the platform config directory): overrides only what it
//! names — key bindings, theme, language.
//!
//! ```ron
//! (
//!     lang: En,
//!     theme: "dark",
//!     keys: {"ctrl-q": Quit, "x": GoTo(Anomalies)},
//! )
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Action, Key, Keymap};
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
}

/// `$REVUE_CONFIG` when set, else `config.ron` in the platform config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("REVUE_CONFIG") {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("fr", "revue", "revue")
        .map(|d| d.config_dir().join("config.ron"))
}

/// Reads the config file. A missing file is the empty config; a broken one is an error
/// message (the app goes on with defaults and shows it).
pub fn load(path: Option<&Path>) -> Result<FileConfig, String> {
    let Some(path) = path else {
        return Ok(FileConfig::default());
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| {
            format!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })
}

impl FileConfig {
    /// The default bindings with this config's on top. Unknown key names are reported.
    pub fn keymap(&self) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for (name, action) in &self.keys {
            let key = Key::parse(name).ok_or_else(|| format!("touche inconnue : « {name} »"))?;
            keymap.bind(key, *action);
        }
        Ok(keymap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_only_what_it_names() {
        let config: FileConfig = ron::from_str(r#"(keys: {"x": Quit})"#).unwrap();
        assert_eq!(config.lang, None);
        let keymap = config.keymap().unwrap();
        let x = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
        let q = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('q'));
        assert_eq!(keymap.action(&x), Some(Action::Quit));
        assert_eq!(keymap.action(&q), Some(Action::Quit));
    }

    #[test]
    fn broken_config_is_reported_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(lang: Klingon)").unwrap();
        let error = load(Some(&path)).unwrap_err();
        assert!(error.contains("config.ron:1:"), "{error}");
    }
}
