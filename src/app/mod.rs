//! Application state and what actions do to it. No drawing here: [`crate::ui`] reads this.
//!
//! Flow: terminal event → an action of the mode the app is in (through that mode's bindings
//! in the [`Keymap`]: normal mode's [`Action`] goes to [`App::update`]) → state → draw.

pub mod config;
mod document;
pub mod edit;
mod editor;
mod hints;
pub mod layout;
pub mod review;
mod search;
pub mod structure;
pub mod tabs;
pub mod views;

use std::collections::BTreeSet;

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

pub use crate::keys::{Action, Key, Keymap, Tab};
pub use document::{Consent, Dialog, Document};
pub use editor::{Editor, FieldInput};
pub use hints::HelpLine;
pub use search::{Palette, RESULTS as SEARCH_RESULTS, ShownHit};

use crate::model::Convention;
use crate::rules::{self, Severity};
use crate::storage::LoadReport;
use crate::strings::{self, Lang};
use views::{AxesRow, BudgetRow};

/// A selection in a list, with the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub selected: usize,
    pub offset: usize,
}

impl Scroll {
    /// Moves to `index` (clamped to `len`), scrolling so it stays within `height` rows.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    fn apply(&mut self, action: Action, len: usize, height: usize) -> bool {
        let page = height.saturating_sub(1).max(1);
        let target = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => self.selected + 1,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => self.selected + page,
            Action::Home => 0,
            Action::End => len.saturating_sub(1),
            _ => return false,
        };
        self.select(target, len, height);
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnomalySort {
    Severity,
    Convention,
    Fiche,
    /// Largest gap between the figures first.
    Gap,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled down by `scroll` rows when it is taller than the screen.
    Help {
        scroll: u16,
    },
    ConventionPicker {
        selected: usize,
    },
    /// A section of the shown convention's own text (a synthesis, an article), read whole:
    /// no tab shows it.
    Reader {
        section: usize,
        scroll: u16,
    },
}

/// The fiche detail as last drawn, in rows of its area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailExtent {
    /// The row shown at the top before any scrolling (after a jump: above its line).
    pub top: u16,
    /// The furthest the detail can scroll and still fill its area.
    pub max_scroll: u16,
    /// The row where each section heading is.
    pub sections: Vec<u16>,
    /// The row of each line holding the words looked for.
    pub matches: Vec<u16>,
}

/// Per-convention view state, reset when the shown convention changes.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub axes: Scroll,
    pub collapsed: BTreeSet<usize>,
    pub fiches: Scroll,
    pub fiche_detail_scroll: u16,
    /// What the last frame found of the fiche detail's length and sections (written while
    /// drawing, as ratatui's list states are): scrolling stops at its end, and `{` / `}`
    /// jump between its sections.
    pub fiche_detail_extent: std::cell::RefCell<DetailExtent>,
    /// How far the section reader can scroll, as last drawn (its text wraps to the screen).
    pub reader_max_scroll: std::cell::Cell<u16>,
    /// Words looked for in the fiche shown (Ctrl-F): the lines holding them are marked.
    pub fiche_find: String,
    /// The detail starts at the first line found (just after the words were typed).
    pub fiche_find_home: bool,
    /// 0: the fiches' budgets; n: the convention's summary table n − 1.
    pub budget_view: usize,
    pub budgets: Scroll,
    pub indicators: Scroll,
    /// Per tab, the first of the columns that scroll sideways shown.
    pub columns: [usize; 5],
    /// Per tab, what the selection is on, to keep it there when the rows change.
    pub selected_keys: [Option<tabs::RowKey>; 5],
    /// What the fiche detail scrolls to after a jump to a finding.
    pub fiche_focus: Option<tabs::Focus>,
}

