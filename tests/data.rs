//! The bundled conventions: every discrepancy found by reading the source documents
//! (`shared/seeds/`) must be reported, and figures that hold must not be.
//! Line numbers are those of the seed text files.

use std::path::{Path, PathBuf};

use revue::model::Convention;
use revue::rules::{Config, Finding, Rule, Severity, check_convention};
use rust_decimal::Decimal;

fn data(name: &str) -> Convention {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    revue::storage::load_file(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .convention
}

fn findings(c: &Convention) -> Vec<Finding> {
    let config = Config {
        current_year: 2026,
        ..Config::default()
    };
    check_convention(c, &config)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The one finding of `rule` about `fiche` whose figures are `expected` vs `stated`.
fn has(all: &[Finding], rule: Rule, fiche: Option<&str>, expected: &str, stated: &str) -> Finding {
    all.iter()
        .find(|f| {
            f.rule == rule
                && f.fiche() == fiche
                && f.expected == Some(dec(expected))
                && f.stated.as_deref().map(dec) == Some(dec(stated))
        })
        .cloned()
        .unwrap_or_else(|| {
            panic!("no {rule:?} finding on {fiche:?} with {expected} vs {stated}; found:\n{all:#?}")
        })
}

mod cd13_2019 {
    use super::*;

    fn all() -> Vec<Finding> {
        findings(&data("cd13-2019-rapport-execution.ron"))
    }

    #[test]
    fn has_the_18_fiches_of_the_report() {
        let c = data("cd13-2019-rapport-execution.ron");
        let ids: Vec<&str> = c.fiches().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "1-1", "1-2", "1-3", "1-4", "1-5", "1-6", "1-7", "2-1", "2-2", "2-3", "2-4", "3-1",
                "3-2", "3-3", "3-4", "3-5", "3-6", "3-7"
            ]
        );
    }

    /// Lines 1183–1213: the columns sum exactly to the TOTAL row (5 218 310, 3 790 164,
    /// 1 428 146) and every row's remaining is planned − engaged: no sum or solde to report
    /// there (the TOTAL against the fiches is another matter, below).
    #[test]
    fn the_financial_table_holds_and_no_rule_says_otherwise() {
        let all = all();
        let table_sums: Vec<&Finding> = all
            .iter()
            .filter(|f| {
                f.rule == Rule::Sum
                    && matches!(
                        f.anchor,
                        revue::rules::Anchor::Table {
                            total_row: true,
                            ..
                        }
                    )
            })
            .collect();
        assert!(table_sums.is_empty(), "{table_sums:#?}");
        let table_soldes: Vec<&Finding> = all
            .iter()
            .filter(|f| {
                f.rule == Rule::Remaining && matches!(f.anchor, revue::rules::Anchor::Table { .. })
            })
            .collect();
        assert!(table_soldes.is_empty(), "{table_soldes:#?}");
    }

    /// DOMAIN.md's worked example. Fiche 3-2 (lines 790–804): État 325 000 + CD13 325 000 =
    /// 650 000 planned, 650 000 engaged, 350 000 remaining; the table (line 1207) plans 1 000 000.
    #[test]
    fn boost_emploi_planned_differs_from_the_financial_table() {
        let all = all();
        let same = has(&all, Rule::SameFigure, Some("3-2"), "650000", "1000000");
        assert_eq!(same.severity, Severity::Error);
        let solde = has(&all, Rule::Remaining, Some("3-2"), "0", "350000");
        assert_eq!(solde.severity, Severity::Error);
        // "110 000 € sur l'AGS fiche 3.3 et 240 000 € sur la fiche 3.5" add up to the 350 000,
        // and both receiving fiches mention them (lines 915, 1063).
        assert!(
            !all.iter()
                .any(|f| f.rule == Rule::Reallocation && f.fiche() == Some("3-2")),
            "{all:#?}"
        );
    }

    /// Line 138: "3 500 000 € sont consacrés à l'axe 3", but the axe's fiches plan 3 150 000
    /// (the table's rows do make 3 500 000: the gap is fiche 3-2's).
    #[test]
    fn the_synthesis_axe_3_total_differs_from_its_fiches() {
        let finding = has(&all(), Rule::Aggregate, None, "3150000", "3500000");
        assert_eq!(finding.severity, Severity::Error);
    }

    /// Line 1208: the table's observation gives 136 977 € for 3-3's remaining, the fiche
    /// 106 977 € (lines 890–892).
    #[test]
    fn ags_remaining_is_stated_two_ways() {
        has(&all(), Rule::SameFigure, Some("3-3"), "106977", "136977");
    }

    /// Line 968: "414 000 € engagés (263 001 € au titre de l'aide au poste, 154 000 € pour
    /// le tutorat)" — the parts make 417 001.
    #[test]
    fn iae_engaged_parts_do_not_make_the_total() {
        has(&all(), Rule::Claim, Some("3-4"), "417001", "414000");
    }

    /// Lines 1062–1064: 284 835 + 240 000 "soit 525 000 € estimés" (524 835).
    #[test]
    fn entrepreneurship_market_estimate() {
        has(&all(), Rule::Claim, Some("3-5"), "524835", "525000");
    }

    /// Lines 1164–1170: 673 636 + 671 923 = 1 345 559, stated 1 345 560; and "FSE à hauteur
    /// de 50 %" of 1 345 560 is 672 780, stated 671 923.
    #[test]
    fn fse_plan_for_2020_does_not_add_up() {
        let all = all();
        has(&all, Rule::Claim, Some("3-6"), "1345559", "1345560");
        has(&all, Rule::Claim, Some("3-6"), "672780", "671923");
    }

    /// Lines 343 and 356: 74 800 € re-registered from 1-3 to 1-1, which never mentions it.
    #[test]
    fn credit_moved_to_1_1_is_not_received_there() {
        let all = all();
        let finding = all
            .iter()
            .find(|f| f.rule == Rule::Reallocation && f.fiche() == Some("1-3"))
            .expect("a reallocation finding on 1-3");
        assert_eq!(finding.severity, Severity::Warning);
        assert_eq!(finding.expected, Some(dec("74800")));
    }

    /// Line 722: "b) Budget exécuté : Oui."
    #[test]
    fn executed_written_as_yes() {
        let all = all();
        let finding = all
            .iter()
            .find(|f| {
                f.rule == Rule::TextFigure
                    && f.fiche() == Some("3-1")
                    && f.stated.as_deref() == Some("Oui.")
            })
            .expect("3-1's 'Oui.'");
        assert_eq!(finding.severity, Severity::Warning);
    }

    /// 2-1 engaged 70 000 of 220 000 (31,8 %, table line 1201); 3-5 215 165 of 500 000 (43 %).
    #[test]
    fn underspent_actions_are_named_with_their_rate() {
        let all = all();
        let rate = |fiche: &str| {
            all.iter()
                .find(|f| f.rule == Rule::Execution && f.fiche() == Some(fiche))
                .map(|f| f.message.replace('\u{a0}', " "))
                .unwrap_or_else(|| panic!("no execution finding on {fiche}"))
        };
        assert!(rate("2-1").contains("31,8 %"), "{}", rate("2-1"));
        assert!(rate("3-5").contains("43 %"), "{}", rate("3-5"));
    }

    /// Every fiche shares its plan 50/50 between the State and the Département.
    #[test]
    fn co_financing_is_matched_everywhere() {
        assert!(!all().iter().any(|f| f.rule == Rule::CoFinancing));
    }

    /// Issue 14, item 7. Lines 1183–1213: the TOTAL row's planned column (5 218 310 €, line
    /// 1213) is the sum of the rows, but the fiches themselves plan 4 868 310 €: fiche 3-2
    /// plans 650 000 € (lines 790–804) where its row says 1 000 000 €. Engaged and remaining
    /// hold against the fiches.
    #[test]
    fn the_financial_table_total_differs_from_the_fiches() {
        let all = all();
        let finding = has(&all, Rule::Aggregate, None, "4868310", "5218310");
        assert_eq!(finding.severity, Severity::Error);
        assert!(matches!(
            finding.anchor,
            revue::rules::Anchor::Table {
                total_row: true,
                ..
            }
        ));
        let totals = all
            .iter()
            .filter(|f| {
                f.rule == Rule::Aggregate && matches!(f.anchor, revue::rules::Anchor::Table { .. })
            })
            .count();
        assert_eq!(totals, 1, "{all:#?}");
    }

    /// Issue 14, item 5. Line 68 (synthesis): "90 familles ont été rencontrées" between 1 and
    /// 31 December 2019; line 276, fiche 1-2's indicator: 200 families at 31/12/19.
    #[test]
    fn the_synthesis_count_of_families_differs_from_the_maraude_indicator() {
        let finding = has(&all(), Rule::SameFigure, Some("1-2"), "200", "90");
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.location.contains("l. 68"), "{}", finding.location);
        assert!(finding.message.contains("l. 276"), "{}", finding.message);
    }

    /// Issue 14, item 5. Line 87 (synthesis): the CAF / CD13 mapping counts "93 lieux
    /// d'accueil"; line 369, fiche 1-4: "94 LAEP/LAPE". The "8 films" of both places (lines 86
    /// and 368) agree.
    #[test]
    fn the_parent_child_places_are_counted_twice_differently() {
        let all = all();
        let finding = has(&all, Rule::SameFigure, Some("1-4"), "93", "94");
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.message.contains("l. 87"), "{}", finding.message);
        assert!(finding.location.contains("l. 369"), "{}", finding.location);
        assert_eq!(
            all.iter()
                .filter(|f| f.rule == Rule::SameFigure && f.fiche() == Some("1-4"))
                .count(),
            1
        );
    }

    /// Issue 14, item 6. Line 968, fiche 3-4: "263 001 € au titre de l'aide au poste"; line
    /// 1209, the financial table's observations: "Aide aux postes : 260000 euros".
    #[test]
    fn the_job_subsidy_is_stated_twice_differently() {
        let finding = has(&all(), Rule::SameFigure, Some("3-4"), "263001", "260000");
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.message.contains("l. 968"), "{}", finding.message);
        assert!(finding.location.contains("l. 1209"), "{}", finding.location);
    }

    /// The synthesis (lines 112, 130–134) and the fiches (lines 531, 734, 770, 858, 991, 1033,
    /// 1095, 1118) give the same counts: 11 MDS connectées, 5 000, 1 058, 280, 76, 480 and 160
    /// beneficiaries or posts. Transcribed as quantities stated twice; they agree.
    #[test]
    fn the_counts_the_synthesis_repeats_agree_with_the_fiches() {
        let c = data("cd13-2019-rapport-execution.ron");
        let quantities = c
            .statements
            .iter()
            .filter(|s| matches!(s.about, Some(revue::model::Subject::Quantity(_))))
            .count();
        assert_eq!(quantities, 21);
        let mut differing: Vec<&str> = all()
            .iter()
            .filter_map(|f| match f.anchor {
                revue::rules::Anchor::Statement { index } => match &c.statements[index].about {
                    Some(revue::model::Subject::Quantity(key)) => Some(key.as_str()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        differing.sort();
        assert_eq!(
            differing,
            [
                "aide au poste engagée en 2019",
                "lieux d'accueil parents-enfants recensés par la cartographie CAF / CD13"
            ]
        );
    }

    /// Issue 14, item 14. Line 1197: the report went to the "Commission permanente du 14 avr
    /// 2020"; every result it gives is for 2019, a year that had ended. Nothing to report.
    #[test]
    fn the_report_is_dated_after_the_year_it_reports_on() {
        let c = data("cd13-2019-rapport-execution.ron");
        assert_eq!(
            revue::model::days_in(&c.transmitted),
            [revue::model::Day {
                year: 2020,
                month: 4,
                day: 14
            }]
        );
        let coherence: Vec<Finding> = all()
            .into_iter()
            .filter(|f| f.rule == Rule::Consistency)
            .collect();
        assert!(coherence.is_empty(), "{coherence:#?}");
    }

    /// Every error is one of the discrepancies above: nothing the document does not say.
    #[test]
    fn every_error_is_a_discrepancy_of_the_document() {
        let mut errors: Vec<(Rule, Option<String>, String)> = all()
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule, f.fiche.clone(), f.stated.unwrap_or_default()))
            .collect();
        errors.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        let fiche = |id: &str| Some(id.to_string());
        let mut expected = vec![
            (Rule::Aggregate, None, "3500000".to_string()),
            (Rule::Aggregate, None, "5218310".to_string()),
            (Rule::Remaining, fiche("3-2"), "350000".to_string()),
            (Rule::SameFigure, fiche("3-2"), "1000000".to_string()),
            (Rule::SameFigure, fiche("3-3"), "136977".to_string()),
            (Rule::Claim, fiche("3-4"), "414000".to_string()),
            (Rule::SameFigure, fiche("3-4"), "260000".to_string()),
            (Rule::Claim, fiche("3-5"), "525000".to_string()),
            (Rule::Claim, fiche("3-6"), "1345560".to_string()),
            (Rule::Claim, fiche("3-6"), "671923".to_string()),
            (Rule::SameFigure, fiche("1-2"), "90".to_string()),
            (Rule::SameFigure, fiche("1-4"), "94".to_string()),
        ];
        expected.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        assert_eq!(errors, expected);
    }
}

mod cd13_pdi_2024_2026 {
    use super::*;

    fn pdi() -> Convention {
        data("cd13-2024-2026-pdi.ron")
    }

    /// Partie 2 (lines 1040–1429): 3 axes, 52 actions, with the document's own repeated
    /// numbers 1.7.2 (lines 1183, 1189) and 2.1.4 (two actions) kept as printed.
    #[test]
    fn has_the_catalogue_of_actions_by_axe() {
        let c = pdi();
        let counts: Vec<usize> = c.axes.iter().map(|a| a.fiches.len()).collect();
        assert_eq!(counts, [19, 22, 11]);
        let ids: Vec<&str> = c.fiches().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.iter().filter(|id| **id == "1.7.2").count(), 2);
        assert_eq!(ids.iter().filter(|id| **id == "2.1.4").count(), 2);
        let boost = c.find_fiche("1.1.1").unwrap();
        assert_eq!(boost.title, "BOOST EMPLOI");
        assert!(
            boost
                .objective
                .as_ref()
                .unwrap()
                .text
                .starts_with("Accompagnement intensif de 3 mois")
        );
        assert!(boost.area.is_some());
    }

    /// Partie 1: the five orientations (lines 411, 503, 698, 815, 904).
    #[test]
    fn has_the_five_orientations() {
        let orientations: Vec<String> = pdi()
            .sections
            .iter()
            .filter(|s| s.kind == revue::model::SectionKind::Orientation)
            .map(|s| s.id.clone())
            .collect();
        assert_eq!(orientations, ["1", "2", "3", "4", "5"]);
    }

    /// Line 387: the "Autre" row prints its share as "0, %" — kept as text and reported.
    #[test]
    fn declarations_of_income_against_their_table() {
        // Line 378: "plus de 15 000 bénéficiaires (21,2 %)" — the table's TOTAL (line 388) has
        // 15 135 and 21,2 %: both hold. "dont plus de 12 200 des revenus professionnels" — the
        // table's "Revenus professionnels" row (line 382) has 8 342; 12 200 is three rows
        // together (8 342 + 2 932 + 947 = 12 221), so the relation is marked uncertain: a
        // warning.
        let all = findings(&pdi());
        let same: Vec<&Finding> = all.iter().filter(|f| f.rule == Rule::SameFigure).collect();
        assert_eq!(same.len(), 1, "{same:#?}");
        assert_eq!(same[0].severity, Severity::Warning);
        assert_eq!(same[0].expected, Some(dec("8342")));
        assert_eq!(same[0].stated.as_deref(), Some("12200"));
    }

    #[test]
    fn more_than_29_000_interviews_hold() {
        // Line 984: 17 145 + 12 376 = 29 521, "soit plus de 29 000 entretiens" (a bound).
        let all = findings(&pdi());
        let claims: Vec<&Finding> = all
            .iter()
            .filter(|f| f.rule == Rule::Claim && f.location.contains("29 000"))
            .collect();
        assert!(claims.is_empty(), "{claims:#?}");
        let c = pdi();
        let claim = c
            .claims
            .iter()
            .find(|c| c.text.contains("29 000"))
            .expect("transcribed");
        assert_eq!(claim.bound, Some(revue::model::Bound::MoreThan));
    }

    #[test]
    fn the_malformed_percentage_is_reported() {
        let all = findings(&pdi());
        assert!(
            all.iter()
                .any(|f| f.rule == Rule::TextFigure && f.stated.as_deref() == Some("0, %")),
            "{all:#?}"
        );
    }
}

