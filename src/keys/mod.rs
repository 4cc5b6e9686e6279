//! Keys and what they ask for, in every mode: the bindings `app` dispatches through and
//! `strings` describes. A leaf: it depends on crossterm and serde only.

mod action;
mod keymap;

pub use action::{
    Action, DialogAction, DialogKind, FieldListAction, HelpAction, LineAction, Mode, Tab,
    TypingAction,
};
pub use keymap::{Bindings, Key, KeyFix, Keymap};
