//! Axes tab: the convention overview, axes → fiches with per-axe subtotals, the total of
//! every axe; laid out by [`crate::app::tabs::axes`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::views::{self, AxesRow};
use crate::app::{App, Tab, tabs};
use crate::ui::Theme;
use crate::ui::widgets::{clean, detail_lines, finding_line, muted};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    let c = &doc.convention;
    let text = app.text();
    let grid = app.grid_shown(Tab::Axes);
    super::grid::draw(
        frame,
        app,
        theme,
        body,
        &grid,
        Tab::Axes,
        &format!("{} (€)", text.tab_names[0]),
        "",
        app.view.axes,
    );

    let rows = views::axes_rows(c, &app.view.collapsed);
    let selected = app.view.axes.selected;
    let note = grid
        .rows
        .get(selected)
        .and_then(|r| r.note.clone())
        .map(|n| Line::from(muted(n, theme)));
    let mut lines: Vec<Line> = match rows.get(selected) {
        Some(AxesRow::Overview(item)) => tabs::axes::overview_findings(c, &doc.findings, *item)
            .map(|f| finding_line(f.severity, &f.message, theme))
            .collect(),
        Some(AxesRow::Fiche(f)) => {
            let fiche = f.get(c);
            views::fiche_findings(&doc.findings, &fiche.id)
                .map(|finding| finding_line(finding.severity, &finding.message, theme))
                .collect()
        }
        Some(AxesRow::Axe(axe)) => vec![Line::from(clean(&c.axes[*axe].title))],
        Some(AxesRow::GrandTotal) | None => Vec::new(),
    };
    if let Some(note) = note {
        lines.insert(0, note);
    }
    lines.truncate(2);
    detail_lines(frame, theme, detail, lines);
}
