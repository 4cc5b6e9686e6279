//! Indicateurs tab: indicator × year, the year under review always on screen beside the
//! fiche and the indicator, the baseline and other years scrolling sideways.

use crate::app::{App, Tab, views};
use crate::model::{Convention, IndicatorValue, Measure};
use crate::rules::Anchor;

use super::grid::{
    CellKind, Grid, GridCell, GridColumn, GridRow, LabelWidth, RowStyle, Widths, clean,
    value_cell_width, value_text, value_text_width, width,
};

/// The year the document reports on: the last year it covers, when an indicator has it;
/// else the last year any indicator mentions.
pub fn year_under_review(c: &Convention) -> Option<i32> {
    review_among(c, &views::indicator_years(c))
}

/// [`year_under_review`] among `years`, every year the indicators mention.
fn review_among(c: &Convention, years: &[i32]) -> Option<i32> {
    c.years
        .map(|(_, last)| last)
        .filter(|y| years.contains(y))
        .or_else(|| years.last().copied())
}

/// The year columns in drawing order: the year under review first, then the others in order.
pub fn year_columns(c: &Convention) -> Vec<i32> {
    let years = views::indicator_years(c);
    let review = review_among(c, &years);
    review
        .into_iter()
        .chain(years.into_iter().filter(|y| Some(*y) != review))
        .collect()
}

pub fn grid(app: &App) -> Grid {
    grid_rows(app, &|_| true)
}

/// What an indicator shows for a year.
struct YearCell<'a> {
    result: Option<&'a crate::model::Value>,
    /// An empty result for a year the document should cover: what the rule flags.
    missing: bool,
    target: Option<&'a crate::model::Value>,
}

fn year_cell(indicator: &crate::model::Indicator, year: i32) -> YearCell<'_> {
    let of = |m| {
        indicator
            .values
            .iter()
            .find(|v| v.year == year && v.measure == m)
    };
    let result = of(Measure::Result);
    YearCell {
        result: result.and_then(|v| v.value.as_ref()),
        missing: result.is_some_and(|v| v.value.is_none()),
        target: of(Measure::Target).and_then(|v| v.value.as_ref()),
    }
}

/// The natural column widths of the whole table, every indicator: as [`Grid::widths`] of
/// [`grid`] unfiltered, each cell measured without being written (issue 17), the label
/// column as far as [`LabelWidth`] measures it.
pub fn widths(app: &App) -> Vec<u16> {
    let Some(doc) = app.document() else {
        return Vec::new();
    };
    let c = &doc.convention;
    let text = app.text();
    let numbers = app.lang.numbers();
    let years = doc.lookup().year_columns(c);
    let worst_by_anchor = worst_by_anchor(doc);
    let mut widths = Widths::default();
    let mut label = LabelWidth::default();
    let mut found: Vec<(Option<&IndicatorValue>, Option<&IndicatorValue>)> = Vec::new();
    // `(cible …)` less the value's own width.
    let target_width = width(&format!("({} )", text.target));
    for r in doc.lookup().indicator_rows(c) {
        let indicator = r.get(c);
        label.clear();
        match r.fiche {
            Some(f) => label.push_clean(&f.get(c).id),
            None => label.push_raw(text.convention_level),
        }
        label.push_raw(" ");
        label.push_clean(&indicator.name);
        widths.fit(0, label.width());
        // Each year's first result and target, in one pass over the values (as `year_cell`
        // finds them, without a pass per year and measure).
        found.clear();
        found.resize(years.len(), (None, None));
        for value in &indicator.values {
            let Some(k) = years.iter().position(|y| *y == value.year) else {
                continue;
            };
            let slot = match value.measure {
                Measure::Result => &mut found[k].0,
                Measure::Target => &mut found[k].1,
            };
            slot.get_or_insert(value);
        }
        // Worked out only for a row with a missing result, the only cells it marks.
        let mut severity = None;
        for (k, (result, target)) in found.iter().enumerate() {
            let cell = YearCell {
                result: result.and_then(|v| v.value.as_ref()),
                missing: result.is_some_and(|v| v.value.is_none()),
                target: target.and_then(|v| v.value.as_ref()),
            };
            let mut cell_width = match cell.result {
                Some(value) => value_cell_width(Some(value), None, numbers),
                None if cell.missing => width("—"),
                None => 0,
            };
            if let Some(target) = cell.target {
                if cell_width > 0 {
                    cell_width += 1;
                }
                cell_width += target_width + value_text_width(target, numbers);
            }
            if cell.missing {
                let severity = *severity.get_or_insert_with(|| {
                    let anchor = Anchor::Indicator {
                        fiche: r.fiche.map(|f| f.get(c).id.clone()),
                        index: r.index,
                    };
                    worst_by_anchor.get(&anchor).copied()
                });
                if let Some(severity) = severity {
                    cell_width += width(super::grid::marker(severity)) + 1;
                }
            }
            // The year under review right after the label, the baseline next, then the others.
            widths.fit(if k == 0 { 1 } else { k + 2 }, cell_width);
        }
        widths.fit(
            if years.is_empty() { 1 } else { 2 },
            value_cell_width(indicator.baseline.as_ref(), None, numbers),
        );
    }
    widths.of_columns(&grid_of(app, &[], &|_| false).columns)
}

