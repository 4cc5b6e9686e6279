//! Property tests: an amount read in any accepted form is the amount printed the French way;
//! any convention saved as RON reads back as the same convention.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use revue::model::*;
use revue::storage::{from_ron_str, to_ron_string};
use rust_decimal::Decimal;

// Amounts

/// Any decimal: small ones (as documents state them) and the whole range, every scale.
fn decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        -10_000_000_000i128..10_000_000_000,
        -(1i128 << 96) + 1..(1i128 << 96),
    ];
    (mantissa, 0u32..=Decimal::MAX_SCALE)
        .prop_map(|(m, scale)| Decimal::from_i128_with_scale(m, scale))
}

/// The ways the documents (and users) write an amount.
#[derive(Debug, Clone, Copy)]
enum Grouping {
    /// `1 207 650,75` with no-break spaces (what revue prints).
    NoBreakSpace,
    Space,
    NarrowNoBreakSpace,
    /// `1.207.650,75`
    Dots,
    /// `1207650,75`
    None,
    /// `1207650.75`: a dot as the decimal mark, when it cannot be read as grouping.
    DecimalDot,
}

fn grouping() -> impl Strategy<Value = Grouping> {
    prop_oneof![
        Just(Grouping::NoBreakSpace),
        Just(Grouping::Space),
        Just(Grouping::NarrowNoBreakSpace),
        Just(Grouping::Dots),
        Just(Grouping::None),
        Just(Grouping::DecimalDot),
    ]
}

fn suffix() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(""),
        Just(" €"),
        Just("€"),
        Just("\u{a0}€"),
        Just(" euros"),
        Just(" EUR"),
    ]
}

/// `amount` written with `grouping`, or `None` when that form would read otherwise
/// (`1.207` is one thousand two hundred and seven).
fn written(amount: Decimal, grouping: Grouping, plus: bool, suffix: &str) -> Option<String> {
    let plain = amount.abs().to_string();
    let (integer, fraction) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let separator = match grouping {
        Grouping::NoBreakSpace => Some('\u{a0}'),
        Grouping::Space => Some(' '),
        Grouping::NarrowNoBreakSpace => Some('\u{202f}'),
        Grouping::Dots => Some('.'),
        Grouping::None | Grouping::DecimalDot => None,
    };
    let mut grouped = String::new();
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.extend(separator);
        }
        grouped.push(digit);
    }
    let mark = match grouping {
        Grouping::DecimalDot => {
            if fraction.is_some_and(|f| f.len() == 3) && integer.len() <= 3 {
                return None;
            }
            '.'
        }
        _ => ',',
    };
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    Some(match fraction {
        Some(f) => format!("{sign}{grouped}{mark}{f}{suffix}"),
        None => format!("{sign}{grouped}{suffix}"),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Every accepted form of an amount reads as that amount, scale included, and the French
    /// format of what was read reads back the same.
    #[test]
    fn every_accepted_form_reads_back_as_the_amount(
        amount in decimal(),
        grouping in grouping(),
        plus in any::<bool>(),
        suffix in suffix(),
        padding in prop_oneof![Just(""), Just(" "), Just("\u{a0}")],
    ) {
        let french = format_amount_fr(amount);
        // The French format is the first of the forms.
        prop_assert_eq!(Some(french), written(amount, Grouping::NoBreakSpace, false, ""));
        if let Some(text) = written(amount, grouping, plus, suffix) {
            let text = format!("{padding}{text}{padding}");
            let read = parse_amount(&text);
            prop_assert_eq!(&read, &Ok(amount), "{:?}", text);
            let read = read.unwrap();
            prop_assert_eq!(read.scale(), amount.scale(), "{:?}", text);
            let again = parse_amount(&format_amount_fr(read)).unwrap();
            prop_assert_eq!(again, read);
            prop_assert_eq!(again.scale(), read.scale());
        }
    }

    /// Whatever text the parser accepts, its French format reads back as the same amount;
    /// what it refuses it refuses without panicking.
    #[test]
    fn whatever_is_accepted_prints_and_reads_back(
        text in "[-+]?[0-9]{0,4}([ .\u{a0}\u{202f}][0-9]{1,4}){0,4}([,.][0-9]{0,5})?( ?(€|euros|EUR))?",
    ) {
        if let Ok(amount) = parse_amount(&text) {
            let french = format_amount_fr(amount);
            prop_assert_eq!(parse_amount(&french), Ok(amount), "{:?} → {:?}", text, french);
            prop_assert_eq!(parse_amount(&french).unwrap().scale(), amount.scale());
        }
    }
}

// Conventions

/// Any text: every char of Unicode, and those RON must escape or quote with care.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "(?s).{0,12}",
        2 => "[\"\\\\#/*\n\r\t\u{1b}\u{0}é€œ ,)(\\]\\[:]{0,10}",
        1 => Just(String::new()),
    ]
    .boxed()
}

