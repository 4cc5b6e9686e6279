//! Command-line interface: argument parsing and the non-interactive commands.

/// A line on standard output, with the typography of the language (French: no-break spaces
/// before `:`, `;`, `?`, `!`, `€`, `%`).
macro_rules! say {
    ($lang:expr, $($arg:tt)*) => {
        println!("{}", $crate::strings::typeset($lang, &format!($($arg)*)))
    };
}

/// A message on standard error, after the program's name (`revue : …`, `revue: …`).
macro_rules! complain {
    ($lang:expr, $($arg:tt)*) => {
        eprintln!(
            "{}{}",
            $crate::strings::program_prefix($lang),
            $crate::strings::typeset($lang, &format!($($arg)*))
        )
    };
}

mod check;
pub mod help;
mod import_table;
mod import_text;
mod new;
pub mod report;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::rules::Config;

use crate::storage::{self, LoadReport};
use crate::strings::Lang;
use crate::text::sanitize_line;

pub use new::{NewFile, minimal_convention};
pub use summary::{Summary, summarise};

#[derive(Debug, Parser)]
// Every help text is set at run time from `strings` (see `help::command`), in the user's
// language; the derive only gives the shape of the command line.
#[command(name = "revue", version)]
pub struct Cli {
    // Convention files (.ron) or directories to open. Default: ./data, else the user's data directory.
    pub paths: Vec<PathBuf>,
    // Language of the interface (default: the config file's, else French).
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    // Theme of the interactive app: default, light, dark, high-contrast, or a file of the
    // config directory's themes/ folder.
    #[arg(long)]
    pub theme: Option<String>,
    // Refuse files larger than this (bytes, or with K, M, G: 512K, 64M). Default:
    // $REVUE_MAX_FILE_SIZE, else 64M.
    #[arg(long, global = true)]
    pub max_file_size: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    // Per convention: title, territory, kind, number of fiches, planned amounts summed from the fiches.
    Summary {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    // Reconcile the figures: every discrepancy of every file. Exit 0: no error; 1: errors; 2: unreadable input.
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        // Gaps up to this many euros are not reported (default: exact comparison).
        #[arg(long, default_value = "0")]
        tolerance: Decimal,
        // Report executed amounts below this percentage of planned.
        #[arg(long, default_value = "50")]
        underspend: Decimal,
        // Report indicator results below this percentage of their target.
        #[arg(long, default_value = "50")]
        target: Decimal,
        // Only findings not yet justified (or whose figures changed since): a data
        // repository's CI passes once every finding is explained.
        #[arg(long)]
        open_only: bool,
    },
    // The review to send: per convention, identification, budget summary, every finding
    // with its sources, disposition and note, and the fiches' review status.
    Report {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Md)]
        format: report::ReportFormat,
        // Write to this file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    // Rewrite convention files in canonical form (atomic; nothing else changes).
    Fmt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        // Only report files that are not canonical; exit 1 if any.
        #[arg(long)]
        check: bool,
        // Rewrite even files whose comments the canonical form drops (refused otherwise).
        #[arg(long)]
        force: bool,
    },
    // Write a minimal valid convention file (one axe, one fiche, an empty budget) to start from.
    New {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = NewKind::Convention)]
        kind: NewKind,
        // Département name (`Ardèche`).
        #[arg(long)]
        territory: String,
        // Département number as written (`07`, `2A`).
        #[arg(long)]
        code: String,
        // Period covered, as written (`2022`, `2024-2026`).
        #[arg(long)]
        period: String,
    },
    // Add a spreadsheet's financial table (xlsx, ods, csv) to a convention, its rows linked
    // to the fiches, its columns mapped to budget figures from their headers.
    ImportTable {
        file: PathBuf,
        // The sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        // The convention file the table is added to (saved safely, with a backup).
        #[arg(long)]
        into: PathBuf,
        // Correct the mapping: COLUMN=ROLE, COLUMN a letter, a number or a header; ROLE one
        // of fiche, libelle, etat, departement, total, engage, execute, solde, observations,
        // somme, ignorer.
        #[arg(long)]
        roles: Vec<String>,
        // Save even though the convention's comments or layout are lost.
        #[arg(long)]
        force: bool,
    },
    // Draft a convention from the text of a PDF (`pdftotext -layout`): fiches, budgets,
    // indicators, each figure citing its line; marked as a draft to confirm.
    ImportText {
        file: PathBuf,
        // The draft to write (never replaces a file).
        #[arg(short, long)]
        output: PathBuf,
        // A transcription of the same document: print the share of its planned and executed
        // figures the draft captured.
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    Man,
    Completions {
        shell: ShellName,
    },
}

/// The kinds of document `revue new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Convention,
    Avenant,
    Rapport,
    Programme,
}

impl From<NewKind> for crate::model::ConventionKind {
    fn from(kind: NewKind) -> Self {
        use crate::model::ConventionKind as K;
        match kind {
            NewKind::Convention => K::Convention,
            NewKind::Avenant => K::Avenant,
            NewKind::Rapport => K::RapportExecution,
            NewKind::Programme => K::Programme,
        }
    }
}

