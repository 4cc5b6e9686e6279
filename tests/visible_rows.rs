//! Tables draw only the rows on screen (issue 17): what is drawn is what the whole table
//! would draw, at every scroll position, in every tab with a table, before and after an edit;
//! the columns kept are never narrower than the widest cell of the table shown.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{Action, App, Keymap, Tab};
use revue::rules::Config;
use revue::storage;
use revue::strings::Lang;
use revue::ui::{self, Theme};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 24;

fn app() -> App {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let rules = Config {
        current_year: 2026,
        ..Config::default()
    };
    let mut app = App::new(
        storage::load_paths(&[data.into()]),
        Keymap::default(),
        Lang::Fr,
        rules,
    );
    app.resize(WIDTH, HEIGHT);
    app
}

fn frame(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Draws `app` twice (the first frame of a state works out the column widths, the next ones
/// keep them) and checks that both frames are the same, that every row the table can show
/// from its scroll is the whole table's row, and that no column is narrower than the widest
/// cell of the table shown (folded, filtered) whatever the rows on screen.
fn same_both_ways(app: &App, what: &str) {
    let first = frame(app);
    let next = frame(app);
    assert_eq!(first, next, "{what}");
    let tab = app.tab;
    let full = app.grid(tab);
    let partial = app.grid_shown(tab);
    let natural = full.widths();
    let kept = partial.widths();
    assert_eq!(natural.len(), kept.len(), "{what}: columns");
    for (column, (natural, kept)) in natural.iter().zip(&kept).enumerate() {
        // The label takes the room the figures leave, elided: only its minimum is measured.
        let (natural, kept) = if column == 0 {
            let min = revue::app::tabs::grid::LABEL_MIN_WIDTH;
            ((*natural).min(min), (*kept).min(min))
        } else {
            (*natural, *kept)
        };
        assert!(
            kept >= natural,
            "{what}: column {column} kept {kept} wide, its widest cell is {natural}"
        );
    }
    assert_eq!(full.rows.len(), partial.rows.len(), "{what}: rows");
    let scroll = match tab {
        Tab::Axes => app.view.axes,
        Tab::Budgets => app.view.budgets,
        _ => app.view.indicators,
    };
    // The table's rows: its area less its borders and header.
    let body = revue::app::layout::areas(ratatui::layout::Rect::new(0, 0, WIDTH, HEIGHT)).body;
    let lines = usize::from(body.height.saturating_sub(3));
    let drawn = scroll.offset..(scroll.offset + lines).min(full.rows.len());
    assert!(
        drawn.contains(&scroll.selected) || full.rows.is_empty(),
        "{what}: selection"
    );
    for i in drawn {
        assert_eq!(full.rows[i], partial.rows[i], "{what}: row {i}");
    }
    let placeholders = partial.rows.iter().filter(|r| r.cells.is_empty()).count();
    if full.rows.len() > 3 * usize::from(HEIGHT) {
        assert!(
            placeholders > 0,
            "{what}: rows off screen are not worked out"
        );
    }
}

#[test]
fn a_table_drawn_from_its_rows_on_screen_is_the_whole_table_drawn() {
    let mut app = app();
    for document in 0..app.documents.len() {
        app.show_convention(document);
        for (tab, right) in [
            (Tab::Axes, false),
            (Tab::Budgets, false),
            (Tab::Budgets, true),
            (Tab::Indicators, false),
        ] {
            app.update(Action::GoTo(tab));
            if right {
                app.update(Action::Right);
            }
            for step in 0..60 {
                same_both_ways(&app, &format!("document {document}, {tab:?}, row {step}"));
                app.update(Action::Down);
            }
            // Back up the list: the offset stays where it was while the selection rises.
            for _ in 0..30 {
                app.update(Action::Up);
            }
            same_both_ways(&app, &format!("document {document}, {tab:?}, back up"));
            app.update(Action::End);
            same_both_ways(&app, &format!("document {document}, {tab:?}, end"));
            app.update(Action::Home);
        }
    }
}

#[test]
fn folding_an_axe_or_filtering_gives_the_whole_table_again() {
    let mut app = app();
    app.update(Action::GoTo(Tab::Axes));
    for _ in 0..12 {
        app.update(Action::Down);
    }
    same_both_ways(&app, "before folding");
    app.update(Action::Left);
    same_both_ways(&app, "folded");
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Filter);
    for c in "accompagnement".chars() {
        app.handle_key(&crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char(c),
        ));
        same_both_ways(&app, &format!("filter up to {c}"));
    }
}

/// The Anomalies filter keeps each finding's text from one letter to the next: after an
/// edit it finds what a session started on the edited convention finds.
#[test]
fn the_anomalies_filter_follows_an_edit() {
    use revue::app::edit::{self, EditTarget, Field, NewValue};
    use revue::app::views::FicheRef;
    use revue::model::{BudgetField, Value};

    let mut app = app();
    app.update(Action::GoTo(Tab::Anomalies));
    app.update(Action::Filter);
    for c in "somme".chars() {
        app.handle_key(&crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char(c),
        ));
    }
    let before = app.visible_rows(Tab::Anomalies).len();
    // A planned total that is no longer the sum of its shares: one more `somme` finding.
    let target = EditTarget::Fiche(FicheRef { axe: 0, fiche: 0 });
    let value = NewValue::Figure(Some(Value::Amount(1.into())));
    app.commit(app.current, target, |c| {
        edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
    });
    let after = app.visible_rows(Tab::Anomalies).len();

    let files = app
        .documents
        .iter()
        .map(|d| storage::LoadedFile {
            path: d.path.clone(),
            convention: (*d.convention).clone(),
            hash: 0,
            fingerprint: None,
        })
        .collect();
    let mut fresh = App::new(
        storage::LoadReport {
            files,
            errors: Vec::new(),
        },
        Keymap::default(),
        Lang::Fr,
        Config {
            current_year: 2026,
            ..Config::default()
        },
    );
    fresh.resize(WIDTH, HEIGHT);
    fresh.show_convention(app.current);
    fresh.filters = app.filters.clone();
    assert_eq!(after, fresh.visible_rows(Tab::Anomalies).len());
    assert_ne!(before, after, "the edit made a finding the filter finds");
}

/// The Fiches list works out only the rows it can show: every row on screen is drawn, at
/// every scroll position.
#[test]
fn the_fiches_list_draws_every_row_on_screen() {
    let mut app = app();
    let (document, _) = app
        .documents
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| d.convention.fiche_count())
        .unwrap();
    app.show_convention(document);
    app.update(Action::GoTo(Tab::Fiches));
    let body = revue::app::layout::areas(ratatui::layout::Rect::new(0, 0, WIDTH, HEIGHT)).body;
    let (list, _) = revue::app::layout::fiches_split(body);
    let lines = usize::from(list.height.saturating_sub(2));
    let refs = revue::app::views::fiche_refs(&app.documents[document].convention);
    assert!(refs.len() > 2 * lines, "enough fiches to scroll");
    for step in 0..refs.len() {
        let buffer = frame(&app);
        let screen: String = (list.y + 1..list.y + 1 + lines as u16)
            .map(|y| {
                (list.x..list.x + list.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        let offset = app.view.fiches.offset;
        for r in refs.iter().skip(offset).take(lines) {
            let id = &r.get(&app.documents[document].convention).id;
            assert!(
                screen.contains(id.as_str()),
                "step {step}: fiche {id} on screen:\n{screen}"
            );
        }
        app.update(Action::Down);
    }
}
