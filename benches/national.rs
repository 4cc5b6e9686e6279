//! revue at national scale: 101 départements × 4 years of execution reports (~400 files,
//! ~10 000 fiches, ~100 000 indicator values), generated into a temporary directory by the
//! same code as `cargo run --example gen_corpus`, removed when the run ends. See
//! BENCHMARKS.md for the figures.
//!
//! `REVUE_BENCH_SHAPE` picks the shape of data: `national` (the default), `national4` (4×:
//! 404 départements × 4 years), `one5000` (one convention of 5 000 fiches).
//!
//! ```sh
//! cargo bench --bench national
//! REVUE_BENCH_SHAPE=one5000 cargo bench --bench national
//! ```

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::views::FicheRef;
use revue::app::{Action, App, Keymap, Tab};
use revue::model::{BudgetField, Convention, Value};
use revue::rules::{self, Config};
use revue::search::Index;
use revue::storage::{self, LoadReport, LoadedFile};
use revue::strings::Lang;
use revue::ui::{self, Theme};

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

/// Where the corpus is generated: a temporary directory owned by `main`, so that it is
/// removed when the run ends (a static is never dropped).
static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// The shape of data benched, as `REVUE_BENCH_SHAPE` asks.
fn shape() -> (&'static str, corpus::Params) {
    let national = corpus::Params::default();
    match std::env::var("REVUE_BENCH_SHAPE").as_deref() {
        Err(_) | Ok("" | "national") => ("national", national),
        Ok("national4") => (
            "national4",
            corpus::Params {
                departements: 4 * national.departements,
                ..national
            },
        ),
        Ok("one5000") => (
            "one5000",
            corpus::Params {
                departements: 1,
                years: 1,
                fiches_per_convention: Some(5000),
                ..national
            },
        ),
        Ok(other) => {
            panic!("REVUE_BENCH_SHAPE: unknown shape {other:?} (national, national4, one5000)")
        }
    }
}

fn main() {
    // Removed when `main` returns or unwinds.
    let root = tempfile::tempdir().expect("temporary directory");
    ROOT.set(root.path().to_path_buf()).expect("set once");
    // Generate before timing anything.
    let corpus = &*CORPUS;
    eprintln!(
        "corpus {}: {} files, {} fiches, {:.1} MB in {}",
        shape().0,
        corpus.files.len(),
        corpus
            .files
            .iter()
            .map(|f| f.convention.fiche_count())
            .sum::<usize>(),
        corpus.texts.iter().map(String::len).sum::<usize>() as f64 / 1e6,
        corpus.dir.display()
    );
    divan::main();
    drop(root);
}

struct Corpus {
    dir: PathBuf,
    /// Every file's text, in path order, for the parse floor.
    texts: Vec<String>,
    /// Every file loaded, to build apps without re-reading.
    files: Vec<LoadedFile>,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let dir = ROOT.get().expect("main sets the root").join("corpus");
    let paths = corpus::write(&dir, shape().1).expect("corpus written");
    let texts = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("corpus file"))
        .collect();
    let report = storage::load_paths(std::slice::from_ref(&dir));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    Corpus {
        dir,
        texts,
        files: report.files,
    }
});

/// Fixed year, so indicator findings do not depend on the date the bench runs.
fn config() -> Config {
    Config {
        current_year: 2026,
        ..Config::default()
    }
}

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

fn app_of(files: Vec<LoadedFile>) -> App {
    let report = LoadReport {
        files,
        errors: Vec::new(),
    };
    let mut app = App::new(report, Keymap::default(), Lang::Fr, config());
    app.resize(WIDTH, HEIGHT);
    app
}

fn corpus_app() -> App {
    app_of(CORPUS.files.clone())
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal")
}

/// Start-up: what it costs to get from files on disk to the first frame, against the floor
/// of merely parsing the same bytes with `ron`.
mod startup {
    use super::*;

