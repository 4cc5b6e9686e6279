//! Issue 12 on ratatui's TestBackend, over every bundled convention at 80×24, 120×35 and
//! 200×60: every figure drawn is whole and is a figure of the model or a sum the app
//! computes; every subtotal is the sum of its rows and agrees with `revue summary`; every
//! finding's jump shows its stated figure with its marker.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use revue::app::tabs::grid::{CellKind, Grid};
use revue::app::views::{self, AxesRow, BudgetRow};
use revue::app::{Action, App, Keymap, Tab};
use revue::model::{BudgetField, Value};
use revue::rules::figures;
use revue::rules::{Config, Severity};
use revue::storage;
use revue::strings::Lang;
use revue::ui::{self, Theme};
use rust_decimal::Decimal;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 35), (200, 60)];
/// English figures (`1,207,650.75`) are checked at the smallest screen and the usual one: the
/// French run covers every size, the English figures are as wide as the French ones.
const ENGLISH_SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

/// Every language with the sizes its run covers.
fn runs() -> [(Lang, &'static [(u16, u16)]); 2] {
    [(Lang::Fr, &SIZES), (Lang::En, &ENGLISH_SIZES)]
}

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn app(width: u16, height: u16) -> App {
    app_in(Lang::Fr, width, height)
}

fn app_in(lang: Lang, width: u16, height: u16) -> App {
    let rules = Config {
        current_year: 2026,
        lang,
        ..Config::default()
    };
    let mut app = App::new(
        storage::load_paths(&[data()]),
        Keymap::default(),
        lang,
        rules,
    );
    app.resize(width, height);
    app
}

fn buffer(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().replace('\u{a0}', " "))
                .collect()
        })
        .collect()
}

/// The text drawn from column `x` over `width` cells of row `y`.
fn drawn(buffer: &Buffer, x: u16, y: u16, width: u16) -> String {
    let mut out = String::new();
    let mut column = x;
    while column < x + width {
        let symbol = buffer[(column, y)].symbol();
        out.push_str(symbol);
        column += (revue::app::unicode_width(symbol) as u16).max(1);
    }
    out.replace('\u{a0}', " ")
}

/// Every figure cell on screen is drawn whole, in its column.
fn assert_figures_whole(app: &App, tab: Tab, grid: &Grid, what: &str) {
    let buffer = buffer(app);
    let window = app.grid_window(tab, grid);
    let body = revue::app::layout::areas(app.screen).body;
    let rows = revue::app::layout::table_rows(body);
    let scroll = match tab {
        Tab::Axes => app.view.axes,
        Tab::Budgets => app.view.budgets,
        _ => app.view.indicators,
    };
    // The table shows from its offset, moved to keep the selection in view.
    let mut offset = scroll.offset;
    if scroll.selected >= offset + rows.height as usize {
        offset = scroll.selected + 1 - rows.height as usize;
    }
    let used: u16 = window.columns.iter().map(|(_, w)| w + 1).sum::<u16>() + 1;
    assert!(
        used <= rows.width,
        "{what}: columns {:?} need {used} of {}",
        window.columns,
        rows.width
    );
    let mut x = rows.x + 2;
    for &(column, width) in &window.columns {
        for (line, row) in grid
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows.height as usize)
        {
            let cell = &row.cells[column];
            if !cell.is_figure() || cell.text.is_empty() {
                continue;
            }
            let y = rows.y + (line - offset) as u16;
            let shown = drawn(&buffer, x, y, width);
            assert_eq!(
                shown.trim(),
                cell.text.replace('\u{a0}', " "),
                "{what}: a figure cut in column {column} row {line}:\n{}",
                lines(&buffer).join("\n")
            );
        }
        x += width + 1;
    }
}

