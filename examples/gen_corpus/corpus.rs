//! A synthetic national corpus of conventions, shaped like the real files of `data/`:
//! one execution report per département and year, ~25 fiches each with French prose of real
//! length, budgets, detailed tables, stated arithmetic, reallocations, indicators, a summary
//! table with its TOTAL row, the State's stated support and axe totals, and a sprinkling of
//! discrepancies of every rule kind.
//!
//! Deterministic: the same parameters and seed give the same bytes. Shared by the
//! `gen_corpus` example and the benchmarks (`benches/national.rs` includes this file).

use std::path::{Path, PathBuf};

use revue::model::{
    Assessment, Axe, Block, Budget, BudgetField, Claim, Column, ColumnRole, Convention,
    ConventionKind, Document, FORMAT_VERSION, Fiche, FicheStatus, Funder, Indicator,
    IndicatorValue, Measure, Operation, Partners, Planned, Reallocation, Row, Scope, Section,
    SectionKind, Source, Statement, StatementScope, Table, TableKind, Territory, Value,
};
use rust_decimal::Decimal;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 0x5EED_2019_CA1D_AE00;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub departements: usize,
    pub years: usize,
    pub first_year: i32,
    pub seed: u64,
    /// Fiches in every convention; `None` draws 20 to 30 per convention, as the real ones
    /// have. A large number makes one large convention (the shape where per-fiche costs show).
    pub fiches_per_convention: Option<usize>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            departements: 101,
            years: 4,
            first_year: 2019,
            seed: DEFAULT_SEED,
            fiches_per_convention: None,
        }
    }
}

