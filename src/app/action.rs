//! What the user can ask for. Key bindings map to these; `App::update` carries them out.

use serde::{Deserialize, Serialize};

use super::Tab;

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
