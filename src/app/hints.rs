//! Hints and the key help, built from the bindings in force: rebinding a key in the config
//! changes what every hint and `?` say. Text only; `ui` draws it.

use super::{App, Editor, FieldInput};
use crate::keys::{
    Action, Bindings, DialogAction, DialogKind, FieldListAction, HelpAction, LineAction, Mode,
    TypingAction,
};
use crate::strings::{self, Lang};

/// One line of the key help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A mode's name, before its bindings.
    Heading(String),
    /// The keys, and what they do.
    Entry(String, String),
}

impl HelpLine {
    /// The line as the help shows it: keys in a column of their own, then what they do.
    pub fn text(&self) -> String {
        match self {
            HelpLine::Heading(name) => name.clone(),
            HelpLine::Entry(keys, what) => {
                let pad = 12usize.saturating_sub(super::unicode_width(keys));
                format!("  {keys}{} {what}", " ".repeat(pad))
            }
        }
    }

    /// Its width on screen.
    pub fn width(&self) -> usize {
        super::unicode_width(&self.text())
    }
}

/// The first key of each of `actions`, as `↑/↓`; `None` when none is bound.
fn keys_of<A: Copy + PartialEq>(
    lang: Lang,
    bindings: &Bindings<A>,
    actions: &[A],
) -> Option<String> {
    let keys: Vec<String> = actions
        .iter()
        .filter_map(|a| bindings.first_key(*a))
        .map(|k| strings::key_label(lang, k))
        .collect();
    (!keys.is_empty()).then(|| keys.join("/"))
}

