//! Indicateurs tab: indicator × year matrix with baseline, results and targets.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::app::{App, Tab, views};
use crate::model::Measure;
use crate::rules::Anchor;
use crate::ui::Theme;
use crate::ui::widgets::{
    block, clean, detail_lines, finding_line, header_cell, marker, value_text,
};

const YEAR_WIDTH: u16 = 14;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    let c = &doc.convention;
    let text = app.text();
    let all = views::indicator_rows(c);
    let model: Vec<views::IndicatorRef> = app
        .visible_rows(Tab::Indicators)
        .iter()
        .map(|&i| all[i])
        .collect();
    let all_years = views::indicator_years(c);
    // As many year columns as fit beside fiche, name (at least 20) and baseline.
    let room = body.width.saturating_sub(2 + 2 + 8 + 20 + YEAR_WIDTH) / (YEAR_WIDTH + 1);
    let years: Vec<i32> = all_years
        .iter()
        .rev()
        .take(room as usize)
        .rev()
        .copied()
        .collect();
    let anchor_of = |r: &views::IndicatorRef| Anchor::Indicator {
        fiche: r.fiche.map(|f| f.get(c).id.clone()),
        index: r.index,
    };
    let rows: Vec<Row> = model
        .iter()
        .map(|r| {
            let indicator = r.get(c);
            let anchor = anchor_of(r);
            let worst = views::worst(&doc.findings, |a| *a == anchor);
            let fiche = r
                .fiche
                .map(|f| clean(&f.get(c).id))
                .unwrap_or_else(|| text.convention_level.to_string());
            let mut cells = vec![
                Cell::from(marker(worst)).style(theme.severity(worst)),
                Cell::from(fiche),
                Cell::from(clean(&indicator.name)),
                Cell::from(
                    indicator
                        .baseline
                        .as_ref()
                        .map(value_text)
                        .unwrap_or_default(),
                ),
            ];
            for year in &years {
                let of = |m| {
                    indicator
                        .values
                        .iter()
                        .find(|v| v.year == *year && v.measure == m)
                };
                let result = of(Measure::Result);
                let target = of(Measure::Target).and_then(|v| v.value.as_ref());
                let mut shown = match result {
                    Some(v) => v
                        .value
                        .as_ref()
                        .map(value_text)
                        .unwrap_or_else(|| "—".to_string()),
                    None => String::new(),
                };
                if let Some(target) = target {
                    if !shown.is_empty() {
                        shown.push(' ');
                    }
                    shown.push_str(&format!("({} {})", text.target, value_text(target)));
                }
                // An empty result for a year the document should cover is what the rule flags.
                let missing = result.is_some_and(|v| v.value.is_none()) && worst.is_some();
                let style = if missing {
                    theme.severity(worst)
                } else {
                    ratatui::style::Style::default()
                };
                cells.push(Cell::from(shown).style(style));
            }
            Row::new(cells)
        })
        .collect();
    let mut header = vec![header_cell("", false)];
    header.extend(
        text.indicator_fixed_columns
            .iter()
            .map(|c| header_cell(c, false)),
    );
    header.extend(years.iter().map(|y| header_cell(&y.to_string(), false)));
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Fill(1),
        Constraint::Length(YEAR_WIDTH),
    ];
    widths.extend(years.iter().map(|_| Constraint::Length(YEAR_WIDTH)));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .block(block(
            format!(
                " {} ({}){} ",
                text.tab_names[3],
                model.len(),
                crate::ui::widgets::filter_suffix(app, Tab::Indicators)
            ),
            theme,
        ))
        .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(app.view.indicators.offset)
        .with_selected(Some(app.view.indicators.selected));
    frame.render_stateful_widget(table, body, &mut state);

    let lines: Vec<Line> = match model.get(app.view.indicators.selected) {
        Some(r) => {
            let anchor = anchor_of(r);
            let indicator = r.get(c);
            let mut lines: Vec<Line> = doc
                .findings
                .iter()
                .filter(|f| f.anchor == anchor)
                .take(1)
                .map(|f| finding_line(f.severity, &f.message, theme))
                .collect();
            let values: Vec<String> = indicator
                .values
                .iter()
                .filter_map(|v| Some(format!("{} : {}", v.year, value_text(v.value.as_ref()?))))
                .collect();
            lines.push(Line::from(format!(
                "{} — {}",
                clean(&indicator.name),
                values.join(" · ")
            )));
            lines
        }
        None => Vec::new(),
    };
    detail_lines(frame, theme, detail, lines);
}