/// splitmix64: tiny, fast, and good enough to pick words and amounts.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// The 101 départements: number as written and name.
const DEPARTEMENTS: [(&str, &str); 101] = [
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

const AXES: [&str; 5] = [
    "Les enfants et les jeunes",
    "Premier accueil social inconditionnel et référent de parcours",
    "Le service public de l'insertion et de l'emploi",
    "L'accès aux droits et la lutte contre le non-recours",
    "Les initiatives départementales",
];

const ACTIONS: [&str; 32] = [
    "Accompagner les sorties de l'aide sociale à l'enfance",
    "Prévenir toute sortie sèche des jeunes majeurs",
    "Soutenir la parentalité : informer dès la grossesse",
    "Maraudes mixtes État-Département auprès des familles à la rue",
    "Premier accueil social inconditionnel de proximité",
    "Référent de parcours pour les situations complexes",
    "Orientation des bénéficiaires du RSA en moins d'un mois",
    "Garantie d'activité départementale",
    "Boost emploi : parcours renforcé vers l'emploi durable",
    "Plateforme départementale de l'insertion par l'activité économique",
    "Mobilité solidaire : garage et auto-école sociaux",
    "Lutte contre la précarité énergétique des ménages",
    "Médiation numérique et accès aux droits",
    "Prévention des expulsions locatives",
    "Épicerie sociale et solidaire itinérante",
    "Accueil des jeunes en foyer de jeunes travailleurs",
    "Santé et insertion : lever les freins périphériques",
    "Insertion des bénéficiaires du RSA par le sport",
    "Clauses sociales dans la commande publique",
    "Accompagnement global des demandeurs d'emploi",
    "Formation des travailleurs sociaux à l'aller-vers",
    "Observatoire départemental de la pauvreté",
    "Création d'un centre parental",
    "Coordination des acteurs de l'aide alimentaire",
    "Lieux d'accueil enfants-parents en milieu rural",
    "Service d'accompagnement vers l'autonomie des jeunes",
    "Coup de pouce vers la création d'activité",
    "Remobilisation des publics les plus éloignés de l'emploi",
    "Logement d'abord : intermédiation locative",
    "Garde d'enfants à horaires atypiques",
    "Lutte contre l'illettrisme et l'illectronisme",
    "Dispositif d'écoute et d'orientation des familles",
];

const SUBJECTS: [&str; 12] = [
    "Le Département",
    "L'État",
    "La direction de l'insertion et de l'emploi",
    "Le service de l'aide sociale à l'enfance",
    "Les équipes des maisons départementales de la solidarité",
    "Le référent de parcours",
    "L'association gestionnaire",
    "La caisse d'allocations familiales",
    "Pôle emploi",
    "Les centres communaux d'action sociale",
    "Le conseil départemental",
    "Le comité de pilotage réuni à la préfecture",
];

const VERBS: [&str; 12] = [
    "finance",
    "accompagne",
    "coordonne",
    "met en œuvre",
    "renforce",
    "évalue",
    "développe",
    "pérennise",
    "déploie",
    "soutient",
    "expérimente",
    "généralise",
];

const OBJECTS: [&str; 14] = [
    "l'hébergement et l'accompagnement à l'autonomie des jeunes majeurs",
    "un accueil social inconditionnel à moins de trente minutes de chaque habitant",
    "des ateliers collectifs de remobilisation et de confiance en soi",
    "la levée des freins périphériques à l'emploi (mobilité, garde d'enfants, santé)",
    "l'orientation des bénéficiaires du RSA dans le mois qui suit leur entrée",
    "des actions de prévention des expulsions locatives dès le premier impayé",
    "la médiation numérique et l'accès effectif aux droits sociaux",
    "le repérage des publics les plus éloignés de l'emploi",
    "une plateforme d'insertion par l'activité économique",
    "des parcours renforcés vers l'emploi durable avec des entreprises partenaires",
    "l'apprentissage de la gestion d'un budget et de la vie quotidienne",
    "des permanences d'accès aux droits dans les quartiers prioritaires",
    "un diagnostic partagé des besoins sociaux du territoire",
    "la coordination des interventions autour de la famille",
];

const COMPLEMENTS: [&str; 12] = [
    "en lien étroit avec les partenaires du territoire",
    "dans le cadre de la stratégie nationale de prévention et de lutte contre la pauvreté",
    "sur l'ensemble des territoires, y compris les zones rurales isolées",
    "au bénéfice des jeunes âgés de 18 à 25 ans",
    "avec une attention particulière portée aux familles monoparentales",
    "conformément aux engagements de la convention signée avec l'État",
    "grâce à une équipe pluridisciplinaire (éducateurs spécialisés, conseillère en économie sociale et familiale, juriste)",
    "afin de réduire les délais d'instruction et le non-recours",
    "à raison de deux demi-journées par semaine",
    "après une phase d'expérimentation jugée concluante",
    "sous réserve de la mobilisation des crédits du fonds social européen",
    "pour une durée d'un an renouvelable",
];

const POSITIVES: [&str; 8] = [
    "apprentissage effectif de la vie en autonomie",
    "soutien dans le parcours d'insertion professionnelle avec une intervention en cas de rupture",
    "forte mobilisation des partenaires associatifs",
    "réduction sensible des délais d'orientation",
    "appropriation rapide de l'outil par les travailleurs sociaux",
    "retours très positifs des familles accompagnées",
    "meilleure connaissance réciproque des acteurs de l'insertion",
    "hausse du nombre de sorties vers l'emploi durable",
];

const IMPROVEMENTS: [&str; 8] = [
    "le dispositif de versement de l'allocation est complexe",
    "les jeunes âgés de 17 ans ne peuvent pas accéder à cet hébergement",
    "le recrutement des professionnels a pris du retard",
    "la crise sanitaire a suspendu les ateliers collectifs pendant plusieurs mois",
    "les outils de suivi ne sont pas encore partagés avec l'État",
    "la couverture des territoires ruraux reste insuffisante",
    "les indicateurs ne sont pas tous renseignés par les opérateurs",
    "la communication auprès des publics doit être renforcée",
];

const PARTNERS: [&str; 16] = [
    "UDHAJ",
    "Pôle emploi",
    "Caisse d'allocations familiales",
    "Mission locale",
    "Association départementale d'aide aux jeunes travailleurs",
    "Centre communal d'action sociale de la préfecture",
    "Union départementale des associations familiales",
    "Secours populaire français",
    "Restos du cœur",
    "Agence régionale de santé",
    "Direction départementale de l'emploi, du travail et des solidarités",
    "Fédération des acteurs de la solidarité",
    "Chambre de commerce et d'industrie",
    "Maison de l'emploi et de la formation",
    "Régie de quartier Émergence",
    "Société d'économie mixte de l'habitat",
];

/// Local partners: a kind of structure and where it is.
const LOCAL_PARTNERS: [&str; 10] = [
    "Mission locale",
    "Centre communal d'action sociale",
    "Centre social",
    "Association d'insertion",
    "Maison France services",
    "Régie de quartier",
    "Chantier d'insertion",
    "Épicerie solidaire",
    "Foyer de jeunes travailleurs",
    "Atelier et chantier d'insertion",
];

/// Towns and areas, for local partners, sectors and titles.
const PLACES: [&str; 40] = [
    "Saint-Martin",
    "Villeneuve",
    "Beaumont",
    "Montfort",
    "Bellevue",
    "Saint-Denis",
    "Châteauneuf",
    "Fontaine",
    "Mérignac-la-Forêt",
    "Sainte-Eulalie",
    "Le Puy",
    "Bourg-la-Reine",
    "Pont-l'Évêque",
    "Aiguebelle",
    "Lussac",
    "Mézières",
    "Saint-Étienne-du-Bois",
    "Val-d'Argent",
    "Les Herbiers",
    "Égletons",
    "Rochefort",
    "Saint-Amand",
    "Neufchâteau",
    "Bois-Colombe",
    "Chantonnay",
    "Arles-sur-Tech",
    "Saint-Jean",
    "Montreuil",
    "La Roche",
    "Clermont",
    "Sarrebourg",
    "Vic-sur-Cère",
    "Castelnau",
    "Saint-Pierre",
    "Hénin",
    "Fougères",
    "Privas",
    "Gourdon",
    "Saint-Flour",
    "Mauriac",
];

const INDICATORS: [(&str, u64, u64); 12] = [
    ("Nombre de jeunes accompagnés", 20, 400),
    (
        "Nombre de bénéficiaires du RSA orientés en moins d'un mois",
        100,
        4000,
    ),
    ("Nombre de personnes reçues en premier accueil", 200, 9000),
    ("Nombre de familles accompagnées", 20, 800),
    (
        "Nombre de sorties positives vers l'emploi ou la formation",
        10,
        600,
    ),
    ("Nombre d'ateliers collectifs organisés", 5, 120),
    ("Nombre de référents de parcours formés", 5, 150),
    (
        "Nombre de ménages aidés au titre de la précarité énergétique",
        20,
        900,
    ),
    (
        "Nombre de contrats signés en insertion par l'activité économique",
        10,
        700,
    ),
    ("Nombre de permanences tenues", 10, 300),
    ("Nombre de places créées", 5, 120),
    ("Délai moyen d'orientation (jours)", 10, 60),
];

/// Numbered sections of a fiche, as the execution reports print them.
const S_DESCRIPTION: &str = "1) Description de l'action";
const S_START: &str = "2) Date de mise en place de l'action";
const S_PARTNERS: &str = "3) Partenaires et co-financeurs";
const S_DURATION: &str = "4) Durée de l'action";
const S_BUDGET: &str = "5) Budget";
const S_INDICATORS: &str = "6) Indicateurs";
const S_ASSESSMENT: &str = "7) Bilan d'exécution";
const S_PERSPECTIVES: &str = "8) Perspectives futures de mise en œuvre de l'action";

/// Rough source-line bookkeeping, so every block has a plausible `lines` range.
struct Lines(u32);

impl Lines {
    fn block(&mut self, section: &str, text_len: usize) -> Source {
        let from = self.0 + 1;
        let to = from + (text_len / 90) as u32;
        self.0 = to + 1;
        Source {
            section: section.to_string(),
            lines: Some((from, to)),
            page: None,
        }
    }
}

fn euros(n: u64) -> Decimal {
    Decimal::from(n)
}

fn amount(n: Decimal) -> Value {
    Value::Amount(n)
}

/// `442 998 €`, as a document prints it.
fn written(n: Decimal) -> String {
    format!("{} €", revue::model::format_amount_fr(n)).replace('\u{a0}', " ")
}

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(&SUBJECTS),
        rng.pick(&VERBS),
        rng.pick(&OBJECTS),
        rng.pick(&COMPLEMENTS)
    )
}

