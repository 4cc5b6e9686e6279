//! revue: review France's poverty-reduction conventions in the terminal.
//!
//! Layers, each depending only on those before it:
//! - [`model`]: the convention types and amounts (no I/O, no UI);
//! - [`storage`]: RON files in and out;
//! - [`rules`]: reconciliation, pure functions over the model;
//! - [`cli`]: the `summary` and `check` commands.

pub mod app;
pub mod cli;
pub mod import;
pub mod model;
mod parallel;
pub mod rules;
pub mod search;
pub mod storage;
pub mod strings;
pub mod text;
pub mod tui;
pub mod ui;
