//! Search over every text a reviewer reads.
//!
//! The index keeps no copy of the texts. It is a word index: the vocabulary of normalised
//! words (lowercase, accents removed, ligatures spelled out: "École" → "ecole", "œuvre" →
//! "oeuvre"), each word once, with the list of entries it appears in; an entry is a
//! [`Place`] in a convention, its text read from the convention when it is indexed and when
//! a result is shown. A keystroke matches each query word against the vocabulary (fuzzily:
//! its characters in order, scored as the skim matcher scores them, an exact word above a
//! prefix above scattered letters), keeps the words that score at least half the best, then
//! walks their entries. An entry matches when every query word matches one of its words; its
//! score is the sum of its best word per query word.
//!
//! The index is built in steps ([`Index::build_step`]), one group of texts (a fiche, a
//! table, the convention's own texts, the findings) at a time, so the terminal loop builds it
//! between keys; an edit re-indexes the group it changed ([`Index::update_group`]): the
//! group's old entries are marked dead, its new ones appended.

mod places;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;
use std::time::Instant;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use unicode_normalization::UnicodeNormalization;

pub use places::{ConventionField, FicheField, Group, KINDS, Kind, Place, fiche_at, text_at};

use crate::model::{Convention, normalise_fiche_id};
use crate::rules::Finding;
use crate::text::{DISPLAY_LIMIT, sanitize_line, shorten};

/// One searchable text: which document, and where in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub document: u32,
    pub place: Place,
}

/// A match: the entry and its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    pub score: i64,
}

/// Words longer than this (in bytes) are indexed by their start: a word is what a person
/// types, and a file's 50 000-character "word" must not cost a fuzzy alignment per keystroke.
const LONGEST_WORD: usize = 48;

/// An exact word scores this much above the same letters as the start of a longer word.
const EXACT_WORD: i64 = 50;

/// The words of a normalised text: runs of letters and digits.
fn words(normalised: &str) -> impl Iterator<Item = &str> {
    normalised
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() <= LONGEST_WORD {
                return w;
            }
            let mut end = LONGEST_WORD;
            while !w.is_char_boundary(end) {
                end -= 1;
            }
            &w[..end]
        })
}

/// The entries a word appears in, in increasing order, as LEB128 gaps: most gaps fit a byte.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    fn push(&mut self, entry: u32) {
        if self.len > 0 && entry == self.last {
            return;
        }
        let mut gap = if self.len == 0 {
            entry
        } else {
            entry - self.last
        };
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.bytes.push(byte);
                break;
            }
            self.bytes.push(byte | 0x80);
        }
        self.last = entry;
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut current = 0u32;
        let mut first = true;
        std::iter::from_fn(move || {
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let byte = *self.bytes.get(at)?;
                at += 1;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            current = if first { gap } else { current + gap };
            first = false;
            Some(current)
        })
    }
}

/// Every searchable text of every loaded convention.
#[derive(Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// False for an entry an update replaced: its words still list it.
    alive: Vec<bool>,
    /// Per document, the entries of each group indexed.
    groups: Vec<HashMap<Group, std::ops::Range<u32>>>,
    /// The vocabulary: each normalised word once, in the order first seen.
    words: Vec<Arc<str>>,
    word_ids: HashMap<Arc<str>, u32, BuildHasherDefault<KeyHasher>>,
    postings: Vec<Postings>,
    /// The fiche entries by normalised fiche id, for queries that name a fiche.
    fiche_entries: HashMap<String, Vec<u32>, BuildHasherDefault<KeyHasher>>,
    /// Where the build has got to: the document and the position of its next group; `None`
    /// once every document is indexed.
    pending: Option<(usize, usize)>,
    dead: usize,
}

/// What one search matched, for the next keystroke: each query word's vocabulary matches.
/// Typing one more character can only narrow them, so the next search looks at these words
/// instead of the whole vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    /// The vocabulary's size then: a word added since is not among these.
    vocabulary: usize,
    /// Each query word, with every vocabulary word its characters appear in, in order.
    words: Vec<(String, Vec<u32>)>,
}

/// The texts an index reads: each document's convention and findings.
pub trait Documents {
    fn count(&self) -> usize;
    fn get(&self, document: usize) -> Option<(&Convention, &[Finding])>;
}

impl Documents for [(&Convention, &[Finding])] {
    fn count(&self) -> usize {
        self.len()
    }
    fn get(&self, document: usize) -> Option<(&Convention, &[Finding])> {
        <[_]>::get(self, document).copied()
    }
}

