//! Every user-visible string, in French (the default) and English.
//!
//! Kept in one place so a translation is one file and a reviewer can read every message.

use crate::keys::{
    Action, DialogAction, DialogKind, FieldListAction, HelpAction, Key, LineAction, Mode,
    TypingAction,
};
use crate::model::{ConventionKind, Scope, SectionKind};

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

pub fn kind_name(lang: Lang, kind: ConventionKind) -> &'static str {
    match (lang, kind) {
        (Lang::Fr, ConventionKind::Convention) => "convention",
        (Lang::Fr, ConventionKind::Avenant) => "avenant",
        (Lang::Fr, ConventionKind::RapportExecution) => "rapport d'exécution",
        (Lang::Fr, ConventionKind::Programme) => "programme",
        (Lang::En, ConventionKind::Convention) => "convention",
        (Lang::En, ConventionKind::Avenant) => "amendment",
        (Lang::En, ConventionKind::RapportExecution) => "execution report",
        (Lang::En, ConventionKind::Programme) => "programme",
    }
}

/// What a section of the document is, as its line in the Axes overview names it.
pub fn section_kind_name(lang: Lang, kind: SectionKind) -> &'static str {
    match (lang, kind) {
        (Lang::Fr, SectionKind::Article) => "Article",
        (Lang::Fr, SectionKind::Synthese) => "Synthèse",
        (Lang::Fr, SectionKind::Orientation) => "Orientation",
        (Lang::Fr, SectionKind::Annexe) => "Annexe",
        (Lang::Fr, SectionKind::Autre) => "Section",
        (Lang::En, SectionKind::Article) => "Article",
        (Lang::En, SectionKind::Synthese) => "Synthesis",
        (Lang::En, SectionKind::Orientation) => "Orientation",
        (Lang::En, SectionKind::Annexe) => "Annex",
        (Lang::En, SectionKind::Autre) => "Section",
    }
}

/// A section of the document as its line and its reader name it: `Synthèse : 2.2 Titre`,
/// file text sanitised.
pub fn section_heading(lang: Lang, section: &crate::model::Section) -> String {
    let title = [section.id.as_str(), section.title.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            crate::text::sanitize_line(&crate::text::shorten(s, crate::text::DISPLAY_LIMIT))
                .into_owned()
        })
        .collect::<Vec<_>>()
        .join(" ");
    labelled(lang, section_kind_name(lang, section.kind), &title)
}

/// Under the reader of a section: the keys that scroll and close it.
pub fn reader_keys(lang: Lang, scroll: &str, close: &str) -> String {
    match lang {
        Lang::Fr => format!("{scroll} : défiler · {close} : fermer"),
        Lang::En => format!("{scroll}: scroll · {close}: close"),
    }
}

pub fn scope_name(lang: Lang, scope: Scope) -> &'static str {
    match (lang, scope) {
        (Lang::Fr, Scope::Socle) => "socle",
        (Lang::Fr, Scope::InitiativeDepartementale) => "initiative départementale",
        (Lang::Fr, Scope::NonPrecise) => "non précisé",
        (Lang::En, Scope::Socle) => "core measure",
        (Lang::En, Scope::InitiativeDepartementale) => "departmental initiative",
        (Lang::En, Scope::NonPrecise) => "unspecified",
    }
}

/// What a statement's figure is: a budget figure of its scope, or what it is about.
pub fn statement_figure_name(lang: Lang, statement: &crate::model::Statement) -> String {
    use crate::model::Subject;
    if let Some(field) = statement.field {
        return field_name(lang, field).to_string();
    }
    let clean = |t: &str| crate::text::sanitize_line(t).into_owned();
    match (&statement.about, lang) {
        (Some(Subject::Indicator { name, year }), Lang::Fr) => {
            format!("indicateur « {} » ({year})", clean(name))
        }
        (Some(Subject::Indicator { name, year }), Lang::En) => {
            format!("indicator \u{201c}{}\u{201d} ({year})", clean(name))
        }
        (Some(Subject::ExecutedLine(line)), Lang::Fr) => {
            format!("ligne exécutée « {} »", clean(line))
        }
        (Some(Subject::ExecutedLine(line)), Lang::En) => {
            format!("executed line \u{201c}{}\u{201d}", clean(line))
        }
        (Some(Subject::Cell { table, row, column }), _) => {
            format!("{} · {} · {}", clean(table), clean(row), clean(column))
        }
        (Some(Subject::Quantity(name)), _) => clean(name),
        (None, Lang::Fr) => "chiffre".to_string(),
        (None, Lang::En) => "figure".to_string(),
    }
}

/// Labels of the command-line reports.
pub struct CliStrings {
    pub territory: &'static str,
    pub kind: &'static str,
    pub fiches: &'static str,
    pub planned_etat: &'static str,
    pub planned_departement: &'static str,
    pub planned_total: &'static str,
    pub unreadable_not_counted: fn(usize) -> String,
    pub too_large_not_counted: fn(usize) -> String,
    pub load_failed: &'static str,
    pub no_convention: &'static str,
}

pub fn cli(lang: Lang) -> &'static CliStrings {
    match lang {
        Lang::Fr => &CLI_FR,
        Lang::En => &CLI_EN,
    }
}

static CLI_FR: CliStrings = CliStrings {
    territory: "Territoire",
    kind: "Type",
    fiches: "Fiches",
    planned_etat: "Prévu État",
    planned_departement: "Prévu Département",
    planned_total: "Prévu total",
    unreadable_not_counted: |n| {
        if n == 1 {
            "1 montant écrit en texte n'est pas compté".to_string()
        } else {
            format!("{n} montants écrits en texte ne sont pas comptés")
        }
    },
    too_large_not_counted: |n| {
        if n == 1 {
            "1 montant trop grand pour être additionné n'est pas compté".to_string()
        } else {
            format!("{n} montants trop grands pour être additionnés ne sont pas comptés")
        }
    },
    load_failed: "fichier illisible",
    no_convention: "aucune convention trouvée",
};

static CLI_EN: CliStrings = CliStrings {
    territory: "Territory",
    kind: "Kind",
    fiches: "Fiches",
    planned_etat: "Planned State",
    planned_departement: "Planned Department",
    planned_total: "Planned total",
    unreadable_not_counted: |n| {
        if n == 1 {
            "1 amount written as text is not counted".to_string()
        } else {
            format!("{n} amounts written as text are not counted")
        }
    },
    too_large_not_counted: |n| {
        if n == 1 {
            "1 amount too large to add up is not counted".to_string()
        } else {
            format!("{n} amounts too large to add up are not counted")
        }
    },
    load_failed: "unreadable file",
    no_convention: "no convention found",
};

pub fn field_name(lang: Lang, field: crate::model::BudgetField) -> &'static str {
    use crate::model::BudgetField as F;
    match (lang, field) {
        (Lang::Fr, F::PlannedEtat) => "prévu État",
        (Lang::Fr, F::PlannedDepartement) => "prévu Département",
        (Lang::Fr, F::PlannedOther) => "prévu autres financeurs",
        (Lang::Fr, F::PlannedTotal) => "prévu total",
        (Lang::Fr, F::Engaged) => "engagé",
        (Lang::Fr, F::Executed) => "exécuté",
        (Lang::Fr, F::Remaining) => "solde",
        (Lang::En, F::PlannedEtat) => "planned State",
        (Lang::En, F::PlannedDepartement) => "planned Department",
        (Lang::En, F::PlannedOther) => "planned other funders",
        (Lang::En, F::PlannedTotal) => "planned total",
        (Lang::En, F::Engaged) => "committed",
        (Lang::En, F::Executed) => "executed",
        (Lang::En, F::Remaining) => "remaining",
    }
}

/// `prévu total` → `Prévu total`.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Messages of the reconciliation rules. Arguments arrive formatted (amounts as `1 234 €`).
pub struct RuleStrings {
    pub fiche: &'static str,
    pub budget: &'static str,
    pub table: &'static str,
    pub row: &'static str,
    pub total_row: &'static str,
    pub claim: &'static str,
    pub indicator: &'static str,
    pub statement: &'static str,
    pub state_support: &'static str,
    pub reallocation: &'static str,
    /// "in the table «…»"
    pub in_table: fn(&str) -> String,
    pub under_one_euro: fn(&str) -> String,
    /// parts, their sum, stated total
    pub parts_sum: fn(&str, &str, &str) -> String,
    /// sum of lines, stated executed total
    pub executed_lines: fn(&str, &str) -> String,
    /// column, sum, TOTAL row
    pub column_total: fn(&str, &str, &str) -> String,
    /// table, sum of lines, field, stated figure
    pub detail_lines: fn(&str, &str, &str, &str) -> String,
    /// number of lines that give no figure
    pub lines_without_figure: fn(usize) -> String,
    /// charges total, recettes total
    pub charges_recettes: fn(&str, &str) -> String,
    /// planned, engaged-or-executed label, its amount, expected, stated remaining
    pub remaining: fn(&str, &str, &str, &str, &str) -> String,
    /// field, fiche's figure, other place, its figure
    pub same_figure: fn(&str, &str, &str, &str) -> String,
    /// formula, computed, stated
    pub claim_mismatch: fn(&str, &str, &str) -> String,
    /// gap, number of rounded parts
    pub rounded_parts: fn(&str, usize) -> String,
    /// sum of the fiches' State shares, stated support
    pub state_support_mismatch: fn(&str, &str) -> String,
    /// scope (axe or convention), field, sum of fiches, stated
    pub aggregate_mismatch: fn(&str, &str, &str, &str) -> String,
    /// sum of reallocations, remaining
    pub reallocation_sum: fn(&str, &str) -> String,
    /// receiving fiche id
    pub reallocation_unknown_fiche: fn(&str) -> String,
    /// receiving fiche, amount, giving fiche
    pub reallocation_not_mentioned: fn(&str, &str, &str) -> String,
    /// État, Département
    pub etat_above_departement: fn(&str, &str) -> String,
    /// executed or engaged label, amount, planned, percentage
    pub overspend: fn(&str, &str, &str, &str) -> String,
    /// executed or engaged label, amount, planned, percentage, threshold
    pub underspend: fn(&str, &str, &str, &str, &str) -> String,
    /// field, raw text
    pub text_figure: fn(&str, &str) -> String,
    /// field, raw text, likely reading
    pub malformed_amount: fn(&str, &str, &str) -> String,
    /// indicator, year
    pub indicator_no_value: fn(&str, i32) -> String,
    /// indicator, year, result, target, percentage
    pub indicator_far_from_target: fn(&str, i32, &str, &str, &str) -> String,
    /// fiche id, the title of the first fiche with it
    pub duplicate_fiche: fn(&str, &str) -> String,
    /// field, amount
    pub negative_figure: fn(&str, &str) -> String,
    /// first year, last year
    pub period_reversed: fn(i32, i32) -> String,
    /// last year covered
    pub report_of_years_to_come: fn(i32) -> String,
    /// signing date as written, its year
    pub signed_in_future: fn(&str, i32) -> String,
    /// indicator, year
    pub result_to_come: fn(&str, i32) -> String,
    pub convention_scope: &'static str,
    pub axe_scope: fn(&str) -> String,
    // Issue 14: audit power on documents revue has never seen.
    /// field, the amount as stored, its likely reading
    pub amount_beyond_cents: fn(&str, &str, &str) -> String,
    /// field, the amount as stored
    pub amount_beyond_cents_unread: fn(&str, &str) -> String,
    /// planned total as written, État + Département (+ others)
    pub planned_text_read_as_shares: fn(&str, &str) -> String,
    /// planned total as written, its likely reading
    pub planned_text_read_as_likely: fn(&str, &str) -> String,
    /// indicator, year, the text given as its result
    pub indicator_text_value: fn(&str, i32, &str) -> String,
    /// column, TOTAL row figure, number of fiches, their sum
    pub summary_total_against_fiches: fn(&str, &str, usize, &str) -> String,
    pub uncertain_relation: &'static str,
    /// what, its figure, where, the statement's figure
    pub same_quantity: fn(&str, &str, &str, &str) -> String,
    /// what, its figure, where, the bound as described
    pub figure_outside_bound: fn(&str, &str, &str, &str) -> String,
    pub at_least: fn(&str) -> String,
    pub more_than: fn(&str) -> String,
    pub at_most: fn(&str) -> String,
    pub less_than: fn(&str) -> String,
    pub between: fn(&str, &str) -> String,
    /// what the statement is about, its scope
    pub unknown_subject: fn(&str, &str) -> String,
    /// column, sum of the section's lines, subtotal
    pub subtotal_lines: fn(&str, &str, &str) -> String,
    /// column, sum of the subtotals, TOTAL row
    pub total_against_subtotals: fn(&str, &str, &str) -> String,
    /// number of lines, table, their sum, field, the fiche's figure
    pub parts_of_figure: fn(usize, &str, &str, &str, &str) -> String,
    /// sum of the executed shares, executed total
    pub executed_by_funder_sum: fn(&str, &str) -> String,
    /// formula, computed, the bound as described
    pub claim_outside_bound: fn(&str, &str, &str) -> String,
    /// the fiche or axe named
    pub scope_does_not_exist: fn(&str) -> String,
    /// fiche id
    pub row_fiche_does_not_exist: fn(&str) -> String,
    /// cells, columns
    pub ragged_row: fn(usize, usize) -> String,
    pub statement_about_nothing: &'static str,
    /// the first fiche with it
    pub copied_description: fn(&str) -> String,
    pub copied_budget: fn(&str) -> String,
    /// État spent, Département spent
    pub etat_above_departement_spent: fn(&str, &str) -> String,
    /// the document's date as written, the deadline as written, its sentence
    pub after_deadline: fn(&str, &str, &str) -> String,
    /// indicator, year, end of the period, the document's date as written
    pub result_before_period_end: fn(&str, i32, &str, &str) -> String,
}

pub fn rules(lang: Lang) -> &'static RuleStrings {
    match lang {
        Lang::Fr => &RULES_FR,
        Lang::En => &RULES_EN,
    }
}

static RULES_FR: RuleStrings = RuleStrings {
    fiche: "fiche",
    budget: "budget",
    table: "tableau",
    row: "ligne",
    total_row: "ligne TOTAL",
    claim: "calcul",
    indicator: "indicateur",
    statement: "chiffre cité",
    state_support: "soutien de l'État",
    reallocation: "réattribution",
    in_table: |title| format!("le tableau « {title} »"),
    under_one_euro: |gap| format!("(écart de {gap} : moins d'un euro, un arrondi ?)"),
    parts_sum: |parts, sum, total| format!("{parts} = {sum}, mais le total indiqué est {total}"),
    executed_lines: |sum, total| {
        format!("Les lignes exécutées totalisent {sum}, mais le total exécuté indiqué est {total}")
    },
    column_total: |column, sum, total| {
        format!("La colonne « {column} » totalise {sum}, mais la ligne TOTAL indique {total}")
    },
    detail_lines: |table, sum, field, stated| {
        format!(
            "Les lignes de « {table} » totalisent {sum}, mais la fiche indique {stated} ({field})"
        )
    },
    lines_without_figure: |count| match count {
        1 => "(une ligne ne donne pas de montant : l'écart peut s'y trouver)".to_string(),
        n => format!("({n} lignes ne donnent pas de montant : l'écart peut s'y trouver)"),
    },
    charges_recettes: |charges, recettes| {
        format!("Budget non équilibré : charges {charges}, recettes {recettes}")
    },
    remaining: |planned, label, other, expected, stated| {
        format!("Solde indiqué {stated}, mais prévu {planned} − {label} {other} = {expected}")
    },
    same_figure: |field, fiche, place, other| {
        format!(
            "{} : {fiche} dans la fiche, mais {other} dans {place}",
            capitalise(field)
        )
    },
    claim_mismatch: |formula, computed, stated| {
        format!("{formula} = {computed}, mais le texte annonce {stated}")
    },
    rounded_parts: |gap, parts| {
        format!("(écart de {gap}, dans la marge d'arrondi de {parts} valeurs arrondies)")
    },
    state_support_mismatch: |sum, stated| {
        format!(
            "Les parts État des fiches totalisent {sum}, mais le soutien de l'État indiqué est {stated}"
        )
    },
    aggregate_mismatch: |scope, field, sum, stated| {
        format!(
            "{} des fiches de {scope} : {sum} au total, mais le document indique {stated}",
            capitalise(field)
        )
    },
    reallocation_sum: |sum, remaining| {
        format!(
            "Les réattributions totalisent {sum}, mais le solde à réattribuer est de {remaining}"
        )
    },
    reallocation_unknown_fiche: |fiche| {
        format!("Crédits réattribués à la fiche {fiche}, qui n'existe pas dans cette convention")
    },
    reallocation_not_mentioned: |to, amount, from| {
        format!("La fiche {to} ne mentionne pas les {amount} reçus de la fiche {from}")
    },
    etat_above_departement: |etat, dep| {
        format!(
            "Part de l'État ({etat}) supérieure à celle du Département ({dep}) : cofinancement non assuré"
        )
    },
    overspend: |label, used, planned, pct| {
        format!(
            "{} {used} pour {planned} prévus ({pct} %) : dépassement",
            capitalise(label)
        )
    },
    underspend: |label, used, planned, pct, threshold| {
        format!(
            "{} {used} pour {planned} prévus ({pct} %, sous le seuil de {threshold} %)",
            capitalise(label)
        )
    },
    text_figure: |field, raw| format!("{} : montant écrit en texte, « {raw} »", capitalise(field)),
    malformed_amount: |field, raw, likely| {
        format!(
            "{} : montant mal écrit, « {raw} » (lecture probable : {likely})",
            capitalise(field)
        )
    },
    indicator_no_value: |name, year| {
        format!("« {name} » : aucune valeur pour {year}, année écoulée")
    },
    indicator_far_from_target: |name, year, result, target, pct| {
        format!("« {name} » en {year} : {result} pour un objectif de {target} ({pct} %)")
    },
    duplicate_fiche: |id, first| {
        format!(
            "Deux fiches portent l'identifiant {id} (la première : « {first} ») : tout ce qui désigne cette fiche va à la première"
        )
    },
    negative_figure: |field, amount| format!("{} négatif : {amount}", capitalise(field)),
    period_reversed: |first, last| {
        format!("Période de {first} à {last} : elle s'achève avant de commencer")
    },
    report_of_years_to_come: |last| {
        format!("Rapport d'exécution d'une période qui s'achève en {last}, année à venir")
    },
    signed_in_future: |signed, year| {
        format!("Signée le « {signed} » : {year} est une année à venir")
    },
    result_to_come: |name, year| format!("« {name} » : un résultat pour {year}, année à venir"),
    convention_scope: "la convention",
    axe_scope: |axe| format!("l'axe {axe}"),
    // Issue 14: audit power on documents revue has never seen.
    amount_beyond_cents: |field, amount, likely| {
        format!(
            "{} : {amount}, plus de deux décimales pour des euros (lecture probable : {likely}, un séparateur de milliers recopié)",
            capitalise(field)
        )
    },
    amount_beyond_cents_unread: |field, amount| {
        format!(
            "{} : {amount}, plus de deux décimales pour des euros",
            capitalise(field)
        )
    },
    planned_text_read_as_shares: |raw, sum| {
        format!("(prévu total écrit « {raw} » : mesuré sur État + Département = {sum})")
    },
    planned_text_read_as_likely: |raw, likely| {
        format!("(prévu total écrit « {raw} » : mesuré sur sa lecture probable, {likely})")
    },
    indicator_text_value: |name, year, text| {
        format!(
            "« {name} » : pas de résultat chiffré pour {year}, année écoulée (le document indique « {text} »)"
        )
    },
    summary_total_against_fiches: |column, total, count, sum| {
        format!(
            "La ligne TOTAL indique {total} (« {column} »), mais les {count} fiches de ses lignes totalisent {sum}"
        )
    },
    uncertain_relation: "(relation supposée par le relecteur, que le document n'établit pas)",
    same_quantity: |what, figure, place, stated| {
        format!(
            "{} : {figure} ({place}), mais {stated} ici",
            capitalise(what)
        )
    },
    figure_outside_bound: |what, figure, place, bound| {
        format!(
            "{} : {figure} ({place}), hors de « {bound} » annoncé ici",
            capitalise(what)
        )
    },
    at_least: |x| format!("au moins {x}"),
    more_than: |x| format!("plus de {x}"),
    at_most: |x| format!("au plus {x}"),
    less_than: |x| format!("moins de {x}"),
    between: |low, high| format!("entre {low} et {high}"),
    unknown_subject: |subject, scope| {
        format!("Un chiffre cité porte sur {subject} de {scope}, qui n'existe pas")
    },
    subtotal_lines: |column, sum, stated| {
        format!(
            "Les lignes de la section totalisent {sum} (« {column} »), mais son sous-total indique {stated}"
        )
    },
    total_against_subtotals: |column, sum, stated| {
        format!("Les sous-totaux font {sum} (« {column} »), mais la ligne TOTAL indique {stated}")
    },
    parts_of_figure: |count, table, sum, field, stated| {
        format!(
            "Les {count} lignes de « {table} » comptées en {field} font {sum}, mais la fiche indique {stated}"
        )
    },
    executed_by_funder_sum: |sum, total| {
        format!("Les parts exécutées par financeur font {sum}, mais l'exécuté indiqué est {total}")
    },
    claim_outside_bound: |formula, computed, bound| {
        format!("{formula} = {computed}, hors de « {bound} » annoncé par le texte")
    },
    scope_does_not_exist: |missing| {
        format!("Ce chiffre cité porte sur {missing}, qui n'existe pas dans ce document")
    },
    row_fiche_does_not_exist: |id| {
        format!("Cette ligne décrit la fiche {id}, qui n'existe pas dans ce document")
    },
    ragged_row: |cells, columns| {
        format!("Ligne de {cells} cellules dans un tableau de {columns} colonnes")
    },
    statement_about_nothing: "Ce chiffre cité ne dit ni de quel montant (field) ni de quoi (about) il s'agit : aucune règle ne peut le vérifier",
    copied_description: |first| {
        format!("Même description que la fiche {first} : un copier-coller ?")
    },
    copied_budget: |first| format!("Même budget que la fiche {first} : un copier-coller ?"),
    etat_above_departement_spent: |etat, dep| {
        format!(
            "Exécuté par l'État ({etat}) supérieur à l'exécuté par le Département ({dep}) : cofinancement non assuré sur la dépense"
        )
    },
    after_deadline: |dated, due, text| {
        format!("Document daté « {dated} », après l'échéance du {due} qu'il indique (« {text} »)")
    },
    result_before_period_end: |name, year, end, dated| {
        format!(
            "« {name} » : un résultat pour {year}, période qui s'achève le {end}, dans un document daté « {dated} »"
        )
    },
};