/// A figure cell's number, read the way the language writes it (`1 207 650,75` in French,
/// `1,207,650.75` in English).
fn amount(text: &str, lang: Lang) -> Option<Decimal> {
    let figure = text
        .trim_start_matches(['✗', '!', ' ', '='])
        .trim_end_matches('*');
    let plain = match lang {
        Lang::Fr => figure.replace(['\u{a0}', ' '], "").replace(',', "."),
        Lang::En => figure.replace(',', ""),
    };
    plain.parse().ok()
}

/// Every column of every table tab at every size, scrolled through: no figure is cut.
#[test]
fn every_figure_on_screen_is_whole() {
    for (lang, sizes) in runs() {
        for &(width, height) in sizes {
            every_figure_whole_at(lang, width, height);
        }
    }
}

fn every_figure_whole_at(lang: Lang, width: u16, height: u16) {
    {
        let mut app = app_in(lang, width, height);
        for document in 0..app.documents.len() {
            app.show_convention(document);
            let tables = app.documents[document].convention.tables.len();
            for (tab, view) in [(Tab::Axes, 0), (Tab::Indicators, 0)]
                .into_iter()
                .chain((0..=tables).map(|v| (Tab::Budgets, v)))
            {
                app.update(Action::GoTo(tab));
                app.view.budget_view = view;
                let grid = app.grid(tab);
                let columns = grid.columns.len();
                for first in 0..columns {
                    app.view.columns[tab.index()] = first;
                    for _ in 0..3 {
                        assert_figures_whole(
                            &app,
                            tab,
                            &grid,
                            &format!(
                                "{lang:?} {width}×{height} document {document} {tab:?} view {view}"
                            ),
                        );
                        app.update(Action::PageDown);
                    }
                    app.update(Action::Home);
                }
                app.view.columns[tab.index()] = 0;
            }
            app.view.budget_view = 0;
        }
    }
}

/// A figure of the fiche as the model holds it (stated or computed), or words.
fn fiche_figure(app: &App, fiche: views::FicheRef, field: BudgetField) -> Option<figures::Figure> {
    let c = &app.document().unwrap().convention;
    fiche
        .get(c)
        .budget
        .as_ref()
        .and_then(|b| figures::fiche_figure(b, field))
}

/// Budgets: each fiche cell is the model's figure; each axe row is the sum of the fiche
/// rows under it and the last row the sum of them all, and that agrees with `summary`.
#[test]
fn budget_cells_are_the_models_figures_and_subtotals_add_up() {
    budget_cells_add_up_in(Lang::Fr);
    budget_cells_add_up_in(Lang::En);
}