impl Index {
    /// The whole index at once (tests, benches, the command line).
    pub fn build<'a>(documents: impl Iterator<Item = (&'a Convention, &'a [Finding])>) -> Index {
        let documents: Vec<(&Convention, &[Finding])> = documents.collect();
        let mut index = Index::pending();
        index.build_step(documents.as_slice(), None);
        index
    }

    /// An empty index that [`Index::build_step`] fills.
    pub fn pending() -> Index {
        Index {
            pending: Some((0, 0)),
            ..Index::default()
        }
    }

    /// Whether every document is indexed.
    pub fn is_ready(&self) -> bool {
        self.pending.is_none()
    }

    /// Indexes the next groups until `deadline` (all of them without one); returns whether
    /// the index is complete.
    pub fn build_step(
        &mut self,
        documents: &(impl Documents + ?Sized),
        deadline: Option<Instant>,
    ) -> bool {
        let mut places = Vec::new();
        while let Some((document, position)) = self.pending {
            let Some((convention, findings)) = documents.get(document) else {
                self.pending = None;
                break;
            };
            match Group::nth(convention, position) {
                Some(group) => {
                    self.index_group(document, group, convention, findings, &mut places);
                    self.pending = Some((document, position + 1));
                }
                None if document + 1 < documents.count() => self.pending = Some((document + 1, 0)),
                None => self.pending = None,
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
        }
        if self.pending.is_none() {
            self.shrink();
        }
        self.pending.is_none()
    }

    /// Whether the build has indexed that group already (or is not under way).
    fn reached(&self, document: usize, group: Group, convention: &Convention) -> bool {
        match self.pending {
            None => true,
            Some((at, position)) => {
                document < at || (document == at && group.position(convention) < position)
            }
        }
    }

    /// One group of a document changed (an edit of a fiche or a table, new findings): its
    /// entries are replaced, the rest of the index is kept.
    pub fn update_group(
        &mut self,
        document: usize,
        group: Group,
        convention: &Convention,
        findings: &[Finding],
    ) {
        self.remove_group(document, group);
        if self.reached(document, group, convention) {
            self.index_group(document, group, convention, findings, &mut Vec::new());
        }
        self.maybe_compact();
    }

    /// A whole document changed (a reload, a recovery, an edit whose extent is unknown).
    pub fn update_document(
        &mut self,
        document: usize,
        convention: &Convention,
        findings: &[Finding],
    ) {
        let groups: Vec<Group> = self
            .groups
            .get(document)
            .map(|g| g.keys().copied().collect())
            .unwrap_or_default();
        for group in groups {
            self.remove_group(document, group);
        }
        match self.pending {
            Some((at, _)) if at == document => self.pending = Some((document, 0)),
            Some((at, _)) if at < document => {}
            _ => {
                let mut places = Vec::new();
                for group in Group::all(convention) {
                    self.index_group(document, group, convention, findings, &mut places);
                }
            }
        }
        self.maybe_compact();
    }

    /// Replaces one document's entries (after an edit): [`Index::update_document`].
    pub fn rebuild_document(
        &mut self,
        document: usize,
        convention: &Convention,
        findings: &[Finding],
    ) {
        self.update_document(document, convention, findings);
    }

    fn remove_group(&mut self, document: usize, group: Group) {
        if let Some(range) = self.groups.get_mut(document).and_then(|g| g.remove(&group)) {
            for entry in range {
                self.alive[entry as usize] = false;
                self.dead += 1;
            }
        }
    }

    fn index_group(
        &mut self,
        document: usize,
        group: Group,
        convention: &Convention,
        findings: &[Finding],
        places: &mut Vec<Place>,
    ) {
        places.clear();
        places::places_of(group, convention, findings, places);
        let start = self.next_entry();
        let document_number = u32::try_from(document).expect("fewer than 2³² documents");
        for &place in places.iter() {
            let Some(text) = text_at(place, convention, findings) else {
                continue;
            };
            let entry = self.next_entry();
            let key = normalise(&text);
            for word in words(&key) {
                let id = match self.word_ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(self.words.len()).expect("fewer than 2³² words");
                        let word: Arc<str> = word.into();
                        self.words.push(word.clone());
                        self.word_ids.insert(word, id);
                        self.postings.push(Postings::default());
                        id
                    }
                };
                self.postings[id as usize].push(entry);
            }
            if let Place::Fiche { fiche } = place
                && let Some(f) = fiche_at(convention, fiche)
            {
                self.fiche_entries
                    .entry(normalise_fiche_id(&f.id))
                    .or_default()
                    .push(entry);
            }
            self.entries.push(Entry {
                document: document_number,
                place,
            });
            self.alive.push(true);
        }
        if self.groups.len() <= document {
            self.groups.resize_with(document + 1, HashMap::default);
        }
        let end = self.next_entry();
        self.groups[document].insert(group, start..end);
    }

    fn next_entry(&self) -> u32 {
        u32::try_from(self.entries.len()).expect("fewer than 2³² entries")
    }

    /// Gives back what the lists reserved beyond their length.
    fn shrink(&mut self) {
        for postings in &mut self.postings {
            postings.bytes.shrink_to_fit();
        }
        self.entries.shrink_to_fit();
        self.alive.shrink_to_fit();
    }

    /// When most entries are dead (many edits, reloads), the lists are rewritten without them.
    fn maybe_compact(&mut self) {
        if self.dead < 1024 || self.dead * 2 < self.entries.len() {
            return;
        }
        let mut renumbered = vec![u32::MAX; self.entries.len()];
        let mut kept = 0u32;
        for (old, alive) in self.alive.iter().enumerate() {
            if *alive {
                renumbered[old] = kept;
                kept += 1;
            }
        }
        for postings in &mut self.postings {
            let mut fresh = Postings::default();
            for entry in postings.iter() {
                let new = renumbered[entry as usize];
                if new != u32::MAX {
                    fresh.push(new);
                }
            }
            fresh.bytes.shrink_to_fit();
            *postings = fresh;
        }
        for list in self.fiche_entries.values_mut() {
            list.retain_mut(|entry| {
                *entry = renumbered[*entry as usize];
                *entry != u32::MAX
            });
        }
        self.fiche_entries.retain(|_, list| !list.is_empty());
        for groups in &mut self.groups {
            for range in groups.values_mut() {
                let start = range
                    .clone()
                    .map(|e| renumbered[e as usize])
                    .find(|&e| e != u32::MAX);
                *range = match start {
                    Some(start) => start..start + range.len() as u32,
                    None => 0..0,
                };
            }
        }
        let mut position = 0;
        self.entries.retain(|_| {
            position += 1;
            self.alive[position - 1]
        });
        self.alive = vec![true; self.entries.len()];
        self.dead = 0;
    }

    /// How many groups of a document are indexed (`None` before any).
    pub fn indexed_groups(&self, document: usize) -> Option<usize> {
        self.groups
            .get(document)
            .map(HashMap::len)
            .filter(|&n| n > 0)
    }

    /// How many entries are live.
    pub fn len(&self) -> usize {
        self.entries.len() - self.dead
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many distinct words the vocabulary holds.
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// The best `limit` entries for `query`, best first. Words match in any order; a query
    /// that is a fiche id ("3-2", "3.2", "fiche 12") puts that fiche first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_narrowing(query, limit, None).0
    }

    /// [`Index::search`], matching each query word among the vocabulary words its beginning
    /// matched at the previous keystroke; with what this search matched, for the next one.
    pub fn search_narrowing(
        &self,
        query: &str,
        limit: usize,
        previous: Option<&Narrowing>,
    ) -> (Vec<Hit>, Narrowing) {
        let normalised = normalise(query);
        let query_words: Vec<&str> = words(&normalised).collect();
        let previous = previous.filter(|p| p.vocabulary == self.words.len());
        let mut narrowing = Narrowing {
            vocabulary: self.words.len(),
            words: Vec::new(),
        };
        // Each query word: the vocabulary words it matches, scored, best first.
        let mut matched: Vec<Vec<(i64, u32)>> = Vec::new();
        for (i, &word) in query_words.iter().enumerate() {
            let among = previous
                .and_then(|p| p.words.get(i))
                .filter(|(text, _)| word.starts_with(text.as_str()))
                .map(|(_, ids)| ids.as_slice());
            let (candidates, scored) = self.match_word(word, among);
            narrowing.words.push((word.to_string(), candidates));
            matched.push(scored);
        }
        if query_words.is_empty() || limit == 0 {
            return (Vec::new(), narrowing);
        }
        let named: Vec<u32> = self
            .fiche_entries
            .get(&normalise_fiche_id(query))
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&e| self.alive[e as usize])
                    .collect()
            })
            .unwrap_or_default();
        let mut scored = self.score_entries(&matched, &named, limit);
        // Best score first; among equals, fiches before the rest, then index order.
        let is_fiche =
            |entry: u32| !matches!(self.entries[entry as usize].place, Place::Fiche { .. });
        scored.sort_unstable_by(|a, b| {
            b.0.cmp(&a.0)
                .then(is_fiche(a.1).cmp(&is_fiche(b.1)))
                .then(a.1.cmp(&b.1))
        });
        scored.truncate(limit);
        let hits = scored
            .into_iter()
            .map(|(score, entry)| Hit {
                entry: entry as usize,
                score,
            })
            .collect();
        (hits, narrowing)
    }

    /// The vocabulary words `word` matches (among `among` when given): every one its
    /// characters appear in, in order; and those scored at least half the best, best first.
    fn match_word(&self, word: &str, among: Option<&[u32]>) -> (Vec<u32>, Vec<(i64, u32)>) {
        let chars: Vec<char> = word.chars().collect();
        let score = |id: u32| -> Option<(i64, u32)> {
            let candidate = &self.words[id as usize];
            let mut score = skim_score(candidate, &chars)?;
            if **candidate == *word {
                score += EXACT_WORD;
            }
            Some((score, id))
        };
        let in_order_ids: Vec<u32> = match among {
            Some(among) => among
                .iter()
                .copied()
                .filter(|&id| in_order(&self.words[id as usize], word))
                .collect(),
            None => {
                let chunks: Vec<std::ops::Range<usize>> = (0..self.words.len())
                    .step_by(VOCABULARY_CHUNK)
                    .map(|s| s..(s + VOCABULARY_CHUNK).min(self.words.len()))
                    .collect();
                crate::parallel::map(&chunks, |range| {
                    range
                        .clone()
                        .filter(|&id| in_order(&self.words[id], word))
                        .map(|id| id as u32)
                        .collect::<Vec<u32>>()
                })
                .into_iter()
                .flatten()
                .collect()
            }
        };
        let chunks: Vec<&[u32]> = in_order_ids.chunks(VOCABULARY_CHUNK).collect();
        let mut scored: Vec<(i64, u32)> = crate::parallel::map(&chunks, |chunk| {
            chunk.iter().filter_map(|&id| score(id)).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        let best = scored.iter().map(|s| s.0).max().unwrap_or(0);
        scored.retain(|s| s.0 * 2 >= best);
        // A word kept scores at least 1: 0 means "not found" below.
        for s in &mut scored {
            s.0 = s.0.max(1);
        }
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        (in_order_ids, scored)
    }

    /// The entries every query word matches, with their scores; the fiches named by the query
    /// whatever their words. A one-word query stops once `limit` entries are found among its
    /// best words (the rest score no better). Work in proportion to the entries of the words
    /// kept, read in order: no array the size of the index.
    fn score_entries(
        &self,
        matched: &[Vec<(i64, u32)>],
        named: &[u32],
        limit: usize,
    ) -> Vec<(i64, u32)> {
        let total = |m: &Vec<(i64, u32)>| -> u64 {
            m.iter()
                .map(|&(_, id)| u64::from(self.postings[id as usize].len))
                .sum()
        };
        let mut order: Vec<usize> = (0..matched.len()).collect();
        order.sort_by_key(|&i| total(&matched[i]));
        let alive = |entry: u32| self.alive[entry as usize];
        let mut scored: Vec<(i64, u32)> = Vec::new();
        if let [only] = matched {
            // Best words first: an entry's score is that of the first word found in it.
            let mut seen: std::collections::HashSet<u32, BuildHasherDefault<KeyHasher>> =
                Default::default();
            'words: for &(score, id) in only {
                for entry in self.postings[id as usize].iter().filter(|&e| alive(e)) {
                    if seen.insert(entry) {
                        scored.push((score, entry));
                        if scored.len() >= limit + named.len() {
                            break 'words;
                        }
                    }
                }
            }
        } else if let Some(&driver) = order.first() {
            // The most selective word gives the candidates, in entry order, each with its
            // best score; every other word keeps those it is found in.
            let mut pairs: Vec<(u32, i64)> = matched[driver]
                .iter()
                .flat_map(|&(score, id)| {
                    self.postings[id as usize]
                        .iter()
                        .filter(|&e| alive(e))
                        .map(move |e| (e, score))
                })
                .collect();
            pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            pairs.dedup_by_key(|p| p.0);
            let (mut entries, mut scores): (Vec<u32>, Vec<i64>) = pairs.into_iter().unzip();
            for &word in &order[1..] {
                let mut found = vec![0i64; entries.len()];
                for &(score, id) in &matched[word] {
                    let postings = &self.postings[id as usize];
                    mark_found(&entries, postings, score, &mut found);
                }
                let mut kept = 0;
                for i in 0..entries.len() {
                    if found[i] != 0 {
                        entries[kept] = entries[i];
                        scores[kept] = scores[i] + found[i];
                        kept += 1;
                    }
                }
                entries.truncate(kept);
                scores.truncate(kept);
                if entries.is_empty() {
                    break;
                }
            }
            scored = scores.into_iter().zip(entries).collect();
        }
        for &entry in named {
            let words = scored.iter().find(|s| s.1 == entry).map_or(0, |s| s.0);
            scored.retain(|s| s.1 != entry);
            scored.push((words + 1_000_000, entry));
        }
        scored
    }

    /// The text shown for an entry: sanitised, at most [`DISPLAY_LIMIT`] characters.
    pub fn label(
        &self,
        entry: usize,
        convention: &Convention,
        findings: &[Finding],
    ) -> Option<String> {
        let place = self.entries.get(entry)?.place;
        let text = text_at(place, convention, findings)?;
        Some(sanitize_line(&shorten(&text, DISPLAY_LIMIT)).into_owned())
    }
}

