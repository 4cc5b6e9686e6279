//! Screen geometry, shared by drawing and by mouse handling so both agree on where things are.

use ratatui::layout::{Constraint, Layout, Rect};

/// The fixed parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    /// Two lines under the body: what is wrong with the selection.
    pub detail: Rect,
    pub status: Rect,
}

pub const DETAIL_HEIGHT: u16 = 2;

pub fn areas(screen: Rect) -> Areas {
    let [tabs, body, detail, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(DETAIL_HEIGHT),
        Constraint::Length(1),
    ])
    .areas(screen);
    Areas {
        tabs,
        body,
        detail,
        status,
    }
}

/// Inside a bordered table: the rows, below the header line.
pub fn table_rows(body: Rect) -> Rect {
    let inner = inner(body);
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// Inside a border.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// The Fiches tab: list on the left, detail on the right.
pub fn fiches_split(body: Rect) -> (Rect, Rect) {
    let list_width = (body.width * 2 / 5).clamp(20.min(body.width), 48);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)]).areas(body);
    (list, detail)
}

/// The list inside the Fiches tab's left pane (bordered, no header).
pub fn fiches_list(body: Rect) -> Rect {
    inner(fiches_split(body).0)
}

/// The key help's shape on a screen: the bindings in one column, or two when one would not
/// fit and the screen is wide enough; then the legend of figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpLayout {
    pub two_columns: bool,
    pub width: u16,
    /// Rows of content: bindings, then the legend.
    pub rows: u16,
    /// Rows shown inside the border.
    pub visible: u16,
    pub max_scroll: u16,
}

/// `left_rows`: how many of the `entries` the left column holds when there are two; `widest`:
/// the widest entry as drawn, `legend_width` the widest legend line. Two columns only when one
/// would not fit in height and both fit whole side by side: a binding is never cut.
pub fn help(
    entries: usize,
    left_rows: usize,
    legend: usize,
    (widest, legend_width): (usize, usize),
    screen: Rect,
) -> HelpLayout {
    let column = widest + 2;
    let two_columns =
        entries + legend + 2 > screen.height as usize && screen.width as usize >= 2 * column + 2;
    let binding_rows = if two_columns {
        left_rows.max(entries - left_rows.min(entries))
    } else {
        entries
    };
    let content = if two_columns { 2 * column } else { column };
    // At least 60 columns, at most the screen (which may be narrower than 60).
    let width = (content.max(legend_width) + 2)
        .max(60)
        .min(usize::from(screen.width));
    let rows = u16::try_from(binding_rows + legend).unwrap_or(u16::MAX);
    let visible = rows.min(screen.height.saturating_sub(2));
    HelpLayout {
        two_columns,
        width: u16::try_from(width).unwrap_or(u16::MAX),
        rows,
        visible,
        max_scroll: rows - visible,
    }
}

/// Where the help's second column starts: at a mode's heading near the middle, so that no
/// heading is left at the foot of a column; at the middle when none is near.
pub fn help_split(lines: &[super::HelpLine]) -> usize {
    let half = lines.len().div_ceil(2);
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| matches!(line, super::HelpLine::Heading(_)))
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(half))
        .filter(|&i| i.abs_diff(half) <= 4)
        .unwrap_or(half)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a screen narrower than the help's least width, the help is the screen's width.
    #[test]
    fn the_help_fits_a_screen_narrower_than_sixty_columns() {
        for width in [0, 1, 20, 59, 60, 80, 200] {
            let shape = help(100, 50, 3, (70, 76), Rect::new(0, 0, width, 24));
            assert!(shape.width <= width, "{width}: {shape:?}");
        }
    }
}
