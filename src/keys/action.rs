//! What the user can ask for, mode by mode. Key bindings map to these; `App` carries them out.

use serde::{Deserialize, Serialize};

/// The tabs of the app, in their order on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    Axes,
    Fiches,
    Budgets,
    Indicators,
    Anomalies,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Axes,
        Tab::Fiches,
        Tab::Budgets,
        Tab::Indicators,
        Tab::Anomalies,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Normal mode: the tabs, their lists and the fiche detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    NextTab,
    PrevTab,
    GoTo(Tab),
    /// Open, toggle or jump, depending on where the selection is.
    Enter,
    /// Close an overlay, or go back to where the last jump came from.
    Back,
    Help,
    /// Open the convention selector.
    PickConvention,
    NextConvention,
    PrevConvention,
    /// Edit the selected fiche or table row.
    Edit,
    Save,
    Undo,
    Redo,
    /// Open the search palette.
    Search,
    /// Filter the current list as you type.
    Filter,
    /// Change the sort order (Anomalies).
    CycleSort,
    /// Scroll the detail pane.
    DetailUp,
    DetailDown,
    /// Jump the fiche detail to its next / previous section (Budget, Indicateurs, Bilan…).
    NextSection,
    PrevSection,
    /// Find words in the fiche shown (Fiches tab); then next / previous place found.
    FindInFiche,
    NextMatch,
    PrevMatch,
    // Issue 15: the review.
    /// The next disposition of the finding (à examiner, justifiée, à corriger, signalée);
    /// in the Fiches tab, the next review status of the fiche (à relire, relue, à revoir).
    Disposition,
    /// Write the note of the finding or of the fiche.
    Note,
    /// Open the source document at the line.
    OpenSource,
    /// Write a report of the open conventions.
    Report,
    /// Anomalies: all, not yet justified, the selected finding's rule, its fiche, in turn.
    ReviewFilter,
    // Issue 16: building a convention's structure in the app.
    /// Add after the selection: a fiche (Axes, Budgets, Fiches), a table row, an indicator, a
    /// statement (overview). Named at once in the editor.
    AddAfter,
    /// Add around the selection: an axe, a table column, an indicator's year.
    AddOuter,
    /// Remove the selection, asking first when it holds figures.
    Remove,
    /// Move the selection up / down (a fiche at the edge of its axe goes to the next axe).
    MoveUp,
    MoveDown,
    /// Type the selection's name.
    Rename,
    /// Add / remove a document table (Budgets).
    AddTable,
    RemoveTable,
    /// Confirm the figures of the selected fiche of a draft.
    ConfirmFiche,
}

impl Action {
    /// Every action, in the order the help lists them.
    pub const ALL: [Action; 50] = {
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
    };
}

/// A line being typed: the search palette, a list's filter (and the words to find in a fiche),
/// a note. Keys bound here steer; every other key is text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineAction {
    /// Leave: the palette closes, the filter is cleared, the note is dropped.
    Close,
    /// Go to the result, keep the filter, record the note.
    Accept,
    /// Empty the line, as Ctrl-U does in a shell.
    Clear,
    Up,
    Down,
    PageUp,
    PageDown,
}

impl LineAction {
    pub const ALL: [LineAction; 7] = [
        LineAction::Accept,
        LineAction::Up,
        LineAction::Down,
        LineAction::PageUp,
        LineAction::PageDown,
        LineAction::Clear,
        LineAction::Close,
    ];
}

/// The editor's list of fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldListAction {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Type into the selected field.
    Edit,
    /// Add an item to the list the selected field belongs to (partners, lines, indicators).
    Add,
    /// Remove the item the selected field belongs to.
    Remove,
    Close,
}

impl FieldListAction {
    pub const ALL: [FieldListAction; 10] = {
        use FieldListAction::*;
        [
            Up, Down, PageUp, PageDown, Home, End, Edit, Add, Remove, Close,
        ]
    };
}

/// A field being typed in the editor. Keys bound here steer; in a text field every other key
/// is text (and the arrows move the cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TypingAction {
    /// Confirm a one-line field or a choice; in a text of several lines, a new line.
    Confirm,
    /// Confirm any field, a text of several lines included.
    ConfirmAny,
    /// Empty the field.
    Clear,
    /// The previous / next option of a choice.
    Previous,
    Next,
    /// Leave the field as it was.
    Cancel,
}

impl TypingAction {
    pub const ALL: [TypingAction; 6] = {
        use TypingAction::*;
        [Confirm, ConfirmAny, Clear, Previous, Next, Cancel]
    };
}

/// The answers to the app's questions. Which ones a question takes is [`DialogKind::answers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DialogAction {
    /// Yes to what is asked: save anyway, overwrite, remove, edit anyway.
    Yes,
    /// Enter: confirm what is only read or safe (a notice, a reformatting save).
    Ok,
    /// Save: and quit, or write the file again over what is on disk.
    Save,
    /// Drop the edits: quit without saving, erase the recovered edits.
    Discard,
    /// Take the file on disk again: reload it, or restore the recovered edits.
    Reload,
    /// Save a copy beside the file.
    Copy,
    /// Open the file read-only.
    ReadOnly,
    Quit,
    /// No: stay, keep, decide later.
    Cancel,
}

impl DialogAction {
    pub const ALL: [DialogAction; 9] = {
        use DialogAction::*;
        [Yes, Ok, Save, Discard, Reload, Copy, ReadOnly, Quit, Cancel]
    };
}

/// The app's questions, for the answers each takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DialogKind {
    Quit,
    FormatLoss,
    Conflict,
    Missing,
    ReadOnlyFile,
    Recover,
    AlreadyOpen,
    Notice,
    RemoveItem,
}

impl DialogKind {
    pub const ALL: [DialogKind; 9] = {
        use DialogKind::*;
        [
            Quit,
            FormatLoss,
            Conflict,
            Missing,
            ReadOnlyFile,
            Recover,
            AlreadyOpen,
            Notice,
            RemoveItem,
        ]
    };

    /// The answers this question takes, in the order its hint shows them.
    pub fn answers(self) -> &'static [DialogAction] {
        use DialogAction::*;
        match self {
            DialogKind::Quit => &[Save, Discard, Cancel],
            DialogKind::FormatLoss => &[Yes, Ok, Cancel],
            DialogKind::Conflict => &[Reload, Save, Yes, Copy, Cancel],
            DialogKind::Missing => &[Save, Yes, Copy, Cancel],
            DialogKind::ReadOnlyFile => &[Yes, Cancel],
            DialogKind::Recover => &[Reload, Discard, Cancel],
            DialogKind::AlreadyOpen => &[ReadOnly, Yes, Quit, Cancel],
            DialogKind::Notice => &[Ok, Cancel],
            DialogKind::RemoveItem => &[Yes, Cancel],
        }
    }
}

/// The key help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HelpAction {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Close,
}

impl HelpAction {
    pub const ALL: [HelpAction; 7] = {
        use HelpAction::*;
        [Up, Down, PageUp, PageDown, Home, End, Close]
    };
}

/// Where keys are read: each mode has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Palette,
    Filter,
    Note,
    FieldList,
    Typing,
    Dialog,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::Normal,
        Mode::Palette,
        Mode::Filter,
        Mode::Note,
        Mode::FieldList,
        Mode::Typing,
        Mode::Dialog,
        Mode::Help,
    ];

    /// Whether unbound keys are text there: a binding to a plain character would stop it
    /// from being typed.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Mode::Palette | Mode::Filter | Mode::Note | Mode::Typing
        )
    }
}