fn source() -> BoxedStrategy<Source> {
    (
        text(),
        option::of(any::<(u32, u32)>()),
        option::of(any::<u32>()),
    )
        .prop_map(|(section, lines, page)| Source {
            section,
            lines,
            page,
        })
        .boxed()
}

fn value() -> BoxedStrategy<Value> {
    prop_oneof![
        decimal().prop_map(Value::Amount),
        decimal().prop_map(Value::Number),
        decimal().prop_map(Value::Percent),
        (decimal(), text()).prop_map(|(d, unit)| Value::Duration(d, unit)),
        text().prop_map(Value::Text),
    ]
    .boxed()
}

fn budget_field() -> BoxedStrategy<BudgetField> {
    prop_oneof![
        Just(BudgetField::PlannedEtat),
        Just(BudgetField::PlannedDepartement),
        Just(BudgetField::PlannedOther),
        Just(BudgetField::PlannedTotal),
        Just(BudgetField::Engaged),
        Just(BudgetField::Executed),
        Just(BudgetField::Remaining),
    ]
    .boxed()
}

fn block() -> BoxedStrategy<Block> {
    (text(), source())
        .prop_map(|(text, source)| Block { text, source })
        .boxed()
}

fn funder() -> BoxedStrategy<Funder> {
    (text(), value())
        .prop_map(|(name, amount)| Funder { name, amount })
        .boxed()
}

fn claim() -> BoxedStrategy<Claim> {
    (
        text(),
        prop_oneof![
            Just(Operation::Sum),
            Just(Operation::Difference),
            Just(Operation::Product),
            Just(Operation::Percentage),
            Just(Operation::GrowthRate),
            Just(Operation::PointDifference),
            Just(Operation::Ratio),
        ],
        vec(decimal(), 0..3),
        value(),
        (any::<bool>(), option::of(bound()), any::<bool>()),
        source(),
    )
        .prop_map(
            |(text, operation, operands, stated, (approximate, bound, uncertain), source)| Claim {
                text,
                operation,
                operands,
                stated,
                approximate,
                bound,
                uncertain,
                source,
            },
        )
        .boxed()
}

fn deadline() -> BoxedStrategy<Deadline> {
    (text(), text(), source())
        .prop_map(|(due, text, source)| Deadline { due, text, source })
        .boxed()
}

fn bound() -> BoxedStrategy<Bound> {
    prop_oneof![
        Just(Bound::AtLeast),
        Just(Bound::MoreThan),
        Just(Bound::AtMost),
        Just(Bound::LessThan),
        decimal().prop_map(Bound::UpTo),
    ]
    .boxed()
}

fn subject() -> BoxedStrategy<Subject> {
    prop_oneof![
        (text(), any::<i32>()).prop_map(|(name, year)| Subject::Indicator { name, year }),
        text().prop_map(Subject::ExecutedLine),
        (text(), text(), text()).prop_map(|(table, row, column)| Subject::Cell {
            table,
            row,
            column
        }),
        text().prop_map(Subject::Quantity),
    ]
    .boxed()
}

fn row() -> BoxedStrategy<Row> {
    let subtotal = prop_oneof![Just(SubtotalOf::Below), Just(SubtotalOf::Above)];
    (
        option::of(text()),
        any::<bool>(),
        option::of(subtotal),
        option::of(budget_field()),
        vec(option::of(value()), 0..4),
    )
        .prop_map(|(fiche, heading, subtotal, part_of, cells)| Row {
            fiche,
            heading,
            subtotal,
            part_of,
            cells,
        })
        .boxed()
}

