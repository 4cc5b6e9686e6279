//! What a newcomer does with the keys: filters, editing from the Anomalies tab.

mod common;

use std::path::Path;

use common::{data, key, screen, type_text};
use crossterm::event::{KeyCode, KeyEvent};
use revue::app::edit::{EditTarget, Field};
use revue::app::{Action, App, Tab};
use revue::model::BudgetField;
use revue::rules::Rule;

/// The app on `path`, on a 120×35 screen.
fn app_on(path: &Path) -> App {
    let mut app = common::app_on(path);
    app.resize(120, 35);
    app
}

fn selected_fiche_id(app: &App) -> String {
    let c = &app.document().unwrap().convention;
    let row = app.selected_row(Tab::Fiches).expect("a fiche selected");
    revue::app::views::fiche_refs(c)[row].get(c).id.clone()
}

#[test]
fn esc_clears_a_confirmed_filter_and_keeps_the_selected_fiche() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Filter);
    type_text(&mut app, "emploi");
    app.handle_key(&key(KeyCode::Enter));
    assert_eq!(app.filters[Tab::Fiches.index()], "emploi");
    app.update(Action::Down);
    let chosen = selected_fiche_id(&app);
    app.update(Action::Back);
    assert!(app.filters[Tab::Fiches.index()].is_empty(), "Esc clears it");
    assert_eq!(selected_fiche_id(&app), chosen, "the selection stays");
    // Cleared while typing: the same.
    app.update(Action::Filter);
    type_text(&mut app, "jeunes");
    let chosen = selected_fiche_id(&app);
    app.handle_key(&key(KeyCode::Esc));
    assert!(app.filters[Tab::Fiches.index()].is_empty());
    assert_eq!(selected_fiche_id(&app), chosen);
}

#[test]
fn e_in_anomalies_opens_the_editor_on_the_findings_figure() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.update(Action::GoTo(Tab::Anomalies));
    let rows = app.anomaly_rows();
    let (position, &(_, finding)) = rows
        .iter()
        .enumerate()
        .find(|(_, (d, f))| {
            let finding = &app.documents[*d].findings[*f];
            finding.rule == Rule::Remaining && finding.fiche() == Some("3-2")
        })
        .expect("3-2's remaining credit is a finding");
    for _ in 0..position {
        app.update(Action::Down);
    }
    assert_eq!(
        app.anomaly_rows()[app.selected_row(Tab::Anomalies).unwrap()].1,
        finding
    );
    app.update(Action::Edit);
    let editor = app.editor.as_ref().expect("the editor opens");
    let EditTarget::Fiche(r) = editor.target else {
        panic!("on the fiche")
    };
    assert_eq!(r.get(&app.documents[0].convention).id, "3-2");
    assert_eq!(
        editor.fields[editor.scroll.selected],
        Field::Budget(BudgetField::Remaining),
        "on the figure the finding is about"
    );
}

/// The detail pane of the Fiches tab: the right half of the body, inside its border.
fn detail_pane(screen: &[String]) -> Vec<String> {
    screen[2..screen.len() - 4]
        .iter()
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let start = chars
                .iter()
                .position(|c| *c == '┌' || *c == '│')
                .unwrap_or(0);
            let second = chars[start + 1..]
                .iter()
                .position(|c| *c == '│' || *c == '┌')
                .map_or(0, |p| start + 1 + p);
            chars[second + 1..chars.len().saturating_sub(1)]
                .iter()
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_fiche_detail_stops_at_its_end_and_jumps_between_sections() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.resize(80, 24);
    app.update(Action::GoTo(Tab::Fiches));
    screen(&app);
    for _ in 0..200 {
        app.update(Action::DetailDown);
        screen(&app);
    }
    let pane = detail_pane(&screen(&app));
    let last = pane.last().unwrap();
    assert!(
        !pane.iter().all(|l| l.trim().is_empty()),
        "not a blank pane"
    );
    assert!(
        !last.trim().is_empty(),
        "the end of the fiche fills the pane's last row: {pane:#?}"
    );
    // Back up: one step is one step, not two hundred.
    let at_end = app.view.fiche_detail_scroll;
    app.update(Action::DetailUp);
    assert_eq!(app.view.fiche_detail_scroll, at_end.saturating_sub(5));
    // From the top, `}` brings each section heading to the top of the pane.
    app.update(Action::Home);
    app.update(Action::Down);
    app.update(Action::Up);
    screen(&app);
    let sections = app.view.fiche_detail_extent.borrow().sections.clone();
    assert!(sections.len() >= 3, "{sections:?}");
    app.update(Action::NextSection);
    let first = detail_pane(&screen(&app))[0].trim().to_string();
    assert!(!first.is_empty(), "a heading at the top");
    app.update(Action::NextSection);
    let second = detail_pane(&screen(&app))[0].trim().to_string();
    assert_ne!(first, second);
    app.update(Action::PrevSection);
    assert_eq!(detail_pane(&screen(&app))[0].trim(), first);
}