/// Prose of `lo..=hi` characters or a sentence more, in paragraphs.
fn prose(rng: &mut Rng, lo: u64, hi: u64) -> String {
    let len = rng.range(lo, hi) as usize;
    let mut text = String::with_capacity(len + 200);
    while text.chars().count() < len {
        if !text.is_empty() {
            text.push_str(if rng.chance(250) { "\n\n" } else { " " });
        }
        text.push_str(&sentence(rng));
    }
    text
}

/// A bullet list as the reports write it: `- item ;` lines, the last ending with a dot.
fn bullets(rng: &mut Rng, items: &[&str], lo: u64, hi: u64) -> String {
    let count = rng.range(lo, hi);
    let mut lines: Vec<String> = (0..count)
        .map(|_| format!("- {}", rng.pick(items)))
        .collect();
    let last = lines.len() - 1;
    for (i, line) in lines.iter_mut().enumerate() {
        line.push_str(if i == last { "." } else { " ;" });
    }
    lines.join("\n")
}

/// Discrepancies planted, per thousand fiches (or files, for file-level ones).
mod rate {
    pub const PARTS: u64 = 15;
    pub const EXECUTED_LINES: u64 = 80;
    pub const EXECUTED_LINES_WRONG: u64 = 120;
    pub const REMAINING: u64 = 15;
    pub const CLAIM_WRONG: u64 = 40;
    pub const COFINANCING: u64 = 20;
    pub const OVERSPEND: u64 = 10;
    pub const UNDERSPEND: u64 = 20;
    pub const TEXT_FIGURE: u64 = 10;
    pub const MALFORMED: u64 = 8;
    pub const MISSING_RESULT: u64 = 25;
    pub const FAR_FROM_TARGET: u64 = 25;
    pub const DETAIL_TABLE: u64 = 150;
    pub const DETAIL_WRONG: u64 = 100;
    pub const CHARGES_RECETTES: u64 = 60;
    pub const UNBALANCED: u64 = 150;
    pub const REALLOCATION: u64 = 40;
    pub const REALLOCATION_WRONG: u64 = 150;
    pub const TABLE_ROW_DIFFERS: u64 = 10;
    pub const TABLE_SOLDE: u64 = 8;
    // Per file.
    pub const TABLE_TOTAL: u64 = 60;
    pub const STATE_SUPPORT: u64 = 60;
    pub const AXE_TOTAL: u64 = 40;
    pub const SYNTHESIS_DIFFERS: u64 = 150;
}

/// One fiche's stated figures, before they are written into the model.
struct Figures {
    etat: Decimal,
    departement: Decimal,
    others: Vec<(String, Decimal)>,
    total: Decimal,
    executed: Decimal,
}

fn figures(rng: &mut Rng) -> Figures {
    let etat = euros(rng.range(20, 600) * 1000 + rng.range(0, 9) * 100);
    let departement = if rng.chance(600) {
        etat
    } else {
        etat + euros(rng.range(1, 200) * 500)
    };
    let mut others = Vec::new();
    if rng.chance(150) {
        let name = (*rng.pick(&["FSE+", "CAF", "React-EU", "ARS"])).to_string();
        others.push((name, euros(rng.range(5, 120) * 1000)));
    }
    let total = etat + departement + others.iter().map(|(_, a)| *a).sum::<Decimal>();
    // Executed between 55 % and 100 % of planned, sometimes with cents.
    let share = rng.range(550, 1000);
    let mut executed = (total * Decimal::from(share) / Decimal::from(1000)).round_dp(0);
    if rng.chance(200) && executed > Decimal::ONE {
        executed -= Decimal::new(rng.range(1, 99) as i64, 2);
    }
    Figures {
        etat,
        departement,
        others,
        total,
        executed,
    }
}

