//! Fuzzy search over everything a reviewer looks for.
//!
//! Keys are normalised once, when the data loads or changes: lowercase, accents removed,
//! ligatures spelled out ("École" → "ecole", "œuvre" → "oeuvre"), with a map back to the
//! original characters so matches can be highlighted. A keystroke only runs the matcher.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Convention, normalise_fiche_id};
use crate::rules::Finding;
use crate::text::sanitize_line;

/// What an entry is, shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Fiche,
    Description,
    Partner,
    BudgetLine,
    Indicator,
    TableRow,
    Anomaly,
}

/// Where Enter takes the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Position in the convention's fiche list.
    Fiche {
        fiche: usize,
    },
    /// Position in the convention's indicator rows (fiche indicators, then its own).
    Indicator {
        row: usize,
    },
    /// A summary table's row.
    TableRow {
        table: usize,
        row: usize,
    },
    Finding {
        finding: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub document: usize,
    pub fiche: Option<String>,
    /// What is shown (sanitised).
    pub label: String,
    /// Normalised text searched.
    key: String,
    /// For each char of `key`, the index of the char of `label` it comes from.
    origin: Vec<usize>,
    /// The normalised fiche id, for id queries.
    fiche_key: Option<String>,
    pub target: Target,
}

/// A match: the entry, its score and the characters of its label that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: i64,
    pub highlighted: Vec<usize>,
}

/// Lowercase, without accents, ligatures spelled out; with the origin of each char.
pub fn normalise_with_origin(text: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        for lower in c.to_lowercase() {
            let spelled: &[char] = match lower {
                'œ' => &['o', 'e'],
                'æ' => &['a', 'e'],
                'ß' => &['s', 's'],
                _ => &[],
            };
            if !spelled.is_empty() {
                for s in spelled {
                    key.push(*s);
                    origin.push(index);
                }
                continue;
            }
            for d in lower.nfd().filter(|d| !is_combining_mark(*d)) {
                let d = if d.is_whitespace() || d == '\u{a0}' {
                    ' '
                } else {
                    d
                };
                key.push(d);
                origin.push(index);
            }
        }
    }
    (key, origin)
}

