//! Search: normalisation, ranking, id queries, the palette on TestBackend, the filter.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::Convention;
use revue::rules::Config;
use revue::search::{Index, Kind};
use revue::storage;
use revue::strings::Lang;
use revue::ui::{self, Theme};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.ron")
}

fn convention() -> Convention {
    storage::load_file(&fixture()).unwrap().convention
}

fn index_of(c: &Convention) -> Index {
    Index::build(std::iter::once((c, &[][..])))
}

/// The text shown for a result of an index of one convention.
fn label(index: &Index, c: &Convention, entry: usize) -> String {
    index.label(entry, c, &[]).expect("a result has a text")
}

fn first_label(index: &Index, c: &Convention, query: &str) -> String {
    let hits = index.search(query, 10);
    let hit = hits
        .first()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"));
    label(index, c, hit.entry)
}

#[test]
fn accents_and_case_are_ignored_both_ways() {
    let mut c = convention();
    c.axes[0].fiches[0].title = "École et crème de l'œuvre".into();
    let index = index_of(&c);
    for query in ["ecole", "ÉCOLE", "école", "creme", "oeuvre", "ŒUVRE"] {
        assert!(
            first_label(&index, &c, query).contains("École et crème"),
            "{query}"
        );
    }
}

#[test]
fn words_match_in_any_order() {
    let c = convention();
    let index = index_of(&c);
    for query in [
        "parentalite grossesse",
        "grossesse parentalite",
        "GROSSESSE Parentalité",
    ] {
        assert_eq!(
            first_label(&index, &c, query),
            "1-4 Soutenir la parentalité : informer dès la grossesse",
            "{query}"
        );
    }
}

#[test]
fn an_id_query_ranks_that_fiche_first() {
    let c = convention();
    let index = index_of(&c);
    for query in ["3-2", "3.2", "fiche 3-2", "FICHE 3.2"] {
        let hits = index.search(query, 10);
        let place = index.entries[hits[0].entry].place;
        assert_eq!(place.kind(&c), Kind::Fiche, "{query}");
        assert_eq!(place.fiche_id(&c, &[]), Some("3-2"), "{query}");
    }
}

#[test]
fn matched_characters_point_into_the_label() {
    let c = convention();
    let index = index_of(&c);
    let hits = index.search("boost", 10);
    let shown = label(&index, &c, hits[0].entry);
    let chars: Vec<char> = shown.chars().collect();
    let matched: String = revue::search::highlight("boost", &shown)
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(matched.to_lowercase(), "boost");
}

#[test]
fn nothing_matches_nonsense() {
    assert!(index_of(&convention()).search("zzzqqq", 10).is_empty());
}

fn app() -> App {
    let rules = Config {
        current_year: 2026,
        ..Config::default()
    };
    let mut app = App::new(
        storage::load_paths(&[fixture()]),
        Keymap::default(),
        Lang::Fr,
        rules,
    );
    app.resize(100, 24);
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, app, &Theme::default()))
        .unwrap();
    terminal.backend().to_string().replace('\u{a0}', " ")
}

#[test]
fn palette_shows_ranked_results_and_enter_jumps_to_the_fiche() {
    let mut app = app();
    type_text(&mut app, "/parentalite grossesse");
    insta::assert_snapshot!(screen(&app));
    key(&mut app, KeyCode::Enter);
    assert!(app.palette.is_none());
    assert_eq!(app.tab, Tab::Fiches);
    let shown = screen(&app);
    assert!(shown.contains("┌ 1-4 "), "{shown}");
}

#[test]
fn escape_closes_the_palette_without_moving() {
    let mut app = app();
    app.update(Action::GoTo(Tab::Indicators));
    type_text(&mut app, "/boost");
    key(&mut app, KeyCode::Esc);
    assert!(app.palette.is_none());
    assert_eq!(app.tab, Tab::Indicators);
}

