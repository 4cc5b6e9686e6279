//! The command line in the user's language: the language chosen before clap parses, the
//! clap command with every text from `strings`, usage errors said in that language, the man
//! page and the shell completions.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory};
use rust_decimal::Decimal;

use super::{Cli, ShellName};
use crate::strings::{self, Lang, typeset};

/// The `--lang` written on the command line, read before clap parses so that the help and
/// the usage errors are in that language. `None` when absent or not a language (clap then
/// refuses it, in the language chosen otherwise).
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            // After `--` everything is a file name.
            "--" => break,
            "--lang" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--lang=").map(str::to_string),
        };
        if let Some(value) = value {
            found = lang_named(&value);
        }
    }
    found
}

fn lang_named(value: &str) -> Option<Lang> {
    match value {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language of this run: `--lang`, else the config file's `lang`, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else French. See [`crate::app::config::resolve_lang`].
pub fn language(args: &[OsString]) -> Lang {
    let config = crate::app::config::config_path()
        .and_then(|path| crate::app::config::load(Some(&path)).ok())
        .and_then(|config| config.lang);
    crate::app::config::resolve_lang(lang_in_args(args), config, |name| std::env::var(name).ok())
}

/// Parses the command line with the help and errors in `lang`. The help asked for
/// (`--help`, `revue help COMMAND…`) and the version are errors of clap's that print them.
pub fn parse(args: &[OsString], lang: Lang) -> Result<Box<Cli>, clap::Error> {
    use clap::FromArgMatches;
    let mut command = command(lang);
    let matches = command.try_get_matches_from_mut(args)?;
    if let Some(("help", help)) = matches.subcommand() {
        let path: Vec<String> = help
            .get_many::<String>("commands")
            .map(|names| names.cloned().collect())
            .unwrap_or_default();
        return Err(help_of(&command, &path, lang));
    }
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.lang = Some(lang);
    Ok(Box::new(cli))
}

/// `revue help COMMAND…` is `revue COMMAND… --help`, or an error naming what is not a
/// command.
fn help_of(command: &clap::Command, path: &[String], lang: Lang) -> clap::Error {
    let mut current = command;
    for name in path {
        match current.find_subcommand(name) {
            Some(sub) => current = sub,
            None => {
                return clap::Error::raw(
                    ErrorKind::InvalidSubcommand,
                    (strings::cli_help(lang).no_such_command_help)(name),
                );
            }
        }
    }
    let args = std::iter::once("revue".to_string())
        .chain(path.iter().cloned())
        .chain(std::iter::once("--help".to_string()));
    self::command(lang)
        .try_get_matches_from(args)
        .expect_err("--help always ends the parse with the help")
}

/// revue's clap command, every text in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let text = strings::cli_help(lang);
    let command = Cli::command()
        // Clap's own `help` command and `--version` flag have English texts: replaced.
        .disable_help_subcommand(true)
        .subcommand(
            clap::Command::new("help")
                .arg(Arg::new("commands").num_args(0..).action(ArgAction::Append)),
        )
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(LAST)
                .help(typeset(lang, text.version_flag)),
        );
    localize(command, lang, "")
}

/// `--version` and `--help` after the command's own options.
const LAST: usize = 1000;

/// Sets a command's texts from `strings`, then its subcommands'. `key` names the command in
/// `strings` (`""`: revue itself).
fn localize(command: clap::Command, lang: Lang, key: &str) -> clap::Command {
    let text = strings::cli_help(lang);
    let mut command = command
        .about(typeset(lang, strings::command_about(lang, key)))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(LAST)
                .help(typeset(lang, text.help_flag)),
        )
        // `--lang` is in every command's options: so is how the language is chosen.
        .after_help(typeset(lang, text.language_note))
        .subcommand_value_name(text.command_placeholder)
        .subcommand_help_heading(text.commands);
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        command = command.mut_arg(&id, |arg| localize_arg(arg, lang, key));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| localize(sub, lang, &name));
    }
    let template = help_template(lang, &command);
    command.help_template(template)
}

