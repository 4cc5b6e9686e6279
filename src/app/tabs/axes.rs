//! Axes tab: the convention overview (what the document states outside the fiches), then
//! axes → fiches with each axe's subtotals, then the total of every axe.

use crate::app::App;
use crate::app::views::{self, AxesRow, OverviewItem};
use crate::model::{BudgetField, Convention, StatementScope, Value};
use crate::rules::figures::{self, Figure, Sum};
use crate::rules::{Anchor, Finding};

use super::grid::{Grid, GridCell, GridColumn, GridRow, RowStyle, clean};

/// The figure columns: planned total always (the overview's stated figures go there), the
/// others where some fiche fills them. Engaged and executed are never mixed.
pub fn fields(c: &Convention) -> Vec<BudgetField> {
    let filled = super::budgets::fields(c);
    [
        BudgetField::PlannedTotal,
        BudgetField::Engaged,
        BudgetField::Executed,
        BudgetField::Remaining,
    ]
    .into_iter()
    .filter(|f| *f == BudgetField::PlannedTotal || filled.contains(f))
    .collect()
}

/// Before a fiche's id, under its axe.
const FICHE_INDENT: &str = "   ";

/// The natural column widths of the whole table, no axe folded: as [`Grid::widths`] of
/// [`grid_folded`] with none folded, the fiche rows measured without being built (issue 17).
pub fn widths(app: &App) -> Vec<u16> {
    let Some(doc) = app.document() else {
        return Vec::new();
    };
    let c = &doc.convention;
    let unfolded = std::collections::BTreeSet::new();
    let rows = views::axes_rows(c, &unfolded);
    let overview = grid_folded(app, &unfolded, &|i| {
        matches!(rows.get(i), Some(AxesRow::Overview(_)))
    });
    super::budgets::fiche_table_widths(
        app,
        &overview,
        &fields(c),
        FICHE_INDENT,
        &|axe| axe_label(&c.axes[axe], false),
        crate::strings::figures(app.lang)
            .axes_grand_total
            .to_string(),
    )
}

/// An axe's row's label: ▸ folded, ▾ unfolded.
fn axe_label(a: &crate::model::Axe, folded: bool) -> String {
    let arrow = if folded { "▸" } else { "▾" };
    format!("{arrow} {} — {}", clean(&a.id), clean(&a.title))
}

pub fn grid(app: &App) -> Grid {
    grid_rows(app, &|_| true)
}

/// [`grid`], with the rows `shown` refuses left as placeholders.
pub fn grid_rows(app: &App, shown: &dyn Fn(usize) -> bool) -> Grid {
    grid_folded(app, &app.view.collapsed, shown)
}

/// [`grid_rows`] with the axes of `collapsed` folded (none: the whole table, whose column
/// widths every fold of it keeps, see [`crate::app::App::grid_shown`]).
pub fn grid_folded(
    app: &App,
    collapsed: &std::collections::BTreeSet<usize>,
    shown: &dyn Fn(usize) -> bool,
) -> Grid {
    let Some(doc) = app.document() else {
        return Grid::empty();
    };
    let c = &doc.convention;
    let fields = fields(c);
    let marks = super::cell_marks(doc);
    let f = crate::strings::figures(app.lang);
    let sums = |fiches: &mut dyn Iterator<Item = &crate::model::Fiche>| -> Vec<Sum> {
        let budgets: Vec<&crate::model::Budget> =
            fiches.filter_map(|f| f.budget.as_ref()).collect();
        fields
            .iter()
            .map(|field| {
                let figures: Vec<Option<Figure>> = budgets
                    .iter()
                    .map(|b| figures::fiche_figure(b, *field))
                    .collect();
                Sum::of(figures.iter().map(Option::as_ref))
            })
            .collect()
    };
    let rows = views::axes_rows(c, collapsed)
        .iter()
        .enumerate()
        .map(|(i, row)| {
            if !shown(i) {
                GridRow::placeholder()
            } else {
                match *row {
                    AxesRow::Overview(item) => overview_row(app, item, fields.len()),
                    AxesRow::Axe(axe) => {
                        let a = &c.axes[axe];
                        let mut row = super::budgets::sum_row(
                            app,
                            axe_label(a, collapsed.contains(&axe)),
                            &sums(&mut a.fiches.iter()),
                        );
                        row.severity = a
                            .fiches
                            .iter()
                            .filter_map(|fiche| doc.lookup().worst_for_fiche(&fiche.id))
                            .min();
                        row
                    }
                    AxesRow::Fiche(r) => {
                        let fiche = r.get(c);
                        let mut label = String::new();
                        super::budgets::fiche_label(&mut label, c, fiche, FICHE_INDENT);
                        let mut cells = vec![GridCell::label(label)];
                        for field in &fields {
                            let severity = marks.get(&(fiche.id.as_str(), *field)).copied();
                            let figure = fiche
                                .budget
                                .as_ref()
                                .and_then(|b| figures::fiche_figure(b, *field));
                            cells.push(GridCell::figure(
                                figure.as_ref(),
                                severity,
                                app.lang.numbers(),
                            ));
                        }
                        GridRow {
                            severity: doc.lookup().worst_for_fiche(&fiche.id),
                            cells,
                            style: RowStyle::Normal,
                            note: None,
                        }
                    }
                    AxesRow::GrandTotal => super::budgets::sum_row(
                        app,
                        f.axes_grand_total.to_string(),
                        &sums(&mut c.fiches()),
                    ),
                }
            }
        })
        .collect();
    let mut columns = vec![GridColumn {
        header: app.text().axes_columns[0].to_string(),
        figure: false,
    }];
    columns.extend(fields.iter().map(|field| {
        GridColumn {
            header: f.axes_figure_columns[match field {
                BudgetField::PlannedTotal => 0,
                BudgetField::Engaged => 1,
                BudgetField::Executed => 2,
                _ => 3,
            }]
            .to_string(),
            figure: true,
        }
    }));
    Grid {
        columns,
        fixed: 1,
        rows,
        natural_widths: None,
    }
}