pub struct App {
    pub documents: Vec<Document>,
    /// Files that could not be read, as messages (already sanitised).
    pub load_errors: Vec<String>,
    pub current: usize,
    pub tab: Tab,
    pub view: ViewState,
    pub anomalies: Scroll,
    pub anomaly_sort: AnomalySort,
    /// The Anomalies tab lists every convention's findings, not only the current one's.
    pub anomalies_all: bool,
    pub overlay: Option<Overlay>,
    /// Where Esc returns after a jump from the Anomalies tab.
    pub return_to: Option<Tab>,
    /// After a jump to a finding stated in two places: (shown, the other), for Enter.
    pub other_place: Option<(tabs::Place, tabs::Place)>,
    /// A message for the detail line until the next action, with the severity it reports.
    pub status: Option<(Option<Severity>, String)>,
    pub should_quit: bool,
    pub screen: Rect,
    pub keymap: Keymap,
    pub lang: Lang,
    pub rules: rules::Config,
    /// The word index of every document's texts: built after the first frame, in steps
    /// between keys ([`App::index_step`]), since nothing on that frame needs it; then kept up
    /// to date with every change.
    pub index: Option<crate::search::Index>,
    /// Set by the terminal loop, which builds the index in steps: a search opened before it
    /// is complete waits for it rather than building it at once.
    pub index_in_steps: bool,
    pub palette: Option<Palette>,
    /// Each tab's filter (`f`), as typed.
    pub filters: [String; 5],
    /// The filter being typed, when it is.
    pub filter_input: Option<ratatui_textarea::TextArea<'static>>,
    /// The text being typed is what to find in the fiche shown, not a filter of the list.
    pub finding_in_fiche: bool,
    pub editor: Option<Editor>,
    pub dialog: Option<Dialog>,
    /// Questions waiting behind `dialog`.
    pub queued: document::DialogQueue,
    /// Where unsaved edits are kept against a crash; `None` keeps none (tests).
    pub journal: Option<crate::storage::Journal>,
    /// Unsaved edits found at start-up, while the recovery question is open.
    pub recovery: Vec<crate::storage::Pending>,
    /// The review: dispositions, notes, filters, the source to open (issue 15).
    pub review_ui: review::ReviewUi,
    /// The save running on a worker thread, if any (issue 17).
    pub saving: document::Saving,
}

impl App {
    pub fn new(report: LoadReport, keymap: Keymap, lang: Lang, rules: rules::Config) -> App {
        // Every convention checked on every core.
        let conventions: Vec<&Convention> = report.files.iter().map(|f| &f.convention).collect();
        let findings = rules::check_all_kept(&conventions, &rules);
        let documents: Vec<Document> = report
            .files
            .into_iter()
            .zip(findings)
            .map(|(f, (findings, recheck))| Document {
                recheck,
                lookups: Default::default(),
                history_mark: (0, 0),
                path: f.path,
                convention: std::sync::Arc::new(f.convention),
                findings,
                loaded_hash: Some(f.hash),
                loaded_fingerprint: f.fingerprint,
                undo: Vec::new(),
                redo: Vec::new(),
                saved_at: Some(0),
                format_checked: false,
                read_only: false,
                review: Default::default(),
            })
            .collect();
        let load_errors = report
            .errors
            .iter()
            .map(|e| crate::text::sanitize_line(&e.to_string()).into_owned())
            .collect();
        App {
            index: None,
            index_in_steps: false,
            palette: None,
            filters: Default::default(),
            filter_input: None,
            finding_in_fiche: false,
            editor: None,
            dialog: None,
            queued: Default::default(),
            journal: None,
            recovery: Vec::new(),
            review_ui: review::ReviewUi::default(),
            saving: Default::default(),
            documents,
            load_errors,
            current: 0,
            tab: Tab::Axes,
            view: ViewState::default(),
            anomalies: Scroll::default(),
            anomaly_sort: AnomalySort::Severity,
            anomalies_all: false,
            overlay: None,
            return_to: None,
            other_place: None,
            status: None,
            should_quit: false,
            screen: Rect::new(0, 0, 80, 24),
            keymap,
            lang,
            rules,
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.documents.get(self.current)
    }

    pub fn text(&self) -> &'static strings::UiStrings {
        strings::ui(self.lang)
    }

