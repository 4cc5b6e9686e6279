//! revue: review France's poverty-reduction conventions in the terminal.
//!
//! Layers, each depending only on those before it:
//! - [`model`]: the convention types and amounts (no I/O, no UI);
//! - [`problem`]: what went wrong, typed, for [`strings`] to say in the user's language;
//! - [`keys`]: key bindings of every mode and the actions they name (a leaf, as `model`);
//! - [`storage`]: RON files in and out;
//! - [`rules`]: reconciliation, pure functions over the model;
//! - [`import`]: a spreadsheet's cells or a document's text read into the model;
//! - [`cli`]: the `summary`, `check`, `fmt`, `new`, `import-table`, `import-text`, `man` and
//!   `completions` commands, and the command line's help in the user's language.

pub mod app;
pub mod cli;
pub mod import;
pub mod keys;
pub mod model;
mod parallel;
pub mod problem;
pub mod rules;
pub mod search;
pub mod storage;
pub mod strings;
pub mod text;
pub mod tui;
pub mod ui;
