//! Overlays drawn above the tabs: help and the convention selector.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Row, Table, TableState};

use super::Theme;
use super::widgets::{block, clean};
use crate::app::App;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [area] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    area
}

/// Most of the screen, for the palette and the editor.
fn large(screen: Rect) -> Rect {
    centered(
        screen,
        screen.width.saturating_sub(4).min(110),
        screen.height.saturating_sub(2),
    )
}

/// The bindings actually in force in every mode, from the keymap; in two columns when one
/// would not fit.
pub fn help(frame: &mut Frame, app: &App, theme: &Theme, scroll: u16) {
    use crate::app::HelpLine;
    let text = app.text();
    let width = |s: &str| crate::app::unicode_width(s);
    let entry = HelpLine::text;
    let style = |line: &HelpLine| match line {
        HelpLine::Heading(_) => theme.header,
        HelpLine::Entry(..) => theme.base,
    };
    let entries = app.help_lines();
    let screen = frame.area();
    let shape = app.help_layout();
    let mut lines: Vec<Line> = if shape.two_columns {
        // Each mode's bindings kept under its heading: the right column starts at one.
        let (left, right) = entries.split_at(crate::app::layout::help_split(&entries));
        // Each column as wide as the widest line (the layout keeps two only when both fit).
        let column = usize::from(shape.width.saturating_sub(2)) / 2;
        let cell = |line: Option<&HelpLine>| match line {
            Some(line) => {
                let text = super::widgets::truncate(&entry(line), column.saturating_sub(1));
                let pad = column.saturating_sub(width(&text));
                vec![
                    ratatui::text::Span::styled(text, style(line)),
                    ratatui::text::Span::raw(" ".repeat(pad)),
                ]
            }
            None => vec![ratatui::text::Span::raw(" ".repeat(column))],
        };
        (0..left.len().max(right.len()))
            .map(|i| {
                let mut spans = cell(left.get(i));
                spans.extend(cell(right.get(i)));
                Line::from(spans)
            })
            .collect()
    } else {
        entries
            .iter()
            .map(|line| Line::styled(entry(line), style(line)))
            .collect()
    };
    // How figures are marked, where every screen can see it (issue 12).
    for legend in crate::strings::figures(app.lang).legend {
        lines.push(Line::styled(legend, theme.header));
    }
    let scroll = scroll.min(shape.max_scroll);
    // How to close, and whether more lies below or above, always on the border.
    let more = match (scroll > 0, scroll < shape.max_scroll) {
        (true, true) => " ↑↓",
        (false, true) => " ↓",
        (true, false) => " ↑",
        (false, false) => "",
    };
    let area = centered(screen, shape.width, shape.visible + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                block(format!(" {} ", text.help_title), theme).title_bottom(Line::styled(
                    format!(" {}{more} ", app.help_close_hint()),
                    theme.muted,
                )),
            )
            .style(theme.base),
        area,
    );
}

/// A section of the document's own text, whole, wrapped to the popup and scrolled.
pub fn reader(frame: &mut Frame, app: &App, theme: &Theme, section: usize, scroll: u16) {
    let Some(section) = app
        .document()
        .and_then(|doc| doc.convention.sections.get(section))
    else {
        return;
    };
    let screen = frame.area();
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(100),
        screen.height.saturating_sub(2),
    );
    let inner_width = usize::from(area.width.saturating_sub(2)).max(1);
    let inner_height = area.height.saturating_sub(2);
    let text = crate::text::sanitize_multiline(&section.text);
    let lines: Vec<Line> = text
        .lines()
        .map(|line| Line::styled(crate::text::keep_together(line).into_owned(), theme.base))
        .collect();
    let rows: usize = lines
        .iter()
        .map(|line| super::tabs::fiches::wrapped_rows(line, inner_width))
        .sum();
    let max = u16::try_from(rows.saturating_sub(usize::from(inner_height))).unwrap_or(u16::MAX);
    app.view.reader_max_scroll.set(max);
    let scroll = scroll.min(max);
    let more = match (scroll > 0, scroll < max) {
        (true, true) => " ↑↓",
        (false, true) => " ↓",
        (true, false) => " ↑",
        (false, false) => "",
    };
    let title = crate::text::shorten(
        &crate::strings::section_heading(app.lang, section),
        inner_width.saturating_sub(4),
    )
    .into_owned();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .scroll((scroll, 0))
            .block(
                block(format!(" {title} "), theme).title_bottom(Line::styled(
                    format!(" {}{more} ", app.reader_hint()),
                    theme.muted,
                )),
            )
            .style(theme.base),
        area,
    );
}