static RULES_EN: RuleStrings = RuleStrings {
    fiche: "fiche",
    budget: "budget",
    table: "table",
    row: "row",
    total_row: "TOTAL row",
    claim: "calculation",
    indicator: "indicator",
    statement: "stated figure",
    state_support: "State support",
    reallocation: "reallocation",
    in_table: |title| format!("the table “{title}”"),
    under_one_euro: |gap| format!("(gap of {gap}: under one euro, rounding?)"),
    parts_sum: |parts, sum, total| format!("{parts} = {sum}, but the stated total is {total}"),
    executed_lines: |sum, total| {
        format!("Executed lines add up to {sum}, but the stated executed total is {total}")
    },
    column_total: |column, sum, total| {
        format!("Column “{column}” adds up to {sum}, but the TOTAL row says {total}")
    },
    detail_lines: |table, sum, field, stated| {
        format!("Lines of “{table}” add up to {sum}, but the fiche states {stated} ({field})")
    },
    lines_without_figure: |count| match count {
        1 => "(one line gives no amount: the gap may lie there)".to_string(),
        n => format!("({n} lines give no amount: the gap may lie there)"),
    },
    charges_recettes: |charges, recettes| {
        format!("Unbalanced budget: expenses {charges}, income {recettes}")
    },
    remaining: |planned, label, other, expected, stated| {
        format!("Stated remaining {stated}, but planned {planned} − {label} {other} = {expected}")
    },
    same_figure: |field, fiche, place, other| {
        format!(
            "{}: {fiche} in the fiche but {other} in {place}",
            capitalise(field)
        )
    },
    claim_mismatch: |formula, computed, stated| {
        format!("{formula} = {computed}, but the text states {stated}")
    },
    rounded_parts: |gap, parts| {
        format!("(gap of {gap}, within the rounding of {parts} rounded values)")
    },
    state_support_mismatch: |sum, stated| {
        format!(
            "The fiches' State shares add up to {sum}, but the stated State support is {stated}"
        )
    },
    aggregate_mismatch: |scope, field, sum, stated| {
        format!(
            "{} of the fiches of {scope}: {sum} in all, but the document states {stated}",
            capitalise(field)
        )
    },
    reallocation_sum: |sum, remaining| {
        format!("Reallocations add up to {sum}, but the remaining credit is {remaining}")
    },
    reallocation_unknown_fiche: |fiche| {
        format!("Credit reallocated to fiche {fiche}, which this convention does not have")
    },
    reallocation_not_mentioned: |to, amount, from| {
        format!("Fiche {to} does not mention the {amount} received from fiche {from}")
    },
    etat_above_departement: |etat, dep| {
        format!("State share ({etat}) above the Department's ({dep}): co-financing not matched")
    },
    overspend: |label, used, planned, pct| {
        format!(
            "{} {used} against {planned} planned ({pct}%): overspend",
            capitalise(label)
        )
    },
    underspend: |label, used, planned, pct, threshold| {
        format!(
            "{} {used} against {planned} planned ({pct}%, below the {threshold}% threshold)",
            capitalise(label)
        )
    },
    text_figure: |field, raw| format!("{}: amount written as text, “{raw}”", capitalise(field)),
    malformed_amount: |field, raw, likely| {
        format!(
            "{}: malformed amount, “{raw}” (likely reading: {likely})",
            capitalise(field)
        )
    },
    indicator_no_value: |name, year| {
        format!("“{name}”: no value for {year}, a year that has passed")
    },
    indicator_far_from_target: |name, year, result, target, pct| {
        format!("“{name}” in {year}: {result} against a target of {target} ({pct}%)")
    },
    duplicate_fiche: |id, first| {
        format!(
            "Two fiches have the id {id} (the first: “{first}”): everything naming this fiche goes to the first"
        )
    },
    negative_figure: |field, amount| format!("Negative {field}: {amount}"),
    period_reversed: |first, last| {
        format!("Period from {first} to {last}: it ends before it starts")
    },
    report_of_years_to_come: |last| {
        format!("Execution report on a period ending in {last}, a year still to come")
    },
    signed_in_future: |signed, year| format!("Signed “{signed}”: {year} is a year still to come"),
    result_to_come: |name, year| format!("“{name}”: a result for {year}, a year still to come"),
    convention_scope: "the convention",
    axe_scope: |axe| format!("axe {axe}"),
    // Issue 14: audit power on documents revue has never seen.
    amount_beyond_cents: |field, amount, likely| {
        format!(
            "{}: {amount}, more than two decimals for euros (likely reading: {likely}, a thousands separator copied)",
            capitalise(field)
        )
    },
    amount_beyond_cents_unread: |field, amount| {
        format!(
            "{}: {amount}, more than two decimals for euros",
            capitalise(field)
        )
    },
    planned_text_read_as_shares: |raw, sum| {
        format!("(planned total written “{raw}”: measured against State + Department = {sum})")
    },
    planned_text_read_as_likely: |raw, likely| {
        format!("(planned total written “{raw}”: measured against its likely reading, {likely})")
    },
    indicator_text_value: |name, year, text| {
        format!(
            "“{name}”: no figure for {year}, a year that has passed (the document says “{text}”)"
        )
    },
    summary_total_against_fiches: |column, total, count, sum| {
        format!(
            "The TOTAL row says {total} (“{column}”), but the {count} fiches of its rows add up to {sum}"
        )
    },
    uncertain_relation: "(a relation the reviewer assumes, which the document does not establish)",
    same_quantity: |what, figure, place, stated| {
        format!(
            "{}: {figure} ({place}), but {stated} here",
            capitalise(what)
        )
    },
    figure_outside_bound: |what, figure, place, bound| {
        format!(
            "{}: {figure} ({place}), outside the “{bound}” stated here",
            capitalise(what)
        )
    },
    at_least: |x| format!("at least {x}"),
    more_than: |x| format!("more than {x}"),
    at_most: |x| format!("at most {x}"),
    less_than: |x| format!("less than {x}"),
    between: |low, high| format!("between {low} and {high}"),
    unknown_subject: |subject, scope| {
        format!("A stated figure is about {subject} of {scope}, which does not exist")
    },
    subtotal_lines: |column, sum, stated| {
        format!("The section's lines add up to {sum} (“{column}”), but its subtotal says {stated}")
    },
    total_against_subtotals: |column, sum, stated| {
        format!("The subtotals make {sum} (“{column}”), but the TOTAL row says {stated}")
    },
    parts_of_figure: |count, table, sum, field, stated| {
        format!(
            "The {count} lines of “{table}” counted as {field} make {sum}, but the fiche states {stated}"
        )
    },
    executed_by_funder_sum: |sum, total| {
        format!("Executed shares by funder make {sum}, but the stated executed total is {total}")
    },
    claim_outside_bound: |formula, computed, bound| {
        format!("{formula} = {computed}, outside the “{bound}” the text states")
    },
    scope_does_not_exist: |missing| {
        format!("This stated figure is about {missing}, which this document does not have")
    },
    row_fiche_does_not_exist: |id| {
        format!("This row describes fiche {id}, which this document does not have")
    },
    ragged_row: |cells, columns| format!("Row of {cells} cells in a table of {columns} columns"),
    statement_about_nothing: "This stated figure says neither which amount (field) nor what (about) it is: no rule can check it",
    copied_description: |first| format!("Same description as fiche {first}: a copy-paste?"),
    copied_budget: |first| format!("Same budget as fiche {first}: a copy-paste?"),
    etat_above_departement_spent: |etat, dep| {
        format!(
            "State spent ({etat}) above the Department's ({dep}): co-financing not matched on spending"
        )
    },
    after_deadline: |dated, due, text| {
        format!("Document dated “{dated}”, after the deadline of {due} it states (“{text}”)")
    },
    result_before_period_end: |name, year, end, dated| {
        format!(
            "“{name}”: a result for {year}, a period ending on {end}, in a document dated “{dated}”"
        )
    },
};

/// Labels of the `check` report.
pub struct CheckStrings {
    pub fiche_heading: &'static str,
    pub convention_heading: &'static str,
    pub error_label: &'static str,
    pub warning_label: &'static str,
    pub nothing_found: &'static str,
    /// errors, warnings, conventions
    pub totals: fn(usize, usize, usize) -> String,
}

pub fn check(lang: Lang) -> &'static CheckStrings {
    match lang {
        Lang::Fr => &CHECK_FR,
        Lang::En => &CHECK_EN,
    }
}

