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

/// The search palette: the query, then ranked results with their kind, convention and fiche,
/// matched characters underlined.
pub fn search(frame: &mut Frame, app: &App, theme: &Theme, palette: &crate::app::Palette) {
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Span;
    let text = app.text();
    let screen = frame.area();
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(110),
        screen.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let outer = block(format!(" {} ", text.search_title), theme).style(theme.base);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [input_area, list_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut input = palette.input.clone();
    input.set_style(theme.base);
    frame.render_widget(
        Paragraph::new("›").style(theme.title),
        Rect {
            width: 2,
            ..input_area
        },
    );
    frame.render_widget(
        &input,
        Rect {
            x: input_area.x + 2,
            width: input_area.width.saturating_sub(2),
            ..input_area
        },
    );
    let matched = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let rows: Vec<Row> = palette
        .hits
        .iter()
        .map(|hit| {
            let entry = &app.index.entries[hit.entry];
            let kind = text.search_kinds[entry.kind as usize];
            let convention = app
                .documents
                .get(entry.document)
                .map(|d| super::tabs::anomalies::short_name(&d.convention))
                .unwrap_or_default();
            let spans: Vec<Span> = entry
                .label
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    let style = if hit.highlighted.binary_search(&i).is_ok() {
                        matched
                    } else {
                        Style::default()
                    };
                    Span::styled(c.to_string(), style)
                })
                .collect();
            Row::new(vec![
                ratatui::widgets::Cell::from(kind),
                ratatui::widgets::Cell::from(convention),
                ratatui::widgets::Cell::from(entry.fiche.as_deref().map(clean).unwrap_or_default()),
                ratatui::widgets::Cell::from(Line::from(spans)),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(9),
            Constraint::Fill(1),
        ],
    )
    .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(palette.scroll.offset)
        .with_selected((!palette.hits.is_empty()).then_some(palette.scroll.selected));
    frame.render_stateful_widget(table, list_area, &mut state);
    frame.render_widget(
        Paragraph::new(text.search_hint).style(theme.muted),
        hint_area,
    );
}

/// The filter being typed, in place of the detail lines.
pub fn filter_input(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    input: &ratatui_textarea::TextArea<'static>,
) {
    let area = crate::app::layout::areas(frame.area()).detail;
    frame.render_widget(Clear, area);
    let label = format!("{} : ", app.text().filter_label);
    let width = crate::app::unicode_width(&label) as u16;
    frame.render_widget(
        Paragraph::new(label).style(theme.title),
        Rect {
            width,
            height: 1,
            ..area
        },
    );
    let mut input = input.clone();
    input.set_style(theme.base);
    frame.render_widget(
        &input,
        Rect {
            x: area.x + width,
            width: area.width.saturating_sub(width),
            height: 1,
            ..area
        },
    );
}
