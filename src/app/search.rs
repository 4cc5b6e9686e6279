//! The search palette and the per-tab filter: state and key handling (no drawing).

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::views::{self, BudgetRow};
use super::{Action, App, Scroll, Tab};
use crate::keys::LineAction;
use crate::search::{Hit, Target, normalise};

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

impl App {
    /// Builds the search index if it is not yet: the terminal loop calls this right after the
    /// first frame, while the user reads it; a search opened before that builds it then.
    pub fn prepare_search(&mut self) {
        if self.index.is_none() {
            self.index = Some(crate::search::Index::build(
                self.documents
                    .iter()
                    .map(|d| (&d.convention, d.findings.as_slice())),
            ));
        }
    }

    pub fn open_palette(&mut self) {
        self.prepare_search();
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
        let height = self.palette_height();
        let action = self.keymap.palette.action(key);
        let Some(palette) = self.palette.as_mut() else {
            return;
        };
        let step = |by: isize| {
            move |palette: &mut Palette| {
                let len = palette.hits.len();
                let target = palette.scroll.selected.saturating_add_signed(by);
                palette.scroll.select(target, len, height);
            }
        };
        match action {
            Some(LineAction::Close) => self.palette = None,
            Some(LineAction::Clear) => {
                palette.input = single_line_input();
                palette.narrowing = None;
                self.search_typed();
            }
            Some(LineAction::Up) => step(-1)(palette),
            Some(LineAction::Down) => step(1)(palette),
            Some(LineAction::PageUp) => step(-10)(palette),
            Some(LineAction::PageDown) => step(10)(palette),
            Some(LineAction::Accept) => {
                let chosen = palette.hits.get(palette.scroll.selected).map(|h| h.entry);
                self.palette = None;
                if let Some(entry) = chosen {
                    self.go_to_entry(entry);
                }
            }
            None => {
                if palette.input.input(*key) {
                    self.search_typed();
                }
            }
        }
    }

    /// The palette's query changed: search again (among the previous matches when it only
    /// grew).
    pub(crate) fn search_typed(&mut self) {
        let Some(palette) = self.palette.as_mut() else {
            return;
        };
        let query = palette.query();
        if let Some(index) = &self.index {
            let (hits, narrowing) =
                index.search_narrowing(&query, RESULTS, palette.narrowing.as_ref());
            palette.hits = hits;
            palette.narrowing = Some(narrowing);
        }
        palette.scroll = Scroll::default();
    }

    /// Shows a search result in its tab, selected.
    pub fn go_to_entry(&mut self, entry: usize) {
        let Some(entry) = self.index.as_ref().and_then(|i| i.entries.get(entry)) else {
            return;
        };
        let (document, target) = (entry.document, entry.target);
        self.show_convention(document);
        match target {
            Target::Finding { finding } => return self.jump_to(document, finding),
            Target::Fiche { fiche } => {
                self.filters[Tab::Fiches.index()].clear();
                self.tab = Tab::Fiches;
                self.select_in(Tab::Fiches, fiche);
            }
            Target::Indicator { row } => {
                self.filters[Tab::Indicators.index()].clear();
                self.tab = Tab::Indicators;
                self.select_in(Tab::Indicators, row);
            }
            Target::TableRow { table, row } => {
                self.filters[Tab::Budgets.index()].clear();
                self.tab = Tab::Budgets;
                self.view.budget_view = table + 1;
                self.select_in(Tab::Budgets, row);
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
    pub fn visible_rows(&self, tab: Tab) -> Vec<usize> {
        let Some(doc) = self.document() else {
            return Vec::new();
        };
        let c = &doc.convention;
        let words: Vec<String> = normalise(&self.filters[tab.index()])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let keep = |text: String| {
            let text = normalise(&text);
            words.iter().all(|w| text.contains(w.as_str()))
        };
        let all = |n: usize| (0..n).collect::<Vec<_>>();
        match tab {
            Tab::Axes => all(views::axes_rows(c, &self.view.collapsed).len()),
            _ if words.is_empty() => all(self.row_count(tab)),
            Tab::Fiches => views::fiche_refs(c)
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    let f = r.get(c);
                    keep(format!("{} {} {}", f.id, f.title, f.measure))
                })
                .map(|(i, _)| i)
                .collect(),
            Tab::Budgets if self.view.budget_view == 0 => views::budget_rows(c)
                .iter()
                .enumerate()
                .filter(|(_, row)| match row {
                    BudgetRow::Fiche(r) => {
                        let f = r.get(c);
                        keep(format!("{} {}", f.id, f.title))
                    }
                    BudgetRow::Axe(_) | BudgetRow::GrandTotal => true,
                })
                .map(|(i, _)| i)
                .collect(),
            Tab::Budgets => {
                let Some(table) = c.tables.get(self.view.budget_view - 1) else {
                    return Vec::new();
                };
                let mut rows: Vec<usize> = table
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        let cells: Vec<String> =
                            r.cells.iter().flatten().map(|v| v.display_fr()).collect();
                        keep(cells.join(" "))
                    })
                    .map(|(i, _)| i)
                    .collect();
                if table.total.is_some() {
                    rows.push(table.rows.len());
                }
                rows
            }
            Tab::Indicators => doc
                .lookup()
                .indicator_rows(c)
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    let fiche = r.fiche.map(|f| f.get(c).id.clone()).unwrap_or_default();
                    keep(format!("{fiche} {}", r.get(c).name))
                })
                .map(|(i, _)| i)
                .collect(),
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
