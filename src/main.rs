use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    let cli = match revue::cli::Cli::try_parse() {
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
                revue::text::sanitize_multiline(&error.render().to_string())
            );
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match revue::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!(
                "revue: {}",
                revue::text::sanitize_line(&format!("{error:#}"))
            );
            ExitCode::from(revue::cli::exit::UNREADABLE)
        }
    }
}