fn budget_cells_add_up_in(lang: Lang) {
    let mut app = app_in(lang, 200, 60);
    for document in 0..app.documents.len() {
        app.show_convention(document);
        app.update(Action::GoTo(Tab::Budgets));
        let c = app.document().unwrap().convention.clone();
        let fields = revue::app::tabs::budgets::fields(&c);
        let grid = app.grid(Tab::Budgets);
        let rows = views::budget_rows(&c);
        assert_eq!(rows.len(), grid.rows.len());
        let mut all_sums = vec![Decimal::ZERO; fields.len()];
        for (row, shown) in rows.iter().zip(&grid.rows) {
            for (i, field) in fields.iter().enumerate() {
                let cell = &shown.cells[i + 1];
                match row {
                    BudgetRow::Fiche(f) => {
                        let model = fiche_figure(&app, *f, *field);
                        assert_eq!(cell.figure, model.as_ref().and_then(|m| m.amount()));
                        let kind = match model {
                            Some(figures::Figure::Stated(_)) => CellKind::Stated,
                            Some(figures::Figure::Computed(_)) => CellKind::Computed,
                            Some(figures::Figure::Text(_)) => CellKind::Text,
                            None => CellKind::Empty,
                        };
                        assert_eq!(cell.kind, kind, "{:?}", cell);
                        if let Some(figure) = cell.figure {
                            assert_eq!(amount(&cell.text, lang), Some(figure), "{}", cell.text);
                            all_sums[i] += figure;
                        }
                    }
                    BudgetRow::Axe(_) | BudgetRow::GrandTotal => {}
                }
            }
        }
        // Subtotals, in a second pass: each axe row against the fiches under it.
        let mut current: Option<usize> = None;
        let mut sums = vec![Decimal::ZERO; fields.len()];
        let check = |at: usize, sums: &[Decimal]| {
            for (i, sum) in sums.iter().enumerate() {
                let cell = &grid.rows[at].cells[i + 1];
                assert_eq!(cell.figure.unwrap_or_default(), *sum, "row {at} column {i}");
                if let Some(f) = cell.figure {
                    assert_eq!(amount(&cell.text, lang), Some(f));
                }
            }
        };
        for (at, row) in rows.iter().enumerate() {
            match row {
                BudgetRow::Axe(_) => {
                    if let Some(axe) = current {
                        check(axe, &sums);
                    }
                    current = Some(at);
                    sums = vec![Decimal::ZERO; fields.len()];
                }
                BudgetRow::Fiche(_) => {
                    for (i, sum) in sums.iter_mut().enumerate() {
                        *sum += grid.rows[at].cells[i + 1].figure.unwrap_or_default();
                    }
                }
                BudgetRow::GrandTotal => {
                    if let Some(axe) = current {
                        check(axe, &sums);
                    }
                    check(at, &all_sums);
                }
            }
        }
        // The same totals as `revue summary`.
        let summary = revue::cli::summarise(Path::new("x"), &c, Lang::Fr);
        let total = grid.rows.last().unwrap();
        let column = |field| {
            fields
                .iter()
                .position(|f| *f == field)
                .map(|i| &total.cells[i + 1])
        };
        for (field, expected) in [
            (BudgetField::PlannedEtat, summary.planned_etat),
            (BudgetField::PlannedDepartement, summary.planned_departement),
            (BudgetField::PlannedOther, summary.planned_other),
            (BudgetField::PlannedTotal, summary.planned_total),
            (BudgetField::Engaged, summary.engaged),
            (BudgetField::Executed, summary.executed),
            (BudgetField::Remaining, summary.remaining),
        ] {
            if let Some(cell) = column(field) {
                assert_eq!(
                    cell.figure.unwrap_or_default(),
                    expected.unwrap_or_default(),
                    "{field:?}"
                );
            }
        }
        // And the Axes tab's total of every axe.
        app.update(Action::GoTo(Tab::Axes));
        let axes = app.grid(Tab::Axes);
        let axes_fields = revue::app::tabs::axes::fields(&c);
        // The document's sections come after the total (issue 19): find it by what it is.
        let total_at = views::axes_rows(&c, &Default::default())
            .iter()
            .position(|r| matches!(r, AxesRow::GrandTotal))
            .unwrap();
        let axes_total = &axes.rows[total_at];
        for (i, field) in axes_fields.iter().enumerate() {
            assert_eq!(
                axes_total.cells[i + 1].figure,
                column(*field).and_then(|c| c.figure)
            );
        }
        let axe_rows: Vec<usize> = views::axes_rows(&c, &Default::default())
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, AxesRow::Axe(_)))
            .map(|(i, _)| i)
            .collect();
        for at in axe_rows {
            assert_eq!(axes.rows[at].style, revue::app::tabs::grid::RowStyle::Total);
        }
    }
}

/// Enter on each finding of `check` shows its stated figure on screen, with the marker of
/// its severity on the same line.
#[test]
fn every_finding_jumps_to_its_stated_figure_marked() {
    for (lang, sizes) in runs() {
        for &(width, height) in sizes {
            every_finding_jumps_at(lang, width, height);
        }
    }
}

