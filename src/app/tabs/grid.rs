//! A table as a tab shows it: every cell's text whole, each column as wide as its widest
//! cell, and which columns fit the screen. The tabs build it; `ui` draws it as it is.

use rust_decimal::Decimal;

use crate::model::NumberStyle;
use crate::rules::Severity;
use crate::rules::figures::{Figure, Sum};

/// Text figures (words in a figure column) longer than this are elided with `…`.
pub const TEXT_FIGURE_WIDTH: usize = 24;
/// The label column never gets narrower than this while other columns are shown.
pub const LABEL_MIN_WIDTH: u16 = 16;
/// A header may widen its column up to this; a longer one is elided.
pub const HEADER_WIDTH: usize = 18;
/// Space between columns, as ratatui's table draws it.
pub const COLUMN_SPACING: u16 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Left-aligned text (labels, ids); elided with `…` to fit.
    Label,
    /// A figure as the document states it.
    Stated,
    /// A figure the app computed where the document states none.
    Computed,
    /// A sum of the rows shown.
    Sum,
    /// A sum that leaves out a figure of its column (written as words).
    PartialSum,
    /// Words in a figure column: shown as printed, never added.
    Text,
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// As drawn, markers included.
    pub text: String,
    pub kind: CellKind,
    pub severity: Option<Severity>,
    /// The number the cell shows, for figure cells.
    pub figure: Option<Decimal>,
}

impl GridCell {
    pub fn empty() -> GridCell {
        GridCell {
            text: String::new(),
            kind: CellKind::Empty,
            severity: None,
            figure: None,
        }
    }

    pub fn label(text: String) -> GridCell {
        GridCell {
            text,
            kind: CellKind::Label,
            severity: None,
            figure: None,
        }
    }

    /// A figure of a fiche or a table: stated, computed (`=` before it) or words.
    pub fn figure(
        figure: Option<&Figure>,
        severity: Option<Severity>,
        numbers: NumberStyle,
    ) -> GridCell {
        let (body, kind, amount) = match figure {
            None => (String::new(), CellKind::Empty, None),
            Some(Figure::Stated(d)) => (numbers.amount(*d), CellKind::Stated, Some(*d)),
            Some(Figure::Computed(d)) => (
                format!("={}", numbers.amount(*d)),
                CellKind::Computed,
                Some(*d),
            ),
            Some(Figure::Text(t)) => (
                elide(&crate::text::sanitize_line(t), TEXT_FIGURE_WIDTH),
                CellKind::Text,
                None,
            ),
        };
        GridCell::marked(body, kind, severity, amount)
    }

    /// A value of a document table, as printed (amounts without €, the title says it).
    pub fn value(
        value: Option<&crate::model::Value>,
        severity: Option<Severity>,
        numbers: NumberStyle,
    ) -> GridCell {
        use crate::model::Value;
        match value {
            None => GridCell::marked(String::new(), CellKind::Empty, severity, None),
            Some(Value::Text(t)) => GridCell::marked(
                elide(&crate::text::sanitize_line(t), TEXT_FIGURE_WIDTH),
                CellKind::Text,
                severity,
                None,
            ),
            Some(v) => GridCell::marked(
                value_text(v, numbers),
                CellKind::Stated,
                severity,
                v.number(),
            ),
        }
    }

    /// A sum of the rows shown; `*` after it when it leaves out a figure.
    pub fn sum(sum: &Sum, numbers: NumberStyle) -> GridCell {
        let Some(amount) = sum.amount else {
            let kind = if sum.is_partial() {
                CellKind::PartialSum
            } else {
                CellKind::Empty
            };
            let text = if sum.is_partial() { "*" } else { "" };
            return GridCell::marked(text.to_string(), kind, None, None);
        };
        if sum.is_partial() {
            GridCell::marked(
                format!("{}*", numbers.amount(amount)),
                CellKind::PartialSum,
                None,
                Some(amount),
            )
        } else {
            GridCell::marked(numbers.amount(amount), CellKind::Sum, None, Some(amount))
        }
    }