pub fn normalise(text: &str) -> String {
    normalise_with_origin(text).0
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

/// Every searchable thing of every loaded convention.
#[derive(Default)]
pub struct Index {
    pub entries: Vec<Entry>,
}

impl Index {
    pub fn build<'a>(documents: impl Iterator<Item = (&'a Convention, &'a [Finding])>) -> Index {
        let mut index = Index::default();
        for (document, (convention, findings)) in documents.enumerate() {
            index.add_document(document, convention, findings);
        }
        index
    }

    /// Replaces one document's entries (after an edit).
    pub fn rebuild_document(
        &mut self,
        document: usize,
        convention: &Convention,
        findings: &[Finding],
    ) {
        self.entries.retain(|e| e.document != document);
        self.add_document(document, convention, findings);
    }

    fn push(
        &mut self,
        kind: Kind,
        document: usize,
        fiche: Option<&str>,
        label: &str,
        target: Target,
    ) {
        let label = sanitize_line(label).into_owned();
        let (key, origin) = normalise_with_origin(&label);
        self.entries.push(Entry {
            kind,
            document,
            fiche: fiche.map(str::to_string),
            fiche_key: fiche.map(normalise_fiche_id),
            label,
            key,
            origin,
            target,
        });
    }

    fn add_document(&mut self, document: usize, convention: &Convention, findings: &[Finding]) {
        let mut indicator_row = 0;
        for (position, fiche) in convention.fiches().enumerate() {
            let id = Some(fiche.id.as_str());
            let at = Target::Fiche { fiche: position };
            self.push(
                Kind::Fiche,
                document,
                id,
                &format!("{} {}", fiche.id, fiche.title),
                at,
            );
            for block in [&fiche.description, &fiche.objective].into_iter().flatten() {
                self.push(Kind::Description, document, id, &block.text, at);
            }
            for partner in fiche.partners.iter().flat_map(|p| &p.names) {
                self.push(Kind::Partner, document, id, partner, at);
            }
            if let Some(budget) = &fiche.budget {
                let planned_others = budget.planned.iter().flat_map(|p| &p.others);
                for line in planned_others.chain(&budget.executed_lines) {
                    self.push(
                        Kind::BudgetLine,
                        document,
                        id,
                        &format!("{} {}", line.name, line.amount.display_fr()),
                        at,
                    );
                }
                for table in &budget.tables {
                    for row in table.rows.iter().filter(|r| !r.heading) {
                        let cells: Vec<String> =
                            row.cells.iter().flatten().map(|v| v.display_fr()).collect();
                        self.push(Kind::BudgetLine, document, id, &cells.join(" · "), at);
                    }
                }
            }
            for indicator in &fiche.indicators {
                self.push(
                    Kind::Indicator,
                    document,
                    id,
                    &indicator.name,
                    Target::Indicator { row: indicator_row },
                );
                indicator_row += 1;
            }
        }
        for indicator in &convention.indicators {
            self.push(
                Kind::Indicator,
                document,
                None,
                &indicator.name,
                Target::Indicator { row: indicator_row },
            );
            indicator_row += 1;
        }
        for (table_index, table) in convention.tables.iter().enumerate() {
            for (row_index, row) in table.rows.iter().enumerate().filter(|(_, r)| !r.heading) {
                let cells: Vec<String> =
                    row.cells.iter().flatten().map(|v| v.display_fr()).collect();
                let target = Target::TableRow {
                    table: table_index,
                    row: row_index,
                };
                self.push(
                    Kind::TableRow,
                    document,
                    row.fiche.as_deref(),
                    &cells.join(" · "),
                    target,
                );
            }
        }
        for (position, finding) in findings.iter().enumerate() {
            let target = Target::Finding { finding: position };
            self.push(
                Kind::Anomaly,
                document,
                finding.fiche(),
                &finding.message,
                target,
            );
        }
    }

    /// The best `limit` entries for `query`, best first. Words match in any order; a query
    /// that is a fiche id ("3-2", "3.2", "fiche 12") puts that fiche first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words: Vec<String> = normalise(query)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let wanted_id = normalise_fiche_id(query);
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                // "3.2" or "fiche 3-2" names fiche 3-2 even though it does not spell its label.
                let is_id = entry.kind == Kind::Fiche
                    && entry.fiche_key.as_deref() == Some(wanted_id.as_str());
                let mut score = 0;
                let mut chars = Vec::new();
                for word in &words {
                    match matcher.fuzzy_indices(&entry.key, word) {
                        Some((s, positions)) => {
                            score += s;
                            chars.extend(positions);
                        }
                        None if is_id => {}
                        None => return None,
                    }
                }
                if is_id {
                    score += 1_000_000;
                    let id_length = entry.fiche.as_deref().map_or(0, |id| id.chars().count());
                    chars = (0..id_length).collect();
                }
                let mut highlighted: Vec<usize> = chars
                    .iter()
                    .filter_map(|&c| entry.origin.get(c).copied())
                    .collect();
                highlighted.sort_unstable();
                highlighted.dedup();
                Some(Hit {
                    entry: index,
                    score,
                    highlighted,
                })
            })
            .collect();
        // Best score first; among equals, fiches before the rest, then document order.
        hits.sort_by(|a, b| {
            let kind = |h: &Hit| self.entries[h.entry].kind != Kind::Fiche;
            b.score
                .cmp(&a.score)
                .then(kind(a).cmp(&kind(b)))
                .then(a.entry.cmp(&b.entry))
        });
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_ignored_both_ways() {
        assert_eq!(normalise("École"), "ecole");
        assert_eq!(normalise("ÉCOLE"), normalise("école"));
        assert_eq!(normalise("crème"), "creme");
        assert_eq!(normalise("Œuvre"), "oeuvre");
        assert_eq!(normalise("parentalité"), "parentalite");
    }

    #[test]
    fn origins_point_back_to_the_label() {
        let (key, origin) = normalise_with_origin("Œuf é");
        assert_eq!(key, "oeuf e");
        assert_eq!(origin, [0, 0, 1, 2, 3, 4]);
    }
}
