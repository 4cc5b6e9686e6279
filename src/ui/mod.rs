//! Drawing only: everything here reads [`App`] and writes to the frame, nothing else.
//! One file per tab under `tabs/`, overlays under `popups.rs`.

mod popups;
mod tabs;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay, Tab, layout};
pub use theme::Theme;
use widgets::clean;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let screen = frame.area();
    frame.render_widget(Paragraph::new("").style(theme.base), screen);
    let areas = layout::areas(screen);
    draw_tabs(frame, app, theme, areas.tabs);
    if app.document().is_none() {
        let mut lines = vec![Line::from(app.text().no_document)];
        lines.extend(
            app.load_errors
                .iter()
                .map(|e| Line::styled(e.clone(), theme.error)),
        );
        frame.render_widget(Paragraph::new(lines), areas.body);
    } else {
        match app.tab {
            Tab::Axes => tabs::axes::draw(frame, app, theme, areas.body, areas.detail),
            Tab::Fiches => tabs::fiches::draw(frame, app, theme, areas.body, areas.detail),
            Tab::Budgets => tabs::budgets::draw(frame, app, theme, areas.body, areas.detail),
            Tab::Indicators => tabs::indicators::draw(frame, app, theme, areas.body, areas.detail),
            Tab::Anomalies => tabs::anomalies::draw(frame, app, theme, areas.body, areas.detail),
        }
    }
    if let Some((severity, message)) = &app.status {
        let line = match severity {
            Some(severity) => widgets::finding_line(*severity, message, theme),
            None => Line::from(clean(message)),
        };
        widgets::detail_lines(frame, theme, areas.detail, vec![line]);
    }
    draw_status(frame, app, theme, areas.status);
    if let Some(input) = &app.filter_input {
        popups::filter_input(frame, app, theme, input);
    }
    if let Some(note) = &app.review_ui.note {
        draw_note_input(frame, app, theme, &note.input);
    }
    if let Some(editor) = &app.editor {
        popups::editor(frame, app, theme, editor);
    }
    if let Some(palette) = &app.palette {
        popups::search(frame, app, theme, palette);
    }
    match app.overlay {
        Some(Overlay::Help { scroll }) => popups::help(frame, app, theme, scroll),
        Some(Overlay::ConventionPicker { selected }) => {
            popups::conventions(frame, app, theme, selected)
        }
        Some(Overlay::Reader { section, scroll }) => {
            popups::reader(frame, app, theme, section, scroll)
        }
        None => {}
    }
    if let Some(dialog) = &app.dialog {
        popups::dialog(frame, app, theme, dialog);
    }
}

/// Titles drawn as ` title │`, matching [`App::tab_at`] for mouse clicks.
fn draw_tabs(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let mut spans = Vec::new();
    for tab in Tab::ALL {
        let style = if tab == app.tab {
            theme.tab_active
        } else {
            theme.tab_inactive
        };
        spans.push(Span::styled(format!(" {} ", app.tab_title(tab)), style));
        spans.push(Span::styled("│", theme.border));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Which convention is shown, always.
fn draw_status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let text = app.text();
    let mut left = match app.document() {
        Some(doc) => {
            let c = &doc.convention;
            let modified = if doc.is_modified() {
                format!("● {} · ", text.modified)
            } else {
                String::new()
            };
            // The review's progress first: the title gives way when room is short.
            let progress = app
                .review_progress()
                .map(|(read, fiches, open)| {
                    format!(
                        "{} · ",
                        (crate::strings::review(app.lang).progress)(read, fiches, open)
                    )
                })
                .unwrap_or_default();
            // What the document does not say (a draft's territory or period) is left out,
            // not shown as empty brackets.
            let mut territory = clean(&c.territory.name);
            let number = clean(&c.territory.number);
            if !number.trim().is_empty() {
                territory = format!("{territory} ({number})").trim().to_string();
            }
            let identity: Vec<String> = [territory, clean(&c.period)]
                .into_iter()
                .filter(|part| !part.trim().is_empty())
                .map(|part| format!("{part} · "))
                .collect();
            format!(
                "[{}/{}] {modified}{}{progress}{}",
                app.current + 1,
                app.documents.len(),
                identity.concat(),
                clean(&c.title),
            )
        }
        None => String::new(),
    };
    if !app.load_errors.is_empty() {
        left = format!(
            "⚠ {} · {left}",
            (text.unreadable_files)(app.load_errors.len())
        );
    }
    let right = format!(" {} ", app.status_hint());
    let room = (area.width as usize).saturating_sub(crate::app::unicode_width(&right));
    let left = widgets::truncate(&left, room);
    let pad = room.saturating_sub(crate::app::unicode_width(&left));
    let line = Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.muted),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.tab_inactive), area);
}

/// The note being typed (issue 15), over the detail lines.
fn draw_note_input(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    input: &ratatui_textarea::TextArea<'static>,
) {
    let label = crate::strings::review(app.lang).note_label;
    popups::line_input(
        frame,
        theme,
        &crate::strings::labelled(app.lang, label, ""),
        input,
        &app.line_hint(crate::keys::Mode::Note),
    );
}
