//! Small drawing helpers shared by the tabs.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph};

use super::Theme;
use crate::model::{NumberStyle, Value};
use crate::rules::Severity;

/// Text from a file, safe and short enough to draw on one line.
pub fn clean(text: &str) -> String {
    let text = crate::text::shorten(text, crate::text::DISPLAY_LIMIT);
    crate::text::sanitize_line(&text).into_owned()
}

pub fn marker(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "✗",
        Some(Severity::Warning) => "!",
        None => " ",
    }
}

pub fn block<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title.into().style(theme.title))
}

/// A figure for a table cell: amounts without the euro sign (the header says it), right-aligned.
pub fn value_text(value: &Value, numbers: NumberStyle) -> String {
    match value {
        Value::Amount(d) | Value::Number(d) => numbers.amount(*d),
        Value::Percent(d) => numbers.percent(*d),
        Value::Duration(d, unit) => format!("{} {}", numbers.amount(*d), clean(unit)),
        Value::Text(t) => clean(t),
    }
}

pub fn header_cell(text: &str, right: bool) -> Cell<'static> {
    let line = Line::from(text.to_string());
    Cell::from(Text::from(if right {
        line.alignment(Alignment::Right)
    } else {
        line
    }))
}

/// The two lines under the body.
pub fn detail_lines(frame: &mut Frame, theme: &Theme, area: Rect, lines: Vec<Line<'static>>) {
    // The status message may replace what the tab wrote here in the same frame.
    frame.render_widget(ratatui::widgets::Clear, area);
    let lines = fit_lines(
        lines_kept_together(lines),
        area.width as usize,
        area.height as usize,
    );
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(theme.base),
        area,
    );
}

/// How many rows `line` takes once word-wrapped to `width` (as the paragraph wraps it: at
/// spaces; a no-break space holds a figure together).
fn wrapped_height(line: &Line, width: usize) -> usize {
    if width == 0 {
        return usize::MAX;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (mut rows, mut used) = (1, 0);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = crate::app::unicode_width(word);
        let needed = if used == 0 {
            word_width
        } else {
            used + 1 + word_width
        };
        if needed <= width {
            used = needed;
        } else {
            rows += 1 + word_width.saturating_sub(1) / width;
            used = word_width % width;
        }
    }
    rows
}

/// The detail lines that fit `height` rows: the last line (the message) matters most, so the
/// lines before it (where it is) go first; a last line still too long ends with `…` rather
/// than being cut without a sign.
fn fit_lines(mut lines: Vec<Line<'static>>, width: usize, height: usize) -> Vec<Line<'static>> {
    let total = |lines: &[Line]| {
        lines
            .iter()
            .map(|l| wrapped_height(l, width))
            .sum::<usize>()
    };
    while lines.len() > 1 && total(&lines) > height {
        lines.remove(0);
    }
    if let Some(last) = lines.last_mut()
        && wrapped_height(last, width) > height
    {
        let mut text = String::new();
        let mut kept = Vec::new();
        let room = (width * height).saturating_sub(width / 2 + 1);
        for span in &last.spans {
            let left = room.saturating_sub(crate::app::unicode_width(&text));
            if left == 0 {
                break;
            }
            let piece = truncate(&span.content, left);
            text.push_str(&piece);
            let cut = piece.ends_with('…') && !span.content.ends_with('…');
            kept.push(Span::styled(piece, span.style));
            if cut {
                break;
            }
        }
        *last = Line::from(kept);
    }
    lines
}

/// A finding's message as a detail line, styled by severity.
pub fn finding_line(severity: Severity, message: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{} ", marker(Some(severity))),
            theme.severity(Some(severity)),
        ),
        Span::styled(
            keep_together(&clean(message)),
            theme.severity(Some(severity)),
        ),
    ])
}

/// Cut to `width` display columns, with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    if crate::app::unicode_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if crate::app::unicode_width(&out) + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

pub fn muted(text: String, theme: &Theme) -> Span<'static> {
    Span::styled(text, theme.muted)
}

/// ` — filtre : xxx` when the tab's list is filtered.
pub fn filter_suffix(app: &crate::app::App, tab: crate::app::Tab) -> String {
    let filter = &app.filters[tab.index()];
    if filter.is_empty() {
        String::new()
    } else {
        format!(
            " — {}",
            crate::strings::labelled(app.lang, app.text().filter_label, &clean(filter))
        )
    }
}

/// No-break spaces where a wrap would part a figure from its unit, an `=` from what it
/// equals, or French punctuation from its word ([`crate::text::keep_together`]).
pub fn keep_together(text: &str) -> String {
    crate::text::keep_together(text).into_owned()
}

/// [`keep_together`] over every span of lines that wrap.
pub fn lines_kept_together(lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|mut line| {
            for span in &mut line.spans {
                if let std::borrow::Cow::Owned(kept) = crate::text::keep_together(&span.content) {
                    span.content = kept.into();
                }
            }
            line
        })
        .collect()
}
