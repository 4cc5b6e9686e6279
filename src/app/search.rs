//! The search palette and the per-tab filter: state and key handling (no drawing).

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::views::{self, BudgetRow};
use super::{Action, App, Scroll, Tab};
use crate::keys::LineAction;
use crate::search::{Group, Hit, Place, normalise};

/// How many results the palette keeps.
pub const RESULTS: usize = 200;

pub struct Palette {
    pub input: TextArea<'static>,
    pub hits: Vec<Hit>,
    pub scroll: Scroll,
    /// What the last keystroke matched: the next one searches among it.
    pub narrowing: Option<crate::search::Narrowing>,
}

impl Palette {
    pub fn query(&self) -> String {
        self.input.lines().join(" ")
    }
}

fn single_line_input() -> TextArea<'static> {
    let mut input = TextArea::default();
    input.set_cursor_line_style(ratatui::style::Style::default());
    input
}

impl crate::search::Documents for [super::Document] {
    fn count(&self) -> usize {
        self.len()
    }
    fn get(
        &self,
        document: usize,
    ) -> Option<(&crate::model::Convention, &[crate::rules::Finding])> {
        <[_]>::get(self, document).map(|d| (&*d.convention, d.findings.as_slice()))
    }
}

/// One result as the palette shows it: what it is, its convention, its fiche, its text.
pub struct ShownHit {
    pub kind: crate::search::Kind,
    pub document: usize,
    pub fiche: Option<String>,
    pub label: String,
    /// The characters of `label` the query matched.
    pub highlighted: Vec<usize>,
}

impl App {
    /// Builds the whole search index now if it is not complete (tests, the `first_frame`
    /// example; the terminal loop builds it in steps instead: [`App::index_step`]).
    pub fn prepare_search(&mut self) {
        let index = self.index.get_or_insert_with(crate::search::Index::pending);
        if !index.is_ready() {
            index.build_step(self.documents.as_slice(), None);
            self.search_typed();
        }
    }

    /// The terminal loop builds the index in steps between keys ([`App::index_step`]); a
    /// search typed before it is complete waits for it instead of building it at once.
    pub fn build_index_in_steps(&mut self) {
        self.index_in_steps = true;
        self.index.get_or_insert_with(crate::search::Index::pending);
    }

    /// Whether the index still has groups to index.
    pub fn index_pending(&self) -> bool {
        self.index.as_ref().is_none_or(|i| !i.is_ready())
    }

    /// Indexes for at most `budget`; when that completes the index, the search typed
    /// meanwhile is run. Returns whether the screen changed.
    pub fn index_step(&mut self, budget: std::time::Duration) -> bool {
        let index = self.index.get_or_insert_with(crate::search::Index::pending);
        if index.is_ready() {
            return false;
        }
        let done = index.build_step(
            self.documents.as_slice(),
            Some(std::time::Instant::now() + budget),
        );
        if done && self.palette.is_some() {
            self.search_typed();
            return true;
        }
        false
    }

    /// After a change to a document, before its history mark moves on: the index is updated
    /// for the fiche or table that one step of the history changed, and the findings; for
    /// anything else (a reload, a recovery, fiches added or removed), the whole document.
    pub(crate) fn update_index(&mut self, document: usize) {
        let Some(index) = self.index.as_mut() else {
            return;
        };
        let Some(doc) = self.documents.get(document) else {
            return;
        };
        let c = &doc.convention;
        let same_shape = index.indexed_groups(document) == Some(Group::count(c));
        match changed_group(doc).filter(|_| same_shape) {
            Some(group) => {
                index.update_group(document, group, c, &doc.findings);
                index.update_group(document, Group::Findings, c, &doc.findings);
            }
            None => index.update_document(document, c, &doc.findings),
        }
        // Results shown meanwhile (a file reloaded under the open palette) are searched
        // again: the entries they name may have been replaced.
        if self.palette.is_some() {
            self.search_typed();
        }
    }

