//! Issue 17: the column widths a table keeps are worked out without building its rows, kept
//! across folds and filters, and worked out again after each edit. Whatever the state, no
//! column is narrower than the widest cell of the table shown (a figure is never cut), and
//! the widths do not depend on the states seen before (the columns do not jump).

mod common;

#[allow(dead_code)] // The tests use the generator, not its writer.
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::path::Path;

use crossterm::event::KeyCode;
use proptest::prelude::*;
use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::tabs::grid::LABEL_MIN_WIDTH;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::{BudgetField, Convention, Value};
use revue::rules::Config;
use revue::storage::{self, LoadReport, LoadedFile};
use revue::strings::Lang;
use rust_decimal::Decimal;

/// Widths as a table uses them: the label column, which takes the room the figures leave and
/// is elided, only up to its minimum (all that is measured of it).
fn as_used(mut widths: Vec<u16>) -> Vec<u16> {
    if let Some(label) = widths.first_mut() {
        *label = (*label).min(LABEL_MIN_WIDTH);
    }
    widths
}

fn app_of(conventions: Vec<Convention>, lang: Lang) -> App {
    let files = conventions
        .into_iter()
        .enumerate()
        .map(|(i, convention)| LoadedFile {
            path: Path::new(&format!("/generated/{i}.ron")).to_path_buf(),
            convention,
            hash: 0,
            fingerprint: None,
        })
        .collect();
    let mut app = App::new(
        LoadReport {
            files,
            errors: Vec::new(),
        },
        Keymap::default(),
        lang,
        Config {
            current_year: 2026,
            ..Config::default()
        },
    );
    app.resize(120, 30);
    app
}

fn bundled() -> Vec<Convention> {
    storage::load_paths(&[common::data()])
        .files
        .into_iter()
        .map(|f| f.convention)
        .collect()
}

fn generated(departements: usize, fiches: Option<usize>) -> Vec<Convention> {
    corpus::generate(corpus::Params {
        departements,
        years: 1,
        fiches_per_convention: fiches,
        ..corpus::Params::default()
    })
    .into_iter()
    .map(|(_, c)| c)
    .collect()
}

/// Every table the current convention shows: (tab, Budgets view).
fn tables(app: &App) -> Vec<(Tab, usize)> {
    let views = app.document().map_or(0, |d| d.convention.tables.len());
    let mut tables = vec![(Tab::Axes, 0), (Tab::Indicators, 0)];
    tables.extend((0..=views).map(|view| (Tab::Budgets, view)));
    tables
}

fn show(app: &mut App, tab: Tab, view: usize) {
    app.update(Action::GoTo(tab));
    app.view.budget_view = view;
}

/// The widths kept for the table shown are never narrower than its widest cells (the whole
/// grid as the state shows it, folded and filtered, built row by row), and are those a fresh
/// lookup works out (nothing left over from an earlier state).
fn check_no_figure_cut(app: &App, what: &str) {
    let tab = app.tab;
    let kept = app.table_widths(tab);
    let natural = as_used(app.grid(tab).widths());
    assert_eq!(kept.len(), natural.len(), "{what}: columns");
    for (column, (kept, natural)) in as_used(kept.clone()).iter().zip(&natural).enumerate() {
        assert!(
            kept >= natural,
            "{what}: {tab:?} column {column} kept {kept} wide, its widest cell is {natural}"
        );
    }
    let doc = app.document().expect("a document");
    doc.lookup().forget_widths();
    assert_eq!(kept, app.table_widths(tab), "{what}: widths from history");
    assert_eq!(kept, app.grid_shown(tab).widths(), "{what}: widths drawn");
}

/// Measured a cell at a time, the whole table's widths are exactly those of the whole grid
/// built row by row (the label column as far as it is used): on the bundled conventions and
/// generated ones, in both languages.
#[test]
fn whole_table_widths_are_the_whole_grid_widths() {
    let mut conventions = bundled();
    conventions.extend(generated(3, None));
    conventions.extend(generated(1, Some(150)));
    for lang in [Lang::Fr, Lang::En] {
        let mut app = app_of(conventions.clone(), lang);
        for document in 0..app.documents.len() {
            app.show_convention(document);
            for (tab, view) in tables(&app) {
                show(&mut app, tab, view);
                assert_eq!(
                    as_used(app.table_widths(tab)),
                    as_used(app.grid(tab).widths()),
                    "{lang:?}, document {document}, {tab:?} view {view}"
                );
            }
        }
    }
}

