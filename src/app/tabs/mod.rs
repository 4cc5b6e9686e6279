//! One module per tab, each answering for its tab: its rows and columns (as a [`grid::Grid`]),
//! where each finding shows, and the counts on its title. `ui::tabs` only draws what these
//! say, so the screen, the counts and the jumps from the Anomalies tab agree.

pub mod anomalies;
pub mod axes;
pub mod budgets;
pub mod grid;
pub mod indicators;

use crate::model::{BudgetField, Convention, StatementScope};
use crate::rules::figures;
use crate::rules::{Anchor, Finding, Severity};

use super::document::Document;
use super::views::{self, AxesRow, BudgetRow, FicheRef, IndicatorRef, OverviewItem};
use super::{App, Tab, layout};

/// The most serious of the findings that match.
pub fn worst<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
    matches: impl Fn(&Finding) -> bool,
) -> Option<Severity> {
    findings
        .into_iter()
        .filter(|f| matches(f))
        .map(|f| f.severity)
        .min()
}

/// The fiche budget figure a finding is about, if it is about one: (fiche id, field).
/// Per frame, [`views::Lookup::cell_of`] gives the same answer without looking fiches up.
pub fn cell_of_fiche<'a>(c: &Convention, finding: &'a Finding) -> Option<(&'a str, BudgetField)> {
    cell_of_fiche_with(c, finding, &|id| c.find_fiche(id))
}

/// [`cell_of_fiche`], fiches found by `find_fiche`.
pub(crate) fn cell_of_fiche_with<'a, 'c>(
    c: &'c Convention,
    finding: &'a Finding,
    find_fiche: &dyn Fn(&str) -> Option<&'c crate::model::Fiche>,
) -> Option<(&'a str, BudgetField)> {
    let fiche = finding.fiche()?;
    let field = match &finding.anchor {
        Anchor::Budget { field, .. } => *field,
        Anchor::Reallocation { .. } => BudgetField::Remaining,
        // Detail lines that do not add up to the fiche's figure: the figure is the fiche's.
        Anchor::BudgetTable {
            table, row: None, ..
        } => {
            let budget = find_fiche(fiche)?.budget.as_ref()?;
            let field = budget.tables.get(*table)?.sums_to?;
            let own = figures::fiche_figure(budget, field)?.amount()?;
            let stated: rust_decimal::Decimal = finding.stated.as_deref()?.parse().ok()?;
            (own == stated).then_some(field)?
        }
        Anchor::Statement { index } => c.statements.get(*index)?.field?,
        // A summary table's row that disagrees with the fiche: the fiche's own figure.
        Anchor::Table {
            table,
            row: Some(row),
            column: Some(column),
            ..
        } if finding.rule == crate::rules::Rule::SameFigure => {
            let table = c.tables.get(*table)?;
            let crate::model::ColumnRole::Budget(field) = table.columns.get(*column)?.role? else {
                return None;
            };
            let budget = find_fiche(table.rows.get(*row)?.fiche.as_deref()?)?
                .budget
                .as_ref()?;
            crate::rules::counterpart_value(budget, field)?.0
        }
        _ => return None,
    };
    Some((fiche, field))
}

/// The most serious finding about each fiche budget figure, by (fiche id, field): worked out
/// once per frame, not once per cell, from the document's lookups.
pub fn cell_marks(doc: &Document) -> foldhash::HashMap<(&str, BudgetField), Severity> {
    // foldhash: looked up for every figure of every fiche when a table is measured.
    let mut marks = foldhash::HashMap::default();
    for (index, finding) in doc.findings.iter().enumerate() {
        if let Some(field) = doc.lookup().cell_of(index)
            && let Some(fiche) = finding.fiche()
        {
            marks
                .entry((fiche, field))
                .and_modify(|s: &mut Severity| *s = (*s).min(finding.severity))
                .or_insert(finding.severity);
        }
    }
    marks
}

