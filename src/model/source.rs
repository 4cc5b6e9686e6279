use serde::{Deserialize, Serialize};

/// Where a block comes from in its source document: the section as printed and,
/// when known, the line range in the text conversion shipped in `shared/seeds/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<(u32, u32)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Source {
    pub fn is_empty(&self) -> bool {
        self.section.is_empty() && self.lines.is_none() && self.page.is_none()
    }

    /// Short human form: `§ 5) Budget, l. 188–204`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.section.is_empty() {
            parts.push(format!("§ {}", self.section));
        }
        if let Some(page) = self.page {
            parts.push(format!("p. {page}"));
        }
        if let Some((from, to)) = self.lines {
            if from == to {
                parts.push(format!("l. {from}"));
            } else {
                parts.push(format!("l. {from}–{to}"));
            }
        }
        parts.join(", ")
    }
}