    /// `3 Budgets 2✗1!`. When the bar would not fit the screen, inactive tabs take their
    /// short names, then only their numbers; the active tab keeps its full name.
    pub fn tab_title(&self, tab: Tab) -> String {
        // Every tab's counts, once: each title's width depends on all of them.
        let counts = Tab::ALL.map(|t| self.tab_counts(t));
        let text = self.text();
        let full = |t: Tab| {
            let (e, w) = counts[t.index()];
            format!(
                "{} {}{}",
                t.index() + 1,
                text.tab_names[t.index()],
                counts_label(e, w)
            )
        };
        if tab == self.tab {
            return full(tab);
        }
        let levels: [&dyn Fn(Tab) -> String; 3] = [
            &full,
            &|t| {
                let (e, w) = counts[t.index()];
                format!(
                    "{} {}{}",
                    t.index() + 1,
                    text.tab_short_names[t.index()],
                    counts_label(e, w)
                )
            },
            &|t| {
                let (e, w) = counts[t.index()];
                format!("{}{}", t.index() + 1, counts_label(e, w))
            },
        ];
        for level in &levels[..2] {
            let width: usize = Tab::ALL
                .iter()
                .map(|t| if *t == self.tab { full(*t) } else { level(*t) })
                .map(|title| unicode_width(&title) + 3)
                .sum();
            if width <= self.screen.width as usize {
                return level(tab);
            }
        }
        levels[2](tab)
    }

    /// Which tab title is at column `x` of the tab bar (titles are drawn as ` title │`).
    pub fn tab_at(&self, x: u16) -> Option<Tab> {
        let mut start = layout::areas(self.screen).tabs.x;
        for tab in Tab::ALL {
            let width = unicode_width(&self.tab_title(tab)) as u16 + 3;
            if x >= start && x < start + width {
                return Some(tab);
            }
            start += width;
        }
        None
    }

    /// Rows of the list shown in the current tab, and their visible height.
    pub(crate) fn list_len_and_height(&self) -> (usize, usize) {
        (self.visible_rows(self.tab).len(), self.list_height())
    }

    /// How many rows of the current tab's list the screen shows.
    pub(crate) fn list_height(&self) -> usize {
        let body = layout::areas(self.screen).body;
        let height = match self.tab {
            Tab::Fiches => layout::fiches_list(body).height,
            _ => layout::table_rows(body).height,
        };
        height as usize
    }

    pub fn budget_view_len(&self) -> usize {
        let Some(doc) = self.document() else { return 0 };
        match self.view.budget_view {
            0 => views::budget_rows(&doc.convention).len(),
            n => doc
                .convention
                .tables
                .get(n - 1)
                .map_or(0, |t| t.rows.len() + usize::from(t.total.is_some())),
        }
    }

    pub(crate) fn scroll_mut(&mut self) -> &mut Scroll {
        match self.tab {
            Tab::Axes => &mut self.view.axes,
            Tab::Fiches => &mut self.view.fiches,
            Tab::Budgets => &mut self.view.budgets,
            Tab::Indicators => &mut self.view.indicators,
            Tab::Anomalies => &mut self.anomalies,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        if self.dialog.is_some() {
            return self.dialog_key(key);
        }
        if self.palette.is_some() {
            return self.palette_key(key);
        }
        if self.filter_input.is_some() {
            return self.filter_key(key);
        }
        if self.editor.is_some() {
            return self.editor_key(key);
        }
        if self.review_ui.note.is_some() {
            return self.note_key(key);
        }
        if let Some(Overlay::Help { scroll }) = self.overlay {
            return self.help_key(key, scroll);
        }
        if let Some(Overlay::Reader { section, scroll }) = self.overlay {
            return self.reader_key(key, section, scroll);
        }
        if let Some(action) = self.keymap.action(key) {
            self.update(action);
        }
    }

    pub fn handle_mouse(&mut self, mouse: &MouseEvent) {
        // A question, the editor, the search or a filter being typed keep the screen as it
        // is under them: the mouse waits until they are closed.
        if self.dialog.is_some()
            || self.editor.is_some()
            || self.palette.is_some()
            || self.filter_input.is_some()
        {
            return;
        }
        if let MouseEventKind::Down(_) = mouse.kind {
            // As any key does: the message of the last action goes.
            self.status = None;
        }
        if self.overlay.is_some() {
            if let MouseEventKind::Down(_) = mouse.kind {
                self.overlay = None;
            }
            return;
        }
        let areas = layout::areas(self.screen);
        let at = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                for _ in 0..3 {
                    self.update(Action::Down);
                }
            }
            MouseEventKind::ScrollUp => {
                for _ in 0..3 {
                    self.update(Action::Up);
                }
            }
            MouseEventKind::Down(MouseButton::Left) if areas.tabs.contains(at) => {
                if let Some(tab) = self.tab_at(mouse.column) {
                    self.go_to(tab);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let list = match self.tab {
                    Tab::Fiches => layout::fiches_list(areas.body),
                    _ => layout::table_rows(areas.body),
                };
                if list.contains(at) {
                    let (len, height) = self.list_len_and_height();
                    let scroll = self.scroll_mut();
                    let index = scroll.offset + (mouse.row - list.y) as usize;
                    if index < len {
                        scroll.select(index, len, height);
                        if self.tab == Tab::Fiches {
                            self.view.fiche_detail_scroll = 0;
                            self.view.fiche_focus = None;
                        }
                    }
                }
            }
            _ => {}
        }
        self.remember_selections();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
        // Keep every selection visible in the new geometry.
        let (len, height) = self.list_len_and_height();
        let scroll = self.scroll_mut();
        let selected = scroll.selected;
        scroll.select(selected, len, height);
    }