mod cd77_2022 {
    use super::*;

    fn convention() -> Convention {
        data("cd77-2022-convention.ron")
    }

    fn all() -> Vec<Finding> {
        findings(&convention())
    }

    /// Annexe A (lines 232–1495) holds the socle fiches 1 to 11, annexe B (lines 1497–1712)
    /// fiches 12 to 16; article 2.2 (line 89) states the State's support.
    #[test]
    fn has_the_16_fiches_in_two_annexes_and_the_state_support() {
        let c = convention();
        let ids: Vec<&str> = c.fiches().map(|f| f.id.as_str()).collect();
        let expected: Vec<String> = (1..=16).map(|n| format!("FICHE {n}")).collect();
        assert_eq!(ids, expected);
        let axes: Vec<(&str, usize)> = c
            .axes
            .iter()
            .map(|a| (a.id.as_str(), a.fiches.len()))
            .collect();
        assert_eq!(axes, [("A", 11), ("B", 5)]);
        let support = c.state_support.as_ref().expect("article 2.2");
        assert_eq!(support.value.amount(), Some(dec("2574959")));
        assert_eq!(support.source.lines, Some((89, 89)));
    }

    /// The last line of the text (line 1712, without a final newline) is fiche 16's État row:
    /// "Etat 281 625€", the figure its description gives (line 1700).
    #[test]
    fn fiche_16_budget_table_ends_with_the_state_row() {
        let c = convention();
        let budget = c.find_fiche("FICHE 16").unwrap().budget.as_ref().unwrap();
        let planned = budget.planned.as_ref().unwrap();
        assert_eq!(planned.etat.as_ref().unwrap().amount(), Some(dec("281625")));
        assert_eq!(budget.source.lines, Some((1708, 1712)));
        assert!(budget.text.ends_with("Etat\t281 625€"), "{}", budget.text);
    }

