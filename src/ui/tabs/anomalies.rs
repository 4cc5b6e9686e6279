//! Anomalies tab: every finding of every convention, sortable; Enter jumps to its place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use crate::app::{Action, AnomalySort, App, Tab};
use crate::ui::Theme;
use crate::ui::widgets::{block, clean, detail_lines, finding_line, header_cell, marker, muted};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let text = app.text();
    let all = app.anomaly_rows();
    let order: Vec<(usize, usize)> = app
        .visible_rows(Tab::Anomalies)
        .iter()
        .map(|&i| all[i])
        .collect();
    // The list spans every convention: only the rows on screen are built, the first one
    // chosen as the table itself would (from the offset, moved to show the selection).
    let height = crate::app::layout::table_rows(body).height as usize;
    let last = order.len().saturating_sub(1);
    let selected = app.anomalies.selected;
    let mut first = app.anomalies.offset.min(last).min(selected);
    if height > 0 && selected.min(last) >= first + height {
        first = selected.min(last) + 1 - height;
    }
    let shown = &order[first.min(order.len())..(first + height).min(order.len())];
    // Each column as wide as what it holds on screen (within reason), elided past that.
    let widest = |texts: &mut dyn Iterator<Item = String>, header: &str, cap: usize| {
        texts
            .map(|t| crate::app::unicode_width(&t))
            .chain([crate::app::unicode_width(header)])
            .max()
            .unwrap_or(0)
            .min(cap) as u16
    };
    let convention_width = widest(
        &mut shown
            .iter()
            .map(|&(d, _)| short_name(&app.documents[d].convention)),
        text.anomaly_columns[1],
        14,
    );
    let fiche_width = widest(
        &mut shown.iter().map(|&(d, f)| {
            app.documents[d].findings[f]
                .fiche()
                .map(clean)
                .unwrap_or_default()
        }),
        text.anomaly_columns[2],
        12,
    );
    let review = crate::strings::review(app.lang);
    // The disposition column: as wide as the longest disposition shown, "(…)" when changed.
    let disposition_of = |d: usize, f: usize| {
        let standing = app.standing(d, &app.documents[d].findings[f]);
        match standing {
            crate::model::Standing::Current(x) => review.disposition(x).to_string(),
            crate::model::Standing::Changed(x) => format!("{} ↻", review.disposition(x)),
        }
    };
    let disposition_width = widest(
        &mut shown.iter().map(|&(d, f)| disposition_of(d, f)),
        "",
        14,
    );
    let message_width = body
        .width
        .saturating_sub(2 + 4 + convention_width + fiche_width + 13 + disposition_width + 5)
        as usize;
    let rows: Vec<Row> = shown
        .iter()
        .map(|&(d, f)| {
            let doc = &app.documents[d];
            let finding = &doc.findings[f];
            let severity = Some(finding.severity);
            let elide = crate::app::tabs::grid::elide;
            Row::new(vec![
                Cell::from(marker(severity)).style(theme.severity(severity)),
                Cell::from(elide(
                    &short_name(&doc.convention),
                    convention_width as usize,
                )),
                Cell::from(elide(
                    &finding.fiche().map(clean).unwrap_or_default(),
                    fiche_width as usize,
                )),
                Cell::from(finding.rule.id()),
                Cell::from(disposition_of(d, f)),
                Cell::from(elide(&clean(&finding.message), message_width)),
            ])
            .style(theme.severity(severity))
        })
        .collect();
    let header = Row::new(
        text.anomaly_columns[..4]
            .iter()
            .map(|c| header_cell(c, false))
            .chain([
                header_cell(review.disposition_heading, false),
                header_cell(text.anomaly_columns[4], false),
            ]),
    )
    .style(theme.header);
    let sort = match app.anomaly_sort {
        AnomalySort::Severity => text.sort_names[0],
        AnomalySort::Convention => text.sort_names[1],
        AnomalySort::Fiche => text.sort_names[2],
        AnomalySort::Gap => review.sort_gap,
    };
    // The review filters in force, after the sort.
    use crate::app::review::ReviewFilter;
    let mut filters = match &app.review_ui.filter {
        ReviewFilter::All => String::new(),
        ReviewFilter::Open => format!(" · {}", review.hidden_justified),
        ReviewFilter::Rule(rule) => format!(" · {} {}", review.rule_filter, rule.id()),
        ReviewFilter::Fiche(fiche) => format!(" · {} {}", review.fiche_filter, clean(fiche)),
    };
    let resolved = app.resolved_count();
    if resolved > 0 {
        filters.push_str(&format!(" · {resolved} {}", review.resolved));
    }
    let f = crate::strings::figures(app.lang);
    let scope = if app.anomalies_all {
        f.anomalies_all.to_string()
    } else {
        app.document()
            .map(|d| short_name(&d.convention))
            .unwrap_or_default()
    };
    let title = format!(
        " {} ",
        crate::app::tabs::grid::elide(
            &format!(
                "{} ({}) — {scope} — {}{filters}{}",
                text.tab_names[4],
                order.len(),
                crate::strings::labelled(app.lang, text.sort_label, sort),
                crate::ui::widgets::filter_suffix(app, Tab::Anomalies),
            ),
            body.width.saturating_sub(4) as usize
        )
    );
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Length(convention_width),
            Constraint::Length(fiche_width),
            Constraint::Length(13),
            Constraint::Length(disposition_width),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(block(title, theme).title_bottom(Line::styled(
        // Elided with …, never cut by the border.
        format!(
            " {} ",
            crate::app::tabs::grid::elide(
                &format!(
                    "{} · {}",
                    app.pair_hint(Action::Left, Action::Right, f.anomalies_scope_hint),
                    app.review_keys_hint()
                ),
                body.width.saturating_sub(4) as usize
            )
        ),
        theme.muted,
    )))
    .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(0)
        .with_selected(app.anomalies.selected.checked_sub(first));
    frame.render_stateful_widget(table, body, &mut state);

    let lines = match order.get(app.anomalies.selected) {
        Some(&(d, f)) => {
            let doc = &app.documents[d];
            let finding = &doc.findings[f];
            // Where, then the sources of the figures compared, then the reviewer's note.
            let mut place = clean(&finding.location);
            let sources: Vec<String> = finding.sources.iter().map(|s| s.describe()).collect();
            if !sources.is_empty() {
                place.push_str(&format!(" · {}", clean(&sources.join(" ; "))));
            }
            if let Some(entry) = doc.review.review.findings.get(&finding.key)
                && !entry.note.is_empty()
            {
                place.push_str(&format!(
                    " · {}",
                    crate::strings::labelled(app.lang, review.note, &clean(&entry.note))
                ));
            }
            vec![
                Line::from(muted(place, theme)),
                finding_line(finding.severity, &finding.message, theme),
            ]
        }
        None => Vec::new(),
    };
    detail_lines(frame, theme, detail, lines);
}

/// `13 2019`: département number and period, enough to tell conventions apart.
pub fn short_name(convention: &crate::model::Convention) -> String {
    clean(&format!(
        "{} {}",
        convention.territory.number, convention.period
    ))
}