#[test]
fn a_click_on_a_tab_clears_the_last_message_and_waits_while_a_question_is_open() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.jump_to(0, 0);
    assert!(app.status.is_some());
    let click = |column| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row: 0,
        modifiers: KeyModifiers::NONE,
    };
    let column = (0..app.screen.width)
        .find(|&x| app.tab_at(x) == Some(Tab::Indicators))
        .unwrap();
    app.handle_mouse(&click(column));
    assert_eq!(app.tab, Tab::Indicators);
    assert_eq!(app.status, None, "no stale finding message");
    app.update(Action::Edit);
    assert!(app.editor.is_some());
    let column = (0..app.screen.width)
        .find(|&x| app.tab_at(x) == Some(Tab::Axes))
        .unwrap();
    app.handle_mouse(&click(column));
    assert_eq!(
        app.tab,
        Tab::Indicators,
        "the editor is open: the click waits"
    );
}

#[test]
fn a_long_description_is_edited_wrapped_with_its_start_in_view() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.resize(80, 24);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    let at = app
        .editor
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| *f == Field::Description);
    for _ in 0..at.unwrap() {
        app.handle_key(&key(KeyCode::Down));
    }
    app.handle_key(&key(KeyCode::Enter));
    let text = app.documents[0].convention.axes[0].fiches[0]
        .description
        .as_ref()
        .unwrap()
        .text
        .clone();
    assert!(
        text.lines().next().unwrap().chars().count() > 200,
        "a long line"
    );
    // To the start of the text.
    for _ in 0..100 {
        app.handle_key(&key(KeyCode::Up));
    }
    app.handle_key(&key(KeyCode::Home));
    // The input box: from its titled top border to its bottom border.
    let screen = screen(&app);
    let top = screen
        .iter()
        .rposition(|l| l.contains("┌ Description"))
        .expect("the input box");
    let bottom = top + screen[top..].iter().position(|l| l.contains("└")).unwrap();
    let shown: String = screen[top + 1..bottom]
        .iter()
        .map(|l| l.split('│').nth(3).unwrap_or_default().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let start: String = text.chars().take(25).collect();
    // Words from the middle of the first (long) line: on a wrapped row, not off to the right.
    let first_line: Vec<&str> = text.lines().next().unwrap().split(' ').collect();
    let end = first_line[first_line.len() / 2..first_line.len() / 2 + 3].join(" ");
    assert!(shown.contains(&start), "the start stays in view:\n{shown}");
    assert!(
        shown.contains(&end),
        "and the end where the cursor is:\n{shown}"
    );
}

#[test]
fn the_table_row_editor_offers_only_what_works_there() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.update(Action::GoTo(Tab::Budgets));
    app.update(Action::Right); // The document's financial table.
    app.update(Action::Down);
    app.update(Action::Edit);
    assert!(matches!(
        app.editor.as_ref().map(|e| e.target),
        Some(EditTarget::TableRow { .. })
    ));
    let shown = screen(&app).join("\n");
    assert!(shown.contains("Entrée : modifier"), "{shown}");
    // On a cell, `a` adds a column (issue 16); nothing there can be removed: a column goes
    // from its name only.
    assert!(
        shown.contains("ajouter") && !shown.contains("supprimer"),
        "{shown}"
    );
}

#[test]
fn a_journal_failure_shows_in_the_open_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cd13.ron");
    std::fs::copy(data().join("cd13-2019-rapport-execution.ron"), &path).unwrap();
    let mut app = app_on(&path);
    // A journal under a file cannot be written.
    let blocker = dir.path().join("not-a-directory");
    std::fs::write(&blocker, "").unwrap();
    app.start_session(revue::storage::Journal::at(blocker.join("journal")));
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::Edit);
    app.handle_key(&key(KeyCode::Enter)); // Title
    type_text(&mut app, " bis");
    app.handle_key(&key(KeyCode::Enter));
    assert!(app.editor.is_some());
    let shown = screen(&app).join("\n");
    assert!(shown.contains("Journal de secours impossible"), "{shown}");
}

#[test]
fn the_picker_tells_two_files_of_one_convention_apart() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini.ron");
    std::fs::copy(fixture, dir.path().join("premier.ron")).unwrap();
    std::fs::copy(fixture, dir.path().join("second.ron")).unwrap();
    let mut app = app_on(dir.path());
    app.update(Action::PickConvention);
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("premier.ron") && shown.contains("second.ron"),
        "{shown}"
    );
}