    pub fn open_palette(&mut self) {
        if !self.index_in_steps {
            self.prepare_search();
        }
        self.palette = Some(Palette {
            input: single_line_input(),
            hits: Vec::new(),
            scroll: Scroll::default(),
            narrowing: None,
        });
    }

    /// Visible result rows of the palette (for scrolling).
    pub fn palette_height(&self) -> usize {
        (self.screen.height as usize).saturating_sub(8).max(1)
    }

    /// Keys bound in the palette steer (see [`crate::keys::Keymap::palette`]); every other
    /// key edits the query.
    pub fn palette_key(&mut self, key: &KeyEvent) {
        match self.keymap.palette.action(key) {
            Some(LineAction::Close) => self.palette = None,
            Some(LineAction::Clear) => self.palette_clear(),
            Some(LineAction::Up) => self.palette_move(-1),
            Some(LineAction::Down) => self.palette_move(1),
            Some(LineAction::PageUp) => self.palette_move(-10),
            Some(LineAction::PageDown) => self.palette_move(10),
            Some(LineAction::Accept) => self.palette_accept(),
            None => {
                if let Some(palette) = self.palette.as_mut()
                    && palette.input.input(*key)
                {
                    self.search_typed();
                }
            }
        }
    }

    /// Ctrl-U: the query emptied, as in a shell.
    pub fn palette_clear(&mut self) {
        if let Some(palette) = self.palette.as_mut() {
            palette.input = single_line_input();
            palette.narrowing = None;
            self.search_typed();
        }
    }

    /// Moves the selection among the results.
    pub fn palette_move(&mut self, by: isize) {
        let height = self.palette_height();
        if let Some(palette) = self.palette.as_mut() {
            let len = palette.hits.len();
            let target = palette.scroll.selected.saturating_add_signed(by);
            palette.scroll.select(target, len, height);
        }
    }

    /// Enter: the palette closes and the selected result is shown where it is.
    pub fn palette_accept(&mut self) {
        let Some(palette) = self.palette.take() else {
            return;
        };
        if let Some(hit) = palette.hits.get(palette.scroll.selected) {
            let query = palette.query();
            self.go_to_entry_found(hit.entry, &query);
        }
    }

    /// The palette's query changed: search again (each word among the vocabulary its
    /// beginning matched). Before the index is complete, nothing: the search runs when it is.
    pub(crate) fn search_typed(&mut self) {
        let Some(palette) = self.palette.as_mut() else {
            return;
        };
        let query = palette.query();
        match &self.index {
            Some(index) if index.is_ready() => {
                let (hits, narrowing) =
                    index.search_narrowing(&query, RESULTS, palette.narrowing.as_ref());
                palette.hits = hits;
                palette.narrowing = Some(narrowing);
            }
            _ => {
                palette.hits.clear();
                palette.narrowing = None;
            }
        }
        palette.scroll = Scroll::default();
    }

    /// A result as shown: its kind, convention, fiche and text, the query's matches marked.
    pub fn shown_hit(&self, hit: &Hit) -> Option<ShownHit> {
        let index = self.index.as_ref()?;
        let entry = index.entries.get(hit.entry)?;
        let document = entry.document as usize;
        let doc = self.documents.get(document)?;
        let label = index.label(hit.entry, &doc.convention, &doc.findings)?;
        let query = self
            .palette
            .as_ref()
            .map(Palette::query)
            .unwrap_or_default();
        Some(ShownHit {
            kind: entry.place.kind(&doc.convention),
            document,
            fiche: entry
                .place
                .fiche_id(&doc.convention, &doc.findings)
                .map(str::to_string),
            highlighted: crate::search::highlight(&query, &label),
            label,
        })
    }

    /// The tab Enter shows a result in.
    pub fn hit_leads_to(&self, hit: &Hit) -> Option<Tab> {
        let entry = self.index.as_ref()?.entries.get(hit.entry)?;
        let doc = self.documents.get(entry.document as usize)?;
        Some(destination(doc, entry.place).tab(doc))
    }

    /// Shows a search result where it is, selected.
    pub fn go_to_entry(&mut self, entry: usize) {
        self.go_to_entry_found(entry, "");
    }

