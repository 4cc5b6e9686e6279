//! Indicateurs tab: indicator × year, the year under review always on screen beside the
//! fiche and the indicator, the baseline and other years scrolling sideways.

use crate::app::{App, Tab, views};
use crate::model::{Convention, Measure};
use crate::rules::Anchor;

use super::grid::{CellKind, Grid, GridCell, GridColumn, GridRow, RowStyle, clean, value_text};

/// The year the document reports on: the last year it covers, when an indicator has it;
/// else the last year any indicator mentions.
pub fn year_under_review(c: &Convention) -> Option<i32> {
    let years = views::indicator_years(c);
    c.years
        .map(|(_, last)| last)
        .filter(|y| years.contains(y))
        .or_else(|| years.last().copied())
}

/// The year columns in drawing order: the year under review first, then the others in order.
pub fn year_columns(c: &Convention) -> Vec<i32> {
    let review = year_under_review(c);
    review
        .into_iter()
        .chain(
            views::indicator_years(c)
                .into_iter()
                .filter(|y| Some(*y) != review),
        )
        .collect()
}

pub fn grid(app: &App) -> Grid {
    grid_rows(app, &|_| true)
}

/// [`grid`], with the rows `shown` refuses left as placeholders.
pub fn grid_rows(app: &App, shown: &dyn Fn(usize) -> bool) -> Grid {
    let Some(doc) = app.document() else {
        return Grid::empty();
    };
    let c = &doc.convention;
    let text = app.text();
    let all = doc.lookup().indicator_rows(c);
    let years = doc.lookup().year_columns(c);
    // The most serious finding per indicator anchor, gathered once, not per row.
    let mut worst_by_anchor: std::collections::HashMap<&Anchor, crate::rules::Severity> =
        std::collections::HashMap::new();
    for f in &doc.findings {
        if matches!(f.anchor, Anchor::Indicator { .. }) {
            worst_by_anchor
                .entry(&f.anchor)
                .and_modify(|s| *s = (*s).min(f.severity))
                .or_insert(f.severity);
        }
    }
    let rows = app
        .visible_rows(Tab::Indicators)
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
                let of = |m| {
                    indicator
                        .values
                        .iter()
                        .find(|v| v.year == *year && v.measure == m)
                };
                let result = of(Measure::Result);
                let target = of(Measure::Target).and_then(|v| v.value.as_ref());
                // An empty result for a year the document should cover is what the rule flags.
                let missing = result.is_some_and(|v| v.value.is_none());
                let mut cell = match result.and_then(|v| v.value.as_ref()) {
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
