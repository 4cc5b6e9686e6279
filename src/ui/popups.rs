//! Overlays drawn above the tabs: help and the convention selector.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Row, Table, TableState};

use super::Theme;
use super::widgets::{block, clean};
use crate::app::App;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [area] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    area
}

/// The bindings actually in force, from the keymap; in two columns when one would not fit.
pub fn help(frame: &mut Frame, app: &App, theme: &Theme) {
    let text = app.text();
    let entries: Vec<String> = app
        .keymap
        .by_action()
        .iter()
        .map(|(action, keys)| format!("{:<12} {}", keys.join(", "), (text.action_help)(*action)))
        .collect();
    let screen = frame.area();
    let two_columns = entries.len() as u16 + 4 > screen.height && screen.width >= 78;
    let (lines, width): (Vec<Line>, u16) = if two_columns {
        let half = entries.len().div_ceil(2);
        let lines = (0..half)
            .map(|i| {
                let left = super::widgets::truncate(&entries[i], 37);
                let right = entries
                    .get(i + half)
                    .map(|e| super::widgets::truncate(e, 37))
                    .unwrap_or_default();
                Line::from(format!("{left:<38}{right}"))
            })
            .collect();
        (lines, 78)
    } else {
        (entries.into_iter().map(Line::from).collect(), 60)
    };
    let mut lines = lines;
    lines.push(Line::styled(text.help_close, theme.muted));
    let area = centered(screen, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(format!(" {} ", text.help_title), theme))
            .style(theme.base),
        area,
    );
}

pub fn conventions(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let text = app.text();
    let rows: Vec<Row> = app
        .documents
        .iter()
        .map(|d| {
            let c = &d.convention;
            Row::new(vec![
                format!("{} {}", clean(&c.territory.number), clean(&c.period)),
                clean(&c.title),
            ])
        })
        .collect();
    let errors = app.load_errors.len() as u16;
    let area = centered(frame.area(), 76, rows.len() as u16 + 2 + errors);
    frame.render_widget(Clear, area);
    let [list, problems] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(errors)]).areas(area);
    let table = Table::new(rows, [Constraint::Length(14), Constraint::Fill(1)])
        .block(block(format!(" {} ", text.picker_title), theme))
        .row_highlight_style(theme.selection)
        .style(theme.base);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list, &mut state);
    let lines: Vec<Line> = app
        .load_errors
        .iter()
        .map(|e| Line::styled(e.clone(), theme.error))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base), problems);
}