    /// Line 89: "le soutien financier de l'Etat s'élève à un montant de 2 574 959 €", while the
    /// fiches' État shares add up to 2 502 959. Fiche 11's État cell (line 1489) reads
    /// "83 694 + 52 000€ (mobilité territoires ruraux)": the 52 000 is kept as a separate
    /// funder, so it is not counted; with it the shares make 2 554 959, still 20 000 short.
    #[test]
    fn the_fiches_state_shares_differ_from_the_stated_support() {
        let finding = has(&all(), Rule::Aggregate, None, "2502959", "2574959");
        assert_eq!(finding.severity, Severity::Error);
    }

    /// DOMAIN.md's worked example. Lines 282–288: 126 000 + 90 000 + 4 × 45 000 + 9 000 =
    /// 405 000 €, but line 290 says "Le coût du projet est de 415 000 €" (110 000 + 305 000,
    /// line 293).
    #[test]
    fn fiche_1_valued_staff_make_405_000_not_415_000() {
        let finding = has(&all(), Rule::Sum, Some("FICHE 1"), "405000", "415000");
        assert_eq!(finding.severity, Severity::Error);
    }

    /// Line 339: "120 331 € bruts chargés/an X 14, soit 1 684 636 €/an" — 1 684 634.
    #[test]
    fn fiche_2_fourteen_advisers_do_not_make_the_stated_cost() {
        let finding = has(&all(), Rule::Claim, Some("FICHE 2"), "1684634", "1684636");
        assert_eq!(finding.severity, Severity::Error);
    }

