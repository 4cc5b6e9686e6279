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
    /// Language of the interface (default: the config file's, else French).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    /// Theme of the interactive app: default, light, dark, high-contrast, or a file of the
    /// config directory's themes/ folder.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Refuse files larger than this (bytes, or with K, M, G: 512K, 64M). Default:
    /// $REVUE_MAX_FILE_SIZE, else 64M.
    #[arg(long, value_name = "SIZE", value_parser = storage::parse_size, global = true)]
    pub max_file_size: Option<u64>,
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
    let size_limit = match cli.max_file_size {
        Some(limit) => Some(limit),
        None => storage::size_limit_from_env().map_err(anyhow::Error::msg)?,
    };
    storage::set_size_limit(size_limit);
    if cli.command.is_none() {
        return interactive(&cli);
    }
    let lang = cli.lang.unwrap_or_default();
    match cli.command {
        Some(Command::Summary { paths, format }) => {
            summary::run(&resolve_paths(&paths)?, format, lang)
        }
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
        None => unreachable!("handled above"),
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

/// `revue [PATH…]`: the review app.
fn interactive(cli: &Cli) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    let config_path = crate::app::config::config_path();
    let (file_config, mut problems) = match crate::app::config::load(config_path.as_deref()) {
        Ok(config) => (config, Vec::new()),
        Err(message) => (Default::default(), vec![message]),
    };
    let lang = cli.lang.or(file_config.lang).unwrap_or_default();
    let keymap = file_config.keymap().unwrap_or_else(|message| {
        problems.push(message);
        crate::app::Keymap::default()
    });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme_name = cli
        .theme
        .clone()
        .or(file_config.theme.clone())
        .unwrap_or_else(|| "default".into());
    let themes_dir = config_path
        .as_deref()
        .and_then(|p| p.parent())
        .map(|d| d.join("themes"));
    let theme = match crate::ui::Theme::named(&theme_name, themes_dir.as_deref(), no_color) {
        Ok(theme) => theme,
        Err(message) if cli.theme.is_some() => anyhow::bail!(message),
        Err(message) => {
            problems.push(message);
            crate::ui::Theme::named("default", None, no_color).map_err(anyhow::Error::msg)?
        }
    };
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "l'interface interactive demande un terminal ; `revue summary` et `revue check` écrivent sur la sortie standard"
        );
    }
    let report = storage::load_paths(&resolve_paths(&cli.paths)?);
    let rules = Config {
        lang,
        ..Config::default()
    };
    let mut app = crate::app::App::new(report, keymap, lang, rules);
    if let Some(journal) = crate::storage::Journal::open_default() {
        app.start_session(journal);
    }
    if let Some(first) = problems.first().or(app.load_errors.first()) {
        app.status = Some((
            Some(crate::rules::Severity::Error),
            sanitize_line(first).into_owned(),
        ));
    }
    crate::tui::run(app, &theme)?;
    Ok(exit::OK)
}
