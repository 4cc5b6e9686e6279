//! Issue 17: an edit re-checks the fiche it changed and the document-wide relations, not
//! every fiche. Whatever the edits, the findings kept up to date this way are exactly those
//! of a full check, in the same order: on the bundled data and on generated conventions,
//! through the rules' `Recheck` and through the app's edits, undos and redos.

mod common;

#[allow(dead_code)] // The tests use the generator, not its writer.
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;

use std::sync::OnceLock;

use proptest::prelude::*;
use revue::app::edit::{self, EditTarget, Field, NewValue};
use revue::app::views::FicheRef;
use revue::model::{Block, BudgetField, Convention, Fiche, IndicatorValue, Measure, Value};
use revue::rules::{self, Changed, Config, Recheck};
use rust_decimal::Decimal;

fn config() -> Config {
    Config {
        current_year: 2026,
        ..Config::default()
    }
}

/// The bundled conventions, then generated ones: a few report-sized ones and one larger,
/// with the generator's copies, reallocations and summary tables.
fn conventions() -> &'static [Convention] {
    static CONVENTIONS: OnceLock<Vec<Convention>> = OnceLock::new();
    CONVENTIONS.get_or_init(|| {
        let mut all: Vec<Convention> = revue::storage::load_paths(&[common::data()])
            .files
            .into_iter()
            .map(|f| f.convention)
            .collect();
        let generated = |departements, fiches| {
            corpus::generate(corpus::Params {
                departements,
                years: 1,
                fiches_per_convention: fiches,
                ..corpus::Params::default()
            })
        };
        all.extend(generated(2, None).into_iter().map(|(_, c)| c));
        all.extend(generated(1, Some(120)).into_iter().map(|(_, c)| c));
        all
    })
}

fn fiche_at(convention: &mut Convention, position: usize) -> &mut Fiche {
    convention
        .fiches_mut()
        .nth(position)
        .expect("a fiche at that position")
}

fn amount(n: u32) -> Value {
    Value::Amount(Decimal::from(n))
}

/// One random change, and what the re-check is told of it.
#[derive(Debug, Clone)]
enum Edit {
    /// A change to the fiche at `at` (modulo the count), taking from the fiche at `other`
    /// where it copies; `kind` says which.
    Fiche {
        kind: u8,
        at: usize,
        other: usize,
        n: u32,
    },
    /// A change outside the fiches (tables, statements, the convention's period and date).
    Document { kind: u8, n: u32 },
    /// Two fiches swapped, said as both changed.
    Swap { at: usize, other: usize },
    /// A fiche removed: said as everything changed.
    Remove { at: usize },
    /// The configuration's current year moved (nothing said about it).
    Year { n: u32 },
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0u8..14, any::<usize>(), any::<usize>(), 0u32..3_000_000)
            .prop_map(|(kind, at, other, n)| Edit::Fiche { kind, at, other, n }),
        2 => (0u8..7, 0u32..3_000_000).prop_map(|(kind, n)| Edit::Document { kind, n }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(at, other)| Edit::Swap { at, other }),
        1 => any::<usize>().prop_map(|at| Edit::Remove { at }),
        1 => (0u32..3).prop_map(|n| Edit::Year { n }),
    ]
}