fn table() -> BoxedStrategy<Table> {
    let kind = prop_oneof![
        Just(TableKind::Summary),
        Just(TableKind::Charges),
        Just(TableKind::Recettes),
        Just(TableKind::Valorisation),
        Just(TableKind::Financement),
        Just(TableKind::Indicateurs),
        Just(TableKind::Autre),
    ];
    let role = prop_oneof![
        Just(ColumnRole::Label),
        budget_field().prop_map(ColumnRole::Budget),
        Just(ColumnRole::Summed),
        Just(ColumnRole::Quantity),
        Just(ColumnRole::UnitCost),
    ];
    let column = (text(), option::of(role)).prop_map(|(name, role)| Column { name, role });
    (
        text(),
        text(),
        kind,
        vec(column, 0..3),
        vec(row(), 0..3),
        option::of(row()),
        option::of(budget_field()),
        any::<bool>(),
        text(),
        source(),
    )
        .prop_map(
            |(id, title, kind, columns, rows, total, sums_to, uncertain, note, source)| Table {
                id,
                title,
                kind,
                columns,
                rows,
                total,
                sums_to,
                uncertain,
                note,
                source,
            },
        )
        .boxed()
}

fn indicator() -> BoxedStrategy<Indicator> {
    let measure = prop_oneof![Just(Measure::Result), Just(Measure::Target)];
    let entry = (any::<i32>(), measure, option::of(value()), text()).prop_map(
        |(year, measure, value, note)| IndicatorValue {
            year,
            measure,
            value,
            note,
        },
    );
    (
        text(),
        option::of(text()),
        text(),
        option::of(value()),
        vec(entry, 0..3),
        text(),
        source(),
    )
        .prop_map(
            |(name, unit, baseline_label, baseline, values, note, source)| Indicator {
                name,
                unit,
                baseline_label,
                baseline,
                values,
                note,
                source,
            },
        )
        .boxed()
}

fn budget() -> BoxedStrategy<Budget> {
    let planned = (
        text(),
        option::of(value()),
        option::of(value()),
        vec(funder(), 0..2),
        option::of(value()),
    )
        .prop_map(|(label, etat, departement, others, total)| Planned {
            label,
            etat,
            departement,
            others,
            total,
        })
        .boxed();
    let reallocation = (value(), option::of(text()), text(), source()).prop_map(
        |(amount, to_fiche, to, source)| Reallocation {
            amount,
            to_fiche,
            to,
            source,
        },
    );
    (
        option::of(text()),
        option::of(planned.clone()),
        option::of(value()),
        vec(funder(), 0..2),
        option::of(value()),
        option::of(planned),
        option::of(value()),
        vec(reallocation, 0..2),
        vec(table(), 0..2),
        text(),
        source(),
    )
        .prop_map(
            |(
                period,
                planned,
                engaged,
                executed_lines,
                executed,
                executed_by_funder,
                remaining,
                reallocations,
                tables,
                text,
                source,
            )| Budget {
                period,
                planned,
                engaged,
                executed_lines,
                executed,
                executed_by_funder,
                remaining,
                reallocations,
                tables,
                text,
                source,
            },
        )
        .boxed()
}

fn section() -> BoxedStrategy<Section> {
    let kind = prop_oneof![
        Just(SectionKind::Article),
        Just(SectionKind::Synthese),
        Just(SectionKind::Orientation),
        Just(SectionKind::Annexe),
        Just(SectionKind::Autre),
    ];
    (kind, text(), text(), text(), source())
        .prop_map(|(kind, id, title, text, source)| Section {
            kind,
            id,
            title,
            text,
            source,
        })
        .boxed()
}

