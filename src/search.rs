//! Fuzzy search over everything a reviewer looks for.
//!
//! Keys are normalised once, when the data loads or changes: lowercase, accents removed,
//! ligatures spelled out ("École" → "ecole", "œuvre" → "oeuvre"). A keystroke only runs the
//! matcher, over every entry on every core; the map back to the original characters, to
//! highlight matches, is computed for the results shown only.
//!
//! Short entries (names, titles, figures, findings) match fuzzily: each word's characters in
//! order. Prose (a description of hundreds of characters) would match nearly any query that
//! way and cost a full fuzzy alignment per keystroke, so in prose each word must appear as
//! written (accents and case aside); it is scored where it appears.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Convention, normalise_fiche_id};
use crate::rules::Finding;
use crate::text::{DISPLAY_LIMIT, sanitize_line, shorten};

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
    /// Normalised text searched; shared by the entries that have the same.
    key: Arc<str>,
    /// For a short key, its number among the distinct short keys, each scored once per
    /// keystroke however many entries have it; [`PROSE_KEY`] for prose, never repeated.
    key_id: u32,
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
    normalise_into(text, &mut key, |index| origin.push(index));
    (key, origin)
}

/// Normalises `text` into `key`, calling `origin` with the index of the source char of each
/// char pushed.
fn normalise_into(text: &str, key: &mut String, mut origin: impl FnMut(usize)) {
    for (index, c) in text.chars().enumerate() {
        if c.is_ascii() {
            // Nothing to decompose or spell out: the common case, kept fast.
            let lower = c.to_ascii_lowercase();
            key.push(if lower.is_whitespace() { ' ' } else { lower });
            origin(index);
            continue;
        }
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
                    origin(index);
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
                origin(index);
            }
        }
    }
}

pub fn normalise(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII, the bulk of French text, a byte at a time; the rest char by char.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        key.extend(rest[..ascii].bytes().map(|b| match b {
            b'\t'..=b'\r' | b' ' => ' ',
            b => char::from(b.to_ascii_lowercase()),
        }));
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            let len = c.len_utf8();
            match latin(c) {
                Some(normalised) => key.push_str(normalised),
                None => normalise_into(&rest[..len], &mut key, |_| {}),
            }
            rest = &rest[len..];
        }
    }
    key
}

/// The normalised form of the Latin letters beyond ASCII (every French accented letter and
/// ligature), computed once by the general path.
fn latin(c: char) -> Option<&'static str> {
    const FIRST: u32 = 0x80;
    const LAST: u32 = 0x24f;
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let index = (c as u32).checked_sub(FIRST).filter(|_| c as u32 <= LAST)?;
    let table = TABLE.get_or_init(|| {
        (FIRST..=LAST)
            .map(|code| {
                let mut key = String::new();
                if let Some(c) = char::from_u32(code) {
                    normalise_into(c.encode_utf8(&mut [0; 4]), &mut key, |_| {});
                }
                key
            })
            .collect()
    });
    Some(&table[index as usize])
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

/// Every searchable thing of every loaded convention.
#[derive(Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// The distinct short keys: partners, indicator names, titles repeat from one
    /// convention to the next. (A key an edit replaced stays here, unused.)
    keys: Vec<Arc<str>>,
    /// Each of `keys`, decoded for the scoring.
    decoded: Vec<Decoded>,
    key_ids: HashMap<Arc<str>, u32, BuildHasherDefault<KeyHasher>>,
    /// The fiche entries by normalised id, for queries that name a fiche.
    fiche_entries: HashMap<String, Vec<usize>>,
    /// Changes whenever entries move (an edit, a reload): a [`Narrowing`] of an earlier
    /// generation is not used.
    generation: u64,
}

/// What one search matched, to search the next keystroke among: typing one more character
/// (or another word) can only narrow the matches, so the next search scores these entries
/// alone instead of the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    /// The normalised query.
    query: String,
    generation: u64,
    /// Every entry that matched it, in index order.
    matched: Vec<usize>,
}