    /// Shows another tab, its selection on the fiche selected in the tab left, if it has it.
    fn go_to(&mut self, tab: Tab) {
        let key = self.selected_key(self.tab);
        self.tab = tab;
        self.return_to = None;
        if let Some(position) = key.and_then(|key| self.row_of_key(tab, &key)) {
            let (len, height) = self.list_len_and_height();
            let moved = self.scroll_mut().selected != position;
            self.scroll_mut().select(position, len, height);
            if moved && tab == Tab::Fiches {
                self.view.fiche_detail_scroll = 0;
                self.view.fiche_focus = None;
            }
        }
    }

    pub fn update(&mut self, action: Action) {
        self.carry_out(action);
        self.remember_selections();
    }

    fn carry_out(&mut self, action: Action) {
        self.status = None;
        if action != Action::Enter {
            self.other_place = None;
        }
        if let Some(overlay) = self.overlay {
            self.update_overlay(overlay, action);
            return;
        }
        match action {
            Action::Quit => self.request_quit(),
            Action::Edit => self.open_editor(),
            Action::AddAfter
            | Action::AddOuter
            | Action::Remove
            | Action::MoveUp
            | Action::MoveDown
            | Action::Rename
            | Action::AddTable
            | Action::RemoveTable
            | Action::ConfirmFiche => self.structure_action(action),
            Action::Save => self.save_current(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Search => self.open_palette(),
            Action::Filter => self.open_filter(),
            Action::PickConvention => {
                self.overlay = Some(Overlay::ConventionPicker {
                    selected: self.current,
                })
            }
            Action::NextConvention => {
                self.show_convention((self.current + 1) % self.documents.len().max(1))
            }
            Action::PrevConvention => {
                let n = self.documents.len().max(1);
                self.show_convention((self.current + n - 1) % n)
            }
            Action::NextTab => self.go_to(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.go_to(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()])
            }
            Action::GoTo(tab) => self.go_to(tab),
            Action::Back => {
                if let Some(tab) = self.return_to.take() {
                    self.tab = tab;
                } else if self.tab == Tab::Fiches && !self.view.fiche_find.is_empty() {
                    self.view.fiche_find.clear();
                    self.view.fiche_find_home = false;
                } else if !self.filters[self.tab.index()].is_empty() {
                    self.clear_filter();
                }
            }
            Action::CycleSort if self.tab == Tab::Anomalies => {
                self.anomaly_sort = match self.anomaly_sort {
                    AnomalySort::Severity => AnomalySort::Convention,
                    AnomalySort::Convention => AnomalySort::Fiche,
                    AnomalySort::Fiche => AnomalySort::Gap,
                    AnomalySort::Gap => AnomalySort::Severity,
                };
                self.anomalies = Scroll::default();
            }
            Action::DetailUp if self.tab == Tab::Fiches => {
                if self.view.fiche_detail_scroll == 0 {
                    // Above the line a jump landed on: the fiche from its top.
                    self.view.fiche_focus = None;
                    self.view.fiche_find_home = false;
                }
                self.view.fiche_detail_scroll = self.view.fiche_detail_scroll.saturating_sub(5)
            }
            Action::DetailDown if self.tab == Tab::Fiches => self.scroll_detail_by(5),
            Action::NextSection | Action::PrevSection if self.tab == Tab::Fiches => {
                let sections = self.view.fiche_detail_extent.borrow().sections.clone();
                self.jump_detail(&sections, action == Action::NextSection)
            }
            Action::FindInFiche if self.tab == Tab::Fiches => self.open_find_in_fiche(),
            Action::NextMatch | Action::PrevMatch
                if self.tab == Tab::Fiches && !self.view.fiche_find.is_empty() =>
            {
                let matches = self.view.fiche_detail_extent.borrow().matches.clone();
                self.jump_detail(&matches, action == Action::NextMatch)
            }
            Action::Enter => self.enter(),
            Action::Disposition => self.disposition_or_status(),
            Action::Note => self.edit_note(),
            Action::OpenSource => self.open_source(),
            Action::Report => self.write_report(),
            Action::ReviewFilter if self.tab == Tab::Anomalies => self.cycle_review_filter(),
            Action::Left | Action::Right => self.left_right(action),
            _ => {
                let (len, height) = self.list_len_and_height();
                let tab = self.tab;
                let moved = self.scroll_mut().apply(action, len, height);
                if moved && tab == Tab::Fiches {
                    self.view.fiche_detail_scroll = 0;
                    self.view.fiche_focus = None;
                }
            }
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (_, Action::Quit) if matches!(overlay, Overlay::Help { .. }) => self.overlay = None,
            (
                Overlay::Help { scroll },
                Action::Up | Action::Down | Action::PageUp | Action::PageDown,
            ) => {
                let page = self.screen.height.saturating_sub(4).max(1);
                let scroll = match action {
                    Action::Up => scroll.saturating_sub(1),
                    Action::Down => scroll.saturating_add(1),
                    Action::PageUp => scroll.saturating_sub(page),
                    _ => scroll.saturating_add(page),
                };
                self.overlay = Some(Overlay::Help {
                    scroll: scroll.min(self.help_layout().max_scroll),
                });
            }
            (_, Action::Back | Action::Help) => self.overlay = None,
            (Overlay::ConventionPicker { selected }, Action::Up) => {
                self.overlay = Some(Overlay::ConventionPicker {
                    selected: selected.saturating_sub(1),
                })
            }
            (Overlay::ConventionPicker { selected }, Action::Down) => {
                self.overlay = Some(Overlay::ConventionPicker {
                    selected: (selected + 1).min(self.documents.len().saturating_sub(1)),
                })
            }
            (Overlay::ConventionPicker { selected }, Action::Enter) => {
                self.overlay = None;
                self.show_convention(selected);
            }
            (_, Action::Quit) => {
                self.overlay = None;
                self.request_quit();
            }
            _ => {}
        }
    }

