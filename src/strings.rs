//! Every user-visible string, in French (the default) and English.
//!
//! Kept in one place so a translation is one file and a reviewer can read every message.

use crate::model::{ConventionKind, Scope};

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

pub fn scope_name(lang: Lang, scope: Scope) -> &'static str {
    match (lang, scope) {
        (Lang::Fr, Scope::Socle) => "socle",
        (Lang::Fr, Scope::InitiativeDepartementale) => "initiative départementale",
        (Lang::Fr, Scope::NonPrecise) => "non précisé",
        (Lang::En, Scope::Socle) => "core measure",
        (Lang::En, Scope::InitiativeDepartementale) => "département initiative",
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
    planned_departement: "Planned Département",
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
        (Lang::En, F::PlannedDepartement) => "planned Département",
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
        format!("State share ({etat}) above the Département's ({dep}): co-financing not matched")
    },
    overspend: |label, used, planned, pct| {
        format!(
            "{} {used} against {planned} planned ({pct} %): overspend",
            capitalise(label)
        )
    },
    underspend: |label, used, planned, pct, threshold| {
        format!(
            "{} {used} against {planned} planned ({pct} %, below the {threshold} % threshold)",
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
        format!("“{name}” in {year}: {result} against a target of {target} ({pct} %)")
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
        format!("(planned total written “{raw}”: measured against État + Département = {sum})")
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
            "State spent ({etat}) above the Département's ({dep}): co-financing not matched on spending"
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
    pub status_hint: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub picker_title: &'static str,
    pub sort_label: &'static str,
    pub filter_label: &'static str,
    pub search_title: &'static str,
    /// (results, capped at the palette's limit, how many far below the best)
    pub search_count: fn(usize, bool, usize) -> String,
    pub search_hint: &'static str,
    // Issue 17 / issue 19 item 9 (search every text, index built in steps).
    /// What each kind of result is (`search::Kind`, in its order).
    pub search_kinds: [&'static str; crate::search::KINDS],
    /// The palette's title while the index is being built: the search runs when it is done.
    pub search_indexing: &'static str,
    /// The palette's hint when a result is selected: the tab Enter shows it in.
    pub search_hint_to: fn(&str) -> String,
    /// Enter on a section of the document, which no tab shows: its title, said so.
    pub search_section_found: fn(&str) -> String,
    pub sort_names: [&'static str; 3],
    pub budget_view_fiches: &'static str,
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
    pub action_help: fn(crate::app::Action) -> &'static str,
    pub nothing_to_edit: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub nothing_to_save: &'static str,
    pub amount_refused: fn(&str) -> String,
    pub journal_failed: fn(&str) -> String,
    pub saved: fn(&str) -> String,
    pub save_failed: fn(&str) -> String,
    pub reloaded: fn(&str) -> String,
    pub changed_on_disk: fn(&str) -> String,
    pub recovered: &'static str,
    pub modified: &'static str,
    pub editor_title: &'static str,
    pub editor_hint: &'static str,
    pub editor_hint_row: &'static str,
    pub editor_hint_typing: &'static str,
    pub editor_hint_multiline: &'static str,
    pub dialog_quit: &'static str,
    pub dialog_format_loss: fn(&str) -> String,
    pub dialog_conflict: fn(&str) -> String,
    pub dialog_recover: fn(&str) -> String,
    pub field_names: fn(crate::app::edit::Field) -> String,
    // Sessions, reloads and pastes (issue 13).
    pub read_only: fn(&str) -> String,
    pub held_by: fn(&str, u32) -> String,
    pub dialog_already_open: fn(&str) -> String,
    pub dialog_notice_close: &'static str,
    pub editor_target_gone: fn(&str, Option<&str>) -> String,
    pub editor_field_gone: fn(Option<&str>) -> String,
    pub editor_field_changed: fn(&str) -> String,
    pub recovery_deferred: &'static str,
    pub file_missing: fn(&str) -> String,
    pub paste_ignored: &'static str,
    pub dialog_remove_item: fn(&str) -> String,
    pub dialog_missing: fn(&str) -> String,
    pub find_label: &'static str,
    pub found: fn(&str, usize) -> String,
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
    status_hint: "? aide · c conventions · q quitter",
    help_title: "Aide — touches",
    help_close: "Échap ou ? pour fermer",
    picker_title: "Conventions",
    sort_label: "tri",
    filter_label: "filtre",
    nothing_to_edit: "Rien à modifier ici : choisissez une fiche ou une ligne de tableau.",
    nothing_to_undo: "Rien à annuler.",
    nothing_to_redo: "Rien à rétablir.",
    nothing_to_save: "Aucune modification à enregistrer.",
    amount_refused: |why| {
        format!("{why} — écrivez par exemple 1 207 650,75 ou 1207650.75 (Échap pour annuler)")
    },
    journal_failed: |why| format!("Journal de secours impossible à écrire : {why}"),
    saved: |path| format!("Enregistré : {path}"),
    save_failed: |why| format!("Échec de l'enregistrement : {why}"),
    reloaded: |path| format!("Rechargé depuis le disque : {path}"),
    changed_on_disk: |path| {
        format!("{path} a changé sur le disque ; l'enregistrement vous demandera quoi faire")
    },
    recovered: "Modifications non enregistrées restaurées : Ctrl-S pour les enregistrer.",
    modified: "modifié",
    editor_title: "Modifier",
    editor_hint: "Entrée : modifier · a : ajouter · d : supprimer · Échap : fermer",
    editor_hint_row: "Entrée : modifier · Échap : fermer",
    editor_hint_typing: "Entrée : valider · Échap : annuler",
    editor_hint_multiline: "Ctrl-S : valider · Entrée : nouvelle ligne · Échap : annuler",
    dialog_quit: "Des modifications ne sont pas enregistrées.\n\n[e] enregistrer et quitter · [a] abandonner et quitter · Échap : rester",
    dialog_format_loss: |path| {
        format!(
            "{path} n'est pas sous forme canonique : l'enregistrer le réécrira (commentaires et mise en forme perdus, les données restent).\n\n[o] enregistrer quand même · Échap : annuler"
        )
    },
    dialog_conflict: |path| {
        format!(
            "{path} a changé sur le disque depuis son chargement.\n\n[r] recharger (abandonner mes modifications) · [o] écraser · [c] enregistrer une copie · Échap : annuler"
        )
    },
    dialog_recover: |paths| {
        format!(
            "Des modifications non enregistrées ont survécu à un arrêt brutal :\n{paths}\n\n[r] restaurer · [i] ignorer (les effacer) · Échap : décider plus tard"
        )
    },
    field_names: |field| crate::app::edit::field_name(crate::strings::Lang::Fr, field),
    read_only: |path| {
        format!(
            "Lecture seule : {path} est ouvert dans une autre session revue ; rien n'y sera modifié ni enregistré."
        )
    },
    held_by: |path, pid| format!("  {path} (processus {pid})"),
    dialog_already_open: |paths| {
        format!(
            "Ces fichiers sont déjà ouverts en modification par une autre session revue :\n{paths}\n\n[l] lecture seule · [o] modifier quand même · [q] quitter · Échap : lecture seule"
        )
    },
    dialog_notice_close: "Entrée ou Échap : fermer",
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
    editor_field_changed: |now| {
        format!(
            "Ce champ a changé sur le disque pendant la saisie (il vaut maintenant « {now} ») : Entrée le remplace par votre saisie, Échap annule."
        )
    },
    recovery_deferred: "Récupération reportée : les modifications restent dans le journal et seront proposées au prochain démarrage.",
    file_missing: |path| {
        format!("{path} a été supprimé ou renommé sur le disque ; Ctrl-S l'écrira de nouveau.")
    },
    paste_ignored: "Collage ignoré : ouvrez d'abord un champ (e), la recherche (/) ou le filtre (f).",
    dialog_remove_item: |what| {
        format!(
            "Supprimer {what} ? Les chiffres qu'il porte disparaissent (u les rétablit).\n\n[o] supprimer · Échap : garder"
        )
    },
    find_label: "chercher dans la fiche",
    found: |words, n| match n {
        0 => format!("« {words} » : aucune occurrence"),
        1 => format!("« {words} » : 1 occurrence · > / <"),
        n => format!("« {words} » : {n} occurrences · > / <"),
    },
    dialog_missing: |path| {
        format!(
            "{}.\n\n[e] l'écrire de nouveau à cet endroit · [c] enregistrer une copie · Échap : annuler",
            (storage(Lang::Fr).missing_on_disk)(path)
        )
    },
    dialog_read_only_file: |path| {
        format!(
            "{}\n\n[o] écraser · Échap : annuler",
            (storage(Lang::Fr).read_only_question)(path)
        )
    },
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
    search_hint: "Entrée : aller · ↑/↓ : choisir · Échap : fermer",
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
    search_hint_to: |tab| format!("Entrée : aller dans {tab} · ↑/↓ : choisir · Échap : fermer"),
    search_section_found: |title| {
        format!("Section du document « {title} » : son texte est lu dans la recherche")
    },
    sort_names: ["sévérité", "convention", "fiche"],
    budget_view_fiches: "Budgets des fiches",
    budget_views_hint: "←/→ : colonnes, autres tableaux",
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
        use crate::app::{Action as A, Tab};
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
        "Département",
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
    status_hint: "? help · c conventions · q quit",
    help_title: "Help — keys",
    help_close: "Esc or ? to close",
    picker_title: "Conventions",
    sort_label: "sort",
    filter_label: "filter",
    nothing_to_edit: "Nothing to edit here: pick a fiche or a table row.",
    nothing_to_undo: "Nothing to undo.",
    nothing_to_redo: "Nothing to redo.",
    nothing_to_save: "No change to save.",
    amount_refused: |why| format!("{why} — write e.g. 1 207 650,75 or 1207650.75 (Esc to cancel)"),
    journal_failed: |why| format!("Could not write the recovery journal: {why}"),
    saved: |path| format!("Saved: {path}"),
    save_failed: |why| format!("Save failed: {why}"),
    reloaded: |path| format!("Reloaded from disk: {path}"),
    changed_on_disk: |path| format!("{path} changed on disk; saving will ask what to do"),
    recovered: "Unsaved edits restored: Ctrl-S to save them.",
    modified: "modified",
    editor_title: "Edit",
    editor_hint: "Enter: edit · a: add · d: delete · Esc: close",
    editor_hint_row: "Enter: edit · Esc: close",
    editor_hint_typing: "Enter: confirm · Esc: cancel",
    editor_hint_multiline: "Ctrl-S: confirm · Enter: new line · Esc: cancel",
    dialog_quit: "Some edits are not saved.\n\n[e] save and quit · [a] discard and quit · Esc: stay",
    dialog_format_loss: |path| {
        format!(
            "{path} is not in canonical form: saving rewrites it (comments and layout lost, the data stays).\n\n[o] save anyway · Esc: cancel"
        )
    },
    dialog_conflict: |path| {
        format!(
            "{path} changed on disk since it was loaded.\n\n[r] reload (drop my edits) · [o] overwrite · [c] save a copy · Esc: cancel"
        )
    },
    dialog_recover: |paths| {
        format!(
            "Unsaved edits survived a crash:\n{paths}\n\n[r] restore · [i] ignore (erase them) · Esc: decide later"
        )
    },
    field_names: |field| crate::app::edit::field_name(crate::strings::Lang::En, field),
    read_only: |path| {
        format!(
            "Read-only: {path} is open in another revue session; nothing in it will be changed or saved."
        )
    },
    held_by: |path, pid| format!("  {path} (process {pid})"),
    dialog_already_open: |paths| {
        format!(
            "These files are already open for editing in another revue session:\n{paths}\n\n[l] read-only · [o] edit anyway · [q] quit · Esc: read-only"
        )
    },
    dialog_notice_close: "Enter or Esc: close",
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
    editor_field_changed: |now| {
        format!(
            "This field changed on disk while you typed (it is now \u{201c}{now}\u{201d}): Enter replaces it with what you typed, Esc cancels."
        )
    },
    recovery_deferred: "Recovery postponed: the edits stay in the journal and will be offered at the next start.",
    file_missing: |path| {
        format!("{path} was deleted or renamed on disk; Ctrl-S will write it again.")
    },
    paste_ignored: "Paste ignored: open a field (e), the search (/) or the filter (f) first.",
    dialog_remove_item: |what| {
        format!(
            "Remove {what}? The figures it holds go with it (u brings them back).\n\n[y] remove · Esc: keep"
        )
    },
    find_label: "find in the fiche",
    found: |words, n| match n {
        0 => format!("\u{201c}{words}\u{201d}: not found"),
        1 => format!("\u{201c}{words}\u{201d}: 1 match · > / <"),
        n => format!("\u{201c}{words}\u{201d}: {n} matches · > / <"),
    },
    dialog_missing: |path| {
        format!(
            "{}.\n\n[w] write it again there · [c] save a copy · Esc: cancel",
            (storage(Lang::En).missing_on_disk)(path)
        )
    },
    dialog_read_only_file: |path| {
        format!(
            "{}\n\n[y] overwrite · Esc: cancel",
            (storage(Lang::En).read_only_question)(path)
        )
    },
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
    search_hint: "Enter: go · ↑/↓: choose · Esc: close",
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
    search_hint_to: |tab| format!("Enter: go to {tab} · ↑/↓: choose · Esc: close"),
    search_section_found: |title| {
        format!("Section of the document “{title}”: its text is read in the search")
    },
    sort_names: ["severity", "convention", "fiche"],
    budget_view_fiches: "Fiche budgets",
    budget_views_hint: "←/→: columns, other tables",
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
        use crate::app::{Action as A, Tab};
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
        }
    },
};

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
    kind: &crate::storage::IoProblemKind,
) -> String {
    format!("{}: {}", shown(path), io_problem_kind(lang, kind))
}