    /// Shows a search result where it is: a fiche's text in the Fiches detail, at the first
    /// line holding the words `query` matched there; an indicator in Indicateurs; a summary
    /// table's row in Budgets; a finding in its place; the convention's own texts in the
    /// overview of Axes.
    fn go_to_entry_found(&mut self, entry: usize, query: &str) {
        let Some(entry) = self
            .index
            .as_ref()
            .and_then(|i| i.entries.get(entry))
            .copied()
        else {
            return;
        };
        let document = entry.document as usize;
        let Some(doc) = self.documents.get(document) else {
            return;
        };
        let c = &doc.convention;
        // The words of the text that the query matched, to find them in the fiche's detail.
        let found_words = crate::search::text_at(entry.place, c, &doc.findings)
            .map(|text| matched_words(query, &text))
            .unwrap_or_default();
        let go = destination(doc, entry.place);
        self.show_convention(document);
        match go {
            Go::Finding(finding) => return self.jump_to(document, finding),
            Go::Fiche(fiche, find) => {
                self.filters[Tab::Fiches.index()].clear();
                self.tab = Tab::Fiches;
                self.select_in(Tab::Fiches, fiche);
                // A text of the fiche: its detail goes to the first line holding the words
                // matched (as Ctrl-F would); the fiche itself: its detail from the top.
                if find && !found_words.is_empty() {
                    self.view.fiche_find = found_words;
                    self.view.fiche_find_home = true;
                } else {
                    self.view.fiche_find.clear();
                    self.view.fiche_find_home = false;
                }
            }
            Go::Indicator(row) => {
                self.filters[Tab::Indicators.index()].clear();
                self.tab = Tab::Indicators;
                self.select_in(Tab::Indicators, row.unwrap_or(0));
            }
            Go::TableRow(table, row) => {
                self.filters[Tab::Budgets.index()].clear();
                self.tab = Tab::Budgets;
                self.view.budget_view = table + 1;
                self.select_in(Tab::Budgets, row);
            }
            Go::Axes(row) => {
                self.tab = Tab::Axes;
                if let Some(row) = row {
                    self.view.collapsed.clear();
                    let rows = views::axes_rows(
                        &self.documents[document].convention,
                        &self.view.collapsed,
                    );
                    let at = rows.iter().position(|r| *r == row).unwrap_or(0);
                    self.select_in(Tab::Axes, at);
                } else {
                    self.select_in(Tab::Axes, 0);
                }
                // A section of the document (a synthesis, an article): its text, read whole.
                if let Place::Section { item } = entry.place {
                    self.overlay = Some(super::Overlay::Reader {
                        section: item as usize,
                        scroll: 0,
                    });
                }
            }
        }
        self.return_to = None;
    }

    pub fn open_filter(&mut self) {
        if matches!(self.tab, Tab::Axes) {
            return;
        }
        let mut input = single_line_input();
        input.insert_str(&self.filters[self.tab.index()]);
        self.filter_input = Some(input);
    }

    /// Ctrl-F in the Fiches tab: words to find in the fiche shown, typed where a filter is.
    pub fn open_find_in_fiche(&mut self) {
        let mut input = single_line_input();
        input.insert_str(&self.view.fiche_find);
        self.filter_input = Some(input);
        self.finding_in_fiche = true;
    }

    /// Typing filters the list (or finds in the fiche) at once; the keys bound in filter mode
    /// keep it (Enter), clear it (Esc), or keep it and move in the list (↑ ↓).
    pub fn filter_key(&mut self, key: &KeyEvent) {
        let action = self.keymap.filter.action(key);
        let Some(input) = self.filter_input.as_mut() else {
            return;
        };
        let moves = |action| match action {
            LineAction::Up => Some(Action::Up),
            LineAction::Down => Some(Action::Down),
            LineAction::PageUp => Some(Action::PageUp),
            LineAction::PageDown => Some(Action::PageDown),
            _ => None,
        };
        match action {
            Some(LineAction::Close) => {
                self.filter_input = None;
                if std::mem::take(&mut self.finding_in_fiche) {
                    self.view.fiche_find.clear();
                    self.view.fiche_find_home = false;
                    return;
                }
                self.clear_filter()
            }
            Some(LineAction::Accept) => {
                self.filter_input = None;
                self.finding_in_fiche = false;
            }
            Some(LineAction::Clear) => {
                *input = single_line_input();
                self.filter_text_changed(String::new());
            }
            Some(other) => {
                self.filter_input = None;
                self.finding_in_fiche = false;
                if let Some(movement) = moves(other) {
                    self.update(movement);
                }
            }
            None => {
                if input.input(*key) {
                    let text = input.lines().join(" ");
                    self.filter_text_changed(text);
                }
            }
        }
    }