fn fiche() -> BoxedStrategy<Fiche> {
    let scope = prop_oneof![
        Just(Scope::Socle),
        Just(Scope::InitiativeDepartementale),
        Just(Scope::NonPrecise),
    ];
    let status = prop_oneof![
        Just(FicheStatus::Nouvelle),
        Just(FicheStatus::Renforcee),
        Just(FicheStatus::Existante),
    ];
    let partners =
        (vec(text(), 0..3), text(), source()).prop_map(|(names, text, source)| Partners {
            names,
            text,
            source,
        });
    let assessment =
        (text(), text(), text(), source()).prop_map(|(text, positives, improvements, source)| {
            Assessment {
                text,
                positives,
                improvements,
                source,
            }
        });
    let heading = (
        text(),
        text(),
        text(),
        scope,
        option::of(status),
        text(),
        source(),
    );
    let blocks = (
        option::of(block()),
        option::of(block()),
        option::of(block()),
        option::of(block()),
        option::of(block()),
        option::of(block()),
    );
    let rest = (
        option::of(partners),
        option::of(budget()),
        vec(indicator(), 0..2),
        option::of(assessment),
        vec(claim(), 0..2),
        vec(section(), 0..2),
    );
    (heading, blocks, rest)
        .prop_map(
            |(
                (id, title, measure, scope, status, status_text, source),
                (description, objective, area, start, duration, perspectives),
                (partners, budget, indicators, assessment, claims, sections),
            )| Fiche {
                id,
                title,
                measure,
                scope,
                status,
                status_text,
                description,
                objective,
                area,
                start,
                duration,
                partners,
                budget,
                indicators,
                assessment,
                perspectives,
                claims,
                sections,
                source,
            },
        )
        .boxed()
}

fn statement() -> BoxedStrategy<Statement> {
    let scope = prop_oneof![
        Just(StatementScope::Convention),
        text().prop_map(StatementScope::Axe),
        text().prop_map(StatementScope::Fiche),
    ];
    (
        scope,
        option::of(budget_field()),
        option::of(subject()),
        value(),
        (option::of(bound()), any::<bool>()),
        text(),
        source(),
    )
        .prop_map(
            |(scope, field, about, value, (bound, uncertain), text, source)| Statement {
                scope,
                field,
                about,
                value,
                bound,
                uncertain,
                text,
                source,
            },
        )
        .boxed()
}

fn convention() -> BoxedStrategy<Convention> {
    let kind = prop_oneof![
        Just(ConventionKind::Convention),
        Just(ConventionKind::Avenant),
        Just(ConventionKind::RapportExecution),
        Just(ConventionKind::Programme),
    ];
    let axe = (text(), text(), text(), vec(fiche(), 0..3), source()).prop_map(
        |(id, title, description, fiches, source)| Axe {
            id,
            title,
            description,
            fiches,
            source,
        },
    );
    let heading = (
        text(),
        kind,
        (text(), text()).prop_map(|(name, number)| Territory { name, number }),
        text(),
        option::of(any::<(i32, i32)>()),
        vec(text(), 0..3),
        (text(), text(), vec(deadline(), 0..2)),
        option::of(statement()),
        (text(), text(), text()).prop_map(|(title, file, reference)| Document {
            title,
            file,
            source_document: None,
            reference,
        }),
    );
    let body = (
        vec(section(), 0..2),
        vec(axe, 0..3),
        vec(table(), 0..2),
        vec(statement(), 0..2),
        vec(claim(), 0..2),
        vec(indicator(), 0..2),
    );
    (heading, body)
        .prop_map(
            |(
                (
                    title,
                    kind,
                    territory,
                    period,
                    years,
                    parties,
                    (signed, transmitted, deadlines),
                    state_support,
                    document,
                ),
                (sections, axes, tables, statements, claims, indicators),
            )| Convention {
                version: FORMAT_VERSION,
                title,
                kind,
                territory,
                period,
                years,
                parties,
                signed,
                transmitted,
                deadlines,
                state_support,
                document,
                sections,
                axes,
                tables,
                statements,
                claims,
                indicators,
                ..Default::default()
            },
        )
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Saving then loading gives back the convention, and saving that gives the same text.
    #[test]
    fn a_convention_saved_as_ron_reads_back_the_same(convention in convention()) {
        let text = to_ron_string(&convention);
        let read = from_ron_str(&text);
        prop_assert!(read.is_ok(), "{:?}\n{}", read, text);
        let read = read.unwrap();
        prop_assert_eq!(&read, &convention, "{}", text);
        prop_assert_eq!(to_ron_string(&read), text);
    }
}
