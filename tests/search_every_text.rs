//! The palette searches every text a reviewer reads (issue 19 item 9), from a word index
//! built in steps after the first frame and updated per fiche or table after an edit
//! (issue 17).

mod common;

use common::{app_on, data, key, type_text};
use crossterm::event::KeyCode;
use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::views::FicheRef;
use revue::app::{Action, App, Tab};
use revue::search::{Index, Kind, Place};

/// Every result of `query` as (score, document, place), in a canonical order: an updated
/// index numbers its entries differently from a fresh one, and equal scores tie by number.
fn results(index: &Index, query: &str) -> Vec<(i64, u32, String)> {
    let mut found: Vec<(i64, u32, String)> = index
        .search(query, 1_000_000)
        .into_iter()
        .map(|hit| {
            let entry = index.entries[hit.entry];
            (hit.score, entry.document, format!("{:?}", entry.place))
        })
        .collect();
    found.sort();
    found
}

fn fresh_index(app: &App) -> Index {
    Index::build(
        app.documents
            .iter()
            .map(|d| (&*d.convention, d.findings.as_slice())),
    )
}

/// The results of the open palette: kind, document file name and text shown.
fn shown(app: &App) -> Vec<(Kind, String, String)> {
    let palette = app.palette.as_ref().expect("palette open");
    palette
        .hits
        .iter()
        .map(|hit| {
            let shown = app.shown_hit(hit).expect("a result is shown");
            let file = app.documents[shown.document]
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (shown.kind, file, shown.label)
        })
        .collect()
}

fn bundled_app() -> App {
    let mut app = app_on(&data());
    app.resize(120, 40);
    app
}

/// A synthesis section of the CD13 2019 report speaks of parentalité in its last paragraph:
/// it is found, said to be a synthesis, and Enter shows the convention's overview.
#[test]
fn the_cd13_synthesis_about_parentalite_is_found() {
    let mut app = bundled_app();
    type_text(&mut app, "/parentalité hors socle");
    let results = shown(&app);
    let (kind, file, label) = results.first().expect("a result");
    assert_eq!(*kind, Kind::Synthesis, "{results:?}");
    assert_eq!(file, "cd13-2019-rapport-execution.ron");
    assert!(label.contains("Les maraudes mixtes"), "{label}");
    let screen = common::screen(&app).join("\n");
    assert!(screen.contains("synthèse"), "{screen}");
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.tab, Tab::Axes);
    assert_eq!(
        app.documents[app.current].path.file_name().unwrap(),
        "cd13-2019-rapport-execution.ron"
    );
    // The section is read whole, over the Axes tab, which lists it after the axes' total.
    assert!(
        matches!(app.overlay, Some(revue::app::Overlay::Reader { .. })),
        "{:?}",
        app.overlay.is_some()
    );
    let screen = common::screen(&app).join("\n");
    assert!(
        screen.contains("Synthèse : Les maraudes mixtes"),
        "{screen}"
    );
    assert!(screen.contains("Échap : fermer"), "{screen}");
    app.handle_key(&key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    let screen = common::screen(&app).join("\n");
    assert!(
        screen.contains("▸ Synthèse : Les maraudes mixtes"),
        "{screen}"
    );
}

/// Every section of the document is a line of the Axes tab, after the figures; Enter reads
/// it, scrolled to its end and no further, and the help's keys close it.
#[test]
fn every_section_is_listed_in_axes_and_read_with_enter() {
    let mut app = common::app_on(&common::data().join("cd77-2022-convention.ron"));
    let sections = app.document().unwrap().convention.sections.clone();
    assert!(sections.len() > 2);
    let rows =
        revue::app::views::axes_rows(&app.document().unwrap().convention, &Default::default());
    let total = rows
        .iter()
        .position(|r| *r == revue::app::views::AxesRow::GrandTotal)
        .unwrap();
    assert_eq!(rows.len(), total + 1 + sections.len());
    // The longest section: read to its last line.
    let (longest, section) = sections
        .iter()
        .enumerate()
        .max_by_key(|(_, s)| s.text.len())
        .unwrap();
    app.handle_key(&key(KeyCode::End));
    for _ in longest + 1..sections.len() {
        app.handle_key(&key(KeyCode::Up));
    }
    app.handle_key(&key(KeyCode::Enter));
    assert!(matches!(
        app.overlay,
        Some(revue::app::Overlay::Reader { section: s, .. }) if s == longest
    ));
    let first_line = section.text.lines().find(|l| !l.trim().is_empty()).unwrap();
    let first_words: String = first_line
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let screen = common::screen(&app).join("\n");
    assert!(screen.contains(&first_words), "{screen}");
    app.handle_key(&key(KeyCode::End));
    let last_words: String = {
        let last_line = section
            .text
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap();
        let words: Vec<&str> = last_line.split_whitespace().collect();
        words[words.len().saturating_sub(2)..].join(" ")
    };
    let end = common::screen(&app).join("\n");
    assert!(
        end.replace('\u{a0}', " ").contains(&last_words),
        "{last_words:?}\n{end}"
    );
    // No further than the end: one more line down shows the same.
    app.handle_key(&key(KeyCode::Down));
    assert_eq!(common::screen(&app).join("\n"), end);
    app.handle_key(&key(KeyCode::Esc));
    assert!(app.overlay.is_none());
}