    /// Keys while the help is shown: it scrolls, and closes.
    fn help_key(&mut self, key: &KeyEvent, scroll: u16) {
        if self.keymap.help.action(key).is_some() {
            self.status = None;
        }
        let page = self.screen.height.saturating_sub(4).max(1);
        let max = self.help_layout().max_scroll;
        self.overlay = self
            .overlay_scrolled(key, scroll, page, max)
            .map(|scroll| Overlay::Help { scroll });
    }

    /// Keys while a section is read: the help's bindings scroll it and close it.
    fn reader_key(&mut self, key: &KeyEvent, section: usize, scroll: u16) {
        let page = self.screen.height.saturating_sub(6).max(1);
        // How far it scrolls is known once drawn (the text wraps to the screen's width).
        let max = self.view.reader_max_scroll.get();
        self.overlay = self
            .overlay_scrolled(key, scroll, page, max)
            .map(|scroll| Overlay::Reader { section, scroll });
    }

    /// Where the help's bindings take an overlay scrolled by `scroll` (of at most `max`, by
    /// `page` rows a page): `None` when they close it. A key bound to nothing leaves it as is.
    fn overlay_scrolled(&self, key: &KeyEvent, scroll: u16, page: u16, max: u16) -> Option<u16> {
        use crate::keys::HelpAction as H;
        let Some(action) = self.keymap.help.action(key) else {
            return Some(scroll.min(max));
        };
        let scroll = match action {
            H::Close => return None,
            H::Up => scroll.saturating_sub(1),
            H::Down => scroll.saturating_add(1),
            H::PageUp => scroll.saturating_sub(page),
            H::PageDown => scroll.saturating_add(page),
            H::Home => 0,
            H::End => max,
        };
        Some(scroll.min(max))
    }

    /// Scrolls the fiche detail down, no further than its end.
    fn scroll_detail_by(&mut self, rows: u16) {
        let extent = self.view.fiche_detail_extent.borrow();
        let limit = extent.max_scroll.saturating_sub(extent.top);
        let scroll = self
            .view
            .fiche_detail_scroll
            .saturating_add(rows)
            .min(limit);
        drop(extent);
        self.view.fiche_detail_scroll = scroll;
    }

