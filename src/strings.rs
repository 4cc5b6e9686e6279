//! Every user-visible string, in French (the default) and English.
//!
//! Kept in one place so a translation is one file and a reviewer can read every message.

use crate::model::{ConventionKind, Scope};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
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

/// Labels of the command-line reports.
pub struct CliStrings {
    pub territory: &'static str,
    pub kind: &'static str,
    pub fiches: &'static str,
    pub planned_etat: &'static str,
    pub planned_departement: &'static str,
    pub planned_total: &'static str,
    pub unreadable_not_counted: fn(usize) -> String,
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
    load_failed: "unreadable file",
    no_convention: "no convention found",
};