    fn marked(
        body: String,
        kind: CellKind,
        severity: Option<Severity>,
        figure: Option<Decimal>,
    ) -> GridCell {
        let text = match severity {
            Some(s) if body.is_empty() => marker(s).to_string(),
            Some(s) => format!("{} {body}", marker(s)),
            None => body,
        };
        GridCell {
            text,
            kind,
            severity,
            figure,
        }
    }

    pub fn is_figure(&self) -> bool {
        !matches!(self.kind, CellKind::Label)
    }
}

pub fn marker(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    }
}

/// A value as a table cell shows it: amounts without the euro sign (the title says it).
pub fn value_text(value: &crate::model::Value, numbers: NumberStyle) -> String {
    use crate::model::Value;
    match value {
        Value::Amount(d) | Value::Number(d) => numbers.amount(*d),
        Value::Percent(d) => numbers.percent(*d),
        Value::Duration(d, unit) => format!(
            "{} {}",
            numbers.amount(*d),
            crate::text::sanitize_line(unit)
        ),
        Value::Text(t) => crate::text::sanitize_line(t).into_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStyle {
    Normal,
    /// A subtotal or a total.
    Total,
    /// A heading line of a document table, or the convention overview.
    Heading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The most serious finding shown on the row.
    pub severity: Option<Severity>,
    pub cells: Vec<GridCell>,
    pub style: RowStyle,
    /// A line for the detail area when the row is selected (what a sum leaves out).
    pub note: Option<String>,
}

impl GridRow {
    /// A row off screen, not worked out: it takes its place, and nothing else.
    pub fn placeholder() -> GridRow {
        GridRow {
            severity: None,
            cells: Vec::new(),
            style: RowStyle::Normal,
            note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridColumn {
    pub header: String,
    /// Figures are right-aligned and never cut; labels take the room left and are elided.
    pub figure: bool,
}

/// A tab's table: columns `0..fixed` always shown (the first is the label, which takes the
/// room left), the others scroll sideways as whole columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub columns: Vec<GridColumn>,
    pub fixed: usize,
    pub rows: Vec<GridRow>,
    /// Each column's natural width over every row, when `rows` holds only those on screen
    /// (the others are [`GridRow::placeholder`]s): see [`crate::app::App::grid_shown`].
    pub natural_widths: Option<Vec<u16>>,
}

/// Which columns are on screen, and how wide each is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// (column, width) in drawing order; the label's width is what is left.
    pub columns: Vec<(usize, u16)>,
    pub hidden_left: usize,
    pub hidden_right: usize,
    /// The first scrollable column shown, after clamping.
    pub first: usize,
}

impl Grid {
    pub fn empty() -> Grid {
        Grid {
            columns: Vec::new(),
            fixed: 0,
            rows: Vec::new(),
            natural_widths: None,
        }
    }

    /// Each column's natural width: its widest cell, or its header when that is not much
    /// wider (a long header is elided and given whole in the detail line).
    pub fn widths(&self) -> Vec<u16> {
        if let Some(widths) = &self.natural_widths {
            return widths.clone();
        }
        self.columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(|c| width(&c.text))
                    .max()
                    .unwrap_or(0);
                natural_width(&column.header, cells)
            })
            .collect()
    }

    /// The columns that fit in `room` columns of screen (the row marker excluded), scrolled
    /// so that scrollable column `first` comes first, or as far as the last one allows.
    pub fn window(&self, room: u16, first: usize) -> Window {
        let widths = self.widths();
        let fixed = self.fixed.min(self.columns.len());
        let scrollable = self.columns.len() - fixed;
        // The fixed columns after the label keep their width; the label keeps its minimum.
        let fixed_room: u16 = widths[1.min(fixed)..fixed]
            .iter()
            .map(|w| w + COLUMN_SPACING)
            .sum();
        let label_min = widths.first().copied().unwrap_or(0).min(LABEL_MIN_WIDTH);
        let room_for_scroll = room.saturating_sub(fixed_room + label_min);
        let fits_from = |start: usize| {
            let mut used = 0u16;
            let mut count = 0;
            for w in &widths[fixed + start..] {
                let need = w + COLUMN_SPACING;
                if used + need > room_for_scroll {
                    break;
                }
                used += need;
                count += 1;
            }
            (count, used)
        };
        // Scrolling stops once the last column is on screen.
        let mut first = first.min(scrollable.saturating_sub(1));
        while first > 0 && fits_from(first - 1).0 == scrollable - (first - 1) {
            first -= 1;
        }
        let (mut count, mut used) = fits_from(first);
        // A column wider than all the room is still shown, alone: the label gives way.
        if count == 0 && scrollable > 0 {
            count = 1;
            used = widths[fixed + first] + COLUMN_SPACING;
        }
        let mut widths = widths;
        // Wider than the whole room: only a header or words can be, and both are elided.
        if let Some(w) = widths.get_mut(fixed + first)
            && *w + COLUMN_SPACING > room.saturating_sub(fixed_room)
        {
            *w = room.saturating_sub(fixed_room + COLUMN_SPACING + 1).max(1);
            used = *w + COLUMN_SPACING;
        }
        let label = room.saturating_sub(fixed_room + used).max(1);
        let mut columns = Vec::new();
        if fixed > 0 {
            columns.push((0, label));
        }
        columns.extend((1..fixed).map(|i| (i, widths[i])));
        columns.extend((fixed + first..fixed + first + count).map(|i| (i, widths[i])));
        Window {
            columns,
            hidden_left: first,
            hidden_right: scrollable.saturating_sub(first + count),
            first,
        }
    }
}

/// Text from a file, safe and short enough to draw on one line.
pub fn clean(text: &str) -> String {
    let text = crate::text::shorten(text, crate::text::DISPLAY_LIMIT);
    crate::text::sanitize_line(&text).into_owned()
}

/// [`clean`], appended to `out` (a label written again and again without allocating).
pub fn push_clean(out: &mut String, text: &str) {
    // No more characters than bytes: a text this short is never shortened (and not walked
    // through to count its characters).
    if text.len() <= crate::text::DISPLAY_LIMIT {
        out.push_str(&crate::text::sanitize_line(text));
        return;
    }
    let text = crate::text::shorten(text, crate::text::DISPLAY_LIMIT);
    out.push_str(&crate::text::sanitize_line(&text));
}

/// Measures a label as far as a table needs it: up to [`LABEL_MIN_WIDTH`], the only part of
/// the label column's natural width that [`Grid::window`] uses (the label takes the room the
/// figures leave, elided). Long titles are neither sanitised nor measured whole (issue 17:
/// half of measuring a 5 000-fiche table went into its titles).
#[derive(Debug, Default)]
pub struct LabelWidth {
    text: String,
    /// The label is known to be at least [`LABEL_MIN_WIDTH`] wide: nothing more is written.
    wide_enough: bool,
}

impl LabelWidth {
    pub fn clear(&mut self) {
        self.text.clear();
        self.wide_enough = false;
    }

    /// Text drawn as it is (an indent, a mark).
    pub fn push_raw(&mut self, text: &str) {
        if !self.wide_enough {
            self.text.push_str(text);
        }
    }

    /// Text from a file, as [`clean`] writes it.
    pub fn push_clean(&mut self, text: &str) {
        if self.wide_enough {
            return;
        }
        let missing = usize::from(LABEL_MIN_WIDTH).saturating_sub(width(&self.text));
        // More bytes than four times the columns missing: more characters than columns
        // missing (a character is at most four bytes), each a column wide in the texts
        // documents hold. Characters of no width (combining accents) could make such a label
        // narrower: then only the room the label is sure of differs, never a figure's.
        if text.len() > 4 * missing {
            self.wide_enough = true;
        } else {
            push_clean(&mut self.text, text);
        }
    }

    /// The label's width, or [`LABEL_MIN_WIDTH`] when it is at least that wide.
    pub fn width(&self) -> usize {
        let wanted = usize::from(LABEL_MIN_WIDTH);
        if self.wide_enough {
            wanted
        } else {
            width(&self.text).min(wanted)
        }
    }
}

pub fn width(text: &str) -> usize {
    // Printable ASCII, most cells: one column a byte. One line (what every cell is, once
    // sanitised): a span's width is the line's, without splitting it into lines first.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else if !text.contains(['\n', '\r']) {
        ratatui::text::Span::raw(text).width()
    } else {
        crate::app::unicode_width(text)
    }
}

