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
    /// 1 428 146) and every row's remaining is planned − engaged: nothing to report there.
    #[test]
    fn the_financial_table_holds_and_no_rule_says_otherwise() {
        let all = all();
        let table_sums: Vec<&Finding> = all
            .iter()
            .filter(|f| {
                matches!(
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
    fn the_malformed_percentage_is_reported() {
        let all = findings(&pdi());
        assert!(
            all.iter()
                .any(|f| f.rule == Rule::TextFigure && f.stated.as_deref() == Some("0, %")),
            "{all:#?}"
        );
    }
}
