//! Budgets tab: the fiches' budgets with axe subtotals and the total of the fiches (view 0),
//! then each of the document's own summary tables, every column reachable.

use crate::app::views::{self, BudgetRow};
use crate::app::{App, Tab};
use crate::model::{BudgetField, ColumnRole, Convention, Value};
use crate::rules::figures::{self, Figure, Sum};
use crate::rules::{Anchor, Finding, Severity, counterpart_value};

use super::cell_of_fiche;
use super::grid::{
    Grid, GridCell, GridColumn, GridRow, LabelWidth, RowStyle, Widths, clean, elide, figure_width,
    push_clean, value_cell_width, value_text_width,
};
use std::collections::HashMap;

/// The budget fields shown as columns: those some fiche fills (no "engagé" in a plan).
pub fn fields(c: &Convention) -> Vec<BudgetField> {
    figures::COLUMNS
        .into_iter()
        .filter(|field| {
            c.fiches()
                .filter_map(|f| f.budget.as_ref())
                .any(|b| figures::fiche_figure(b, *field).is_some())
        })
        .collect()
}

pub fn field_header(app: &App, field: BudgetField) -> &'static str {
    let text = app.text();
    match field {
        BudgetField::PlannedEtat => text.budget_columns[1],
        BudgetField::PlannedDepartement => text.budget_columns[2],
        BudgetField::PlannedOther => crate::strings::figures(app.lang).other_funders,
        BudgetField::PlannedTotal => text.budget_columns[3],
        BudgetField::Engaged => text.budget_columns[4],
        BudgetField::Executed => text.budget_columns[5],
        BudgetField::Remaining => text.budget_columns[6],
    }
}

/// The fiches' budgets: one row per visible row of the tab, subtotals over the fiches shown.
pub fn fiche_grid(app: &App) -> Grid {
    fiche_grid_rows(app, &|_| true)
}

/// [`fiche_grid`], with the rows `on_screen` refuses left as placeholders.
pub fn fiche_grid_rows(app: &App, on_screen: &dyn Fn(usize) -> bool) -> Grid {
    fiche_grid_of(app, &app.visible_rows(Tab::Budgets), on_screen)
}

/// [`fiche_grid_rows`] for the rows `visible` (indices into [`views::budget_rows`]), as
/// the tab's filter would leave them: all of them for the whole table.
pub fn fiche_grid_of(app: &App, visible: &[usize], on_screen: &dyn Fn(usize) -> bool) -> Grid {
    let Some(doc) = app.document() else {
        return Grid::empty();
    };
    let c = &doc.convention;
    let all = views::budget_rows(c);
    let shown: Vec<BudgetRow> = visible
        .iter()
        .filter_map(|&i| all.get(i).copied())
        .collect();
    let fields = fields(c);
    let marks = super::cell_marks(doc);
    let figure = |f: views::FicheRef, field| {
        f.get(c)
            .budget
            .as_ref()
            .and_then(|b| figures::fiche_figure(b, field))
    };
    // The fiches a subtotal stands for are those shown under it.
    let shown_fiches = |axe: Option<usize>| -> Vec<views::FicheRef> {
        shown
            .iter()
            .filter_map(|r| match r {
                BudgetRow::Fiche(f) if axe.is_none_or(|a| a == f.axe) => Some(*f),
                _ => None,
            })
            .collect()
    };
    let total_row = |label: String, fiches: Vec<views::FicheRef>| {
        let sums: Vec<Sum> = fields
            .iter()
            .map(|field| {
                let figures: Vec<Option<Figure>> =
                    fiches.iter().map(|f| figure(*f, *field)).collect();
                Sum::of(figures.iter().map(Option::as_ref))
            })
            .collect();
        sum_row(app, label, &sums)
    };
    let mut rows = Vec::new();
    for (i, row) in shown.iter().enumerate() {
        if !on_screen(i) {
            rows.push(GridRow::placeholder());
            continue;
        }
        rows.push(match *row {
            BudgetRow::Axe(axe) => total_row(axe_label(&c.axes[axe]), shown_fiches(Some(axe))),
            BudgetRow::GrandTotal => {
                total_row(app.text().grand_total.to_string(), shown_fiches(None))
            }
            BudgetRow::Fiche(f) => {
                let fiche = f.get(c);
                let mut label = String::new();
                fiche_label(&mut label, c, fiche, FICHE_INDENT);
                let mut cells = vec![GridCell::label(label)];
                for field in &fields {
                    let severity = marks.get(&(fiche.id.as_str(), *field)).copied();
                    cells.push(GridCell::figure(
                        figure(f, *field).as_ref(),
                        severity,
                        app.lang.numbers(),
                    ));
                }
                GridRow {
                    severity: cells.iter().filter_map(|c| c.severity).min(),
                    cells,
                    style: RowStyle::Normal,
                    note: None,
                }
            }
        });
    }
    let mut columns = vec![GridColumn {
        header: app.text().budget_columns[0].to_string(),
        figure: false,
    }];
    columns.extend(fields.iter().map(|f| GridColumn {
        header: field_header(app, *f).to_string(),
        figure: true,
    }));
    Grid {
        columns,
        fixed: 1,
        rows,
        natural_widths: None,
    }
}