    /// `}` / `{`, `n` / `N`: the fiche detail from the next or previous of `rows` (section
    /// headings, lines found).
    fn jump_detail(&mut self, rows: &[u16], forward: bool) {
        let extent = self.view.fiche_detail_extent.borrow().clone();
        let now = extent
            .top
            .saturating_add(self.view.fiche_detail_scroll)
            .min(extent.max_scroll);
        let target = if forward {
            rows.iter().copied().find(|&row| row > now)
        } else {
            rows.iter().copied().rev().find(|&row| row < now)
        };
        let row = match target {
            Some(row) => row.min(extent.max_scroll),
            None if forward => return,
            None => 0,
        };
        // From the top of the fiche, without the offset of a jump to a finding.
        self.view.fiche_focus = None;
        self.view.fiche_find_home = false;
        self.view.fiche_detail_scroll = row;
    }

    /// How the key help is laid out on this screen: one or two columns, how many rows of
    /// content, how far it scrolls.
    pub fn help_layout(&self) -> layout::HelpLayout {
        let lines = self.help_lines();
        let legend = crate::strings::figures(self.lang).legend;
        let widest = lines.iter().map(HelpLine::width).max().unwrap_or(0);
        let legend_width = legend.iter().map(|l| unicode_width(l)).max().unwrap_or(0);
        layout::help(
            lines.len(),
            layout::help_split(&lines),
            legend.len(),
            (widest, legend_width),
            self.screen,
        )
    }

    /// Esc on a filtered list: the filter goes, the selected row stays selected.
    pub(crate) fn clear_filter(&mut self) {
        let kept = self.selected_row(self.tab);
        self.filters[self.tab.index()].clear();
        let (len, height) = self.list_len_and_height();
        self.scroll_mut().select(kept.unwrap_or(0), len, height);
    }

    pub fn show_convention(&mut self, index: usize) {
        if index < self.documents.len() && index != self.current {
            self.current = index;
            self.view = ViewState::default();
        }
    }

    /// ←/→: whole columns sideways on a table; at its edge, the Budgets tab's next or previous
    /// table and the Axes tab's fold; the Fiches detail sideways; the Anomalies tab's scope.
    fn left_right(&mut self, action: Action) {
        let right = action == Action::Right;
        // Tables first scroll their columns; at the edge, the tab's own ←/→.
        if matches!(self.tab, Tab::Axes | Tab::Budgets | Tab::Indicators)
            && self.scroll_columns(right)
        {
            return;
        }
        match self.tab {
            Tab::Axes => tabs::axes::fold(self, right),
            Tab::Budgets => tabs::budgets::next_view(self, right),
            Tab::Fiches if right => self.scroll_detail_by(1),
            Tab::Fiches => {
                self.view.fiche_detail_scroll = self.view.fiche_detail_scroll.saturating_sub(1)
            }
            Tab::Anomalies => {
                self.anomalies_all = right;
                self.anomalies = Scroll::default();
            }
            Tab::Indicators => {}
        }
    }

    fn enter(&mut self) {
        // Right after a jump to a finding stated in two places: Enter shows the other one.
        if let Some((here, there)) = self.other_place.take()
            && here.tab() == self.tab
        {
            self.show_place(there);
            self.other_place = Some((there, here));
            self.return_to = Some(Tab::Anomalies);
            return;
        }
        match self.tab {
            Tab::Axes => tabs::axes::enter(self),
            Tab::Budgets => tabs::budgets::enter(self),
            Tab::Anomalies => tabs::anomalies::enter(self),
            Tab::Fiches | Tab::Indicators => {}
        }
    }

    /// Shows a fiche in the Fiches tab, Esc coming back to `from`.
    pub(crate) fn open_fiche(&mut self, fiche: views::FicheRef, from: Tab) {
        let Some(doc) = self.document() else { return };
        let Some(position) = views::fiche_refs(&doc.convention)
            .iter()
            .position(|r| *r == fiche)
        else {
            return;
        };
        self.filters[Tab::Fiches.index()].clear();
        self.tab = Tab::Fiches;
        self.return_to = Some(from);
        self.select_in(Tab::Fiches, position);
    }