    /// KPMG quote, lines 460–467: step 1's subtotal (a section subtotal printed above its
    /// lines) says 17 490,00 € TTC, its lines make 17 190,00 € (= 1,2 × its own 14 325,00 €
    /// HT).
    #[test]
    fn fiche_3_kpmg_step_1_subtotal() {
        let finding = has(&all(), Rule::Sum, Some("FICHE 3"), "17190", "17490");
        assert_eq!(finding.severity, Severity::Error);
        assert!(
            finding.message.contains("sous-total"),
            "{}",
            finding.message
        );
    }

    /// KPMG quote, lines 460, 468, 477 and 483 (issue 14, item 8): the section subtotals TTC
    /// make 17 490 + 23 820 + 17 340 = 58 650,00 €, the "Total MISSION" row says 58 350,00 €
    /// (the sum of the lines: the gap is step 1's subtotal).
    #[test]
    fn fiche_3_kpmg_total_against_its_section_subtotals() {
        let finding = has(&all(), Rule::Sum, Some("FICHE 3"), "58650", "58350");
        assert_eq!(finding.severity, Severity::Error);
        assert!(
            finding.message.contains("sous-totaux"),
            "{}",
            finding.message
        );
    }

    /// KPMG quote, line 483: the "Total MISSION" row gives 18,00 days of DIRECTEUR DE MISSION
    /// and 18,50 of REFERENT TECHNIQUE; the step subtotals (lines 460, 468, 477) make
    /// 4 + 3 + 3 = 10,00 and 5,5 + 7 + 4 = 16,50, as do the lines. Not a rounding: errors.
    #[test]
    fn fiche_3_kpmg_total_row_days_by_role() {
        let all = all();
        let directeur = has(&all, Rule::Sum, Some("FICHE 3"), "10", "18");
        assert_eq!(directeur.severity, Severity::Error);
        let referent = has(&all, Rule::Sum, Some("FICHE 3"), "16.5", "18.5");
        assert_eq!(referent.severity, Severity::Error);
    }