fn every_finding_jumps_at(lang: Lang, width: u16, height: u16) {
    {
        let mut app = app_in(lang, width, height);
        let mut missed = Vec::new();
        for document in 0..app.documents.len() {
            for finding in 0..app.documents[document].findings.len() {
                let f = app.documents[document].findings[finding].clone();
                app.jump_to(document, finding);
                let screen = lines(&buffer(&app));
                let marker = match f.severity {
                    Severity::Error => "✗",
                    Severity::Warning => "!",
                };
                let stated: Option<String> =
                    f.stated.as_deref().map(|s| match s.parse::<Decimal>() {
                        Ok(d) => lang.numbers().amount(d).replace('\u{a0}', " "),
                        Err(_) => s.chars().take(10).collect(),
                    });
                // The body and its title, not the footer that repeats the message.
                let body = &screen[..screen.len() - 3];
                let found = body.iter().any(|line| {
                    line.contains(marker)
                        && stated.as_ref().is_none_or(|s| line.contains(s.as_str()))
                });
                if !found {
                    missed.push(format!(
                        "{lang:?} {width}×{height} {} [{}] {} — stated {stated:?}\n{}",
                        f.rule.id(),
                        f.location,
                        f.message,
                        screen.join("\n")
                    ));
                }
                app.update(Action::Back);
            }
        }
        assert!(
            missed.is_empty(),
            "{} missed:\n{}",
            missed.len(),
            missed.join("\n\n")
        );
    }
}

/// Tab counts: the findings each tab shows for the convention shown, every finding counted
/// in exactly one of the first four tabs; the Anomalies tab lists the current convention's.
#[test]
fn counts_are_the_findings_each_tab_shows() {
    let mut app = app(120, 35);
    for document in 0..app.documents.len() {
        app.show_convention(document);
        let findings = &app.documents[document].findings;
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = findings.len() - errors;
        let (e, w) = [Tab::Axes, Tab::Fiches, Tab::Budgets, Tab::Indicators]
            .iter()
            .map(|t| app.tab_counts(*t))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
        assert_eq!((e, w), (errors, warnings), "document {document}");
        assert_eq!(app.tab_counts(Tab::Anomalies), (errors, warnings));
        assert_eq!(app.anomaly_rows().len(), findings.len());
    }
    app.update(Action::GoTo(Tab::Anomalies));
    app.update(Action::Right);
    let all: usize = app.documents.iter().map(|d| d.findings.len()).sum();
    assert_eq!(app.anomaly_rows().len(), all, "→ shows every convention's");
    app.update(Action::Left);
    assert_eq!(
        app.anomaly_rows().len(),
        app.document().unwrap().findings.len()
    );
}

/// At 80×24 every tab keeps the ids (and the Indicateurs tab the year under review).
#[test]
fn ids_and_the_year_under_review_stay_at_80_by_24() {
    let mut app = app(80, 24);
    app.update(Action::GoTo(Tab::Indicators));
    let screen = lines(&buffer(&app)).join("\n");
    assert!(screen.contains("2019"), "{screen}");
    app.update(Action::GoTo(Tab::Budgets));
    let screen = lines(&buffer(&app)).join("\n");
    for id in ["1-1 ", "1-2 ", "2-1 "] {
        assert!(screen.contains(id), "{id}\n{screen}");
    }
    assert!(screen.contains("colonne"), "more columns said:\n{screen}");
}

/// A text figure in a column is shown and left out of its subtotal, which says so.
#[test]
fn a_subtotal_leaving_out_words_is_marked_and_explained() {
    let mut app = app(200, 60);
    app.update(Action::GoTo(Tab::Budgets));
    let grid = app.grid(Tab::Budgets);
    let partial = grid
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.kind == CellKind::PartialSum))
        .expect("CD13's \"Oui.\" is left out of axe 3's executed");
    assert!(grid.rows[partial].note.as_deref().unwrap().contains("Oui."));
    for _ in 0..partial {
        app.update(Action::Down);
    }
    let screen = lines(&buffer(&app)).join("\n");
    assert!(
        screen.contains("1 montant non chiffré exclu : Oui."),
        "{screen}"
    );
    let _ = Value::Text(String::new());
}

