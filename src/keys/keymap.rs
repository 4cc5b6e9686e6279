//! Key bindings of every mode: defaults, overridable from the config file with keys written
//! as `"q"`, `"ctrl-c"`, `"pagedown"`, `"shift-tab"`, `"f1"`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{
    Action, DialogAction, FieldListAction, HelpAction, LineAction, Mode, Tab, TypingAction,
};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn from_event(event: &KeyEvent) -> Key {
        // Shift is part of the character for letters and symbols ('G', '?'), and of BackTab
        // (terminals report Shift-Tab as BackTab with Shift): ignore it there.
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
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
            "delete" | "del" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "insert" => KeyCode::Insert,
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
}

impl Key {
    /// A character typed as is (no Ctrl, no Alt): text where text is typed.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
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

/// One mode's keys and their actions. Several keys may share an action; a key has one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings<A> {
    /// In the order hints prefer them: the user's own bindings first, then the defaults.
    list: Vec<(Key, A)>,
}

impl<A: Copy + PartialEq> Bindings<A> {
    fn defaults(pairs: &[(&str, A)]) -> Self {
        Bindings {
            list: pairs
                .iter()
                .map(|(key, action)| (Key::parse(key).expect("default keys parse"), *action))
                .collect(),
        }
    }

    /// Binds `key` to `action`, replacing what `key` did in this mode. The key comes first
    /// among the action's keys: the hints show it.
    pub fn bind(&mut self, key: Key, action: A) {
        self.list.retain(|(k, _)| *k != key);
        self.list.insert(0, (key, action));
    }

    pub fn action(&self, event: &KeyEvent) -> Option<A> {
        let key = Key::from_event(event);
        self.list.iter().find(|(k, _)| *k == key).map(|(_, a)| *a)
    }

    /// The keys bound to `action`, the preferred first.
    pub fn keys(&self, action: A) -> Vec<&Key> {
        self.list
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k)
            .collect()
    }

    /// The key a hint shows for `action`.
    pub fn first_key(&self, action: A) -> Option<&Key> {
        self.list.iter().find(|(_, a)| *a == action).map(|(k, _)| k)
    }

    /// The actions of `order` that have keys, each with its keys.
    pub fn by_action(&self, order: &[A]) -> Vec<(A, Vec<&Key>)> {
        order
            .iter()
            .map(|a| (*a, self.keys(*a)))
            .filter(|(_, keys)| !keys.is_empty())
            .collect()
    }

    /// Makes sure `action` has a key: when none is left, `fallback` gets it back (and is
    /// returned).
    pub fn ensure(&mut self, action: A, fallback: &str) -> Option<Key> {
        if self.first_key(action).is_some() {
            return None;
        }
        let key = Key::parse(fallback).expect("fallback keys parse");
        self.bind(key.clone(), action);
        Some(key)
    }
}

/// The bindings of every mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub normal: Bindings<Action>,
    pub palette: Bindings<LineAction>,
    /// A list's filter, and the words to find in the fiche shown.
    pub filter: Bindings<LineAction>,
    pub note: Bindings<LineAction>,
    /// The editor's list of fields.
    pub fields: Bindings<FieldListAction>,
    /// A field of the editor being typed.
    pub typing: Bindings<TypingAction>,
    pub dialog: Bindings<DialogAction>,
    pub help: Bindings<HelpAction>,
}