/// Applies `edit`, returning what changed as the app would say it.
fn apply(convention: &mut Convention, config: &mut Config, edit: &Edit) -> Changed {
    let count = convention.fiches().count();
    if count == 0 {
        return Changed::Everything;
    }
    match *edit {
        Edit::Fiche { kind, at, other, n } => {
            let (at, other) = (at % count, other % count);
            let source = convention.fiches().nth(other).cloned().expect("a fiche");
            let fiche = fiche_at(convention, at);
            let budget = fiche.budget.get_or_insert_with(Default::default);
            match kind {
                0 => budget.planned.get_or_insert_with(Default::default).total = Some(amount(n)),
                1 => budget.remaining = Some(amount(n)),
                2 => budget.engaged = (n % 2 == 0).then(|| amount(n)),
                3 => budget.executed = Some(Value::Text("Oui.".into())),
                4 => fiche.description = source.description.clone(),
                5 => {
                    fiche.description = Some(Block {
                        text: format!("Une description courte {n}"),
                        ..Block::default()
                    })
                }
                6 => fiche.id = source.id.clone(),
                // Another id, or the same written another way ("3-2" as "3.2").
                7 if n % 2 == 0 => fiche.id = format!("X-{n}"),
                7 => fiche.id = fiche.id.replace('-', "."),
                8 => fiche.budget = source.budget.clone(),
                9 => fiche.budget = None,
                10 => fiche.indicators.clear(),
                11 => {
                    if let Some(indicator) = fiche.indicators.first_mut() {
                        indicator.values.push(IndicatorValue {
                            year: 2018 + (n % 12) as i32,
                            measure: Measure::Result,
                            value: Some(Value::Number(Decimal::from(n % 500))),
                            note: if n % 3 == 0 {
                                format!("au 30/06/{}", 2018 + n % 12)
                            } else {
                                String::new()
                            },
                        });
                    }
                }
                12 => {
                    if let Some(claim) = fiche.claims.first_mut() {
                        claim.stated = amount(n);
                    }
                }
                _ => {
                    if let Some(reallocation) = budget.reallocations.first_mut() {
                        reallocation.to_fiche = Some(source.id.clone());
                        reallocation.amount = amount(n % 1000);
                    }
                }
            }
            Changed::Fiches(vec![at])
        }
        Edit::Document { kind, n } => {
            match kind {
                0 => convention.years = Some((2019, 2019 + (n % 4) as i32)),
                1 => convention.transmitted = format!("{:02}/06/{}", 1 + n % 28, 2018 + n % 10),
                2 => {
                    if let Some(support) = &mut convention.state_support {
                        support.value = amount(n);
                    }
                }
                3 => {
                    if let Some(statement) = convention.statements.first_mut() {
                        statement.value = amount(n);
                    }
                }
                4 => {
                    let cell = convention
                        .tables
                        .iter_mut()
                        .flat_map(|t| t.rows.iter_mut())
                        .flat_map(|r| r.cells.iter_mut())
                        .nth(n as usize % 40);
                    if let Some(cell) = cell {
                        *cell = Some(amount(n));
                    }
                }
                5 => {
                    if let Some(row) = convention
                        .tables
                        .iter_mut()
                        .find_map(|t| t.rows.first_mut())
                    {
                        row.fiche = Some(format!("{}", n % 30));
                    }
                }
                _ => convention.kind = revue::model::ConventionKind::Convention,
            }
            Changed::Fiches(Vec::new())
        }
        Edit::Swap { at, other } => {
            let (at, other) = (at % count, other % count);
            let a = convention.fiches().nth(at).cloned().expect("a fiche");
            let b = convention.fiches().nth(other).cloned().expect("a fiche");
            *fiche_at(convention, at) = b;
            *fiche_at(convention, other) = a;
            Changed::Fiches(vec![at, other])
        }
        Edit::Remove { at } => {
            let at = at % count;
            let mut seen = 0;
            for axe in &mut convention.axes {
                if at < seen + axe.fiches.len() {
                    axe.fiches.remove(at - seen);
                    break;
                }
                seen += axe.fiches.len();
            }
            Changed::Everything
        }
        Edit::Year { n } => {
            config.current_year = 2024 + n as i32;
            Changed::Fiches(Vec::new())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// After every edit, the kept re-check gives exactly the findings of a full check.
    #[test]
    fn recheck_after_random_edits_equals_a_full_check(
        which in any::<usize>(),
        edits in prop::collection::vec(edit_strategy(), 1..8),
    ) {
        let all = conventions();
        let mut convention = all[which % all.len()].clone();
        let mut config = config();
        let mut recheck = Recheck::default();
        let first = recheck.check(&convention, &config, &Changed::Everything);
        prop_assert_eq!(first, rules::check_convention(&convention, &config));
        for edit in &edits {
            let changed = apply(&mut convention, &mut config, edit);
            let kept = recheck.check(&convention, &config, &changed);
            let full = rules::check_convention(&convention, &config);
            prop_assert_eq!(kept.len(), full.len(), "after {:?}", edit);
            prop_assert_eq!(kept, full, "after {:?}", edit);
            // The positions the app's lookups find fiches by are the convention's as it is.
            let positions = recheck.fiche_positions().expect("checked");
            let mut expected = std::collections::HashMap::new();
            for (position, fiche) in convention.fiches().enumerate() {
                expected
                    .entry(revue::model::normalise_fiche_id(&fiche.id))
                    .or_insert(position);
            }
            prop_assert_eq!(positions.len(), expected.len(), "after {:?}", edit);
            for (id, position) in expected {
                prop_assert_eq!(positions.get(&id), Some(&position), "after {:?}", edit);
            }
        }
    }
}

/// A fiche copied onto another, then changed back: the copy warnings come and go, and
/// the re-check keeps following them.
#[test]
fn copies_found_by_the_recheck_are_those_of_a_full_check() {
    let mut convention = conventions()
        .iter()
        .find(|c| c.fiches().count() > 100)
        .expect("the large generated convention")
        .clone();
    let config = config();
    let mut recheck = Recheck::default();
    recheck.check(&convention, &config, &Changed::Everything);
    let original = convention.fiches().nth(7).cloned().expect("a fiche");
    let source = convention.fiches().nth(3).cloned().expect("a fiche");
    let copied = |c: &Convention| {
        rules::check_convention(c, &config)
            .iter()
            .filter(|f| f.message.contains("3") && f.fiche() == Some(original.id.as_str()))
            .count()
    };
    let fiche = fiche_at(&mut convention, 7);
    fiche.description = source.description.clone();
    fiche.budget = source.budget.clone();
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![7]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
    assert!(copied(&convention) > 0, "the copy is reported");
    *fiche_at(&mut convention, 7) = original;
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![7]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
}

/// Through the app: edits, undos and redos of fiches and table cells, on every bundled
/// convention; the document's findings are a full check's after each.
#[test]
fn the_apps_findings_after_edits_undos_and_redos_are_a_full_checks() {
    let mut app = common::app_on(&common::data());
    let config = config();
    for document in 0..app.documents.len() {
        let fiches: Vec<FicheRef> =
            revue::app::views::fiche_refs(&app.documents[document].convention);
        for (i, at) in fiches.iter().enumerate().step_by(3) {
            let target = EditTarget::Fiche(*at);
            let value = NewValue::Figure(Some(amount(1_000 + i as u32)));
            app.commit(document, target, |c| {
                edit::apply(c, target, Field::Budget(BudgetField::PlannedTotal), value)
            });
            let doc = &app.documents[document];
            assert_eq!(
                doc.findings,
                rules::check_convention(&doc.convention, &config)
            );
        }
        if let Some(table) = app.documents[document]
            .convention
            .tables
            .iter()
            .position(|t| !t.rows.is_empty() && !t.columns.is_empty())
        {
            let target = EditTarget::TableRow { table, row: 0 };
            let last = app.documents[document].convention.tables[table]
                .columns
                .len()
                - 1;
            app.commit(document, target, |c| {
                edit::apply(
                    c,
                    target,
                    Field::Cell(last),
                    NewValue::Figure(Some(amount(7))),
                )
            });
            let doc = &app.documents[document];
            assert_eq!(
                doc.findings,
                rules::check_convention(&doc.convention, &config)
            );
        }
        app.current = document;
        for back in [true, true, false, true, true, true, false, false] {
            if back {
                app.undo();
            } else {
                app.redo();
            }
            let doc = &app.documents[document];
            assert_eq!(
                doc.findings,
                rules::check_convention(&doc.convention, &config)
            );
        }
    }
}

/// A convention large enough for its fiches to be checked on every core: the same findings,
/// in the same order, and an edit after it still matches.
#[test]
fn a_large_convention_checked_on_every_core_gives_a_full_checks_findings() {
    let (_, mut convention) = corpus::generate(corpus::Params {
        departements: 1,
        years: 1,
        fiches_per_convention: Some(1_200),
        ..corpus::Params::default()
    })
    .into_iter()
    .next()
    .expect("one convention");
    let config = config();
    let mut recheck = Recheck::default();
    let kept = recheck.check(&convention, &config, &Changed::Everything);
    assert_eq!(kept, rules::check_convention(&convention, &config));
    let source = convention.fiches().nth(5).cloned().expect("a fiche");
    fiche_at(&mut convention, 1_100).description = source.description;
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![1_100]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
}

/// The fiche a reallocation goes to is edited to quote the amount, then not to: the warning
/// that it does not show it goes and comes back, though the reallocating fiche is unchanged.
#[test]
fn a_receiving_fiches_edit_is_seen_by_the_reallocations_it_receives() {
    let config = config();
    let mut convention = conventions()
        .iter()
        .find(|c| c.fiches().count() > 100)
        .expect("the large generated convention")
        .clone();
    let mut recheck = Recheck::default();
    let (amount, receiver) = convention
        .fiches()
        .flat_map(|f| f.budget.iter().flat_map(|b| &b.reallocations))
        .find_map(|r| Some((r.amount.amount()?, r.to_fiche.clone()?)))
        .expect("a reallocation to a fiche");
    let position = convention
        .fiches()
        .position(|f| f.id == receiver)
        .expect("the receiving fiche");
    let not_shown = |c: &Convention| {
        rules::check_convention(c, &config)
            .iter()
            .filter(|f| f.fiche().is_some() && f.expected == Some(amount) && f.stated.is_none())
            .count()
    };
    let quoting = |c: &mut Convention, text: String| {
        let fiche = fiche_at(c, position);
        fiche.description = Some(Block {
            text,
            ..Block::default()
        });
        fiche.objective = None;
        fiche.start = None;
        fiche.duration = None;
        fiche.perspectives = None;
        fiche.assessment = None;
        fiche.sections.clear();
        if let Some(budget) = &mut fiche.budget {
            budget.text.clear();
        }
    };
    recheck.check(&convention, &config, &Changed::Everything);
    quoting(&mut convention, "Rien de chiffré.".to_string());
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![position]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
    let before = not_shown(&convention);
    quoting(
        &mut convention,
        format!("Reçoit {} €.", revue::model::format_amount_fr(amount)),
    );
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![position]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
    assert!(
        not_shown(&convention) < before,
        "quoting the amount is seen"
    );
}

/// A finding about a fiche is identified from the first fiche with its id (its key names the
/// indicator found there). Once an earlier fiche takes that id, an edit of the earlier fiche
/// alone changes the later fiche's keys: what is kept identified with a fiche's findings
/// must not outlive that (issue 17).
#[test]
fn a_fiches_keys_follow_the_earlier_fiche_that_takes_its_id() {
    let config = config();
    let (mut convention, later) = conventions()
        .iter()
        .find_map(|c| {
            let findings = rules::check_convention(c, &config);
            let later = c
                .fiches()
                .enumerate()
                .skip(1)
                .find_map(|(position, fiche)| {
                    findings
                        .iter()
                        .any(|f| {
                            f.fiche() == Some(fiche.id.as_str())
                                && matches!(
                                    f.anchor,
                                    rules::Anchor::Indicator { fiche: Some(_), .. }
                                )
                        })
                        .then_some(position)
                })?;
            Some((c.clone(), later))
        })
        .expect("a convention with an indicator finding on a fiche after the first");
    let mut recheck = Recheck::default();
    recheck.check(&convention, &config, &Changed::Everything);
    let id = convention
        .fiches()
        .nth(later)
        .expect("the later fiche")
        .id
        .clone();
    fiche_at(&mut convention, 0).id = id;
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![0]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
    let keys = |findings: &[rules::Finding]| -> Vec<String> {
        findings.iter().map(|f| f.key.clone()).collect()
    };
    let before = keys(&kept);
    let first = fiche_at(&mut convention, 0);
    first.indicators = convention_indicators_renamed(first);
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![0]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
    assert_ne!(
        keys(&kept),
        before,
        "the later fiche's keys name the renamed indicators"
    );
    // The earlier fiche gives its id back: the later fiche is found by its id again.
    fiche_at(&mut convention, 0).id = "Z-0".to_string();
    let kept = recheck.check(&convention, &config, &Changed::Fiches(vec![0]));
    assert_eq!(kept, rules::check_convention(&convention, &config));
}

/// `fiche`'s indicators, at least as many as any other fiche's, each named anew.
fn convention_indicators_renamed(fiche: &Fiche) -> Vec<revue::model::Indicator> {
    let mut indicators = fiche.indicators.clone();
    while indicators.len() < 20 {
        indicators.push(revue::model::Indicator::default());
    }
    for (n, indicator) in indicators.iter_mut().enumerate() {
        indicator.name = format!("Indicateur renommé {n}");
    }
    indicators
}