/// After the fiches moved under it (an edit, an undo, a reload), a selection stays on its
/// fiche, found by id; a tab switch keeps the selected fiche (issue 19, item 6).
#[test]
fn selections_follow_their_fiche() {
    let mut app = app(120, 35);
    app.update(Action::GoTo(Tab::Fiches));
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let id = |app: &App| {
        let c = &app.document().unwrap().convention;
        views::fiche_refs(c)[app.selected_row(Tab::Fiches).unwrap()]
            .get(c)
            .id
            .clone()
    };
    let before = id(&app);
    let copy = app.documents[0].convention.axes[0].fiches[0].clone();
    std::sync::Arc::make_mut(&mut app.documents[0].convention).axes[0]
        .fiches
        .insert(
            0,
            revue::model::Fiche {
                id: "0-0".into(),
                ..copy
            },
        );
    app.retarget_selections();
    assert_eq!(id(&app), before);
    // The Budgets and Axes tabs open on the same fiche.
    for tab in [Tab::Budgets, Tab::Axes, Tab::Fiches] {
        app.update(Action::GoTo(tab));
        let c = &app.document().unwrap().convention;
        let shown = match tab {
            Tab::Budgets => match views::budget_rows(c)[app.selected_row(tab).unwrap()] {
                BudgetRow::Fiche(f) => f.get(c).id.clone(),
                other => panic!("{other:?}"),
            },
            Tab::Axes => match views::axes_rows(c, &app.view.collapsed)[app.view.axes.selected] {
                AxesRow::Fiche(f) => f.get(c).id.clone(),
                other => panic!("{other:?}"),
            },
            _ => id(&app),
        };
        assert_eq!(shown, before, "{tab:?}");
    }
}

/// A filtered document table still shows the document's TOTAL, and says it is that
/// (issue 19, item 10).
#[test]
fn a_filtered_table_says_its_total_is_the_documents() {
    let mut app = app(200, 60);
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Right);
    app.filters[Tab::Budgets.index()] = "3-2".to_string();
    let screen = lines(&buffer(&app)).join("\n");
    assert!(screen.contains("TOTAL (document entier)"), "{screen}");
}

/// The cell a finding is about carries its marker, with the finding's severity.
#[test]
fn markers_sit_on_the_cell_with_its_severity() {
    let mut app = app(200, 60);
    let cell = |app: &mut App, document: usize, fiche: &str, field: BudgetField| {
        app.show_convention(document);
        app.update(Action::GoTo(Tab::Budgets));
        app.view.budget_view = 0;
        let c = app.document().unwrap().convention.clone();
        let fields = revue::app::tabs::budgets::fields(&c);
        let column = fields.iter().position(|f| *f == field).unwrap() + 1;
        let row = views::budget_rows(&c)
            .iter()
            .position(|r| matches!(r, BudgetRow::Fiche(f) if f.get(&c).id == fiche))
            .unwrap();
        app.grid(Tab::Budgets).rows[row].cells[column].clone()
    };
    // CD13 3-1 executed "Oui." is a warning, not an error.
    let oui = cell(&mut app, 0, "3-1", BudgetField::Executed);
    assert_eq!(
        (oui.severity, oui.text.as_str()),
        (Some(Severity::Warning), "! Oui.")
    );
    // 3-3's remaining, stated otherwise in the financial table's observations.
    let solde = cell(&mut app, 0, "3-3", BudgetField::Remaining);
    assert_eq!(solde.severity, Some(Severity::Error));
    // Seine-et-Marne FICHE 12: the detail lines contradict the Département share, not the
    // (computed) total.
    let departement = cell(&mut app, 2, "FICHE 12", BudgetField::PlannedDepartement);
    assert_eq!(departement.severity, Some(Severity::Error));
    let total = cell(&mut app, 2, "FICHE 12", BudgetField::PlannedTotal);
    assert_eq!((total.severity, total.kind), (None, CellKind::Computed));
    // Figures stated differently elsewhere (FICHE 5's total, FICHE 16's État share).
    assert_eq!(
        cell(&mut app, 2, "FICHE 5", BudgetField::PlannedTotal).severity,
        Some(Severity::Error)
    );
    assert_eq!(
        cell(&mut app, 2, "FICHE 16", BudgetField::PlannedEtat).severity,
        Some(Severity::Error)
    );
}

