//! `revue import-text`: a draft convention from the text of a PDF.

use std::path::Path;

use crate::import::text::{capture, draft_from_text};
use crate::storage::{self, SaveOutcome, SavePolicy};
use crate::strings::{Lang, import_strings};
use crate::text::sanitize_line;

use super::exit;

pub fn run(
    text_file: &Path,
    output: &Path,
    compare: Option<&Path>,
    lang: Lang,
) -> anyhow::Result<u8> {
    let strings = import_strings(lang);
    let bytes = std::fs::read(text_file)
        .map_err(|e| anyhow::Error::msg(storage::IoProblem::new(text_file, &e).describe(lang)))?;
    let text = String::from_utf8_lossy(&bytes);
    let file = text_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let drafted = draft_from_text(&text, &file, strings.draft_title);
    let shown = sanitize_line(&output.display().to_string()).into_owned();
    let fiches = drafted.convention.fiche_count();
    if fiches == 0 {
        complain!(
            lang,
            "{}",
            sanitize_line(&(strings.draft_nothing_found)(&file))
        );
    }
    // No loaded hash: an existing file is never replaced.
    match storage::save(output, &drafted.convention, SavePolicy::default()) {
        Ok(SaveOutcome::Saved { .. }) => {
            say!(
                lang,
                "{}",
                (strings.draft_written)(&shown, fiches, drafted.figures)
            );
        }
        Ok(_) => {
            complain!(lang, "{}", (strings.new_exists)(&shown));
            return Ok(exit::UNREADABLE);
        }
        Err(problem) => {
            complain!(lang, "{}", problem.describe(lang));
            return Ok(exit::UNREADABLE);
        }
    }
    if let Some(reference) = compare {
        let reference = match storage::load_file(reference) {
            Ok(loaded) => loaded.convention,
            Err(error) => {
                complain!(lang, "{}", sanitize_line(&error.describe(lang)));
                return Ok(exit::UNREADABLE);
            }
        };
        let result = capture(&drafted.convention, &reference);
        say!(
            lang,
            "{}",
            (strings.capture_summary)(
                result.captured,
                result.expected,
                &lang.numbers().amount(result.percent()),
                result.wrong.len()
            )
        );
        say!(
            lang,
            "{}",
            (strings.capture_fiches)(result.fiches_found, result.fiches_expected)
        );
        for line in &result.wrong {
            say!(lang, "  ≠ {}", sanitize_line(line));
        }
        for line in &result.missed {
            say!(lang, "  - {}", sanitize_line(line));
        }
        for line in &result.extra {
            say!(lang, "  + {}", sanitize_line(line));
        }
    }
    Ok(exit::OK)
}