/// A partner named in a fiche is found as a partner, with its fiche; Enter opens the fiche.
#[test]
fn a_fiches_partner_is_found_and_enter_opens_its_fiche() {
    let mut app = bundled_app();
    type_text(&mut app, "/adamal");
    let palette = app.palette.as_ref().unwrap();
    let hit = palette.hits.first().expect("found");
    let shown = app.shown_hit(hit).unwrap();
    assert_eq!(shown.kind, Kind::Partner);
    assert!(shown.label.contains("ADAMAL"), "{}", shown.label);
    let fiche = shown.fiche.clone().expect("a partner is in a fiche");
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.tab, Tab::Fiches);
    let selected = app.selected_row(Tab::Fiches).unwrap();
    let doc = app.document().unwrap();
    let fiches: Vec<&revue::model::Fiche> = doc.convention.fiches().collect();
    assert_eq!(fiches[selected].id, fiche);
    // The detail goes to the line that holds the partner, as a find in the fiche would.
    assert_eq!(app.view.fiche_find, "ADAMAL");
    let screen = common::screen(&app).join("\n");
    assert!(screen.contains("ADAMAL"), "{screen}");
}

/// Texts beyond titles, descriptions and partners: an assessment, executed lines, an
/// indicator's name are searched too, each said to be what it is.
#[test]
fn every_text_of_a_fiche_is_searched() {
    let app = bundled_app();
    let index = fresh_index(&app);
    let mut kinds_found = std::collections::BTreeSet::new();
    for (document, doc) in app.documents.iter().enumerate() {
        for fiche in doc.convention.fiches() {
            let Some(assessment) = &fiche.assessment else {
                continue;
            };
            let word = assessment
                .positives
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.chars().count() > 9);
            let Some(word) = word else { continue };
            let found = index.search(word, 1_000_000).into_iter().any(|hit| {
                let entry = index.entries[hit.entry];
                entry.document as usize == document
                    && matches!(entry.place, Place::FicheText { .. })
                    && entry.place.kind(&doc.convention) == Kind::Assessment
            });
            assert!(found, "{word:?} of {} not found", fiche.id);
            kinds_found.insert("assessment");
        }
    }
    assert!(!kinds_found.is_empty(), "the bundled data has assessments");
}

/// Among results, a word written as typed ranks above the same letters scattered in a word.
#[test]
fn an_exact_word_ranks_above_a_fuzzy_one() {
    let (_dir, path) = common::workspace_with(|c| {
        c.axes[0].fiches[0].title = "Favoriser l'employabilité des jeunes".into();
        c.axes[0].fiches[1].title = "Retour à l'emploi des parents".into();
    });
    let mut app = app_on(&path);
    type_text(&mut app, "/emploi");
    let results = shown(&app);
    let position = |text: &str| {
        results
            .iter()
            .position(|(_, _, label)| label.contains(text))
            .unwrap_or_else(|| panic!("{text} not found in {results:?}"))
    };
    assert!(
        position("Retour à l'emploi") < position("employabilité"),
        "{results:?}"
    );
}