/// The most serious finding per indicator anchor, gathered once, not per row.
fn worst_by_anchor(
    doc: &crate::app::Document,
) -> std::collections::HashMap<&Anchor, crate::rules::Severity> {
    let mut worst = std::collections::HashMap::new();
    for f in &doc.findings {
        if matches!(f.anchor, Anchor::Indicator { .. }) {
            worst
                .entry(&f.anchor)
                .and_modify(|s: &mut crate::rules::Severity| *s = (*s).min(f.severity))
                .or_insert(f.severity);
        }
    }
    worst
}

/// [`grid`], with the rows `shown` refuses left as placeholders.
pub fn grid_rows(app: &App, shown: &dyn Fn(usize) -> bool) -> Grid {
    grid_of(app, &app.visible_rows(Tab::Indicators), shown)
}

/// [`grid_rows`] for the rows `visible` (indices into [`views::Lookup::indicator_rows`]),
/// as the tab's filter would leave them: all of them for the whole table.
pub fn grid_of(app: &App, visible: &[usize], shown: &dyn Fn(usize) -> bool) -> Grid {
    let Some(doc) = app.document() else {
        return Grid::empty();
    };
    let c = &doc.convention;
    let text = app.text();
    let all = doc.lookup().indicator_rows(c);
    let years = doc.lookup().year_columns(c);
    let worst_by_anchor = worst_by_anchor(doc);
    let rows = visible
        .iter()
        .filter_map(|&i| all.get(i))
        .enumerate()
        .map(|(i, r)| {
            if !shown(i) {
                return GridRow::placeholder();
            }
            let indicator = r.get(c);
            let anchor = Anchor::Indicator {
                fiche: r.fiche.map(|f| f.get(c).id.clone()),
                index: r.index,
            };
            let severity = worst_by_anchor.get(&anchor).copied();
            let fiche = r
                .fiche
                .map(|f| clean(&f.get(c).id))
                .unwrap_or_else(|| text.convention_level.to_string());
            let mut cells = vec![GridCell::label(format!(
                "{fiche} {}",
                clean(&indicator.name)
            ))];
            let mut year_cells = Vec::new();
            for year in years {
                let YearCell {
                    result,
                    missing,
                    target,
                } = year_cell(indicator, *year);
                let mut cell = match result {
                    Some(value) => GridCell::value(Some(value), None, app.lang.numbers()),
                    None if missing => GridCell {
                        text: "—".to_string(),
                        kind: CellKind::Text,
                        severity: None,
                        figure: None,
                    },
                    None => GridCell::empty(),
                };
                if let Some(target) = target {
                    if !cell.text.is_empty() {
                        cell.text.push(' ');
                    }
                    cell.text.push_str(&format!(
                        "({} {})",
                        text.target,
                        value_text(target, app.lang.numbers())
                    ));
                }
                if let Some(severity) = severity.filter(|_| missing) {
                    cell.severity = Some(severity);
                    cell.text = format!("{} {}", super::grid::marker(severity), cell.text);
                }
                year_cells.push(cell);
            }
            let mut year_cells = year_cells.into_iter();
            cells.extend(year_cells.next());
            cells.push(GridCell::value(
                indicator.baseline.as_ref(),
                None,
                app.lang.numbers(),
            ));
            cells.extend(year_cells);
            GridRow {
                severity,
                cells,
                style: RowStyle::Normal,
                note: None,
            }
        })
        .collect();
    let mut columns = vec![GridColumn {
        header: format!(
            "{} · {}",
            text.indicator_fixed_columns[0], text.indicator_fixed_columns[1]
        ),
        figure: false,
    }];
    let mut year_headers = years.iter().map(|y| GridColumn {
        header: y.to_string(),
        figure: true,
    });
    columns.extend(year_headers.next());
    let fixed = columns.len();
    columns.push(GridColumn {
        header: text.indicator_fixed_columns[2].to_string(),
        figure: true,
    });
    columns.extend(year_headers);
    Grid {
        columns,
        fixed,
        rows,
        natural_widths: None,
    }
}