impl Index {
    pub fn build<'a>(documents: impl Iterator<Item = (&'a Convention, &'a [Finding])>) -> Index {
        let documents: Vec<(&Convention, &[Finding])> = documents.collect();
        let numbered: Vec<(usize, &Convention, &[Finding])> = documents
            .into_iter()
            .enumerate()
            .map(|(document, (convention, findings))| (document, convention, findings))
            .collect();
        // Normalising every label dominates: one document per task, on every core.
        let parts = crate::parallel::map(&numbered, |&(document, convention, findings)| {
            let mut entries = Entries::default();
            entries.add_document(document, convention, findings);
            entries.0
        });
        let mut index = Index::default();
        for mut part in parts {
            index.intern(&mut part);
            index.entries.append(&mut part);
        }
        index.entries_moved();
        index
    }

    fn entries_moved(&mut self) {
        self.generation += 1;
        self.fiche_entries.clear();
        for (position, entry) in self.entries.iter().enumerate() {
            if let (Kind::Fiche, Some(key)) = (entry.kind, &entry.fiche_key) {
                self.fiche_entries
                    .entry(key.clone())
                    .or_default()
                    .push(position);
            }
        }
    }

    /// Numbers the short keys of new entries, sharing the text of keys already known.
    fn intern(&mut self, entries: &mut [Entry]) {
        for entry in entries.iter_mut().filter(|e| e.key.len() <= PROSE) {
            let id = match self.key_ids.get(&entry.key) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.keys.len()).expect("fewer than 2³² keys");
                    self.keys.push(entry.key.clone());
                    self.decoded.push(Decoded::new(&entry.key));
                    self.key_ids.insert(entry.key.clone(), id);
                    id
                }
            };
            entry.key = self.keys[id as usize].clone();
            entry.key_id = id;
        }
    }

    /// Replaces one document's entries (after an edit).
    pub fn rebuild_document(
        &mut self,
        document: usize,
        convention: &Convention,
        findings: &[Finding],
    ) {
        self.entries.retain(|e| e.document != document);
        let mut entries = Entries::default();
        entries.add_document(document, convention, findings);
        self.intern(&mut entries.0);
        self.entries.append(&mut entries.0);
        self.entries_moved();
    }

    /// The best `limit` entries for `query`, best first. Words match in any order; a query
    /// that is a fiche id ("3-2", "3.2", "fiche 12") puts that fiche first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_narrowing(query, limit, None).0
    }

    /// [`Index::search`], among the matches of the previous keystroke when `query` extends its
    /// query (work proportional to what still matches, not to the corpus); with what this
    /// search matched, for the next keystroke.
    pub fn search_narrowing(
        &self,
        query: &str,
        limit: usize,
        previous: Option<&Narrowing>,
    ) -> (Vec<Hit>, Narrowing) {
        let normalised = normalise(query);
        let among = previous
            .filter(|p| {
                p.generation == self.generation
                    && !p.query.trim().is_empty()
                    && normalised.starts_with(&p.query)
            })
            .map(|p| p.matched.as_slice());
        let words: Vec<Word> = normalised
            .split_whitespace()
            .map(|w| Word::new(w.to_string()))
            .collect();
        let mut narrowing = Narrowing {
            query: normalised,
            generation: self.generation,
            matched: Vec::new(),
        };
        if words.is_empty() || limit == 0 {
            return (Vec::new(), narrowing);
        }
        let query = Query {
            words,
            wanted_id: normalise_fiche_id(query),
        };
        // Among many matches, scoring each distinct key once over the whole corpus is cheaper
        // than scoring the matches one by one.
        let mut scored = match among {
            Some(among) if among.len() * 4 < self.entries.len() => self.score_among(&query, among),
            _ => self.score_all(&query),
        };
        narrowing.matched = scored.iter().map(|&(_, _, index)| index).collect();
        narrowing.matched.sort_unstable();
        // Best score first; among equals, fiches before the rest, then document order.
        let order = |a: &(i64, bool, usize), b: &(i64, bool, usize)| {
            b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let hits = scored
            .into_iter()
            .map(|(score, _, index)| Hit {
                entry: index,
                score,
                highlighted: query.highlight(&self.entries[index]),
            })
            .collect();
        (hits, narrowing)
    }

    /// The entries among `among` that match, and the fiche the query names.
    fn score_among(&self, query: &Query, among: &[usize]) -> Vec<(i64, bool, usize)> {
        let named = self
            .fiche_entries
            .get(&query.wanted_id)
            .map_or(&[][..], Vec::as_slice);
        let mut candidates: Vec<usize> = among.iter().chain(named).copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let chunks: Vec<&[usize]> = candidates.chunks(SEARCH_CHUNK).collect();
        crate::parallel::map(&chunks, |chunk| {
            // A short key repeats (a partner, an indicator name): scored once per chunk.
            let mut key_scores: HashMap<u32, Option<i64>, BuildHasherDefault<KeyHasher>> =
                HashMap::default();
            chunk
                .iter()
                .filter_map(|&index| {
                    query.score_entry(self.entries.get(index)?, index, |key_id| {
                        *key_scores
                            .entry(key_id)
                            .or_insert_with(|| query.score_decoded(&self.decoded[key_id as usize]))
                    })
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    }

    /// Every entry that matches, on every core.
    fn score_all(&self, query: &Query) -> Vec<(i64, bool, usize)> {
        // Scores only, on every core; which characters matched only for the hits kept.
        let chunks: Vec<std::ops::Range<usize>> = (0..self.entries.len())
            .step_by(SEARCH_CHUNK)
            .map(|start| start..(start + SEARCH_CHUNK).min(self.entries.len()))
            .collect();
        // Each distinct short key once, then every entry.
        let key_chunks: Vec<std::ops::Range<usize>> = (0..self.keys.len())
            .step_by(SEARCH_CHUNK)
            .map(|start| start..(start + SEARCH_CHUNK).min(self.keys.len()))
            .collect();
        let key_scores: Vec<Option<i64>> = crate::parallel::map(&key_chunks, |range| {
            self.decoded[range.clone()]
                .iter()
                .map(|key| query.score_decoded(key))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        crate::parallel::map(&chunks, |range| {
            range
                .clone()
                .filter_map(|index| {
                    query.score_entry(&self.entries[index], index, |key_id| {
                        key_scores[key_id as usize]
                    })
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Entries scored per task when searching.
const SEARCH_CHUNK: usize = 4096;

/// Keys longer than this (in bytes) are prose: each word must appear in them as written.
const PROSE: usize = 256;

/// The key number of prose.
const PROSE_KEY: u32 = u32::MAX;

/// A fast hash for interning keys (FxHash's mixing): the keys are the user's own files, and
/// SipHash's protection against chosen collisions costs more than the rest of the lookup.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &byte in chunks.remainder() {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

struct Query {
    words: Vec<Word>,
    /// The query read as a fiche id.
    wanted_id: String,
}

/// One word of a query, ready for every entry.
struct Word {
    text: String,
    chars: Vec<char>,
    /// Finds it in prose (vectorised).
    finder: memchr::memmem::Finder<'static>,
}

impl Word {
    fn new(text: String) -> Word {
        Word {
            chars: text.chars().collect(),
            finder: memchr::memmem::Finder::new(text.as_bytes()).into_owned(),
            text,
        }
    }

    /// Where the word appears in prose: the first time at the start of a word of the text,
    /// else the first time; with where the scored window starts (the character before,
    /// which decides the bonus).
    fn in_prose(&self, key: &str) -> Option<(usize, usize)> {
        let mut first = None;
        // A match of whole UTF-8 chars in UTF-8 text starts and ends on char boundaries.
        for at in self.finder.find_iter(key.as_bytes()) {
            let before = key[..at].char_indices().next_back();
            if before.is_none_or(|(_, c)| !c.is_alphanumeric()) {
                return Some((before.map_or(at, |(i, _)| i), at + self.text.len()));
            }
            first.get_or_insert((before.map_or(at, |(i, _)| i), at + self.text.len()));
        }
        first
    }

    /// The word's score in a key, without allocating (every entry is scored at each
    /// keystroke).
    fn score(&self, key: &str) -> Option<i64> {
        if key.len() <= PROSE {
            if !in_order(key, &self.text) {
                return None;
            }
            return skim_score(key, &self.chars);
        }
        let (start, end) = self.in_prose(key)?;
        skim_score(&key[start..end], &self.chars)
    }

    /// The word against a key: its score and the key's chars it matched.
    fn positions(&self, key: &str) -> Option<(i64, Vec<usize>)> {
        if key.len() <= PROSE {
            if !in_order(key, &self.text) {
                return None;
            }
            return matcher().fuzzy_indices(key, &self.text);
        }
        let (start, end) = self.in_prose(key)?;
        let (score, matched) = matcher().fuzzy_indices(&key[start..end], &self.text)?;
        let offset = key[..start].chars().count();
        Some((score, matched.into_iter().map(|p| p + offset).collect()))
    }
}

/// A matcher with nothing cached: its result depends on the text and the word only. (The
/// cache it keeps between calls can otherwise leak a bonus from one call into the next;
/// `use_cache(false)` is no way out in fuzzy-matcher 0.3.7: it panics.)
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

impl Query {
    /// "3.2" or "fiche 3-2" names fiche 3-2 even though it does not spell its label.
    fn is_id(&self, entry: &Entry) -> bool {
        entry.kind == Kind::Fiche && entry.fiche_key.as_deref() == Some(self.wanted_id.as_str())
    }

    /// A matching entry as ranked: its score, whether it is not a fiche, its position. The
    /// fiche the query names matches whatever its words; prose is scored here; a short key's
    /// score comes from `key_score`, which scores each distinct key once.
    fn score_entry(
        &self,
        entry: &Entry,
        index: usize,
        key_score: impl FnOnce(u32) -> Option<i64>,
    ) -> Option<(i64, bool, usize)> {
        let score = if self.is_id(entry) {
            self.score_id(entry)
        } else if entry.key_id == PROSE_KEY {
            self.score(&entry.key)
        } else {
            key_score(entry.key_id)
        };
        Some((score?, entry.kind != Kind::Fiche, index))
    }

    /// A key's score, when every word matches it.
    fn score(&self, key: &str) -> Option<i64> {
        self.words.iter().map(|word| word.score(key)).sum()
    }

    /// The same for a short key, decoded once for every query.
    fn score_decoded(&self, key: &Decoded) -> Option<i64> {
        self.words.iter().try_fold(0, |score, word| {
            Some(score + skim_score_decoded(key, &word.chars)?)
        })
    }

    /// The score of the fiche the query names: first, whatever its words match.
    fn score_id(&self, entry: &Entry) -> Option<i64> {
        let words: i64 = self
            .words
            .iter()
            .filter_map(|word| word.score(&entry.key))
            .sum();
        Some(words + 1_000_000)
    }

    /// The characters of the entry's label that matched.
    fn highlight(&self, entry: &Entry) -> Vec<usize> {
        let chars: Vec<usize> = if self.is_id(entry) {
            let id_length = entry.fiche.as_deref().map_or(0, |id| id.chars().count());
            (0..id_length).collect()
        } else {
            self.words
                .iter()
                .filter_map(|word| word.positions(&entry.key))
                .flat_map(|(_, positions)| positions)
                .collect()
        };
        let origin = normalise_with_origin(&entry.label).1;
        let mut highlighted: Vec<usize> = chars
            .iter()
            .filter_map(|&c| origin.get(c).copied())
            .collect();
        highlighted.sort_unstable();
        highlighted.dedup();
        highlighted
    }
}

/// A key as the scoring reads it: its chars in ASCII lowercase, and for each the matcher's
/// bonus for a match there, with [`UPPER`] set when the char was an ASCII capital. Computed
/// once per distinct short key, not at each keystroke.
struct Decoded {
    chars: Box<[char]>,
    bonus: Box<[u8]>,
}

/// In a [`Decoded`] bonus: the char was an ASCII capital (a match with a small letter of
/// the pattern, or the reverse, costs the matcher's case penalty).
const UPPER: u8 = 0x40;

impl Decoded {
    fn new(key: &str) -> Decoded {
        let (mut chars, mut bonus) = (Vec::new(), Vec::new());
        decode(key, &mut chars, &mut bonus);
        Decoded {
            chars: chars.into(),
            bonus: bonus.into(),
        }
    }
}

fn decode(key: &str, chars: &mut Vec<char>, bonus: &mut Vec<u8>) {
    chars.clear();
    bonus.clear();
    let mut previous = '\0';
    for (j, ch) in key.chars().enumerate() {
        // The first character's bonus counts double.
        let b = char_bonus(previous, ch) * if j == 0 { 2 } else { 1 };
        let upper = if ch.is_ascii_uppercase() { UPPER } else { 0 };
        bonus.push(b as u8 | upper);
        chars.push(ch.to_ascii_lowercase());
        previous = ch;
    }
}

/// The score a fresh [`matcher`] gives `pattern` in `choice`; `None` when it does not match.
fn skim_score(choice: &str, pattern: &[char]) -> Option<i64> {
    thread_local! {
        static DECODED: std::cell::RefCell<(Vec<char>, Vec<u8>)> = std::cell::RefCell::default();
    }
    DECODED.with_borrow_mut(|(chars, bonus)| {
        decode(choice, chars, bonus);
        skim_score_parts(chars, bonus, pattern)
    })
}

/// [`skim_score`] on a decoded key, without allocating (in buffers kept per thread).
///
/// The same recurrence as the matcher's (fuzzy-matcher 0.3, `SkimMatcherV2::fuzzy`), on two
/// rows instead of a matrix: `M` is the best score with `pattern[i]` on `choice[j]`, `P` the
/// best with `choice[j]` skipped. Checked against the matcher in the tests below.
fn skim_score_decoded(choice: &Decoded, pattern: &[char]) -> Option<i64> {
    skim_score_parts(&choice.chars, &choice.bonus, pattern)
}

fn skim_score_parts(chars: &[char], bonus: &[u8], pattern: &[char]) -> Option<i64> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
    }
    SCRATCH.with_borrow_mut(|scratch| scratch.score(chars, bonus, pattern))
}

#[derive(Default)]
struct Scratch {
    first: Vec<usize>,
    m_prev: Vec<i32>,
    p_prev: Vec<i32>,
    m_row: Vec<i32>,
    p_row: Vec<i32>,
}

impl Scratch {
    fn score(&mut self, c: &[char], bonus: &[u8], pattern: &[char]) -> Option<i64> {
        const NEG: i32 = i16::MIN as i32;
        const MATCH: i32 = 16;
        const GAP_START: i32 = -3;
        const GAP_EXTENSION: i32 = -1;
        const CONSECUTIVE: i32 = 4;
        const CASE_MISMATCH: i32 = -2;
        let Scratch {
            first,
            m_prev,
            p_prev,
            m_row,
            p_row,
        } = self;
        let n = c.len();
        if pattern.is_empty() || pattern.len() > n {
            return None;
        }
        // A match scores 16, less the case penalty when exactly one side is a capital.
        let match_score = |b: u8, p: char| {
            let penalty = if (b & UPPER != 0) != p.is_ascii_uppercase() {
                CASE_MISMATCH
            } else {
                0
            };
            (MATCH + penalty).max(0)
        };
        let in_place = |b: u8| i32::from(b & !UPPER);
        if let [p] = pattern {
            // One char: the recurrence reduces to the best bonus where it matches
            // (P of row 0 is the gap extension, M of row 0 is −∞).
            let lower = p.to_ascii_lowercase();
            return c
                .iter()
                .zip(bonus.iter())
                .filter(|(ch, _)| **ch == lower)
                .map(|(_, &b)| i64::from(GAP_EXTENSION + in_place(b) + match_score(b, *p)))
                .max();
        }
        // Where each pattern char first matches, greedily (the matcher's `cheap_matches`).
        first.clear();
        let mut next = 0;
        for p in pattern {
            let lower = p.to_ascii_lowercase();
            next += c[next..].iter().position(|x| *x == lower)?;
            first.push(next);
            next += 1;
        }
        // Only columns after the first possible match are read; every cell of a row is
        // written before it is read, so the rows need no filling. Column `col` is the
        // char `col - 1`.
        for row in [&mut *m_prev, &mut *p_prev, &mut *m_row, &mut *p_row] {
            if row.len() <= n {
                row.resize(n + 1, NEG);
            }
        }
        // Row 0: nothing of the pattern placed yet.
        let from = first[0];
        m_prev[from..=n].fill(NEG);
        p_prev[from..=n].fill(GAP_EXTENSION);
        for (i, &p) in pattern.iter().enumerate() {
            let skip = first[i];
            let lower = p.to_ascii_lowercase();
            // The cell before the first match is reset; then left to right, the cell to
            // the left carried along.
            let (mut m_left, mut p_left) = (NEG, NEG);
            m_row[skip] = NEG;
            p_row[skip] = NEG;
            let cells = c[skip..n]
                .iter()
                .zip(&bonus[skip..n])
                .zip(m_prev[skip..n].iter().zip(&p_prev[skip..n]))
                .zip(m_row[skip + 1..=n].iter_mut().zip(&mut p_row[skip + 1..=n]));
            for (((&ch, &b), (&m_diagonal, &p_diagonal)), (m_cell, p_cell)) in cells {
                let m = if ch == lower {
                    // The matcher reads the bonus of a consecutive match from a cell it has
                    // not written yet: 0 in a fresh matrix.
                    let by_match = m_diagonal + in_place(b).max(CONSECUTIVE);
                    let by_skip = p_diagonal + in_place(b);
                    by_match.max(by_skip) + match_score(b, p)
                } else {
                    NEG
                };
                let p = (GAP_START + GAP_EXTENSION + m_left).max(GAP_EXTENSION + p_left);
                (*m_cell, *p_cell) = (m, p);
                (m_left, p_left) = (m, p);
            }
            std::mem::swap(m_prev, m_row);
            std::mem::swap(p_prev, p_row);
        }
        let last = first[pattern.len() - 1];
        m_prev[last..=n].iter().max().map(|&s| i64::from(s))
    }
}

/// The matcher's in-place bonus of `ch` after `previous`: the start of a word (after the
/// start, a space or a bracket), after punctuation, or a capital after a small letter or digit.
fn char_bonus(previous: char, ch: char) -> i32 {
    match previous {
        '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 8,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 7,
        _ if ch.is_ascii_uppercase() && !previous.is_ascii_uppercase() => 6,
        _ => 0,
    }
}

/// Whether the characters of `word` appear in `key` in order (both normalised: lowercase).
fn in_order(key: &str, word: &str) -> bool {
    let mut rest = key;
    for c in word.chars() {
        let found = if c.is_ascii() {
            memchr::memchr(c as u8, rest.as_bytes())
        } else {
            rest.find(c)
        };
        match found {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// The entries of one document, as they are built.
#[derive(Default)]
struct Entries(Vec<Entry>);

impl Entries {
    fn push(
        &mut self,
        kind: Kind,
        document: usize,
        fiche: Option<&str>,
        label: &str,
        target: Target,
    ) {
        let label = sanitize_line(&shorten(label, DISPLAY_LIMIT)).into_owned();
        let key = normalise(&label).into();
        self.0.push(Entry {
            kind,
            document,
            fiche: fiche.map(str::to_string),
            fiche_key: fiche.map(normalise_fiche_id),
            label,
            key,
            key_id: PROSE_KEY,
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
            // Only these two of a fiche's texts: searching every text (assessment, sections,
            // claims…) tripled a keystroke's time and passed 200 MB on the national corpus
            // (BENCHMARKS.md); it needs a word index first.
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

    /// The scoring used for every entry gives exactly the matcher's score.
    #[test]
    fn skim_score_is_the_matchers() {
        let alphabet: Vec<char> = "aabbcAB -'(1é€eéll".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut checked = 0;
        for _ in 0..20_000 {
            let (choice_len, pattern_len) = (next(40), 1 + next(5));
            let choice: String = (0..choice_len)
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let pattern: String = (0..pattern_len)
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let pattern_chars: Vec<char> = pattern.chars().collect();
            let expected = matcher().fuzzy_indices(&choice, &pattern).map(|(s, _)| s);
            assert_eq!(
                skim_score(&choice, &pattern_chars),
                expected,
                "{choice:?} {pattern:?}"
            );
            checked += usize::from(expected.is_some());
        }
        assert!(checked > 1000, "too few matches exercised: {checked}");
        // A long text, many matches.
        let long = "la parentalité ".repeat(40);
        let word: Vec<char> = "parentalite".chars().collect();
        assert_eq!(
            skim_score(&long, &word),
            matcher()
                .fuzzy_indices(&long, "parentalite")
                .map(|(s, _)| s)
        );
    }

    #[test]
    fn the_fast_normalisation_is_the_same() {
        for text in [
            "",
            "École et crème de l'Œuvre\tÀ\u{a0}part\r\n\u{b}x",
            "ÆSTHÉTIQUE Straße ǅ İstanbul K 1 207 650,75 €",
            "\u{301}e\u{301} 日本 🎉 ﬁn",
        ] {
            assert_eq!(normalise(text), normalise_with_origin(text).0, "{text:?}");
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32).step_by(7) {
            let text = format!("A{c}b");
            assert_eq!(normalise(&text), normalise_with_origin(&text).0, "{c:?}");
        }
    }

    #[test]
    fn origins_point_back_to_the_label() {
        let (key, origin) = normalise_with_origin("Œuf é");
        assert_eq!(key, "oeuf e");
        assert_eq!(origin, [0, 0, 1, 2, 3, 4]);
    }
}