/// The most serious finding about budget figure `field` of fiche `fiche` (as
/// [`cell_of_fiche`] places findings), from the document's lookups.
pub fn budget_figure_severity(doc: &Document, fiche: &str, field: BudgetField) -> Option<Severity> {
    doc.findings
        .iter()
        .enumerate()
        .filter(|(i, f)| doc.lookup().cell_of(*i) == Some(field) && f.fiche() == Some(fiche))
        .map(|(_, f)| f.severity)
        .min()
}

/// Where a finding's figures are shown, with the stated one marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line of the convention overview, at the top of the Axes tab.
    Overview(OverviewItem),
    /// A fiche in the Fiches tab, its detail scrolled to what the finding is about.
    Fiche {
        position: usize,
        focus: Option<Focus>,
    },
    /// A fiche's budget figure, in the Budgets tab.
    Budget {
        fiche: FicheRef,
        field: Option<BudgetField>,
    },
    /// A cell of a document summary table: row index (`rows.len()` for its TOTAL).
    Table {
        table: usize,
        row: usize,
        column: Option<usize>,
    },
    Indicator(IndicatorRef),
}

/// What the detail of a fiche scrolls to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Claim(usize),
    /// One of the fiche's budget tables.
    Table(usize),
    Reallocation(usize),
    /// A figure the document states about the fiche elsewhere (index into `statements`).
    Statement(usize),
}

impl Place {
    pub fn tab(self) -> Tab {
        match self {
            Place::Overview(_) => Tab::Axes,
            Place::Fiche { .. } => Tab::Fiches,
            Place::Budget { .. } | Place::Table { .. } => Tab::Budgets,
            Place::Indicator(_) => Tab::Indicators,
        }
    }
}

/// The one place a finding belongs to (where it is counted and where Enter goes).
pub fn home_of(c: &Convention, finding: &Finding) -> Option<Place> {
    let fiche_ref = |id: &str| {
        let position = views::fiche_position(c, id)?;
        Some((position, views::fiche_refs(c)[position]))
    };
    if let Some((_, field)) = cell_of_fiche(c, finding)
        && !matches!(
            finding.anchor,
            Anchor::Table { .. } | Anchor::Statement { .. } | Anchor::Reallocation { .. }
        )
    {
        let (_, fiche) = fiche_ref(finding.fiche()?)?;
        return Some(Place::Budget {
            fiche,
            field: Some(field),
        });
    }
    Some(match &finding.anchor {
        Anchor::Convention => Place::Overview(OverviewItem::Convention),
        Anchor::StateSupport => Place::Overview(OverviewItem::StateSupport),
        Anchor::Claim { fiche: None, index } => Place::Overview(OverviewItem::Claim(*index)),
        Anchor::Statement { index } => match &c.statements.get(*index)?.scope {
            StatementScope::Fiche(id) => Place::Fiche {
                position: fiche_ref(id)?.0,
                focus: Some(Focus::Statement(*index)),
            },
            _ => Place::Overview(OverviewItem::Statement(*index)),
        },
        Anchor::Fiche { position, .. } => Place::Fiche {
            position: *position,
            focus: None,
        },
        Anchor::Claim {
            fiche: Some(id),
            index,
        } => Place::Fiche {
            position: fiche_ref(id)?.0,
            focus: Some(Focus::Claim(*index)),
        },
        Anchor::BudgetTable { fiche, table, .. } => Place::Fiche {
            position: fiche_ref(fiche)?.0,
            focus: Some(Focus::Table(*table)),
        },
        Anchor::Budget { fiche, field } => Place::Budget {
            fiche: fiche_ref(fiche)?.1,
            field: Some(*field),
        },
        Anchor::Reallocation { fiche, index } => Place::Fiche {
            position: fiche_ref(fiche)?.0,
            focus: Some(Focus::Reallocation(*index)),
        },
        Anchor::Indicator { fiche, index } => Place::Indicator(IndicatorRef {
            fiche: match fiche {
                Some(id) => Some(fiche_ref(id)?.1),
                None => None,
            },
            index: *index,
        }),
        Anchor::Table {
            table, row, column, ..
        } => Place::Table {
            table: *table,
            row: row.unwrap_or_else(|| c.tables.get(*table).map_or(0, |t| t.rows.len())),
            column: *column,
        },
    })
}