    /// The floor, on one core: `ron` over the bytes already in memory.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn parse_floor_serial() -> Vec<Convention> {
        CORPUS
            .texts
            .iter()
            .map(|t| storage::from_ron_str(t).expect("parses"))
            .collect()
    }

    /// The floor on every core, split like `storage::load_paths` splits files.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn parse_floor_parallel() -> Vec<Convention> {
        let texts = &CORPUS.texts;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = texts.len().div_ceil(workers);
        std::thread::scope(|scope| {
            let handles: Vec<_> = texts
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|t| storage::from_ron_str(t).expect("parses"))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("no panic"))
                .collect()
        })
    }

    /// Reading and parsing the directory as the app does (`storage::load_paths`).
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn load() -> LoadReport {
        storage::load_paths(std::slice::from_ref(&CORPUS.dir))
    }

    /// Files on disk → the first frame drawn: load, rules, one draw (the search index is built
    /// after the first frame: `search::build_index`).
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn first_frame(bencher: Bencher) {
        let mut terminal = terminal();
        bencher.bench_local(|| {
            let report = storage::load_paths(std::slice::from_ref(&CORPUS.dir));
            let mut app = App::new(report, Keymap::default(), Lang::Fr, config());
            app.resize(WIDTH, HEIGHT);
            terminal
                .draw(|frame| ui::draw(frame, &app, &Theme::default()))
                .expect("draws");
            app
        });
    }

    /// `App::new` alone, on files already parsed: the rules.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn app_new(bencher: Bencher) {
        bencher
            .with_inputs(|| LoadReport {
                files: CORPUS.files.clone(),
                errors: Vec::new(),
            })
            .bench_local_values(|report| App::new(report, Keymap::default(), Lang::Fr, config()));
    }
}

/// Every rule over every convention.
mod rules_bench {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn all_rules_serial() -> usize {
        let config = config();
        CORPUS
            .files
            .iter()
            .map(|f| rules::check_convention(&f.convention, &config).len())
            .sum()
    }

    /// Spread over the cores, one convention each.
    #[divan::bench(sample_count = 20)]
    fn all_rules() -> usize {
        let config = config();
        let conventions: Vec<&Convention> = CORPUS.files.iter().map(|f| &f.convention).collect();
        rules::check_all(&conventions, &config)
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// As `App::new` runs them: spread over the cores (a large convention fiche by fiche),
    /// each fiche's findings kept for the re-checks after an edit.
    #[divan::bench(sample_count = 20)]
    fn all_rules_kept() -> usize {
        let config = config();
        let conventions: Vec<&Convention> = CORPUS.files.iter().map(|f| &f.convention).collect();
        rules::check_all_kept(&conventions, &config)
            .iter()
            .map(|(findings, _)| findings.len())
            .sum()
    }

    /// The re-check after one fiche changed (issue 17), on the convention from the middle of
    /// the corpus: that fiche's own findings, then every document-wide relation.
    #[divan::bench(sample_count = 50)]
    fn recheck_one_fiche(bencher: Bencher) {
        let config = config();
        let convention = &CORPUS.files[CORPUS.files.len() / 2].convention;
        let mut recheck = rules::Recheck::default();
        recheck.check(convention, &config, &rules::Changed::Everything);
        bencher
            .bench_local(|| recheck.check(convention, &config, &rules::Changed::Fiches(vec![0])));
    }
}

/// The search palette: one keystroke is one `Index::search`: each query word matched against
/// the vocabulary, then the entries of the words kept.
mod search {
    use super::*;

    static INDEX: LazyLock<Index> = LazyLock::new(|| {
        let config = config();
        let findings: Vec<_> = CORPUS
            .files
            .iter()
            .map(|f| rules::check_convention(&f.convention, &config))
            .collect();
        Index::build(
            CORPUS
                .files
                .iter()
                .zip(&findings)
                .map(|(f, found)| (&f.convention, found.as_slice())),
        )
    });

    /// Each query as typed, from scratch (no previous keystroke to narrow from).
    #[divan::bench(args = ["p", "pa", "par", "parentalite", "insertion jeunes", "3-2", "13 2019 solde", "zzq"])]
    fn keystroke(query: &str) -> usize {
        INDEX.search(query, 200).len()
    }