/// A fiche's label in a table of figures, appended to `out`: `indent`, the draft mark, its
/// id and title.
pub fn fiche_label(out: &mut String, c: &Convention, fiche: &crate::model::Fiche, indent: &str) {
    out.push_str(indent);
    out.push_str(crate::app::structure::draft_mark(c, &fiche.id));
    push_clean(out, &fiche.id);
    out.push(' ');
    push_clean(out, &fiche.title);
}

/// The natural column widths of a table with a row per fiche and a column per budget field
/// of `fields` after its label, a subtotal per axe (labelled by `axe_label`) and a total
/// (`total_label`): the fiche rows measured a cell at a time without being built, each
/// figure worked out once for its cell and the sums; the subtotals and `others` (the other
/// rows, few) built and measured (issue 17). As [`Grid::widths`] of the whole grid, the
/// label column as far as [`LabelWidth`] measures it.
pub(crate) fn fiche_table_widths(
    app: &App,
    others: &Grid,
    fields: &[BudgetField],
    indent: &str,
    axe_label: &dyn Fn(usize) -> String,
    total_label: String,
) -> Vec<u16> {
    let Some(doc) = app.document() else {
        return Vec::new();
    };
    let c = &doc.convention;
    let marks = super::cell_marks(doc);
    let mut widths = Widths::default();
    for row in &others.rows {
        widths.fit_row(row);
    }
    let sums_from = |figures: &[Vec<Option<Figure>>], first: usize| -> Vec<Sum> {
        figures
            .iter()
            .map(|column| Sum::of(column[first..].iter().map(Option::as_ref)))
            .collect()
    };
    // Per field, every fiche's figure in order: each axe's subtotal adds up its own.
    let mut figures: Vec<Vec<Option<Figure>>> =
        vec![Vec::with_capacity(c.fiche_count()); fields.len()];
    let mut label = LabelWidth::default();
    let mut counted = 0;
    for (axe, a) in c.axes.iter().enumerate() {
        let first = counted;
        for fiche in &a.fiches {
            label.clear();
            label.push_raw(indent);
            label.push_raw(crate::app::structure::draft_mark(c, &fiche.id));
            label.push_clean(&fiche.id);
            label.push_raw(" ");
            label.push_clean(&fiche.title);
            widths.fit(0, label.width());
            for (column, field) in fields.iter().enumerate() {
                let severity = marks.get(&(fiche.id.as_str(), *field)).copied();
                let figure = fiche
                    .budget
                    .as_ref()
                    .and_then(|b| figures::fiche_figure(b, *field));
                widths.fit(column + 1, figure_width(figure.as_ref(), severity));
                figures[column].push(figure);
            }
            counted += 1;
        }
        widths.fit_row(&sum_row(app, axe_label(axe), &sums_from(&figures, first)));
    }
    widths.fit_row(&sum_row(app, total_label, &sums_from(&figures, 0)));
    widths.of_columns(&others.columns)
}

