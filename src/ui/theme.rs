//! Themes: `themes/*.ron`, bundled in the binary; a user's own in the config directory's
//! `themes/` folder take precedence. `NO_COLOR` keeps the modifiers and drops every colour.

use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::problem::{SettingsError, SettingsErrorKind, ThemeProblem};
use crate::rules::Severity;

pub const BUNDLED: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.ron")),
    ("light", include_str!("../../themes/light.ron")),
    ("dark", include_str!("../../themes/dark.ron")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.ron"),
    ),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    #[serde(default)]
    fg: Option<String>,
    #[serde(default)]
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    base: StyleSpec,
    selection: StyleSpec,
    header: StyleSpec,
    tab_active: StyleSpec,
    tab_inactive: StyleSpec,
    border: StyleSpec,
    title: StyleSpec,
    muted: StyleSpec,
    error: StyleSpec,
    warning: StyleSpec,
    total: StyleSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub selection: Style,
    pub header: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub border: Style,
    pub title: Style,
    pub muted: Style,
    pub error: Style,
    pub warning: Style,
    pub total: Style,
}

impl Theme {
    pub fn severity(&self, severity: Option<Severity>) -> Style {
        match severity {
            Some(Severity::Error) => self.error,
            Some(Severity::Warning) => self.warning,
            None => Style::default(),
        }
    }

    /// A theme by name: the user's `themes/NAME.ron` if there is one, else the bundled one.
    pub fn named(
        name: &str,
        user_dir: Option<&std::path::Path>,
        no_color: bool,
    ) -> Result<Theme, ThemeProblem> {
        if let Some(dir) = user_dir {
            let path = dir.join(format!("{name}.ron"));
            let user_theme = crate::storage::read_optional_text(&path).map_err(|problem| {
                ThemeProblem::File(SettingsError::new(
                    &path,
                    SettingsErrorKind::Io(problem.kind),
                ))
            })?;
            if let Some(text) = user_theme {
                return Theme::parse(&text, &path, no_color);
            }
        }
        let (_, text) =
            BUNDLED
                .iter()
                .find(|(n, _)| *n == name)
                .ok_or_else(|| ThemeProblem::Unknown {
                    name: name.to_string(),
                    builtin: BUNDLED.iter().map(|(n, _)| n.to_string()).collect(),
                })?;
        Theme::parse(text, Path::new(&format!("themes/{name}.ron")), no_color)
    }

    /// A theme from its text; `path` is where it comes from, for the messages.
    pub fn parse(text: &str, path: &Path, no_color: bool) -> Result<Theme, ThemeProblem> {
        let file: ThemeFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| {
                ThemeProblem::File(crate::storage::settings_syntax_error(path, text, &e))
            })?;
        // An unknown colour is reported at the line and column where the theme names it.
        let style = |spec: &StyleSpec| {
            to_style(spec, no_color).map_err(|name| {
                let quoted = format!("\"{name}\"");
                let (line, column) = text
                    .lines()
                    .enumerate()
                    .find_map(|(i, l)| l.find(&quoted).map(|c| (i + 1, c + 1)))
                    .unwrap_or((1, 1));
                ThemeProblem::BadColour {
                    path: path.to_path_buf(),
                    line,
                    column,
                    colour: name,
                }
            })
        };
        Ok(Theme {
            name: file.name.clone(),
            base: style(&file.base)?,
            selection: style(&file.selection)?,
            header: style(&file.header)?,
            tab_active: style(&file.tab_active)?,
            tab_inactive: style(&file.tab_inactive)?,
            border: style(&file.border)?,
            title: style(&file.title)?,
            muted: style(&file.muted)?,
            error: style(&file.error)?,
            warning: style(&file.warning)?,
            total: style(&file.total)?,
        })
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::parse(BUNDLED[0].1, Path::new("themes/default.ron"), false)
            .expect("the bundled default theme parses")
    }
}

fn to_style(spec: &StyleSpec, no_color: bool) -> Result<Style, String> {
    let color = |c: &Option<String>| -> Result<Option<Color>, String> {
        match c {
            Some(name) if !no_color => Color::from_str(name).map(Some).map_err(|_| name.clone()),
            _ => Ok(None),
        }
    };
    let mut style = Style::default();
    if let Some(fg) = color(&spec.fg)? {
        style = style.fg(fg);
    }
    if let Some(bg) = color(&spec.bg)? {
        style = style.bg(bg);
    }
    for (on, modifier) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underlined, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    Ok(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_colour_is_reported_with_its_line() {
        let text = BUNDLED[0].1.replacen("\"red\"", "\"rouge-vif\"", 1);
        assert_ne!(text, BUNDLED[0].1, "the default theme names red");
        let error = Theme::parse(&text, Path::new("t.ron"), false).unwrap_err();
        let error = crate::strings::theme_problem(crate::strings::Lang::Fr, &error);
        let line = text.lines().position(|l| l.contains("rouge-vif")).unwrap() + 1;
        assert!(error.starts_with(&format!("t.ron:{line}:")), "{error}");
        assert!(error.contains("rouge-vif"), "{error}");
    }

    #[test]
    fn every_bundled_theme_parses() {
        for (name, _) in BUNDLED {
            let theme = Theme::named(name, None, false).unwrap();
            assert_eq!(&theme.name, name);
        }
    }

    #[test]
    fn no_color_keeps_modifiers_only() {
        let theme = Theme::named("high-contrast", None, true).unwrap();
        assert_eq!(theme.error.fg, None);
        assert_eq!(theme.error.bg, None);
        assert!(theme.error.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn unknown_theme_lists_the_known_ones() {
        let error = Theme::named("sépia", None, false).unwrap_err();
        let error = crate::strings::theme_problem(crate::strings::Lang::Fr, &error);
        assert!(error.contains("high-contrast"), "{error}");
    }
}