/// How a typed line is steered, wherever one is typed.
const LINE_KEYS: [(&str, LineAction); 9] = [
    ("enter", LineAction::Accept),
    ("up", LineAction::Up),
    ("ctrl-p", LineAction::Up),
    ("down", LineAction::Down),
    ("ctrl-n", LineAction::Down),
    ("pageup", LineAction::PageUp),
    ("pagedown", LineAction::PageDown),
    ("ctrl-u", LineAction::Clear),
    ("esc", LineAction::Close),
];

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        let normal = Bindings::defaults(&[
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
        ]);
        let fields = {
            use FieldListAction::*;
            Bindings::defaults(&[
                ("enter", Edit),
                ("e", Edit),
                ("a", Add),
                ("d", Remove),
                ("delete", Remove),
                ("up", Up),
                ("k", Up),
                ("down", Down),
                ("j", Down),
                ("pageup", PageUp),
                ("pagedown", PageDown),
                ("home", Home),
                ("end", End),
                ("esc", Close),
            ])
        };
        let typing = {
            use TypingAction::*;
            Bindings::defaults(&[
                ("enter", Confirm),
                ("ctrl-s", ConfirmAny),
                ("ctrl-u", Clear),
                ("up", Previous),
                ("left", Previous),
                ("down", Next),
                ("right", Next),
                ("esc", Cancel),
            ])
        };
        let dialog = {
            use DialogAction::*;
            Bindings::defaults(&[
                ("o", Yes),
                ("y", Yes),
                ("enter", Ok),
                ("e", Save),
                ("s", Save),
                ("w", Save),
                ("a", Discard),
                ("d", Discard),
                ("i", Discard),
                ("r", Reload),
                ("c", Copy),
                ("l", ReadOnly),
                ("q", Quit),
                ("esc", Cancel),
                ("n", Cancel),
            ])
        };
        let help = {
            use HelpAction::*;
            Bindings::defaults(&[
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
                ("esc", Close),
                ("?", Close),
                ("f1", Close),
                ("q", Close),
                ("ctrl-c", Close),
            ])
        };
        Keymap {
            normal,
            palette: Bindings::defaults(&LINE_KEYS),
            filter: Bindings::defaults(&LINE_KEYS),
            note: Bindings::defaults(&[
                ("enter", LineAction::Accept),
                ("ctrl-u", LineAction::Clear),
                ("esc", LineAction::Close),
            ]),
            fields,
            typing,
            dialog,
            help,
        }
    }
}

impl Keymap {
    /// Binds a key of normal mode.
    pub fn bind(&mut self, key: Key, action: Action) {
        self.normal.bind(key, action);
    }

    /// Normal mode's action for a key.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.normal.action(event)
    }

    /// Makes sure every mode can be left: when the config rebound every key that quits the
    /// app, Ctrl-C quits again; when it took every key that closes a mode, Esc does.
    /// Returns the keys given back, with their mode.
    pub fn ensure_exits(&mut self) -> Vec<(Mode, Key)> {
        let given_back = [
            (Mode::Normal, self.normal.ensure(Action::Quit, "ctrl-c")),
            (Mode::Palette, self.palette.ensure(LineAction::Close, "esc")),
            (Mode::Filter, self.filter.ensure(LineAction::Close, "esc")),
            (Mode::Note, self.note.ensure(LineAction::Close, "esc")),
            (
                Mode::FieldList,
                self.fields.ensure(FieldListAction::Close, "esc"),
            ),
            (
                Mode::Typing,
                self.typing.ensure(TypingAction::Cancel, "esc"),
            ),
            (
                Mode::Dialog,
                self.dialog.ensure(DialogAction::Cancel, "esc"),
            ),
            (Mode::Help, self.help.ensure(HelpAction::Close, "esc")),
        ];
        given_back
            .into_iter()
            .filter_map(|(mode, key)| Some((mode, key?)))
            .collect()
    }
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
    fn the_users_key_comes_first_and_replaces_the_keys_old_action() {
        let mut keymap = Keymap::default();
        keymap.bind(Key::parse("x").unwrap(), Action::Help);
        assert_eq!(
            keymap.normal.first_key(Action::Help),
            Key::parse("x").as_ref()
        );
        assert!(keymap.normal.keys(Action::Report).is_empty());
    }

    #[test]
    fn shift_tab_as_terminals_send_it_goes_to_the_previous_tab() {
        let keymap = Keymap::default();
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(keymap.action(&back_tab), Some(Action::PrevTab));
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
