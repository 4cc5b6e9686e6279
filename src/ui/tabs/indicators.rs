//! Indicateurs tab: indicator × year, laid out by [`crate::app::tabs::indicators`]: the
//! year under review stays on screen, the baseline and other years scroll sideways.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Tab, views};
use crate::rules::Anchor;
use crate::ui::Theme;
use crate::ui::widgets::{clean, detail_lines, finding_line, value_text};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    let c = &doc.convention;
    let text = app.text();
    let all = doc.lookup().indicator_rows(c);
    let model: Vec<views::IndicatorRef> = app
        .visible_rows(Tab::Indicators)
        .iter()
        .filter_map(|&i| all.get(i).copied())
        .collect();
    let grid = app.grid_shown(Tab::Indicators);
    super::grid::draw(
        frame,
        app,
        theme,
        body,
        &grid,
        Tab::Indicators,
        &format!(
            "{} ({}){}",
            text.tab_names[3],
            model.len(),
            crate::ui::widgets::filter_suffix(app, Tab::Indicators)
        ),
        "",
        app.view.indicators,
    );

    let lines: Vec<Line> = match model.get(app.view.indicators.selected) {
        Some(r) => {
            let anchor = Anchor::Indicator {
                fiche: r.fiche.map(|f| f.get(c).id.clone()),
                index: r.index,
            };
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
                .filter_map(|v| {
                    let value = value_text(v.value.as_ref()?, app.lang.numbers());
                    Some(crate::strings::labelled(
                        app.lang,
                        &v.year.to_string(),
                        &value,
                    ))
                })
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
