//! `revue new`: a minimal valid convention file to start from.

use std::path::Path;

use crate::model::{
    Axe, Budget, Convention, ConventionKind, Document, FORMAT_VERSION, Fiche, Territory,
};
use crate::storage::{self, SaveOutcome, SavePolicy};
use crate::strings::{Lang, import_strings};
use crate::text::sanitize_line;

use super::exit;

/// What `revue new` is told.
pub struct NewFile<'a> {
    pub kind: ConventionKind,
    pub territory: &'a str,
    pub code: &'a str,
    pub period: &'a str,
}

/// The smallest convention that opens at once and shows where everything goes: one axe,
/// one fiche with an empty budget.
pub fn minimal_convention(new: &NewFile<'_>, lang: Lang) -> Convention {
    let text = import_strings(lang);
    let title = (text.new_title)(
        crate::strings::kind_name(lang, new.kind),
        new.territory,
        new.period,
    );
    Convention {
        version: FORMAT_VERSION,
        title: title.clone(),
        kind: new.kind,
        territory: Territory {
            name: new.territory.to_string(),
            number: new.code.to_string(),
        },
        period: new.period.to_string(),
        years: years_of(new.period),
        document: Document {
            title,
            ..Document::default()
        },
        axes: vec![Axe {
            id: "1".to_string(),
            title: text.new_axe_title.to_string(),
            fiches: vec![Fiche {
                id: "1-1".to_string(),
                title: text.new_fiche_title.to_string(),
                budget: Some(Budget::default()),
                ..Fiche::default()
            }],
            ..Axe::default()
        }],
        ..Convention::default()
    }
}

/// `2022` → (2022, 2022); `2024-2026` → (2024, 2026); anything else: none.
fn years_of(period: &str) -> Option<(i32, i32)> {
    let mut parts = period.split(['-', '–']).map(str::trim);
    let first: i32 = parts.next()?.parse().ok()?;
    let last: i32 = match parts.next() {
        Some(last) => last.parse().ok()?,
        None => first,
    };
    (parts.next().is_none() && (1900..=2200).contains(&first) && first <= last)
        .then_some((first, last))
}

/// Writes the file; never replaces an existing one.
pub fn run(path: &Path, new: &NewFile<'_>, lang: Lang) -> anyhow::Result<u8> {
    let text = import_strings(lang);
    let shown = sanitize_line(&path.display().to_string()).into_owned();
    let convention = minimal_convention(new, lang);
    // No loaded hash: `save` writes only where no file is.
    match storage::save(path, &convention, SavePolicy::default()) {
        Ok(SaveOutcome::Saved { .. }) => {
            say!(lang, "{}", (text.new_written)(&shown));
            Ok(exit::OK)
        }
        Ok(_) => {
            complain!(lang, "{}", (text.new_exists)(&shown));
            Ok(exit::UNREADABLE)
        }
        Err(problem) => {
            complain!(lang, "{}", problem.describe(lang));
            Ok(exit::UNREADABLE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::years_of;

    #[test]
    fn a_period_gives_its_years_when_it_reads_as_years() {
        assert_eq!(years_of("2022"), Some((2022, 2022)));
        assert_eq!(years_of("2024-2026"), Some((2024, 2026)));
        assert_eq!(years_of("2019 – 2021"), Some((2019, 2021)));
        assert_eq!(years_of("du 01/10/2021 au 31/12/2022"), None);
        assert_eq!(years_of("2026-2024"), None);
    }
}
