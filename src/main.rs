use std::process::ExitCode;

use clap::error::ErrorKind;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Before parsing, so that the help and the usage errors are in this language.
    let lang = revue::cli::help::language(&args);
    let cli = match revue::cli::help::parse(&args, lang) {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            error.exit()
        }
        Err(error) => {
            // A usage error quotes the arguments, which may be hostile file names: printed
            // plain, with their control characters made visible.
            eprint!(
                "{}",
                revue::text::sanitize_multiline(&revue::cli::help::describe_error(lang, &error))
            );
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match revue::cli::run(*cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!(
                "{}{}",
                revue::strings::program_prefix(lang),
                revue::strings::typeset(lang, &revue::text::sanitize_line(&format!("{error:#}")))
            );
            ExitCode::from(revue::cli::exit::UNREADABLE)
        }
    }
}