fn localize_arg(arg: Arg, lang: Lang, command: &str) -> Arg {
    let text = strings::cli_help(lang);
    let id = arg.get_id().to_string();
    let mut help = strings::arg_help(lang, command, &id).to_string();
    let mut arg = arg;
    if let Some(name) = strings::arg_value_name(lang, &id) {
        arg = arg.value_name(name);
    }
    // Clap writes `[possible values: …]` and `[default: …]` in English: written here (a
    // flag's `true`/`false` are not shown).
    let takes_values = arg.get_action().takes_values();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() {
        help = format!("{help} {}", (text.possible_values)(&values.join(", ")));
        arg = arg.hide_possible_values(true);
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() {
        help = format!("{help} {}", (text.default_value)(&defaults.join(", ")));
        arg = arg.hide_default_value(true);
    }
    // The parsers whose refusals are words: in `lang`.
    arg = match id.as_str() {
        "max_file_size" => arg.value_parser(move |value: &str| {
            crate::storage::parse_size(value)
                .map_err(|problem| strings::size_problem(lang, &problem))
        }),
        "tolerance" | "underspend" | "target" => arg.value_parser(move |value: &str| {
            value
                .trim()
                .parse::<Decimal>()
                .map_err(|_| strings::cli_help(lang).not_a_number.to_string())
        }),
        _ => arg,
    };
    arg.help(typeset(lang, &help))
}

/// Clap's help layout with the headings in `lang`; sections without entries left out.
fn help_template(lang: Lang, command: &clap::Command) -> String {
    let text = strings::cli_help(lang);
    let has_positionals = command.get_positionals().any(|arg| !arg.is_hide_set());
    let has_subcommands = command.get_subcommands().next().is_some();
    let mut sections = vec![
        "{about}".to_string(),
        format!("{} {{usage}}", heading(lang, text.usage)),
    ];
    if has_positionals {
        sections.push(format!(
            "{}\n{{positionals}}",
            heading(lang, text.arguments)
        ));
    }
    sections.push(format!("{}\n{{options}}", heading(lang, text.options)));
    if has_subcommands {
        sections.push(format!("{}\n{{subcommands}}", heading(lang, text.commands)));
    }
    // Clap puts the blank line before the after-help itself.
    let after = if command.get_after_help().is_some() {
        "{after-help}"
    } else {
        ""
    };
    sections.join("\n\n") + after + "\n"
}

/// `Options :` in French, `Options:` in English.
fn heading(lang: Lang, word: &str) -> String {
    typeset(lang, &format!("{word} :")).replace(" :", ":")
}

/// A usage error, in `lang`, as clap would lay it out: what is wrong, a suggestion, the
/// usage line, where to read more. Plain text (no colours: it is sanitised by the caller).
pub fn describe_error(lang: Lang, error: &clap::Error) -> String {
    let text = strings::cli_help(lang);
    let context = |kind| error.get(kind);
    let one = |kind| match context(kind) {
        Some(ContextValue::String(value)) => value.clone(),
        Some(ContextValue::Strings(values)) => values.join(", "),
        Some(ContextValue::StyledStr(value)) => value.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let option = one(ContextKind::InvalidArg);
    let value = one(ContextKind::InvalidValue);
    let what = match error.kind() {
        ErrorKind::UnknownArgument => (text.unexpected_argument)(&option),
        ErrorKind::InvalidValue if value.is_empty() => (text.value_missing)(&option),
        ErrorKind::InvalidValue => {
            let valid = one(ContextKind::ValidValue);
            let mut what = (text.invalid_value)(&value, &option);
            if !valid.is_empty() {
                what = format!("{what} {}", (text.possible_values)(&valid));
            }
            what
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|source| source.to_string())
                .unwrap_or_default();
            (text.invalid_value_because)(&value, &option, &why)
        }
        ErrorKind::MissingRequiredArgument => (text.required_missing)(&option),
        ErrorKind::ArgumentConflict => match one(ContextKind::PriorArg) {
            prior if prior == option || prior.is_empty() => (text.given_twice)(&option),
            prior => (text.conflict)(&option, &prior),
        },
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            (text.wrong_number_of_values)(&option)
        }
        ErrorKind::InvalidSubcommand => {
            let named = one(ContextKind::InvalidSubcommand);
            if named.is_empty() {
                // Raised here (`revue help X`), with its words already in `lang`.
                error
                    .render()
                    .to_string()
                    .trim_start_matches("error: ")
                    .trim()
                    .to_string()
            } else {
                (text.unknown_command)(&named)
            }
        }
        ErrorKind::MissingSubcommand => text.command_missing.to_string(),
        ErrorKind::NoEquals => (text.needs_equals)(&option),
        ErrorKind::InvalidUtf8 => text.not_utf8.to_string(),
        _ => text.bad_command_line.to_string(),
    };
    let mut out = format!("{} {}\n", heading(lang, text.error), typeset(lang, &what));
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ] {
        let suggestion = one(kind);
        if !suggestion.is_empty() {
            out += &format!("  {}\n", typeset(lang, &(text.did_you_mean)(&suggestion)));
        }
    }
    let usage = one(ContextKind::Usage);
    let usage = usage.trim();
    // Clap titles it in English: the title is ours.
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let command = usage
        .split_whitespace()
        .take_while(|word| !word.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ");
    if !usage.is_empty() {
        out += &format!("\n{} {usage}\n", heading(lang, text.usage));
    }
    let command = if command.is_empty() {
        "revue".to_string()
    } else {
        command
    };
    out += &format!("\n{}\n", typeset(lang, &(text.more_information)(&command)));
    out
}