    /// The generated corpus repeats a small vocabulary (~1 700 words); a real one has many
    /// more. One convention of 2 000 fiches whose descriptions are 100 random words each:
    /// ~200 000 distinct words, every query word matched against all of them.
    static LARGE_VOCABULARY: LazyLock<Index> = LazyLock::new(|| {
        use revue::model::{Axe, Block, Fiche};
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let letters = b"abcdefghijlmnoprstuv";
        let fiches = (0..2000)
            .map(|i| {
                let words: Vec<String> = (0..100)
                    .map(|_| {
                        let len = 4 + next(8);
                        (0..len)
                            .map(|_| char::from(letters[next(20) as usize]))
                            .collect()
                    })
                    .collect();
                Fiche {
                    id: format!("{i}"),
                    title: format!("fiche {i}"),
                    description: Some(Block {
                        text: words.join(" "),
                        ..Block::default()
                    }),
                    ..Fiche::default()
                }
            })
            .collect();
        let convention = Convention {
            axes: vec![Axe {
                id: "1".into(),
                title: "axe".into(),
                fiches,
                ..Axe::default()
            }],
            ..Convention::default()
        };
        Index::build(std::iter::once((&convention, &[][..])))
    });

    #[divan::bench(args = ["p", "pa", "par", "parentalite", "insertion jeunes", "zzq"])]
    fn keystroke_large_vocabulary(query: &str) -> usize {
        LARGE_VOCABULARY.search(query, 200).len()
    }

    /// One more character typed: searched among what the query without it matched, as the
    /// palette does.
    #[divan::bench(args = ["pa", "par", "parentalite", "insertion jeunes", "13 2019 solde", "zzq"])]
    fn keystroke_narrowed(bencher: Bencher, query: &str) {
        let cut = query.char_indices().last().map_or(0, |(at, _)| at);
        let (_, previous) = INDEX.search_narrowing(&query[..cut], 200, None);
        bencher.bench(|| INDEX.search_narrowing(query, 200, Some(&previous)).0.len());
    }

    /// After an edit of one fiche: its entries and its convention's findings indexed again
    /// (what `App::commit` does to the index), in the largest convention of the shape.
    #[divan::bench(sample_count = 20)]
    fn update_after_edit(bencher: Bencher) {
        use revue::search::Group;
        let config = config();
        let findings: Vec<_> = CORPUS
            .files
            .iter()
            .map(|f| rules::check_convention(&f.convention, &config))
            .collect();
        let mut index = Index::build(
            CORPUS
                .files
                .iter()
                .zip(&findings)
                .map(|(f, found)| (&f.convention, found.as_slice())),
        );
        let (document, file) = CORPUS
            .files
            .iter()
            .enumerate()
            .max_by_key(|(_, f)| f.convention.fiche_count())
            .expect("a convention");
        let fiche = (file.convention.fiche_count() / 2) as u32;
        bencher.bench_local(|| {
            let c = &file.convention;
            index.update_group(document, Group::Fiche(fiche), c, &findings[document]);
            index.update_group(document, Group::Findings, c, &findings[document]);
        });
    }

    /// Building the index of the whole corpus at once (the terminal builds it in steps
    /// between keys after the first frame: `examples/first_frame` gives the longest step).
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn build_index(bencher: Bencher) {
        let config = config();
        let findings: Vec<_> = CORPUS
            .files
            .iter()
            .map(|f| rules::check_convention(&f.convention, &config))
            .collect();
        bencher.bench_local(|| {
            Index::build(
                CORPUS
                    .files
                    .iter()
                    .zip(&findings)
                    .map(|(f, found)| (&f.convention, found.as_slice())),
            )
        });
    }

    /// One keystroke in the palette, through the app: search and redraw.
    #[divan::bench(sample_count = 20)]
    fn palette_keystroke_and_frame(bencher: Bencher) {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = corpus_app();
        let mut terminal = terminal();
        app.update(Action::Search);
        for c in "insertio".chars() {
            app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let type_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        let mut forward = true;
        bencher.bench_local(|| {
            app.handle_key(if forward { &type_n } else { &backspace });
            forward = !forward;
            terminal
                .draw(|frame| ui::draw(frame, &app, &Theme::default()))
                .expect("draws");
        });
    }
}

/// One frame of each tab at 200×60, the whole corpus loaded.
mod frame {
    use super::*;