/// Findings whose place is this overview line.
pub fn overview_findings<'a>(
    c: &'a Convention,
    findings: &'a [Finding],
    item: OverviewItem,
) -> impl Iterator<Item = &'a Finding> + 'a {
    findings
        .iter()
        .filter(move |f| overview_item_of(c, f) == Some(item))
}

/// The overview line a finding belongs to, if any (as [`super::home_of`] says, without
/// looking fiches up).
pub fn overview_item_of(c: &Convention, finding: &Finding) -> Option<OverviewItem> {
    match &finding.anchor {
        Anchor::Convention => Some(OverviewItem::Convention),
        Anchor::StateSupport => Some(OverviewItem::StateSupport),
        Anchor::Claim { fiche: None, index } => Some(OverviewItem::Claim(*index)),
        Anchor::Statement { index } => match c.statements.get(*index)?.scope {
            StatementScope::Fiche(_) => None,
            _ => Some(OverviewItem::Statement(*index)),
        },
        _ => None,
    }
}

/// Under a stated figure, what the fiches in its scope add up to for its field (computed,
/// `=`), as the rule that compares them adds them up.
fn fiches_row(app: &App, item: OverviewItem, figure_columns: usize) -> GridRow {
    let doc = app.document().expect("a document is shown");
    let c = &doc.convention;
    let f = crate::strings::figures(app.lang);
    let (field, axe) = match item {
        OverviewItem::StateSupportFiches => (
            c.state_support
                .as_ref()
                .and_then(|s| s.field)
                .unwrap_or(BudgetField::PlannedEtat),
            None,
        ),
        OverviewItem::StatementFiches(index) => {
            let s = &c.statements[index];
            let axe = match &s.scope {
                StatementScope::Axe(id) => Some(id.as_str()),
                _ => None,
            };
            (s.field.unwrap_or(BudgetField::PlannedTotal), axe)
        }
        _ => (BudgetField::PlannedTotal, None),
    };
    let figures: Vec<Option<Figure>> = c
        .axes
        .iter()
        .filter(|a| axe.is_none_or(|id| a.id == id))
        .flat_map(|a| a.fiches.iter())
        .map(|fiche| {
            fiche
                .budget
                .as_ref()
                .and_then(|b| figures::fiche_figure(b, field))
        })
        .collect();
    let sum = Sum::of(figures.iter().map(Option::as_ref));
    let mut cell = GridCell::sum(&sum, app.lang.numbers());
    if let Some(amount) = sum.amount {
        // A computed figure: marked as such, the `*` of a partial sum kept.
        cell.text = format!("={}", cell.text);
        cell.figure = Some(amount);
    }
    let mut label = format!(
        "    {} ({})",
        f.overview_fiches,
        crate::strings::field_name(app.lang, field)
    );
    // Nothing to add up: said, rather than an empty cell that reads as a figure left out.
    if sum.amount.is_none() && !sum.is_partial() {
        label = crate::strings::labelled(app.lang, &label, f.overview_no_fiche_states);
    }
    let mut cells = vec![GridCell::label(label)];
    cells.push(cell);
    cells.extend((1..figure_columns).map(|_| GridCell::empty()));
    let excluded: Vec<String> = sum.excluded.iter().map(|t| clean(t)).collect();
    GridRow {
        severity: None,
        cells,
        style: RowStyle::Normal,
        note: (!excluded.is_empty()).then(|| (f.excluded)(&excluded)),
    }
}