    /// Line 483: the other columns of "Total MISSION" hold against the subtotals — 53,50 days,
    /// 10,5 on site, 48 625,00 € HT, CONSULTANT 27,00 — every other subtotal holds against its
    /// lines, and 58 350 + 3 500 (line 487) is the stated project cost of 61 850 € (line 489).
    #[test]
    fn fiche_3_figures_that_hold_raise_nothing() {
        let all = all();
        let mut sums: Vec<String> = all
            .iter()
            .filter(|f| f.rule == Rule::Sum && f.fiche() == Some("FICHE 3"))
            .filter_map(|f| f.stated.clone())
            .collect();
        sums.sort();
        assert_eq!(sums, ["17490.00", "18.00", "18.50", "58350.00"], "{all:#?}");
        let claims: Vec<&Finding> = all
            .iter()
            .filter(|f| f.rule == Rule::Claim && f.fiche() == Some("FICHE 3"))
            .collect();
        assert!(claims.is_empty(), "{claims:#?}");
    }

    /// Line 672: the FSE "correspondra à 40% du montant total du dispositif", i.e. 40 % of
    /// 2 658 014 = 1 063 205,60 €; the budget (line 677) gives the FSE 966 550,55 €.
    /// A binding rate, not a rounded description: an error.
    #[test]
    fn fiche_4_fse_share_is_not_40_percent() {
        let finding = has(
            &all(),
            Rule::Claim,
            Some("FICHE 4"),
            "1063205.60",
            "966550.55",
        );
        assert_eq!(finding.severity, Severity::Error);
    }

