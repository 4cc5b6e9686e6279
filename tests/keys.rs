//! Issue 18: one keymap for every mode. Rebinding a key in each mode's section of the config
//! works there, and shows in `?` and in that mode's hint.

mod common;

use common::*;
use crossterm::event::KeyCode;
use revue::app::{Action, Tab};
use revue::strings::Lang;

fn screen_text(app: &revue::app::App) -> String {
    screen(app).join("\n")
}

#[test]
fn normal_mode_rebinding_opens_the_help_and_shows_in_the_status_bar() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(keys: {"z": Help})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        screen_text(&app).contains("z aide"),
        "{}",
        screen_text(&app)
    );
    assert!(
        help_text(&app).contains("z, ?, F1 | cette aide"),
        "{}",
        help_text(&app)
    );
    app.handle_key(&key(KeyCode::Char('z')));
    assert!(app.overlay.is_some(), "z opens the help");
}

#[test]
fn palette_rebinding_moves_the_selection_and_shows_in_its_hint() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(palette_keys: {"ctrl-j": Down})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::Search);
    type_text(&mut app, "e");
    assert!(app.palette.as_ref().unwrap().hits.len() > 1);
    app.handle_key(&ctrl('j'));
    assert_eq!(app.palette.as_ref().unwrap().scroll.selected, 1);
    assert_eq!(app.palette.as_ref().unwrap().query(), "e", "not typed");
    let shown = screen_text(&app);
    assert!(shown.contains("↑/Ctrl-J : choisir"), "{shown}");
    assert!(help_text(&app).contains("Ctrl-J, ↓, Ctrl-N | résultat suivant"));
}

#[test]
fn filter_rebinding_clears_the_filter_and_shows_in_the_help() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(filter_keys: {"ctrl-g": Close})"#,
        Lang::En,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Filter);
    type_text(&mut app, "emploi");
    assert_eq!(app.filters[Tab::Fiches.index()], "emploi");
    let shown = screen_text(&app);
    assert!(
        shown.contains("Enter: keep · Ctrl-G: clear and close"),
        "{shown}"
    );
    app.handle_key(&ctrl('g'));
    assert!(app.filter_input.is_none());
    assert!(app.filters[Tab::Fiches.index()].is_empty(), "cleared");
    assert!(
        help_text(&app).contains("Ctrl-G, Esc | clear and close"),
        "{}",
        help_text(&app)
    );
}

#[test]
fn editor_rebindings_work_in_the_field_list_and_while_typing_and_show_in_its_hints() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(editor_keys: {"i": Edit}, typing_keys: {"ctrl-g": Cancel})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    assert!(app.editor.is_some());
    let shown = screen_text(&app);
    assert!(shown.contains("i : modifier"), "{shown}");
    app.handle_key(&key(KeyCode::Char('i')));
    assert!(
        app.editor.as_ref().unwrap().input.is_some(),
        "i edits the field"
    );
    let shown = screen_text(&app);
    assert!(shown.contains("Ctrl-G : annuler"), "{shown}");
    app.handle_key(&ctrl('g'));
    let editor = app.editor.as_ref().expect("still open");
    assert!(editor.input.is_none(), "Ctrl-G leaves the field");
    let help = help_text(&app);
    assert!(help.contains("i, Entrée, e | modifier"), "{help}");
    assert!(help.contains("Ctrl-G, Échap | annuler"), "{help}");
}

#[test]
fn a_text_key_cannot_be_bound_where_it_is_typed() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(typing_keys: {"x": Cancel}, palette_keys: {"q": Close})"#,
        Lang::En,
        100,
        30,
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.contains("ctrl-")), "{problems:?}");
    app.update(Action::Search);
    type_text(&mut app, "q");
    assert_eq!(app.palette.as_ref().unwrap().query(), "q", "q is typed");
}