/// `Entrée : aller · ↑/↓ : choisir · Échap : fermer`, leaving out what has no key.
fn hint<A: Copy + PartialEq>(lang: Lang, bindings: &Bindings<A>, items: &[(&[A], &str)]) -> String {
    items
        .iter()
        .filter_map(|(actions, what)| {
            keys_of(lang, bindings, actions).map(|keys| strings::key_hint(lang, &keys, what))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Every key of each action of `order` bound in `bindings`, described by `describe`.
fn entries<A: Copy + PartialEq>(
    lang: Lang,
    bindings: &Bindings<A>,
    order: &[A],
    describe: impl Fn(A) -> &'static str,
) -> Vec<HelpLine> {
    bindings
        .by_action(order)
        .into_iter()
        .map(|(action, keys)| {
            let keys: Vec<String> = keys.iter().map(|k| strings::key_label(lang, k)).collect();
            HelpLine::Entry(keys.join(", "), describe(action).to_string())
        })
        .collect()
}

impl App {
    /// The key a message names for a normal-mode action: its first key in force.
    pub fn key_name(&self, action: Action) -> String {
        self.keymap
            .normal
            .first_key(action)
            .map(|k| strings::key_label(self.lang, k))
            .unwrap_or_else(|| "—".to_string())
    }

    /// The key a message names for what is done while typing a field.
    pub fn typing_key_name(&self, action: TypingAction) -> String {
        self.keymap
            .typing
            .first_key(action)
            .map(|k| strings::key_label(self.lang, k))
            .unwrap_or_else(|| "—".to_string())
    }

    /// `←/→ : what`, the keys of two normal-mode actions before what they do.
    pub fn pair_hint(&self, first: Action, second: Action, what: &str) -> String {
        match keys_of(self.lang, &self.keymap.normal, &[first, second]) {
            Some(keys) => strings::key_hint(self.lang, &keys, what),
            None => String::new(),
        }
    }

    /// The keys that step through the lines found in a fiche: `> / <`.
    pub fn match_keys(&self) -> String {
        keys_of(
            self.lang,
            &self.keymap.normal,
            &[Action::NextMatch, Action::PrevMatch],
        )
        .map(|keys| keys.replace('/', " / "))
        .unwrap_or_default()
    }

    /// `d disposition · n note · v filtre · o source`, with the keys in force.
    pub fn review_keys_hint(&self) -> String {
        strings::review(self.lang)
            .filters_hint
            .iter()
            .filter_map(|(action, what)| {
                let key = self.keymap.normal.first_key(*action)?;
                Some(format!("{} {what}", strings::key_label(self.lang, key)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The status bar's reminder: `? aide · c conventions · q quitter`.
    pub fn status_hint(&self) -> String {
        let k = strings::keys(self.lang);
        k.status_hint
            .iter()
            .filter_map(|(action, what)| {
                let key = self.keymap.normal.first_key(*action)?;
                Some(format!("{} {what}", strings::key_label(self.lang, key)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The palette's keys; with a result selected, Enter names the tab it shows it in.
    pub fn palette_hint(&self, leads_to: Option<crate::keys::Tab>) -> String {
        let describe = strings::keys(self.lang).line_action;
        let choose = strings::keys(self.lang).choose;
        let text = self.text();
        let accept = match leads_to {
            Some(tab) => (text.search_accept_to)(text.tab_names[tab.index()]),
            None => describe(Mode::Palette, LineAction::Accept).to_string(),
        };
        hint(
            self.lang,
            &self.keymap.palette,
            &[
                (&[LineAction::Accept], &accept),
                (&[LineAction::Up, LineAction::Down], choose),
                (
                    &[LineAction::Close],
                    describe(Mode::Palette, LineAction::Close),
                ),
            ],
        )
    }

    /// Under a filter or a note being typed: how to keep it and how to leave.
    pub fn line_hint(&self, mode: Mode) -> String {
        let describe = strings::keys(self.lang).line_action;
        let bindings = match mode {
            Mode::Note => &self.keymap.note,
            Mode::Palette => &self.keymap.palette,
            _ => &self.keymap.filter,
        };
        hint(
            self.lang,
            bindings,
            &[
                (&[LineAction::Accept], describe(mode, LineAction::Accept)),
                (&[LineAction::Close], describe(mode, LineAction::Close)),
            ],
        )
    }

    /// What works in the editor as it is now: the list of fields (adding and removing only
    /// where they do something), a text of one or several lines, a choice.
    pub fn editor_hint(&self, editor: &Editor) -> String {
        let k = strings::keys(self.lang);
        let field = editor.fields.get(editor.scroll.selected).copied();
        match &editor.input {
            None => {
                use FieldListAction as F;
                // Adding works from every field (a partner, a column, a party or statement);
                // removing only on an item of a list.
                let removable = field.is_some_and(|f| f.list().is_some());
                let d = k.field_list_action;
                let mut items: Vec<(&[F], &str)> = vec![(&[F::Edit], d(F::Edit))];
                items.push((&[F::Add], d(F::Add)));
                if removable {
                    items.push((&[F::Remove], d(F::Remove)));
                }
                items.push((&[F::Close], d(F::Close)));
                hint(self.lang, &self.keymap.fields, &items)
            }
            Some(FieldInput::Choice { .. }) => {
                use TypingAction as T;
                let d = k.typing_action;
                hint(
                    self.lang,
                    &self.keymap.typing,
                    &[
                        (&[T::Previous, T::Next], k.choose),
                        (&[T::Confirm], d(T::Confirm)),
                        (&[T::Cancel], d(T::Cancel)),
                    ],
                )
            }
            Some(FieldInput::Text { multiline, .. }) => {
                use TypingAction as T;
                let d = k.typing_action;
                let items: &[(&[T], &str)] = if *multiline {
                    &[
                        (&[T::ConfirmAny], d(T::Confirm)),
                        (&[T::Confirm], k.new_line),
                        (&[T::Cancel], d(T::Cancel)),
                    ]
                } else {
                    &[(&[T::Confirm], d(T::Confirm)), (&[T::Cancel], d(T::Cancel))]
                };
                hint(self.lang, &self.keymap.typing, items)
            }
        }
    }

    /// A question's answers: `[o] écraser · [c] enregistrer une copie · Échap : annuler`.
    pub fn dialog_hint(&self, kind: DialogKind) -> String {
        let answer = strings::keys(self.lang).answer;
        kind.answers()
            .iter()
            .filter_map(|a| {
                let what = answer(kind, *a);
                let key = self.keymap.dialog.first_key(*a)?;
                if what.is_empty() {
                    return None;
                }
                let label = strings::key_label(self.lang, key);
                Some(if label.chars().count() == 1 {
                    format!("[{label}] {what}")
                } else {
                    strings::key_hint(self.lang, &label, what)
                })
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The keys that close the help, for its bottom line: `Échap ou ? pour fermer`.
    /// Under a section being read: the keys that scroll it and close it.
    pub fn reader_hint(&self) -> String {
        let first = |action| {
            self.keymap
                .help
                .keys(action)
                .into_iter()
                .next()
                .map(|k| strings::key_label(self.lang, k))
                .unwrap_or_else(|| "—".to_string())
        };
        let scroll = format!("{}/{}", first(HelpAction::Up), first(HelpAction::Down));
        strings::reader_keys(self.lang, &scroll, &first(HelpAction::Close))
    }

    pub fn help_close_hint(&self) -> String {
        let keys: Vec<String> = self
            .keymap
            .help
            .keys(HelpAction::Close)
            .into_iter()
            .take(2)
            .map(|k| strings::key_label(self.lang, k))
            .collect();
        let or = match self.lang {
            Lang::Fr => " ou ",
            Lang::En => " or ",
        };
        (strings::keys(self.lang).help_close)(&keys.join(or))
    }

    /// Every binding in force, mode by mode, for `?`.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let lang = self.lang;
        let k = strings::keys(lang);
        let ui = self.text();
        let mut lines = Vec::new();
        let mut section = |mode: Mode, entries: Vec<HelpLine>| {
            if !entries.is_empty() {
                lines.push(HelpLine::Heading((k.mode_name)(mode).to_string()));
                lines.extend(entries);
            }
        };
        let keymap = &self.keymap;
        section(
            Mode::Normal,
            entries(lang, &keymap.normal, &Action::ALL, ui.action_help),
        );
        for (mode, bindings) in [
            (Mode::Palette, &keymap.palette),
            (Mode::Filter, &keymap.filter),
            (Mode::Note, &keymap.note),
        ] {
            section(
                mode,
                entries(lang, bindings, &LineAction::ALL, |a| {
                    (k.line_action)(mode, a)
                }),
            );
        }
        section(
            Mode::FieldList,
            entries(
                lang,
                &keymap.fields,
                &FieldListAction::ALL,
                k.field_list_action,
            ),
        );
        section(
            Mode::Typing,
            entries(lang, &keymap.typing, &TypingAction::ALL, k.typing_action),
        );
        section(
            Mode::Dialog,
            entries(lang, &keymap.dialog, &DialogAction::ALL, k.dialog_action),
        );
        section(
            Mode::Help,
            entries(lang, &keymap.help, &HelpAction::ALL, k.help_action),
        );
        lines
    }
}
