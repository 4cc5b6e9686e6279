//! Fiches tab: the list, and the full detail of the selected fiche — every section, its
//! budget and indicators, wrapped to the width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::app::tabs::{self, Focus};
use crate::app::{App, Document, Tab, layout, views};
use crate::model::{Block as TextBlock, Fiche, NumberStyle, Source, Table as DataTable, Value};
use crate::rules::Anchor;
use crate::rules::fiche_figure;
use crate::rules::figures::{self, Figure};
use crate::strings::{self, UiStrings, field_name};
use crate::ui::Theme;
use crate::ui::widgets::{block, clean, detail_lines, finding_line, marker, value_text};

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, body: Rect, detail: Rect) {
    let Some(doc) = app.document() else { return };
    let c = &doc.convention;
    let all = views::fiche_refs(c);
    let refs: Vec<views::FicheRef> = app
        .visible_rows(Tab::Fiches)
        .iter()
        .map(|&i| all[i])
        .collect();
    let (list_area, detail_area) = layout::fiches_split(body);
    // Only the rows the list can show from its scroll are worked out; the others hold
    // their place (a key costs the rows on screen, not the fiches of the document).
    let scroll = app.view.fiches;
    let height = usize::from(list_area.height);
    let from = scroll.offset.min(scroll.selected.saturating_sub(height));
    let to = scroll.offset.max(scroll.selected) + height;
    // The title column: the list's inner width less the marks' two columns and the gap.
    let title_width = usize::from(list_area.width).saturating_sub(2 + 2 + 1);
    let rows: Vec<Row> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if !(from..=to).contains(&i) {
                return Row::new(Vec::<Cell>::new());
            }
            let fiche = r.get(c);
            let worst = doc.lookup().worst_for_fiche(&fiche.id);
            // The review status (issue 15): ✓ relue, ↻ à revoir, nothing while à relire.
            let status = match doc.review.review.fiche_status(&fiche.id) {
                crate::model::FicheStatusReview::ARelire => " ",
                crate::model::FicheStatusReview::Relue => "✓",
                crate::model::FicheStatusReview::ARevoir => "↻",
            };
            Row::new(vec![
                Cell::from(Line::from(vec![
                    Span::styled(marker(worst), theme.severity(worst)),
                    Span::raw(status),
                ])),
                // Elided with …, never cut where the column ends.
                Cell::from(crate::app::tabs::grid::elide(
                    &format!(
                        "{}{} {}",
                        crate::app::structure::draft_mark(c, &fiche.id),
                        clean(&fiche.id),
                        clean(&fiche.title)
                    ),
                    title_width,
                )),
            ])
        })
        .collect();
    let list = Table::new(
        rows,
        [
            ratatui::layout::Constraint::Length(2),
            ratatui::layout::Constraint::Fill(1),
        ],
    )
    .block(block(
        format!(
            " {} ({}){} ",
            app.text().tab_names[1],
            refs.len(),
            crate::ui::widgets::filter_suffix(app, Tab::Fiches)
        ),
        theme,
    ))
    .row_highlight_style(theme.selection);
    let mut state = TableState::default()
        .with_offset(app.view.fiches.offset)
        .with_selected(Some(app.view.fiches.selected));
    frame.render_stateful_widget(list, list_area, &mut state);

    let Some(fiche) = refs.get(app.view.fiches.selected).map(|r| r.get(c)) else {
        return;
    };
    let (lines, focus, headings) = fiche_lines(app, doc, fiche, theme);
    // Wrapped as drawn: the rows counted below are the rows shown.
    let mut lines = crate::ui::widgets::lines_kept_together(lines);
    // The lines holding every word looked for (Ctrl-F), marked as a selection is.
    let words: Vec<String> = crate::search::normalise(&app.view.fiche_find)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let found: Vec<usize> = if words.is_empty() {
        Vec::new()
    } else {
        lines
            .iter()
            .enumerate()
            .filter(|(_, line)| {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                let text = crate::search::normalise(&text);
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    };
    for &i in &found {
        let line = std::mem::take(&mut lines[i]);
        lines[i] = line.patch_style(theme.selection);
    }
    // Where each line starts, in rows of the detail's width once wrapped.
    let inner = layout::inner(detail_area);
    let width = inner.width.max(1) as usize;
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut row = 0usize;
    for line in &lines {
        starts.push(row);
        row += wrapped_rows(line, width);
    }
    let rows = |at: usize| u16::try_from(at).unwrap_or(u16::MAX);
    // After a jump to a finding, the detail starts just above the line it is about; after
    // words were typed to find, at the first line holding them.
    let home = match (focus, found.first()) {
        (Some(line), _) => Some(line),
        (None, Some(&line)) if app.view.fiche_find_home => Some(line),
        _ => None,
    };
    let top = home.map_or(0, |line| starts[line].saturating_sub(1));
    let max_scroll = rows(row.saturating_sub(inner.height as usize));
    let extent = crate::app::DetailExtent {
        top: rows(top).min(max_scroll),
        max_scroll,
        sections: headings.iter().map(|&line| rows(starts[line])).collect(),
        matches: found.iter().map(|&line| rows(starts[line])).collect(),
    };
    let scroll = extent
        .top
        .saturating_add(app.view.fiche_detail_scroll)
        .min(max_scroll);
    if *app.view.fiche_detail_extent.borrow() != extent {
        *app.view.fiche_detail_extent.borrow_mut() = extent;
    }
    // The fiche's review status and note in the detail's title (issue 15).
    let review = strings::review(app.lang);
    let mut title = clean(&fiche.id);
    // What is being found comes first while it is: it is what the user is looking at.
    if !words.is_empty() {
        title.push_str(&format!(
            " — {}",
            (app.text().found)(&clean(&app.view.fiche_find), found.len(), &app.match_keys(),)
        ));
    }
    title.push_str(&format!(
        " · {}",
        review.fiche_status(doc.review.review.fiche_status(&fiche.id))
    ));
    if let Some(entry) = doc.review.review.fiches.get(&fiche.id)
        && !entry.note.is_empty()
    {
        title.push_str(&format!(" — {}", clean(&entry.note)));
    }
    let width = detail_area.width.saturating_sub(4) as usize;
    let title = crate::app::tabs::grid::elide(&title, width);
    let paragraph = Paragraph::new(lines)
        .block(block(format!(" {title} "), theme))
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, detail_area);

    let summary: Vec<Line> = views::fiche_findings(&doc.findings, &fiche.id)
        .take(2)
        .map(|f| finding_line(f.severity, &f.message, theme))
        .collect();
    detail_lines(frame, theme, detail, summary);
}