/// An overview line: what is stated, its stated figure in the first figure column, marked
/// with the most serious finding about it.
fn overview_row(app: &App, item: OverviewItem, figure_columns: usize) -> GridRow {
    let doc = app.document().expect("a document is shown");
    let c = &doc.convention;
    let f = crate::strings::figures(app.lang);
    let severity = overview_findings(c, &doc.findings, item)
        .map(|f| f.severity)
        .min();
    let field_name = |field| crate::strings::field_name(app.lang, field);
    let (label, stated): (String, Option<&Value>) = match item {
        OverviewItem::Convention => {
            let mut parts = vec![f.overview.to_string(), clean(&c.period)];
            if !c.parties.is_empty() {
                parts.push(clean(&c.parties.join(", ")));
            }
            (parts.join(" — "), None)
        }
        OverviewItem::StateSupport => {
            let s = c.state_support.as_ref();
            (
                format!(
                    "  {} ({}, {})",
                    f.state_support,
                    field_name(s.and_then(|s| s.field).unwrap_or(BudgetField::PlannedEtat)),
                    f.overview_stated
                ),
                s.map(|s| &s.value),
            )
        }
        OverviewItem::Statement(index) => {
            let s = &c.statements[index];
            let scope = match &s.scope {
                StatementScope::Axe(id) => format!("{} {}", f.axe, clean(id)),
                StatementScope::Convention => f.overview.to_string(),
                StatementScope::Fiche(id) => clean(id),
            };
            (
                format!(
                    "  {}",
                    crate::strings::labelled(
                        app.lang,
                        &scope,
                        &format!(
                            "{} ({})",
                            crate::strings::statement_figure_name(app.lang, s),
                            f.overview_stated
                        )
                    )
                ),
                Some(&s.value),
            )
        }
        OverviewItem::Claim(index) => {
            let claim = &c.claims[index];
            (
                format!(
                    "  {}",
                    crate::strings::quoted(app.lang, &clean(&claim.text))
                ),
                Some(&claim.stated),
            )
        }
        OverviewItem::Section(index) => {
            let heading = crate::strings::section_heading(app.lang, &c.sections[index]);
            // ▸: Enter opens its text.
            (format!("▸ {heading}"), None)
        }
        OverviewItem::StateSupportFiches | OverviewItem::StatementFiches(_) => {
            return fiches_row(app, item, figure_columns);
        }
    };
    let mut cells = vec![GridCell::label(label)];
    let mut first = GridCell::value(stated, severity, app.lang.numbers());
    if stated.is_none() {
        first = GridCell::empty();
    }
    cells.push(first);
    cells.extend((1..figure_columns).map(|_| GridCell::empty()));
    GridRow {
        severity,
        cells,
        style: match item {
            OverviewItem::Section(_) => RowStyle::Normal,
            _ => RowStyle::Heading,
        },
        note: None,
    }
}

/// Enter: an axe row folds or unfolds, a fiche row opens the fiche.
pub(crate) fn enter(app: &mut App) {
    let Some(doc) = app.document() else { return };
    match views::axes_rows(&doc.convention, &app.view.collapsed).get(app.view.axes.selected) {
        Some(AxesRow::Axe(axe)) => {
            let axe = *axe;
            if !app.view.collapsed.remove(&axe) {
                app.view.collapsed.insert(axe);
            }
        }
        Some(AxesRow::Fiche(f)) => {
            let f = *f;
            app.open_fiche(f, crate::app::Tab::Axes);
        }
        Some(AxesRow::Overview(OverviewItem::Section(section))) => {
            app.overlay = Some(crate::app::Overlay::Reader {
                section: *section,
                scroll: 0,
            });
        }
        _ => {}
    }
}

/// ← folds the selected axe (the selection moves to its row), → unfolds it.
pub(crate) fn fold(app: &mut App, unfold: bool) {
    let Some(doc) = app.document() else { return };
    let rows = views::axes_rows(&doc.convention, &app.view.collapsed);
    let axe = match rows.get(app.view.axes.selected) {
        Some(AxesRow::Axe(a)) => *a,
        Some(AxesRow::Fiche(f)) => f.axe,
        _ => return,
    };
    if unfold {
        app.view.collapsed.remove(&axe);
        return;
    }
    app.view.collapsed.insert(axe);
    let Some(doc) = app.document() else { return };
    let rows = views::axes_rows(&doc.convention, &app.view.collapsed);
    if let Some(at) = rows.iter().position(|r| *r == AxesRow::Axe(axe)) {
        let (len, height) = app.list_len_and_height();
        app.view.axes.select(at, len, height);
    }
}