/// The shells `revue completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellName {
    Bash,
    Zsh,
    Fish,
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
pub fn resolve_paths(paths: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<PathBuf>> {
    if paths.is_empty() {
        storage::default_paths().map_err(|problem| anyhow::Error::msg(problem.describe(lang)))
    } else {
        Ok(paths.to_vec())
    }
}

/// Prints each load error on stderr, one line each, in the user's language, sanitised.
pub fn report_load_errors(report: &LoadReport, lang: Lang) {
    let label = crate::strings::cli(lang).load_failed;
    for error in &report.errors {
        complain!(
            lang,
            "{}",
            crate::strings::labelled(lang, label, &sanitize_line(&error.describe(lang)))
        );
    }
}

/// `revue chek data/`: clap takes `chek` for a file to open. An argument that is neither a
/// command nor an existing path is refused, with the closest command when one is near.
fn refuse_unknown_arguments(paths: &[PathBuf], lang: Lang) -> anyhow::Result<()> {
    use clap::CommandFactory;
    let Some(unknown) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) else {
        return Ok(());
    };
    let arg = unknown.to_string_lossy();
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let suggestion = commands
        .iter()
        .map(|c| (strsim::jaro(c, &arg), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str());
    Err(UsageError(
        sanitize_line(&(crate::strings::storage(lang).unknown_command)(
            &arg, suggestion,
        ))
        .into_owned(),
    )
    .into())
}

/// A command line that does not make sense: exit code 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    // `help::parse` has resolved the language; a caller of the library may not have.
    let lang = cli.lang.unwrap_or_else(|| {
        crate::app::config::resolve_lang(None, None, |name| std::env::var(name).ok())
    });
    let size_limit = match cli.max_file_size {
        Some(limit) => Some(limit),
        None => storage::size_limit_from_env()
            .map_err(|problem| UsageError(crate::strings::size_problem(lang, &problem)))?,
    };
    storage::set_size_limit(size_limit);
    if cli.command.is_none() {
        return interactive(&cli);
    }
    // Output goes to a pipe that may close early (`revue check data/ | head -1`).
    quiet_on_broken_pipe();
    match cli.command {
        Some(Command::Summary { paths, format }) => {
            summary::run(&resolve_paths(&paths, lang)?, format, lang)
        }
        Some(Command::Check {
            paths,
            format,
            tolerance,
            underspend,
            target,
            open_only,
        }) => {
            let config = Config {
                tolerance: tolerance.abs(),
                underspend_percent: underspend,
                target_percent: target,
                lang,
                ..Config::default()
            };
            check::run(&resolve_paths(&paths, lang)?, format, &config, open_only)
        }
        Some(Command::Report {
            paths,
            format,
            output,
        }) => {
            let config = Config {
                lang,
                ..Config::default()
            };
            report::run(
                &resolve_paths(&paths, lang)?,
                format,
                output.as_deref(),
                &config,
            )
        }
        Some(Command::Fmt {
            paths,
            check,
            force,
        }) => fmt(&paths, check, force, lang),
        Some(Command::New {
            file,
            kind,
            territory,
            code,
            period,
        }) => new::run(
            &file,
            &NewFile {
                kind: kind.into(),
                territory: &territory,
                code: &code,
                period: &period,
            },
            lang,
        ),
        Some(Command::ImportTable {
            file,
            sheet,
            into,
            roles,
            force,
        }) => {
            let roles = crate::import::table::parse_roles(&roles.join(",")).map_err(|entry| {
                UsageError(
                    sanitize_line(&(crate::strings::import_strings(lang).roles_bad)(&entry))
                        .into_owned(),
                )
            })?;
            import_table::run(&file, sheet.as_deref(), &into, &roles, force, lang)
        }
        Some(Command::ImportText {
            file,
            output,
            compare,
        }) => import_text::run(&file, &output, compare.as_deref(), lang),
        Some(Command::Man) => {
            std::io::Write::write_all(&mut std::io::stdout(), &help::man_page(lang)?)?;
            Ok(exit::OK)
        }
        Some(Command::Completions { shell }) => {
            std::io::Write::write_all(&mut std::io::stdout(), &help::completions(lang, shell))?;
            Ok(exit::OK)
        }
        None => unreachable!("handled above"),
    }
}

/// A reader that stops early (`| head -1`) closes the pipe: end quietly, as other command-line
/// tools do, rather than panic in the middle of a `println!`. Only for the commands that
/// write to standard output, never for the interactive app.
fn quiet_on_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE, before any thread is started
    // by this command; no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `revue fmt`: rewrites files in canonical form, through `storage::save` (atomic, backup,
