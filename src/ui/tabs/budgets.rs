//! Budgets tab: per fiche planned État / Département / total, engaged, executed, remaining,
//! with axe subtotals and the total of the fiches; ←/→ shows the document's own summary
//! tables (e.g. CD13's financial table and its TOTAL row) beside what the fiches say.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::views::{self, BudgetRow};
use crate::app::{Action, App, Document, Tab, tabs};
use crate::model::{Table as SummaryTable, Value};
use crate::rules::Anchor;
use crate::ui::Theme;
use crate::ui::widgets::{clean, detail_lines, finding_line, muted};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    match app.view.budget_view {
        0 => fiche_budgets(frame, app, doc, theme, body, detail),
        n => {
            if let Some(table) = doc.convention.tables.get(n - 1) {
                summary_table(frame, app, doc, n - 1, table, theme, body, detail);
            }
        }
    }
}

/// `[2/3] (€) Annexe A…`: which view, its unit, its name (elided last if it is long).
fn view_title(app: &App, doc: &Document, name: &str, unit: &str) -> String {
    let views = doc.convention.tables.len() + 1;
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" ({unit})")
    };
    format!(
        "[{}/{views}]{unit} {name}{}",
        app.view.budget_view + 1,
        crate::ui::widgets::filter_suffix(app, Tab::Budgets)
    )
}

/// The keys that move between views, when there are several.
fn views_hint(app: &App, doc: &Document) -> String {
    if doc.convention.tables.is_empty() {
        String::new()
    } else {
        app.pair_hint(Action::Left, Action::Right, app.text().budget_views_hint)
    }
}

fn fiche_budgets(
    frame: &mut Frame,
    app: &App,
    doc: &Document,
    theme: &Theme,
    body: Rect,
    detail: Rect,
) {
    let c = &doc.convention;
    let text = app.text();
    let grid = app.grid_shown(Tab::Budgets);
    super::grid::draw(
        frame,
        app,
        theme,
        body,
        &grid,
        Tab::Budgets,
        &view_title(app, doc, text.budget_view_fiches, "€"),
        &views_hint(app, doc),
        app.view.budgets,
    );

    let all = views::budget_rows(c);
    let model: Vec<BudgetRow> = app
        .visible_rows(Tab::Budgets)
        .iter()
        .filter_map(|&i| all.get(i).copied())
        .collect();
    let note = grid
        .rows
        .get(app.view.budgets.selected)
        .and_then(|r| r.note.clone())
        .map(|n| Line::from(muted(n, theme)));
    let mut lines: Vec<Line> = match model.get(app.view.budgets.selected) {
        Some(BudgetRow::Fiche(f)) => {
            let fiche = f.get(c);
            views::fiche_findings(&doc.findings, &fiche.id)
                .filter(|finding| tabs::budgets::shown_on_budget_row(c, finding))
                .take(2)
                .map(|finding| finding_line(finding.severity, &finding.message, theme))
                .collect()
        }
        Some(BudgetRow::Axe(axe)) => statement_lines(doc, theme, |a| {
            matches!(a, Anchor::Statement { index } if matches!(
                doc.convention.statements.get(*index).map(|s| &s.scope),
                Some(crate::model::StatementScope::Axe(id)) if *id == c.axes[*axe].id
            ))
        }),
        Some(BudgetRow::GrandTotal) => statement_lines(doc, theme, |a| {
            matches!(a, Anchor::StateSupport | Anchor::Convention)
                || matches!(a, Anchor::Statement { index } if matches!(
                    doc.convention.statements.get(*index).map(|s| &s.scope),
                    Some(crate::model::StatementScope::Convention)
                ))
        }),
        None => Vec::new(),
    };
    if let Some(note) = note {
        lines.insert(0, note);
    }
    lines.truncate(2);
    detail_lines(frame, theme, detail, lines);
}

fn statement_lines(
    doc: &Document,
    theme: &Theme,
    matches: impl Fn(&Anchor) -> bool,
) -> Vec<Line<'static>> {
    doc.findings
        .iter()
        .filter(|f| matches(&f.anchor))
        .take(2)
        .map(|f| finding_line(f.severity, &f.message, theme))
        .collect()
}

/// A summary table as printed: its label column, every figure column, and beside each budget
/// figure what the linked fiche itself states.
#[allow(clippy::too_many_arguments)]
fn summary_table(
    frame: &mut Frame,
    app: &App,
    doc: &Document,
    table_index: usize,
    table: &SummaryTable,
    theme: &Theme,
    body: Rect,
    detail: Rect,
) {
    let grid = app.grid_shown(Tab::Budgets);
    let unit = tabs::budgets::table_unit(table);
    super::grid::draw(
        frame,
        app,
        theme,
        body,
        &grid,
        Tab::Budgets,
        &view_title(app, doc, &clean(&table.title), &unit),
        &views_hint(app, doc),
        app.view.budgets,
    );

    let selected = app.selected_row(Tab::Budgets).unwrap_or(usize::MAX);
    let (index, total) = if selected < table.rows.len() {
        (Some(selected), false)
    } else {
        (None, true)
    };
    let mut lines: Vec<Line> = doc
        .findings
        .iter()
        .filter(|f| match &f.anchor {
            Anchor::Table {
                table: t,
                row,
                total_row,
                ..
            } => *t == table_index && *row == index && *total_row == total,
            _ => false,
        })
        .take(1)
        .map(|f| finding_line(f.severity, &f.message, theme))
        .collect();
    // The full headers of the columns on screen, which their width may have elided.
    let window = app.grid_window(Tab::Budgets, &grid);
    let headers: Vec<String> = window
        .columns
        .iter()
        .skip(1)
        .filter(|(i, w)| crate::app::unicode_width(&grid.columns[*i].header) > *w as usize)
        .map(|(i, _)| grid.columns[*i].header.clone())
        .collect();
    if !headers.is_empty() {
        lines.push(Line::from(muted(headers.join(" · "), theme)));
    }
    if lines.is_empty()
        && let Some(row) = index.and_then(|i| table.rows.get(i))
    {
        let label: Vec<String> = row
            .cells
            .iter()
            .flatten()
            .filter_map(Value::text)
            .map(clean)
            .collect();
        lines.push(Line::from(label.join(" · ")));
    }
    detail_lines(frame, theme, detail, lines);
}
