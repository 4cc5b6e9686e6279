//! Key bindings: defaults, overridable from the config file with keys written as
//! `"q"`, `"ctrl-c"`, `"pagedown"`, `"shift-tab"`, `"f1"`.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Tab};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Key {
        // Shift is part of the character for letters and symbols ('G', '?'): ignore it there.
        let modifiers = match event.code {
            KeyCode::Char(_) => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        Key {
            code: event.code,
            modifiers,
        }
    }

    /// Parses `"ctrl-s"`, `"pagedown"`, `"G"`, `"?"`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").map(|_| &rest[5..]) {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = lower.strip_prefix("alt-").map(|_| &rest[4..]) {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = lower.strip_prefix("shift-").map(|_| &rest[6..]) {
                modifiers |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, modifiers })
    }

    /// When this key can never arrive from a terminal, how to write it so that it does.
    /// Shift is never reported with a character (`"shift-x"` arrives as `"X"`), and with
    /// Ctrl terminals send the letter in lower case (`"ctrl-S"` arrives as `"ctrl-s"`).
    pub fn never_received(&self) -> Option<KeyFix> {
        let KeyCode::Char(c) = self.code else {
            return None;
        };
        let ctrl = self.modifiers.contains(KeyModifiers::CONTROL);
        let alt = self.modifiers.contains(KeyModifiers::ALT);
        let shift = self.modifiers.contains(KeyModifiers::SHIFT);
        let never_arrives = shift || (ctrl && c.is_uppercase());
        if !never_arrives {
            return None;
        }
        let mut fix = String::new();
        if ctrl {
            fix.push_str("ctrl-");
        }
        if alt {
            fix.push_str("alt-");
        }
        if ctrl {
            // Ctrl-Shift-letter is Ctrl-letter for a terminal.
            fix.extend(c.to_lowercase());
        } else if c.is_alphabetic() {
            fix.extend(c.to_uppercase());
        } else if c == ' ' {
            fix.push_str("space");
        } else {
            // Which symbol Shift gives depends on the keyboard layout.
            return Some(KeyFix::ShiftedSymbol);
        }
        Some(KeyFix::Write(fix))
    }

    /// How the help overlay writes it.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        let code = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        out.push_str(&code);
        out
    }
}

/// How to write a key binding that can never fire so that it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFix {
    /// This name instead.
    Write(String),
    /// `"shift-1"`: the symbol Shift gives on the user's keyboard (`"!"` on some).
    ShiftedSymbol,
}

/// Keys to actions. Several keys may share an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        let mut keymap = Keymap {
            bindings: HashMap::new(),
        };
        for (key, action) in [
            ("q", Quit),
            ("ctrl-c", Quit),
            ("up", Up),
            ("k", Up),
            ("down", Down),
            ("j", Down),
            ("pageup", PageUp),
            ("pagedown", PageDown),
            ("home", Home),
            ("g", Home),
            ("end", End),
            ("G", End),
            ("left", Left),
            ("h", Left),
            ("right", Right),
            ("l", Right),
            ("tab", NextTab),
            ("backtab", PrevTab),
            ("1", GoTo(Tab::Axes)),
            ("2", GoTo(Tab::Fiches)),
            ("3", GoTo(Tab::Budgets)),
            ("4", GoTo(Tab::Indicators)),
            ("5", GoTo(Tab::Anomalies)),
            ("enter", Enter),
            ("esc", Back),
            ("?", Help),
            ("f1", Help),
            ("c", PickConvention),
            ("]", NextConvention),
            ("[", PrevConvention),
            ("s", CycleSort),
            ("/", Search),
            ("ctrl-p", Search),
            ("f", Filter),
            ("e", Edit),
            ("ctrl-s", Save),
            ("u", Undo),
            ("ctrl-r", Redo),
            ("ctrl-u", DetailUp),
            ("ctrl-d", DetailDown),
            ("}", NextSection),
            ("{", PrevSection),
            ("ctrl-f", FindInFiche),
            (">", NextMatch),
            ("<", PrevMatch),
            // Issue 15: the review.
            ("d", Disposition),
            ("n", Note),
            ("o", OpenSource),
            ("x", Report),
            ("v", ReviewFilter),
            // Issue 16: structure.
            ("a", AddAfter),
            ("A", AddOuter),
            ("D", Remove),
            ("K", MoveUp),
            ("J", MoveDown),
            ("r", Rename),
            ("T", AddTable),
            ("ctrl-t", RemoveTable),
            ("C", ConfirmFiche),
        ] {
            keymap.bind(Key::parse(key).expect("default keys parse"), action);
        }
        keymap
    }
}

impl Keymap {
    pub fn bind(&mut self, key: Key, action: Action) {
        self.bindings.insert(key, action);
    }

    /// Makes sure some key quits: when the config rebound every one, Ctrl-C quits again.
    /// Returns the key given back to Quit, if any.
    pub fn ensure_quit(&mut self) -> Option<Key> {
        if self.bindings.values().any(|a| *a == Action::Quit) {
            return None;
        }
        let ctrl_c = Key {
            code: KeyCode::Char('c'),
            modifiers: KeyModifiers::CONTROL,
        };
        self.bind(ctrl_c.clone(), Action::Quit);
        Some(ctrl_c)
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(event)).copied()
    }

    /// Every action with the keys bound to it, in a stable order, for the help overlay.
    pub fn by_action(&self) -> Vec<(Action, Vec<String>)> {
        let mut grouped: Vec<(Action, Vec<String>)> = Vec::new();
        for (key, action) in &self.bindings {
            match grouped.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(key.label()),
                None => grouped.push((*action, vec![key.label()])),
            }
        }
        for (_, keys) in &mut grouped {
            keys.sort();
        }
        grouped.sort_by_key(|(action, _)| action_order(*action));
        grouped
    }
}

fn action_order(action: Action) -> usize {
    use Action::*;
    [
        Up,
        Down,
        PageUp,
        PageDown,
        Home,
        End,
        Left,
        Right,
        DetailUp,
        DetailDown,
        NextSection,
        PrevSection,
        FindInFiche,
        NextMatch,
        PrevMatch,
        NextTab,
        PrevTab,
        GoTo(Tab::Axes),
        GoTo(Tab::Fiches),
        GoTo(Tab::Budgets),
        GoTo(Tab::Indicators),
        GoTo(Tab::Anomalies),
        Enter,
        Back,
        Search,
        Filter,
        Edit,
        Rename,
        AddAfter,
        AddOuter,
        Remove,
        MoveUp,
        MoveDown,
        AddTable,
        RemoveTable,
        ConfirmFiche,
        Undo,
        Redo,
        Save,
        CycleSort,
        Disposition,
        Note,
        ReviewFilter,
        OpenSource,
        Report,
        PickConvention,
        NextConvention,
        PrevConvention,
        Help,
        Quit,
    ]
    .iter()
    .position(|a| *a == action)
    .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_written_forms() {
        assert_eq!(
            Key::parse("ctrl-s"),
            Some(Key {
                code: KeyCode::Char('s'),
                modifiers: KeyModifiers::CONTROL
            })
        );
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("PageDown").unwrap().code, KeyCode::PageDown);
        assert_eq!(Key::parse("F1").unwrap().code, KeyCode::F(1));
        assert_eq!(Key::parse("G").unwrap().code, KeyCode::Char('G'));
        assert_eq!(Key::parse("ab"), None);
    }

    #[test]
    fn shifted_characters_match_their_binding() {
        let keymap = Keymap::default();
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action(&shift_g), Some(Action::End));
        let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action(&question), Some(Action::Help));
    }
}