/// mode, owner and links kept, changes made meanwhile and read-only files refused). A file
/// with comments is refused unless `force`: the canonical form drops them.
fn fmt(paths: &[PathBuf], check: bool, force: bool, lang: Lang) -> anyhow::Result<u8> {
    let text = crate::strings::storage(lang);
    let report = storage::load_paths(paths);
    report_load_errors(&report, lang);
    let mut differing = 0;
    let mut refused = 0;
    let mut failed = 0;
    for file in &report.files {
        let shown = sanitize_line(&file.path.display().to_string()).into_owned();
        let canonical = storage::to_ron_string(&file.convention);
        let current = match std::fs::read(&file.path) {
            Ok(current) => current,
            Err(e) => {
                complain!(
                    lang,
                    "{}",
                    storage::IoProblem::new(&file.path, &e).describe(lang)
                );
                failed += 1;
                continue;
            }
        };
        if current == canonical.as_bytes() {
            continue;
        }
        differing += 1;
        if check {
            say!(lang, "{shown}");
            continue;
        }
        if !force && storage::has_comments(&String::from_utf8_lossy(&current)) {
            complain!(lang, "{}", (text.fmt_would_lose)(&shown));
            refused += 1;
            continue;
        }
        let policy = storage::SavePolicy {
            loaded_hash: Some(file.hash),
            accept_format_loss: true,
            ..Default::default()
        };
        let problem = match storage::save(&file.path, &file.convention, policy) {
            Ok(storage::SaveOutcome::Saved { .. }) => {
                say!(lang, "{}", (text.fmt_rewritten)(&shown));
                continue;
            }
            Ok(storage::SaveOutcome::ReadOnly) => storage::IoProblemKind::ReadOnlyFile,
            Ok(storage::SaveOutcome::Missing) => {
                complain!(lang, "{}", (text.missing_on_disk)(&shown));
                failed += 1;
                continue;
            }
            Ok(storage::SaveOutcome::Conflict { .. } | storage::SaveOutcome::FormatLoss) => {
                complain!(lang, "{}", (text.changed_meanwhile)(&shown));
                failed += 1;
                continue;
            }
            Err(problem) => problem.kind,
        };
        complain!(
            lang,
            "{}",
            crate::strings::io_problem(lang, &file.path, &problem)
        );
        failed += 1;
    }
    Ok(if !report.errors.is_empty() || failed > 0 {
        exit::UNREADABLE
    } else if refused > 0 || (check && differing > 0) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// `revue [PATH…]`: the review app.
fn interactive(cli: &Cli) -> anyhow::Result<u8> {
    use std::io::IsTerminal;
    let config_path = crate::app::config::config_path();
    let (file_config, config_error) = match crate::app::config::load(config_path.as_deref()) {
        Ok(config) => (config, None),
        Err(error) => (crate::app::config::FileConfig::default(), Some(error)),
    };
    let lang = crate::app::config::resolve_lang(cli.lang, file_config.lang, |name| {
        std::env::var(name).ok()
    });
    let mut problems: Vec<String> = config_error
        .iter()
        .map(|error| crate::strings::settings_error(lang, error))
        .collect();
    refuse_unknown_arguments(&cli.paths, lang)?;
    let (keymap, key_problems) = file_config.keymap(config_path.as_deref(), lang);
    problems.extend(key_problems);
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
        Err(problem) if cli.theme.is_some() => {
            anyhow::bail!(crate::strings::theme_problem(lang, &problem))
        }
        Err(problem) => {
            problems.push(crate::strings::theme_problem(lang, &problem));
            crate::ui::Theme::named("default", None, no_color).map_err(|problem| {
                anyhow::Error::msg(crate::strings::theme_problem(lang, &problem))
            })?
        }
    };
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(crate::strings::typeset(
            lang,
            crate::strings::cli_help(lang).needs_terminal
        ));
    }
    let report = storage::load_paths(&resolve_paths(&cli.paths, lang)?);
    // In the interface language (the app's own rendering is in French).
    let load_errors = report
        .errors
        .iter()
        .map(|e| sanitize_line(&e.describe(lang)).into_owned())
        .collect();
    let rules = Config {
        lang,
        ..Config::default()
    };
    let mut app = crate::app::App::new(report, keymap, lang, rules);
    app.load_errors = load_errors;
    app.review_ui.reviewer = file_config
        .reviewer
        .clone()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(login_name);
    app.load_reviews();
    if let Some(journal) = crate::storage::Journal::open_default() {
        app.start_session(journal);
    }
    // Every config problem at once (a refused key binding must not hide the next one).
    let config_problems = problems.join(" · ");
    let first = (!problems.is_empty())
        .then_some(&config_problems)
        .or(app.load_errors.first());
    if let Some(first) = first {
        app.status = Some((
            Some(crate::rules::Severity::Error),
            sanitize_line(first).into_owned(),
        ));
    }
    crate::tui::run(app, &theme)?;
    Ok(exit::OK)
}

/// The login name, for a reviewer the config does not name: `$USER` (or `$LOGNAME`,
/// `$USERNAME`), else the account's name, else `?`.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "?".to_string())
}

/// The name of the account this process runs as (a shell started without a login, a
/// container, a multiplexer may leave `$USER` unset).
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut entry = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is to memory owned here and sized as given; on success `found`
    // points to `entry`, whose strings point into `buffer`, both alive while read below.
    unsafe {
        let status = libc::getpwuid_r(
            libc::getuid(),
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        );
        if status != 0 || found.is_null() || (*found).pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr((*found).pw_name).to_string_lossy();
        (!name.trim().is_empty()).then(|| name.into_owned())
    }
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}