/// `summary` gives the totals the tabs show, and both planned totals where they differ.
#[test]
fn summary_states_both_planned_totals_where_they_differ() {
    let report = storage::load_paths(&[data()]);
    let summaries: Vec<_> = report
        .files
        .iter()
        .map(|f| revue::cli::summarise(&f.path, &f.convention, Lang::Fr))
        .collect();
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let cd77 = &summaries[2];
    assert_eq!(cd77.planned_total, Some(d("10671230")));
    assert_eq!(cd77.planned_total_stated, Some(d("7287805")));
    assert_eq!(cd77.planned_total_computed, Some(d("10671230")));
    assert_eq!(cd77.planned_other, Some(d("1105046.55")));
    let cd13 = &summaries[0];
    assert_eq!(cd13.planned_total, Some(d("4868310")));
    assert_eq!(
        cd13.planned_total_stated, None,
        "no difference, nothing added"
    );
    assert_eq!(cd13.engaged, Some(d("1682188")));
    assert_eq!(cd13.executed, Some(d("1607976")));
    assert_eq!(cd13.excluded, vec!["Oui. (Exécuté)".to_string()]);
    let json = serde_json::to_value(cd77).unwrap();
    assert_eq!(json["planned_total_stated"], "7287805");
    assert!(
        serde_json::to_value(cd13)
            .unwrap()
            .get("planned_total_stated")
            .is_none()
    );
}

/// Each finding is counted in the tab Enter takes it to.
#[test]
fn a_finding_is_counted_where_enter_takes_it() {
    let mut app = app(120, 35);
    for document in 0..app.documents.len() {
        for finding in 0..app.documents[document].findings.len() {
            let f = app.documents[document].findings[finding].clone();
            let c = app.documents[document].convention.clone();
            app.jump_to(document, finding);
            assert_eq!(
                revue::app::tabs::home_tab(&c, &f),
                Some(app.tab),
                "{}",
                f.location
            );
        }
    }
}

/// The fiche detail gives the Budgets tab's figure: a total the fiche does not state is
/// shown computed, marked `=`.
#[test]
fn the_fiche_detail_shows_a_computed_total_as_computed() {
    let mut app = app(200, 60);
    app.show_convention(2);
    app.update(Action::GoTo(Tab::Fiches));
    let c = app.document().unwrap().convention.clone();
    let position = views::fiche_position(&c, "FICHE 13").unwrap();
    for _ in 0..position {
        app.update(Action::Down);
    }
    let screen = lines(&buffer(&app)).join("\n");
    assert!(screen.contains("prévu total : =175 000 €"), "{screen}");
}

/// The footer shows a finding's whole message, figures included, at every size: the lines
/// above the message give way first, and a message that cannot fit says so with `…`.
#[test]
fn the_footer_shows_the_whole_message_or_says_it_is_cut() {
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for (width, height) in SIZES {
        let mut app = app(width, height);
        let mut cut = Vec::new();
        for document in 0..app.documents.len() {
            for finding in 0..app.documents[document].findings.len() {
                let message = app.documents[document].findings[finding].message.clone();
                app.jump_to(document, finding);
                let screen = lines(&buffer(&app));
                let footer = squash(&screen[screen.len() - 3..screen.len() - 1].join(" "));
                let whole = squash(&revue::text::sanitize_line(&message).replace('\u{a0}', " "));
                if !footer.contains(&whole) && !footer.ends_with('…') {
                    cut.push(format!("{width}×{height}: {whole}\n  shown: {footer}"));
                }
                app.update(Action::Back);
            }
        }
        assert!(cut.is_empty(), "{} cut:\n{}", cut.len(), cut.join("\n"));
    }
}
