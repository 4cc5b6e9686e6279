//! Axes tab: axes → fiches, with per-axe planned / executed / remaining subtotals.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::app::App;
use crate::app::views::{self, AxesRow, Totals};
use crate::ui::Theme;
use crate::ui::widgets::{
    block, clean, decimal_cell, detail_lines, finding_line, header_cell, marker,
};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    let c = &doc.convention;
    let text = app.text();
    let rows_model = views::axes_rows(c, &app.view.collapsed);
    let rows: Vec<Row> = rows_model
        .iter()
        .map(|row| match *row {
            AxesRow::Axe(axe) => {
                let a = &c.axes[axe];
                let totals = Totals::of(a.fiches.iter());
                let worst = a
                    .fiches
                    .iter()
                    .filter_map(|f| views::worst_for_fiche(&doc.findings, &f.id))
                    .min();
                let arrow = if app.view.collapsed.contains(&axe) {
                    "▸"
                } else {
                    "▾"
                };
                Row::new(vec![
                    Cell::from(marker(worst)).style(theme.severity(worst)),
                    Cell::from(format!("{arrow} {} — {}", clean(&a.id), clean(&a.title))),
                    decimal_cell(totals.planned, None, theme),
                    decimal_cell(totals.executed.or(totals.engaged), None, theme),
                    decimal_cell(totals.remaining, None, theme),
                ])
                .style(theme.total)
            }
            AxesRow::Fiche(f) => {
                let fiche = f.get(c);
                let worst = views::worst_for_fiche(&doc.findings, &fiche.id);
                let totals = Totals::of(std::iter::once(fiche));
                Row::new(vec![
                    Cell::from(marker(worst)).style(theme.severity(worst)),
                    Cell::from(format!("   {} {}", clean(&fiche.id), clean(&fiche.title))),
                    decimal_cell(totals.planned, None, theme),
                    decimal_cell(totals.executed.or(totals.engaged), None, theme),
                    decimal_cell(totals.remaining, None, theme),
                ])
            }
        })
        .collect();
    let header = Row::new(vec![
        header_cell("", false),
        header_cell(text.axes_columns[0], false),
        header_cell(text.axes_columns[1], true),
        header_cell(text.axes_columns[2], true),
        header_cell(text.axes_columns[3], true),
    ])
    .style(theme.header);
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Length(12),
        ],
    )
    .header(header)
    .block(block(format!(" {} (€) ", text.tab_names[0]), theme))
    .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(app.view.axes.offset)
        .with_selected(Some(app.view.axes.selected));
    frame.render_stateful_widget(table, body, &mut state);

    let lines: Vec<Line> = match rows_model.get(app.view.axes.selected) {
        Some(AxesRow::Fiche(f)) => {
            let fiche = f.get(c);
            views::fiche_findings(&doc.findings, &fiche.id)
                .take(2)
                .map(|finding| finding_line(finding.severity, &finding.message, theme))
                .collect()
        }
        Some(AxesRow::Axe(axe)) => vec![Line::from(clean(&c.axes[*axe].title))],
        None => Vec::new(),
    };
    detail_lines(frame, theme, detail, lines);
}