fn plural_fr(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

fn plural_en(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

static CHECK_FR: CheckStrings = CheckStrings {
    fiche_heading: "Fiche",
    convention_heading: "Convention",
    error_label: "✗ erreur",
    warning_label: "! avertissement",
    nothing_found: "aucune anomalie",
    totals: |errors, warnings, conventions| {
        format!(
            "{}, {} dans {}",
            plural_fr(errors, "erreur", "erreurs"),
            plural_fr(warnings, "avertissement", "avertissements"),
            plural_fr(conventions, "convention", "conventions")
        )
    },
};

static CHECK_EN: CheckStrings = CheckStrings {
    fiche_heading: "Fiche",
    convention_heading: "Convention",
    error_label: "✗ error",
    warning_label: "! warning",
    nothing_found: "no finding",
    totals: |errors, warnings, conventions| {
        format!(
            "{}, {} in {}",
            plural_en(errors, "error", "errors"),
            plural_en(warnings, "warning", "warnings"),
            plural_en(conventions, "convention", "conventions")
        )
    },
};

/// Everything the interactive app shows that does not come from the files.
pub struct UiStrings {
    pub tab_names: [&'static str; 5],
    pub tab_short_names: [&'static str; 5],
    pub axes_columns: [&'static str; 4],
    pub budget_columns: [&'static str; 7],
    pub anomaly_columns: [&'static str; 5],
    pub indicator_fixed_columns: [&'static str; 3],
    pub grand_total: &'static str,
    pub convention_level: &'static str,
    pub no_document: &'static str,
    pub unreadable_files: fn(usize) -> String,
    pub help_title: &'static str,
    pub picker_title: &'static str,
    pub sort_label: &'static str,
    pub filter_label: &'static str,
    pub search_title: &'static str,
    /// (results, capped at the palette's limit, how many far below the best)
    pub search_count: fn(usize, bool, usize) -> String,
    // Issue 17 / issue 19 item 9 (search every text, index built in steps).
    /// What each kind of result is (`search::Kind`, in its order; `search::KINDS` of them).
    pub search_kinds: [&'static str; 14],
    /// The palette's title while the index is being built: the search runs when it is done.
    pub search_indexing: &'static str,
    /// What Enter does on the result selected: the tab it shows it in.
    pub search_accept_to: fn(&str) -> String,
    pub sort_names: [&'static str; 3],
    pub budget_view_fiches: &'static str,
    /// What ←/→ do on the Budgets tab (the keys in force are put before it).
    pub budget_views_hint: &'static str,
    pub fiche_in_table: &'static str,
    pub target: &'static str,
    pub baseline: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub no_finding_here: &'static str,
    pub findings_heading: &'static str,
    pub section_description: &'static str,
    pub section_objective: &'static str,
    pub section_area: &'static str,
    pub section_start: &'static str,
    pub section_duration: &'static str,
    pub section_partners: &'static str,
    pub section_budget: &'static str,
    pub section_indicators: &'static str,
    pub section_assessment: &'static str,
    pub section_positives: &'static str,
    pub section_improvements: &'static str,
    pub section_perspectives: &'static str,
    pub section_claims: &'static str,
    pub measure: &'static str,
    pub scope: &'static str,
    pub status: &'static str,
    pub source: &'static str,
    pub planned: &'static str,
    pub reallocated_to: &'static str,
    pub table_total_row: &'static str,
    pub action_help: fn(crate::keys::Action) -> &'static str,
    pub nothing_to_edit: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub nothing_to_save: &'static str,
    /// (why, the key that cancels)
    pub amount_refused: fn(&str, &str) -> String,
    pub journal_failed: fn(&str) -> String,
    pub saved: fn(&str) -> String,
    pub save_failed: fn(&str) -> String,
    pub reloaded: fn(&str) -> String,
    pub changed_on_disk: fn(&str) -> String,
    /// (the key that saves)
    pub recovered: fn(&str) -> String,
    pub modified: &'static str,
    pub editor_title: &'static str,
    pub dialog_quit: &'static str,
    pub dialog_format_loss: fn(&str) -> String,
    pub dialog_conflict: fn(&str) -> String,
    pub dialog_recover: fn(&str) -> String,
    pub field_names: fn(crate::model::Field) -> String,
    // Sessions, reloads and pastes (issue 13).
    pub read_only: fn(&str) -> String,
    pub held_by: fn(&str, u32) -> String,
    pub dialog_already_open: fn(&str) -> String,
    pub editor_target_gone: fn(&str, Option<&str>) -> String,
    pub editor_field_gone: fn(Option<&str>) -> String,
    /// (the value now, the key that confirms, the key that cancels)
    pub editor_field_changed: fn(&str, &str, &str) -> String,
    pub recovery_deferred: &'static str,
    /// (path, the key that saves)
    pub file_missing: fn(&str, &str) -> String,
    /// (the keys that edit, search, filter)
    pub paste_ignored: fn(&str, &str, &str) -> String,
    /// (what, the key that undoes)
    pub dialog_remove_item: fn(&str, &str) -> String,
    pub dialog_missing: fn(&str) -> String,
    pub find_label: &'static str,
    /// (words, how many lines hold them, the keys to the next / previous)
    pub found: fn(&str, usize, &str) -> String,
    pub dialog_read_only_file: fn(&str) -> String,
}

pub fn ui(lang: Lang) -> &'static UiStrings {
    match lang {
        Lang::Fr => &UI_FR,
        Lang::En => &UI_EN,
    }
}

pub fn status_name(lang: Lang, status: crate::model::FicheStatus) -> &'static str {
    use crate::model::FicheStatus as S;
    match (lang, status) {
        (Lang::Fr, S::Nouvelle) => "action nouvelle",
        (Lang::Fr, S::Renforcee) => "action renforcée",
        (Lang::Fr, S::Existante) => "action existante",
        (Lang::En, S::Nouvelle) => "new action",
        (Lang::En, S::Renforcee) => "reinforced action",
        (Lang::En, S::Existante) => "existing action",
    }
}

static UI_FR: UiStrings = UiStrings {
    tab_names: ["Axes", "Fiches", "Budgets", "Indicateurs", "Anomalies"],
    tab_short_names: ["Axes", "Fich.", "Budg.", "Indic.", "Anom."],
    axes_columns: ["Axe / fiche", "Prévu", "Exécuté", "Solde"],
    budget_columns: [
        "Fiche",
        "État",
        "Département",
        "Prévu",
        "Engagé",
        "Exécuté",
        "Solde",
    ],
    anomaly_columns: ["Sév.", "Conv.", "Fiche", "Règle", "Message"],
    indicator_fixed_columns: ["Fiche", "Indicateur", "Base"],
    grand_total: "Total des fiches",
    convention_level: "convention",
    no_document: "Aucune convention chargée.",
    unreadable_files: |n| {
        if n == 1 {
            "1 fichier illisible".to_string()
        } else {
            format!("{n} fichiers illisibles")
        }
    },
    help_title: "Aide — touches",
    picker_title: "Conventions",
    sort_label: "tri",
    filter_label: "filtre",
    nothing_to_edit: "Rien à modifier ici : choisissez une fiche ou une ligne de tableau.",
    nothing_to_undo: "Rien à annuler.",
    nothing_to_redo: "Rien à rétablir.",
    nothing_to_save: "Aucune modification à enregistrer.",
    amount_refused: |typed, cancel| {
        format!(
            "« {typed} » n'est pas un montant : écrivez par exemple 1 207 650,75 ou 1207650.75, deux décimales au plus ({cancel} pour annuler)"
        )
    },
    journal_failed: |why| format!("Journal de secours impossible à écrire : {why}"),
    saved: |path| format!("Enregistré : {path}"),
    save_failed: |why| format!("Échec de l'enregistrement : {why}"),
    reloaded: |path| format!("Rechargé depuis le disque : {path}"),
    changed_on_disk: |path| {
        format!("{path} a changé sur le disque ; l'enregistrement vous demandera quoi faire")
    },
    recovered: |save| {
        format!("Modifications non enregistrées restaurées : {save} pour les enregistrer.")
    },
    modified: "modifié",
    editor_title: "Modifier",
    dialog_quit: "Des modifications ne sont pas enregistrées.",
    dialog_format_loss: |path| {
        format!(
            "{path} n'est pas sous forme canonique : l'enregistrer le réécrira (commentaires et mise en forme perdus, les données restent)."
        )
    },
    dialog_conflict: |path| format!("{path} a changé sur le disque depuis son chargement."),
    dialog_recover: |paths| {
        format!("Des modifications non enregistrées ont survécu à un arrêt brutal :\n{paths}")
    },
    field_names: |field| editor_field_name(Lang::Fr, field),
    read_only: |path| {
        format!(
            "Lecture seule : {path} est ouvert dans une autre session revue ; rien n'y sera modifié ni enregistré."
        )
    },
    held_by: |path, pid| format!("  {path} (processus {pid})"),
    dialog_already_open: |paths| {
        format!(
            "Ces fichiers sont déjà ouverts en modification par une autre session revue :\n{paths}"
        )
    },
    editor_target_gone: |name, typed| match typed {
        Some(typed) => format!(
            "« {name} » n'existe plus dans le fichier rechargé : l'éditeur est fermé.\nVotre saisie n'a été appliquée nulle part ; la voici, pour la reporter :\n\n{typed}"
        ),
        None => format!("« {name} » n'existe plus dans le fichier rechargé : l'éditeur est fermé."),
    },
    editor_field_gone: |typed| match typed {
        Some(typed) => format!(
            "Le champ en cours de saisie n'existe plus dans le fichier rechargé.\nVotre saisie n'a été appliquée nulle part ; la voici, pour la reporter :\n\n{typed}"
        ),
        None => "Le champ en cours de saisie n'existe plus dans le fichier rechargé.".to_string(),
    },
    editor_field_changed: |now, confirm, cancel| {
        format!(
            "Ce champ a changé sur le disque pendant la saisie (il vaut maintenant « {now} ») : {confirm} le remplace par votre saisie, {cancel} annule."
        )
    },
    recovery_deferred: "Récupération reportée : les modifications restent dans le journal et seront proposées au prochain démarrage.",
    file_missing: |path, save| {
        format!("{path} a été supprimé ou renommé sur le disque ; {save} l'écrira de nouveau.")
    },
    paste_ignored: |edit, search, filter| {
        format!(
            "Collage ignoré : ouvrez d'abord un champ ({edit}), la recherche ({search}) ou le filtre ({filter})."
        )
    },
    dialog_remove_item: |what, undo| {
        format!("Supprimer {what} ? Les chiffres qu'il porte disparaissent ({undo} les rétablit).")
    },
    find_label: "chercher dans la fiche",
    found: |words, n, keys| match n {
        0 => format!("« {words} » : aucune occurrence"),
        1 => format!("« {words} » : 1 occurrence · {keys}"),
        n => format!("« {words} » : {n} occurrences · {keys}"),
    },
    dialog_missing: |path| format!("{}.", (storage(Lang::Fr).missing_on_disk)(path)),
    dialog_read_only_file: |path| (storage(Lang::Fr).read_only_question)(path),
    search_title: "Rechercher",
    search_count: |n, capped, weak| {
        let mut text = match (n, capped) {
            (0, _) => "aucun résultat".to_string(),
            (1, _) => "1 résultat".to_string(),
            (n, false) => format!("{n} résultats"),
            (n, true) => format!("les {n} premiers résultats"),
        };
        if weak > 0 {
            text.push_str(&format!(" dont {weak} lointains, en grisé"));
        }
        text
    },
    search_kinds: [
        "fiche",
        "texte",
        "partenaire",
        "budget",
        "indicateur",
        "tableau",
        "anomalie",
        // Issue 19 item 9: every text of a fiche and of the convention.
        "objectif",
        "bilan",
        "section",
        "synthèse",
        "énoncé",
        "calcul",
        "convention",
    ],
    // Issue 17: the index is built in steps after the first frame.
    search_indexing: "index en cours…",
    search_accept_to: |tab| format!("aller dans {tab}"),
    sort_names: ["sévérité", "convention", "fiche"],
    budget_view_fiches: "Budgets des fiches",
    budget_views_hint: "colonnes, autres tableaux",
    fiche_in_table: "fiche",
    target: "cible",
    baseline: "base",
    error: "erreur",
    warning: "avertissement",
    no_finding_here: "",
    findings_heading: "Anomalies",
    section_description: "Description",
    section_objective: "Objectif",
    section_area: "Secteur géographique",
    section_start: "Date de mise en place",
    section_duration: "Durée",
    section_partners: "Partenaires et co-financeurs",
    section_budget: "Budget",
    section_indicators: "Indicateurs",
    section_assessment: "Bilan d'exécution",
    section_positives: "Points positifs",
    section_improvements: "Points à améliorer",
    section_perspectives: "Perspectives",
    section_claims: "Calculs cités",
    measure: "Mesure",
    scope: "Périmètre",
    status: "Statut",
    source: "Source",
    planned: "Prévu",
    reallocated_to: "réattribué à",
    table_total_row: "TOTAL",
    action_help: |action| {
        use crate::keys::{Action as A, Tab};
        match action {
            A::Quit => "quitter",
            A::Up => "ligne précédente",
            A::Down => "ligne suivante",
            A::PageUp => "page précédente",
            A::PageDown => "page suivante",
            A::Home => "début",
            A::End => "fin",
            A::Left => "colonnes à gauche, puis replier l'axe / tableau précédent",
            A::Right => "colonnes à droite, puis déplier l'axe / tableau suivant",
            A::NextTab => "onglet suivant",
            A::PrevTab => "onglet précédent",
            A::GoTo(Tab::Axes) => "onglet Axes",
            A::GoTo(Tab::Fiches) => "onglet Fiches",
            A::GoTo(Tab::Budgets) => "onglet Budgets",
            A::GoTo(Tab::Indicators) => "onglet Indicateurs",
            A::GoTo(Tab::Anomalies) => "onglet Anomalies",
            A::Enter => "ouvrir / aller à l'anomalie",
            A::Back => "fermer / revenir",
            A::Help => "cette aide",
            A::PickConvention => "choisir la convention",
            A::NextConvention => "convention suivante",
            A::PrevConvention => "convention précédente",
            A::CycleSort => "changer le tri (Anomalies)",
            A::Search => "rechercher partout",
            A::Edit => "modifier la fiche ou la ligne",
            A::Save => "enregistrer",
            A::Undo => "annuler la modification",
            A::Redo => "rétablir",
            A::Filter => "filtrer la liste",
            A::DetailUp => "remonter le détail",
            A::DetailDown => "descendre le détail",
            A::NextSection => "section suivante",
            A::PrevSection => "section précédente",
            A::FindInFiche => "chercher dans la fiche",
            A::NextMatch => "occurrence suivante",
            A::PrevMatch => "occurrence précédente",
            // Issue 15: the review.
            A::Disposition => "disposition de l'anomalie / statut de la fiche",
            A::Note => "note de l'anomalie ou de la fiche",
            A::OpenSource => "ouvrir le document source à la ligne",
            A::Report => "écrire le rapport (HTML)",
            A::ReviewFilter => "filtre : ouvertes, règle, fiche (Anomalies)",
            // Issue 16: structure.
            A::AddAfter => {
                "ajouter après la sélection : fiche, ligne de tableau, indicateur, énoncé"
            }
            A::AddOuter => "ajouter un axe · une colonne · une année (Indicateurs) · un calcul",
            A::Remove => "supprimer la sélection (demande si elle porte des chiffres)",
            A::MoveUp => "monter la sélection (une fiche passe à l'axe précédent)",
            A::MoveDown => "descendre la sélection (une fiche passe à l'axe suivant)",
            A::Rename => "renommer la sélection",
            A::AddTable => "ajouter un tableau (Budgets)",
            A::RemoveTable => "supprimer le tableau affiché (Budgets)",
            A::ConfirmFiche => "confirmer les chiffres importés de la fiche (brouillon ◌)",
        }
    },
};

static UI_EN: UiStrings = UiStrings {
    tab_names: ["Axes", "Fiches", "Budgets", "Indicators", "Findings"],
    tab_short_names: ["Axes", "Fich.", "Budg.", "Ind.", "Find."],
    axes_columns: ["Axe / fiche", "Planned", "Executed", "Remaining"],
    budget_columns: [
        "Fiche",
        "State",
        "Department",
        "Planned",
        "Committed",
        "Executed",
        "Remaining",
    ],
    anomaly_columns: ["Sev.", "Conv.", "Fiche", "Rule", "Message"],
    indicator_fixed_columns: ["Fiche", "Indicator", "Baseline"],
    grand_total: "All fiches",
    convention_level: "convention",
    no_document: "No convention loaded.",
    unreadable_files: |n| {
        if n == 1 {
            "1 unreadable file".to_string()
        } else {
            format!("{n} unreadable files")
        }
    },
    help_title: "Help — keys",
    picker_title: "Conventions",
    sort_label: "sort",
    filter_label: "filter",
    nothing_to_edit: "Nothing to edit here: pick a fiche or a table row.",
    nothing_to_undo: "Nothing to undo.",
    nothing_to_redo: "Nothing to redo.",
    nothing_to_save: "No change to save.",
    amount_refused: |typed, cancel| {
        format!(
            "“{typed}” is not an amount: write e.g. 1,207,650.75 or 1207650.75, two decimals at most ({cancel} to cancel)"
        )
    },
    journal_failed: |why| format!("Could not write the recovery journal: {why}"),
    saved: |path| format!("Saved: {path}"),
    save_failed: |why| format!("Save failed: {why}"),
    reloaded: |path| format!("Reloaded from disk: {path}"),
    changed_on_disk: |path| format!("{path} changed on disk; saving will ask what to do"),
    recovered: |save| format!("Unsaved edits restored: {save} to save them."),
    modified: "modified",
    editor_title: "Edit",
    dialog_quit: "Some edits are not saved.",
    dialog_format_loss: |path| {
        format!(
            "{path} is not in canonical form: saving rewrites it (comments and layout lost, the data stays)."
        )
    },
    dialog_conflict: |path| format!("{path} changed on disk since it was loaded."),
    dialog_recover: |paths| format!("Unsaved edits survived a crash:\n{paths}"),
    field_names: |field| editor_field_name(Lang::En, field),
    read_only: |path| {
        format!(
            "Read-only: {path} is open in another revue session; nothing in it will be changed or saved."
        )
    },
    held_by: |path, pid| format!("  {path} (process {pid})"),
    dialog_already_open: |paths| {
        format!("These files are already open for editing in another revue session:\n{paths}")
    },
    editor_target_gone: |name, typed| match typed {
        Some(typed) => format!(
            "\u{201c}{name}\u{201d} is no longer in the reloaded file: the editor is closed.\nWhat you typed was applied nowhere; here it is, to enter again:\n\n{typed}"
        ),
        None => format!(
            "\u{201c}{name}\u{201d} is no longer in the reloaded file: the editor is closed."
        ),
    },
    editor_field_gone: |typed| match typed {
        Some(typed) => format!(
            "The field being typed is no longer in the reloaded file.\nWhat you typed was applied nowhere; here it is, to enter again:\n\n{typed}"
        ),
        None => "The field being typed is no longer in the reloaded file.".to_string(),
    },
    editor_field_changed: |now, confirm, cancel| {
        format!(
            "This field changed on disk while you typed (it is now \u{201c}{now}\u{201d}): {confirm} replaces it with what you typed, {cancel} cancels."
        )
    },
    recovery_deferred: "Recovery postponed: the edits stay in the journal and will be offered at the next start.",
    file_missing: |path, save| {
        format!("{path} was deleted or renamed on disk; {save} will write it again.")
    },
    paste_ignored: |edit, search, filter| {
        format!(
            "Paste ignored: open a field ({edit}), the search ({search}) or the filter ({filter}) first."
        )
    },
    dialog_remove_item: |what, undo| {
        format!("Remove {what}? The figures it holds go with it ({undo} brings them back).")
    },
    find_label: "find in the fiche",
    found: |words, n, keys| match n {
        0 => format!("\u{201c}{words}\u{201d}: not found"),
        1 => format!("\u{201c}{words}\u{201d}: 1 match · {keys}"),
        n => format!("\u{201c}{words}\u{201d}: {n} matches · {keys}"),
    },
    dialog_missing: |path| format!("{}.", (storage(Lang::En).missing_on_disk)(path)),
    dialog_read_only_file: |path| (storage(Lang::En).read_only_question)(path),
    search_title: "Search",
    search_count: |n, capped, weak| {
        let mut text = match (n, capped) {
            (0, _) => "no result".to_string(),
            (1, _) => "1 result".to_string(),
            (n, false) => format!("{n} results"),
            (n, true) => format!("the first {n} results"),
        };
        if weak > 0 {
            text.push_str(&format!(", {weak} of them distant, greyed"));
        }
        text
    },
    search_kinds: [
        "fiche",
        "text",
        "partner",
        "budget",
        "indicator",
        "table",
        "finding",
        // Issue 19 item 9: every text of a fiche and of the convention.
        "objective",
        "assessment",
        "section",
        "synthesis",
        "statement",
        "arithmetic",
        "convention",
    ],
    // Issue 17: the index is built in steps after the first frame.
    search_indexing: "indexing…",
    search_accept_to: |tab| format!("go to {tab}"),
    sort_names: ["severity", "convention", "fiche"],
    budget_view_fiches: "Fiche budgets",
    budget_views_hint: "columns, other tables",
    fiche_in_table: "fiche",
    target: "target",
    baseline: "baseline",
    error: "error",
    warning: "warning",
    no_finding_here: "",
    findings_heading: "Findings",
    section_description: "Description",
    section_objective: "Objective",
    section_area: "Area",
    section_start: "Start",
    section_duration: "Duration",
    section_partners: "Partners and co-funders",
    section_budget: "Budget",
    section_indicators: "Indicators",
    section_assessment: "Assessment",
    section_positives: "Strengths",
    section_improvements: "To improve",
    section_perspectives: "Outlook",
    section_claims: "Stated calculations",
    measure: "Measure",
    scope: "Scope",
    status: "Status",
    source: "Source",
    planned: "Planned",
    reallocated_to: "reallocated to",
    table_total_row: "TOTAL",
    action_help: |action| {
        use crate::keys::{Action as A, Tab};
        match action {
            A::Quit => "quit",
            A::Up => "previous row",
            A::Down => "next row",
            A::PageUp => "previous page",
            A::PageDown => "next page",
            A::Home => "first",
            A::End => "last",
            A::Left => "columns left, then collapse axe / previous table",
            A::Right => "columns right, then expand axe / next table",
            A::NextTab => "next tab",
            A::PrevTab => "previous tab",
            A::GoTo(Tab::Axes) => "Axes tab",
            A::GoTo(Tab::Fiches) => "Fiches tab",
            A::GoTo(Tab::Budgets) => "Budgets tab",
            A::GoTo(Tab::Indicators) => "Indicators tab",
            A::GoTo(Tab::Anomalies) => "Findings tab",
            A::Enter => "open / go to finding",
            A::Back => "close / go back",
            A::Help => "this help",
            A::PickConvention => "pick the convention",
            A::NextConvention => "next convention",
            A::PrevConvention => "previous convention",
            A::CycleSort => "change sort (Findings)",
            A::Search => "search everything",
            A::Edit => "edit the fiche or row",
            A::Save => "save",
            A::Undo => "undo",
            A::Redo => "redo",
            A::Filter => "filter the list",
            A::DetailUp => "scroll detail up",
            A::DetailDown => "scroll detail down",
            A::NextSection => "next section",
            A::PrevSection => "previous section",
            A::FindInFiche => "find in the fiche",
            A::NextMatch => "next match",
            A::PrevMatch => "previous match",
            // Issue 15: the review.
            A::Disposition => "finding's disposition / fiche's status",
            A::Note => "note on the finding or the fiche",
            A::OpenSource => "open the source document at the line",
            A::Report => "write the report (HTML)",
            A::ReviewFilter => "filter: open, rule, fiche (Findings)",
            // Issue 16: structure.
            A::AddAfter => "add after the selection: fiche, table row, indicator, statement",
            A::AddOuter => "add an axe · a column · a year (Indicators) · a calculation",
            A::Remove => "remove the selection (asks when it holds figures)",
            A::MoveUp => "move the selection up (a fiche goes to the previous axe)",
            A::MoveDown => "move the selection down (a fiche goes to the next axe)",
            A::Rename => "rename the selection",
            A::AddTable => "add a table (Budgets)",
            A::RemoveTable => "remove the table shown (Budgets)",
            A::ConfirmFiche => "confirm the fiche's imported figures (draft ◌)",
        }
    },
};

// Issue 18: one keymap for every mode. Key names in the user's language, what each binding
// does, the hints and dialog answers built from the bindings in force, editor field names.

/// A key as the user's keyboard and language name it: `Ctrl-S`, `Entrée`, `Maj-Tab`, `g`.
pub fn key_label(lang: Lang, key: &Key) -> String {
    use crossterm::event::{KeyCode, KeyModifiers};
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        out.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    if key.modifiers.contains(KeyModifiers::SHIFT) {
        out.push_str(if fr { "Maj-" } else { "Shift-" });
    }
    let named = |fr_name: &str, en_name: &str| if fr { fr_name } else { en_name }.to_string();
    let code = match key.code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => named("PgPréc", "PgUp"),
        KeyCode::PageDown => named("PgSuiv", "PgDn"),
        KeyCode::Home => named("Début", "Home"),
        KeyCode::End => named("Fin", "End"),
        KeyCode::Enter => named("Entrée", "Enter"),
        KeyCode::Esc => named("Échap", "Esc"),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => named("Maj-Tab", "Shift-Tab"),
        KeyCode::Delete => named("Suppr", "Del"),
        KeyCode::Backspace => named("Retour arrière", "Backspace"),
        KeyCode::Insert => named("Inser", "Ins"),
        KeyCode::Char(' ') => named("Espace", "Space"),
        // With Ctrl a letter is written in capitals, as keyboards and menus do.
        KeyCode::Char(c) if ctrl => c.to_uppercase().collect(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    out.push_str(&code);
    out
}

/// `Entrée : aller` / `Enter: go`.
pub fn key_hint(lang: Lang, keys: &str, what: &str) -> String {
    labelled(lang, keys, what)
}

/// `Mesure : valeur` in French, `Measure: value` in English. Where the text wraps, the space
/// before the colon becomes a no-break one ([`crate::text::keep_together`]).
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::Fr => format!("{label} : {value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// `« texte »` in French, `“text”` in English.
pub fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        Lang::En => format!("\u{201c}{text}\u{201d}"),
    }
}

/// What the bindings of each mode do, for `?` and the hints.
pub struct KeyStrings {
    /// The headings of `?`, one per mode.
    pub mode_name: fn(Mode) -> &'static str,
    pub line_action: fn(Mode, LineAction) -> &'static str,
    pub field_list_action: fn(FieldListAction) -> &'static str,
    pub typing_action: fn(TypingAction) -> &'static str,
    pub dialog_action: fn(DialogAction) -> &'static str,
    pub help_action: fn(HelpAction) -> &'static str,
    /// The label of an answer in a question's hint; empty: the answer is not shown (another
    /// one shows the same choice).
    pub answer: fn(DialogKind, DialogAction) -> &'static str,
    /// The status bar's reminder: these actions, with their keys.
    pub status_hint: [(Action, &'static str); 3],
    /// In a text of several lines the key that confirms a line makes a new one.
    pub new_line: &'static str,
    pub choose: &'static str,
    /// `?`'s bottom line: (keys that close it) → text.
    pub help_close: fn(&str) -> String,
    /// One key written twice in a mode of the config file (`"ctrl-s"`, `"Ctrl-s"`).
    pub key_bound_twice: fn(&str, &str, &str) -> String,
    /// A plain character bound in a mode where it is typed.
    pub key_is_text: fn(&str, &str, &str) -> String,
    /// Every key that left a mode was bound elsewhere: one given back.
    pub exit_kept: fn(&str, &str, &str) -> String,
}

pub fn keys(lang: Lang) -> &'static KeyStrings {
    match lang {
        Lang::Fr => &KEYS_FR,
        Lang::En => &KEYS_EN,
    }
}

static KEYS_FR: KeyStrings = KeyStrings {
    mode_name: |mode| match mode {
        Mode::Normal => "Onglets",
        Mode::Palette => "Recherche",
        Mode::Filter => "Filtre et recherche dans la fiche",
        Mode::Note => "Note",
        Mode::FieldList => "Éditeur : liste des champs",
        Mode::Typing => "Éditeur : saisie",
        Mode::Dialog => "Questions",
        Mode::Help => "Cette aide",
    },
    line_action: |mode, action| match (mode, action) {
        (Mode::Palette, LineAction::Accept) => "aller",
        (Mode::Note, LineAction::Accept) => "enregistrer la note",
        (_, LineAction::Accept) => "garder",
        (Mode::Palette, LineAction::Close) => "fermer",
        (Mode::Note, LineAction::Close) => "abandonner la note",
        (_, LineAction::Close) => "effacer et fermer",
        (Mode::Palette, LineAction::Up) => "résultat précédent",
        (Mode::Palette, LineAction::Down) => "résultat suivant",
        (_, LineAction::Up) => "garder, ligne précédente",
        (_, LineAction::Down) => "garder, ligne suivante",
        (_, LineAction::PageUp) => "page précédente",
        (_, LineAction::PageDown) => "page suivante",
        (_, LineAction::Clear) => "vider la ligne",
    },
    field_list_action: |action| match action {
        FieldListAction::Up => "champ précédent",
        FieldListAction::Down => "champ suivant",
        FieldListAction::PageUp => "page précédente",
        FieldListAction::PageDown => "page suivante",
        FieldListAction::Home => "premier champ",
        FieldListAction::End => "dernier champ",
        FieldListAction::Edit => "modifier",
        FieldListAction::Add => "ajouter",
        FieldListAction::Remove => "supprimer",
        FieldListAction::Close => "fermer",
    },
    typing_action: |action| match action {
        TypingAction::Confirm => "valider",
        TypingAction::ConfirmAny => "valider (aussi sur plusieurs lignes)",
        TypingAction::Clear => "vider le champ",
        TypingAction::Previous => "choix précédent",
        TypingAction::Next => "choix suivant",
        TypingAction::Cancel => "annuler",
    },
    dialog_action: |action| match action {
        DialogAction::Yes => "oui : écraser, supprimer, modifier quand même",
        DialogAction::Ok => "d'accord",
        DialogAction::Save => "enregistrer (et quitter) / écrire de nouveau",
        DialogAction::Discard => "abandonner les modifications",
        DialogAction::Reload => "recharger / restaurer",
        DialogAction::Copy => "enregistrer une copie",
        DialogAction::ReadOnly => "lecture seule",
        DialogAction::Quit => "quitter",
        DialogAction::Cancel => "non : rester, garder, plus tard",
    },
    help_action: |action| match action {
        HelpAction::Up => "ligne précédente",
        HelpAction::Down => "ligne suivante",
        HelpAction::PageUp => "page précédente",
        HelpAction::PageDown => "page suivante",
        HelpAction::Home => "début",
        HelpAction::End => "fin",
        HelpAction::Close => "fermer",
    },
    answer: |kind, action| {
        use DialogAction as A;
        use DialogKind as K;
        match (kind, action) {
            (K::Quit, A::Save) => "enregistrer et quitter",
            (K::Quit, A::Discard) => "abandonner et quitter",
            (K::Quit, A::Cancel) => "rester",
            (K::FormatLoss, A::Yes) => "enregistrer quand même",
            (K::Conflict, A::Reload) => "recharger (abandonner mes modifications)",
            (K::Conflict, A::Yes) => "écraser",
            (K::Missing, A::Save) => "l'écrire de nouveau à cet endroit",
            (K::Conflict | K::Missing, A::Copy) => "enregistrer une copie",
            (K::ReadOnlyFile, A::Yes) => "écraser",
            (K::Recover, A::Reload) => "restaurer",
            (K::Recover, A::Discard) => "ignorer (les effacer)",
            (K::Recover, A::Cancel) => "décider plus tard",
            (K::AlreadyOpen, A::ReadOnly) => "lecture seule",
            (K::AlreadyOpen, A::Yes) => "modifier quand même",
            (K::AlreadyOpen, A::Quit) => "quitter",
            (K::Notice, A::Ok) => "fermer",
            (K::RemoveItem, A::Yes) => "supprimer",
            (K::RemoveItem, A::Cancel) => "garder",
            (_, A::Cancel) => "annuler",
            _ => "",
        }
    },
    status_hint: [
        (Action::Help, "aide"),
        (Action::PickConvention, "conventions"),
        (Action::Quit, "quitter"),
    ],
    new_line: "nouvelle ligne",
    choose: "choisir",
    help_close: |keys| format!("{keys} pour fermer"),
    key_bound_twice: |file, key, both| {
        format!(
            "{file} : la touche « {key} » est écrite deux fois dans le même mode ({both}) ; la seconde l'emporte."
        )
    },
    key_is_text: |file, key, mode| {
        format!(
            "{file} : « {key} » s'écrit dans le mode « {mode} » et ne peut pas y être liée ; ajoutez Ctrl- ou Alt- (par exemple « ctrl-{key} »)."
        )
    },
    exit_kept: |file, mode, key| {
        format!(
            "{file} : plus aucune touche ne ferme le mode « {mode} » ; {key} le fait de nouveau."
        )
    },
};

static KEYS_EN: KeyStrings = KeyStrings {
    mode_name: |mode| match mode {
        Mode::Normal => "Tabs",
        Mode::Palette => "Search",
        Mode::Filter => "Filter and find in the fiche",
        Mode::Note => "Note",
        Mode::FieldList => "Editor: list of fields",
        Mode::Typing => "Editor: typing",
        Mode::Dialog => "Questions",
        Mode::Help => "This help",
    },
    line_action: |mode, action| match (mode, action) {
        (Mode::Palette, LineAction::Accept) => "go",
        (Mode::Note, LineAction::Accept) => "record the note",
        (_, LineAction::Accept) => "keep",
        (Mode::Palette, LineAction::Close) => "close",
        (Mode::Note, LineAction::Close) => "drop the note",
        (_, LineAction::Close) => "clear and close",
        (Mode::Palette, LineAction::Up) => "previous result",
        (Mode::Palette, LineAction::Down) => "next result",
        (_, LineAction::Up) => "keep, previous row",
        (_, LineAction::Down) => "keep, next row",
        (_, LineAction::PageUp) => "previous page",
        (_, LineAction::PageDown) => "next page",
        (_, LineAction::Clear) => "empty the line",
    },
    field_list_action: |action| match action {
        FieldListAction::Up => "previous field",
        FieldListAction::Down => "next field",
        FieldListAction::PageUp => "previous page",
        FieldListAction::PageDown => "next page",
        FieldListAction::Home => "first field",
        FieldListAction::End => "last field",
        FieldListAction::Edit => "edit",
        FieldListAction::Add => "add",
        FieldListAction::Remove => "delete",
        FieldListAction::Close => "close",
    },
    typing_action: |action| match action {
        TypingAction::Confirm => "confirm",
        TypingAction::ConfirmAny => "confirm (several lines too)",
        TypingAction::Clear => "empty the field",
        TypingAction::Previous => "previous option",
        TypingAction::Next => "next option",
        TypingAction::Cancel => "cancel",
    },
    dialog_action: |action| match action {
        DialogAction::Yes => "yes: overwrite, remove, edit anyway",
        DialogAction::Ok => "OK",
        DialogAction::Save => "save (and quit) / write again",
        DialogAction::Discard => "discard the edits",
        DialogAction::Reload => "reload / restore",
        DialogAction::Copy => "save a copy",
        DialogAction::ReadOnly => "read-only",
        DialogAction::Quit => "quit",
        DialogAction::Cancel => "no: stay, keep, later",
    },
    help_action: |action| match action {
        HelpAction::Up => "previous row",
        HelpAction::Down => "next row",
        HelpAction::PageUp => "previous page",
        HelpAction::PageDown => "next page",
        HelpAction::Home => "first",
        HelpAction::End => "last",
        HelpAction::Close => "close",
    },
    answer: |kind, action| {
        use DialogAction as A;
        use DialogKind as K;
        match (kind, action) {
            (K::Quit, A::Save) => "save and quit",
            (K::Quit, A::Discard) => "discard and quit",
            (K::Quit, A::Cancel) => "stay",
            (K::FormatLoss, A::Yes) => "save anyway",
            (K::Conflict, A::Reload) => "reload (drop my edits)",
            (K::Conflict, A::Yes) => "overwrite",
            (K::Missing, A::Save) => "write it again there",
            (K::Conflict | K::Missing, A::Copy) => "save a copy",
            (K::ReadOnlyFile, A::Yes) => "overwrite",
            (K::Recover, A::Reload) => "restore",
            (K::Recover, A::Discard) => "ignore (erase them)",
            (K::Recover, A::Cancel) => "decide later",
            (K::AlreadyOpen, A::ReadOnly) => "read-only",
            (K::AlreadyOpen, A::Yes) => "edit anyway",
            (K::AlreadyOpen, A::Quit) => "quit",
            (K::Notice, A::Ok) => "close",
            (K::RemoveItem, A::Yes) => "remove",
            (K::RemoveItem, A::Cancel) => "keep",
            (_, A::Cancel) => "cancel",
            _ => "",
        }
    },
    status_hint: [
        (Action::Help, "help"),
        (Action::PickConvention, "conventions"),
        (Action::Quit, "quit"),
    ],
    new_line: "new line",
    choose: "choose",
    help_close: |keys| format!("{keys} to close"),
    key_bound_twice: |file, key, both| {
        format!(
            "{file}: the key \u{201c}{key}\u{201d} is written twice in one mode ({both}); the second wins."
        )
    },
    key_is_text: |file, key, mode| {
        format!(
            "{file}: \u{201c}{key}\u{201d} is typed in the \u{201c}{mode}\u{201d} mode and cannot be bound there; add ctrl- or alt- (e.g. \u{201c}ctrl-{key}\u{201d})."
        )
    },
    exit_kept: |file, mode, key| {
        format!(
            "{file}: no key was left to close the \u{201c}{mode}\u{201d} mode; {key} does again."
        )
    },
};

/// The field's label in the editor and in messages.
pub fn editor_field_name(lang: Lang, field: crate::model::Field) -> String {
    use crate::model::Field;
    use Lang::{En, Fr};
    let t = ui(lang);
    let s = structure(lang);
    let n = |i: usize| i + 1;
    match (lang, field) {
        (Fr, Field::Title) => "Intitulé".into(),
        (En, Field::Title) => "Title".into(),
        (_, Field::Measure) => t.measure.into(),
        (_, Field::Scope) => t.scope.into(),
        (_, Field::Status) => t.status.into(),
        (_, Field::Description) => t.section_description.into(),
        (_, Field::Objective) => t.section_objective.into(),
        (_, Field::Area) => t.section_area.into(),
        (_, Field::Start) => t.section_start.into(),
        (_, Field::Duration) => t.section_duration.into(),
        (Fr, Field::Partner(i)) => format!("Partenaire {}", n(i)),
        (En, Field::Partner(i)) => format!("Partner {}", n(i)),
        (_, Field::Budget(f)) => field_name(lang, f).into(),
        (Fr, Field::ExecutedLineName(i)) => format!("Ligne exécutée {} : libellé", n(i)),
        (En, Field::ExecutedLineName(i)) => format!("Executed line {}: label", n(i)),
        (Fr, Field::ExecutedLineAmount(i)) => format!("Ligne exécutée {} : montant", n(i)),
        (En, Field::ExecutedLineAmount(i)) => format!("Executed line {}: amount", n(i)),
        (Fr, Field::IndicatorName(i)) => format!("Indicateur {}", n(i)),
        (En, Field::IndicatorName(i)) => format!("Indicator {}", n(i)),
        (_, Field::IndicatorValue(i, j)) => format!("  {}.{}", n(i), n(j)),
        (_, Field::AssessmentText) => t.section_assessment.into(),
        (_, Field::Positives) => t.section_positives.into(),
        (_, Field::Improvements) => t.section_improvements.into(),
        (_, Field::Perspectives) => t.section_perspectives.into(),
        (Fr, Field::Cell(c)) => format!("Colonne {}", n(c)),
        (En, Field::Cell(c)) => format!("Column {}", n(c)),
        (_, Field::FicheId) => s.fiche_id.into(),
        (_, Field::TableTitle) => s.table_title.into(),
        (_, Field::ColumnName(c)) => (s.column_name)(n(c)),
        (_, Field::ConventionTitle) => s.convention_title.into(),
        (_, Field::Period) => s.period.into(),
        (_, Field::Signed) => s.signed.into(),
        (_, Field::Party(i)) => (s.party)(n(i)),
        (_, Field::StateSupport) => figures(lang).state_support.into(),
        (_, Field::AxeTitle(a)) => (s.axe_title)(n(a)),
        (_, Field::AxeTotal(_)) => s.axe_total.into(),
        (_, Field::StatementValue(i)) => (s.statement_value)(n(i)),
        (_, Field::StatementText(_)) => s.statement_text.into(),
        (_, Field::ClaimText(i)) => (s.claim_text)(n(i)),
        (_, Field::ClaimOperation(_)) => s.claim_operation.into(),
        (_, Field::ClaimOperands(_)) => s.claim_operands.into(),
        (_, Field::ClaimStated(_)) => s.claim_stated.into(),
        (_, Field::DocIndicatorName(i)) => (s.doc_indicator)(n(i)),
        (_, Field::DocIndicatorValue(i, j)) => format!("  {}.{}", n(i), n(j)),
    }
}

// Issue 13 (storage and command line): I/O problems named with their file, save outcomes,
// `fmt` refusals, command-line typos, key-binding config errors.

/// A path as it may be shown: control characters made visible.
fn shown(path: &std::path::Path) -> String {
    crate::text::sanitize_line(&path.display().to_string()).into_owned()
}

/// `path: what happened`, in `lang`.
pub fn io_problem(
    lang: Lang,
    path: &std::path::Path,
    kind: &crate::problem::IoProblemKind,
) -> String {
    format!("{}: {}", shown(path), io_problem_kind(lang, kind))
}

/// What happened to a file, without the file.
pub fn io_problem_kind(lang: Lang, kind: &crate::problem::IoProblemKind) -> String {
    use crate::problem::{IoProblemKind as K, SpecialFile as S};
    let text = match (lang, kind) {
        (_, K::Other(why)) => {
            return match lang {
                Lang::Fr => format!(
                    "erreur d'entrée-sortie ({})",
                    crate::text::sanitize_line(why)
                ),
                Lang::En => format!("input/output error ({})", crate::text::sanitize_line(why)),
            };
        }
        (Lang::Fr, K::NotFound) => "fichier introuvable (supprimé, renommé ou jamais créé)",
        (Lang::Fr, K::PermissionDenied) => "permission refusée",
        (Lang::Fr, K::IsADirectory) => "c'est un dossier, pas un fichier",
        (Lang::Fr, K::NoSpace) => "plus de place sur le disque",
        (Lang::Fr, K::ReadOnlyFileSystem) => "système de fichiers en lecture seule",
        (Lang::Fr, K::ReadOnlyFile) => "fichier en lecture seule (pas de droit d'écriture)",
        (Lang::Fr, K::NotRegular(S::Fifo)) => {
            "c'est un tube (FIFO), pas un fichier ordinaire : refusé"
        }
        (Lang::Fr, K::NotRegular(S::Socket)) => {
            "c'est une socket, pas un fichier ordinaire : refusé"
        }
        (Lang::Fr, K::NotRegular(S::CharDevice | S::BlockDevice)) => {
            "c'est un périphérique, pas un fichier ordinaire : refusé"
        }
        (Lang::Fr, K::NotRegular(S::Other)) => "ce n'est pas un fichier ordinaire : refusé",
        (Lang::Fr, K::NotADirectory) => "une partie du chemin est un fichier, pas un dossier",
        (Lang::Fr, K::TooManyLinks) => {
            "trop de liens (une boucle de liens symboliques ?) : vérifiez le chemin"
        }
        (Lang::Fr, K::FileTooLarge) => "fichier trop grand pour le système de fichiers",
        (Lang::Fr, K::InvalidFileName) => {
            "nom de fichier refusé par le système (trop long ou caractères interdits)"
        }
        (Lang::Fr, K::AlreadyExists) => "un fichier de ce nom existe déjà",
        (Lang::Fr, K::CrossesDevices) => "déplacement impossible entre deux systèmes de fichiers",
        (Lang::Fr, K::Busy) => "fichier occupé par un autre programme : réessayez",
        (Lang::Fr, K::NoHomeDirectory) => {
            "pas de dossier personnel où garder les conventions (HOME n'est pas défini) : \
             donnez les fichiers à ouvrir"
        }
        (Lang::En, K::NotFound) => "file not found (deleted, renamed or never created)",
        (Lang::En, K::PermissionDenied) => "permission denied",
        (Lang::En, K::IsADirectory) => "is a directory, not a file",
        (Lang::En, K::NoSpace) => "no space left on the disk",
        (Lang::En, K::ReadOnlyFileSystem) => "read-only file system",
        (Lang::En, K::ReadOnlyFile) => "read-only file (no write permission)",
        (Lang::En, K::NotRegular(S::Fifo)) => "is a pipe (FIFO), not a regular file: refused",
        (Lang::En, K::NotRegular(S::Socket)) => "is a socket, not a regular file: refused",
        (Lang::En, K::NotRegular(S::CharDevice | S::BlockDevice)) => {
            "is a device, not a regular file: refused"
        }
        (Lang::En, K::NotRegular(S::Other)) => "is not a regular file: refused",
        (Lang::En, K::NotADirectory) => "a part of the path is a file, not a directory",
        (Lang::En, K::TooManyLinks) => "too many links (a loop of symbolic links?): check the path",
        (Lang::En, K::FileTooLarge) => "file too large for the file system",
        (Lang::En, K::InvalidFileName) => {
            "file name refused by the system (too long or forbidden characters)"
        }
        (Lang::En, K::AlreadyExists) => "a file of this name already exists",
        (Lang::En, K::CrossesDevices) => "cannot move between two file systems",
        (Lang::En, K::Busy) => "file in use by another program: try again",
        (Lang::En, K::NoHomeDirectory) => {
            "no home directory to keep the conventions in (HOME is not set): name the files \
             to open"
        }
        // Issue 18: the system errors beyond the common ones.
        (Lang::Fr, K::Interrupted) => "opération interrompue par le système : réessayez",
        (Lang::Fr, K::TimedOut) => {
            "le système a cessé d'attendre (disque réseau qui ne répond pas ?) : réessayez"
        }
        (Lang::Fr, K::NetworkUnavailable) => {
            "disque réseau injoignable ou déconnecté : vérifiez la connexion, puis réessayez"
        }
        (Lang::Fr, K::BrokenPipe) => "le programme qui lisait la sortie l'a fermée",
        (Lang::Fr, K::DeviceError) => {
            "erreur du disque ou du périphérique : vérifiez le support, puis réessayez"
        }
        (Lang::Fr, K::Truncated) => "fichier plus court qu'annoncé (tronqué ?)",
        (Lang::Fr, K::InvalidData) => "contenu illisible pour le système",
        (Lang::Fr, K::InvalidRequest) => {
            "demande refusée par le système (nom ou argument invalide)"
        }
        (Lang::Fr, K::WriteZero) => "rien n'a pu être écrit (support plein ou retiré ?)",
        (Lang::Fr, K::Unsupported) => "opération que ce système de fichiers ne permet pas",
        (Lang::Fr, K::OutOfMemory) => "mémoire insuffisante",
        (Lang::Fr, K::DirectoryNotEmpty) => "le dossier n'est pas vide",
        (Lang::En, K::Interrupted) => "interrupted by the system: try again",
        (Lang::En, K::TimedOut) => {
            "the system stopped waiting (a network drive not answering?): try again"
        }
        (Lang::En, K::NetworkUnavailable) => {
            "network drive unreachable or disconnected: check the connection, then try again"
        }
        (Lang::En, K::BrokenPipe) => "the program reading the output closed it",
        (Lang::En, K::DeviceError) => "disk or device error: check the medium, then try again",
        (Lang::En, K::Truncated) => "file shorter than announced (cut short?)",
        (Lang::En, K::InvalidData) => "content the system cannot read",
        (Lang::En, K::InvalidRequest) => "request refused by the system (invalid name or argument)",
        (Lang::En, K::WriteZero) => "nothing could be written (medium full or removed?)",
        (Lang::En, K::Unsupported) => "an operation this file system does not allow",
        (Lang::En, K::OutOfMemory) => "out of memory",
        (Lang::En, K::DirectoryNotEmpty) => "the directory is not empty",
    };
    text.to_string()
}

/// `52428800` → `50,0 Mio (52428800 octets)`, `50.0 MiB (52428800 bytes)`.
fn size_text(lang: Lang, bytes: u64) -> String {
    const MIB: f64 = (1 << 20) as f64;
    let (unit, bytes_word) = match lang {
        Lang::Fr => ("Mio", "octets"),
        Lang::En => ("MiB", "bytes"),
    };
    if bytes >= 1 << 20 {
        let mebibytes = format!("{:.1}", bytes as f64 / MIB);
        // Issue 18: the decimal mark of the language.
        let mebibytes = match lang {
            Lang::Fr => mebibytes.replace('.', ","),
            Lang::En => mebibytes,
        };
        format!("{mebibytes} {unit} ({bytes} {bytes_word})")
    } else {
        format!("{bytes} {bytes_word}")
    }
}

/// A load error, naming the file (and the line and column of a syntax error).
pub fn load_error(lang: Lang, error: &crate::problem::LoadError) -> String {
    use crate::problem::{LoadErrorKind as K, SIZE_LIMIT_VARIABLE};
    let path = shown(&error.path);
    match (&error.kind, lang) {
        (K::Io(kind), _) => io_problem(lang, &error.path, kind),
        (
            K::Syntax {
                line,
                column,
                problem: Some(problem),
                ..
            },
            _,
        ) => format!(
            "{path}:{line}:{column}: {}",
            crate::text::sanitize_line(&syntax_problem(lang, problem))
        ),
        (
            K::Syntax {
                line,
                column,
                message,
                problem: None,
            },
            _,
        ) => format!(
            "{path}:{line}:{column}: {}",
            crate::text::sanitize_line(&unreadable_ron(lang, message))
        ),
        (K::NotUtf8 { byte_offset }, Lang::Fr) => {
            format!("{path}: texte non UTF-8 (octet {byte_offset})")
        }
        (K::NotUtf8 { byte_offset }, Lang::En) => {
            format!("{path}: not valid UTF-8 (byte {byte_offset})")
        }
        (K::TooLarge { size, limit }, Lang::Fr) => format!(
            "{path}: trop grand pour être ouvert : {}, pour une limite de {} (une convention \
             fait bien moins de 1 Mio) ; relevez la limite avec --max-file-size ou \
             {SIZE_LIMIT_VARIABLE}",
            size_text(lang, *size),
            size_text(lang, *limit),
        ),
        (K::TooLarge { size, limit }, Lang::En) => format!(
            "{path}: too large to open: {}, where the limit is {} (a convention is well \
             under 1 MiB); raise the limit with --max-file-size or {SIZE_LIMIT_VARIABLE}",
            size_text(lang, *size),
            size_text(lang, *limit),
        ),
        (K::Version { found, supported }, Lang::Fr) => format!(
            "{path}: version de format {found} non prise en charge (ce revue lit la version \
             {supported})"
        ),
        (K::Version { found, supported }, Lang::En) => format!(
            "{path}: format version {found} is not supported (this revue reads version \
             {supported})"
        ),
    }
}

// Issue 16: load errors a person writing a file can act on, with the fix.

/// A hand-writing mistake in a convention file, said with its fix.
pub fn syntax_problem(lang: Lang, problem: &crate::problem::SyntaxProblem) -> String {
    use crate::problem::SyntaxProblem as P;
    let list = |items: &[String]| items.join(", ");
    match (problem, lang) {
        (P::BareNumber { variant, number }, Lang::Fr) => format!(
            "un montant s'écrit entre guillemets : {}(\"{}\")",
            variant.as_deref().unwrap_or("Amount"),
            stored_digits(number)
        ),
        (P::BareNumber { variant, number }, Lang::En) => format!(
            "an amount is written in quotes: {}(\"{}\")",
            variant.as_deref().unwrap_or("Amount"),
            stored_digits(number)
        ),
        (P::FigureWithoutKind { found }, Lang::Fr) => format!(
            "un chiffre dit ce qu'il est : Amount({found}) pour des euros, Number({found}), \
             Percent({found}) ou Text({found})"
        ),
        (P::FigureWithoutKind { found }, Lang::En) => format!(
            "a figure says what it is: Amount({found}) for euros, Number({found}), \
             Percent({found}) or Text({found})"
        ),
        (P::MissingField { field, within, id }, Lang::Fr) => {
            let item = item_fr(within, id.as_deref());
            format!("il manque le champ « {field} » {item} : ajoutez {field}: …")
        }
        (P::MissingField { field, within, id }, Lang::En) => {
            let item = item_en(within, id.as_deref());
            format!("the field “{field}” is missing {item}: add {field}: …")
        }
        (
            P::UnknownField {
                found,
                within,
                expected,
            },
            Lang::Fr,
        ) => format!(
            "champ « {found} » inconnu dans {within} ; les champs possibles : {}",
            list(expected)
        ),
        (
            P::UnknownField {
                found,
                within,
                expected,
            },
            Lang::En,
        ) => format!(
            "unknown field “{found}” in {within}; the fields are: {}",
            list(expected)
        ),
        (
            P::UnknownVariant {
                found,
                within,
                expected,
            },
            Lang::Fr,
        ) => format!(
            "« {found} » n'est pas une valeur de {within} ; les valeurs possibles : {}",
            list(expected)
        ),
        (
            P::UnknownVariant {
                found,
                within,
                expected,
            },
            Lang::En,
        ) => format!(
            "“{found}” is not a {within}; the allowed values are: {}",
            list(expected)
        ),
        (P::DuplicateField { field, within }, Lang::Fr) => {
            format!("le champ « {field} » est écrit deux fois dans {within} : gardez-en un")
        }
        (P::DuplicateField { field, within }, Lang::En) => {
            format!("the field “{field}” is written twice in {within}: keep one")
        }
        (P::WrongType { expected, found }, Lang::Fr) => {
            format!("attendu {}, trouvé {found}", expected_fr(expected))
        }
        (P::WrongType { expected, found }, Lang::En) => {
            format!("expected {}, found {found}", expected_en(expected))
        }
        (P::MissingComma, Lang::Fr) => {
            "il manque une virgule après la valeur précédente".to_string()
        }
        (P::MissingComma, Lang::En) => "a comma is missing after the previous value".to_string(),
        (P::NotStoredFigure { found }, Lang::Fr) => format!(
            "{found} n'est pas un chiffre enregistrable : chiffres, signe moins éventuel et \
             point décimal, sans espace ni symbole (\"1207650.75\") ; un chiffre illisible \
             du document s'écrit Text({found})"
        ),
        (P::NotStoredFigure { found }, Lang::En) => format!(
            "{found} is not a stored figure: digits, an optional minus sign and a decimal \
             point, no space or symbol (\"1207650.75\"); a figure the document prints \
             malformed is written Text({found})"
        ),
        (P::UnexpectedEnd, Lang::Fr) => {
            "le fichier s'arrête avant la fin : une parenthèse ou un crochet n'est pas fermé"
                .to_string()
        }
        (P::UnexpectedEnd, Lang::En) => {
            "the file ends too early: a parenthesis or a bracket is not closed".to_string()
        }
        (P::UnclosedString, Lang::Fr) => {
            "un texte n'est pas fermé : il manque le guillemet final (\")".to_string()
        }
        (P::UnclosedString, Lang::En) => {
            "a text is not closed: its closing quote (\") is missing".to_string()
        }
        (P::EmptyFile, Lang::Fr) => {
            "le fichier est vide ; `revue new` écrit un fichier de départ".to_string()
        }
        (P::EmptyFile, Lang::En) => {
            "the file is empty; `revue new` writes a file to start from".to_string()
        }
        // Issue 18: every other RON mistake, typed, with its fix.
        (P::TooManyDigits { found }, Lang::Fr) => format!(
            "« {found} » a plus de chiffres qu'un décimal n'en garde exactement (28 chiffres \
             significatifs) : refusé plutôt qu'arrondi ; écrivez-le Text(\"{found}\") s'il \
             est ainsi dans le document"
        ),
        (P::TooManyDigits { found }, Lang::En) => format!(
            "“{found}” has more digits than a decimal holds exactly (28 significant digits): \
             refused rather than rounded; write it Text(\"{found}\") if the document says so"
        ),
        (P::ClosingExpected { closing }, Lang::Fr) => format!(
            "un « {closing} » est attendu ici pour fermer le groupe ouvert plus haut : \
             ajoutez-le, ou une virgule s'il reste des valeurs"
        ),
        (P::ClosingExpected { closing }, Lang::En) => format!(
            "a “{closing}” is expected here to close the group opened above: add it, or a \
             comma if values follow"
        ),
        (P::MissingColon, Lang::Fr) => {
            "il manque « : » entre le nom du champ et sa valeur (nom: valeur)".to_string()
        }
        (P::MissingColon, Lang::En) => {
            "a “:” is missing between the field's name and its value (name: value)".to_string()
        }
        (P::UnexpectedCharacter { found }, Lang::Fr) => format!(
            "caractère inattendu « {} » : retirez-le, ou mettez le texte entre guillemets",
            found.escape_debug()
        ),
        (P::UnexpectedCharacter { found }, Lang::En) => format!(
            "unexpected character “{}”: remove it, or put the text in quotes",
            found.escape_debug()
        ),
        (P::TrailingText, Lang::Fr) => {
            "du texte suit la parenthèse finale de la convention : retirez-le, ou fermez la \
             parenthèse plus loin"
                .to_string()
        }
        (P::TrailingText, Lang::En) => {
            "text follows the convention's closing parenthesis: remove it, or close the \
             parenthesis further down"
                .to_string()
        }
        (P::NameExpected { found }, Lang::Fr) => format!(
            "un nom est attendu ici (un champ comme title, ou une sorte de valeur comme \
             Amount), trouvé {found}"
        ),
        (P::NameExpected { found }, Lang::En) => format!(
            "a name is expected here (a field such as title, or a kind of value such as \
             Amount), found {found}"
        ),
        (P::UnclosedComment, Lang::Fr) => {
            "un commentaire /* n'est pas fermé : ajoutez */ à sa fin".to_string()
        }
        (P::UnclosedComment, Lang::En) => {
            "a /* comment is not closed: add */ at its end".to_string()
        }
        (P::BadEscape, Lang::Fr) => {
            "séquence \\ inconnue dans un texte : écrivez \\\\ pour une barre oblique \
             inverse, \\\" pour un guillemet"
                .to_string()
        }
        (P::BadEscape, Lang::En) => {
            "unknown \\ sequence in a text: write \\\\ for a backslash, \\\" for a quote"
                .to_string()
        }
        (P::BadNumber { found }, Lang::Fr) => format!(
            "{found} n'est pas un nombre entier que ce champ accepte (chiffres seuls, sans \
             espace ni souligné en tête)"
        ),
        (P::BadNumber { found }, Lang::En) => format!(
            "{found} is not a whole number this field accepts (digits only, no space or \
             leading underscore)"
        ),
        (P::WrongStructName { expected, found }, Lang::Fr) => {
            format!("{found}(…) écrit là où {expected}(…) est attendu : renommez-le {expected}")
        }
        (P::WrongStructName { expected, found }, Lang::En) => {
            format!("{found}(…) written where {expected}(…) is expected: rename it {expected}")
        }
        (P::WrongLength { expected, found }, Lang::Fr) => {
            format!("{found} valeurs écrites, {expected} attendues")
        }
        (P::WrongLength { expected, found }, Lang::En) => {
            format!("{found} values written, {expected} expected")
        }
        (P::UnknownExtension { name }, Lang::Fr) => {
            format!("extension RON inconnue « {name} » : retirez la ligne #![enable(…)]")
        }
        (P::UnknownExtension { name }, Lang::En) => {
            format!("unknown RON extension “{name}”: remove the #![enable(…)] line")
        }
        (P::TooDeep, Lang::Fr) => {
            "groupes imbriqués trop profondément : une convention n'en a que quelques \
             niveaux, une parenthèse ouvrante est sans doute en trop"
                .to_string()
        }
        (P::TooDeep, Lang::En) => {
            "groups nested too deep: a convention has only a few levels, an opening \
             parenthesis is probably one too many"
                .to_string()
        }
    }
}

/// `59_000.5` → `59000.5`: the fix shows the stored form.
fn stored_digits(number: &str) -> String {
    number.replace('_', "")
}

fn item_fr(within: &str, id: Option<&str>) -> String {
    let id = id.map(|id| format!(" {id}")).unwrap_or_default();
    match within {
        "Convention" => "dans la convention (qui commence ici)".to_string(),
        "Fiche" => format!("dans la fiche{id} (qui commence ici)"),
        "Axe" => format!("dans l'axe{id} (qui commence ici)"),
        "Section" => format!("dans la section{id} (qui commence ici)"),
        "Table" => format!("dans le tableau{id} (qui commence ici)"),
        "" => "ici".to_string(),
        other => format!("dans {other}{id} (qui commence ici)"),
    }
}

fn item_en(within: &str, id: Option<&str>) -> String {
    let id = id.map(|id| format!(" {id}")).unwrap_or_default();
    match within {
        "" => "here".to_string(),
        other => format!("in {}{id} (which starts here)", other.to_lowercase()),
    }
}

fn expected_fr(shape: &crate::problem::ExpectedShape) -> String {
    use crate::problem::ExpectedShape as S;
    match shape {
        S::Text => "un texte entre guillemets (\"…\")".to_string(),
        S::Integer => "un nombre entier sans guillemets (2019)".to_string(),
        S::Boolean => "true ou false".to_string(),
        S::List => "une liste entre crochets ([…])".to_string(),
        S::Struct(Some(name)) => format!("{name} : des champs entre parenthèses ((nom: …))"),
        S::Struct(None) => "des champs entre parenthèses ((nom: …))".to_string(),
        S::Number => "un nombre sans guillemets (12.5)".to_string(),
        S::Optional => "Some(…) ou None".to_string(),
        S::Map => "des paires entre accolades ({clé: valeur})".to_string(),
        S::Other => "une autre valeur".to_string(),
    }
}

fn expected_en(shape: &crate::problem::ExpectedShape) -> String {
    use crate::problem::ExpectedShape as S;
    match shape {
        S::Text => "a text in quotes (\"…\")".to_string(),
        S::Integer => "a whole number without quotes (2019)".to_string(),
        S::Boolean => "true or false".to_string(),
        S::List => "a list in brackets ([…])".to_string(),
        S::Struct(Some(name)) => format!("{name}: fields in parentheses ((name: …))"),
        S::Struct(None) => "fields in parentheses ((name: …))".to_string(),
        S::Number => "a number without quotes (12.5)".to_string(),
        S::Optional => "Some(…) or None".to_string(),
        S::Map => "pairs in braces ({key: value})".to_string(),
        S::Other => "another value".to_string(),
    }
}

// Issue 16: `revue new`, `revue import-table`, `revue import-text`.

/// Messages and placeholder texts of the commands that bring a document in.
pub struct ImportStrings {
    /// A new file's title: (kind, territory, period).
    pub new_title: fn(&str, &str, &str) -> String,
    pub new_axe_title: &'static str,
    pub new_fiche_title: &'static str,
    /// (file) written.
    pub new_written: fn(&str) -> String,
    /// (file) exists: not replaced.
    pub new_exists: fn(&str) -> String,
    /// (rows linked, figures, table id, convention file).
    pub table_imported: fn(usize, usize, &str, &str) -> String,
    /// A column whose role could not be read from its header: (header).
    pub column_unmapped: fn(&str) -> String,
    /// A row whose first cells name no fiche of the convention: (row number, label).
    pub row_unlinked: fn(usize, &str) -> String,
    /// The table read has no row.
    pub table_empty: &'static str,
    /// (sheet) is not in the workbook; (sheets).
    pub sheet_missing: fn(&str, &str) -> String,
    /// The file is not a spreadsheet revue reads: (file).
    pub table_format_unknown: fn(&str) -> String,
    /// A file that cannot be read as a spreadsheet: (file, why).
    pub table_unreadable: fn(&str, &str) -> String,
    /// `--roles` entry not understood: (entry).
    pub roles_bad: fn(&str) -> String,
    /// The convention changed while importing: (file).
    pub convention_changed: fn(&str) -> String,
    /// Saving would drop the file's comments: (file).
    pub format_loss: fn(&str) -> String,
    /// The draft written: (file, fiches, figures).
    pub draft_written: fn(&str, usize, usize) -> String,
    /// No fiche was recognised in the text: (file).
    pub draft_nothing_found: fn(&str) -> String,
    pub draft_title: &'static str,
    /// `--compare`: (captured, expected, percent, wrong).
    pub capture_summary: fn(usize, usize, &str, usize) -> String,
    /// `--compare`: (fiches found, fiches of the reference).
    pub capture_fiches: fn(usize, usize) -> String,
}

pub fn import_strings(lang: Lang) -> &'static ImportStrings {
    match lang {
        Lang::Fr => &IMPORT_FR,
        Lang::En => &IMPORT_EN,
    }
}

static IMPORT_FR: ImportStrings = ImportStrings {
    new_title: |kind, territory, period| {
        let mut chars = kind.chars();
        let kind: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{kind} {territory} {period}")
    },
    new_axe_title: "Premier axe (à renommer)",
    new_fiche_title: "Première fiche (à renommer)",
    new_written: |file| format!("{file} écrit ; ouvrez-le avec : revue {file}"),
    new_exists: |file| format!("{file} existe déjà : il n'est pas remplacé"),
    table_imported: |rows, figures, id, file| {
        format!(
            "tableau « {id} » ajouté à {file} : {rows} lignes liées à une fiche, {figures} chiffres"
        )
    },
    column_unmapped: |header| {
        format!(
            "colonne « {header} » : rôle non reconnu, gardée comme texte (corrigez avec --roles)"
        )
    },
    row_unlinked: |row, label| format!("ligne {row} « {label} » : aucune fiche de ce numéro"),
    table_empty: "le tableau ne contient aucune ligne",
    sheet_missing: |sheet, sheets| format!("pas de feuille « {sheet} » ; les feuilles : {sheets}"),
    table_format_unknown: |file| {
        format!("{file} : format non lu ; revue lit les tableaux .xlsx, .ods et .csv")
    },
    table_unreadable: |file, why| format!("{file} : tableau illisible ({why})"),
    roles_bad: |entry| {
        format!(
            "--roles « {entry} » : attendu COLONNE=RÔLE, RÔLE parmi fiche, libelle, etat, \
             departement, total, engage, execute, solde, observations, somme, ignorer"
        )
    },
    convention_changed: |file| {
        format!("{file} a changé pendant l'import : rien n'est écrit, relancez la commande")
    },
    format_loss: |file| {
        format!(
            "{file} : rien n'est écrit, l'enregistrement perdrait ses commentaires ou sa mise en \
             page ; relancez avec --force pour les abandonner"
        )
    },
    draft_written: |file, fiches, figures| {
        format!(
            "brouillon {file} écrit : {fiches} fiches, {figures} chiffres lus, tous à confirmer \
             (marqués draft)"
        )
    },
    draft_nothing_found: |file| format!("{file} : aucune fiche action reconnue"),
    draft_title: "Brouillon importé (à renommer)",
    capture_summary: |captured, expected, percent, wrong| {
        format!(
            "chiffres prévus et exécutés retrouvés (même fiche, même rôle, même valeur) : \
             {captured} sur {expected} ({percent} %), {wrong} faux ; ≠ faux, - manquant, + en plus"
        )
    },
    capture_fiches: |found, expected| format!("fiches retrouvées : {found} sur {expected}"),
};

static IMPORT_EN: ImportStrings = ImportStrings {
    new_title: |kind, territory, period| {
        let mut chars = kind.chars();
        let kind: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        format!("{kind} {territory} {period}")
    },
    new_axe_title: "First axe (rename it)",
    new_fiche_title: "First fiche (rename it)",
    new_written: |file| format!("{file} written; open it with: revue {file}"),
    new_exists: |file| format!("{file} already exists: not replaced"),
    table_imported: |rows, figures, id, file| {
        format!("table “{id}” added to {file}: {rows} rows linked to a fiche, {figures} figures")
    },
    column_unmapped: |header| {
        format!("column “{header}”: role not recognised, kept as text (correct it with --roles)")
    },
    row_unlinked: |row, label| format!("row {row} “{label}”: no fiche has this number"),
    table_empty: "the table holds no row",
    sheet_missing: |sheet, sheets| format!("no sheet “{sheet}”; the sheets are: {sheets}"),
    table_format_unknown: |file| {
        format!("{file}: format not read; revue reads .xlsx, .ods and .csv tables")
    },
    table_unreadable: |file, why| format!("{file}: unreadable table ({why})"),
    roles_bad: |entry| {
        format!(
            "--roles “{entry}”: expected COLUMN=ROLE, ROLE one of fiche, label, etat, \
             departement, total, engaged, executed, remaining, notes, summed, ignore"
        )
    },
    convention_changed: |file| {
        format!("{file} changed during the import: nothing written, run the command again")
    },
    format_loss: |file| {
        format!(
            "{file}: nothing written, saving would drop its comments or layout; run again with \
             --force to let them go"
        )
    },
    draft_written: |file, fiches, figures| {
        format!(
            "draft {file} written: {fiches} fiches, {figures} figures read, all to confirm \
             (marked draft)"
        )
    },
    draft_nothing_found: |file| format!("{file}: no fiche action recognised"),
    draft_title: "Imported draft (rename it)",
    capture_summary: |captured, expected, percent, wrong| {
        format!(
            "planned and executed figures captured (same fiche, role and value): {captured} of \
             {expected} ({percent}%), {wrong} wrong; ≠ wrong, - missed, + extra"
        )
    },
    capture_fiches: |found, expected| format!("fiches found: {found} of {expected}"),
};

/// Messages of saving and of the file commands.
pub struct StorageStrings {
    /// The file was deleted or renamed since it was loaded (not "changed on disk").
    pub missing_on_disk: fn(&str) -> String,
    /// The question asked before replacing a read-only file.
    pub read_only_question: fn(&str) -> String,
    /// `revue fmt` refuses a file whose comments or layout would go.
    pub fmt_would_lose: fn(&str) -> String,
    pub fmt_rewritten: fn(&str) -> String,
    pub fmt_not_canonical: fn(&str) -> String,
    /// The file changed between reading and writing it: not rewritten.
    pub changed_meanwhile: fn(&str) -> String,
    /// `revue chek`: neither a command nor a file; the closest command.
    pub unknown_command: fn(&str, Option<&str>) -> String,
    /// A key binding that can never fire, and its fix. (config file, key, fix)
    pub key_never_fires: fn(&str, &str, &str) -> String,
    /// `"shift-1"`: Shift with a symbol never arrives. (config file, key)
    pub key_shifted_symbol: fn(&str, &str) -> String,
    /// A key name not understood. (config file, key)
    pub key_unknown: fn(&str, &str) -> String,
    /// Every quit key was rebound: the one kept. (config file, key kept)
    pub quit_kept: fn(&str, &str) -> String,
}

pub fn storage(lang: Lang) -> &'static StorageStrings {
    match lang {
        Lang::Fr => &STORAGE_FR,
        Lang::En => &STORAGE_EN,
    }
}

static STORAGE_FR: StorageStrings = StorageStrings {
    missing_on_disk: |path| format!("{path} a été supprimé ou renommé depuis son chargement"),
    read_only_question: |path| format!("{path} est en lecture seule. L'écraser quand même ?"),
    fmt_would_lose: |path| {
        format!(
            "{path} : non réécrit, la forme canonique perdrait des commentaires ou une mise en \
             page (--force pour réécrire quand même)"
        )
    },
    fmt_rewritten: |path| format!("réécrit : {path}"),
    fmt_not_canonical: |path| format!("pas en forme canonique : {path}"),
    changed_meanwhile: |path| {
        format!("{path} a changé sur le disque pendant l'opération : non réécrit")
    },
    unknown_command: |arg, suggestion| match suggestion {
        Some(command) if command == arg => format!(
            "« {arg} » est une commande : elle vient en premier, avant les fichiers (revue {arg} FICHIER…)"
        ),
        Some(command) => format!(
            "« {arg} » n'est ni une commande ni un fichier existant. Vouliez-vous dire « {command} » ?"
        ),
        None => format!(
            "« {arg} » n'est ni une commande ni un fichier existant (revue --help les liste)"
        ),
    },
    key_never_fires: |file, key, fix| {
        format!("{file} : la touche « {key} » ne peut jamais être reçue ; écrivez « {fix} »")
    },
    key_shifted_symbol: |file, key| {
        format!(
            "{file} : la touche « {key} » ne peut jamais être reçue ; écrivez le symbole que \
             donne Maj sur votre clavier (par exemple « ! »)"
        )
    },
    key_unknown: |file, key| format!("{file} : touche inconnue : « {key} »"),
    quit_kept: |file, key| {
        format!("{file} : aucune touche ne quitterait plus ; « {key} » quitte toujours")
    },
};

static STORAGE_EN: StorageStrings = StorageStrings {
    missing_on_disk: |path| format!("{path} was deleted or renamed since it was loaded"),
    read_only_question: |path| format!("{path} is read-only. Overwrite it anyway?"),
    fmt_would_lose: |path| {
        format!(
            "{path}: not rewritten, the canonical form would drop comments or layout (--force \
             to rewrite anyway)"
        )
    },
    fmt_rewritten: |path| format!("rewritten: {path}"),
    fmt_not_canonical: |path| format!("not canonical: {path}"),
    changed_meanwhile: |path| format!("{path} changed on disk meanwhile: not rewritten"),
    unknown_command: |arg, suggestion| match suggestion {
        Some(command) if command == arg => {
            format!("“{arg}” is a command: it comes first, before the files (revue {arg} FILE…)")
        }
        Some(command) => {
            format!("“{arg}” is neither a command nor an existing file. Did you mean “{command}”?")
        }
        None => {
            format!("“{arg}” is neither a command nor an existing file (revue --help lists them)")
        }
    },
    key_never_fires: |file, key, fix| {
        format!("{file}: the key “{key}” can never be received; write “{fix}”")
    },
    key_shifted_symbol: |file, key| {
        format!(
            "{file}: the key “{key}” can never be received; write the symbol Shift gives on \
             your keyboard (for example “!”)"
        )
    },
    key_unknown: |file, key| format!("{file}: unknown key: “{key}”"),
    quit_kept: |file, key| format!("{file}: no key would quit any more; “{key}” still quits"),
};

// Issue 12 ("Every figure on screen is the document's figure, whole, and adds up"): figures,
// their sums and markers, column scrolling, the convention overview, true counts.

/// Texts about figures: how they are marked, what a sum leaves out, the summary's totals.
pub struct FigureStrings {
    pub summary_planned_other: &'static str,
    pub summary_planned_stated: &'static str,
    pub summary_planned_computed: &'static str,
    pub summary_engaged: &'static str,
    pub summary_executed: &'static str,
    pub summary_remaining: &'static str,
    /// What a sum leaves out, as printed.
    pub excluded: fn(&[String]) -> String,
    pub other_funders: &'static str,
    /// Axes tab columns after the label: planned total, engaged, executed, remaining.
    pub axes_figure_columns: [&'static str; 4],
    pub axes_grand_total: &'static str,
    /// `◂ 2 colonnes`, `3 colonnes ▸`: columns off screen on each side.
    pub columns_left: fn(usize) -> String,
    pub columns_right: fn(usize) -> String,
    /// The `?` help's explanation of the markers.
    pub legend: [&'static str; 3],
    pub overview: &'static str,
    pub overview_stated: &'static str,
    pub overview_fiches: &'static str,
    /// After [`overview_fiches`]: no fiche in the scope states the figure, so there is no sum.
    pub overview_no_fiche_states: &'static str,
    pub state_support: &'static str,
    pub anomalies_this_convention: &'static str,
    pub anomalies_all: &'static str,
    /// What ←/→ do on the Anomalies tab (the keys in force are put before it).
    pub anomalies_scope_hint: &'static str,
    /// What the key of Enter does after a jump to a figure stated twice (the key is put before).
    pub other_place: &'static str,
    pub table_full_header: &'static str,
    pub axe: &'static str,
    pub cited_elsewhere: &'static str,
    pub document_total: &'static str,
}

pub fn figures(lang: Lang) -> &'static FigureStrings {
    match lang {
        Lang::Fr => &FIGURES_FR,
        Lang::En => &FIGURES_EN,
    }
}

static FIGURES_FR: FigureStrings = FigureStrings {
    summary_planned_other: "Prévu autres financeurs",
    summary_planned_stated: "  dont totaux indiqués",
    summary_planned_computed: "  parts additionnées",
    summary_engaged: "Engagé",
    summary_executed: "Exécuté",
    summary_remaining: "Solde",
    excluded: |texts| {
        if texts.len() == 1 {
            format!("1 montant non chiffré exclu : {}", texts[0])
        } else {
            format!(
                "{} montants non chiffrés exclus : {}",
                texts.len(),
                texts.join(" ; ")
            )
        }
    },
    other_funders: "Autres financeurs",
    axes_figure_columns: ["Prévu", "Engagé", "Exécuté", "Solde"],
    axes_grand_total: "Total des axes",
    columns_left: |n| {
        if n == 1 {
            "◂ 1 colonne".to_string()
        } else {
            format!("◂ {n} colonnes")
        }
    },
    columns_right: |n| {
        if n == 1 {
            "1 colonne ▸".to_string()
        } else {
            format!("{n} colonnes ▸")
        }
    },
    legend: [
        "1 234 indiqué · =1 234 calculé (non indiqué) · 1 234* somme sans un texte",
        "✗ erreur · ! avertissement, sur le chiffre · ◂ ▸ colonnes cachées : ←/→",
        // Issue 16: a draft's fiches.
        "◌ brouillon : chiffres importés, pas encore confirmés",
    ],
    overview: "Convention",
    overview_stated: "indiqué",
    overview_fiches: "total des fiches",
    overview_no_fiche_states: "aucune fiche",
    state_support: "Soutien de l'État",
    anomalies_this_convention: "cette convention",
    anomalies_all: "toutes les conventions",
    anomalies_scope_hint: "cette convention / toutes",
    other_place: "l'autre endroit du montant",
    table_full_header: "colonne",
    axe: "Axe",
    cited_elsewhere: "Montants cités ailleurs dans le document",
    document_total: "document entier",
};

static FIGURES_EN: FigureStrings = FigureStrings {
    summary_planned_other: "Planned other funders",
    summary_planned_stated: "  of which stated totals",
    summary_planned_computed: "  shares added up",
    summary_engaged: "Committed",
    summary_executed: "Executed",
    summary_remaining: "Remaining",
    excluded: |texts| {
        if texts.len() == 1 {
            format!("1 figure not in numbers left out: {}", texts[0])
        } else {
            format!(
                "{} figures not in numbers left out: {}",
                texts.len(),
                texts.join("; ")
            )
        }
    },
    other_funders: "Other funders",
    axes_figure_columns: ["Planned", "Committed", "Executed", "Remaining"],
    axes_grand_total: "All axes",
    columns_left: |n| {
        if n == 1 {
            "◂ 1 column".to_string()
        } else {
            format!("◂ {n} columns")
        }
    },
    columns_right: |n| {
        if n == 1 {
            "1 column ▸".to_string()
        } else {
            format!("{n} columns ▸")
        }
    },
    legend: [
        "1 234 stated · =1 234 computed (not stated) · 1 234* sum leaving out a text",
        "✗ error · ! warning, on the figure · ◂ ▸ hidden columns: ←/→",
        // Issue 16: a draft's fiches.
        "◌ draft: imported figures, not yet confirmed",
    ],
    overview: "Convention",
    overview_stated: "stated",
    overview_fiches: "the fiches add up to",
    overview_no_fiche_states: "no fiche",
    state_support: "State support",
    anomalies_this_convention: "this convention",
    anomalies_all: "all conventions",
    anomalies_scope_hint: "this convention / all",
    other_place: "the amount's other place",
    table_full_header: "column",
    axe: "Axe",
    cited_elsewhere: "Amounts stated elsewhere in the document",
    document_total: "whole document",
};

// Issue 15: the review (dispositions, notes, sources, reports).

pub struct ReviewStrings {
    /// The Anomalies column of dispositions.
    pub disposition_heading: &'static str,
    pub dispositions: [&'static str; 4],
    pub fiche_statuses: [&'static str; 3],
    pub changed: &'static str,
    pub resolved: &'static str,
    pub justified_needs_note: &'static str,
    pub disposition_set: fn(&str) -> String,
    pub fiche_status_set: fn(&str, &str) -> String,
    pub save_failed: fn(&str) -> String,
    pub unreadable_review: fn(&str) -> String,
    pub no_source_document: &'static str,
    pub source_missing: fn(&str) -> String,
    pub open_failed: fn(&str, &str) -> String,
    pub report_file_name: &'static str,
    pub report_written: fn(&str) -> String,
    pub progress: fn(usize, usize, usize) -> String,
    pub note_label: &'static str,
    pub sort_gap: &'static str,
    /// The review's keys in the Anomalies tab's hint, with what each does (issue 18: the keys
    /// are those in force).
    pub filters_hint: [(crate::keys::Action, &'static str); 4],
    pub hidden_justified: &'static str,
    pub rule_filter: &'static str,
    pub fiche_filter: &'static str,
    pub sources: &'static str,
    pub note: &'static str,
    pub by: &'static str,
    // Check and reports.
    pub open_only_none: &'static str,
    pub report_title: &'static str,
    pub identification: &'static str,
    pub budget_summary: &'static str,
    pub findings: &'static str,
    pub fiches_review: &'static str,
    pub resolved_heading: &'static str,
    pub columns_budget: [&'static str; 8],
    pub columns_findings: [&'static str; 13],
    pub columns_fiches: [&'static str; 6],
    pub columns_identification: [&'static str; 2],
    pub identification_rows: [&'static str; 7],
    pub source_document: &'static str,
    pub review_reloaded: &'static str,
    pub total_row: &'static str,
    pub generated: fn(&str) -> String,
    pub progress_report: fn(usize, usize) -> String,
}

impl ReviewStrings {
    pub fn disposition(&self, d: crate::model::Disposition) -> &'static str {
        let i = crate::model::Disposition::ALL
            .iter()
            .position(|x| *x == d)
            .unwrap_or(0);
        self.dispositions[i]
    }

    pub fn fiche_status(&self, s: crate::model::FicheStatusReview) -> &'static str {
        let i = crate::model::FicheStatusReview::ALL
            .iter()
            .position(|x| *x == s)
            .unwrap_or(0);
        self.fiche_statuses[i]
    }

    /// A finding's standing: its disposition, marked when its figures changed since.
    pub fn standing(&self, standing: crate::model::Standing) -> String {
        match standing {
            crate::model::Standing::Current(d) => self.disposition(d).to_string(),
            crate::model::Standing::Changed(d) => {
                format!("{} ({})", self.disposition(d), self.changed)
            }
        }
    }
}

static REVIEW_FR: ReviewStrings = ReviewStrings {
    disposition_heading: "Décision",
    dispositions: ["à examiner", "justifiée", "à corriger", "signalée"],
    fiche_statuses: ["à relire", "relue", "à revoir"],
    changed: "chiffres changés, à revoir",
    resolved: "résolue",
    justified_needs_note: "une anomalie justifiée demande une note : rien n'est enregistré",
    disposition_set: |d| format!("anomalie : {d} (enregistré)"),
    fiche_status_set: |fiche, s| format!("fiche {fiche} : {s} (enregistré)"),
    save_failed: |path| format!("la revue n'a pas pu être enregistrée dans {path}"),
    unreadable_review: |why| {
        format!("{why} — fichier de revue laissé tel quel, rien n'y sera écrit")
    },
    no_source_document: "cette convention ne nomme pas son document source : ajoutez `source_document: \"chemin/vers/le/document.txt\"` (relatif au fichier de la convention) dans son bloc `document`",
    source_missing: |path| {
        format!(
            "document source introuvable : {path} — corrigez `document.source_document` (chemin relatif au fichier de la convention)"
        )
    },
    open_failed: |program, why| {
        format!("impossible de lancer {program} : {why} (réglez $PAGER ou $EDITOR)")
    },
    report_file_name: "rapport-revue.html",
    report_written: |path| format!("rapport écrit : {path}"),
    progress: |read, fiches, open| {
        format!("{read}/{fiches} fiches relues · {open} anomalies à examiner")
    },
    note_label: "Note",
    sort_gap: "écart",
    filters_hint: [
        (crate::keys::Action::Disposition, "disposition"),
        (crate::keys::Action::Note, "note"),
        (crate::keys::Action::ReviewFilter, "filtre"),
        (crate::keys::Action::OpenSource, "source"),
    ],
    hidden_justified: "non justifiées",
    rule_filter: "règle",
    fiche_filter: "fiche",
    sources: "sources",
    note: "note",
    by: "par",
    open_only_none: "aucune anomalie ouverte",
    report_title: "Rapport de revue",
    identification: "Identification",
    budget_summary: "Synthèse budgétaire",
    findings: "Anomalies",
    fiches_review: "Relecture des fiches",
    resolved_heading: "Dispositions résolues (l'anomalie a disparu)",
    columns_budget: [
        "Convention",
        "Fiche",
        "Intitulé",
        "Prévu déclaré",
        "Prévu calculé",
        "Écart prévu",
        "Exécuté",
        "Solde",
    ],
    columns_findings: [
        "Convention",
        "Sévérité",
        "Règle",
        "Fiche",
        "Lieu",
        "Message",
        "Attendu",
        "Déclaré",
        "Sources",
        "Disposition",
        "Note",
        "Relecteur",
        "Date",
    ],
    columns_fiches: [
        "Convention",
        "Fiche",
        "Intitulé",
        "Statut",
        "Note",
        "Relecteur",
    ],
    columns_identification: ["Champ", "Valeur"],
    identification_rows: [
        "Titre",
        "Territoire",
        "Type",
        "Période",
        "Signature",
        "Document",
        "Fichier",
    ],
    source_document: "document source",
    total_row: "Total des fiches",
    review_reloaded: "revue relue depuis le disque (modifiée ailleurs)",
    generated: |date| format!("établi le {date} avec revue"),
    progress_report: |done, total| format!("rapport : {done}/{total} conventions"),
};

static REVIEW_EN: ReviewStrings = ReviewStrings {
    disposition_heading: "Decision",
    dispositions: ["to examine", "justified", "to correct", "reported"],
    fiche_statuses: ["to read", "read", "to revisit"],
    changed: "figures changed, look again",
    resolved: "resolved",
    justified_needs_note: "a justified finding needs a note: nothing recorded",
    disposition_set: |d| format!("finding: {d} (saved)"),
    fiche_status_set: |fiche, s| format!("fiche {fiche}: {s} (saved)"),
    save_failed: |path| format!("the review could not be saved to {path}"),
    unreadable_review: |why| {
        format!("{why} — review file left as is, nothing will be written to it")
    },
    no_source_document: "this convention does not name its source document: add `source_document: \"path/to/the/document.txt\"` (relative to the convention file) to its `document` block",
    source_missing: |path| {
        format!(
            "source document not found: {path} — fix `document.source_document` (a path relative to the convention file)"
        )
    },
    open_failed: |program, why| format!("could not run {program}: {why} (set $PAGER or $EDITOR)"),
    report_file_name: "review-report.html",
    report_written: |path| format!("report written: {path}"),
    progress: |read, fiches, open| {
        format!("{read}/{fiches} fiches read · {open} findings to examine")
    },
    note_label: "Note",
    sort_gap: "gap",
    filters_hint: [
        (crate::keys::Action::Disposition, "disposition"),
        (crate::keys::Action::Note, "note"),
        (crate::keys::Action::ReviewFilter, "filter"),
        (crate::keys::Action::OpenSource, "source"),
    ],
    hidden_justified: "not justified",
    rule_filter: "rule",
    fiche_filter: "fiche",
    sources: "sources",
    note: "note",
    by: "by",
    open_only_none: "no open finding",
    report_title: "Review report",
    identification: "Identification",
    budget_summary: "Budget summary",
    findings: "Findings",
    fiches_review: "Fiche review",
    resolved_heading: "Resolved dispositions (the finding is gone)",
    columns_budget: [
        "Convention",
        "Fiche",
        "Title",
        "Planned (stated)",
        "Planned (computed)",
        "Planned gap",
        "Executed",
        "Remaining",
    ],
    columns_findings: [
        "Convention",
        "Severity",
        "Rule",
        "Fiche",
        "Place",
        "Message",
        "Expected",
        "Stated",
        "Sources",
        "Disposition",
        "Note",
        "Reviewer",
        "Date",
    ],
    columns_fiches: ["Convention", "Fiche", "Title", "Status", "Note", "Reviewer"],
    columns_identification: ["Field", "Value"],
    identification_rows: [
        "Title",
        "Territory",
        "Kind",
        "Period",
        "Signed",
        "Document",
        "File",
    ],
    source_document: "source document",
    total_row: "All fiches",
    review_reloaded: "review read again from disk (changed elsewhere)",
    generated: |date| format!("produced on {date} with revue"),
    progress_report: |done, total| format!("report: {done}/{total} conventions"),
};

pub fn review(lang: Lang) -> &'static ReviewStrings {
    match lang {
        Lang::Fr => &REVIEW_FR,
        Lang::En => &REVIEW_EN,
    }
}

/// Why a review file could not be read, naming it, and that it is left alone.
pub fn review_load_error(lang: Lang, error: &crate::problem::LoadError) -> String {
    // `load_error` names the file: add only what revue does about it.
    (review(lang).unreadable_review)(&load_error(lang, error))
}

// ---------------------------------------------------------------------------------------
// Issue 18: the command line in the user's language (help, usage errors, man page,
// completions) and errors made of typed kinds. Kept apart from the app's sections.

/// French typography where the text has a plain space: a no-break space (U+00A0, as the
/// app's figures) before `:`, `;`, `?`, `!`, `€` and `%`. English text is left as it is.
pub fn typeset(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Fr => {
            let mut out = String::with_capacity(text.len());
            let mut chars = text.chars().peekable();
            let mut previous = None;
            while let Some(c) = chars.next() {
                let next = chars.peek().copied();
                let tight = matches!(next, Some(':' | ';' | '?' | '!' | '€' | '%'));
                // `: ` only: `--lang=fr`, `C:\`, `::` and `http://` are not punctuation.
                let after_ok = |chars: &std::iter::Peekable<std::str::Chars>| {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead
                        .next()
                        .is_none_or(|a| a.is_whitespace() || a == '\n' || a == ')')
                };
                // After a word: `!` alone at a line's start is a marker (`! avertissement`).
                let after_word = previous.is_some_and(|p: char| !p.is_whitespace());
                if c == ' ' && tight && after_word && after_ok(&chars) {
                    out.push('\u{a0}');
                } else {
                    out.push(c);
                }
                previous = Some(c);
            }
            out
        }
    }
}

/// The parts of the command line's help and usage errors that are not about one command.
pub struct CliHelpStrings {
    /// `Utilisation :` before the usage line (no colon: added with the typography).
    pub usage: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub commands: &'static str,
    /// `[COMMAND]` in a usage line.
    pub command_placeholder: &'static str,
    pub help_flag: &'static str,
    pub version_flag: &'static str,
    /// `[valeurs possibles : …]` after an option's help.
    pub possible_values: fn(&str) -> String,
    pub default_value: fn(&str) -> String,
    /// How the language is chosen, after the main help.
    pub language_note: &'static str,
    /// The first word of a usage error (`erreur`).
    pub error: &'static str,
    pub unexpected_argument: fn(&str) -> String,
    /// A suggestion for a mistyped option or value.
    pub did_you_mean: fn(&str) -> String,
    pub invalid_value: fn(&str, &str) -> String,
    /// (value, option, why).
    pub invalid_value_because: fn(&str, &str, &str) -> String,
    /// (option): an option written without its value.
    pub value_missing: fn(&str) -> String,
    /// (list of what is missing).
    pub required_missing: fn(&str) -> String,
    pub conflict: fn(&str, &str) -> String,
    /// An option given twice that takes one value.
    pub given_twice: fn(&str) -> String,
    pub wrong_number_of_values: fn(&str) -> String,
    pub unknown_command: fn(&str) -> String,
    pub command_missing: &'static str,
    pub needs_equals: fn(&str) -> String,
    pub not_utf8: &'static str,
    pub bad_command_line: &'static str,
    /// (command): where to read more.
    pub more_information: fn(&str) -> String,
    /// A number expected: `--tolerance abc`.
    pub not_a_number: &'static str,
    /// `revue help X` where X is no command.
    pub no_such_command_help: fn(&str) -> String,
    /// The man page's section titles.
    pub man_name: &'static str,
    pub man_synopsis: &'static str,
    pub man_description: &'static str,
    pub man_options: &'static str,
    pub man_commands: &'static str,
    pub man_version: &'static str,
    pub man_language: &'static str,
    /// The interactive app started with its output not on a terminal.
    pub needs_terminal: &'static str,
}

pub fn cli_help(lang: Lang) -> &'static CliHelpStrings {
    match lang {
        Lang::Fr => &CLI_HELP_FR,
        Lang::En => &CLI_HELP_EN,
    }
}

static CLI_HELP_FR: CliHelpStrings = CliHelpStrings {
    usage: "Utilisation",
    arguments: "Arguments",
    options: "Options",
    commands: "Commandes",
    command_placeholder: "COMMANDE",
    help_flag: "Afficher l'aide",
    version_flag: "Afficher la version",
    possible_values: |values| format!("[valeurs possibles : {values}]"),
    default_value: |value| format!("[par défaut : {value}]"),
    language_note: "Langue : --lang, sinon le champ lang du fichier de configuration, sinon la \
                    première des variables LC_ALL, LC_MESSAGES et LANG qui est définie \
                    (fr_FR.UTF-8, en_US.UTF-8), sinon le français.",
    error: "erreur",
    unexpected_argument: |arg| format!("argument inattendu « {arg} »"),
    did_you_mean: |suggestion| format!("vouliez-vous dire « {suggestion} » ?"),
    invalid_value: |value, option| format!("valeur « {value} » invalide pour {option}"),
    invalid_value_because: |value, option, why| {
        format!("valeur « {value} » invalide pour {option} : {why}")
    },
    value_missing: |option| format!("{option} attend une valeur"),
    required_missing: |list| format!("il manque des arguments obligatoires : {list}"),
    conflict: |a, b| format!("{a} ne peut pas être employé avec {b}"),
    given_twice: |option| format!("{option} ne se donne qu'une fois"),
    wrong_number_of_values: |option| format!("nombre de valeurs inattendu pour {option}"),
    unknown_command: |command| format!("commande inconnue « {command} »"),
    command_missing: "il manque une commande",
    needs_equals: |option| format!("{option} s'écrit avec = et sa valeur ({option}=…)"),
    not_utf8: "un argument n'est pas du texte UTF-8 valide",
    bad_command_line: "ligne de commande incorrecte",
    more_information: |command| format!("Pour en savoir plus : « {command} --help »."),
    not_a_number: "un nombre est attendu (par exemple 12 ou 12.5)",
    no_such_command_help: |command| {
        format!("aucune commande « {command} » (revue --help les liste)")
    },
    man_name: "NOM",
    man_synopsis: "SYNOPSIS",
    man_description: "DESCRIPTION",
    man_options: "OPTIONS",
    man_commands: "COMMANDES",
    man_version: "VERSION",
    man_language: "LANGUE",
    needs_terminal: "l'interface interactive demande un terminal ; `revue summary` et \
                     `revue check` écrivent sur la sortie standard",
};

static CLI_HELP_EN: CliHelpStrings = CliHelpStrings {
    usage: "Usage",
    arguments: "Arguments",
    options: "Options",
    commands: "Commands",
    command_placeholder: "COMMAND",
    help_flag: "Print help",
    version_flag: "Print version",
    possible_values: |values| format!("[possible values: {values}]"),
    default_value: |value| format!("[default: {value}]"),
    language_note: "Language: --lang, else the config file's lang field, else the first of \
                    the variables LC_ALL, LC_MESSAGES and LANG that is set (fr_FR.UTF-8, \
                    en_US.UTF-8), else French.",
    error: "error",
    unexpected_argument: |arg| format!("unexpected argument “{arg}”"),
    did_you_mean: |suggestion| format!("did you mean “{suggestion}”?"),
    invalid_value: |value, option| format!("invalid value “{value}” for {option}"),
    invalid_value_because: |value, option, why| {
        format!("invalid value “{value}” for {option}: {why}")
    },
    value_missing: |option| format!("{option} needs a value"),
    required_missing: |list| format!("required arguments are missing: {list}"),
    conflict: |a, b| format!("{a} cannot be used with {b}"),
    given_twice: |option| format!("{option} can be given only once"),
    wrong_number_of_values: |option| format!("unexpected number of values for {option}"),
    unknown_command: |command| format!("unknown command “{command}”"),
    command_missing: "a command is missing",
    needs_equals: |option| format!("{option} is written with = and its value ({option}=…)"),
    not_utf8: "an argument is not valid UTF-8 text",
    bad_command_line: "invalid command line",
    more_information: |command| format!("For more information, try “{command} --help”."),
    not_a_number: "a number is expected (for example 12 or 12.5)",
    no_such_command_help: |command| format!("no command “{command}” (revue --help lists them)"),
    man_name: "NAME",
    man_synopsis: "SYNOPSIS",
    man_description: "DESCRIPTION",
    man_options: "OPTIONS",
    man_commands: "COMMANDS",
    man_version: "VERSION",
    man_language: "LANGUAGE",
    needs_terminal: "the interactive app needs a terminal; `revue summary` and `revue check` \
                     write to standard output",
};

/// What a command does, for its help (`""`: revue itself).
pub fn command_about(lang: Lang, command: &str) -> &'static str {
    match (lang, command) {
        (Lang::Fr, "") => {
            "Revue des conventions de lutte contre la pauvreté : axes, fiches, budgets, \
             indicateurs et rapprochements. Sans commande, ouvre l'application interactive."
        }
        (Lang::En, "") => {
            "Review of poverty-reduction conventions: axes, fiches, budgets, indicators and \
             reconciliations. Without a command, opens the interactive app."
        }
        (Lang::Fr, "summary") => {
            "Par convention : titre, territoire, type, nombre de fiches, montants prévus \
             additionnés depuis les fiches"
        }
        (Lang::En, "summary") => {
            "Per convention: title, territory, kind, number of fiches, planned amounts summed \
             from the fiches"
        }
        (Lang::Fr, "check") => {
            "Rapprocher les chiffres : chaque écart de chaque fichier. Code de sortie 0 : \
             aucune erreur ; 1 : des erreurs ; 2 : entrée illisible"
        }
        (Lang::En, "check") => {
            "Reconcile the figures: every discrepancy of every file. Exit 0: no error; 1: \
             errors; 2: unreadable input"
        }
        (Lang::Fr, "report") => {
            "La revue à envoyer : par convention, identification, synthèse budgétaire, chaque \
             constat avec ses sources, sa décision et sa note, et l'état de revue des fiches"
        }
        (Lang::En, "report") => {
            "The review to send: per convention, identification, budget summary, every \
             finding with its sources, disposition and note, and the fiches' review status"
        }
        (Lang::Fr, "fmt") => {
            "Réécrire des fichiers de convention en forme canonique (atomique ; rien d'autre \
             ne change)"
        }
        (Lang::En, "fmt") => {
            "Rewrite convention files in canonical form (atomic; nothing else changes)"
        }
        (Lang::Fr, "new") => {
            "Écrire un fichier de convention minimal et valide (un axe, une fiche, un budget \
             vide) pour commencer"
        }
        (Lang::En, "new") => {
            "Write a minimal valid convention file (one axe, one fiche, an empty budget) to \
             start from"
        }
        (Lang::Fr, "import-table") => {
            "Ajouter le tableau financier d'un tableur (xlsx, ods, csv) à une convention, ses \
             lignes liées aux fiches, ses colonnes associées aux chiffres du budget d'après \
             leurs en-têtes"
        }
        (Lang::En, "import-table") => {
            "Add a spreadsheet's financial table (xlsx, ods, csv) to a convention, its rows \
             linked to the fiches, its columns mapped to budget figures from their headers"
        }
        (Lang::Fr, "import-text") => {
            "Ébaucher une convention depuis le texte d'un PDF (pdftotext -layout) : fiches, \
             budgets, indicateurs, chaque chiffre citant sa ligne ; marquée comme brouillon à \
             confirmer"
        }
        (Lang::En, "import-text") => {
            "Draft a convention from the text of a PDF (pdftotext -layout): fiches, budgets, \
             indicators, each figure citing its line; marked as a draft to confirm"
        }
        (Lang::Fr, "man") => "Afficher la page de manuel de revue (roff), dans la langue choisie",
        (Lang::En, "man") => "Print revue's manual page (roff), in the chosen language",
        (Lang::Fr, "completions") => {
            "Afficher le script de complétion de revue pour un shell (bash, zsh, fish)"
        }
        (Lang::En, "completions") => {
            "Print revue's completion script for a shell (bash, zsh, fish)"
        }
        (Lang::Fr, "help") => "Afficher cette aide ou celle des commandes données",
        (Lang::En, "help") => "Print this help or the help of the given commands",
        (_, _) => "",
    }
}

/// What an argument of a command is, for its help (`command` `""`: revue itself).
pub fn arg_help(lang: Lang, command: &str, arg: &str) -> &'static str {
    match (lang, command, arg) {
        (Lang::Fr, "", "paths") => {
            "Fichiers de convention (.ron) ou dossiers à ouvrir. Par défaut : ./data, sinon le \
             dossier de données de l'utilisateur"
        }
        (Lang::En, "", "paths") => {
            "Convention files (.ron) or directories to open. Default: ./data, else the user's \
             data directory"
        }
        (Lang::Fr, "fmt", "paths") => "Fichiers de convention (.ron) ou dossiers à réécrire",
        (Lang::En, "fmt", "paths") => "Convention files (.ron) or directories to rewrite",
        (Lang::Fr, _, "paths") => {
            "Fichiers de convention (.ron) ou dossiers. Par défaut : ./data, sinon le dossier \
             de données de l'utilisateur"
        }
        (Lang::En, _, "paths") => {
            "Convention files (.ron) or directories. Default: ./data, else the user's data \
             directory"
        }
        (Lang::Fr, _, "lang") => {
            "Langue des messages et de l'interface (par défaut : voir « Langue » plus bas)"
        }
        (Lang::En, _, "lang") => {
            "Language of messages and interface (default: see “Language” below)"
        }
        (Lang::Fr, _, "theme") => {
            "Thème de l'application interactive : default, light, dark, high-contrast, ou un \
             fichier du dossier themes/ du dossier de configuration"
        }
        (Lang::En, _, "theme") => {
            "Theme of the interactive app: default, light, dark, high-contrast, or a file of \
             the config directory's themes/ folder"
        }
        (Lang::Fr, _, "max_file_size") => {
            "Refuser les fichiers plus grands (octets, ou avec K, M, G : 512K, 64M). Par \
             défaut : $REVUE_MAX_FILE_SIZE, sinon 64M"
        }
        (Lang::En, _, "max_file_size") => {
            "Refuse files larger than this (bytes, or with K, M, G: 512K, 64M). Default: \
             $REVUE_MAX_FILE_SIZE, else 64M"
        }
        (Lang::Fr, _, "format") => "Format de sortie",
        (Lang::En, _, "format") => "Output format",
        (Lang::Fr, _, "tolerance") => {
            "Les écarts jusqu'à ce nombre d'euros ne sont pas signalés (0 : comparaison exacte)"
        }
        (Lang::En, _, "tolerance") => {
            "Gaps up to this many euros are not reported (0: exact comparison)"
        }
        (Lang::Fr, _, "underspend") => {
            "Signaler les montants exécutés sous ce pourcentage du prévu"
        }
        (Lang::En, _, "underspend") => "Report executed amounts below this percentage of planned",
        (Lang::Fr, _, "target") => {
            "Signaler les résultats d'indicateurs sous ce pourcentage de leur cible"
        }
        (Lang::En, _, "target") => "Report indicator results below this percentage of their target",
        (Lang::Fr, _, "open_only") => {
            "Seulement les constats pas encore justifiés (ou dont les chiffres ont changé \
             depuis) : l'intégration continue d'un dépôt de données passe une fois chaque \
             constat expliqué"
        }
        (Lang::En, _, "open_only") => {
            "Only findings not yet justified (or whose figures changed since): a data \
             repository's CI passes once every finding is explained"
        }
        (Lang::Fr, "report", "output") => {
            "Écrire dans ce fichier (par défaut : la sortie standard)"
        }
        (Lang::En, "report", "output") => "Write to this file (default: standard output)",
        (Lang::Fr, _, "output") => "Le brouillon à écrire (ne remplace jamais un fichier)",
        (Lang::En, _, "output") => "The draft to write (never replaces a file)",
        (Lang::Fr, "fmt", "check") => {
            "Seulement signaler les fichiers qui ne sont pas en forme canonique ; code de \
             sortie 1 s'il y en a"
        }
        (Lang::En, "fmt", "check") => "Only report files that are not canonical; exit 1 if any",
        (Lang::Fr, "fmt", "force") => {
            "Réécrire même les fichiers dont la forme canonique perd les commentaires (refusés \
             sinon)"
        }
        (Lang::En, "fmt", "force") => {
            "Rewrite even files whose comments the canonical form drops (refused otherwise)"
        }
        (Lang::Fr, _, "force") => {
            "Enregistrer même si les commentaires ou la mise en page de la convention sont \
             perdus"
        }
        (Lang::En, _, "force") => "Save even though the convention's comments or layout are lost",
        (Lang::Fr, "new", "file") => "Le fichier à écrire (jamais remplacé)",
        (Lang::En, "new", "file") => "The file to write (never replaced)",
        (Lang::Fr, "import-table", "file") => "Le tableur à lire (.xlsx, .ods, .csv)",
        (Lang::En, "import-table", "file") => "The spreadsheet to read (.xlsx, .ods, .csv)",
        (Lang::Fr, _, "file") => "Le texte à lire (pdftotext -layout)",
        (Lang::En, _, "file") => "The text to read (pdftotext -layout)",
        (Lang::Fr, _, "kind") => "Type de document",
        (Lang::En, _, "kind") => "Kind of document",
        (Lang::Fr, _, "territory") => "Nom du département (Ardèche)",
        (Lang::En, _, "territory") => "Département name (Ardèche)",
        (Lang::Fr, _, "code") => "Numéro du département tel qu'écrit (07, 2A)",
        (Lang::En, _, "code") => "Département number as written (07, 2A)",
        (Lang::Fr, _, "period") => "Période couverte, telle qu'écrite (2022, 2024-2026)",
        (Lang::En, _, "period") => "Period covered, as written (2022, 2024-2026)",
        (Lang::Fr, _, "sheet") => "La feuille à lire (par défaut : la première)",
        (Lang::En, _, "sheet") => "The sheet to read (default: the first)",
        (Lang::Fr, _, "into") => {
            "Le fichier de convention auquel le tableau est ajouté (enregistré sans risque, \
             avec une sauvegarde)"
        }
        (Lang::En, _, "into") => {
            "The convention file the table is added to (saved safely, with a backup)"
        }
        (Lang::Fr, _, "roles") => {
            "Corriger l'association : COLONNE=RÔLE, COLONNE une lettre, un numéro ou un \
             en-tête ; RÔLE parmi fiche, libelle, etat, departement, total, engage, execute, \
             solde, observations, somme, ignorer"
        }
        (Lang::En, _, "roles") => {
            "Correct the mapping: COLUMN=ROLE, COLUMN a letter, a number or a header; ROLE one \
             of fiche, libelle, etat, departement, total, engage, execute, solde, \
             observations, somme, ignorer"
        }
        (Lang::Fr, _, "compare") => {
            "Une transcription du même document : afficher la part de ses chiffres prévus et \
             exécutés que le brouillon a retrouvés"
        }
        (Lang::En, _, "compare") => {
            "A transcription of the same document: print the share of its planned and \
             executed figures the draft captured"
        }
        (Lang::Fr, _, "shell") => "Le shell",
        (Lang::En, _, "shell") => "The shell",
        (Lang::Fr, _, "commands") => "Les commandes dont afficher l'aide",
        (Lang::En, _, "commands") => "The commands whose help to print",
        (_, _, _) => "",
    }
}

/// The placeholder of an argument's value in usage lines (`<FICHIER>`), by argument.
pub fn arg_value_name(lang: Lang, arg: &str) -> Option<&'static str> {
    Some(match (lang, arg) {
        (Lang::Fr, "paths") => "CHEMINS",
        (Lang::En, "paths") => "PATHS",
        (Lang::Fr, "file") => "FICHIER",
        (Lang::En, "file") => "FILE",
        (Lang::Fr, "lang") => "LANGUE",
        (Lang::En, "lang") => "LANG",
        (Lang::Fr, "theme" | "sheet") => "NOM",
        (Lang::En, "theme" | "sheet") => "NAME",
        (Lang::Fr, "max_file_size") => "TAILLE",
        (Lang::En, "max_file_size") => "SIZE",
        (_, "format") => "FORMAT",
        (Lang::Fr, "kind") => "TYPE",
        (Lang::En, "kind") => "KIND",
        (_, "tolerance") => "EUROS",
        (Lang::Fr, "underspend" | "target") => "POURCENT",
        (Lang::En, "underspend" | "target") => "PERCENT",
        (Lang::Fr, "territory") => "NOM",
        (Lang::En, "territory") => "NAME",
        (_, "code") => "NN",
        (_, "period") => "P",
        (_, "into") => "CONVENTION.ron",
        (Lang::Fr, "roles") => "COLONNE=RÔLE,…",
        (Lang::En, "roles") => "COLUMN=ROLE,…",
        (Lang::Fr, "output") => "FICHIER",
        (Lang::En, "output") => "FILE",
        (Lang::Fr, "compare") => "REFERENCE.ron",
        (Lang::En, "compare") => "REFERENCE.ron",
        (_, "shell") => "SHELL",
        (Lang::Fr, "commands") => "COMMANDE",
        (Lang::En, "commands") => "COMMAND",
        _ => return None,
    })
}

/// Why a size limit is refused (`--max-file-size`, `REVUE_MAX_FILE_SIZE`).
pub fn size_problem(lang: Lang, problem: &crate::problem::SizeProblem) -> String {
    use crate::problem::{SIZE_LIMIT_VARIABLE, SizeProblem as P};
    let text = match (problem, lang) {
        (P::InVariable(inner), _) => {
            return format!("{SIZE_LIMIT_VARIABLE}: {}", size_problem(lang, inner));
        }
        (P::NotASize(text), Lang::Fr) => {
            format!("« {text} » n'est pas une taille (par exemple 64M, 512K, 1G)")
        }
        (P::NotASize(text), Lang::En) => {
            format!("“{text}” is not a size (for example 64M, 512K, 1G)")
        }
        (P::Zero, Lang::Fr) => "la limite de taille doit être supérieure à zéro".to_string(),
        (P::Zero, Lang::En) => "the size limit must be above zero".to_string(),
        (P::TooLarge(text), Lang::Fr) => format!("« {text} » est trop grand"),
        (P::TooLarge(text), Lang::En) => format!("“{text}” is too large"),
    };
    crate::text::sanitize_line(&text).into_owned()
}

/// A settings file (config, theme) that cannot be used, naming it.
pub fn settings_error(lang: Lang, error: &crate::problem::SettingsError) -> String {
    use crate::problem::SettingsErrorKind as K;
    let path = shown(&error.path);
    match &error.kind {
        K::Io(kind) => io_problem(lang, &error.path, kind),
        K::Syntax {
            line,
            column,
            problem: Some(problem),
            ..
        } => format!(
            "{path}:{line}:{column}: {}",
            crate::text::sanitize_line(&syntax_problem(lang, problem))
        ),
        K::Syntax {
            line,
            column,
            problem: None,
            message,
        } => format!(
            "{path}:{line}:{column}: {}",
            crate::text::sanitize_line(&unreadable_ron(lang, message))
        ),
    }
}

/// A RON mistake revue has no typed kind for: said as such, the parser's words quoted.
pub fn unreadable_ron(lang: Lang, parser_says: &str) -> String {
    match lang {
        Lang::Fr => format!(
            "texte RON illisible à cet endroit (le lecteur RON dit : {parser_says}) ; \
             comparez avec FORMAT.md ou un fichier écrit par revue new"
        ),
        Lang::En => format!(
            "unreadable RON text here (the RON reader says: {parser_says}); compare with \
             FORMAT.md or a file written by revue new"
        ),
    }
}

/// A theme that cannot be used.
pub fn theme_problem(lang: Lang, problem: &crate::problem::ThemeProblem) -> String {
    use crate::problem::ThemeProblem as P;
    let clean = |t: &str| crate::text::sanitize_line(t).into_owned();
    match (problem, lang) {
        (P::Unknown { name, builtin }, Lang::Fr) => format!(
            "thème inconnu « {} » (disponibles : {}, ou un fichier NOM.ron du dossier themes/)",
            clean(name),
            builtin.join(", ")
        ),
        (P::Unknown { name, builtin }, Lang::En) => format!(
            "unknown theme “{}” (available: {}, or a file NAME.ron in the themes/ folder)",
            clean(name),
            builtin.join(", ")
        ),
        (P::File(error), _) => settings_error(lang, error),
        (
            P::BadColour {
                path,
                line,
                column,
                colour,
            },
            Lang::Fr,
        ) => format!(
            "{}:{line}:{column}: couleur inconnue « {} » (un nom comme red, light-blue, ou \
             #rrggbb)",
            shown(path),
            clean(colour)
        ),
        (
            P::BadColour {
                path,
                line,
                column,
                colour,
            },
            Lang::En,
        ) => format!(
            "{}:{line}:{column}: unknown colour “{}” (a name such as red, light-blue, or \
             #rrggbb)",
            shown(path),
            clean(colour)
        ),
    }
}

/// The program's name before a message on standard error.
pub fn program_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "revue\u{a0}: ",
        Lang::En => "revue: ",
    }
}

/// A save refused because the file changed on disk since it was loaded.
pub fn changed_since_loaded(lang: Lang) -> String {
    match lang {
        Lang::Fr => typeset(
            lang,
            "le fichier a changé sur le disque depuis son chargement",
        ),
        Lang::En => "the file changed on disk since it was loaded".to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Issue 16: building a convention's structure in the app (axes, fiches, tables, indicators,
// statements), its own fields in the editor, a draft's fiches confirmed.

pub struct StructureStrings {
    pub fiche_id: &'static str,
    pub id_empty: &'static str,
    /// (id) is another fiche's.
    pub id_taken: fn(&str) -> String,
    pub table_title: &'static str,
    /// (column number).
    pub column_name: fn(usize) -> String,
    pub convention_title: &'static str,
    pub period: &'static str,
    pub signed: &'static str,
    /// (party number).
    pub party: fn(usize) -> String,
    /// (axe number).
    pub axe_title: fn(usize) -> String,
    pub axe_total: &'static str,
    /// (statement number).
    pub statement_value: fn(usize) -> String,
    pub statement_text: &'static str,
    /// (claim number).
    pub claim_text: fn(usize) -> String,
    pub claim_operation: &'static str,
    pub claim_operands: &'static str,
    pub claim_stated: &'static str,
    pub operation_name: fn(crate::model::Operation) -> &'static str,
    /// (number) of the document's own indicators.
    pub doc_indicator: fn(usize) -> String,
    /// A new table's columns.
    pub new_label_column: &'static str,
    pub new_amount_column: &'static str,
    /// What a removal question names: (id, title).
    pub what_fiche: fn(&str, &str) -> String,
    /// (id, title, fiches).
    pub what_axe: fn(&str, &str, usize) -> String,
    pub what_row: fn(&str) -> String,
    pub what_table: fn(&str) -> String,
    pub what_indicator: fn(&str) -> String,
    pub what_statement: fn(&str) -> String,
    pub what_claim: fn(&str) -> String,
    pub nothing_here: &'static str,
    pub at_edge: &'static str,
    pub nothing_to_confirm: &'static str,
    /// (fiche id, fiches still unconfirmed).
    pub confirmed: fn(&str, usize) -> String,
    /// The fiche detail's line about a draft's unconfirmed fiche.
    /// (the key that confirms)
    pub unconfirmed_line: fn(&str) -> String,
    /// (what) removed.
    /// (what, the key that undoes)
    pub removed: fn(&str, &str) -> String,
}

pub fn structure(lang: Lang) -> &'static StructureStrings {
    match lang {
        Lang::Fr => &STRUCTURE_FR,
        Lang::En => &STRUCTURE_EN,
    }
}

static STRUCTURE_FR: StructureStrings = StructureStrings {
    fiche_id: "Identifiant de la fiche",
    id_empty: "Une fiche a toujours un identifiant.",
    id_taken: |id| {
        format!("{id} est déjà l'identifiant d'une autre fiche (3-3 et 3.3 sont le même).")
    },
    table_title: "Titre du tableau",
    column_name: |n| format!("Nom de la colonne {n}"),
    convention_title: "Intitulé de la convention",
    period: "Période",
    signed: "Signée le",
    party: |n| format!("Partie {n}"),
    axe_title: |n| format!("Axe {n} : intitulé"),
    axe_total: "  total prévu indiqué",
    statement_value: |n| format!("Énoncé {n} : montant"),
    statement_text: "  phrase",
    claim_text: |n| format!("Calcul {n} : phrase"),
    claim_operation: "  opération",
    doc_indicator: |n| format!("Indicateur du document {n}"),
    claim_operands: "  nombres (séparés par ;)",
    claim_stated: "  résultat indiqué",
    operation_name: |operation| {
        use crate::model::Operation as O;
        match operation {
            O::Sum => "somme (a + b + …)",
            O::Difference => "différence (a − b − …)",
            O::Product => "produit (a × b × …)",
            O::Percentage => "pourcentage (taux % de base : base ; taux)",
            O::GrowthRate => "évolution en % (de ; à)",
            O::PointDifference => "écart en points (de ; à)",
            O::Ratio => "rapport (a ÷ b)",
        }
    },
    new_label_column: "Libellé",
    new_amount_column: "Montant",
    what_fiche: |id, title| format!("la fiche {id} « {title} »"),
    what_axe: |id, title, fiches| match fiches {
        0 => format!("l'axe {id} « {title} »"),
        1 => format!("l'axe {id} « {title} » et sa fiche"),
        n => format!("l'axe {id} « {title} » et ses {n} fiches"),
    },
    what_row: |label| format!("la ligne « {label} »"),
    what_table: |title| format!("le tableau « {title} »"),
    what_indicator: |name| format!("l'indicateur « {name} »"),
    what_statement: |text| format!("l'énoncé « {text} »"),
    what_claim: |text| format!("le calcul « {text} »"),
    nothing_here: "Rien à faire ici pour cette touche (voir ?).",
    at_edge: "Déjà au bout : rien à déplacer de ce côté.",
    nothing_to_confirm: "Cette fiche n'a pas de chiffres importés à confirmer.",
    confirmed: |id, left| match left {
        0 => format!("Fiche {id} confirmée : le brouillon est entièrement confirmé."),
        1 => format!("Fiche {id} confirmée ; 1 fiche reste à confirmer."),
        n => format!("Fiche {id} confirmée ; {n} fiches restent à confirmer."),
    },
    unconfirmed_line: |confirm| {
        format!("◌ Chiffres importés, pas encore confirmés : vérifiez-les puis {confirm}.")
    },
    removed: |what, undo| format!("Supprimé : {what} ({undo} le rétablit)."),
};

static STRUCTURE_EN: StructureStrings = StructureStrings {
    fiche_id: "Fiche id",
    id_empty: "A fiche always has an id.",
    id_taken: |id| format!("{id} is already another fiche's id (3-3 and 3.3 are the same)."),
    table_title: "Table title",
    column_name: |n| format!("Name of column {n}"),
    convention_title: "Convention title",
    period: "Period",
    signed: "Signed on",
    party: |n| format!("Party {n}"),
    axe_title: |n| format!("Axe {n}: title"),
    axe_total: "  stated planned total",
    statement_value: |n| format!("Statement {n}: amount"),
    statement_text: "  sentence",
    claim_text: |n| format!("Calculation {n}: sentence"),
    claim_operation: "  operation",
    doc_indicator: |n| format!("Document indicator {n}"),
    claim_operands: "  numbers (separated by ;)",
    claim_stated: "  stated result",
    operation_name: |operation| {
        use crate::model::Operation as O;
        match operation {
            O::Sum => "sum (a + b + …)",
            O::Difference => "difference (a − b − …)",
            O::Product => "product (a × b × …)",
            O::Percentage => "percentage (rate % of base: base; rate)",
            O::GrowthRate => "growth in % (from; to)",
            O::PointDifference => "change in points (from; to)",
            O::Ratio => "ratio (a ÷ b)",
        }
    },
    new_label_column: "Label",
    new_amount_column: "Amount",
    what_fiche: |id, title| format!("fiche {id} “{title}”"),
    what_axe: |id, title, fiches| match fiches {
        0 => format!("axe {id} “{title}”"),
        1 => format!("axe {id} “{title}” and its fiche"),
        n => format!("axe {id} “{title}” and its {n} fiches"),
    },
    what_row: |label| format!("the row “{label}”"),
    what_table: |title| format!("the table “{title}”"),
    what_indicator: |name| format!("the indicator “{name}”"),
    what_statement: |text| format!("the statement “{text}”"),
    what_claim: |text| format!("the calculation “{text}”"),
    nothing_here: "Nothing for this key to do here (see ?).",
    at_edge: "Already at the end: nothing to move that way.",
    nothing_to_confirm: "This fiche has no imported figures to confirm.",
    confirmed: |id, left| match left {
        0 => format!("Fiche {id} confirmed: the draft is wholly confirmed."),
        1 => format!("Fiche {id} confirmed; 1 fiche left to confirm."),
        n => format!("Fiche {id} confirmed; {n} fiches left to confirm."),
    },
    unconfirmed_line: |confirm| {
        format!("◌ Imported figures, not yet confirmed: check them, then {confirm}.")
    },
    removed: |what, undo| format!("Removed: {what} ({undo} brings it back)."),
};

// ---------------------------------------------------------------------------------------
// Issue 17: a save runs on a worker thread; what the user is told meanwhile.

pub struct BackgroundSaveStrings {
    /// While a save runs (the file named).
    pub saving: fn(&str) -> String,
    /// Ctrl-S while a save runs (the file being saved named).
    pub save_in_progress: fn(&str) -> String,
    /// Quitting waits for the save in flight (the file named).
    pub waiting_for_save: fn(&str) -> String,
}

pub fn background_save(lang: Lang) -> &'static BackgroundSaveStrings {
    match lang {
        Lang::Fr => &BACKGROUND_SAVE_FR,
        Lang::En => &BACKGROUND_SAVE_EN,
    }
}

static BACKGROUND_SAVE_FR: BackgroundSaveStrings = BackgroundSaveStrings {
    saving: |path| format!("Enregistrement… {path}"),
    save_in_progress: |path| {
        format!(
            "Enregistrement en cours ({path}) : attendez qu'il se termine pour enregistrer à nouveau."
        )
    },
    waiting_for_save: |path| format!("Fin de l'enregistrement en attente : {path}"),
};

static BACKGROUND_SAVE_EN: BackgroundSaveStrings = BackgroundSaveStrings {
    saving: |path| format!("Saving… {path}"),
    save_in_progress: |path| {
        format!("A save is running ({path}): wait for it to end before saving again.")
    },
    waiting_for_save: |path| format!("Waiting for the save to end: {path}"),
};

// Issue 18, figures in the user's language: which convention writes the figures.

impl Lang {
    /// How figures are written in this language: `1 207 650,75 €` or `€1,207,650.75`.
    pub fn numbers(self) -> crate::model::NumberStyle {
        match self {
            Lang::Fr => crate::model::NumberStyle::French,
            Lang::En => crate::model::NumberStyle::English,
        }
    }
}

// Issue 18, the English leftovers: every system error typed, a spreadsheet's problems typed.

/// Why a spreadsheet's table cannot be read, with what to do.
pub fn table_read_problem(lang: Lang, problem: &crate::problem::TableReadProblem) -> String {
    use crate::problem::TableReadProblem as P;
    match (lang, problem) {
        (Lang::Fr, P::NotAWorkbook) => {
            "ce n'est pas un classeur xlsx, ods ou xls lisible (endommagé, ou un autre format \
             sous cette extension) : enregistrez-le à nouveau depuis le tableur"
                .to_string()
        }
        (Lang::Fr, P::PasswordProtected) => {
            "classeur protégé par un mot de passe : enregistrez-en une copie sans mot de passe"
                .to_string()
        }
        (Lang::Fr, P::NoSheet) => "le classeur n'a aucune feuille".to_string(),
        (Lang::Fr, P::Damaged(detail)) => format!(
            "feuille endommagée : enregistrez-la à nouveau depuis le tableur ({})",
            crate::text::sanitize_line(detail)
        ),
        (Lang::En, P::NotAWorkbook) => {
            "not a readable xlsx, ods or xls workbook (damaged, or another format under this \
             extension): save it again from the spreadsheet"
                .to_string()
        }
        (Lang::En, P::PasswordProtected) => {
            "workbook protected by a password: save a copy without one".to_string()
        }
        (Lang::En, P::NoSheet) => "the workbook has no sheet".to_string(),
        (Lang::En, P::Damaged(detail)) => format!(
            "damaged sheet: save it again from the spreadsheet ({})",
            crate::text::sanitize_line(detail)
        ),
    }
}