/// Folds, filters and edits on every bundled convention: the widths hold every cell shown.
#[test]
fn bundled_tables_never_cut_a_figure() {
    let mut app = app_of(bundled(), Lang::Fr);
    for document in 0..app.documents.len() {
        app.show_convention(document);
        for (tab, view) in tables(&app) {
            show(&mut app, tab, view);
            let what = format!("document {document}, {tab:?} view {view}");
            check_no_figure_cut(&app, &what);
            for filter in ["1", "soc", "total", "2", "zz"] {
                app.filters[tab.index()] = filter.to_string();
                check_no_figure_cut(&app, &format!("{what}, filter {filter:?}"));
            }
            app.filters[tab.index()].clear();
        }
        app.update(Action::GoTo(Tab::Axes));
        let axes = app.documents[document].convention.axes.len();
        app.view.collapsed = (0..axes).step_by(2).collect();
        check_no_figure_cut(&app, &format!("document {document}, folded"));
        app.view.collapsed.clear();
    }
}

/// Under a filter, an axe's subtotal adds up the fiches shown: when they do not cancel out
/// as they do in the whole table, it is wider than any cell of the whole table, and the
/// column widens for it.
#[test]
fn a_filtered_subtotal_wider_than_the_whole_table_widens_its_column() {
    let mut convention = storage::load_file(Path::new(common::FIXTURE))
        .unwrap()
        .convention;
    let model = convention.axes[1].fiches[0].clone();
    let fiche = |id: String, title: &str, amount: i64| {
        let mut f = model.clone();
        f.id = id;
        f.title = title.to_string();
        f.indicators.clear();
        let budget = f.budget.as_mut().unwrap();
        let planned = budget.planned.as_mut().unwrap();
        let amount = Value::Amount(Decimal::from(amount));
        planned.etat = Some(amount.clone());
        planned.departement = None;
        planned.total = Some(amount);
        budget.executed = None;
        budget.remaining = None;
        f
    };
    // Two fiches of 60 000 000 (10 columns) add up to 120 000 000 (11); two hundred of
    // -600 000 (10 with the mark of a negative figure) cancel them out in the whole table.
    let mut added = vec![
        fiche("3-10".into(), "alpha", 60_000_000),
        fiche("3-11".into(), "alpha", 60_000_000),
    ];
    added.extend((0..200).map(|i| fiche(format!("3-{}", 20 + i), "omega", -600_000)));
    convention.axes[1].fiches.extend(added);
    let mut app = app_of(vec![convention], Lang::Fr);
    app.update(Action::GoTo(Tab::Budgets));
    check_no_figure_cut(&app, "unfiltered");
    let whole = app.table_widths(Tab::Budgets);
    app.update(Action::Filter);
    common::type_text(&mut app, "alpha");
    app.handle_key(&common::key(KeyCode::Enter));
    check_no_figure_cut(&app, "filtered");
    let filtered = app.table_widths(Tab::Budgets);
    assert!(
        filtered.iter().zip(&whole).any(|(f, w)| f > w),
        "the subtotal of the fiches shown widens its column: {whole:?} → {filtered:?}"
    );
}

/// What a user does to a generated convention, in any order.
#[derive(Debug, Clone)]
enum Step {
    /// A fiche's planned total (by position), possibly negative, possibly much wider.
    Edit(usize, i64),
    /// A fiche's executed figure as words.
    EditWords(usize),
    /// A fiche's title (what the filters search), longer or shorter.
    Retitle(usize, String),
    Filter(Tab, String),
    /// Type a letter in the current tab's filter, as the keyboard does.
    Type(char),
    Fold(usize),
    Unfold(usize),
    Show(Tab, usize),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    let tab = prop_oneof![Just(Tab::Axes), Just(Tab::Budgets), Just(Tab::Indicators)];
    prop_oneof![
        3 => (0usize..40, prop_oneof![
            -1_000_000_000i64..1_000_000_000,
            -100i64..100,
            Just(99_999_999_999i64),
        ])
            .prop_map(|(f, a)| Step::Edit(f, a)),
        1 => (0usize..40).prop_map(Step::EditWords),
        1 => (0usize..40, "[a-e1 ]{0,30}").prop_map(|(f, t)| Step::Retitle(f, t)),
        2 => (tab.clone(), "[1-3a-e ]{0,3}").prop_map(|(t, f)| Step::Filter(t, f)),
        1 => prop_oneof![Just('a'), Just('e'), Just('1'), Just('.')].prop_map(Step::Type),
        1 => (0usize..6).prop_map(Step::Fold),
        1 => (0usize..6).prop_map(Step::Unfold),
        2 => (tab, 0usize..3).prop_map(|(t, v)| Step::Show(t, v)),
        1 => Just(Step::Undo),
    ]
}