/// The tab of [`home_of`]'s place, without finding the row. The tab titles ask at every
/// frame, for every finding: they read it from [`views::Lookup::home_tab`].
pub fn home_tab(c: &Convention, finding: &Finding) -> Option<Tab> {
    home_tab_with(c, finding, &|id| c.find_fiche(id))
}

/// [`home_tab`], fiches found by `find_fiche`.
pub(crate) fn home_tab_with<'c>(
    c: &'c Convention,
    finding: &Finding,
    find_fiche: &dyn Fn(&str) -> Option<&'c crate::model::Fiche>,
) -> Option<Tab> {
    Some(match &finding.anchor {
        Anchor::Convention | Anchor::StateSupport | Anchor::Claim { fiche: None, .. } => Tab::Axes,
        Anchor::Statement { index } => match &c.statements.get(*index)?.scope {
            StatementScope::Fiche(_) => Tab::Fiches,
            _ => Tab::Axes,
        },
        Anchor::Fiche { .. } | Anchor::Claim { .. } | Anchor::Reallocation { .. } => Tab::Fiches,
        Anchor::BudgetTable { .. } if cell_of_fiche_with(c, finding, find_fiche).is_none() => {
            Tab::Fiches
        }
        Anchor::Budget { .. } | Anchor::BudgetTable { .. } | Anchor::Table { .. } => Tab::Budgets,
        Anchor::Indicator { .. } => Tab::Indicators,
    })
}

/// The second place of a finding that compares two places (a summary table's row and the
/// fiche): the fiche's figure.
pub fn other_place_of(c: &Convention, finding: &Finding) -> Option<Place> {
    if !matches!(
        finding.anchor,
        Anchor::Table { .. } | Anchor::Statement { .. }
    ) {
        return None;
    }
    let (id, field) = cell_of_fiche(c, finding)?;
    let position = views::fiche_position(c, id)?;
    Some(Place::Budget {
        fiche: views::fiche_refs(c)[position],
        field: Some(field),
    })
}