/// A figure as the detail shows it, the euro sign held to its figure.
fn figure_text(value: &Value, numbers: NumberStyle) -> String {
    match value {
        Value::Amount(d) => numbers.euros_unbroken(*d),
        other => value_text(other, numbers),
    }
}

/// A finding's stated figure as the document writes it (amounts the French way).
fn stated_text(finding: &crate::rules::Finding, numbers: NumberStyle) -> String {
    let stated = finding.stated.as_deref().unwrap_or_default();
    match stated.parse::<rust_decimal::Decimal>() {
        Ok(d) => numbers.amount(d),
        Err(_) => clean(stated),
    }
}

/// How many rows a line takes once wrapped at word boundaries to `width` (as the detail
/// paragraph wraps it).
pub(crate) fn wrapped_rows(line: &Line, width: usize) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = crate::app::unicode_width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows += 1;
            used = w.min(width);
            // A word longer than the row is broken over several.
            rows += w.saturating_sub(1) / width;
            if w > width {
                used = w % width;
            }
        }
    }
    rows
}

/// The whole fiche as text lines, section by section, every file text sanitised; with the
/// line the view's focus (a jump to a finding) is on.
pub fn fiche_lines(
    app: &App,
    doc: &Document,
    fiche: &Fiche,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>, Vec<usize>) {
    let mut focus_line = None;
    let focus = app.view.fiche_focus;
    let t = app.text();
    let lang = app.lang;
    let mut out = Lines {
        lang,
        headings: Vec::new(),
        lines: Vec::new(),
        theme,
    };
    out.lines
        .push(Line::styled(clean(&fiche.title), theme.title));
    let mut facts = Vec::new();
    if !fiche.measure.is_empty() {
        facts.push(strings::labelled(lang, t.measure, &clean(&fiche.measure)));
    }
    facts.push(strings::labelled(
        lang,
        t.scope,
        strings::scope_name(lang, fiche.scope),
    ));
    if let Some(status) = fiche.status {
        facts.push(strings::labelled(
            lang,
            t.status,
            strings::status_name(lang, status),
        ));
    }
    out.lines.push(Line::styled(facts.join(" · "), theme.muted));
    if !fiche.status_text.is_empty() {
        out.lines
            .push(Line::styled(clean(&fiche.status_text), theme.muted));
    }
    // Issue 16: figures a program read and no person has confirmed yet.
    if crate::app::structure::is_unconfirmed(&doc.convention, &fiche.id) {
        let confirm = app.key_name(crate::keys::Action::ConfirmFiche);
        out.lines.push(Line::styled(
            (strings::structure(lang).unconfirmed_line)(&confirm),
            theme.warning,
        ));
    }

    let findings: Vec<_> = views::fiche_findings(&doc.findings, &fiche.id).collect();
    if !findings.is_empty() {
        out.heading(&format!("{} ({})", t.findings_heading, findings.len()));
        for f in findings {
            out.lines.push(finding_line(f.severity, &f.message, theme));
        }
    }
    for (title, block) in [
        (t.section_description, &fiche.description),
        (t.section_objective, &fiche.objective),
        (t.section_area, &fiche.area),
        (t.section_start, &fiche.start),
        (t.section_duration, &fiche.duration),
    ] {
        if let Some(block) = block {
            out.block(title, block);
        }
    }
    if let Some(partners) = &fiche.partners {
        out.heading(t.section_partners);
        for name in &partners.names {
            out.lines.push(Line::from(format!("• {}", clean(name))));
        }
        out.text(&partners.text);
        out.source(&partners.source, t);
    }
    if let Some(budget) = &fiche.budget {
        out.heading(t.section_budget);
        if let Some(period) = &budget.period {
            out.lines.push(Line::styled(clean(period), theme.muted));
        }
        if let Some(planned) = &budget.planned
            && !planned.label.is_empty()
        {
            out.lines
                .push(Line::styled(clean(&planned.label), theme.muted));
        }
        let shares = budget.planned.iter().flat_map(|p| &p.others);
        let (planned, consumed) = crate::model::BudgetField::FICHE.split_at(3);
        // The same figures as the Budgets tab: stated, or computed (`=`) from stated parts.
        let shown = |out: &mut Lines, field| match figures::fiche_figure(budget, field) {
            Some(Figure::Computed(amount)) => out.lines.push(Line::styled(
                strings::labelled(
                    lang,
                    field_name(lang, field),
                    &format!("={}", figure_text(&Value::Amount(amount), lang.numbers())),
                ),
                theme.muted,
            )),
            Some(_) => {
                if let Some(value) = fiche_figure(budget, field) {
                    out.figure(
                        field_name(lang, field),
                        value,
                        budget_severity(doc, fiche, field),
                    );
                }
            }
            None => {}
        };
        for &field in planned {
            shown(&mut out, field);
        }
        for funder in shares {
            out.figure(&clean(&funder.name), &funder.amount, None);
        }
        for &field in consumed {
            shown(&mut out, field);
        }
        for line in &budget.executed_lines {
            out.figure(&format!("  {}", clean(&line.name)), &line.amount, None);
        }
        for (index, r) in budget.reallocations.iter().enumerate() {
            if focus == Some(Focus::Reallocation(index)) {
                focus_line = Some(out.lines.len());
            }
            let severity = tabs::worst(
                &doc.findings,
                |f| matches!(&f.anchor, Anchor::Reallocation { fiche: id, index: i } if *id == fiche.id && *i == index),
            );
            let to = match (&r.to_fiche, r.to.is_empty()) {
                (Some(id), true) => format!("{} {}", t.reallocated_to, clean(id)),
                (Some(id), false) => {
                    format!("{} {} ({})", t.reallocated_to, clean(id), clean(&r.to))
                }
                (None, _) => format!("{} {}", t.reallocated_to, clean(&r.to)),
            };
            match severity {
                Some(severity) => {
                    out.marked(severity, &figure_text(&r.amount, lang.numbers()), &to)
                }
                None => out.figure(&to, &r.amount, None),
            }
        }
        for (index, table) in budget.tables.iter().enumerate() {
            // Findings about the table itself (its TOTAL row, its columns), not the fiche's
            // figure it adds up to, which is marked on that figure.
            let about_table: Vec<_> = doc
                .findings
                .iter()
                .filter(|f| {
                    matches!(&f.anchor, Anchor::BudgetTable { fiche: id, table, .. } if *id == fiche.id && *table == index)
                        && tabs::cell_of_fiche(&doc.convention, f).is_none()
                })
                .collect();
            let severity = about_table.iter().map(|f| f.severity).min();
            out.table(table, t, severity);
            if focus == Some(Focus::Table(index)) {
                focus_line = Some(out.lines.len());
            }
            // Each contested figure of the table, stated, marked, and where it is.
            for finding in about_table {
                let place: Vec<&str> = finding.location.rsplit(" › ").take(2).collect();
                let place: Vec<&str> = place.into_iter().rev().collect();
                out.marked(
                    finding.severity,
                    &stated_text(finding, lang.numbers()),
                    &clean(&place.join(" › ")),
                );
            }
        }
        out.text(&budget.text);
        out.source(&budget.source, t);
    }
    let cited: Vec<(usize, &crate::model::Statement)> = doc
        .convention
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(&s.scope, crate::model::StatementScope::Fiche(id) if crate::model::normalise_fiche_id(id) == crate::model::normalise_fiche_id(&fiche.id)))
        .collect();
    if !cited.is_empty() {
        out.heading(crate::strings::figures(lang).cited_elsewhere);
        for (index, statement) in cited {
            if focus == Some(Focus::Statement(index)) {
                focus_line = Some(out.lines.len());
            }
            let severity = tabs::worst(&doc.findings, |f| f.anchor == Anchor::Statement { index });
            let label = format!(
                "{} · {}",
                crate::strings::statement_figure_name(lang, statement),
                clean(if statement.text.is_empty() {
                    &fiche.id
                } else {
                    &statement.text
                })
            );
            match severity {
                Some(severity) => out.marked(
                    severity,
                    &figure_text(&statement.value, lang.numbers()),
                    &label,
                ),
                None => out.figure(&label, &statement.value, None),
            }
        }
    }
    if !fiche.indicators.is_empty() {
        out.heading(t.section_indicators);
        for indicator in &fiche.indicators {
            let mut parts = Vec::new();
            if let Some(base) = &indicator.baseline {
                let label = if indicator.baseline_label.is_empty() {
                    t.baseline
                } else {
                    &indicator.baseline_label
                };
                parts.push(strings::labelled(
                    lang,
                    &clean(label),
                    &value_text(base, lang.numbers()),
                ));
            }
            for v in &indicator.values {
                let kind = match v.measure {
                    crate::model::Measure::Result => "",
                    crate::model::Measure::Target => t.target,
                };
                let value = v
                    .value
                    .as_ref()
                    .map(|v| value_text(v, lang.numbers()))
                    .unwrap_or_else(|| "—".to_string());
                parts.push(strings::labelled(
                    lang,
                    format!("{} {kind}", v.year).trim_end(),
                    &value,
                ));
            }
            out.lines.push(Line::from(vec![
                Span::raw("• "),
                Span::styled(
                    clean(&indicator.name),
                    Style::default().add_modifier(ratatui::style::Modifier::BOLD),
                ),
            ]));
            if !parts.is_empty() {
                out.lines
                    .push(Line::from(format!("  {}", parts.join(" · "))));
            }
            if !indicator.note.is_empty() {
                out.lines.push(Line::styled(
                    format!("  {}", clean(&indicator.note)),
                    theme.muted,
                ));
            }
        }
    }
    if let Some(assessment) = &fiche.assessment {
        out.heading(t.section_assessment);
        out.text(&assessment.text);
        if !assessment.positives.is_empty() {
            out.lines
                .push(Line::styled(t.section_positives.to_string(), theme.header));
            out.text(&assessment.positives);
        }
        if !assessment.improvements.is_empty() {
            out.lines.push(Line::styled(
                t.section_improvements.to_string(),
                theme.header,
            ));
            out.text(&assessment.improvements);
        }
        out.source(&assessment.source, t);
    }
    if let Some(perspectives) = &fiche.perspectives {
        out.block(t.section_perspectives, perspectives);
    }
    if !fiche.claims.is_empty() {
        out.heading(t.section_claims);
        for (index, claim) in fiche.claims.iter().enumerate() {
            if focus == Some(Focus::Claim(index)) {
                focus_line = Some(out.lines.len());
            }
            let severity = tabs::worst(
                &doc.findings,
                |f| matches!(&f.anchor, Anchor::Claim { fiche: Some(id), index: i } if *id == fiche.id && *i == index),
            );
            match severity {
                // The stated figure the finding contests first, marked.
                Some(severity) => out.marked(
                    severity,
                    &figure_text(&claim.stated, lang.numbers()),
                    &strings::quoted(lang, &clean(&claim.text)),
                ),
                None => out
                    .lines
                    .push(Line::from(format!("• {}", clean(&claim.text)))),
            }
        }
    }
    for section in &fiche.sections {
        out.heading(&clean(&section.title));
        out.text(&section.text);
        out.source(&section.source, t);
    }
    if !fiche.source.is_empty() {
        out.lines.push(Line::from(""));
        out.source(&fiche.source, t);
    }
    (out.lines, focus_line, out.headings)
}