/// `revue man`: the manual page (roff), in `lang`: one page, each command's options in a
/// subsection of its own.
pub fn man_page(lang: Lang) -> std::io::Result<Vec<u8>> {
    let text = strings::cli_help(lang);
    let command = command(lang);
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    let mut page = String::from_utf8_lossy(&out).into_owned();
    // Each command's options, under the command (clap_mangen would name a page per command).
    let mut commands = String::new();
    for sub in command.get_subcommands() {
        let name = sub.get_name();
        page = page.replace(
            &format!("revue\\-{}(1)\n", name.replace('-', "\\-")),
            &format!("\\fBrevue {}\\fR\n", name.replace('-', "\\-")),
        );
        let mut options = Vec::new();
        clap_mangen::Man::new(sub.clone()).render_options_section(&mut options)?;
        let options = String::from_utf8_lossy(&options).replace(".SH OPTIONS\n", "");
        commands += &format!(".SS \"revue {name}\"\n{options}");
    }
    // Clap_mangen titles its sections in English: the titles are ours.
    let titles = [
        ("NAME", text.man_name),
        ("SYNOPSIS", text.man_synopsis),
        ("DESCRIPTION", text.man_description),
        ("OPTIONS", text.man_options),
        ("SUBCOMMANDS", text.man_commands),
        (text.commands, text.man_commands),
        ("EXTRA", text.man_language),
        ("VERSION", text.man_version),
    ];
    let mut lines = Vec::new();
    for line in page.lines() {
        let title = line.strip_prefix(".SH ");
        if title == Some("EXTRA") {
            // The commands' options come before the language section.
            lines.push(commands.trim_end().to_string());
        }
        lines.push(
            match titles.iter().find(|(english, _)| Some(*english) == title) {
                Some((_, ours)) => format!(".SH {ours}"),
                None => line.to_string(),
            },
        );
    }
    Ok((lines.join("\n") + "\n").into_bytes())
}

/// `revue completions SHELL`: the completion script, its descriptions in `lang`.
pub fn completions(lang: Lang, shell: ShellName) -> Vec<u8> {
    use clap_complete::Shell;
    let shell = match shell {
        ShellName::Bash => Shell::Bash,
        ShellName::Zsh => Shell::Zsh,
        ShellName::Fish => Shell::Fish,
    };
    let mut command = command(lang);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "revue", &mut out);
    out
}