fn fiche_id(style: u64, axe: usize, n: usize, global: usize) -> String {
    match style {
        0 => format!("{}-{}", axe + 1, n + 1),
        1 => format!("{}.{}", axe + 1, n + 1),
        _ => format!("FICHE {}", global + 1),
    }
}

/// How a summary table names a fiche: sometimes with the other separator, as real
/// documents mix them.
fn table_link(rng: &mut Rng, id: &str) -> String {
    if rng.chance(300) && !id.starts_with("FICHE") {
        id.replace('-', "·").replace('.', "-").replace('·', ".")
    } else {
        id.to_string()
    }
}

fn fiche(
    rng: &mut Rng,
    place: &str,
    lines: &mut Lines,
    id: String,
    year: i32,
    reallocating: &mut usize,
) -> Fiche {
    let mut title = (*rng.pick(&ACTIONS)).to_string();
    if rng.chance(300) {
        title.push_str(&format!(" ({})", rng.pick(&PLACES)));
    }
    let start = lines.0;
    let description = prose(rng, 400, 1200);
    let description = Block {
        source: lines.block(S_DESCRIPTION, description.len()),
        text: description,
    };
    let start_text = format!(
        "{} {}",
        rng.pick(&["Janvier", "Mars", "Avril", "Septembre", "Octobre"]),
        year - rng.range(0, 1) as i32
    );
    let start_block = Block {
        source: lines.block(S_START, 10),
        text: start_text,
    };
    let duration = prose(rng, 100, 250);
    let duration = Block {
        source: lines.block(S_DURATION, duration.len()),
        text: duration,
    };
    // National bodies, and local ones named after their town or the département.
    let names: Vec<String> = (0..rng.range(2, 6))
        .map(|_| match rng.range(0, 3) {
            0 | 1 => (*rng.pick(&PARTNERS)).to_string(),
            2 => format!("{} de {}", rng.pick(&LOCAL_PARTNERS), rng.pick(&PLACES)),
            _ => format!("{} ({place})", rng.pick(&LOCAL_PARTNERS)),
        })
        .collect();
    let partners = Partners {
        text: if rng.chance(500) {
            format!("{} partenaires. Pas de co-financeurs", names.len())
        } else {
            String::new()
        },
        source: lines.block(S_PARTNERS, names.len() * 60),
        names,
    };

    let f = figures(rng);
    let mut planned = Planned {
        label: "Budget prévisionnel figurant dans la convention".to_string(),
        etat: Some(amount(f.etat)),
        departement: Some(amount(f.departement)),
        others: f
            .others
            .iter()
            .map(|(name, a)| Funder {
                name: name.clone(),
                amount: amount(*a),
            })
            .collect(),
        total: Some(amount(f.total)),
    };
    if rng.chance(rate::PARTS) {
        // somme: the shares do not make the stated total.
        planned.total = Some(amount(f.total + euros(rng.range(1, 40) * 1000)));
    }
    if rng.chance(rate::COFINANCING) {
        // cofinancement: the State pays more than the Département.
        let (etat, departement) = (f.departement + euros(10_000), f.etat);
        planned.etat = Some(amount(etat));
        planned.departement = Some(amount(departement));
        planned.total = Some(amount(
            etat + departement + (f.total - f.etat - f.departement),
        ));
    }
    let planned_total = planned
        .total
        .as_ref()
        .and_then(Value::amount)
        .unwrap_or(f.total);
    let mut executed = f.executed;
    if rng.chance(rate::OVERSPEND) {
        executed = planned_total + euros(rng.range(1, 50) * 1000);
    } else if rng.chance(rate::UNDERSPEND) {
        executed = (planned_total * Decimal::from(rng.range(5, 40)) / Decimal::from(100)).round();
    }
    let mut remaining = planned_total - executed;
    if remaining < Decimal::ZERO {
        remaining = Decimal::ZERO;
    }
    if rng.chance(rate::REMAINING) {
        // solde: remaining ≠ planned − executed.
        remaining += euros(rng.range(1, 30) * 1000);
    }
    let mut budget = Budget {
        period: Some(year.to_string()),
        planned: Some(planned),
        executed: Some(amount(executed)),
        remaining: Some(amount(remaining)),
        text: format!(
            "Le budget {year} de l'action s'élève à {} dont {} au titre de l'État.",
            written(planned_total),
            written(f.etat)
        ),
        ..Budget::default()
    };
    if rng.chance(rate::EXECUTED_LINES) {
        let first = (executed * Decimal::from(rng.range(30, 70)) / Decimal::from(100)).round();
        let mut second = executed - first;
        if rng.chance(rate::EXECUTED_LINES_WRONG) {
            second += euros(rng.range(1, 20) * 100);
        }
        budget.executed_lines = vec![
            Funder {
                name: "Part État".into(),
                amount: amount(first),
            },
            Funder {
                name: "Part Département".into(),
                amount: amount(second),
            },
        ];
    }
    if rng.chance(rate::TEXT_FIGURE) {
        // montant-texte: words where the executed amount should be.
        budget.executed = Some(Value::Text(
            (*rng.pick(&["Oui.", "non communiqué", "en cours de consolidation"])).to_string(),
        ));
    } else if rng.chance(rate::MALFORMED) {
        // montant-texte: a malformed figure, with its likely reading.
        let whole = executed.trunc();
        let text = revue::model::format_amount_fr(whole).replace('\u{a0}', ".");
        budget.executed = Some(Value::Text(format!("{text}.40 €")));
    }
    if rng.chance(rate::DETAIL_TABLE) {
        budget.tables.push(valorisation(rng, planned_total));
    }
    if rng.chance(rate::CHARGES_RECETTES) {
        let (charges, recettes) = charges_recettes(rng, planned_total);
        budget.tables.push(charges);
        budget.tables.push(recettes);
    }
    if remaining > Decimal::ZERO && rng.chance(rate::REALLOCATION) {
        *reallocating += 1;
    }
    budget.source = lines.block(S_BUDGET, 600);

    let indicators = (0..rng.range(1, 4))
        .map(|_| indicator(rng, lines, year))
        .collect();
    let mut claims = Vec::new();
    for _ in 0..rng.range(0, 2) {
        claims.push(claim(rng, lines, f.etat));
    }
    let positives = bullets(rng, &POSITIVES, 2, 4);
    let improvements = bullets(rng, &IMPROVEMENTS, 1, 3);
    let assessment = Assessment {
        text: if rng.chance(400) {
            prose(rng, 150, 400)
        } else {
            String::new()
        },
        source: lines.block(S_ASSESSMENT, positives.len() + improvements.len()),
        positives,
        improvements,
    };
    let perspectives = prose(rng, 150, 450);
    let perspectives = Block {
        source: lines.block(S_PERSPECTIVES, perspectives.len()),
        text: perspectives,
    };
    Fiche {
        id,
        title,
        measure: String::new(),
        scope: if rng.chance(700) {
            Scope::Socle
        } else {
            Scope::InitiativeDepartementale
        },
        status: Some(*rng.pick(&[
            FicheStatus::Nouvelle,
            FicheStatus::Renforcee,
            FicheStatus::Existante,
        ])),
        status_text: String::new(),
        description: Some(description),
        objective: None,
        area: None,
        start: Some(start_block),
        duration: Some(duration),
        partners: Some(partners),
        budget: Some(budget),
        indicators,
        assessment: Some(assessment),
        perspectives: Some(perspectives),
        claims,
        sections: Vec::new(),
        source: Source {
            section: String::new(),
            lines: Some((start + 1, lines.0)),
            page: None,
        },
    }
}