/// The widest cell of each column, worked out a cell at a time without keeping the rows: how
/// the tabs measure their whole table (issue 17).
#[derive(Debug, Clone, Default)]
pub struct Widths(Vec<usize>);

impl Widths {
    /// Column `column` holds a cell `width` wide.
    pub fn fit(&mut self, column: usize, width: usize) {
        if self.0.len() <= column {
            self.0.resize(column + 1, 0);
        }
        self.0[column] = self.0[column].max(width);
    }

    /// Every cell of `row`, as built.
    pub fn fit_row(&mut self, row: &GridRow) {
        for (column, cell) in row.cells.iter().enumerate() {
            self.fit(column, width(&cell.text));
        }
    }

    /// The natural widths of the columns, as [`Grid::widths`] gives them for a grid whose
    /// rows held the cells measured.
    pub fn of_columns(&self, columns: &[GridColumn]) -> Vec<u16> {
        columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let cells = self.0.get(i).copied().unwrap_or(0);
                natural_width(&column.header, cells)
            })
            .collect()
    }
}

/// A column's natural width: its widest cell, or its header when that is not much wider.
fn natural_width(header: &str, cells: usize) -> u16 {
    let header = width(header).min(cells.max(HEADER_WIDTH));
    cells.max(header) as u16
}

