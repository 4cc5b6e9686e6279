//! Issue 16: a convention's structure built and changed in the app, through its keys: axes,
//! fiches, tables, rows, columns, indicators, years, statements and claims added, renamed,
//! moved and removed, each one undo step; removing figures asks first; a draft's fiches
//! marked and confirmed.

mod common;

use common::{app_on, ctrl, key, screen, type_text, workspace, workspace_with};
use crossterm::event::KeyCode;
use revue::app::{Action, App, Dialog, Tab};
use revue::model::{Convention, Draft, StatementScope, Value};
use revue::storage::{self, Journal};

fn press(app: &mut App, c: char) {
    app.handle_key(&key(KeyCode::Char(c)));
}

fn enter(app: &mut App) {
    app.handle_key(&key(KeyCode::Enter));
}

fn esc(app: &mut App) {
    app.handle_key(&key(KeyCode::Esc));
}

fn convention(app: &App) -> &Convention {
    &app.documents[0].convention
}

fn fiche_ids(app: &App) -> Vec<Vec<String>> {
    convention(app)
        .axes
        .iter()
        .map(|a| a.fiches.iter().map(|f| f.id.clone()).collect())
        .collect()
}

/// Selects row `row` of the Axes tab: 0 the convention, 1 axe 1, 2 fiche 1-1, 3 fiche 1-4,
/// 4 axe 3, 5 fiche 3-2 (the fixture).
fn axes_row(app: &mut App, row: usize) {
    app.update(Action::GoTo(Tab::Axes));
    app.update(Action::Home);
    for _ in 0..row {
        app.update(Action::Down);
    }
}

/// Undo then redo: the state before, then the state after, each as one step.
fn undo_redo_round_trip(app: &mut App, before: &Convention) {
    let after = convention(app).clone();
    press(app, 'u');
    assert_eq!(
        convention(app),
        before,
        "one undo takes the whole step back"
    );
    app.handle_key(&ctrl('r'));
    assert_eq!(convention(app), &after, "redo puts it back whole");
}

#[test]
fn a_fiche_added_after_the_selection_is_named_at_once_and_is_one_undo_step() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    axes_row(&mut app, 2);
    press(&mut app, 'a');
    assert!(app.editor.is_some(), "an editor opens on the new fiche");
    type_text(&mut app, "Nouvelle action");
    enter(&mut app);
    esc(&mut app);
    assert!(app.editor.is_none());
    assert_eq!(
        fiche_ids(&app)[0],
        ["1-1", "1-2", "1-4"],
        "after 1-1, a free id"
    );
    let added = &convention(&app).axes[0].fiches[1];
    assert_eq!(added.title, "Nouvelle action");
    assert_eq!(app.documents[0].undo.len(), 1, "added and named: one step");
    assert_eq!(
        app.selected_row(Tab::Axes),
        Some(3),
        "the new fiche is selected"
    );
    undo_redo_round_trip(&mut app, &before);
}

#[test]
fn a_fiche_added_then_cancelled_leaves_nothing() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    axes_row(&mut app, 5);
    press(&mut app, 'a');
    esc(&mut app);
    assert!(app.editor.is_none(), "the editor goes with what it named");
    assert_eq!(convention(&app), &before);
    assert!(app.documents[0].undo.is_empty());
    assert!(app.dialog.is_none());
    // Confirmed empty: the same.
    press(&mut app, 'a');
    enter(&mut app);
    assert_eq!(convention(&app), &before);
}