fn indicator(rng: &mut Rng, lines: &mut Lines, year: i32) -> Indicator {
    let (name, lo, hi) = *rng.pick(&INDICATORS);
    let name = if rng.chance(300) {
        format!("{name} — secteur de {}", rng.pick(&PLACES))
    } else {
        name.to_string()
    };
    let mut values = Vec::new();
    for y in [year - 1, year] {
        let target = rng.range(lo, hi);
        let mut result = Some(Value::Number(Decimal::from(
            target * rng.range(60, 130) / 100,
        )));
        if y == year && rng.chance(rate::MISSING_RESULT) {
            // indicateur: no result for a year that has passed.
            result = None;
        } else if y == year && rng.chance(rate::FAR_FROM_TARGET) {
            // indicateur: far below target.
            result = Some(Value::Number(Decimal::from(
                (target * rng.range(10, 40) / 100).max(1),
            )));
        }
        values.push(IndicatorValue {
            year: y,
            measure: Measure::Target,
            value: Some(Value::Number(Decimal::from(target))),
            note: String::new(),
        });
        values.push(IndicatorValue {
            year: y,
            measure: Measure::Result,
            value: result,
            note: if rng.chance(100) {
                format!("Du 01-01-{y} au 31-12-{y}")
            } else {
                String::new()
            },
        });
    }
    Indicator {
        name,
        unit: None,
        baseline_label: "situation au 31/12/2018".to_string(),
        baseline: Some(Value::Number(Decimal::from(rng.range(lo, hi)))),
        values,
        note: String::new(),
        source: lines.block(S_INDICATORS, 200),
    }
}

/// "Etat : 182 619 € + 38 880 € = 221 499 €", sometimes with a slip.
fn claim(rng: &mut Rng, lines: &mut Lines, etat: Decimal) -> Claim {
    let wrong = rng.chance(rate::CLAIM_WRONG);
    let slip = if wrong {
        euros(rng.range(1, 9) * 10)
    } else {
        Decimal::ZERO
    };
    if rng.chance(500) {
        let first = (etat * Decimal::from(rng.range(20, 80)) / Decimal::from(100)).round();
        let second = etat - first;
        let stated = etat + slip;
        Claim {
            text: format!(
                "Etat : {} + {} = {}",
                written(first),
                written(second),
                written(stated)
            ),
            operation: Operation::Sum,
            operands: vec![first, second],
            stated: amount(stated),
            approximate: false,
            bound: None,
            uncertain: false,
            source: lines.block("5) Budget a)", 60),
        }
    } else {
        let cost = euros(rng.range(30, 90) * 1000);
        let count = Decimal::from(rng.range(2, 14));
        let stated = cost * count + slip;
        Claim {
            text: format!(
                "{} bruts chargés/an X {count}, soit {}",
                written(cost),
                written(stated)
            ),
            operation: Operation::Product,
            operands: vec![cost, count],
            stated: amount(stated),
            approximate: false,
            bound: None,
            uncertain: false,
            source: lines.block("5) Budget b)", 60),
        }
    }
}

