//! Anomalies tab: the findings of the convention shown (or of every convention, on request),
//! in the chosen order.

use crate::app::{AnomalySort, App};

impl App {
    /// Findings in the Anomalies tab's order, as (document, finding): the current
    /// convention's, or every convention's when asked (←/→).
    pub fn anomaly_rows(&self) -> Vec<(usize, usize)> {
        let mut rows: Vec<(usize, usize)> = self
            .documents
            .iter()
            .enumerate()
            .filter(|(d, _)| self.anomalies_all || *d == self.current)
            .flat_map(|(d, doc)| (0..doc.findings.len()).map(move |f| (d, f)))
            .collect();
        if self.review_filters_active() {
            rows.retain(|&(d, f)| self.review_filters_keep(d, &self.documents[d].findings[f]));
        }
        let finding = |&(d, f): &(usize, usize)| &self.documents[d].findings[f];
        match self.anomaly_sort {
            AnomalySort::Severity => rows.sort_by_key(|r| (finding(r).severity, r.0)),
            AnomalySort::Convention => rows.sort_by_key(|r| (r.0, finding(r).severity)),
            // The key allocates: computed once per finding, not per comparison.
            AnomalySort::Fiche => rows.sort_by_cached_key(|r| {
                let f = finding(r);
                let fiche = f.fiche().map(crate::model::normalise_fiche_id);
                (r.0, fiche.is_none(), fiche, f.severity)
            }),
            // Largest gap first; findings without two figures last, by severity.
            AnomalySort::Gap => rows.sort_by_cached_key(|r| {
                let f = finding(r);
                (
                    std::cmp::Reverse(crate::app::review::gap_of(f)),
                    f.severity,
                    r.0,
                )
            }),
        }
        rows
    }

    /// How many findings the Anomalies tab lists before filtering.
    pub fn anomaly_count(&self) -> usize {
        if self.review_filters_active() {
            return self.anomaly_rows().len();
        }
        if self.anomalies_all {
            self.documents.iter().map(|d| d.findings.len()).sum()
        } else {
            self.document().map_or(0, |d| d.findings.len())
        }
    }
}

/// Enter jumps to the selected finding's place.
pub(crate) fn enter(app: &mut App) {
    let selected = app
        .selected_row(crate::app::Tab::Anomalies)
        .unwrap_or(usize::MAX);
    if let Some(&(doc, finding)) = app.anomaly_rows().get(selected) {
        app.jump_to(doc, finding);
    }
}