#[test]
fn an_axe_is_added_renamed_moved_and_removed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let start = convention(&app).clone();
    // Added after axe 1, named at once.
    axes_row(&mut app, 1);
    press(&mut app, 'A');
    type_text(&mut app, "Axe nouveau");
    enter(&mut app);
    esc(&mut app);
    let ids: Vec<&str> = convention(&app)
        .axes
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(convention(&app).axes[1].title, "Axe nouveau");
    undo_redo_round_trip(&mut app, &start);

    // Renamed: `r` types over its title.
    let before = convention(&app).clone();
    axes_row(&mut app, 4); // axe 2, empty, between 1-4 and axe 3
    assert_eq!(app.selected_row(Tab::Axes), Some(4));
    press(&mut app, 'r');
    app.handle_key(&ctrl('u'));
    type_text(&mut app, "Axe renommé");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(convention(&app).axes[1].title, "Axe renommé");
    undo_redo_round_trip(&mut app, &before);

    // Moved up: it goes before axe 1, and stays selected.
    let before = convention(&app).clone();
    press(&mut app, 'K');
    let ids: Vec<&str> = convention(&app)
        .axes
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["2", "1", "3"]);
    assert_eq!(
        app.selected_row(Tab::Axes),
        Some(1),
        "the axe moved stays selected"
    );
    undo_redo_round_trip(&mut app, &before);
    press(&mut app, 'K');
    assert_eq!(
        convention(&app).axes[0].id,
        "2",
        "already first: nothing moves"
    );

    // Removed: empty, it goes without a question.
    let before = convention(&app).clone();
    axes_row(&mut app, 1);
    press(&mut app, 'D');
    assert!(app.dialog.is_none(), "an empty axe goes without asking");
    assert_eq!(convention(&app).axes.len(), 2);
    undo_redo_round_trip(&mut app, &before);
}

#[test]
fn a_fiche_is_renamed_and_moved_within_and_across_axes() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    axes_row(&mut app, 5);
    press(&mut app, 'r');
    app.handle_key(&ctrl('u'));
    type_text(&mut app, "Boost emploi renforcé");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(
        convention(&app).axes[1].fiches[0].title,
        "Boost emploi renforcé"
    );
    assert_eq!(app.documents[0].undo.len(), 1);
    undo_redo_round_trip(&mut app, &before);

    // 3-2 moves up, to the end of axe 1; then down, back to axe 3.
    let before = convention(&app).clone();
    press(&mut app, 'K');
    assert_eq!(fiche_ids(&app), [vec!["1-1", "1-4", "3-2"], vec![]]);
    undo_redo_round_trip(&mut app, &before);
    press(&mut app, 'K');
    assert_eq!(fiche_ids(&app), [vec!["1-1", "3-2", "1-4"], vec![]]);
    press(&mut app, 'K');
    assert_eq!(fiche_ids(&app), [vec!["3-2", "1-1", "1-4"], vec![]]);
    let selected = app.selected_row(Tab::Axes);
    assert_eq!(selected, Some(2), "the fiche moved stays selected");
    press(&mut app, 'K');
    assert_eq!(app.documents[0].undo.len(), 4, "already first: no step");
    press(&mut app, 'J');
    press(&mut app, 'J');
    press(&mut app, 'J');
    assert_eq!(fiche_ids(&app), [vec!["1-1", "1-4"], vec!["3-2"]]);
    press(&mut app, 'J');
    assert_eq!(
        fiche_ids(&app),
        [vec!["1-1", "1-4"], vec!["3-2"]],
        "already last"
    );
    // The rename and each move: one step each.
    assert_eq!(app.documents[0].undo.len(), 7);
}

#[test]
fn removing_a_fiche_or_an_axe_with_figures_asks_and_cancelling_removes_nothing() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    axes_row(&mut app, 5);
    press(&mut app, 'D');
    assert!(
        matches!(app.dialog, Some(Dialog::RemoveStructure { .. })),
        "3-2 holds figures: asked first"
    );
    let question = app.dialog_message(app.dialog.as_ref().unwrap());
    assert!(question.contains("3-2"), "{question}");
    esc(&mut app);
    assert!(app.dialog.is_none());
    assert_eq!(convention(&app), &before, "cancelled: nothing removed");
    press(&mut app, 'D');
    press(&mut app, 'n');
    assert_eq!(convention(&app), &before, "no: nothing removed");
    press(&mut app, 'D');
    press(&mut app, 'o');
    assert_eq!(fiche_ids(&app), [vec!["1-1", "1-4"], vec![]]);
    let said = app
        .status
        .as_ref()
        .map(|(_, m)| m.clone())
        .unwrap_or_default();
    assert!(
        said.contains("3-2") && said.contains("u le rétablit"),
        "{said}"
    );
    undo_redo_round_trip(&mut app, &before);

    // An axe with fiches: asked, then removed with them.
    let before = convention(&app).clone();
    axes_row(&mut app, 1);
    press(&mut app, 'D');
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    esc(&mut app);
    assert_eq!(convention(&app), &before);
    press(&mut app, 'D');
    press(&mut app, 'o');
    assert_eq!(convention(&app).axes.len(), 1);
    undo_redo_round_trip(&mut app, &before);
}