/// Valued staff time adding up to the planned total (or not quite).
fn valorisation(rng: &mut Rng, total: Decimal) -> Table {
    let columns = vec![
        Column {
            name: "Poste".into(),
            role: Some(ColumnRole::Label),
        },
        Column {
            name: "Montant".into(),
            role: Some(ColumnRole::Summed),
        },
    ];
    let parts = rng.range(2, 5);
    let mut rows = Vec::new();
    let mut left = total;
    for i in 0..parts {
        let part = if i + 1 == parts {
            left
        } else {
            (left * Decimal::from(rng.range(20, 50)) / Decimal::from(100)).round()
        };
        left -= part;
        rows.push(Row {
            fiche: None,
            heading: false,
            subtotal: None,
            part_of: None,
            cells: vec![
                Some(Value::Text(format!(
                    "{} ({} ETP)",
                    rng.pick(&[
                        "Travailleur social",
                        "Conseillère en économie sociale et familiale",
                        "Chargé de mission insertion",
                        "Psychologue",
                        "Secrétariat",
                    ]),
                    rng.range(1, 9)
                ))),
                Some(amount(part)),
            ],
        });
    }
    if rng.chance(rate::DETAIL_WRONG)
        && let Some(Some(Value::Amount(a))) = rows[0].cells.get_mut(1)
    {
        // somme: the detail lines miss the stated cost.
        *a += euros(10_000);
    }
    Table {
        id: "valorisation".into(),
        title: "Coûts valorisés".into(),
        kind: TableKind::Valorisation,
        columns,
        rows,
        total: None,
        sums_to: Some(BudgetField::PlannedTotal),
        uncertain: false,
        note: String::new(),
        source: Source::default(),
    }
}

fn charges_recettes(rng: &mut Rng, total: Decimal) -> (Table, Table) {
    let table = |id: &str, title: &str, kind, labels: &[&str], total: Decimal| {
        let columns = vec![
            Column {
                name: "Poste".into(),
                role: Some(ColumnRole::Label),
            },
            Column {
                name: "Montant".into(),
                role: Some(ColumnRole::Summed),
            },
        ];
        let mut rows = Vec::new();
        let mut left = total;
        for (i, label) in labels.iter().enumerate() {
            let part = if i + 1 == labels.len() {
                left
            } else {
                (left / Decimal::TWO).round()
            };
            left -= part;
            rows.push(Row {
                fiche: None,
                heading: false,
                subtotal: None,
                part_of: None,
                cells: vec![Some(Value::Text((*label).into())), Some(amount(part))],
            });
        }
        Table {
            id: id.into(),
            title: title.into(),
            kind,
            columns,
            rows,
            total: Some(Row {
                fiche: None,
                heading: false,
                subtotal: None,
                part_of: None,
                cells: vec![Some(Value::Text("TOTAL".into())), Some(amount(total))],
            }),
            sums_to: None,
            uncertain: false,
            note: String::new(),
            source: Source::default(),
        }
    };
    let charges = table(
        "charges",
        "Charges",
        TableKind::Charges,
        &[
            "Frais de personnel",
            "Achats et prestations",
            "Frais de structure",
        ],
        total,
    );
    let recettes_total = if rng.chance(rate::UNBALANCED) {
        // somme: charges ≠ recettes.
        total - euros(rng.range(1, 20) * 1000)
    } else {
        total
    };
    let recettes = table(
        "recettes",
        "Recettes",
        TableKind::Recettes,
        &["Subvention État", "Participation du Département"],
        recettes_total,
    );
    (charges, recettes)
}

fn column(name: &str, role: ColumnRole) -> Column {
    Column {
        name: name.into(),
        role: Some(role),
    }
}