    /// What is typed in the filter line changed: the list's filter, or the words to find.
    pub(crate) fn filter_text_changed(&mut self, text: String) {
        if self.finding_in_fiche {
            // The detail goes to the first line found.
            self.view.fiche_find = text;
            self.view.fiche_find_home = true;
            self.view.fiche_focus = None;
            self.view.fiche_detail_scroll = 0;
        } else {
            self.filters[self.tab.index()] = text;
            self.filter_changed();
        }
    }

    /// The list's filter changed: its selection starts again at the first row.
    pub(crate) fn filter_changed(&mut self) {
        let (len, height) = self.list_len_and_height();
        let scroll = self.scroll_mut();
        *scroll = Scroll::default();
        scroll.select(0, len, height);
    }

    /// The rows of `tab` that pass its filter, as indices into the tab's full row list.
    ///
    /// Kept in the document's lookups by what they depend on (tab, view, filter, folded
    /// axes), each row's searched text normalised once per change of the document: a frame
    /// asks several times, and a filter letter at 5 000 fiches would otherwise normalise
    /// every row's text at each (issue 17). The Anomalies list, over every document, is not
    /// kept.
    pub fn visible_rows(&self, tab: Tab) -> Vec<usize> {
        let Some(doc) = self.document() else {
            return Vec::new();
        };
        if tab == Tab::Anomalies {
            return self.filtered_rows(tab);
        }
        let key = match tab {
            Tab::Axes => format!("{tab:?}|{:?}", self.view.collapsed),
            Tab::Budgets => format!(
                "{tab:?}|{}|{}",
                self.view.budget_view,
                self.filters[tab.index()]
            ),
            _ => format!("{tab:?}|{}", self.filters[tab.index()]),
        };
        doc.lookup()
            .visible_rows(key, || self.filtered_rows(tab))
            .to_vec()
    }