    /// Lines 684–699: the nine "Nb ETP supplém." values make 2,50; the TOTAL row says 2,49,
    /// within the rounding of nine values to the hundredth: a warning. The euro column does
    /// make its 136 798,38.
    #[test]
    fn fiche_4_additional_etp_total_is_a_rounding() {
        let all = all();
        let finding = has(&all, Rule::Sum, Some("FICHE 4"), "2.50", "2.49");
        assert_eq!(finding.severity, Severity::Warning);
        assert!(
            !all.iter().any(|f| f.stated.as_deref() == Some("136798.38")),
            "{all:#?}"
        );
    }

    /// Line 861: "446 810,31 € pour la période du 1er octobre 2021 au 31 décembre 2022";
    /// lines 882–885: 253 080 + 86 496 + 107 234 = "Total 446 810 €".
    #[test]
    fn fiche_5_total_is_stated_with_and_without_cents() {
        let finding = has(
            &all(),
            Rule::SameFigure,
            Some("FICHE 5"),
            "446810",
            "446810.31",
        );
        assert!(
            finding.message.replace('\u{a0}', " ").contains("0,31 €"),
            "{}",
            finding.message
        );
    }

    /// Lines 797–802: the convention runs 10/21 to 12/22 (15 months): "180 / an Soit 225" and
    /// "250 - 300 / an soit 375 max" are × 1,25; "110 / an Soit 137" is 137,5 rounded down
    /// (a warning), but "150 - 200 / an soit 249 max" should be 250 (an error).
    #[test]
    fn fiche_5_fifteen_month_quotas() {
        let all = all();
        let fasme = has(&all, Rule::Claim, Some("FICHE 5"), "137.5", "137");
        assert_eq!(fasme.severity, Severity::Warning);
        let apsie = has(&all, Rule::Claim, Some("FICHE 5"), "250", "249");
        assert_eq!(apsie.severity, Severity::Error);
        // 180 × 1,25 = 225 and 300 × 1,25 = 375 hold.
        assert!(
            !all.iter().any(|f| f.rule == Rule::Claim
                && f.fiche() == Some("FICHE 5")
                && matches!(f.stated.as_deref(), Some("225" | "375"))),
            "{all:#?}"
        );
    }