/// The natural column widths of the fiches' budgets, every row, no filter.
pub fn fiche_widths(app: &App) -> Vec<u16> {
    let Some(doc) = app.document() else {
        return Vec::new();
    };
    let c = &doc.convention;
    let columns_only = fiche_grid_of(app, &[], &|_| false);
    fiche_table_widths(
        app,
        &columns_only,
        &fields(c),
        FICHE_INDENT,
        &|axe| axe_label(&c.axes[axe]),
        app.text().grand_total.to_string(),
    )
}

/// Before a fiche's id, under its axe's subtotal.
const FICHE_INDENT: &str = "  ";

/// An axe's subtotal row's label.
fn axe_label(a: &crate::model::Axe) -> String {
    format!("{} — {}", clean(&a.id), clean(&a.title))
}

/// A subtotal row: each column's sum, `*` and a note where it leaves a figure out.
pub fn sum_row(app: &App, label: String, sums: &[Sum]) -> GridRow {
    let mut cells = vec![GridCell::label(label)];
    cells.extend(
        sums.iter()
            .map(|sum| GridCell::sum(sum, app.lang.numbers())),
    );
    let excluded: Vec<String> = sums
        .iter()
        .flat_map(|s| s.excluded.iter().map(|t| clean(t)))
        .collect();
    GridRow {
        severity: None,
        cells,
        style: RowStyle::Total,
        note: (!excluded.is_empty())
            .then(|| (crate::strings::figures(app.lang).excluded)(&excluded)),
    }
}

/// A document summary table as printed, every column, and beside each budget column what
/// the linked fiche itself states.
pub fn table_grid(app: &App, table_index: usize) -> Grid {
    table_grid_rows(app, table_index, &|_| true)
}

/// [`table_grid`], with the rows `on_screen` refuses left as placeholders.
pub fn table_grid_rows(app: &App, table_index: usize, on_screen: &dyn Fn(usize) -> bool) -> Grid {
    let filtered = !app.filters[Tab::Budgets.index()].is_empty();
    table_grid_of(
        app,
        table_index,
        &app.visible_rows(Tab::Budgets),
        filtered,
        on_screen,
    )
}

/// [`table_grid_rows`] for the rows `visible` (indices into the table's rows, its TOTAL
/// row being `rows.len()`), the TOTAL row labelled as the document's when `filtered`.
pub fn table_grid_of(
    app: &App,
    table_index: usize,
    visible: &[usize],
    filtered: bool,
    on_screen: &dyn Fn(usize) -> bool,
) -> Grid {
    table_grid_measured(app, table_index, visible, filtered, on_screen, None)
}

/// The natural column widths of summary table `table_index`, every row, unfiltered, worked
/// out a cell at a time (the rows are not built): as [`Grid::widths`] of [`table_grid`].
pub fn table_widths(app: &App, table_index: usize) -> Vec<u16> {
    let mut widths = Widths::default();
    let grid = table_grid_measured(app, table_index, &[], false, &|_| false, Some(&mut widths));
    widths.of_columns(&grid.columns)
}