/// The document's financial table: one row per fiche, a heading per axe, the TOTAL row.
fn summary_table(rng: &mut Rng, axes: &[Axe], lines: &mut Lines) -> Table {
    let mut rows = Vec::new();
    let mut sums = [Decimal::ZERO; 3];
    for axe in axes {
        rows.push(Row {
            fiche: None,
            heading: true,
            subtotal: None,
            part_of: None,
            cells: vec![
                Some(Value::Text(format!("AXE {}", axe.id))),
                None,
                None,
                None,
            ],
        });
        for fiche in &axe.fiches {
            let budget = fiche.budget.as_ref().expect("every fiche has a budget");
            let planned = revue::rules::planned_total(budget);
            let used = budget.executed.as_ref().and_then(Value::amount);
            let mut cells = vec![Some(Value::Text(format!("{} {}", fiche.id, fiche.title)))];
            let mut figures = [planned, used, None];
            figures[2] = match (planned, used) {
                (Some(p), Some(u)) => Some(p - u),
                _ => None,
            };
            if let Some(p) = figures[0]
                && rng.chance(rate::TABLE_ROW_DIFFERS)
            {
                // meme-montant: the table gives the fiche another figure.
                figures[0] = Some(p + euros(rng.range(1, 50) * 10_000));
                figures[2] = figures[2].map(|r| r + (figures[0].unwrap() - p));
            }
            if let Some(r) = figures[2]
                && rng.chance(rate::TABLE_SOLDE)
            {
                // solde, in the table this time.
                figures[2] = Some(r + euros(rng.range(1, 9) * 1000));
            }
            for (i, figure) in figures.iter().enumerate() {
                if let Some(f) = figure {
                    sums[i] += f;
                }
                cells.push(figure.map(amount));
            }
            rows.push(Row {
                fiche: Some(table_link(rng, &fiche.id)),
                heading: false,
                subtotal: None,
                part_of: None,
                cells,
            });
        }
    }
    if rng.chance(rate::TABLE_TOTAL) {
        // somme: a column that does not add up to its TOTAL row.
        sums[0] += euros(rng.range(1, 9) * 1000);
        sums[2] += euros(rng.range(1, 9) * 1000);
    }
    let total = Row {
        fiche: None,
        heading: false,
        subtotal: None,
        part_of: None,
        cells: vec![
            Some(Value::Text("TOTAL".into())),
            Some(amount(sums[0])),
            Some(amount(sums[1])),
            Some(amount(sums[2])),
        ],
    };
    let source = lines.block("Tableau financier des crédits utilisés", rows.len() * 90);
    Table {
        id: "tableau-financier".into(),
        title: "Tableau financier des crédits utilisés".into(),
        kind: TableKind::Summary,
        columns: vec![
            column("Projets", ColumnRole::Label),
            column(
                "Montant prévu",
                ColumnRole::Budget(BudgetField::PlannedTotal),
            ),
            column("Engagé", ColumnRole::Budget(BudgetField::Engaged)),
            column("Solde", ColumnRole::Budget(BudgetField::Remaining)),
        ],
        rows,
        total: Some(total),
        sums_to: None,
        uncertain: false,
        note: String::new(),
        source,
    }
}

/// Moves part of some fiches' remaining credit to other fiches of the same document, with
/// the receiving fiche quoting it — or not, or to a fiche that does not exist, or not adding up.
fn reallocate(rng: &mut Rng, axes: &mut [Axe], candidates: usize) {
    let ids: Vec<(usize, usize)> = axes
        .iter()
        .enumerate()
        .flat_map(|(a, axe)| (0..axe.fiches.len()).map(move |f| (a, f)))
        .collect();
    for _ in 0..candidates {
        let &(a, f) = rng.pick(&ids);
        let giver = &axes[a].fiches[f];
        let budget = giver.budget.as_ref().expect("every fiche has a budget");
        let Some(remaining) = budget.remaining.as_ref().and_then(Value::amount) else {
            continue;
        };
        if remaining < euros(2000) || !budget.reallocations.is_empty() {
            continue;
        }
        let from_id = giver.id.clone();
        let first = (remaining / Decimal::TWO).round_dp(0);
        let mut parts = vec![first, remaining - first];
        let wrong = rng.chance(rate::REALLOCATION_WRONG);
        if wrong {
            // reattribution: more (error) or less (warning) than the remaining credit.
            if rng.chance(500) {
                parts[1] += euros(1000);
            } else {
                parts[1] -= euros(1000);
            }
        }
        let mut reallocations = Vec::new();
        for part in parts {
            let &(ra, rf) = rng.pick(&ids);
            let unknown = wrong && rng.chance(300);
            let to_id = if unknown {
                "9-99".to_string()
            } else {
                axes[ra].fiches[rf].id.clone()
            };
            if !(unknown || wrong && rng.chance(300)) {
                let receiver = axes[ra].fiches[rf].budget.as_mut().expect("budget");
                receiver.text.push_str(&format!(
                    " Réattribution de {} depuis la fiche {from_id}.",
                    written(part)
                ));
            }
            reallocations.push(Reallocation {
                amount: amount(part),
                to_fiche: Some(to_id),
                to: String::new(),
                source: Source::default(),
            });
        }
        axes[a].fiches[f]
            .budget
            .as_mut()
            .expect("budget")
            .reallocations = reallocations;
    }
}