    fn bench_tab(bencher: Bencher, setup: impl FnOnce(&mut App)) {
        bench_tab_after(bencher, setup, |_| {});
    }

    /// A frame of the tab `setup` shows, on a convention from the middle of the corpus,
    /// after `before` at each iteration.
    pub(super) fn bench_tab_after(
        bencher: Bencher,
        setup: impl FnOnce(&mut App),
        mut before: impl FnMut(&mut App),
    ) {
        let mut app = corpus_app();
        app.show_convention(app.documents.len() / 2);
        setup(&mut app);
        let mut terminal = terminal();
        let theme = Theme::default();
        bencher.bench_local(|| {
            before(&mut app);
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .expect("draws");
        });
    }

    /// The convention's first document table (a summary table in the generated corpus).
    pub(super) fn summary_table(app: &mut App) {
        app.update(Action::GoTo(Tab::Budgets));
        app.update(Action::Right);
    }

    #[divan::bench(sample_count = 50)]
    fn axes(bencher: Bencher) {
        bench_tab(bencher, |app| app.update(Action::GoTo(Tab::Axes)));
    }

    #[divan::bench(sample_count = 50)]
    fn fiches(bencher: Bencher) {
        bench_tab(bencher, |app| {
            app.update(Action::GoTo(Tab::Fiches));
            app.update(Action::Down);
        });
    }

    #[divan::bench(sample_count = 50)]
    fn budgets(bencher: Bencher) {
        bench_tab(bencher, |app| app.update(Action::GoTo(Tab::Budgets)));
    }

    #[divan::bench(sample_count = 50)]
    fn budgets_summary_table(bencher: Bencher) {
        bench_tab(bencher, summary_table);
    }

    #[divan::bench(sample_count = 50)]
    fn indicators(bencher: Bencher) {
        bench_tab(bencher, |app| app.update(Action::GoTo(Tab::Indicators)));
    }

    /// Every finding of every convention: the one corpus-wide list.
    #[divan::bench(sample_count = 50)]
    fn anomalies(bencher: Bencher) {
        bench_tab(bencher, |app| {
            app.update(Action::GoTo(Tab::Anomalies));
            app.update(Action::PageDown);
        });
    }

    /// Scrolling the anomalies: one key and the frame it causes.
    #[divan::bench(sample_count = 50)]
    fn anomalies_key_down(bencher: Bencher) {
        let mut app = corpus_app();
        app.update(Action::GoTo(Tab::Anomalies));
        let mut terminal = terminal();
        let theme = Theme::default();
        let mut down = true;
        bencher.bench_local(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .expect("draws");
        });
    }
}

/// Issue 17: the frame right after an edit of one fiche's figure, in each table tab. The
/// edit's own commit is `edit_bench::edit_and_recheck`: subtract it to read the frame's part.
mod frame_after_edit {
    use super::*;

    fn after_edit(bencher: Bencher, setup: impl FnOnce(&mut App)) {
        let mut flip = false;
        super::frame::bench_tab_after(bencher, setup, |app| {
            let document = app.current;
            super::edit_bench::edit_once(app, document, &mut flip);
        });
    }

    #[divan::bench(sample_count = 30)]
    fn after_edit_axes(bencher: Bencher) {
        after_edit(bencher, |app| app.update(Action::GoTo(Tab::Axes)));
    }

    #[divan::bench(sample_count = 30)]
    fn after_edit_budgets(bencher: Bencher) {
        after_edit(bencher, |app| app.update(Action::GoTo(Tab::Budgets)));
    }

    #[divan::bench(sample_count = 30)]
    fn after_edit_summary_table(bencher: Bencher) {
        after_edit(bencher, super::frame::summary_table);
    }

    #[divan::bench(sample_count = 30)]
    fn after_edit_indicators(bencher: Bencher) {
        after_edit(bencher, |app| app.update(Action::GoTo(Tab::Indicators)));
    }
}

/// One edit of a figure and its consequences: the convention re-checked, its search
/// entries rebuilt, the next frame.
mod edit_bench {
    use super::*;