#[test]
fn dialog_rebinding_answers_and_shows_in_the_question() {
    let (_dir, path) = workspace();
    let (mut app, problems) =
        app_with_config(&path, r#"(dialog_keys: {"k": Discard})"#, Lang::Fr, 100, 30);
    assert!(problems.is_empty(), "{problems:?}");
    set_planned_total(&mut app, "1");
    app.update(Action::Quit);
    assert!(app.dialog.is_some());
    let shown = screen_text(&app);
    assert!(shown.contains("[k] abandonner et quitter"), "{shown}");
    assert!(help_text(&app).contains("k, a, d, i | abandonner"));
    app.handle_key(&key(KeyCode::Char('k')));
    assert!(app.should_quit);
}

#[test]
fn help_rebinding_closes_it_and_shows_on_its_border() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(help_keys: {"x": Close})"#,
        Lang::En,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.handle_key(&key(KeyCode::Char('?')));
    assert!(app.overlay.is_some());
    let shown = screen_text(&app);
    assert!(shown.contains("x or Esc to close"), "{shown}");
    assert!(help_text(&app).contains("x, Esc, ?, F1, q, Ctrl-C | close"));
    app.handle_key(&key(KeyCode::Char('x')));
    assert!(app.overlay.is_none(), "x closes the help");
}

#[test]
fn a_mode_left_without_a_way_out_gets_esc_back_and_says_so() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(palette_keys: {"esc": Clear})"#,
        Lang::En,
        100,
        30,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("Search") && problems[0].contains("Esc"),
        "{problems:?}"
    );
    app.update(Action::Search);
    app.handle_key(&key(KeyCode::Esc));
    assert!(app.palette.is_none(), "Esc closes it again");
}

#[test]
fn one_key_written_twice_in_a_mode_is_reported() {
    let (_, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(editor_keys: {"ctrl-x": Add, "Ctrl-x": Remove})"#,
        Lang::Fr,
        100,
        30,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("Ctrl-X"), "{problems:?}");
}

#[test]
fn the_old_config_format_still_binds_normal_mode() {
    let (app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(keys: {"ctrl-q": Quit})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(app.keymap.action(&ctrl('q')), Some(Action::Quit));
}

#[test]
fn hints_inside_tabs_and_messages_name_the_keys_in_force() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(keys: {"z": Disposition, "ctrl-n": NextMatch, "alt-l": Right})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::GoTo(Tab::Anomalies));
    let shown = screen_text(&app);
    assert!(shown.contains("z disposition"), "{shown}");
    assert!(shown.contains("←/Alt-l : cette convention"), "{shown}");
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::End); // 3-2 Boost emploi.
    app.update(Action::FindInFiche);
    type_text(&mut app, "emploi");
    app.handle_key(&key(KeyCode::Enter));
    let shown = screen_text(&app);
    assert!(shown.contains("Ctrl-N / <"), "{shown}");
}

/// Issue 19 item 4: the field list's hint offers only what works on the selected field.
#[test]
fn the_editor_hint_offers_removal_only_where_it_works() {
    let (mut app, _) = app_with_config(FIXTURE.as_ref(), "()", Lang::Fr, 100, 30);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    let shown = screen_text(&app);
    assert!(
        shown.contains("Entrée : modifier · a : ajouter · Échap : fermer"),
        "{shown}"
    );
    assert!(!shown.contains("supprimer"), "{shown}");
    let fields = app.editor.as_ref().unwrap().fields.clone();
    let partner = fields
        .iter()
        .position(|f| f.list().is_some())
        .expect("the fixture's fiche has a list item");
    for _ in 0..partner {
        app.handle_key(&key(KeyCode::Down));
    }
    let shown = screen_text(&app);
    assert!(
        shown.contains("Entrée : modifier · a : ajouter · d : supprimer · Échap : fermer"),
        "{shown}"
    );
}

#[test]
fn note_rebinding_drops_the_note_and_shows_under_it() {
    let (mut app, problems) = app_with_config(
        FIXTURE.as_ref(),
        r#"(note_keys: {"ctrl-g": Close})"#,
        Lang::Fr,
        100,
        30,
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.update(Action::GoTo(Tab::Anomalies));
    app.update(Action::Note);
    assert!(app.review_ui.note.is_some());
    type_text(&mut app, "vu");
    let shown = screen_text(&app);
    assert!(shown.contains("Ctrl-G : abandonner la note"), "{shown}");
    app.handle_key(&ctrl('g'));
    assert!(app.review_ui.note.is_none(), "Ctrl-G drops it");
    assert!(help_text(&app).contains("Ctrl-G, Échap | abandonner la note"));
}