#[test]
fn words_found_in_a_long_fiche_are_marked_counted_and_stepped_through() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.resize(80, 24);
    app.update(Action::GoTo(Tab::Fiches));
    app.update(Action::FindInFiche);
    type_text(&mut app, "autonomie");
    app.handle_key(&key(KeyCode::Enter));
    let first = screen(&app);
    let title = first
        .iter()
        .find(|l| l.contains("autonomie"))
        .cloned()
        .unwrap_or_default();
    assert!(
        title.contains("occurrences"),
        "the count is shown: {first:#?}"
    );
    let matches = app.view.fiche_detail_extent.borrow().matches.clone();
    assert!(matches.len() >= 2, "{matches:?}");
    // The detail opens on the first line found, then n steps to the next.
    let pane = detail_pane(&first);
    // (A paragraph holding the words wraps: they may be a few rows into it.)
    let near_top = |pane: &[String]| pane[..5].join(" ").to_lowercase().contains("autonomie");
    assert!(near_top(&pane), "{pane:#?}");
    let before = pane.clone();
    app.update(Action::NextMatch);
    let pane = detail_pane(&screen(&app));
    assert!(near_top(&pane), "{pane:#?}");
    assert_ne!(pane, before, "n moved to another line found");
    // Esc forgets the words.
    app.update(Action::Back);
    assert!(app.view.fiche_find.is_empty());
}

#[test]
fn the_search_counts_its_results_and_ctrl_u_empties_it() {
    use crossterm::event::KeyModifiers;
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    app.prepare_search();
    app.update(Action::Search);
    type_text(&mut app, "boost emploi");
    let hits = app.palette.as_ref().unwrap().hits.len();
    assert!(hits > 0);
    let shown = screen(&app).join("\n");
    let count = if hits == 1 {
        "1 résultat".to_string()
    } else {
        format!("{hits} résultats")
    };
    assert!(shown.contains(&count), "{count} in:\n{shown}");
    app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let palette = app.palette.as_ref().expect("still open");
    assert_eq!(palette.query(), "", "Ctrl-U empties the line");
}

#[test]
fn fiche_titles_in_the_list_are_whole_or_end_with_an_ellipsis() {
    for (width, height) in [(80, 24), (120, 35), (200, 60)] {
        let mut app = app_on(&data());
        app.resize(width, height);
        app.update(Action::GoTo(Tab::Fiches));
        for document in 0..app.documents.len() {
            app.show_convention(document);
            let shown = screen(&app);
            let c = &app.documents[document].convention;
            for r in revue::app::views::fiche_refs(c)
                .iter()
                .take(usize::from(height) - 8)
            {
                let fiche = r.get(c);
                let full = format!("{} {}", fiche.id, fiche.title);
                // The list is the first bordered column of the body.
                let cell = shown
                    .iter()
                    .filter_map(|l| l.strip_prefix('│')?.split('│').next())
                    .find(|cell| cell.contains(&format!(" {} ", fiche.id)))
                    .unwrap_or_else(|| panic!("{} listed at {width}×{height}", fiche.id))
                    .trim_end();
                let cell = cell
                    .get(cell.find(&fiche.id).unwrap_or(0)..)
                    .unwrap_or_default();
                assert!(
                    cell == full || cell.ends_with('…'),
                    "{width}×{height}: {cell:?} is a cut of {full:?}"
                );
            }
        }
    }
}

/// A draft read from a document's text may not say its territory or period yet: the status
/// line leaves them out rather than showing `()` and an empty field between dots.
#[test]
fn the_status_line_leaves_out_what_the_document_does_not_say() {
    let mut app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    let c = std::sync::Arc::make_mut(&mut app.documents[0].convention);
    c.territory.name.clear();
    c.territory.number.clear();
    c.period.clear();
    let shown = screen(&app);
    let status = shown.last().unwrap();
    assert!(status.starts_with("[1/1] 0/18 fiches relues"), "{status}");
    assert!(
        !status.contains("()") && !status.contains("·  ·"),
        "{status}"
    );
}

/// Under a stated figure no fiche states (CD13: axe 3's other funders), the line of what the
/// fiches add up to says there is nothing to add up, rather than showing an empty cell.
#[test]
fn a_sum_of_nothing_under_a_stated_figure_says_so() {
    let app = app_on(&data().join("cd13-2019-rapport-execution.ron"));
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("total des fiches (prévu autres financeurs) : aucune fiche"),
        "{shown}"
    );
}