    pub(super) fn edit_once(app: &mut App, document: usize, flip: &mut bool) {
        let target = EditTarget::Fiche(FicheRef { axe: 0, fiche: 0 });
        let amount = if *flip { "1000000" } else { "1000001" };
        *flip = !*flip;
        let value = NewValue::Figure(Some(Value::Amount(amount.parse().expect("amount"))));
        app.commit(document, target, |c| {
            edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
        });
        // Keep the undo history from growing without end over millions of iterations.
        let undo = &mut app.documents[document].undo;
        if undo.len() > 64 {
            undo.clear();
        }
    }

    /// `App::commit`: apply, re-check the touched convention, update the search index.
    #[divan::bench(sample_count = 50)]
    fn edit_and_recheck(bencher: Bencher) {
        let mut app = corpus_app();
        let document = app.documents.len() / 2;
        let mut flip = false;
        bencher.bench_local(|| edit_once(&mut app, document, &mut flip));
    }

    /// The same with the crash journal on (an fsync'ed write of the edited convention).
    #[divan::bench(sample_count = 20)]
    fn edit_and_recheck_with_journal(bencher: Bencher) {
        let journal_dir = tempfile::tempdir().expect("journal directory");
        let mut app = corpus_app();
        app.journal = Some(storage::Journal::at(journal_dir.path()));
        let document = app.documents.len() / 2;
        let mut flip = false;
        bencher.bench_local(|| edit_once(&mut app, document, &mut flip));
    }

    /// The same after a structural step (a fiche moved down), which the journal records
    /// whole: the edits after it are appended to a change log started from that state
    /// (issue 17; each was written whole on the UI thread before, ~200 ms at 5 000 fiches).
    #[divan::bench(sample_count = 20)]
    fn edit_after_structural_step_with_journal(bencher: Bencher) {
        let journal_dir = tempfile::tempdir().expect("journal directory");
        let mut app = corpus_app();
        app.journal = Some(storage::Journal::at(journal_dir.path()));
        let document = app.documents.len() / 2;
        app.show_convention(document);
        app.update(Action::GoTo(Tab::Fiches));
        app.update(Action::Down);
        let before = app.documents[document].undo.len();
        app.update(Action::MoveDown);
        assert_eq!(
            app.documents[document].undo.len(),
            before + 1,
            "a fiche moved"
        );
        let mut flip = false;
        bencher.bench_local(|| edit_once(&mut app, document, &mut flip));
    }

    /// A structural step: a fiche moved down, then up again (one step each), re-checked.
    #[divan::bench(sample_count = 20)]
    fn structural_step(bencher: Bencher) {
        let mut app = corpus_app();
        let document = app.documents.len() / 2;
        app.show_convention(document);
        app.update(Action::GoTo(Tab::Fiches));
        app.update(Action::Down);
        let mut down = true;
        bencher.bench_local(|| {
            app.update(if down {
                Action::MoveDown
            } else {
                Action::MoveUp
            });
            down = !down;
            let undo = &mut app.documents[document].undo;
            if undo.len() > 16 {
                undo.clear();
            }
        });
    }

    /// The edit, then the frame that shows it (Budgets tab of the edited convention).
    #[divan::bench(sample_count = 50)]
    fn edit_recheck_and_frame(bencher: Bencher) {
        let mut app = corpus_app();
        let document = app.documents.len() / 2;
        app.show_convention(document);
        app.update(Action::GoTo(Tab::Budgets));
        let mut terminal = terminal();
        let theme = Theme::default();
        let mut flip = false;
        bencher.bench_local(|| {
            edit_once(&mut app, document, &mut flip);
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .expect("draws");
        });
    }
}

/// Saving one convention: canonical text, backup, atomic replacement, fsyncs.
mod save {
    use super::*;

    #[divan::bench(sample_count = 30)]
    fn one_file(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = &CORPUS.files[CORPUS.files.len() / 2];
        let path = dir.path().join(file.path.file_name().expect("file name"));
        std::fs::copy(&file.path, &path).expect("copied");
        let mut hash = storage::content_hash(&std::fs::read(&path).expect("read"));
        let convention = &file.convention;
        bencher.bench_local(|| {
            hash =
                storage::save_convention(Path::new(&path), convention, Some(hash)).expect("saved");
        });
    }