fn apply(app: &mut App, step: &Step) {
    let document = app.current;
    let fiches = app.documents[document].convention.fiche_count();
    let at = |position: usize| {
        let refs = revue::app::views::fiche_refs(&app.documents[document].convention);
        refs[position % fiches]
    };
    match step {
        Step::Edit(position, amount) => {
            let target = EditTarget::Fiche(at(*position));
            let value = NewValue::Figure(Some(Value::Amount(Decimal::from(*amount))));
            app.commit(document, target, |c| {
                edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
            });
        }
        Step::EditWords(position) => {
            let target = EditTarget::Fiche(at(*position));
            let value = NewValue::Figure(Some(Value::Text("non communiqué".to_string())));
            app.commit(document, target, |c| {
                edit::apply(c, target, Field::Budget(BudgetField::Executed), value)
            });
        }
        Step::Retitle(position, title) => {
            let target = EditTarget::Fiche(at(*position));
            let value = NewValue::Text(title.clone());
            app.commit(document, target, |c| {
                edit::apply(c, target, Field::Title, value)
            });
        }
        Step::Filter(tab, filter) => app.filters[tab.index()] = filter.clone(),
        Step::Type(letter) => {
            app.update(Action::Filter);
            app.handle_key(&common::key(KeyCode::Char(*letter)));
            app.handle_key(&common::key(KeyCode::Enter));
        }
        Step::Fold(axe) => {
            app.view.collapsed.insert(*axe);
        }
        Step::Unfold(axe) => {
            app.view.collapsed.remove(axe);
        }
        Step::Show(tab, view) => {
            let views = app.documents[document].convention.tables.len() + 1;
            show(app, *tab, view % views);
        }
        Step::Undo => app.update(Action::Undo),
    }
    // Selections stay within their lists, as the app's own actions keep them.
    app.retarget_selections();
}

fn generated_convention() -> &'static Convention {
    static CONVENTION: std::sync::OnceLock<Convention> = std::sync::OnceLock::new();
    CONVENTION.get_or_init(|| generated(1, Some(60)).remove(0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the edits, folds, filters and views, in any order, each table's widths hold
    /// every cell it shows and do not depend on the states seen before.
    #[test]
    fn no_figure_is_cut_whatever_the_steps(steps in prop::collection::vec(step(), 1..12)) {
        let mut app = app_of(vec![generated_convention().clone()], Lang::Fr);
        for (i, step) in steps.iter().enumerate() {
            apply(&mut app, step);
            for tab in [Tab::Axes, Tab::Budgets, Tab::Indicators] {
                let saved = app.tab;
                app.tab = tab;
                check_no_figure_cut(&app, &format!("after step {i} {step:?}"));
                app.tab = saved;
            }
            same_rows_as_a_fresh_app(&app, &format!("after step {i} {step:?}"));
        }
    }
}

/// The visible rows kept in the lookups are those an app started on the same conventions in
/// the same state works out: nothing kept from before an edit, a filter or a fold.
fn same_rows_as_a_fresh_app(app: &App, what: &str) {
    let conventions = app
        .documents
        .iter()
        .map(|d| (*d.convention).clone())
        .collect();
    let mut fresh = app_of(conventions, Lang::Fr);
    fresh.show_convention(app.current);
    fresh.filters = app.filters.clone();
    fresh.view.collapsed = app.view.collapsed.clone();
    fresh.view.budget_view = app.view.budget_view;
    for tab in Tab::ALL {
        assert_eq!(
            app.visible_rows(tab),
            fresh.visible_rows(tab),
            "{what}: {tab:?} rows"
        );
    }
}