    pub(crate) fn select_in(&mut self, tab: Tab, index: usize) {
        let saved = self.tab;
        self.tab = tab;
        let (len, height) = self.list_len_and_height();
        self.scroll_mut().select(index, len, height);
        if tab == Tab::Fiches {
            self.view.fiche_detail_scroll = 0;
            self.view.fiche_focus = None;
        }
        self.tab = saved;
    }

    /// Shows a finding's place: its convention, the tab that holds it, the row selected and
    /// the column of its stated figure on screen; the fiche detail scrolled to it.
    pub fn jump_to(&mut self, document: usize, finding: usize) {
        self.show_convention(document);
        let Some(doc) = self.documents.get(document) else {
            return;
        };
        let Some(f) = doc.findings.get(finding) else {
            return;
        };
        let message = crate::text::sanitize_line(&f.message).into_owned();
        let severity = f.severity;
        self.review_ui.shown = Some((document, f.key.clone()));
        let Some(place) = tabs::home_of(&doc.convention, f) else {
            return;
        };
        let other = tabs::other_place_of(&doc.convention, f);
        self.show_place(place);
        self.return_to = Some(Tab::Anomalies);
        self.other_place = other.map(|other| (place, other));
        let message = match other {
            // Before the message, which may be too long for the detail lines.
            Some(_) => format!(
                "{} · {message}",
                crate::strings::key_hint(
                    self.lang,
                    &self.key_name(Action::Enter),
                    crate::strings::figures(self.lang).other_place
                )
            ),
            None => message,
        };
        self.status = Some((Some(severity), message));
    }

    /// Selects a place in its tab, its column on screen.
    pub(crate) fn show_place(&mut self, place: tabs::Place) {
        use tabs::Place;
        let tab = place.tab();
        self.filters[tab.index()].clear();
        self.tab = tab;
        let Some(doc) = self.document() else { return };
        let c = &doc.convention;
        let mut budget_view = None;
        let (row, column) = match place {
            Place::Overview(item) => (
                views::axes_rows(c, &self.view.collapsed)
                    .iter()
                    .position(|r| *r == AxesRow::Overview(item)),
                None,
            ),
            Place::Fiche { position, .. } => (Some(position), None),
            Place::Budget { fiche, field } => {
                budget_view = Some(0);
                let row = views::budget_rows(c)
                    .iter()
                    .position(|r| *r == BudgetRow::Fiche(fiche));
                let column = field.and_then(|field| {
                    tabs::budgets::fields(c)
                        .iter()
                        .position(|f| *f == field)
                        .map(|i| i + 1)
                });
                (row, column)
            }
            Place::Table { table, row, column } => {
                budget_view = Some(table + 1);
                // Grid columns: the label first, then the others in order, each budget column
                // followed by the fiche's own figure.
                let grid_column = c.tables.get(table).and_then(|t| {
                    let label = tabs::budgets::label_column(t);
                    let column = column?;
                    if column == label {
                        return Some(0);
                    }
                    let before = (0..column).filter(|&i| i != label);
                    Some(
                        1 + before
                            .map(|i| {
                                1 + usize::from(matches!(
                                    t.columns[i].role,
                                    Some(crate::model::ColumnRole::Budget(_))
                                ))
                            })
                            .sum::<usize>(),
                    )
                });
                (Some(row), grid_column)
            }
            Place::Indicator(wanted) => (
                views::indicator_rows(c).iter().position(|r| *r == wanted),
                None,
            ),
        };
        if let Some(view) = budget_view {
            self.view.budget_view = view;
        }
        if let Some(row) = row {
            self.select_in(tab, row);
        }
        self.view.columns[tab.index()] = 0;
        if let Some(column) = column {
            self.show_column(tab, column);
        }
        if let Place::Fiche { focus, .. } = place {
            self.view.fiche_focus = focus;
        }
    }
}

/// ` 2✗1!`, leaving out a zero count; empty when both are zero.
fn counts_label(errors: usize, warnings: usize) -> String {
    let mut label = String::new();
    if errors > 0 {
        label.push_str(&format!("{errors}✗"));
    }
    if warnings > 0 {
        label.push_str(&format!("{warnings}!"));
    }
    if label.is_empty() {
        label
    } else {
        format!(" {label}")
    }
}

pub fn unicode_width(text: &str) -> usize {
    ratatui::text::Line::raw(text).width()
}