#[test]
fn ctrl_p_opens_the_palette_too() {
    let mut app = app();
    app.handle_key(&KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    assert!(app.palette.is_some());
}

#[test]
fn f_filters_the_current_list_as_you_type_and_esc_clears() {
    let mut app = app();
    app.update(Action::GoTo(Tab::Fiches));
    type_text(&mut app, "fparentalite");
    assert_eq!(app.visible_rows(Tab::Fiches), [1]);
    let shown = screen(&app);
    assert!(
        shown.contains("Fiches (1) — filtre : parentalite"),
        "{shown}"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.filters[Tab::Fiches.index()],
        "parentalite",
        "Enter keeps the filter"
    );
    app.update(Action::Filter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.visible_rows(Tab::Fiches), [0, 1, 2], "Esc clears it");
}

#[test]
fn filters_apply_to_budgets_indicators_and_anomalies() {
    let mut app = app();
    app.update(Action::GoTo(Tab::Anomalies));
    type_text(&mut app, "fboost");
    assert_eq!(app.visible_rows(Tab::Anomalies).len(), 2);
    key(&mut app, KeyCode::Enter);
    app.update(Action::GoTo(Tab::Indicators));
    type_text(&mut app, "fateliers");
    assert_eq!(app.visible_rows(Tab::Indicators), [1]);
    key(&mut app, KeyCode::Enter);
    app.update(Action::GoTo(Tab::Budgets));
    type_text(&mut app, "fboost");
    // Axe headings and the total stay; only the matching fiche row remains among fiches.
    assert_eq!(app.visible_rows(Tab::Budgets), [0, 3, 4, 5]);
}

/// The index is not needed for the first frame, so start-up does not build it; the first
/// search does (the terminal loop builds it right after the first frame), from the
/// conventions as they are then.
#[test]
fn the_index_is_built_after_start_up_from_the_current_conventions() {
    let mut app = app();
    assert!(app.index.is_none(), "App::new leaves the index to later");
    std::sync::Arc::make_mut(&mut app.documents[0].convention).axes[0].fiches[0].title =
        "Bricolage solidaire".into();
    type_text(&mut app, "/bricolage");
    assert!(app.index.is_some());
    let hits = &app.palette.as_ref().expect("palette open").hits;
    assert!(
        !hits.is_empty(),
        "a title changed before the index exists is found"
    );
}

/// A word found deep in a long text is shown in the palette with the text around it.
#[test]
fn a_match_far_in_a_long_text_is_shown_in_context() {
    let mut app = app();
    let long = format!(
        "{} Le prestataire retenu est Kaléidoscope.",
        "Contexte. ".repeat(40)
    );
    std::sync::Arc::make_mut(&mut app.documents[0].convention).axes[0].fiches[0].description =
        Some(revue::model::Block {
            text: long,
            ..Default::default()
        });
    type_text(&mut app, "/kaleidoscope");
    let shown = screen(&app);
    let row = shown
        .lines()
        .find(|line| line.contains("texte"))
        .unwrap_or_else(|| panic!("no text result:\n{shown}"));
    assert!(
        row.contains("…") && row.contains("retenu est Kaléidoscope"),
        "{row}"
    );
}

/// Typing narrows: each keystroke searches among what the previous one matched, and finds
/// exactly what a search from scratch finds (on the bundled conventions, queries typed one
/// character at a time: words, accents, ids, a second word, nothing).
#[test]
fn narrowing_as_you_type_finds_what_a_fresh_search_finds() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let report = storage::load_paths(&[data]);
    let conventions: Vec<Convention> = report.files.into_iter().map(|f| f.convention).collect();
    let mut index = Index::build(conventions.iter().map(|c| (c, &[][..])));
    let queries = [
        "parentalité grossesse",
        "3-2",
        "fiche 12",
        "FICHE 1",
        "insertion jeunes 77",
        "kpmg",
        "boost emploi",
        "zzq",
        "1.7.2",
    ];
    let same = |a: &[revue::search::Hit], b: &[revue::search::Hit]| {
        a.iter().map(|h| (h.entry, h.score)).collect::<Vec<_>>()
            == b.iter().map(|h| (h.entry, h.score)).collect::<Vec<_>>()
    };
    for query in queries {
        let mut previous = None;
        for end in query.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let typed = &query[..end];
            let (hits, narrowing) = index.search_narrowing(typed, 50, previous.as_ref());
            let fresh = index.search(typed, 50);
            assert!(same(&hits, &fresh), "{typed:?}: narrowed and fresh differ");
            previous = Some(narrowing);
        }
    }
    // After an edit the entries move: an earlier narrowing is not used.
    let (_, narrowing) = index.search_narrowing("parent", 50, None);
    let mut edited = conventions[0].clone();
    edited.axes[0].fiches[0].title = "Parentalité renouvelée".into();
    index.rebuild_document(0, &edited, &[]);
    let (hits, _) = index.search_narrowing("parenta", 50, Some(&narrowing));
    assert!(same(&hits, &index.search("parenta", 50)));
}