#[test]
fn a_new_empty_fiche_is_removed_without_a_question() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    axes_row(&mut app, 5);
    press(&mut app, 'a');
    type_text(&mut app, "Vide");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(fiche_ids(&app)[1], ["3-2", "3-3"]);
    axes_row(&mut app, 6);
    press(&mut app, 'D');
    assert!(app.dialog.is_none(), "nothing to lose: no question");
    assert_eq!(fiche_ids(&app)[1], ["3-2"]);
}

/// The Budgets tab on the fixture's financial table.
fn financial_table(app: &mut App) {
    app.update(Action::GoTo(Tab::Budgets));
    app.view.budget_view = 1;
    app.update(Action::Home);
}

#[test]
fn table_rows_and_columns_are_added_moved_and_removed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    financial_table(&mut app);
    let table = |app: &App| convention(app).tables[0].clone();
    let rows = table(&app).rows.len();
    let before = convention(&app).clone();
    // A row after the first, its label typed at once.
    press(&mut app, 'a');
    type_text(&mut app, "Nouvelle ligne");
    enter(&mut app);
    esc(&mut app);
    let t = table(&app);
    assert_eq!(t.rows.len(), rows + 1);
    assert_eq!(t.rows[1].label(), "Nouvelle ligne");
    assert_eq!(t.rows[1].cells.len(), t.columns.len());
    undo_redo_round_trip(&mut app, &before);

    // Moved up, then removed without a question (only words in it).
    assert_eq!(app.selected_row(Tab::Budgets), Some(1));
    let before = convention(&app).clone();
    press(&mut app, 'K');
    assert_eq!(table(&app).rows[0].label(), "Nouvelle ligne");
    undo_redo_round_trip(&mut app, &before);
    app.update(Action::Home);
    press(&mut app, 'D');
    assert!(app.dialog.is_none());
    assert_eq!(table(&app).rows.len(), rows);

    // A row with figures asks (the first is a heading: words only).
    let before = convention(&app).clone();
    app.update(Action::Down);
    press(&mut app, 'D');
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    esc(&mut app);
    assert_eq!(convention(&app), &before);

    // A column, named at once; every row gets its cell.
    let columns = table(&app).columns.len();
    press(&mut app, 'A');
    type_text(&mut app, "Report");
    enter(&mut app);
    esc(&mut app);
    let t = table(&app);
    assert_eq!(t.columns.len(), columns + 1);
    assert_eq!(t.columns[columns].name, "Report");
    assert!(
        t.rows
            .iter()
            .chain(&t.total)
            .all(|r| r.cells.len() == columns + 1)
    );
    undo_redo_round_trip(&mut app, &before);

    // Removed from the row editor, on its name: empty, no question.
    app.update(Action::Edit);
    app.handle_key(&key(KeyCode::End));
    press(&mut app, 'd');
    assert!(app.dialog.is_none());
    assert_eq!(table(&app).columns.len(), columns);
    // A column of figures asks (Solde, the last one now).
    press(&mut app, 'd');
    assert!(matches!(app.dialog, Some(Dialog::RemoveItem { .. })));
    esc(&mut app);
    assert_eq!(table(&app).columns.len(), columns);
    // A cell's `d` never takes a column away.
    app.handle_key(&key(KeyCode::Home));
    press(&mut app, 'd');
    assert!(app.dialog.is_none());
    assert_eq!(table(&app).columns.len(), columns);
}

#[test]
fn a_table_is_added_named_and_removed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Budgets));
    let before = convention(&app).clone();
    press(&mut app, 'T');
    type_text(&mut app, "Plan de financement");
    enter(&mut app);
    esc(&mut app);
    let c = convention(&app);
    assert_eq!(c.tables.len(), 2);
    assert_eq!(c.tables[1].title, "Plan de financement");
    assert_eq!(c.tables[1].id, "tableau-1");
    assert_eq!(app.view.budget_view, 2, "the new table is shown");
    undo_redo_round_trip(&mut app, &before);
    // Esc while naming it: no table.
    press(&mut app, 'T');
    esc(&mut app);
    assert_eq!(convention(&app).tables.len(), 2);
    // No figure in it: removed at once; the financial table asks.
    app.view.budget_view = 2;
    app.handle_key(&ctrl('t'));
    assert!(app.dialog.is_none());
    assert_eq!(convention(&app).tables.len(), 1);
    assert_eq!(app.view.budget_view, 1);
    app.handle_key(&ctrl('t'));
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    esc(&mut app);
    assert_eq!(convention(&app).tables.len(), 1);
}

