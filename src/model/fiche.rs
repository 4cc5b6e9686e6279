use serde::{Deserialize, Serialize};

use super::{Budget, Claim, Indicator, Section, Source};

/// One action of a convention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fiche {
    /// The id as written: `1-1`, `2.1`, `FICHE 12`, `1.1.1`.
    pub id: String,
    pub title: String,
    /// The measure it belongs to, as written (`2.1 Premier accueil social inconditionnel`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FicheStatus>,
    /// The status line as printed (`Fiche action déjà existante qui a été actualisée`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Block>,
    /// Objective (PDI catalogue, summary tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Block>,
    /// Geographic area (PDI: "Secteur géographique").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partners: Option<Partners>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspectives: Option<Block>,
    /// Arithmetic stated in this fiche's prose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Any other numbered section the document gives (`Action déjà financée au titre du FAPI`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The whole fiche in its document.
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// Mesure socle (annexe A) or initiative départementale / hors socle (annexe B).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Socle,
    InitiativeDepartementale,
    #[default]
    NonPrecise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FicheStatus {
    Nouvelle,
    Renforcee,
    Existante,
}

/// A block of text with where it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partners {
    /// Partners and co-financers named, one each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The paragraph as printed when it says more than the names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}

/// Bilan d'exécution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub positives: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub improvements: String,
    #[serde(default, skip_serializing_if = "Source::is_empty")]
    pub source: Source,
}