pub fn conventions(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let text = app.text();
    // Two files may hold the same convention (a copy, a draft): their lines then say which
    // file is which.
    let title_of = |d: &crate::app::Document| {
        let c = &d.convention;
        (
            c.territory.number.clone(),
            c.period.clone(),
            c.title.clone(),
        )
    };
    let mut seen = std::collections::HashMap::new();
    for d in &app.documents {
        *seen.entry(title_of(d)).or_insert(0) += 1;
    }
    let rows: Vec<Row> = app
        .documents
        .iter()
        .map(|d| {
            let c = &d.convention;
            let marker = if d.is_modified() { "● " } else { "" };
            let file = if seen[&title_of(d)] > 1 {
                let name = d.path.file_name().unwrap_or_default().to_string_lossy();
                crate::app::tabs::grid::elide(&format!(" — {}", clean(&name)), 40)
            } else {
                String::new()
            };
            // Elided with …, never cut: the picker is 76 wide, 14 of them for the period.
            let elide = crate::app::tabs::grid::elide;
            Row::new(vec![
                elide(
                    &format!("{} {}", clean(&c.territory.number), clean(&c.period)),
                    14,
                ),
                // The file name is what tells two alike apart: it keeps its place at the end.
                format!(
                    "{}{file}",
                    elide(
                        &format!("{marker}{}", clean(&c.title)),
                        (76 - 2 - 14 - 1usize).saturating_sub(crate::app::unicode_width(&file)),
                    )
                ),
            ])
        })
        .collect();
    let errors = app.load_errors.len() as u16;
    let area = centered(frame.area(), 76, rows.len() as u16 + 2 + errors);
    frame.render_widget(Clear, area);
    let [list, problems] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(errors)]).areas(area);
    let table = Table::new(rows, [Constraint::Length(14), Constraint::Fill(1)])
        .block(block(format!(" {} ", text.picker_title), theme))
        .row_highlight_style(theme.selection)
        .style(theme.base);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list, &mut state);
    let lines: Vec<Line> = app
        .load_errors
        .iter()
        .map(|e| Line::styled(e.clone(), theme.error))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base), problems);
}