#[test]
fn indicators_and_their_years_are_added_moved_and_removed() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Indicators));
    app.update(Action::Home);
    let before = convention(&app).clone();
    // After the first indicator of 1-1, named at once.
    press(&mut app, 'a');
    type_text(&mut app, "Taux de sortie");
    enter(&mut app);
    esc(&mut app);
    let fiche = |app: &App| convention(app).axes[0].fiches[0].clone();
    assert_eq!(fiche(&app).indicators.len(), 2);
    assert_eq!(fiche(&app).indicators[1].name, "Taux de sortie");
    undo_redo_round_trip(&mut app, &before);

    // A year after the indicator's last, its value typed at once.
    app.update(Action::Home);
    let before = convention(&app).clone();
    press(&mut app, 'A');
    type_text(&mut app, "120");
    enter(&mut app);
    esc(&mut app);
    let values = &fiche(&app).indicators[0].values;
    assert_eq!(values.len(), 2);
    assert_eq!(values[1].year, 2020);
    assert_eq!(values[1].value, Some(Value::Number(120.into())));
    undo_redo_round_trip(&mut app, &before);

    // Moved down, then the one with figures removed after a question.
    let before = convention(&app).clone();
    app.update(Action::Home);
    press(&mut app, 'J');
    assert_eq!(
        fiche(&app).indicators[1].name,
        "Nombre de jeunes accompagnés"
    );
    undo_redo_round_trip(&mut app, &before);
    press(&mut app, 'u');
    app.update(Action::Home);
    press(&mut app, 'D');
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    esc(&mut app);
    assert_eq!(fiche(&app).indicators.len(), 2);
    press(&mut app, 'D');
    press(&mut app, 'o');
    assert_eq!(fiche(&app).indicators.len(), 1);
    assert_eq!(fiche(&app).indicators[0].name, "Taux de sortie");
}