    /// Lines 1249–1251: the 2022-2023 shares are printed 49 %, 41 %, 10 % — those of
    /// 2023-2024, where they are exact — while 463 000, 397 000 and 90 000 of 950 000 are
    /// 48,74 %, 41,79 % and 9,47 %. Rounded descriptions ("soit") that hold to the whole
    /// percent they are printed with: nothing a reviewer wants to see (issue 14, bug 3).
    #[test]
    fn fiche_8_shares_of_2022_2023_are_rounded_and_silent() {
        let all = all();
        let claims: Vec<&Finding> = all
            .iter()
            .filter(|f| f.rule == Rule::Claim && f.fiche() == Some("FICHE 8"))
            .collect();
        assert!(claims.is_empty(), "{claims:#?}");
    }

    /// Lines 1256–1265 (issue 14, items 9 and 12): the resource plan by half-year gives the
    /// Département ("CD") and FSE + lines 100 000 + 200 000 + 200 000 + 300 000 = 800 000 €
    /// (lines 1257–1259), the "Part départementale (dont FSE)" is 775 000 € (line 1263); the
    /// "Part Etat" (200 000 €, line 1264) is the plan's Etat CALPAE line. Another reading (the
    /// calendar year 2023, React-EU included) makes 775 000: the relation is marked uncertain,
    /// so the gap is a warning that says so, and fiche 8 has no error.
    #[test]
    fn fiche_8_resource_plan_against_the_calpae_detail() {
        let all = all();
        let finding = has(&all, Rule::Sum, Some("FICHE 8"), "800000", "775000");
        assert_eq!(finding.severity, Severity::Warning);
        assert!(finding.message.contains("supposée"), "{}", finding.message);
        let errors: Vec<&Finding> = all
            .iter()
            .filter(|f| f.fiche() == Some("FICHE 8") && f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    /// Lines 599–603 (issue 14, items 11 and 12): "44,05 (AAVE) + 17% 56,21" — from 44,05 to
    /// 56,21 is +27,6 %; 56,21 is (44,05 + 4 COS ITI) × 1,17. The row's relation is the
    /// reviewer's reading: a warning.
    #[test]
    fn fiche_4_etp_growth_rate() {
        let all = all();
        let finding = all
            .iter()
            .find(|f| {
                f.rule == Rule::Claim
                    && f.fiche() == Some("FICHE 4")
                    && f.stated.as_deref() == Some("17")
            })
            .unwrap_or_else(|| panic!("{all:#?}"));
        assert_eq!(finding.severity, Severity::Warning);
        assert!(finding.message.contains("27,6 %"), "{}", finding.message);
    }

    /// Line 1555: "le budget valorisé … est de 1 575 000€" (35 % of 4,5 M€), line 1557: "En
    /// plus de ces coûts directs, le coût RH … 18000 €" — 1 593 000 €, but the "Budget
    /// Département" is 1 518 000 € (line 1562, and annexe B line 1503). One discrepancy, one
    /// finding.
    #[test]
    fn fiche_12_valued_budget_differs_from_the_department_share() {
        let all = all();
        let finding = has(&all, Rule::Sum, Some("FICHE 12"), "1593000", "1518000");
        assert_eq!(finding.severity, Severity::Error);
        let errors = all
            .iter()
            .filter(|f| f.fiche() == Some("FICHE 12") && f.severity == Severity::Error)
            .count();
        assert_eq!(errors, 1, "{all:#?}");
    }

    /// Fiche 16, lines 1700 and 1712: the State contributes 281 625 €; annexe B (line 1507)
    /// lists 281 620 for CJM.
    #[test]
    fn fiche_16_state_share_differs_from_annexe_b() {
        let finding = has(
            &all(),
            Rule::SameFigure,
            Some("FICHE 16"),
            "281625",
            "281620",
        );
        assert_eq!(finding.severity, Severity::Error);
    }

    /// Fiche 11, lines 1478–1486: the budget lines give 50 000 + 150 000 + 30 000 =
    /// 230 000 €, the financing (line 1489) 116 306 + 83 694 + 52 000 = 252 000 €. Six rows
    /// give no amount ("Budget interne", "En perspectives", merged cells): the 22 000 € may
    /// lie there, so it is a warning that says so.
    #[test]
    fn fiche_11_budget_lines_do_not_make_the_financing() {
        let finding = has(&all(), Rule::Sum, Some("FICHE 11"), "230000", "252000");
        assert_eq!(finding.severity, Severity::Warning);
        assert!(finding.message.contains("6 lignes"), "{}", finding.message);
    }

    /// Fiche 4 (lines 676–678): État 855 883 € above the Département's 835 580,45 € (the
    /// "DM 2" of line 680 adds 136 798,38 € on the Département's side afterwards); fiche 7
    /// (lines 1097–1098): the State pays 100 %, the Département 0 €.
    #[test]
    fn state_shares_above_the_departments_are_warnings() {
        let all = all();
        let f4 = has(
            &all,
            Rule::CoFinancing,
            Some("FICHE 4"),
            "835580.45",
            "855883",
        );
        assert_eq!(f4.severity, Severity::Warning);
        let f7 = has(&all, Rule::CoFinancing, Some("FICHE 7"), "0", "25000");
        assert_eq!(f7.severity, Severity::Warning);
    }

    /// Fiches 6, 7, 9, 10, 13, 14 and 15 add up: 102 000 + 60 000 = 162 000 (lines
    /// 1012–1014); charges and recettes both 149 956 (lines 1078–1093); 240 000 + 160 000 =
    /// 400 000 (lines 1324–1326); eight lines making 207 495 = 89 523 + 117 972
    /// (lines 1397–1408); annexe B rows 13 to 15 match their fiches (lines 1504–1506).
    #[test]
    fn fiches_whose_figures_hold_raise_no_error() {
        let all = all();
        for fiche in [
            "FICHE 6", "FICHE 7", "FICHE 9", "FICHE 10", "FICHE 13", "FICHE 14", "FICHE 15",
        ] {
            let errors: Vec<&Finding> = all
                .iter()
                .filter(|f| f.fiche() == Some(fiche) && f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{fiche}: {errors:#?}");
        }
    }

    /// Every error is one of the discrepancies above: nothing the document does not say.
    #[test]
    fn every_error_is_a_discrepancy_of_the_document() {
        let mut errors: Vec<(Rule, Option<String>, String)> = all()
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule, f.fiche.clone(), f.stated.unwrap_or_default()))
            .collect();
        errors.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        let fiche = |n: &str| Some(format!("FICHE {n}"));
        let mut expected = vec![
            (Rule::Aggregate, None, "2574959".to_string()),
            (Rule::Sum, fiche("1"), "415000".to_string()),
            (Rule::Claim, fiche("2"), "1684636".to_string()),
            (Rule::Sum, fiche("3"), "18.00".to_string()),
            (Rule::Sum, fiche("3"), "18.50".to_string()),
            (Rule::Sum, fiche("3"), "17490.00".to_string()),
            (Rule::Sum, fiche("3"), "58350.00".to_string()),
            (Rule::Claim, fiche("4"), "966550.55".to_string()),
            (Rule::SameFigure, fiche("5"), "446810.31".to_string()),
            (Rule::Claim, fiche("5"), "249".to_string()),
            (Rule::Sum, fiche("12"), "1518000".to_string()),
            (Rule::SameFigure, fiche("16"), "281620".to_string()),
        ];
        expected.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        assert_eq!(errors, expected);
    }

    /// Fiche 3's indicator table (lines 498–506) leaves the 2022 column empty: six
    /// warnings. Fiche 9's columns (lines 1332–1335) are objectives ("Objectifs intégrés à la
    /// convention avec la CAF 77", line 1337): no result is expected of them.
    #[test]
    fn empty_results_for_2022_are_warnings_targets_are_not() {
        let all = all();
        let indicator = |fiche: &str| -> Vec<&Finding> {
            all.iter()
                .filter(|f| f.rule == Rule::Indicator && f.fiche() == Some(fiche))
                .collect()
        };
        let fiche_3 = indicator("FICHE 3");
        assert_eq!(fiche_3.len(), 6, "{fiche_3:#?}");
        assert!(fiche_3.iter().all(|f| f.severity == Severity::Warning));
        assert!(indicator("FICHE 9").is_empty());
    }
}