/// After edits (a fiche's partner, a summary table's cell, an undo, a redo), the index kept
/// up to date finds exactly what an index built from scratch finds.
#[test]
fn the_index_updated_after_an_edit_equals_a_rebuild() {
    let (_dir, path) = common::workspace();
    let mut app = app_on(&path);
    app.prepare_search();
    let queries = [
        "kaleidoscope",
        "boost emploi",
        "parentalite",
        "3-2",
        "solde",
        "1 234",
        "partenaire",
    ];
    let same = |app: &App, when: &str| {
        let fresh = fresh_index(app);
        let kept = app.index.as_ref().unwrap();
        assert_eq!(kept.len(), fresh.len(), "{when}: entries");
        for query in queries {
            assert_eq!(
                results(kept, query),
                results(&fresh, query),
                "{when}: {query:?}"
            );
        }
    };
    let whole = app.index.as_ref().unwrap().len();
    let numbered = app.index.as_ref().unwrap().entries.len();
    let fiche = EditTarget::Fiche(FicheRef { axe: 0, fiche: 1 });
    app.commit(0, fiche, |c| {
        edit::apply(
            c,
            fiche,
            Field::Title,
            NewValue::Text("Kaléidoscope des partenaires".into()),
        )
    });
    same(&app, "fiche edited");
    // Only the fiche's texts and the findings were indexed again, not the whole convention.
    let added = app.index.as_ref().unwrap().entries.len() - numbered;
    assert!(added > 0 && added < whole / 2, "{added} of {whole}");
    assert!(!results(app.index.as_ref().unwrap(), "kaleidoscope").is_empty());
    assert!(!app.documents[0].convention.tables.is_empty());
    {
        let cell = EditTarget::TableRow { table: 0, row: 0 };
        app.commit(0, cell, |c| {
            edit::apply(
                c,
                cell,
                Field::Cell(0),
                NewValue::Text("Partenaire 1 234".into()),
            )
        });
        same(&app, "table edited");
    }
    app.update(Action::Undo);
    same(&app, "undone");
    app.update(Action::Redo);
    same(&app, "redone");
}

/// In the terminal the index is built in steps after the first frame. A search typed before
/// it is complete says so, keeps every key typed, and runs when the index is complete.
#[test]
fn a_search_typed_before_the_index_is_ready_waits_for_it() {
    let mut app = bundled_app();
    app.build_index_in_steps();
    assert!(app.index_pending());
    type_text(&mut app, "/adam");
    // One step of almost nothing: the index is still under way.
    app.index_step(std::time::Duration::ZERO);
    type_text(&mut app, "al");
    assert!(app.index_pending());
    let palette = app.palette.as_ref().expect("open at once");
    assert_eq!(palette.query(), "adamal", "every key typed is kept");
    assert!(palette.hits.is_empty());
    let screen = common::screen(&app).join("\n");
    assert!(screen.contains("index en cours…"), "{screen}");
    let mut steps = 0;
    while app.index_pending() {
        app.index_step(std::time::Duration::from_millis(1));
        steps += 1;
    }
    assert!(steps > 1, "built in several steps");
    let hits = &app.palette.as_ref().unwrap().hits;
    assert!(!hits.is_empty(), "the search ran when the index arrived");
    let first = app.shown_hit(&hits[0]).unwrap();
    assert!(first.label.contains("ADAMAL"), "{}", first.label);
    let screen = common::screen(&app).join("\n");
    assert!(!screen.contains("index en cours…"), "{screen}");
}

/// Documents replaced again and again (reloads): the dead entries are dropped once they
/// outnumber the live ones, and the index still finds what a fresh one finds.
#[test]
fn an_index_updated_many_times_is_compacted_and_still_right() {
    let app = bundled_app();
    let documents: Vec<(&revue::model::Convention, &[revue::rules::Finding])> = app
        .documents
        .iter()
        .map(|d| (&*d.convention, d.findings.as_slice()))
        .collect();
    let mut index = Index::build(documents.iter().copied());
    for _ in 0..3 {
        for (document, (convention, findings)) in documents.iter().enumerate() {
            index.update_document(document, convention, findings);
        }
    }
    let fresh = Index::build(documents.iter().copied());
    assert_eq!(index.len(), fresh.len());
    assert!(
        index.entries.len() < 2 * index.len(),
        "dead entries dropped: {} numbered, {} live",
        index.entries.len(),
        index.len()
    );
    for query in [
        "parentalite",
        "adamal",
        "3-2",
        "solde",
        "insertion jeunes",
        "fiche 12",
    ] {
        assert_eq!(results(&index, query), results(&fresh, query), "{query:?}");
    }
}
