//! Budgets tab: per fiche planned État / Département / total, engaged, executed, remaining,
//! with axe subtotals and the total of the fiches; ←/→ shows the document's own summary
//! tables (e.g. CD13's financial table and its TOTAL row) beside what the fiches say.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::app::views::{self, BudgetRow, Totals};
use crate::app::{App, Document, Tab};
use crate::model::{BudgetField, ColumnRole, Table as SummaryTable, Value};
use crate::rules::{Anchor, Severity, counterpart_value, fiche_figure};
use crate::ui::Theme;
use crate::ui::widgets::{
    block, clean, decimal_cell, detail_lines, figure_cell, finding_line, header_cell, marker,
    truncate,
};

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

fn view_title(app: &App, doc: &Document, name: &str) -> String {
    let views = doc.convention.tables.len() + 1;
    let hint = if views > 1 {
        format!(" · {}", app.text().budget_views_hint)
    } else {
        String::new()
    };
    format!(
        " {name} [{}/{views}] (€){}{hint} ",
        app.view.budget_view + 1,
        crate::ui::widgets::filter_suffix(app, Tab::Budgets)
    )
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
    let all = views::budget_rows(c);
    let model: Vec<BudgetRow> = app
        .visible_rows(Tab::Budgets)
        .iter()
        .map(|&i| all[i])
        .collect();
    // A column no fiche fills (no "engagé" in a plan) gives its room to the fiche names.
    let fields: Vec<(usize, BudgetField)> = BudgetField::FICHE
        .iter()
        .enumerate()
        .filter(|(_, field)| {
            c.fiches()
                .filter_map(|f| f.budget.as_ref())
                .any(|b| fiche_figure(b, **field).is_some())
        })
        .map(|(i, f)| (i, *f))
        .collect();
    let totals_row = |label: String, totals: Totals| {
        let figures = [
            totals.etat,
            totals.departement,
            totals.planned,
            totals.engaged,
            totals.executed,
            totals.remaining,
        ];
        let mut cells = vec![Cell::from(" "), Cell::from(label)];
        cells.extend(
            fields
                .iter()
                .map(|(i, _)| decimal_cell(figures[*i], None, theme)),
        );
        Row::new(cells).style(theme.total)
    };
    let rows: Vec<Row> = model
        .iter()
        .map(|row| match *row {
            BudgetRow::Axe(axe) => {
                let a = &c.axes[axe];
                totals_row(
                    format!("{} — {}", clean(&a.id), clean(&a.title)),
                    Totals::of(a.fiches.iter()),
                )
            }
            BudgetRow::GrandTotal => {
                totals_row(text.grand_total.to_string(), Totals::of(c.fiches()))
            }
            BudgetRow::Fiche(f) => {
                let fiche = f.get(c);
                let budget = fiche.budget.as_ref();
                let row_worst = views::worst(&doc.findings, |a| {
                    a.fiche() == Some(fiche.id.as_str()) && shown_here(a)
                });
                let mut cells = vec![
                    Cell::from(marker(row_worst)).style(theme.severity(row_worst)),
                    Cell::from(format!("  {} {}", clean(&fiche.id), clean(&fiche.title))),
                ];
                for (_, field) in &fields {
                    let value = budget.and_then(|b| fiche_figure(b, *field));
                    let severity =
                        views::worst(&doc.findings, |a| budget_cell(a, &fiche.id, *field));
                    cells.push(figure_cell(value, severity, theme));
                }
                Row::new(cells)
            }
        })
        .collect();
    let mut header = vec![
        header_cell("", false),
        header_cell(text.budget_columns[0], false),
    ];
    header.extend(
        fields
            .iter()
            .map(|(i, _)| header_cell(text.budget_columns[i + 1], true)),
    );
    let mut widths = vec![Constraint::Length(1), Constraint::Fill(1)];
    widths.extend(fields.iter().map(|(i, _)| {
        let header = crate::app::unicode_width(text.budget_columns[i + 1]) as u16;
        Constraint::Length(header.max(11))
    }));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .block(block(view_title(app, doc, text.budget_view_fiches), theme))
        .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(app.view.budgets.offset)
        .with_selected(Some(app.view.budgets.selected));
    frame.render_stateful_widget(table, body, &mut state);

    let lines: Vec<Line> = match model.get(app.view.budgets.selected) {
        Some(BudgetRow::Fiche(f)) => {
            let fiche = f.get(c);
            views::fiche_findings(&doc.findings, &fiche.id)
                .filter(|finding| shown_here(&finding.anchor))
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

/// Findings shown on a fiche's budget row (not its indicators or prose).
fn shown_here(anchor: &Anchor) -> bool {
    matches!(
        anchor,
        Anchor::Budget { .. } | Anchor::BudgetTable { .. } | Anchor::Reallocation { .. }
    )
}

fn budget_cell(anchor: &Anchor, fiche: &str, field: BudgetField) -> bool {
    match anchor {
        Anchor::Budget { fiche: f, field: a } => f == fiche && *a == field,
        Anchor::Reallocation { fiche: f, .. } => f == fiche && field == BudgetField::Remaining,
        Anchor::BudgetTable { fiche: f, .. } => f == fiche && field == BudgetField::PlannedTotal,
        _ => false,
    }
}

/// A summary table as printed: its label column, its figures, and beside each budget
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
    let c = &doc.convention;
    let text = app.text();
    let label_column = table
        .columns
        .iter()
        .position(|col| col.role == Some(ColumnRole::Label))
        .unwrap_or(0);
    let shown: Vec<usize> = (0..table.columns.len())
        .filter(|&i| {
            i == label_column || !matches!(table.columns[i].role, Some(ColumnRole::Label) | None)
        })
        .collect();
    let cell_severity = |row: Option<usize>, total: bool, column: usize| {
        views::worst(&doc.findings, |a| match a {
            Anchor::Table {
                table: t,
                row: r,
                total_row,
                column: col,
            } => {
                *t == table_index
                    && *r == row
                    && *total_row == total
                    && col.is_none_or(|x| x == column)
            }
            _ => false,
        })
    };
    let mut header = vec![header_cell("", false)];
    let mut widths = vec![Constraint::Length(1)];
    for &i in &shown {
        let column = &table.columns[i];
        let is_label = i == label_column;
        header.push(header_cell(
            &truncate(&clean(&column.name), if is_label { 40 } else { 12 }),
            !is_label,
        ));
        widths.push(if is_label {
            Constraint::Fill(1)
        } else {
            Constraint::Length(12)
        });
        if matches!(column.role, Some(ColumnRole::Budget(_))) {
            header.push(header_cell(text.fiche_in_table, true));
            widths.push(Constraint::Length(11));
        }
    }
    let all_rows =
        app.visible_rows(Tab::Budgets)
            .into_iter()
            .filter_map(|i| match table.rows.get(i) {
                Some(row) => Some((Some(i), row)),
                None => table.total.as_ref().map(|total| (None, total)),
            });
    let rows: Vec<Row> = all_rows
        .map(|(index, row)| {
            let total = index.is_none();
            let fiche = row.fiche.as_deref().and_then(|id| c.find_fiche(id));
            let row_worst = (0..table.columns.len())
                .filter_map(|col| cell_severity(index, total, col))
                .min();
            let mut cells = vec![Cell::from(marker(row_worst)).style(theme.severity(row_worst))];
            for &i in &shown {
                let value = row.cells.get(i).and_then(Option::as_ref);
                let severity = cell_severity(index, total, i);
                if i == label_column {
                    let label = value
                        .map(crate::ui::widgets::value_text)
                        .unwrap_or_default();
                    cells.push(Cell::from(label).style(theme.severity(severity)));
                } else {
                    cells.push(figure_cell(value, severity, theme));
                }
                if let Some(ColumnRole::Budget(field)) = table.columns[i].role {
                    let own = fiche
                        .and_then(|f| f.budget.as_ref())
                        .and_then(|b| counterpart_value(b, field))
                        .map(|(_, value)| value);
                    let differs =
                        matches!((own, value), (Some(a), Some(b)) if a.amount() != b.amount());
                    let style = if differs { Some(Severity::Error) } else { None };
                    cells.push(figure_cell(own, style, theme));
                }
            }
            let style = if total || row.heading {
                theme.total
            } else {
                ratatui::style::Style::default()
            };
            Row::new(cells).style(style)
        })
        .collect();
    let tbl = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .block(block(view_title(app, doc, &clean(&table.title)), theme))
        .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(app.view.budgets.offset)
        .with_selected(Some(app.view.budgets.selected));
    frame.render_stateful_widget(tbl, body, &mut state);

    let selected = app.selected_row(Tab::Budgets).unwrap_or(usize::MAX);
    let (index, total) = if selected < table.rows.len() {
        (Some(selected), false)
    } else {
        (None, true)
    };
    let mut lines: Vec<Line> = doc
        .findings
        .iter()
        .filter(|f| matches!(&f.anchor, Anchor::Table { table: t, row, total_row, .. } if *t == table_index && *row == index && *total_row == total))
        .take(2)
        .map(|f| finding_line(f.severity, &f.message, theme))
        .collect();
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