#[test]
fn convention_figures_statements_and_claims_are_edited_from_the_overview() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    let start = convention(&app).clone();
    // `e` on the overview's first line: the convention's own fields.
    axes_row(&mut app, 0);
    app.update(Action::Edit);
    assert!(app.editor.is_some());
    // Title, period, signed, then the State's support.
    for _ in 0..3 {
        app.handle_key(&key(KeyCode::Down));
    }
    enter(&mut app);
    type_text(&mut app, "1 000 000");
    enter(&mut app);
    // Axe 1's title, then its stated total.
    app.handle_key(&key(KeyCode::Down));
    app.handle_key(&key(KeyCode::Down));
    enter(&mut app);
    type_text(&mut app, "400 000");
    enter(&mut app);
    // A party, from the period.
    app.handle_key(&key(KeyCode::Home));
    app.handle_key(&key(KeyCode::Down));
    press(&mut app, 'a');
    type_text(&mut app, "Préfet de l'Essai");
    enter(&mut app);
    esc(&mut app);
    let c = convention(&app);
    assert_eq!(
        c.state_support.as_ref().map(|s| s.value.clone()),
        Some(Value::Amount(1_000_000.into()))
    );
    let axe_total = c
        .statements
        .iter()
        .find(|s| s.scope == StatementScope::Axe("1".into()))
        .expect("axe 1's total stated");
    assert_eq!(axe_total.value, Value::Amount(400_000.into()));
    assert_eq!(c.parties, ["Préfet de l'Essai"]);
    assert_eq!(app.documents[0].undo.len(), 3);

    // A statement from the overview (`a`) and a claim (`A`), typed at once.
    axes_row(&mut app, 0);
    press(&mut app, 'a');
    app.handle_key(&ctrl('u'));
    type_text(&mut app, "2 500 000");
    enter(&mut app);
    esc(&mut app);
    axes_row(&mut app, 0);
    press(&mut app, 'A');
    type_text(&mut app, "soit 50 % de 1 000 000");
    app.handle_key(&ctrl('s'));
    // Its operation: a percentage (sum, difference, product, percentage…).
    app.handle_key(&key(KeyCode::Down));
    enter(&mut app);
    for _ in 0..3 {
        app.handle_key(&key(KeyCode::Down));
    }
    enter(&mut app);
    app.handle_key(&key(KeyCode::Down));
    enter(&mut app);
    type_text(&mut app, "1 000 000 ; 50");
    enter(&mut app);
    esc(&mut app);
    let c = convention(&app);
    assert!(c.statements.iter().any(
        |s| s.scope == StatementScope::Convention && s.value == Value::Amount(2_500_000.into())
    ));
    assert_eq!(c.claims.len(), 1);
    assert_eq!(c.claims[0].text, "soit 50 % de 1 000 000");
    assert_eq!(c.claims[0].operation, revue::model::Operation::Percentage);
    assert_eq!(
        c.claims[0].operands,
        [rust_decimal::Decimal::from(1_000_000), 50.into()]
    );
    // Every step undone: the file as it was.
    while !app.documents[0].undo.is_empty() {
        press(&mut app, 'u');
    }
    assert_eq!(convention(&app), &start);

    // A statement removed from the overview asks first.
    app.handle_key(&ctrl('r'));
    app.handle_key(&ctrl('r'));
    app.handle_key(&ctrl('r'));
    app.handle_key(&ctrl('r'));
    let statements = convention(&app).statements.len();
    let rows = revue::app::views::axes_rows(convention(&app), &Default::default());
    let statement_row = rows
        .iter()
        .position(|r| {
            matches!(
                r,
                revue::app::views::AxesRow::Overview(revue::app::views::OverviewItem::Statement(_))
            )
        })
        .unwrap();
    axes_row(&mut app, statement_row);
    press(&mut app, 'D');
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    esc(&mut app);
    assert_eq!(convention(&app).statements.len(), statements);
    press(&mut app, 'D');
    press(&mut app, 'o');
    assert_eq!(convention(&app).statements.len(), statements - 1);
}

fn draft_workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    workspace_with(|c| {
        c.draft = Some(Draft {
            made_by: "revue import-text essai.txt".into(),
            unconfirmed: vec!["1-1".into(), "3-2".into()],
        })
    })
}

#[test]
fn a_drafts_unconfirmed_fiches_are_marked_without_colour_and_confirmed_with_a_key() {
    let (_dir, path) = draft_workspace();
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Axes));
    // The mark is a character on screen: it survives NO_COLOR.
    let shown = screen(&app).join("\n");
    assert!(shown.contains("◌ 1-1"), "{shown}");
    assert!(shown.contains("◌ 3-2"), "{shown}");
    assert!(!shown.contains("◌ 1-4"), "{shown}");
    app.update(Action::GoTo(Tab::Fiches));
    let shown = screen(&app).join("\n");
    assert!(shown.contains("◌ 1-1"), "{shown}");
    assert!(shown.contains("pas encore confirmés"), "{shown}");
    // The help explains it.
    app.update(Action::Help);
    app.handle_key(&key(KeyCode::End));
    let shown = screen(&app).join("\n");
    assert!(shown.contains("◌ brouillon"), "{shown}");
    app.update(Action::Back);

    // `C` on 1-1: confirmed, one undo step.
    let before = convention(&app).clone();
    press(&mut app, 'C');
    assert_eq!(
        convention(&app).draft.as_ref().unwrap().unconfirmed,
        ["3-2"]
    );
    undo_redo_round_trip(&mut app, &before);
    let shown = screen(&app).join("\n");
    assert!(!shown.contains("◌ 1-1"), "{shown}");
    // Again: nothing to confirm.
    press(&mut app, 'C');
    assert_eq!(app.documents[0].undo.len(), 1);
    // The last one: the file is no longer a draft, and saved so.
    axes_row(&mut app, 5);
    press(&mut app, 'C');
    assert_eq!(convention(&app).draft, None);
    app.update(Action::Save);
    let saved = storage::load_file(&path).unwrap().convention;
    assert_eq!(saved.draft, None);
}