/// What happened to a file, without the file.
pub fn io_problem_kind(lang: Lang, kind: &crate::storage::IoProblemKind) -> String {
    use crate::storage::{IoProblemKind as K, SpecialFile as S};
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
    };
    text.to_string()
}

/// `52428800` → `50.0 Mio (52428800 octets)`.
fn size_text(lang: Lang, bytes: u64) -> String {
    const MIB: f64 = (1 << 20) as f64;
    let (unit, bytes_word) = match lang {
        Lang::Fr => ("Mio", "octets"),
        Lang::En => ("MiB", "bytes"),
    };
    if bytes >= 1 << 20 {
        format!("{:.1} {unit} ({bytes} {bytes_word})", bytes as f64 / MIB)
    } else {
        format!("{bytes} {bytes_word}")
    }
}

/// A load error, naming the file (and the line and column of a syntax error).
pub fn load_error(lang: Lang, error: &crate::storage::LoadError) -> String {
    use crate::storage::{LoadErrorKind as K, SIZE_LIMIT_VARIABLE};
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
            crate::text::sanitize_line(message)
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
pub fn syntax_problem(lang: Lang, problem: &crate::storage::SyntaxProblem) -> String {
    use crate::storage::SyntaxProblem as P;
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

fn expected_fr(shape: &crate::storage::ExpectedShape) -> String {
    use crate::storage::ExpectedShape as S;
    match shape {
        S::Text => "un texte entre guillemets (\"…\")".to_string(),
        S::Integer => "un nombre entier sans guillemets (2019)".to_string(),
        S::Boolean => "true ou false".to_string(),
        S::List => "une liste entre crochets ([…])".to_string(),
        S::Struct(Some(name)) => format!("{name} : des champs entre parenthèses ((nom: …))"),
        S::Struct(None) => "des champs entre parenthèses ((nom: …))".to_string(),
        S::Other => "une autre valeur".to_string(),
    }
}

fn expected_en(shape: &crate::storage::ExpectedShape) -> String {
    use crate::storage::ExpectedShape as S;
    match shape {
        S::Text => "a text in quotes (\"…\")".to_string(),
        S::Integer => "a whole number without quotes (2019)".to_string(),
        S::Boolean => "true or false".to_string(),
        S::List => "a list in brackets ([…])".to_string(),
        S::Struct(Some(name)) => format!("{name}: fields in parentheses ((name: …))"),
        S::Struct(None) => "fields in parentheses ((name: …))".to_string(),
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
             {expected} ({percent} %), {wrong} wrong; ≠ wrong, - missed, + extra"
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
    pub legend: [&'static str; 2],
    pub overview: &'static str,
    pub overview_stated: &'static str,
    pub overview_fiches: &'static str,
    pub state_support: &'static str,
    pub anomalies_this_convention: &'static str,
    pub anomalies_all: &'static str,
    pub anomalies_scope_hint: &'static str,
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
    ],
    overview: "Convention",
    overview_stated: "indiqué",
    overview_fiches: "total des fiches",
    state_support: "Soutien de l'État",
    anomalies_this_convention: "cette convention",
    anomalies_all: "toutes les conventions",
    anomalies_scope_hint: "←/→ : cette convention / toutes",
    other_place: "Entrée : l'autre endroit du montant",
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
    ],
    overview: "Convention",
    overview_stated: "stated",
    overview_fiches: "the fiches add up to",
    state_support: "State support",
    anomalies_this_convention: "this convention",
    anomalies_all: "all conventions",
    anomalies_scope_hint: "←/→: this convention / all",
    other_place: "Enter: the amount's other place",
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
    pub filters_hint: &'static str,
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
    filters_hint: "d disposition · n note · v filtre · o source",
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
    filters_hint: "d disposition · n note · v filter · o source",
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
pub fn review_load_error(lang: Lang, error: &crate::storage::LoadError) -> String {
    // `load_error` names the file: add only what revue does about it.
    (review(lang).unreadable_review)(&load_error(lang, error))
}
