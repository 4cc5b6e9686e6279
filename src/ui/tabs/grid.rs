//! Draws a tab's [`Grid`] as the app laid it out: the columns on screen at their width (a
//! figure is never cut), the label elided with `…`, the columns off screen said in the title.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::app::tabs::grid::{CellKind, Grid, RowStyle, Window, elide};
use crate::app::{App, Scroll, Tab};
use crate::ui::Theme;
use crate::ui::widgets::{block, marker};

/// ` ◂ 2 colonnes · 3 colonnes ▸ `: the columns off screen, for the bottom border (where a
/// long title cannot hide it); empty when every column shows.
pub fn hidden_columns(app: &App, window: &Window) -> String {
    let f = crate::strings::figures(app.lang);
    let mut parts = Vec::new();
    if window.hidden_left > 0 {
        parts.push((f.columns_left)(window.hidden_left));
    }
    if window.hidden_right > 0 {
        parts.push((f.columns_right)(window.hidden_right));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

#[allow(clippy::too_many_arguments)]
pub fn draw(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    area: Rect,
    grid: &Grid,
    tab: Tab,
    title: &str,
    hint: &str,
    scroll: Scroll,
) {
    let window = app.grid_window(tab, grid);
    let header: Vec<Cell> = std::iter::once(Cell::from(""))
        .chain(window.columns.iter().map(|&(i, width)| {
            let column = &grid.columns[i];
            let text = elide(&column.header, width as usize);
            let line = Line::from(text);
            Cell::from(Text::from(if column.figure {
                line.alignment(Alignment::Right)
            } else {
                line
            }))
        }))
        .collect();
    let rows: Vec<Row> = grid
        .rows
        .iter()
        .map(|row| {
            // A row off screen, left unworked by the app: it only holds its place.
            if row.cells.is_empty() {
                return Row::new(Vec::<Cell>::new());
            }
            let mut cells =
                vec![Cell::from(marker(row.severity)).style(theme.severity(row.severity))];
            for &(i, width) in &window.columns {
                let Some(cell) = row.cells.get(i) else {
                    cells.push(Cell::from(""));
                    continue;
                };
                let style = match cell.kind {
                    CellKind::Computed | CellKind::Text if cell.severity.is_none() => theme.muted,
                    _ => theme.severity(cell.severity),
                };
                let drawn = if cell.kind == CellKind::Label {
                    Cell::from(elide(&cell.text, width as usize))
                } else if cell.kind == CellKind::Text {
                    // Words: elided, never cut, if the screen is narrower; aligned as their
                    // column (left in a column of words, right among figures).
                    let line = Line::from(elide(&cell.text, width as usize));
                    Cell::from(Text::from(if grid.columns[i].figure {
                        line.alignment(Alignment::Right)
                    } else {
                        line
                    }))
                } else {
                    // Figures fit their column by construction: the column is as wide as
                    // the widest of them.
                    Cell::from(Text::from(
                        Line::from(cell.text.clone()).alignment(Alignment::Right),
                    ))
                };
                cells.push(drawn.style(style));
            }
            let style = match row.style {
                RowStyle::Normal => ratatui::style::Style::default(),
                RowStyle::Total | RowStyle::Heading => theme.total,
            };
            Row::new(cells).style(style)
        })
        .collect();
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(1))
        .chain(window.columns.iter().map(|&(_, w)| Constraint::Length(w)))
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .block(
            block(
                format!(" {} ", elide(title, area.width.saturating_sub(4) as usize)),
                theme,
            )
            .title_bottom(Line::styled(
                if hint.is_empty() {
                    String::new()
                } else {
                    format!(" {hint} ")
                },
                theme.muted,
            ))
            .title_bottom(Line::styled(hidden_columns(app, &window), theme.title).right_aligned()),
        )
        .column_spacing(crate::app::tabs::grid::COLUMN_SPACING)
        .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(scroll.offset)
        .with_selected(Some(scroll.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