    /// What a save costs the UI thread (issue 17): Ctrl-S on a modified document, from the
    /// key to the worker started (the convention is shared with it, not copied). The
    /// worker's writing, and the edit that makes the document modified again, are done
    /// between samples, untimed.
    #[divan::bench(sample_count = 30, sample_size = 1)]
    fn ui_thread_part(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut file = CORPUS.files[CORPUS.files.len() / 2].clone();
        let path = dir.path().join(file.path.file_name().expect("file name"));
        std::fs::copy(&file.path, &path).expect("copied");
        file.path = path;
        let app = std::cell::RefCell::new(app_of(vec![file]));
        // As the event loop does: the worker wakes someone; nobody waits at once.
        app.borrow_mut().saving.waker = Some(std::sync::Arc::new(|| {}));
        let mut flip = false;
        bencher
            .with_inputs(|| {
                let mut app = app.borrow_mut();
                app.finish_save();
                let target = EditTarget::Fiche(FicheRef { axe: 0, fiche: 0 });
                let amount = if flip { "1000000" } else { "1000001" };
                flip = !flip;
                let value = NewValue::Figure(Some(Value::Amount(amount.parse().expect("amount"))));
                app.commit(0, target, |c| {
                    edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
                });
                assert!(app.documents[0].is_modified());
            })
            .bench_local_values(|()| app.borrow_mut().update(Action::Save));
        app.borrow_mut().finish_save();
        assert!(!app.borrow().documents[0].is_modified(), "saved");
    }

    /// What the watcher's report of a save's own file costs the UI thread (issue 17): a
    /// look at the file's fingerprint, which the save took of what it wrote. Before, the
    /// file was read back and hashed (`part_read_and_hash`).
    #[divan::bench(sample_count = 30)]
    fn watcher_after_save(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut file = CORPUS.files[CORPUS.files.len() / 2].clone();
        let path = dir.path().join(file.path.file_name().expect("file name"));
        std::fs::copy(&file.path, &path).expect("copied");
        file.path = path.clone();
        let mut app = app_of(vec![file]);
        let target = EditTarget::Fiche(FicheRef { axe: 0, fiche: 0 });
        let value = NewValue::Figure(Some(Value::Amount("1000001".parse().expect("amount"))));
        app.commit(0, target, |c| {
            edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
        });
        app.update(Action::Save);
        assert!(!app.documents[0].is_modified(), "saved");
        bencher.bench_local(|| assert!(!app.file_changed(&path), "its own save"));
    }

    /// Where a save's time goes (issue 17), part by part: the canonical text alone.
    #[divan::bench(sample_count = 30)]
    fn part_serialise() -> String {
        storage::to_ron_string(&CORPUS.files[CORPUS.files.len() / 2].convention)
    }

    /// A deep copy of the convention: what handing a snapshot to the save's worker thread
    /// would cost on the UI thread, were the convention not shared (issue 17).
    #[divan::bench(sample_count = 30)]
    fn part_clone() -> Convention {
        CORPUS.files[CORPUS.files.len() / 2].convention.clone()
    }

    /// Reading the file back and hashing it (the check that it did not change on disk).
    #[divan::bench(sample_count = 30)]
    fn part_read_and_hash(bencher: Bencher) {
        let path = &CORPUS.files[CORPUS.files.len() / 2].path;
        bencher.bench_local(|| storage::content_hash(&std::fs::read(path).expect("read")));
    }

    /// One atomic replacement of the file with its text: exclusive temporary file, write,
    /// fsync, rename, directory fsync (a save makes two: the backup and the file).
    #[divan::bench(sample_count = 30)]
    fn part_write_and_fsync(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("written.ron");
        let text = &CORPUS.texts[CORPUS.texts.len() / 2];
        bencher.bench_local(|| storage::write_atomically(&path, text.as_bytes()).expect("written"));
    }