    /// [`App::visible_rows`], worked out.
    fn filtered_rows(&self, tab: Tab) -> Vec<usize> {
        let Some(doc) = self.document() else {
            return Vec::new();
        };
        let c = &doc.convention;
        let words: Vec<String> = normalise(&self.filters[tab.index()])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let all = |n: usize| (0..n).collect::<Vec<_>>();
        // The rows whose normalised text holds every word.
        let matching = |texts: &[String]| -> Vec<usize> {
            texts
                .iter()
                .enumerate()
                .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
                .map(|(i, _)| i)
                .collect()
        };
        let lookup = doc.lookup();
        match tab {
            Tab::Axes => all(views::axes_rows(c, &self.view.collapsed).len()),
            _ if words.is_empty() => all(self.row_count(tab)),
            Tab::Fiches => matching(&lookup.row_texts(views::RowTexts::Fiches, || {
                views::fiche_refs(c)
                    .iter()
                    .map(|r| {
                        let f = r.get(c);
                        normalise(&format!("{} {} {}", f.id, f.title, f.measure))
                    })
                    .collect()
            })),
            Tab::Budgets if self.view.budget_view == 0 => {
                // Subtotal rows always pass: an empty text would not hold the words.
                let texts = lookup.row_texts(views::RowTexts::Budgets, || {
                    views::budget_rows(c)
                        .iter()
                        .map(|row| match row {
                            BudgetRow::Fiche(r) => {
                                let f = r.get(c);
                                normalise(&format!("{} {}", f.id, f.title))
                            }
                            BudgetRow::Axe(_) | BudgetRow::GrandTotal => String::new(),
                        })
                        .collect()
                });
                views::budget_rows(c)
                    .iter()
                    .enumerate()
                    .filter(|(i, row)| match row {
                        BudgetRow::Fiche(_) => words.iter().all(|w| texts[*i].contains(w.as_str())),
                        BudgetRow::Axe(_) | BudgetRow::GrandTotal => true,
                    })
                    .map(|(i, _)| i)
                    .collect()
            }
            Tab::Budgets => {
                let index = self.view.budget_view - 1;
                let Some(table) = c.tables.get(index) else {
                    return Vec::new();
                };
                let mut rows = matching(&lookup.row_texts(views::RowTexts::Table(index), || {
                    table
                        .rows
                        .iter()
                        .map(|r| {
                            let cells: Vec<String> =
                                r.cells.iter().flatten().map(|v| v.display_fr()).collect();
                            normalise(&cells.join(" "))
                        })
                        .collect()
                }));
                if table.total.is_some() {
                    rows.push(table.rows.len());
                }
                rows
            }
            Tab::Indicators => matching(&lookup.row_texts(views::RowTexts::Indicators, || {
                lookup
                    .indicator_rows(c)
                    .iter()
                    .map(|r| {
                        let fiche = r.fiche.map(|f| f.get(c).id.clone()).unwrap_or_default();
                        normalise(&format!("{fiche} {}", r.get(c).name))
                    })
                    .collect()
            })),
            Tab::Anomalies => self
                .anomaly_rows()
                .iter()
                .enumerate()
                .filter(|(_, (d, f))| {
                    let doc = &self.documents[*d];
                    let text = doc.lookup().filter_text(&doc.convention, &doc.findings, *f);
                    words.iter().all(|w| text.contains(w.as_str()))
                })
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// Rows of a tab before filtering.
    fn row_count(&self, tab: Tab) -> usize {
        let Some(doc) = self.document() else { return 0 };
        let c = &doc.convention;
        match tab {
            Tab::Axes => views::axes_rows(c, &self.view.collapsed).len(),
            Tab::Fiches => c.fiche_count(),
            Tab::Budgets => self.budget_view_len(),
            Tab::Indicators => doc.lookup().indicator_rows(c).len(),
            // The findings listed (this convention's, or all): counted, not sorted.
            Tab::Anomalies => self.anomaly_count(),
        }
    }

    /// The selected row of a tab, as an index into its full row list.
    pub fn selected_row(&self, tab: Tab) -> Option<usize> {
        let scroll = match tab {
            Tab::Axes => &self.view.axes,
            Tab::Fiches => &self.view.fiches,
            Tab::Budgets => &self.view.budgets,
            Tab::Indicators => &self.view.indicators,
            Tab::Anomalies => &self.anomalies,
        };
        self.visible_rows(tab).get(scroll.selected).copied()
    }
}

/// The words of `text` that the words of `query` matched, each once, as the Fiches tab's find
/// looks for them.
fn matched_words(query: &str, text: &str) -> String {
    let highlighted = crate::search::highlight(query, text);
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if highlighted.binary_search(&at).is_ok() {
            let start = (0..=at)
                .rev()
                .take_while(|&i| chars[i].is_alphanumeric())
                .last()
                .unwrap_or(at);
            let end = (at..chars.len())
                .take_while(|&i| chars[i].is_alphanumeric())
                .last()
                .map_or(at + 1, |e| e + 1);
            let word: String = chars[start..end].iter().collect();
            if !words.contains(&word) {
                words.push(word);
            }
            at = end.max(at + 1);
        } else {
            at += 1;
        }
    }
    words.join(" ")
}

/// The fiche or table that the last step of a document's history changed (an edit, an undo
/// or a redo since its history mark), as [`super::document`]'s journal tells it.
fn changed_group(doc: &super::Document) -> Option<Group> {
    use super::edit::Snapshot;
    let mark = doc.history_mark;
    let (undo, redo) = (doc.undo.len(), doc.redo.len());
    let snapshot = if undo == mark.0 + 1 && (redo == 0 || redo + 1 == mark.1) {
        &doc.undo.last()?.after
    } else if undo + 1 == mark.0 && redo == mark.1 + 1 {
        &doc.redo.last()?.before
    } else {
        return None;
    };
    let c = &doc.convention;
    let position = match snapshot {
        Snapshot::Fiche(key, _) => {
            let position = c
                .fiches()
                .enumerate()
                .filter(|(_, f)| f.id == key.id)
                .nth(key.occurrence)?
                .0;
            Group::Fiche(u32::try_from(position).ok()?)
        }
        Snapshot::Table(id, _) => {
            let position = c.tables.iter().position(|t| t.id == *id)?;
            Group::Table(u32::try_from(position).ok()?)
        }
        // A structural step (issue 16) may change any text of the document.
        Snapshot::Convention(_) => return None,
    };
    Some(position)
}

/// Where Enter takes a result.
#[derive(Debug, Clone, Copy)]
enum Go {
    /// A fiche's position; whether to find the matched words in its detail.
    Fiche(usize, bool),
    Indicator(Option<usize>),
    TableRow(usize, usize),
    Finding(usize),
    Axes(Option<views::AxesRow>),
}

impl Go {
    /// The tab it shows.
    fn tab(self, doc: &super::Document) -> Tab {
        match self {
            Go::Fiche(..) => Tab::Fiches,
            Go::Indicator(_) => Tab::Indicators,
            Go::TableRow(..) => Tab::Budgets,
            Go::Finding(finding) => doc
                .findings
                .get(finding)
                .and_then(|f| super::tabs::home_of(&doc.convention, f))
                .map_or(Tab::Anomalies, |place| place.tab()),
            Go::Axes(_) => Tab::Axes,
        }
    }
}

/// Where a result is shown: a fiche's texts in its detail, an indicator in Indicateurs, a
/// summary table's row in Budgets, a finding where it belongs, the convention's own texts
/// (statements, claims, sections, parties) in the overview of Axes.
fn destination(doc: &super::Document, place: Place) -> Go {
    let c = &doc.convention;
    let fiche_ref = |position: u32| views::fiche_refs(c).get(position as usize).copied();
    match place {
        Place::Fiche { fiche } => Go::Fiche(fiche as usize, false),
        Place::FicheIndicator { fiche, item } => {
            let wanted = fiche_ref(fiche);
            let rows = doc.lookup().indicator_rows(c);
            Go::Indicator(
                rows.iter().position(|r| {
                    r.fiche.is_some() && r.fiche == wanted && r.index == item as usize
                }),
            )
        }
        Place::Indicator { item } => {
            let rows = doc.lookup().indicator_rows(c);
            Go::Indicator(
                rows.iter()
                    .position(|r| r.fiche.is_none() && r.index == item as usize),
            )
        }
        Place::TableRow { table, row } => Go::TableRow(table as usize, row as usize),
        Place::Finding { finding } => Go::Finding(finding as usize),
        Place::Statement { item } => Go::Axes(Some(views::AxesRow::Overview(
            views::OverviewItem::Statement(item as usize),
        ))),
        Place::Claim { item } => Go::Axes(Some(views::AxesRow::Overview(
            views::OverviewItem::Claim(item as usize),
        ))),
        Place::Convention {
            field: crate::search::ConventionField::StateSupport,
        } => Go::Axes(Some(views::AxesRow::Overview(
            views::OverviewItem::StateSupport,
        ))),
        Place::Axe { axe } => Go::Axes(Some(views::AxesRow::Axe(axe as usize))),
        Place::Section { item } => Go::Axes(Some(views::AxesRow::Overview(
            views::OverviewItem::Section(item as usize),
        ))),
        Place::Convention { .. } | Place::Party { .. } | Place::Deadline { .. } => Go::Axes(None),
        place => match place.fiche() {
            Some(fiche) => Go::Fiche(fiche as usize, true),
            None => Go::Axes(None),
        },
    }
}
