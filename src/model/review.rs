//! The reviewer's work on one convention: a disposition and a note per finding, a status and
//! a note per fiche. Kept apart from the transcription (issue 15): the convention file is
//! evidence and never changes for a review; the review lives in `NAME.revue.ron` beside it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The version of the review file format this build reads and writes.
pub const REVIEW_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub version: u32,
    /// By finding key ([`crate::rules::Finding::key`]): sorted, so the file diffs well.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub findings: BTreeMap<String, FindingReview>,
    /// By fiche id as the convention writes it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fiches: BTreeMap<String, FicheReview>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            version: REVIEW_VERSION,
            findings: BTreeMap::new(),
            fiches: BTreeMap::new(),
        }
    }
}

/// What the reviewer decided about a finding.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Disposition {
    /// Not looked at yet (the default).
    #[default]
    AExaminer,
    /// Explained: the figures hold for a reason the note gives.
    Justifiee,
    /// The document must change.
    ACorriger,
    /// Raised with the Département.
    Signalee,
}

impl Disposition {
    pub const ALL: [Disposition; 4] = [
        Disposition::AExaminer,
        Disposition::Justifiee,
        Disposition::ACorriger,
        Disposition::Signalee,
    ];

    /// Stable id for JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Disposition::AExaminer => "a-examiner",
            Disposition::Justifiee => "justifiee",
            Disposition::ACorriger => "a-corriger",
            Disposition::Signalee => "signalee",
        }
    }

    /// Still waiting for an explanation: what `check --open-only` reports.
    pub fn is_open(self) -> bool {
        self != Disposition::Justifiee
    }
}

/// A disposition, with who gave it, when, and the figures the finding compared then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingReview {
    pub disposition: Disposition,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The figures compared when the disposition was given ([`crate::rules::figures_of`]):
    /// when they change, the finding asks for a new look.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub figures: String,
    /// Where and what the finding was, for a reader of the file and for a disposition whose
    /// finding has gone (résolue).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// A fiche's review status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FicheStatusReview {
    #[default]
    ARelire,
    Relue,
    ARevoir,
}

impl FicheStatusReview {
    pub const ALL: [FicheStatusReview; 3] = [
        FicheStatusReview::ARelire,
        FicheStatusReview::Relue,
        FicheStatusReview::ARevoir,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FicheStatusReview::ARelire => "a-relire",
            FicheStatusReview::Relue => "relue",
            FicheStatusReview::ARevoir => "a-revoir",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FicheReview {
    pub status: FicheStatusReview,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// Where a finding stands for the reviewer, from the review and the current findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The disposition given (or the default), its figures unchanged.
    Current(Disposition),
    /// A disposition was given, but the figures compared have changed since: look again.
    Changed(Disposition),
}

impl Standing {
    pub fn disposition(self) -> Disposition {
        match self {
            Standing::Current(d) | Standing::Changed(d) => d,
        }
    }

    /// Not explained, or explained for figures that are no longer the ones compared.
    pub fn is_open(self) -> bool {
        match self {
            Standing::Current(d) => d.is_open(),
            Standing::Changed(_) => true,
        }
    }
}

impl Review {
    /// Where the finding with `key`, now comparing `figures`, stands.
    pub fn standing(&self, key: &str, figures: &str) -> Standing {
        match self.findings.get(key) {
            None => Standing::Current(Disposition::AExaminer),
            Some(r) if r.figures.is_empty() || r.figures == figures => {
                Standing::Current(r.disposition)
            }
            Some(r) => Standing::Changed(r.disposition),
        }
    }

    /// Dispositions whose finding is no longer reported (an edit made it disappear): résolues.
    pub fn resolved(
        &self,
        current_keys: &std::collections::HashSet<&str>,
    ) -> Vec<(&String, &FindingReview)> {
        self.findings
            .iter()
            .filter(|(k, _)| !current_keys.contains(k.as_str()))
            .collect()
    }

    pub fn fiche_status(&self, fiche: &str) -> FicheStatusReview {
        self.fiches.get(fiche).map(|f| f.status).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.fiches.is_empty()
    }
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (Howard Hinnant's civil-from-days).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_date_matches_known_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(18_993), "2022-01-01");
        assert_eq!(civil_date(20_417), "2025-11-25");
        assert_eq!(civil_date(19_416), "2023-02-28");
        assert_eq!(civil_date(19_417), "2023-03-01");
    }

    #[test]
    fn a_changed_figure_asks_for_a_new_look() {
        let mut review = Review::default();
        review.findings.insert(
            "somme@x".into(),
            FindingReview {
                disposition: Disposition::Justifiee,
                figures: "1→2".into(),
                ..Default::default()
            },
        );
        assert_eq!(
            review.standing("somme@x", "1→2"),
            Standing::Current(Disposition::Justifiee)
        );
        assert!(!review.standing("somme@x", "1→2").is_open());
        assert_eq!(
            review.standing("somme@x", "1→3"),
            Standing::Changed(Disposition::Justifiee)
        );
        assert!(review.standing("somme@x", "1→3").is_open());
        assert!(review.standing("other", "").is_open());
    }
}