/// [`table_grid_of`]; with `measure`, also the widest cell of each column over every row of
/// the table, unfiltered.
fn table_grid_measured(
    app: &App,
    table_index: usize,
    visible: &[usize],
    filtered: bool,
    on_screen: &dyn Fn(usize) -> bool,
    measure: Option<&mut Widths>,
) -> Grid {
    let Some(doc) = app.document() else {
        return Grid::empty();
    };
    let c = &doc.convention;
    let Some(table) = c.tables.get(table_index) else {
        return Grid::empty();
    };
    let text = app.text();
    let label_column = label_column(table);
    let order: Vec<usize> = std::iter::once(label_column)
        .chain((0..table.columns.len()).filter(|&i| i != label_column))
        .collect();
    // A text column right after the label (an indicator's name beside its number) stays on
    // screen with it: the figures are read against it.
    let text_column = |i: usize| {
        let (mut text, mut figures) = (0, 0);
        for value in table.rows.iter().filter_map(|r| r.cells.get(i)?.as_ref()) {
            match value {
                Value::Text(_) => text += 1,
                _ => figures += 1,
            }
        }
        text > figures && !matches!(table.columns[i].role, Some(ColumnRole::Budget(_)))
    };
    let fixed = 1 + usize::from(order.get(1).is_some_and(|&i| text_column(i)));
    // The findings about this table, by row (index, TOTAL row): gathered once, not scanned
    // again for every cell.
    let mut by_row: HashMap<(Option<usize>, bool), Vec<ColumnMark>> = HashMap::new();
    for f in &doc.findings {
        if let Anchor::Table {
            table: t,
            row,
            total_row,
            column,
        } = &f.anchor
            && *t == table_index
        {
            by_row
                .entry((*row, *total_row))
                .or_default()
                .push((*column, f.severity));
        }
    }
    let cell_severity = |row: Option<usize>, total: bool, column: usize| {
        by_row
            .get(&(row, total))?
            .iter()
            .filter(|(col, _)| col.is_none_or(|x| x == column))
            .map(|(_, severity)| *severity)
            .min()
    };
    let mut columns = Vec::new();
    for &i in &order {
        let column = &table.columns[i];
        columns.push(GridColumn {
            header: clean(&column.name),
            figure: i != label_column && !text_column(i),
        });
        if matches!(column.role, Some(ColumnRole::Budget(_))) {
            columns.push(GridColumn {
                header: format!("{} ({})", text.fiche_in_table, clean(&column.name)),
                figure: true,
            });
        }
    }
    let numbers = app.lang.numbers();
    let rows = visible
        .iter()
        .filter_map(|&i| match table.rows.get(i) {
            Some(row) => Some((Some(i), row)),
            None => table.total.as_ref().map(|total| (None, total)),
        })
        .enumerate()
        .map(|(i, (index, row))| {
            if !on_screen(i) {
                return GridRow::placeholder();
            }
            let total = index.is_none();
            let mut cells = Vec::new();
            table_row_cells(doc, table, &order, index, row, &cell_severity, |cell| {
                cells.push(match cell {
                    TableCell::Label(value, severity) => {
                        let mut label = value
                            .map(|v| super::grid::value_text(v, numbers))
                            .unwrap_or_default();
                        // Under a filter, the TOTAL row is still the document's, not the rows'.
                        if total && filtered {
                            label = format!(
                                "{label} ({})",
                                crate::strings::figures(app.lang).document_total
                            );
                        }
                        let mut cell = GridCell::label(label);
                        cell.severity = severity;
                        cell
                    }
                    TableCell::Value(value, severity) => GridCell::value(value, severity, numbers),
                })
            });
            let severity = (0..table.columns.len())
                .filter_map(|col| cell_severity(index, total, col))
                .min();
            GridRow {
                severity,
                cells,
                style: if total || row.heading {
                    RowStyle::Total
                } else {
                    RowStyle::Normal
                },
                note: None,
            }
        })
        .collect();
    if let Some(widths) = measure {
        // Every row of the table, each measured as it would be drawn, none kept.
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| (Some(i), row))
            .chain(table.total.iter().map(|total| (None, total)));
        for (index, row) in rows {
            let mut column = 0;
            table_row_cells(doc, table, &order, index, row, &cell_severity, |cell| {
                widths.fit(
                    column,
                    match cell {
                        TableCell::Label(value, _) => {
                            value.map_or(0, |v| value_text_width(v, numbers))
                        }
                        TableCell::Value(value, severity) => {
                            value_cell_width(value, severity, numbers)
                        }
                    },
                );
                column += 1;
            });
        }
    }
    Grid {
        columns,
        fixed,
        rows,
        natural_widths: None,
    }
}