impl App {
    /// Errors and warnings on a tab's title: the findings that tab shows for the convention
    /// shown (each finding counted in the one tab it belongs to); the Anomalies tab counts
    /// its own list.
    pub fn tab_counts(&self, tab: Tab) -> (usize, usize) {
        let count = |findings: &mut dyn Iterator<Item = &Finding>| {
            findings.fold((0, 0), |(e, w), f| match f.severity {
                Severity::Error => (e + 1, w),
                Severity::Warning => (e, w + 1),
            })
        };
        if tab == Tab::Anomalies {
            // Counted, not sorted: the titles are drawn at every frame.
            return count(
                &mut self
                    .documents
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| self.anomalies_all || *d == self.current)
                    .flat_map(|(_, doc)| doc.findings.iter()),
            );
        }
        let Some(doc) = self.document() else {
            return (0, 0);
        };
        count(
            &mut doc
                .findings
                .iter()
                .enumerate()
                .filter(|(i, _)| doc.lookup().home_tab(*i) == Some(tab))
                .map(|(_, f)| f),
        )
    }

    /// The table the current tab shows, whole (the Fiches and Anomalies tabs have none).
    pub fn grid(&self, tab: Tab) -> grid::Grid {
        match tab {
            Tab::Axes => axes::grid(self),
            Tab::Budgets if self.view.budget_view == 0 => budgets::fiche_grid(self),
            Tab::Budgets => budgets::table_grid(self, self.view.budget_view - 1),
            Tab::Indicators => indicators::grid(self),
            Tab::Fiches | Tab::Anomalies => grid::Grid::empty(),
        }
    }

    /// The table the current tab shows, as drawn: the rows on screen worked out, the others
    /// placeholders, the columns as wide as [`App::table_widths`] says. A key that moves
    /// costs the rows on screen, not the rows of the document.
    pub fn grid_shown(&self, tab: Tab) -> grid::Grid {
        let scroll = match tab {
            Tab::Axes => self.view.axes,
            Tab::Budgets => self.view.budgets,
            Tab::Indicators => self.view.indicators,
            Tab::Fiches | Tab::Anomalies => return self.grid(tab),
        };
        if self.document().is_none() {
            return grid::Grid::empty();
        }
        // The rows the table can show from its offset, or around the selection should the
        // table scroll to it.
        let height = layout::areas(self.screen).body.height as usize;
        let from = scroll.offset.min(scroll.selected.saturating_sub(height));
        let to = scroll.offset.max(scroll.selected) + height;
        let on_screen = |i: usize| (from..=to).contains(&i);
        let widths = self.table_widths(tab);
        let mut shown = match tab {
            Tab::Axes => axes::grid_rows(self, &on_screen),
            Tab::Budgets if self.view.budget_view == 0 => {
                budgets::fiche_grid_rows(self, &on_screen)
            }
            Tab::Budgets => budgets::table_grid_rows(self, self.view.budget_view - 1, &on_screen),
            _ => indicators::grid_rows(self, &on_screen),
        };
        shown.natural_widths = Some(widths);
        shown
    }

    /// The column widths of `tab`'s table as shown: never narrower than its widest cell, the
    /// same at every scroll position (issue 17).
    ///
    /// They are those of the whole table, unfolded and unfiltered, kept in the document's
    /// lookups (worked out again after each edit, so that a column an edit narrowed
    /// narrows): folding an axe or filtering only leaves out rows whose cells are the whole
    /// table's, so the whole table's widths hold them all, and the columns do not change as
    /// a filter is typed. The rows whose figures a filter changes are measured under it and
    /// widen their column if need be: the Budgets subtotals, which add up the fiches shown,
    /// and a summary table's TOTAL row, labelled as the document's under a filter.
    pub fn table_widths(&self, tab: Tab) -> Vec<u16> {
        let Some(doc) = self.document() else {
            return Vec::new();
        };
        let lookup = doc.lookup();
        let whole_key = format!("{tab:?}|{}|{:?}", self.view.budget_view, self.lang);
        let whole = lookup.widths(&whole_key).unwrap_or_else(|| {
            let widths = self.whole_table_widths(tab);
            lookup.keep_widths(whole_key.clone(), widths.clone());
            widths
        });
        let filter = &self.filters[tab.index()];
        if tab != Tab::Budgets || filter.is_empty() {
            return whole;
        }
        let filtered_key = format!("{whole_key}|{filter}");
        if let Some(widths) = lookup.widths(&filtered_key) {
            return widths;
        }
        let visible = self.visible_rows(tab);
        let measured = match self.view.budget_view {
            0 => {
                let all = views::budget_rows(&doc.convention);
                let is_total = |i: usize| {
                    visible
                        .get(i)
                        .and_then(|&row| all.get(row))
                        .is_some_and(|row| !matches!(row, BudgetRow::Fiche(_)))
                };
                budgets::fiche_grid_of(self, &visible, &is_total)
            }
            n => {
                let last = visible.len().saturating_sub(1);
                let has_total = doc
                    .convention
                    .tables
                    .get(n - 1)
                    .is_some_and(|t| t.total.is_some());
                let is_total = |i: usize| has_total && i == last;
                budgets::table_grid_of(self, n - 1, &visible, true, &is_total)
            }
        };
        let widths: Vec<u16> = whole
            .iter()
            .zip(measured.widths())
            .map(|(whole, measured)| (*whole).max(measured))
            .collect();
        lookup.keep_widths(filtered_key, widths.clone());
        widths
    }

    /// The natural column widths of `tab`'s whole table: every row, no axe folded, no
    /// filter. Measured a cell at a time, without building the rows: after an edit, the
    /// first frame of each tab pays for it (issue 17).
    fn whole_table_widths(&self, tab: Tab) -> Vec<u16> {
        match tab {
            Tab::Axes => axes::widths(self),
            Tab::Budgets if self.view.budget_view == 0 => budgets::fiche_widths(self),
            Tab::Budgets => budgets::table_widths(self, self.view.budget_view - 1),
            Tab::Indicators => indicators::widths(self),
            Tab::Fiches | Tab::Anomalies => self.grid(tab).widths(),
        }
    }

    /// The columns of `grid` on screen for `tab`, beside the row marker.
    pub fn grid_window(&self, tab: Tab, grid: &grid::Grid) -> grid::Window {
        let body = layout::areas(self.screen).body;
        // Border on each side, the row marker and its spacing.
        let room = layout::inner(body)
            .width
            .saturating_sub(1 + grid::COLUMN_SPACING);
        grid.window(room, self.view.columns[tab.index()])
    }

    /// ←/→ on a table: whole columns sideways. `false` when already at that edge.
    pub(crate) fn scroll_columns(&mut self, right: bool) -> bool {
        let tab = self.tab;
        let grid = self.grid_shown(tab);
        let window = self.grid_window(tab, &grid);
        let first = &mut self.view.columns[tab.index()];
        *first = window.first;
        if right && window.hidden_right > 0 {
            *first += 1;
            true
        } else if !right && window.hidden_left > 0 {
            *first -= 1;
            true
        } else {
            false
        }
    }

    /// Scrolls the current tab's columns so that grid column `column` is on screen.
    pub(crate) fn show_column(&mut self, tab: Tab, column: usize) {
        let grid = self.grid_shown(tab);
        let fixed = grid.fixed;
        self.view.columns[tab.index()] = 0;
        let window = self.grid_window(tab, &grid);
        if column >= fixed && !window.columns.iter().any(|(c, _)| *c == column) {
            self.view.columns[tab.index()] = column - fixed;
        }
    }

    /// After the documents changed (edit, undo, reload): each tab's selection stays on the
    /// fiche (or indicator) it was on, found by id, when it still exists; otherwise it stays
    /// within its list.
    pub fn retarget_selections(&mut self) {
        let saved = self.tab;
        let remembered = self.view.selected_keys.clone();
        let mut keys: [Option<RowKey>; 5] = Default::default();
        for tab in Tab::ALL {
            self.tab = tab;
            // The rows that pass the tab's filter, worked out once for the three questions
            // (how many, where the key is now, what is selected then): after an edit of a
            // large convention each costs a pass over every fiche (issue 17).
            let visible = self.visible_rows(tab);
            let height = self.list_height();
            let position = remembered[tab.index()]
                .as_ref()
                .and_then(|key| self.row_of_key_among(tab, key, &visible));
            let scroll = self.scroll_mut();
            let selected = position.unwrap_or(scroll.selected);
            scroll.select(selected, visible.len(), height);
            keys[tab.index()] = self.selected_key_among(tab, &visible);
        }
        self.tab = saved;
        self.view.selected_keys = keys;
    }

    /// Notes what each tab's selection is on, for [`App::retarget_selections`].
    pub(crate) fn remember_selections(&mut self) {
        let keys = Tab::ALL.map(|tab| self.selected_key(tab));
        self.view.selected_keys = keys;
    }

    /// What a tab's selected row is about, independently of its position.
    pub(crate) fn selected_key(&self, tab: Tab) -> Option<RowKey> {
        self.selected_key_among(tab, &self.visible_rows(tab))
    }

    /// [`App::selected_key`], `visible` being [`App::visible_rows`] of `tab`.
    fn selected_key_among(&self, tab: Tab, visible: &[usize]) -> Option<RowKey> {
        let doc = self.document()?;
        let c = &doc.convention;
        let id = |f: FicheRef| RowKey::Fiche(f.get(c).id.clone());
        let scroll = match tab {
            Tab::Axes => &self.view.axes,
            Tab::Fiches => &self.view.fiches,
            Tab::Budgets => &self.view.budgets,
            Tab::Indicators => &self.view.indicators,
            Tab::Anomalies => &self.anomalies,
        };
        let selected_row = || visible.get(scroll.selected).copied();
        match tab {
            Tab::Axes => {
                match views::axes_rows(c, &self.view.collapsed).get(self.view.axes.selected)? {
                    AxesRow::Fiche(f) => Some(id(*f)),
                    _ => None,
                }
            }
            Tab::Fiches => Some(id(*views::fiche_refs(c).get(selected_row()?)?)),
            Tab::Budgets if self.view.budget_view == 0 => {
                match views::budget_rows(c).get(selected_row()?)? {
                    BudgetRow::Fiche(f) => Some(id(*f)),
                    _ => None,
                }
            }
            Tab::Indicators => {
                let r = *doc.lookup().indicator_rows(c).get(selected_row()?)?;
                Some(RowKey::Indicator(
                    r.fiche.map(|f| f.get(c).id.clone()),
                    r.index,
                ))
            }
            Tab::Budgets | Tab::Anomalies => None,
        }
    }

    /// The visible row of `tab` that `key` is about (an indicator key falls back to its
    /// fiche's first indicator; a fiche key finds the fiche's first indicator).
    pub(crate) fn row_of_key(&self, tab: Tab, key: &RowKey) -> Option<usize> {
        self.row_of_key_among(tab, key, &self.visible_rows(tab))
    }

    /// [`App::row_of_key`], `visible` being [`App::visible_rows`] of `tab`.
    fn row_of_key_among(&self, tab: Tab, key: &RowKey, visible: &[usize]) -> Option<usize> {
        let doc = self.document()?;
        let c = &doc.convention;
        let fiche_id = match key {
            RowKey::Fiche(id) => Some(id),
            RowKey::Indicator(id, _) => id.as_ref(),
        };
        let is_fiche = |f: &FicheRef| fiche_id.is_some_and(|id| f.get(c).id == *id);
        let find = |full: Option<usize>| visible.iter().position(|&i| Some(i) == full);
        match tab {
            Tab::Axes => views::axes_rows(c, &self.view.collapsed)
                .iter()
                .position(|r| matches!(r, AxesRow::Fiche(f) if is_fiche(f))),
            Tab::Fiches => find(views::fiche_refs(c).iter().position(is_fiche)),
            Tab::Budgets if self.view.budget_view == 0 => find(
                views::budget_rows(c)
                    .iter()
                    .position(|r| matches!(r, BudgetRow::Fiche(f) if is_fiche(f))),
            ),
            Tab::Indicators => {
                let rows = doc.lookup().indicator_rows(c);
                let exact = match key {
                    RowKey::Indicator(_, index) => rows
                        .iter()
                        .position(|r| r.fiche.as_ref().is_some_and(is_fiche) && r.index == *index),
                    RowKey::Fiche(_) => None,
                };
                find(exact.or_else(|| {
                    rows.iter()
                        .position(|r| r.fiche.as_ref().is_some_and(is_fiche))
                }))
            }
            Tab::Budgets | Tab::Anomalies => None,
        }
    }
}

/// What a selected row is about, to find it again after the rows changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKey {
    Fiche(String),
    /// An indicator: its fiche (none for the convention's own) and its index there.
    Indicator(Option<String>, usize),
}