/// The search palette: the query, then ranked results with their kind, convention and fiche,
/// matched characters underlined.
pub fn search(frame: &mut Frame, app: &App, theme: &Theme, palette: &crate::app::Palette) {
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Span;
    let text = app.text();
    let screen = frame.area();
    let area = large(screen);
    frame.render_widget(Clear, area);
    // Results far below the best (a few scattered letters) are told apart: greyed, counted.
    let best = palette.hits.first().map_or(0, |h| h.score);
    let weak = |hit: &crate::search::Hit| hit.score.saturating_mul(2) < best;
    let title = if palette.query().trim().is_empty() {
        format!(" {} ", text.search_title)
    } else if app.index_pending() {
        // Typed before the index is complete: searched when it is.
        format!(" {} — {} ", text.search_title, text.search_indexing)
    } else {
        let weak_count = palette.hits.iter().filter(|h| weak(h)).count();
        format!(
            " {} — {} ",
            text.search_title,
            (text.search_count)(
                palette.hits.len(),
                palette.hits.len() >= crate::app::SEARCH_RESULTS,
                weak_count
            )
        )
    };
    let outer = block(title, theme).style(theme.base);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [input_area, list_area, hint_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut input = palette.input.clone();
    input.set_style(theme.base);
    frame.render_widget(
        Paragraph::new("›").style(theme.title),
        Rect {
            width: 2,
            ..input_area
        },
    );
    frame.render_widget(
        &input,
        Rect {
            x: input_area.x + 2,
            width: input_area.width.saturating_sub(2),
            ..input_area
        },
    );
    let matched = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    // Only the rows on screen are built, the first one chosen as the table itself would
    // (from the offset, moved to show the selection); a label only as far as it can show
    // (descriptions run to hundreds of characters, one span each).
    let height = list_area.height as usize;
    let last = palette.hits.len().saturating_sub(1);
    let selected = (!palette.hits.is_empty()).then_some(palette.scroll.selected);
    let mut first = palette.scroll.offset.min(last);
    if let Some(selected) = selected {
        first = first.min(selected);
        if height > 0 && selected.min(last) >= first + height {
            first = selected.min(last) + 1 - height;
        }
    }
    let shown =
        &palette.hits[first.min(palette.hits.len())..(first + height).min(palette.hits.len())];
    // Kind, convention, fiche, then the label in what they and their gaps leave.
    let widths = [10, 8, 9];
    let label_room = (list_area.width as usize)
        .saturating_sub(widths.iter().sum::<u16>() as usize + widths.len());
    let rows: Vec<Row> = shown
        .iter()
        .filter_map(|hit| Some((hit, app.shown_hit(hit)?)))
        .map(|(hit, entry)| {
            let kind = text.search_kinds[entry.kind as usize];
            let convention = app
                .documents
                .get(entry.document)
                .map(|d| super::tabs::anomalies::short_name(&d.convention))
                .unwrap_or_default();
            // In a long text the match can be far in: show it, with a little context before.
            let skip = match (entry.highlighted.first(), entry.highlighted.last()) {
                (Some(&first), Some(&last)) if last >= label_room => first
                    .saturating_sub(label_room / 4)
                    .min((last + 1 + label_room / 4).saturating_sub(label_room)),
                _ => 0,
            };
            let mut width = usize::from(skip > 0);
            let elided = (skip > 0).then(|| Span::styled("…", theme.muted));
            // A label longer than its room ends with … (one column kept for it), never cut.
            let rest = entry.label.chars().skip(skip);
            let cut = crate::app::unicode_width(&rest.collect::<String>()) + width > label_room;
            let room = if cut {
                label_room.saturating_sub(1)
            } else {
                label_room
            };
            let mut spans: Vec<Span> = elided
                .into_iter()
                .chain(
                    entry
                        .label
                        .chars()
                        .enumerate()
                        .skip(skip)
                        .take_while(|(_, c)| {
                            width += crate::app::unicode_width(c.encode_utf8(&mut [0; 4]));
                            width <= room
                        })
                        .map(|(i, c)| {
                            let style = if entry.highlighted.binary_search(&i).is_ok() {
                                matched
                            } else {
                                Style::default()
                            };
                            Span::styled(c.to_string(), style)
                        }),
                )
                .collect();
            if cut {
                spans.push(Span::styled("…", theme.muted));
            }
            let row = Row::new(vec![
                ratatui::widgets::Cell::from(kind),
                ratatui::widgets::Cell::from(convention),
                ratatui::widgets::Cell::from(entry.fiche.as_deref().map(clean).unwrap_or_default()),
                ratatui::widgets::Cell::from(Line::from(spans)),
            ]);
            if weak(hit) {
                row.style(theme.muted)
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        rows,
        widths
            .map(Constraint::Length)
            .into_iter()
            .chain([Constraint::Fill(1)]),
    )
    .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(0)
        .with_selected(selected.map(|s| s - first));
    frame.render_stateful_widget(table, list_area, &mut state);
    // Where Enter leads, for the result selected.
    let leads_to = selected
        .and_then(|s| palette.hits.get(s))
        .and_then(|hit| app.hit_leads_to(hit));
    frame.render_widget(
        Paragraph::new(app.palette_hint(leads_to)).style(theme.muted),
        hint_area,
    );
}

/// The filter being typed, in place of the detail lines.
pub fn filter_input(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    input: &ratatui_textarea::TextArea<'static>,
) {
    let label = if app.finding_in_fiche {
        app.text().find_label
    } else {
        app.text().filter_label
    };
    line_input(
        frame,
        theme,
        &crate::strings::labelled(app.lang, label, ""),
        input,
        &app.line_hint(crate::keys::Mode::Filter),
    );
}

/// A one-line input after its label (`filtre : …`, the colon written as the language does),
/// in place of the detail lines.
pub fn line_input(
    frame: &mut Frame,
    theme: &Theme,
    label: &str,
    input: &ratatui_textarea::TextArea<'static>,
    hint: &str,
) {
    let area = crate::app::layout::areas(frame.area()).detail;
    frame.render_widget(Clear, area);
    let label = label.to_string();
    let width = crate::app::unicode_width(&label) as u16;
    frame.render_widget(
        Paragraph::new(label).style(theme.title),
        Rect {
            width,
            height: 1,
            ..area
        },
    );
    let mut input = input.clone();
    input.set_style(theme.base);
    frame.render_widget(
        &input,
        Rect {
            x: area.x + width,
            width: area.width.saturating_sub(width),
            height: 1,
            ..area
        },
    );
    // The keys that steer the line, under it.
    frame.render_widget(
        Paragraph::new(super::widgets::truncate(hint, area.width as usize)).style(theme.muted),
        Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1).min(1),
            ..area
        },
    );
}

/// The editor: the fields of a fiche or table row, and the one being typed.
pub fn editor(frame: &mut Frame, app: &App, theme: &Theme, editor: &crate::app::Editor) {
    use crate::app::FieldInput;
    use crate::app::edit::{self, EditTarget, Field};
    let text = app.text();
    let structure = crate::strings::structure(app.lang);
    let Some(doc) = app.documents.get(editor.document) else {
        return;
    };
    let c = &doc.convention;
    let screen = frame.area();
    let area = large(screen);
    frame.render_widget(Clear, area);
    let what = match editor.target {
        EditTarget::Fiche(r) => {
            let fiche = r.get(c);
            format!("{} {}", clean(&fiche.id), clean(&fiche.title))
        }
        EditTarget::TableRow { table, row } => {
            let t = &c.tables[table];
            format!("{} — {}", clean(&t.title), clean(t.rows[row].label()))
        }
        EditTarget::Convention => clean(&c.title),
    };
    let outer = block(
        format!(
            " {} — {} ",
            text.editor_title,
            super::widgets::truncate(&what, 80)
        ),
        theme,
    )
    .style(theme.base);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    // A long text gets the room there is, leaving a few fields in view above it.
    let input_height = match &editor.input {
        Some(FieldInput::Text {
            multiline: true, ..
        }) => inner.height.saturating_sub(6).max(8),
        Some(FieldInput::Choice { .. }) => 5,
        Some(FieldInput::Text { .. }) => 3,
        None => 0,
    };
    // The editor's own error, else a warning the app raised meanwhile (the journal could not
    // be written…), which the editor would otherwise hide until it closes.
    let error = editor.error.as_ref().or(match &app.status {
        Some((Some(_), message)) => Some(message),
        _ => None,
    });
    // An error is shown whole, over as many rows as it needs (three at most).
    let error_height = error.map_or(0, |error| {
        let width = inner.width.max(1) as usize;
        (crate::app::unicode_width(error) + 2)
            .div_ceil(width)
            .clamp(1, 3) as u16
    });
    let [list_area, input_area, error_area, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(input_height),
        Constraint::Length(error_height),
        Constraint::Length(1),
    ])
    .areas(inner);

    let label = |field: Field| -> String {
        match (editor.target, field) {
            (EditTarget::Fiche(r), Field::IndicatorValue(i, j)) => {
                let indicator = &r.get(c).indicators[i];
                let v = &indicator.values[j];
                let measure = match v.measure {
                    crate::model::Measure::Result => "",
                    crate::model::Measure::Target => text.target,
                };
                format!("    {} {measure}", v.year)
            }
            (EditTarget::Convention, Field::DocIndicatorValue(i, j)) => {
                let v = &c.indicators[i].values[j];
                let measure = match v.measure {
                    crate::model::Measure::Result => "",
                    crate::model::Measure::Target => text.target,
                };
                format!("    {} {measure}", v.year)
            }
            (EditTarget::TableRow { table, .. }, Field::Cell(col)) => {
                clean(&c.tables[table].columns[col].name)
            }
            _ => (text.field_names)(field),
        }
    };
    let value = |field: Field| -> String {
        match (editor.target, field) {
            (EditTarget::Fiche(r), Field::Scope) => {
                crate::strings::scope_name(app.lang, r.get(c).scope).to_string()
            }
            (EditTarget::Fiche(r), Field::Status) => r
                .get(c)
                .status
                .map(|s| crate::strings::status_name(app.lang, s).to_string())
                .unwrap_or_else(|| "—".into()),
            (EditTarget::Convention, Field::ClaimOperation(i)) => c
                .claims
                .get(i)
                .map(|claim| (structure.operation_name)(claim.operation).to_string())
                .unwrap_or_default(),
            _ => {
                let full = edit::current_text(c, editor.target, field, app.lang.numbers());
                let first = full.lines().next().unwrap_or_default().to_string();
                if full.lines().count() > 1 {
                    format!("{first} …")
                } else {
                    first
                }
            }
        }
    };
    let rows: Vec<Row> = editor
        .fields
        .iter()
        .map(|&f| Row::new(vec![label(f), clean(&value(f))]))
        .collect();
    let table = Table::new(rows, [Constraint::Length(30), Constraint::Fill(1)])
        .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(editor.scroll.offset)
        .with_selected(Some(editor.scroll.selected));
    frame.render_stateful_widget(table, list_area, &mut state);

    match &editor.input {
        Some(FieldInput::Text { area: input, .. }) => {
            let field = editor.fields.get(editor.scroll.selected).copied();
            let mut input = input.clone();
            input.set_block(block(
                format!(" {} ", field.map(label).unwrap_or_default().trim()),
                theme,
            ));
            input.set_style(theme.base);
            frame.render_widget(&*input, input_area);
        }
        Some(FieldInput::Choice { selected }) => {
            let field = editor.fields.get(editor.scroll.selected).copied();
            let options: Vec<String> = match field {
                Some(Field::Scope) => edit::SCOPES
                    .iter()
                    .map(|s| crate::strings::scope_name(app.lang, *s).to_string())
                    .collect(),
                Some(Field::ClaimOperation(_)) => edit::OPERATIONS
                    .iter()
                    .map(|o| (structure.operation_name)(*o).to_string())
                    .collect(),
                _ => edit::STATUSES
                    .iter()
                    .map(|s| {
                        s.map_or("—".to_string(), |s| {
                            crate::strings::status_name(app.lang, s).to_string()
                        })
                    })
                    .collect(),
            };
            let rows: Vec<Row> = options.into_iter().map(|o| Row::new(vec![o])).collect();
            let list = Table::new(rows, [Constraint::Fill(1)])
                .block(block(
                    format!(" {} ", field.map(label).unwrap_or_default()),
                    theme,
                ))
                .row_highlight_style(theme.selection);
            let mut state = TableState::default().with_selected(Some(*selected));
            frame.render_stateful_widget(list, input_area, &mut state);
        }
        None => {}
    }
    if let Some(error) = error {
        frame.render_widget(
            Paragraph::new(format!(
                "✗ {}",
                super::widgets::keep_together(&clean(error))
            ))
            .wrap(ratatui::widgets::Wrap { trim: false })
            .style(theme.error),
            error_area,
        );
    }
    // Only what works here, with the keys bound in force (issue 18, issue 19 item 4).
    let hint = app.editor_hint(editor);
    frame.render_widget(Paragraph::new(hint).style(theme.muted), hint_area);
}

/// A question that must be answered before anything else.
pub fn dialog(frame: &mut Frame, app: &App, theme: &Theme, dialog: &crate::app::Dialog) {
    let message = app.dialog_message(dialog);
    let lines: Vec<Line> = message
        .lines()
        .map(|l| Line::from(super::widgets::keep_together(l)))
        .collect();
    let width = frame.area().width.saturating_sub(4).min(76);
    let height = lines.len() as u16 + 4;
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block(" revue ", theme).border_style(theme.warning))
            .style(theme.base),
        area,
    );
}