    /// The same without the fsyncs: what the disk's durability costs.
    #[divan::bench(sample_count = 30)]
    fn part_write_without_fsync(bencher: Bencher) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("written.ron");
        let text = &CORPUS.texts[CORPUS.texts.len() / 2];
        bencher.bench_local(|| std::fs::write(&path, text.as_bytes()).expect("written"));
    }
}

/// One key and the frame it causes, on the convention from the middle of the corpus (the
/// only one in the `one5000` shape): what a user waits for at each key.
mod keys {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn bench_keys(bencher: Bencher, setup: impl FnOnce(&mut App), mut key: impl FnMut(&mut App)) {
        let mut app = corpus_app();
        app.show_convention(app.documents.len() / 2);
        setup(&mut app);
        let mut terminal = terminal();
        let theme = Theme::default();
        terminal
            .draw(|frame| ui::draw(frame, &app, &theme))
            .expect("draws");
        bencher.bench_local(|| {
            key(&mut app);
            terminal
                .draw(|frame| ui::draw(frame, &app, &theme))
                .expect("draws");
        });
    }

    /// Down, then up, in the middle of a list.
    fn down_up(tab: Tab, setup: impl FnOnce(&mut App)) -> impl FnOnce(Bencher) {
        move |bencher| {
            let mut down = true;
            bench_keys(
                bencher,
                |app| {
                    app.update(Action::GoTo(tab));
                    setup(app);
                    for _ in 0..40 {
                        app.update(Action::Down);
                    }
                },
                move |app| {
                    app.update(if down { Action::Down } else { Action::Up });
                    down = !down;
                },
            );
        }
    }

    #[divan::bench(sample_count = 30)]
    fn axes_move(bencher: Bencher) {
        down_up(Tab::Axes, |_| {})(bencher);
    }

    #[divan::bench(sample_count = 30)]
    fn fiches_move(bencher: Bencher) {
        down_up(Tab::Fiches, |_| {})(bencher);
    }

    #[divan::bench(sample_count = 30)]
    fn budgets_move(bencher: Bencher) {
        down_up(Tab::Budgets, |_| {})(bencher);
    }

    /// In the document's summary table (one row per fiche).
    #[divan::bench(sample_count = 30)]
    fn budgets_summary_table_move(bencher: Bencher) {
        down_up(Tab::Budgets, |app| app.update(Action::Right))(bencher);
    }

    #[divan::bench(sample_count = 30)]
    fn indicators_move(bencher: Bencher) {
        down_up(Tab::Indicators, |_| {})(bencher);
    }

    #[divan::bench(sample_count = 30)]
    fn anomalies_move(bencher: Bencher) {
        down_up(Tab::Anomalies, |_| {})(bencher);
    }

    /// Tab: the next tab opened and drawn, round all five.
    #[divan::bench(sample_count = 30)]
    fn switch_tab(bencher: Bencher) {
        bench_keys(bencher, |_| {}, |app| app.update(Action::NextTab));
    }

    /// The Axes tab, on a fiche well down the list.
    fn on_a_fiche_in_axes(app: &mut App) {
        app.update(Action::GoTo(Tab::Axes));
        for _ in 0..40 {
            app.update(Action::Down);
        }
    }

    /// `first` and `second` pressed in turn.
    fn in_turn(first: Action, second: Action) -> impl FnMut(&mut App) {
        let mut next = first;
        move |app| {
            app.update(next);
            next = if next == first { second } else { first };
        }
    }

    /// Enter on a fiche of the Axes tab opens it, Esc comes back: each drawn.
    #[divan::bench(sample_count = 30)]
    fn open_fiche(bencher: Bencher) {
        let keys = in_turn(Action::Enter, Action::Back);
        bench_keys(bencher, on_a_fiche_in_axes, keys);
    }

    /// A letter typed in a filter, then erased: the list filtered and drawn.
    fn filter_letter(bencher: Bencher, tab: Tab, all_conventions: bool) {
        letter_in_filter(bencher, tab, all_conventions, "somm", false);
    }

