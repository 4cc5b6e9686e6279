//! Command-line interface: argument parsing and the non-interactive commands.

mod check;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::rules::Config;

use crate::storage::{self, LoadReport};
use crate::strings::Lang;
use crate::text::sanitize_line;

pub use summary::{Summary, summarise};

#[derive(Debug, Parser)]
#[command(
    name = "revue",
    version,
    about = "Revue des conventions de lutte contre la pauvreté : axes, fiches, budgets, indicateurs et rapprochements",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Convention files (.ron) or directories to open. Default: ./data, else the user's data directory.
    pub paths: Vec<PathBuf>,
    /// Language of the interface.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per convention: title, territory, kind, number of fiches, planned amounts summed from the fiches.
    Summary {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Reconcile the figures: every discrepancy of every file. Exit 0: no error; 1: errors; 2: unreadable input.
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Gaps up to this many euros are not reported (default: exact comparison).
        #[arg(long, value_name = "EUROS", default_value = "0")]
        tolerance: Decimal,
        /// Report executed amounts below this percentage of planned.
        #[arg(long, value_name = "PERCENT", default_value = "50")]
        underspend: Decimal,
        /// Report indicator results below this percentage of their target.
        #[arg(long, value_name = "PERCENT", default_value = "50")]
        target: Decimal,
    },
    /// Rewrite convention files in canonical form (atomic; nothing else changes).
    Fmt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only report files that are not canonical; exit 1 if any.
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// Exit codes shared by the commands.
pub mod exit {
    pub const OK: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const UNREADABLE: u8 = 2;
}

/// The paths given, or the default ones.
pub fn resolve_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        Ok(storage::default_paths()?)
    } else {
        Ok(paths.to_vec())
    }
}

/// Prints each load error on stderr, one line each, sanitised.
pub fn report_load_errors(report: &LoadReport, lang: Lang) {
    let label = crate::strings::cli(lang).load_failed;
    for error in &report.errors {
        eprintln!("revue: {label}: {}", sanitize_line(&error.to_string()));
    }
}

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let lang = cli.lang.unwrap_or_default();
    match cli.command {
        Some(Command::Summary { paths, format }) => summary::run(&resolve_paths(&paths)?, format, lang),
        Some(Command::Check {
            paths,
            format,
            tolerance,
            underspend,
            target,
        }) => {
            let config = Config {
                tolerance: tolerance.abs(),
                underspend_percent: underspend,
                target_percent: target,
                lang,
                ..Config::default()
            };
            check::run(&resolve_paths(&paths)?, format, &config)
        }
        Some(Command::Fmt { paths, check }) => fmt(&paths, check),
        None => anyhow::bail!("l'interface interactive n'est pas encore disponible : utilisez `revue summary`"),
    }
}

fn fmt(paths: &[PathBuf], check: bool) -> anyhow::Result<u8> {
    let report = storage::load_paths(paths);
    report_load_errors(&report, Lang::Fr);
    let mut differing = 0;
    for file in &report.files {
        let canonical = storage::to_ron_string(&file.convention);
        let current = std::fs::read(&file.path)?;
        if current == canonical.as_bytes() {
            continue;
        }
        differing += 1;
        if check {
            println!("{}", file.path.display());
        } else {
            storage::write_atomically(&file.path, canonical.as_bytes())?;
            println!("{}", file.path.display());
        }
    }
    Ok(if !report.errors.is_empty() {
        exit::UNREADABLE
    } else if check && differing > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