/// Marks with `score` the candidates (sorted entries) that `postings` lists and that no
/// better word marked before: a merge of the two sorted lists, jumping through the
/// candidates by binary search when the word is rare among them.
fn mark_found(candidates: &[u32], postings: &Postings, score: i64, found: &mut [i64]) {
    let rare = (postings.len as usize) * 16 < candidates.len();
    let mut at = 0;
    for entry in postings.iter() {
        if rare {
            at += candidates[at..].partition_point(|&c| c < entry);
        } else {
            while at < candidates.len() && candidates[at] < entry {
                at += 1;
            }
        }
        if at >= candidates.len() {
            return;
        }
        if candidates[at] == entry && found[at] == 0 {
            found[at] = score;
        }
    }
}

/// Vocabulary words matched per task.
const VOCABULARY_CHUNK: usize = 16_384;

/// The characters of `label` that the words of `query` matched: in each word of the label
/// that a query word matches at least half as well as the best word of the label, the
/// characters it matched.
pub fn highlight(query: &str, label: &str) -> Vec<usize> {
    let (key, origin) = normalise_with_origin(label);
    // The label's words with the position of their first char in `key`.
    let mut label_words: Vec<(usize, &str)> = Vec::new();
    let mut chars_before = 0;
    let mut rest = key.as_str();
    for word in words(&key) {
        let at = rest.find(word).unwrap_or(0);
        chars_before += rest[..at].chars().count();
        label_words.push((chars_before, word));
        chars_before += word.chars().count();
        rest = &rest[at + word.len()..];
    }
    let normalised = normalise(query);
    let mut highlighted = Vec::new();
    for query_word in words(&normalised) {
        let chars: Vec<char> = query_word.chars().collect();
        let scores: Vec<Option<i64>> = label_words
            .iter()
            .map(|(_, w)| {
                in_order(w, query_word)
                    .then(|| skim_score(w, &chars))
                    .flatten()
                    .map(|s| s + if *w == query_word { EXACT_WORD } else { 0 })
            })
            .collect();
        let best = scores.iter().flatten().max().copied().unwrap_or(0);
        for ((start, w), score) in label_words.iter().zip(&scores) {
            if score.is_some_and(|s| s * 2 >= best)
                && let Some((_, positions)) = matcher().fuzzy_indices(w, query_word)
            {
                highlighted.extend(
                    positions
                        .into_iter()
                        .filter_map(|p| origin.get(start + p).copied()),
                );
            }
        }
    }
    highlighted.sort_unstable();
    highlighted.dedup();
    highlighted
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

/// A matcher with nothing cached: its result depends on the text and the word only. (The
/// cache it keeps between calls can otherwise leak a bonus from one call into the next;
/// `use_cache(false)` is no way out in fuzzy-matcher 0.3.7: it panics.)
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// In a decoded key's bonus: the char was an ASCII capital (a match with a small letter of
/// the pattern, or the reverse, costs the matcher's case penalty).
const UPPER: u8 = 0x40;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// `strings` names each kind of result without knowing this module: as many names as
    /// kinds, in both languages.
    #[test]
    fn every_kind_of_result_has_a_name_in_both_languages() {
        use crate::strings::{Lang, ui};
        for lang in [Lang::Fr, Lang::En] {
            let names = ui(lang).search_kinds;
            assert_eq!(names.len(), KINDS);
            assert!(names.iter().all(|n| !n.is_empty()));
        }
    }

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