fn convention(
    rng: &mut Rng,
    number: &str,
    name: &str,
    year: i32,
    index: usize,
    fiches: Option<usize>,
) -> Convention {
    let mut lines = Lines(40);
    let id_style = rng.range(0, 2);
    let kind = if index % 4 == 3 {
        ConventionKind::Avenant
    } else {
        ConventionKind::RapportExecution
    };
    let sections: Vec<Section> = [
        ("1", "Objet de la convention", SectionKind::Article),
        (
            "2",
            "Engagements financiers de l'État",
            SectionKind::Article,
        ),
        ("", "Synthèse de l'exécution", SectionKind::Synthese),
    ]
    .into_iter()
    .map(|(id, title, kind)| {
        let text = prose(rng, 500, 1500);
        Section {
            kind,
            id: id.into(),
            title: title.into(),
            source: lines.block(title, text.len()),
            text,
        }
    })
    .collect();
    let drawn = rng.range(20, 30) as usize;
    let fiche_count = fiches.unwrap_or(drawn);
    let mut per_axe = [0usize; 5];
    for i in 0..fiche_count {
        per_axe[if i < 10 {
            i % 5
        } else {
            rng.range(0, 4) as usize
        }] += 1;
    }
    let mut global = 0;
    let mut reallocating = 0;
    let axes: Vec<Axe> = AXES
        .iter()
        .enumerate()
        .map(|(a, title)| {
            let fiches = (0..per_axe[a])
                .map(|n| {
                    let id = fiche_id(id_style, a, n, global);
                    global += 1;
                    fiche(rng, name, &mut lines, id, year, &mut reallocating)
                })
                .collect();
            Axe {
                id: (a + 1).to_string(),
                title: (*title).to_string(),
                description: String::new(),
                fiches,
                source: Source::default(),
            }
        })
        .collect();
    let mut axes = axes;
    reallocate(rng, &mut axes, reallocating);

    let tables = vec![summary_table(rng, &axes, &mut lines)];
    let etat_sum: Decimal = axes
        .iter()
        .flat_map(|a| &a.fiches)
        .filter_map(|f| f.budget.as_ref()?.planned.as_ref()?.etat.as_ref()?.amount())
        .sum();
    let mut support = etat_sum;
    if rng.chance(rate::STATE_SUPPORT) {
        // agregat: the State's stated support is not the sum of its shares.
        support += euros(rng.range(1, 90) * 1000);
    }
    let state_support = Statement {
        scope: StatementScope::Convention,
        field: Some(BudgetField::PlannedEtat),
        about: None,
        bound: None,
        uncertain: false,
        value: amount(support),
        text: format!(
            "L'État s'engage à verser au Département la somme de {} au titre de l'année {year}.",
            written(support)
        ),
        source: lines.block("Article 2.2", 100),
    };
    let mut statements = Vec::new();
    for axe in &axes {
        let mut sum: Decimal = axe
            .fiches
            .iter()
            .filter_map(|f| revue::rules::planned_total(f.budget.as_ref()?))
            .sum();
        if rng.chance(rate::AXE_TOTAL) {
            // agregat: an axe total that is not its fiches'.
            sum += euros(rng.range(1, 9) * 5000);
        }
        statements.push(Statement {
            scope: StatementScope::Axe(axe.id.clone()),
            field: Some(BudgetField::PlannedTotal),
            about: None,
            bound: None,
            uncertain: false,
            value: amount(sum),
            text: format!("Total de l'axe {} : {}", axe.id, written(sum)),
            source: lines.block("Synthèse de l'exécution", 90),
        });
    }
    if let Some(fiche) = axes.first().and_then(|a| a.fiches.first())
        && let Some(planned) = fiche.budget.as_ref().and_then(revue::rules::planned_total)
    {
        let stated = if rng.chance(rate::SYNTHESIS_DIFFERS) {
            // meme-montant: the synthesis quotes the fiche differently.
            planned + euros(25_000)
        } else {
            planned
        };
        statements.push(Statement {
            scope: StatementScope::Fiche(fiche.id.clone()),
            field: Some(BudgetField::PlannedTotal),
            about: None,
            bound: None,
            uncertain: false,
            value: amount(stated),
            text: format!(
                "La fiche {} mobilise {} en {year}.",
                fiche.id,
                written(stated)
            ),
            source: lines.block("Synthèse de l'exécution", 90),
        });
    }
    let title = format!(
        "CALPAE {name} — Synthèse, bilan des fiches actions et tableau financier des crédits utilisés, année {} ({year})",
        index + 1
    );
    Convention {
        version: FORMAT_VERSION,
        title,
        kind,
        territory: Territory {
            name: name.into(),
            number: number.into(),
        },
        period: year.to_string(),
        years: Some((year, year)),
        parties: vec![
            format!("Le préfet du département ({name})"),
            format!("Le président du conseil départemental ({name})"),
        ],
        signed: format!("{} juin {}", rng.range(1, 28), year),
        transmitted: String::new(),
        deadlines: Vec::new(),
        state_support: Some(state_support),
        document: Document {
            title: "Synthèse, bilan des fiches actions et tableau financier des crédits utilisés"
                .into(),
            file: format!("synthetique-{number}-{year}.txt"),
            source_document: None,
            reference: format!(
                "Commission permanente du {} avril {} - Rapport n° {}",
                rng.range(1, 28),
                year + 1,
                rng.range(1, 120)
            ),
        },
        sections,
        axes,
        tables,
        statements,
        claims: Vec::new(),
        indicators: Vec::new(),
        draft: None,
    }
}

/// Every convention of the corpus with its file name, in a fixed order.
pub fn generate(params: Params) -> Vec<(String, Convention)> {
    let mut out = Vec::with_capacity(params.departements * params.years);
    for d in 0..params.departements {
        let (number, name) = match DEPARTEMENTS.get(d) {
            Some(&(number, name)) => (number.to_string(), name.to_string()),
            None => (format!("{}", 100 + d), format!("Département n° {}", d + 1)),
        };
        for y in 0..params.years {
            let year = params.first_year + y as i32;
            // One stream per file: a file's content does not depend on the others.
            let mut rng = Rng::new(
                params.seed ^ ((d as u64) << 32 | y as u64).wrapping_mul(0x2545_F491_4F6C_DD1D),
            );
            let convention = convention(
                &mut rng,
                &number,
                &name,
                year,
                y,
                params.fiches_per_convention,
            );
            let file = format!("cd{}-{year}-rapport-execution.ron", number.to_lowercase());
            out.push((file, convention));
        }
    }
    out
}

/// Writes the corpus into `dir` (created if needed); returns the paths written.
pub fn write(dir: &Path, params: Params) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut paths = Vec::new();
    for (file, convention) in generate(params) {
        let path = dir.join(file);
        std::fs::write(&path, revue::storage::to_ron_string(&convention))?;
        paths.push(path);
    }
    Ok(paths)
}
