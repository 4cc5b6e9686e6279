use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = revue::cli::Cli::parse();
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