/// The width of `numbers.amount(amount)`, without writing it: the sign, the integer digits as
/// `Decimal` prints them (at least one), a group separator every three of them, and the
/// decimal mark with every digit of the scale (one column each, in either style).
pub fn amount_width(amount: Decimal) -> usize {
    let digits = amount
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(0, |log| log as usize + 1);
    let scale = amount.scale() as usize;
    let integer_digits = digits.saturating_sub(scale).max(1);
    let sign = usize::from(amount.is_sign_negative());
    let fraction = if scale > 0 { 1 + scale } else { 0 };
    sign + integer_digits + (integer_digits - 1) / 3 + fraction
}

/// The width of a cell's text once marked with `severity` ([`GridCell`]'s marker).
pub fn marked_width(body: usize, severity: Option<Severity>) -> usize {
    match severity {
        Some(s) if body == 0 => width(marker(s)),
        Some(s) => width(marker(s)) + 1 + body,
        None => body,
    }
}

/// The width of [`GridCell::figure`]'s text, without writing it.
pub fn figure_width(figure: Option<&Figure>, severity: Option<Severity>) -> usize {
    let body = match figure {
        None => 0,
        Some(Figure::Stated(d)) => amount_width(*d),
        Some(Figure::Computed(d)) => 1 + amount_width(*d),
        Some(Figure::Text(t)) => width(&elide(&crate::text::sanitize_line(t), TEXT_FIGURE_WIDTH)),
    };
    marked_width(body, severity)
}

/// The width of [`GridCell::value`]'s text, without writing it.
pub fn value_cell_width(
    value: Option<&crate::model::Value>,
    severity: Option<Severity>,
    numbers: NumberStyle,
) -> usize {
    use crate::model::Value;
    let body = match value {
        None => 0,
        Some(Value::Text(t)) => width(&elide(&crate::text::sanitize_line(t), TEXT_FIGURE_WIDTH)),
        Some(v) => value_text_width(v, numbers),
    };
    marked_width(body, severity)
}