#[test]
fn removing_a_drafts_fiche_takes_it_out_of_the_unconfirmed() {
    let (_dir, path) = draft_workspace();
    let mut app = app_on(&path);
    axes_row(&mut app, 2);
    press(&mut app, 'D');
    press(&mut app, 'o');
    assert_eq!(
        convention(&app).draft.as_ref().unwrap().unconfirmed,
        ["3-2"]
    );
}

#[test]
fn a_structural_step_survives_a_crash_through_the_journal_and_saves() {
    let (dir, path) = workspace();
    let journal_dir = dir.path().join("journal");
    let edited = {
        let mut app = app_on(&path);
        app.journal = Some(Journal::at(&journal_dir));
        axes_row(&mut app, 3);
        press(&mut app, 'a');
        type_text(&mut app, "Fiche du journal");
        enter(&mut app);
        esc(&mut app);
        press(&mut app, 'J');
        convention(&app).clone()
        // The process dies here: no save.
    };
    let mut app = app_on(&path);
    app.journal = Some(Journal::at(&journal_dir));
    let pending = Journal::at(&journal_dir).pending();
    assert_eq!(pending.len(), 1);
    app.offer_recovery(pending);
    press(&mut app, 'r');
    assert_eq!(convention(&app), &edited);
    app.update(Action::Save);
    let saved = storage::load_file(&path).unwrap().convention;
    assert_eq!(saved, edited);
    assert_eq!(saved.axes[1].fiches[0].title, "Fiche du journal");
}

#[test]
fn e_on_a_finding_about_the_states_support_edits_it_in_the_convention_editor() {
    let (_dir, path) = workspace_with(|c| {
        c.state_support = Some(revue::model::Statement {
            scope: StatementScope::Convention,
            field: Some(revue::model::BudgetField::PlannedEtat),
            about: None,
            value: Value::Amount(1.into()),
            bound: None,
            uncertain: false,
            text: String::new(),
            source: Default::default(),
        })
    });
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Anomalies));
    let findings = app.documents[0].findings.len();
    let mut opened = None;
    for row in 0..findings {
        app.update(Action::GoTo(Tab::Anomalies));
        app.update(Action::Home);
        for _ in 0..row {
            app.update(Action::Down);
        }
        press(&mut app, 'e');
        if let Some(editor) = &app.editor {
            if editor.target == revue::app::edit::EditTarget::Convention {
                opened = Some(editor.fields[editor.scroll.selected]);
            }
            esc(&mut app);
        }
    }
    assert_eq!(opened, Some(revue::app::edit::Field::StateSupport));
}

#[test]
fn a_fiches_id_is_renamed_with_its_references_and_a_taken_id_is_refused() {
    let (_dir, path) = draft_workspace();
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    axes_row(&mut app, 5);
    app.update(Action::Edit);
    // The id is the last field.
    app.handle_key(&key(KeyCode::End));
    enter(&mut app);
    app.handle_key(&ctrl('u'));
    type_text(&mut app, "1.1");
    enter(&mut app);
    let refused = app.editor.as_ref().and_then(|e| e.error.clone());
    assert!(
        refused.is_some_and(|e| e.contains("1.1")),
        "another fiche's id"
    );
    assert_eq!(convention(&app), &before);
    app.handle_key(&ctrl('u'));
    type_text(&mut app, "3-5");
    enter(&mut app);
    esc(&mut app);
    let c = convention(&app);
    assert_eq!(fiche_ids(&app)[1], ["3-5"]);
    let linked: Vec<Option<&str>> = c.tables[0]
        .rows
        .iter()
        .map(|r| r.fiche.as_deref())
        .collect();
    assert!(linked.contains(&Some("3-5")) && !linked.contains(&Some("3-2")));
    assert_eq!(c.draft.as_ref().unwrap().unconfirmed, ["1-1", "3-5"]);
    assert_eq!(app.documents[0].undo.len(), 1);
    undo_redo_round_trip(&mut app, &before);
}