/// The most serious finding about one of the fiche's budget figures, wherever it was found
/// (the fiche itself, a summary table's row, a figure stated elsewhere).
fn budget_severity(
    doc: &Document,
    fiche: &Fiche,
    field: crate::model::BudgetField,
) -> Option<crate::rules::Severity> {
    tabs::budget_figure_severity(doc, &fiche.id, field)
}

struct Lines<'t> {
    lines: Vec<Line<'static>>,
    /// For the typography of labels and quotes.
    lang: strings::Lang,
    /// The line of each section heading, for `{` / `}`.
    headings: Vec<usize>,
    theme: &'t Theme,
}

impl Lines<'_> {
    fn heading(&mut self, title: &str) {
        self.lines.push(Line::from(""));
        self.headings.push(self.lines.len());
        self.lines
            .push(Line::styled(title.to_string(), self.theme.header));
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let shown = crate::text::shorten(text, crate::text::DISPLAY_LIMIT);
        for line in crate::text::sanitize_multiline(&shown).lines() {
            self.lines.push(Line::from(line.to_string()));
        }
    }

    fn source(&mut self, source: &Source, t: &UiStrings) {
        if !source.is_empty() {
            self.lines.push(Line::styled(
                strings::labelled(self.lang, t.source, &clean(&source.describe())),
                self.theme.muted,
            ));
        }
    }

    fn block(&mut self, title: &str, block: &TextBlock) {
        self.heading(title);
        self.text(&block.text);
    }

    /// A contested figure, marked, before what it is: `✗ 136 977 € ← solde · « … »`.
    fn marked(&mut self, severity: crate::rules::Severity, stated: &str, what: &str) {
        let style = self.theme.severity(Some(severity));
        self.lines.push(Line::from(vec![
            Span::styled(format!("{} {stated}", marker(Some(severity))), style),
            Span::raw(format!(" ← {what}")),
        ]));
    }

    fn figure(&mut self, label: &str, value: &Value, severity: Option<crate::rules::Severity>) {
        let shown = match value {
            // A no-break space: the euro sign never wraps away from its figure.
            Value::Amount(d) => self.lang.numbers().euros_unbroken(*d),
            other => value_text(other, self.lang.numbers()),
        };
        let style = self.theme.severity(severity);
        let mark = match severity {
            Some(_) => format!("{} ", marker(severity)),
            None => String::new(),
        };
        self.lines.push(Line::from(vec![
            Span::raw(strings::labelled(self.lang, label, "")),
            Span::styled(format!("{mark}{shown}"), style),
        ]));
    }

    fn table(
        &mut self,
        table: &DataTable,
        t: &UiStrings,
        severity: Option<crate::rules::Severity>,
    ) {
        let mut title = vec![Span::styled(
            format!("▸ {}", clean(&table.title)),
            self.theme.header,
        )];
        if severity.is_some() {
            title.insert(
                0,
                Span::styled(
                    format!("{} ", marker(severity)),
                    self.theme.severity(severity),
                ),
            );
        }
        self.lines.push(Line::from(title));
        let names: Vec<String> = table.columns.iter().map(|c| clean(&c.name)).collect();
        self.lines.push(Line::styled(
            format!("  {}", names.join(" | ")),
            self.theme.muted,
        ));
        for (index, row) in table.rows.iter().chain(table.total.iter()).enumerate() {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| {
                    c.as_ref()
                        .map(|v| value_text(v, self.lang.numbers()))
                        .unwrap_or_default()
                })
                .collect();
            let line = format!("  {}", cells.join(" | "));
            // The TOTAL row holds the stated figures a table finding contests.
            if index == table.rows.len() && severity.is_some() {
                self.lines.push(Line::from(vec![
                    Span::styled(
                        format!("{} ", marker(severity)),
                        self.theme.severity(severity),
                    ),
                    Span::styled(line, self.theme.severity(severity)),
                ]));
            } else {
                self.lines.push(Line::from(line));
            }
        }
        if !table.note.is_empty() {
            self.text(&table.note);
        }
        self.source(&table.source, t);
    }
}