/// The width of [`value_text`], without writing amounts.
pub fn value_text_width(value: &crate::model::Value, numbers: NumberStyle) -> usize {
    use crate::model::Value;
    match value {
        Value::Amount(d) | Value::Number(d) => amount_width(*d),
        Value::Percent(d) => amount_width(*d) + width(&numbers.percent(Decimal::ZERO)) - 1,
        Value::Duration(..) => width(&value_text(value, numbers)),
        Value::Text(t) => width(&crate::text::sanitize_line(t)),
    }
}

/// `text` shortened to `max` display columns with `…` when it is longer.
pub fn elide(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(widths: &[usize]) -> Grid {
        Grid {
            columns: widths
                .iter()
                .map(|w| GridColumn {
                    header: "x".repeat(*w),
                    figure: true,
                })
                .collect(),
            fixed: 1,
            rows: Vec::new(),
            natural_widths: None,
        }
    }

    #[test]
    fn columns_that_do_not_fit_scroll_whole() {
        let g = grid(&[30, 10, 10, 10, 10]);
        let w = g.window(16 + 22, 0);
        assert_eq!(w.columns, vec![(0, 16), (1, 10), (2, 10)]);
        assert_eq!((w.hidden_left, w.hidden_right), (0, 2));
        let w = g.window(38, 5);
        assert_eq!(w.first, 2, "scrolling stops when the last column shows");
        assert_eq!((w.hidden_left, w.hidden_right), (2, 0));
    }

    #[test]
    fn a_wide_screen_shows_everything_and_gives_the_rest_to_the_label() {
        let w = grid(&[30, 10, 10]).window(100, 0);
        assert_eq!(w.columns, vec![(0, 78), (1, 10), (2, 10)]);
        assert_eq!((w.hidden_left, w.hidden_right), (0, 0));
    }

    /// The widths worked out without writing the text are those of the text written.
    #[test]
    fn widths_without_the_text_are_those_of_the_text() {
        use crate::model::Value;
        let amounts = [
            "0",
            "-0",
            "1",
            "-1",
            "12",
            "123",
            "1234",
            "-1234",
            "12345.6",
            "123456.78",
            "1234567.00",
            "-1234567.891",
            "0.5",
            "-0.05",
            "1000000",
            "99999999999.99",
            "7922816251426433759354395033",
            "-0.0000001",
        ];
        for style in [NumberStyle::French, NumberStyle::English] {
            for text in amounts {
                let d: Decimal = text.parse().unwrap();
                assert_eq!(amount_width(d), width(&style.amount(d)), "{text}");
                for value in [Value::Amount(d), Value::Number(d), Value::Percent(d)] {
                    assert_eq!(
                        value_text_width(&value, style),
                        width(&value_text(&value, style)),
                        "{value:?}"
                    );
                }
                for severity in [None, Some(Severity::Error), Some(Severity::Warning)] {
                    for figure in [Figure::Stated(d), Figure::Computed(d)] {
                        assert_eq!(
                            figure_width(Some(&figure), severity),
                            width(&GridCell::figure(Some(&figure), severity, style).text)
                        );
                    }
                }
            }
        }
        for text in [
            "abc",
            "é",
            "漢字",
            "a\u{7}b",
            "très long texte qui dépasse la largeur",
        ] {
            assert_eq!(width(text), crate::app::unicode_width(text), "{text}");
            let figure = Figure::Text(text.to_string());
            assert_eq!(
                figure_width(Some(&figure), Some(Severity::Error)),
                width(
                    &GridCell::figure(Some(&figure), Some(Severity::Error), NumberStyle::French)
                        .text
                )
            );
        }
        assert_eq!(figure_width(None, Some(Severity::Error)), 1);
    }

    #[test]
    fn elision_says_so() {
        assert_eq!(elide("abcdef", 4), "abc…");
        assert_eq!(elide("abc", 4), "abc");
    }
}