/// A finding about a table row: its column (`None`: the whole row) and severity.
type ColumnMark = (Option<usize>, Severity);

/// A cell of a summary table's row, before it is written or measured.
enum TableCell<'v> {
    /// The label column's value (its severity kept, not marked in the text).
    Label(Option<&'v Value>, Option<Severity>),
    Value(Option<&'v Value>, Option<Severity>),
}

/// The cells of a summary table's row in drawing order (`index`: `None` for its TOTAL row):
/// each column of `order`, and after each budget column what the linked fiche states,
/// marked as an error where it differs.
fn table_row_cells<'v>(
    doc: &'v crate::app::Document,
    table: &crate::model::Table,
    order: &[usize],
    index: Option<usize>,
    row: &'v crate::model::Row,
    cell_severity: &dyn Fn(Option<usize>, bool, usize) -> Option<Severity>,
    mut emit: impl FnMut(TableCell<'v>),
) {
    let c = &doc.convention;
    let total = index.is_none();
    let label_column = label_column(table);
    let fiche = row
        .fiche
        .as_deref()
        .and_then(|id| doc.lookup().find_fiche(c, id));
    for &i in order {
        let value = row.cells.get(i).and_then(Option::as_ref);
        let severity = cell_severity(index, total, i);
        if i == label_column {
            emit(TableCell::Label(value, severity));
        } else {
            emit(TableCell::Value(value, severity));
        }
        if let Some(ColumnRole::Budget(field)) = table.columns[i].role {
            let own = fiche
                .and_then(|f| f.budget.as_ref())
                .and_then(|b| counterpart_value(b, field))
                .map(|(_, value)| value);
            let differs = matches!((own, value), (Some(a), Some(b)) if a.amount() != b.amount());
            emit(TableCell::Value(own, differs.then_some(Severity::Error)));
        }
    }
}

pub fn label_column(table: &crate::model::Table) -> usize {
    table
        .columns
        .iter()
        .position(|col| col.role == Some(ColumnRole::Label))
        .unwrap_or(0)
}

/// The unit of a table's figures, from its cells: `€`, `%`, a duration's unit, or none.
pub fn table_unit(table: &crate::model::Table) -> String {
    let mut units: Vec<String> = Vec::new();
    for value in table
        .rows
        .iter()
        .chain(table.total.iter())
        .flat_map(|r| r.cells.iter().flatten())
    {
        let unit = match value {
            Value::Amount(_) => "€".to_string(),
            Value::Percent(_) => "%".to_string(),
            Value::Duration(_, unit) => elide(&clean(unit), 12),
            Value::Number(_) | Value::Text(_) => continue,
        };
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units.join(", ")
}

/// A finding about the fiche's budget row (not its indicators or prose).
pub fn shown_on_budget_row(c: &Convention, finding: &Finding) -> bool {
    cell_of_fiche(c, finding).is_some()
}

/// Enter on a fiche's budget opens the fiche.
pub(crate) fn enter(app: &mut App) {
    if app.view.budget_view != 0 {
        return;
    }
    let Some(doc) = app.document() else { return };
    let selected = app.selected_row(Tab::Budgets).unwrap_or(usize::MAX);
    if let Some(BudgetRow::Fiche(f)) = views::budget_rows(&doc.convention).get(selected) {
        let f = *f;
        app.open_fiche(f, Tab::Budgets);
    }
}

/// The next (or previous) view: the fiches' budgets, then each summary table.
pub(crate) fn next_view(app: &mut App, next: bool) {
    let Some(doc) = app.document() else { return };
    let views = doc.convention.tables.len() + 1;
    app.view.budget_view = if next {
        (app.view.budget_view + 1) % views
    } else {
        (app.view.budget_view + views - 1) % views
    };
    app.view.budgets = crate::app::Scroll::default();
    app.view.columns[Tab::Budgets.index()] = 0;
}