#[test]
fn the_documents_own_indicators_are_added_edited_and_removed() {
    let (_dir, path) = workspace_with(|c| {
        for fiche in c.axes.iter_mut().flat_map(|a| a.fiches.iter_mut()) {
            fiche.indicators.clear();
        }
    });
    let mut app = app_on(&path);
    let before = convention(&app).clone();
    app.update(Action::GoTo(Tab::Indicators));
    // No indicator yet: `A` gives the document its first, named at once.
    press(&mut app, 'A');
    type_text(&mut app, "Taux de pauvreté");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(convention(&app).indicators.len(), 1);
    assert_eq!(convention(&app).indicators[0].name, "Taux de pauvreté");
    let last_year = convention(&app).years.map_or(2026, |(_, last)| last);
    assert_eq!(convention(&app).indicators[0].values[0].year, last_year);
    undo_redo_round_trip(&mut app, &before);
    // `a` on it: another after it; `A`: a year, its value typed.
    press(&mut app, 'a');
    type_text(&mut app, "Bénéficiaires du RSA");
    enter(&mut app);
    esc(&mut app);
    app.update(Action::Home);
    press(&mut app, 'A');
    type_text(&mut app, "14,5 %");
    enter(&mut app);
    esc(&mut app);
    let c = convention(&app);
    assert_eq!(c.indicators[1].name, "Bénéficiaires du RSA");
    let values = &c.indicators[0].values;
    assert_eq!(values.len(), 2);
    assert_eq!(
        values[1].value,
        Some(Value::Percent("14.5".parse().unwrap()))
    );
    // `e` edits it in the convention editor; `J` moves it; `D` asks, it holds a figure.
    app.update(Action::Home);
    app.update(Action::Edit);
    assert_eq!(
        app.editor.as_ref().map(|e| e.target),
        Some(revue::app::edit::EditTarget::Convention)
    );
    esc(&mut app);
    press(&mut app, 'J');
    assert_eq!(convention(&app).indicators[1].name, "Taux de pauvreté");
    press(&mut app, 'D');
    assert!(matches!(app.dialog, Some(Dialog::RemoveStructure { .. })));
    press(&mut app, 'o');
    assert_eq!(convention(&app).indicators.len(), 1);
}

#[test]
fn a_read_only_convention_refuses_every_structural_key() {
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    app.documents[0].read_only = true;
    let before = convention(&app).clone();
    for (row, keys) in [(2, "aAKJDrC"), (1, "aAKJD")] {
        for c in keys.chars() {
            axes_row(&mut app, row);
            press(&mut app, c);
            assert!(app.editor.is_none(), "{c}: no editor");
            assert!(app.dialog.is_none(), "{c}: no question");
            assert!(app.status.is_some(), "{c}: told why");
        }
    }
    app.update(Action::GoTo(Tab::Budgets));
    press(&mut app, 'T');
    assert_eq!(convention(&app), &before);
    assert!(app.documents[0].undo.is_empty());
}

#[test]
fn a_run_of_structural_steps_keeps_one_copy_of_the_convention_per_step() {
    use revue::app::edit::Snapshot;
    let (_dir, path) = workspace();
    let mut app = app_on(&path);
    axes_row(&mut app, 2);
    press(&mut app, 'J');
    press(&mut app, 'J');
    let undo = &app.documents[0].undo;
    assert_eq!(undo.len(), 2);
    let (Snapshot::Convention(first_after), Snapshot::Convention(second_before)) =
        (&undo[0].after, &undo[1].before)
    else {
        panic!("structural steps restore the whole convention");
    };
    assert!(
        std::sync::Arc::ptr_eq(first_after, second_before),
        "one state, one copy"
    );
}

#[test]
fn from_nothing_the_first_axe_then_a_fiche_at_the_end() {
    let (_dir, path) = workspace_with(|c| c.axes.clear());
    let mut app = app_on(&path);
    app.update(Action::GoTo(Tab::Fiches));
    press(&mut app, 'a');
    type_text(&mut app, "Premier axe");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(convention(&app).axes.len(), 1);
    assert_eq!(convention(&app).axes[0].id, "1");
    press(&mut app, 'a');
    type_text(&mut app, "Première fiche");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(fiche_ids(&app), [vec!["1-1"]]);
    // On the grand total of the Axes tab: after the last fiche.
    app.update(Action::GoTo(Tab::Axes));
    app.update(Action::End);
    press(&mut app, 'a');
    type_text(&mut app, "Deuxième fiche");
    enter(&mut app);
    esc(&mut app);
    assert_eq!(fiche_ids(&app), [vec!["1-1", "1-2"]]);
}