    /// A letter typed in `tab`'s filter holding `typed` (after `→` when `right`: every
    /// convention's anomalies, a document table), then erased. `new_state`: each key the
    /// first frame of its state ([`new_state_key`]).
    fn letter_in_filter(bencher: Bencher, tab: Tab, right: bool, typed: &str, new_state: bool) {
        let letter = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE);
        let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        let mut forward = true;
        let setup = |app: &mut App| {
            app.update(Action::GoTo(tab));
            if right {
                app.update(Action::Right);
            }
            app.update(Action::Filter);
            for c in typed.chars() {
                app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        };
        let key = move |app: &mut App| {
            app.handle_key(if forward { &letter } else { &backspace });
            forward = !forward;
        };
        if new_state {
            new_state_key(bencher, setup, key);
        } else {
            bench_keys(bencher, setup, key);
        }
    }

    #[divan::bench(sample_count = 30)]
    fn fiches_filter_letter(bencher: Bencher) {
        filter_letter(bencher, Tab::Fiches, false);
    }

    #[divan::bench(sample_count = 30)]
    fn anomalies_filter_letter(bencher: Bencher) {
        filter_letter(bencher, Tab::Anomalies, false);
    }

    /// The Anomalies filter over every convention's findings.
    #[divan::bench(sample_count = 30)]
    fn anomalies_all_filter_letter(bencher: Bencher) {
        filter_letter(bencher, Tab::Anomalies, true);
    }
    /// Issue 17: a key that leads to a state whose column widths are not kept yet, then its
    /// frame. The kept widths are forgotten before each key (as after an edit), so that each
    /// iteration measures the first frame of a state, not a state seen before.
    fn new_state_key(
        bencher: Bencher,
        setup: impl FnOnce(&mut App),
        mut key: impl FnMut(&mut App),
    ) {
        bench_keys(bencher, setup, move |app| {
            if let Some(doc) = app.document() {
                doc.lookup().forget_widths();
            }
            key(app);
        });
    }

    /// A letter typed in a table's filter, then erased, each the first frame of its state.
    fn table_filter_letter(bencher: Bencher, tab: Tab, summary_table: bool) {
        letter_in_filter(bencher, tab, summary_table, "1", true);
    }

    #[divan::bench(sample_count = 30)]
    fn axes_filter_letter(bencher: Bencher) {
        table_filter_letter(bencher, Tab::Axes, false);
    }

    #[divan::bench(sample_count = 30)]
    fn budgets_filter_letter(bencher: Bencher) {
        table_filter_letter(bencher, Tab::Budgets, false);
    }

    #[divan::bench(sample_count = 30)]
    fn summary_table_filter_letter(bencher: Bencher) {
        table_filter_letter(bencher, Tab::Budgets, true);
    }

    #[divan::bench(sample_count = 30)]
    fn indicators_filter_letter(bencher: Bencher) {
        table_filter_letter(bencher, Tab::Indicators, false);
    }

    /// ← folds the selected fiche's axe, → unfolds it, each the first frame of its state.
    #[divan::bench(sample_count = 30)]
    fn fold_axe(bencher: Bencher) {
        let keys = in_turn(Action::Left, Action::Right);
        new_state_key(bencher, on_a_fiche_in_axes, keys);
    }

    /// The first frame of a tab: the tab open, its kept widths forgotten before each frame,
    /// as at its first visit (or its first frame after an edit).
    fn first_visit(bencher: Bencher, tab: Tab, summary_table: bool) {
        new_state_key(
            bencher,
            |app| {
                app.update(Action::GoTo(tab));
                if summary_table {
                    app.update(Action::Right);
                }
            },
            |_| {},
        );
    }

    #[divan::bench(sample_count = 30)]
    fn first_visit_axes(bencher: Bencher) {
        first_visit(bencher, Tab::Axes, false);
    }

    #[divan::bench(sample_count = 30)]
    fn first_visit_budgets(bencher: Bencher) {
        first_visit(bencher, Tab::Budgets, false);
    }

    #[divan::bench(sample_count = 30)]
    fn first_visit_summary_table(bencher: Bencher) {
        first_visit(bencher, Tab::Budgets, true);
    }

    #[divan::bench(sample_count = 30)]
    fn first_visit_indicators(bencher: Bencher) {
        first_visit(bencher, Tab::Indicators, false);
    }
}
