//! Drafting a convention from the text of a PDF (`pdftotext -layout`, or the same text with
//! light markup): fiche headings and ids, budget blocks, indicator tables, and the line of
//! every figure. What it cannot read for sure it leaves out: a draft with a gap is checked by
//! a person, a draft with a wrong figure misleads one.

use rust_decimal::Decimal;

use crate::model::{
    Axe, Budget, Convention, ConventionKind, Document, Draft, FORMAT_VERSION, Fiche, Funder,
    Indicator, IndicatorValue, Measure, Planned, Scope, Source, Value, parse_amount,
};
use crate::search::normalise;

/// One line of the text, without its markup (`**`, `#`, `<b>`), and its 1-based number.
#[derive(Debug, Clone)]
struct Line {
    number: u32,
    text: String,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The cells of a table row (`pdftotext` keeps tabs, or runs of spaces, between columns).
    fn cells(&self) -> Vec<String> {
        let text = self.text.trim_end();
        let parts: Vec<&str> = if text.contains('\t') {
            text.split('\t').collect()
        } else {
            text.split("   ").collect()
        };
        parts.into_iter().map(|c| c.trim().to_string()).collect()
    }
}

fn strip_markup(raw: &str) -> String {
    let mut text = raw.replace("<b>", "").replace("</b>", "");
    for tag in ["<sup>", "</sup>", "<i>", "</i>"] {
        text = text.replace(tag, "");
    }
    let text = text.replace("**", "");
    let trimmed = text.trim_start();
    let without_hashes = trimmed.trim_start_matches('#');
    if without_hashes.len() != trimmed.len() {
        without_hashes.trim_start().trim_end().to_string()
    } else {
        text.trim_end().to_string()
    }
}

/// A figure found in a line: its value and the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    value: Value,
}

/// Euro amounts of a piece of text: digit groups followed by `€` or `euros`, read with the one
/// amount grammar; a group that grammar refuses is kept as the text it is.
fn amounts(text: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let is_separator = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | ',');
    while i < chars.len() {
        let (start, c) = chars[i];
        let starts_number = c.is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].1.is_alphanumeric() || matches!(chars[i - 1].1, '/' | '-')));
        if !starts_number {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            // A separator belongs to the number only between digits.
            let continues = c.is_ascii_digit()
                || (is_separator(c) && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()));
            if !continues {
                break;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let number = &text[start..end];
        let after = text[end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        let is_euro = after.starts_with('€') || normalise(after).starts_with("euro");
        let is_date_part = after.starts_with('/');
        if is_euro && !is_date_part {
            let value = match parse_amount(number) {
                Ok(amount) => Value::Amount(amount),
                Err(_) => Value::Text(format!("{number} €")),
            };
            found.push(Found { value });
        }
        i = j.max(i + 1);
    }
    found
}

/// A table cell that is a figure and nothing else (`240 000`, `116 306`, `1 518 000 €`).
fn whole_amount(cell: &str) -> Option<Value> {
    let cell = cell.trim().trim_end_matches('.');
    if cell.is_empty() || !cell.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    parse_amount(cell).ok().map(Value::Amount)
}

/// The figure a labelled line or cell states: after the last `=` when it gives a sum
/// (`182 619 € + 38 880 € = 221 499 €`), else its first amount, else the cell as a whole.
fn stated_figure(text: &str) -> Option<Value> {
    let tail = text.rsplit_once('=').map_or(text, |(_, after)| after);
    // `83 694 + 52 000€ (…)`: the first figure of the cell.
    let first = tail.split('+').next().unwrap_or(tail);
    amounts(first)
        .into_iter()
        .next()
        .map(|f| f.value)
        .or_else(|| whole_amount(first))
}

/// Which planned figure a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Etat,
    Departement,
    Total,
    Executed,
    Engaged,
}

fn role_of_label(label: &str) -> Option<Role> {
    let key = normalise(label);
    let key = key
        .trim()
        .trim_end_matches(':')
        .trim()
        .trim_start_matches("- ")
        .to_string();
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let first = words[0];
    let rest = &words[1..];
    let subject = match first {
        "part" | "budget" | "par" => rest.first().copied().unwrap_or(""),
        _ => first,
    };
    if key.starts_with("total execute") {
        return Some(Role::Executed);
    }
    match subject {
        "etat" => Some(Role::Etat),
        "cd13" | "cd77" | "cd" | "departement" | "departementale" | "departemental" => {
            Some(Role::Departement)
        }
        "total" if words.len() <= 2 => Some(Role::Total),
        _ => None,
    }
}

/// The figures read from a fiche's budget block, each with the line it comes from.
#[derive(Debug, Default)]
struct BudgetRead {
    etat: Option<(Value, u32)>,
    departement: Option<(Value, u32)>,
    total: Option<(Value, u32)>,
    executed: Option<(Value, u32)>,
    engaged: Option<(Value, u32)>,
    remaining: Option<(Value, u32)>,
    executed_lines: Vec<(Funder, u32)>,
    label: String,
}

impl BudgetRead {
    fn set(&mut self, role: Role, value: Value, line: u32) {
        let slot = match role {
            Role::Etat => &mut self.etat,
            Role::Departement => &mut self.departement,
            Role::Total => &mut self.total,
            Role::Executed => &mut self.executed,
            Role::Engaged => &mut self.engaged,
        };
        // The last statement wins: a budget's "Détail financement" comes after the project's
        // charges and recettes, whose TOTAL is not the fiche's.
        *slot = Some((value, line));
    }

    fn figure_count(&self) -> usize {
        [
            &self.etat,
            &self.departement,
            &self.total,
            &self.executed,
            &self.engaged,
            &self.remaining,
        ]
        .iter()
        .filter(|f| f.is_some())
        .count()
            + self.executed_lines.len()
    }
}

/// Reads a budget block: labelled lines (`Etat : 221 499 €`, `Part Etat⇥855 883€`), a
/// two-row table (`Budget Etat⇥Budget Département` over `110 000€⇥305 000 €`), and the
/// executed and remaining sub-blocks of an execution report (`b) Budget exécuté`, `c) Solde`).
fn read_budget(lines: &[Line]) -> BudgetRead {
    let mut read = BudgetRead::default();
    let mut sub = SubBlock::Planned;
    let mut executed_block: Vec<&Line> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        let key = normalise(&line.text);
        let key = key.trim();
        index += 1;
        if line.is_blank() {
            continue;
        }
        if let Some(next) = sub_block_of(key) {
            if sub == SubBlock::Executed {
                read_executed(&executed_block, &mut read);
                executed_block.clear();
            }
            sub = next;
            if next == SubBlock::Planned && read.label.is_empty() {
                read.label = line
                    .text
                    .trim()
                    .trim_start_matches(|c: char| c.is_alphanumeric() && c.is_ascii_lowercase())
                    .trim_start_matches(')')
                    .trim()
                    .to_string();
                if read.label.len() < 3 {
                    read.label.clear();
                }
            }
            continue;
        }
        match sub {
            SubBlock::Executed => {
                executed_block.push(line);
                continue;
            }
            SubBlock::Remaining => {
                if read.remaining.is_none()
                    && let Some(value) = amounts(&line.text).into_iter().next()
                {
                    read.remaining = Some((value.value, line.number));
                }
                continue;
            }
            SubBlock::Planned => {}
        }
        // `Le coût (total) du projet est de 415 000 € par an.`
        if is_cost_sentence(key) {
            if let Some(found) = amounts(&line.text).into_iter().next() {
                read.set(Role::Total, found.value, line.number);
            }
            continue;
        }
        let cells = line.cells();
        let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        // A header row of roles, with the figures on the next non-blank line.
        let header_roles: Vec<Option<Role>> = cells.iter().map(|c| role_of_label(c)).collect();
        if filled.len() >= 2 && filled.iter().all(|c| role_of_label(c).is_some()) {
            if let Some(values) = lines[index..].iter().find(|l| !l.is_blank()) {
                let value_cells = values.cells();
                // `Par année⇥110 000€⇥305 000 €` under `⇥Budget Etat⇥Budget Département`.
                for (role, cell) in header_roles.iter().zip(&value_cells) {
                    if let (Some(role), Some(value)) = (role, stated_figure(cell)) {
                        read.set(*role, value, values.number);
                    }
                }
            }
            continue;
        }
        // A labelled line: `Etat : …`, `Part Etat⇥…`, `Département⇥150 000€`.
        let (label, rest) = match line.text.split_once(':') {
            Some((label, rest)) if !line.text.contains('\t') => {
                (label.to_string(), rest.to_string())
            }
            // A label and its figure; not a row of a wider table (`TOTAL⇥⇥⇥⇥2,49⇥136 798,38`).
            _ if filled.len() == 2 && cells.len() <= 3 => (filled[0].clone(), filled[1].clone()),
            _ => continue,
        };
        if let Some(role) = role_of_label(&label)
            && let Some(value) = stated_figure(rest.split('\t').next().unwrap_or(&rest))
        {
            read.set(role, value, line.number);
        }
    }
    if sub == SubBlock::Executed {
        read_executed(&executed_block, &mut read);
    }
    read
}

/// `le cout du projet est de`, `le cout total de l'action est de`: the fiche's stated cost.
fn is_cost_sentence(key: &str) -> bool {
    let key = key.trim_start_matches("- ");
    [
        "le cout du projet est de",
        "le cout total du projet est de",
        "le cout total de l'action est de",
        "le cout de l'action est de",
    ]
    .iter()
    .any(|start| key.starts_with(start))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubBlock {
    Planned,
    Executed,
    Remaining,
}

/// `a) Budget prévisionnel…`, `b) Budget exécuté`, `c) Solde…`.
fn sub_block_of(key: &str) -> Option<SubBlock> {
    let key = key.trim_start_matches("- ");
    let lettered =
        key.len() > 3 && key.as_bytes()[1] == b')' && key.as_bytes()[0].is_ascii_lowercase();
    if !lettered {
        return None;
    }
    if key.contains("execut") {
        Some(SubBlock::Executed)
    } else if key.contains("solde") || key.contains("ecart") {
        Some(SubBlock::Remaining)
    } else if key.contains("previsionnel") {
        Some(SubBlock::Planned)
    } else {
        None
    }
}

/// The executed sub-block: `Total exécuté : 73 690 €`, `Soit 70 000 €`, `Mandaté … : 106 780 €`,
/// a lone figure, engaged amounts (`650 000 € engagés`), or payment lines; a lone text
/// (`Oui.`) where the figure should be is kept as text.
fn read_executed(block: &[&Line], read: &mut BudgetRead) {
    let mut lines_with_amounts = Vec::new();
    for line in block {
        let key = normalise(&line.text);
        let found = amounts(&line.text);
        let Some(first) = found.first() else {
            continue;
        };
        if key.contains("total execute") || key.trim_start().starts_with("soit") {
            read.set(Role::Executed, first.value.clone(), line.number);
            return;
        }
        if key.contains("engage") && !key.contains("a engager") {
            read.set(Role::Engaged, first.value.clone(), line.number);
            return;
        }
        if key.contains("mandat") {
            read.set(Role::Executed, first.value.clone(), line.number);
            return;
        }
        lines_with_amounts.push((*line, first.value.clone()));
    }
    let non_blank: Vec<&&Line> = block.iter().filter(|l| !l.is_blank()).collect();
    match (lines_with_amounts.as_slice(), non_blank.as_slice()) {
        ([(line, value)], [_]) => read.set(Role::Executed, value.clone(), line.number),
        ([], [only]) => {
            let text = only.text.trim().to_string();
            read.set(Role::Executed, Value::Text(text), only.number)
        }
        (several, _) if several.len() > 1 && several.len() == non_blank.len() => {
            for (line, value) in several {
                let name = line
                    .text
                    .split_once('(')
                    .map(|(_, rest)| rest.trim_end().trim_end_matches(')').trim().to_string())
                    .unwrap_or_else(|| line.text.trim().to_string());
                read.executed_lines.push((
                    Funder {
                        name,
                        amount: value.clone(),
                    },
                    line.number,
                ));
            }
        }
        _ => {}
    }
}

/// Reads the indicator tables of a fiche: a header row starting with `Indicateur` whose other
/// cells are years (`2018`, `Résultat 2019`, `2022`), and its rows up to a blank line.
fn read_indicators(lines: &[Line]) -> Vec<Indicator> {
    let mut indicators = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let header = lines[index].cells();
        index += 1;
        let is_header = header.len() >= 2
            && normalise(header.first().map_or("", String::as_str)).starts_with("indicateur");
        if !is_header {
            continue;
        }
        let has_result = header.iter().any(|h| normalise(h).contains("resultat"));
        let years: Vec<Option<(i32, Option<Measure>)>> = header
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let year = cell
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 4)?
                    .parse::<i32>()
                    .ok()?;
                let key = normalise(cell);
                let measure = if key.contains("resultat") || key.contains("realise") {
                    Some(Measure::Result)
                } else if has_result {
                    // The year before the results: the baseline.
                    None
                } else {
                    Some(Measure::Target)
                };
                (column > 0).then_some((year, measure))
            })
            .collect();
        while index < lines.len() && !lines[index].is_blank() {
            let row = &lines[index];
            index += 1;
            let cells = row.cells();
            let Some(name) = cells.first().filter(|n| !n.is_empty()) else {
                continue;
            };
            let mut indicator = Indicator {
                name: name.clone(),
                source: Source {
                    lines: Some((row.number, row.number)),
                    ..Source::default()
                },
                ..Indicator::default()
            };
            for (column, year) in years.iter().enumerate() {
                let Some((year, measure)) = year else {
                    continue;
                };
                let cell = cells.get(column).map_or("", String::as_str).trim();
                let value = indicator_value(cell);
                match measure {
                    None => {
                        indicator.baseline_label = year.to_string();
                        indicator.baseline = value;
                    }
                    Some(measure) => indicator.values.push(IndicatorValue {
                        year: *year,
                        measure: *measure,
                        value,
                        note: String::new(),
                    }),
                }
            }
            indicators.push(indicator);
        }
    }
    indicators
}

/// `95%` → a percent, `51` → a number, anything else verbatim; an empty cell is no value.
fn indicator_value(cell: &str) -> Option<Value> {
    if cell.is_empty() {
        return None;
    }
    if let Some(percent) = cell.strip_suffix('%')
        && let Ok(number) = parse_amount(percent.trim())
    {
        return Some(Value::Percent(number));
    }
    if cell
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == ',')
        && let Ok(number) = parse_amount(cell)
    {
        return Some(Value::Number(number));
    }
    Some(Value::Text(cell.to_string()))
}

/// A fiche heading: `AXE 1 (JEUNES) – FICHE SOCLE 1-1`, `FICHE 12` on a heading line; not a
/// table of contents entry (`….. 8`). Returns the id as written, the axe it names and the scope.
fn fiche_heading(raw: &str, text: &str) -> Option<(String, Option<String>, Scope)> {
    if raw.contains("....") || raw.contains('\t') {
        return None;
    }
    let upper = text.trim().to_uppercase();
    let at = upper.find("FICHE")?;
    let before = upper[..at].trim();
    let after = upper[at + "FICHE".len()..].trim();
    let (scope, after) = if let Some(rest) = after.strip_prefix("HORS SOCLE") {
        (Scope::InitiativeDepartementale, rest.trim())
    } else if let Some(rest) = after.strip_prefix("SOCLE") {
        (Scope::Socle, rest.trim())
    } else {
        (Scope::NonPrecise, after)
    };
    let id_ok = !after.is_empty()
        && after
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        && after.starts_with(|c: char| c.is_ascii_digit());
    if !id_ok {
        return None;
    }
    let axe_ok = before.is_empty() || before.starts_with("AXE");
    if !axe_ok {
        return None;
    }
    let axe =
        (!before.is_empty()).then(|| before.trim_end_matches(['–', '-', '—']).trim().to_string());
    let id = if before.is_empty() && !after.contains(['-', '.']) {
        format!("FICHE {after}")
    } else {
        after.to_string()
    };
    Some((id, axe, scope))
}

/// A budget section's heading inside a fiche: `5) Budget`, `5. Budget détaillé sur 2022 :`,
/// `V. Budget détaillé pour 2022`, `Budget détaillé sur 2019-2022 :`.
fn is_budget_heading(key: &str) -> bool {
    let key = key.trim();
    let body = key
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x'))
        .trim_start_matches([')', '.'])
        .trim();
    body.starts_with("budget") && key.len() < 60
}

/// A numbered section heading that ends a budget block: `6) Indicateurs`, `VI. Action …`,
/// `6. Objectifs et progression`. (A table row, `1.1⇥Entretien…`, is never one: the caller
/// checks.)
fn ends_budget(key: &str) -> bool {
    let key = key.trim();
    if is_budget_heading(key) {
        return false;
    }
    let numbered = {
        let digits = key.chars().take_while(|c| c.is_ascii_digit()).count();
        let roman = key
            .chars()
            .take_while(|c| matches!(c, 'i' | 'v' | 'x'))
            .count();
        let n = digits.max(roman);
        n > 0 && matches!(key.chars().nth(n), Some(')' | '.')) && key.len() < 90
    };
    numbered
        || key.starts_with("action deja financee")
        || key.starts_with("objectifs")
        || key.starts_with("indicateur")
}

/// What the draft holds and how much of it was read.
#[derive(Debug, Clone)]
pub struct Drafted {
    pub convention: Convention,
    /// Figures read into budgets (planned, engaged, executed, remaining, executed lines).
    pub figures: usize,
}

/// Drafts a convention from a document's text. `file` names the text file, for the citations.
pub fn draft_from_text(text: &str, file: &str, draft_title: &str) -> Drafted {
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| Line {
            number: i as u32 + 1,
            text: strip_markup(raw),
        })
        .collect();
    let raw_lines: Vec<&str> = text.lines().collect();

    // Fiche headings, and where each fiche ends: at the next fiche, or at a top-level part
    // (`# TABLEAU FINANCIER…`, `## Annexe B…`).
    let mut headings = Vec::new();
    let mut catalogue: Vec<CatalogueAction> = Vec::new();
    let mut measure = String::new();
    let mut catalogue_axe: Option<String> = None;
    for (index, line) in lines.iter().enumerate() {
        if let Some(found) = fiche_heading(raw_lines[index], &line.text) {
            headings.push((index, found));
        } else if let Some(action) =
            catalogue_action(&lines, index, &measure, catalogue_axe.as_deref())
        {
            catalogue.push(action);
        } else if let Some(name) = axe_line(&line.text) {
            catalogue_axe = Some(name);
        } else if is_measure_line(&line.text) {
            measure = line.text.trim().to_string();
        }
    }
    let is_part_break = |index: usize| {
        let raw = raw_lines[index].trim_start();
        let key = normalise(&lines[index].text);
        raw.starts_with('#')
            && (key.contains("annexe") || key.contains("tableau") || key.starts_with("bilan des"))
    };
    let mut axes: Vec<Axe> = Vec::new();
    let mut figures = 0;
    let mut annex_scope = Scope::NonPrecise;
    let mut scan = 0;
    for (n, (start, (id, axe_name, scope))) in headings.iter().enumerate() {
        // An annex heading before the fiche sets its scope (annexe A: socle, B: initiative).
        while scan < *start {
            let key = normalise(&lines[scan].text);
            if raw_lines[scan].trim_start().starts_with('#') {
                if key.contains("annexe a") {
                    annex_scope = Scope::Socle;
                } else if key.contains("annexe b") {
                    annex_scope = Scope::InitiativeDepartementale;
                }
            }
            scan += 1;
        }
        let next = headings.get(n + 1).map_or(lines.len(), |(i, _)| *i);
        let end = (*start + 1..next)
            .find(|&i| is_part_break(i))
            .unwrap_or(next);
        let body = &lines[*start + 1..end];
        let title = body
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| {
                l.text
                    .trim()
                    .trim_start_matches("Mesure :")
                    .trim()
                    .to_string()
            })
            .unwrap_or_default();
        let mut fiche = Fiche {
            id: id.clone(),
            title,
            scope: if *scope == Scope::NonPrecise {
                annex_scope
            } else {
                *scope
            },
            source: Source {
                lines: Some((lines[*start].number, lines[end - 1].number)),
                ..Source::default()
            },
            ..Fiche::default()
        };
        if let Some(budget_start) = body
            .iter()
            .position(|l| is_budget_heading(&normalise(&l.text)))
        {
            let after = &body[budget_start + 1..];
            let budget_end = after
                .iter()
                .position(|l| !l.text.contains('\t') && ends_budget(&normalise(&l.text)))
                .unwrap_or(after.len());
            let block = &after[..budget_end];
            let read = read_budget(block);
            figures += read.figure_count();
            fiche.budget = Some(budget_of(read, &body[budget_start], block));
            fiche.indicators = read_indicators(&after[budget_end..]);
        } else {
            fiche.indicators = read_indicators(body);
        }
        let (axe_id, axe_title) = match axe_name {
            Some(name) => (axe_id_of(name), name.clone()),
            None => match annex_scope {
                Scope::Socle => ("A".to_string(), "Annexe A".to_string()),
                Scope::InitiativeDepartementale => ("B".to_string(), "Annexe B".to_string()),
                Scope::NonPrecise => ("1".to_string(), draft_title.to_string()),
            },
        };
        match axes.iter_mut().find(|a| a.id == axe_id) {
            Some(axe) => axe.fiches.push(fiche),
            None => axes.push(Axe {
                id: axe_id,
                title: axe_title,
                fiches: vec![fiche],
                ..Axe::default()
            }),
        }
    }
    for action in catalogue {
        let axe_name = action
            .axe
            .clone()
            .unwrap_or_else(|| draft_title.to_string());
        let axe_id = axe_id_of(&axe_name);
        let fiche = action.into_fiche();
        match axes.iter_mut().find(|a| a.id == axe_id) {
            Some(axe) => axe.fiches.push(fiche),
            None => axes.push(Axe {
                id: axe_id,
                title: axe_name,
                fiches: vec![fiche],
                ..Axe::default()
            }),
        }
    }
    let title = document_title(&lines, &raw_lines).unwrap_or_else(|| draft_title.to_string());
    let kind = kind_of(&title, text);
    let with_fiches = Convention {
        axes,
        ..Convention::default()
    };
    let tables = read_summary_tables(&lines, &raw_lines, file, &with_fiches);
    let axes = with_fiches.axes;
    let unconfirmed = axes
        .iter()
        .flat_map(|a| a.fiches.iter().map(|f| f.id.clone()))
        .collect();
    let convention = Convention {
        version: FORMAT_VERSION,
        title: title.clone(),
        kind,
        document: Document {
            title,
            file: file.to_string(),
            ..Document::default()
        },
        axes,
        tables,
        draft: Some(Draft {
            made_by: format!("revue import-text {file}"),
            unconfirmed,
        }),
        ..Convention::default()
    };
    Drafted {
        convention,
        figures,
    }
}

/// The document's summary tables (`# TABLEAU FINANCIER DES CRÉDITS UTILISÉS`): their
/// tab-separated rows, read as a spreadsheet's (columns mapped from the header, rows linked
/// to the fiches, the TOTAL row), over page breaks that repeat the header.
fn read_summary_tables(
    lines: &[Line],
    raw_lines: &[&str],
    file: &str,
    convention: &Convention,
) -> Vec<crate::model::Table> {
    use super::table::{Cell, Grid, table_from_grid};
    let mut tables = Vec::new();
    for (start, heading) in lines.iter().enumerate() {
        let key = normalise(&heading.text);
        if !(raw_lines[start].trim_start().starts_with('#') && key.contains("tableau financier")) {
            continue;
        }
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut header: Option<Vec<String>> = None;
        let mut last_line = heading.number;
        for (offset, line) in lines[start + 1..].iter().enumerate() {
            let next_part = raw_lines[start + 1 + offset].trim_start().starts_with('#')
                && normalise(&line.text).contains("fiche");
            if next_part {
                break;
            }
            // Tabs in the raw line: a heading row's empty cells are trailing tabs, which the
            // stripped text has lost.
            if !raw_lines[start + 1 + offset].contains('\t') {
                continue;
            }
            let cells = line.cells();
            // A page break repeats the header: read once.
            if header.as_ref() == Some(&cells) {
                continue;
            }
            if header.is_none() {
                header = Some(cells.clone());
            }
            let is_total = normalise(cells.first().map_or("", String::as_str)).starts_with("total");
            rows.push(cells.iter().map(|c| Cell::from_text(c)).collect());
            last_line = line.number;
            if is_total {
                break;
            }
        }
        if rows.len() < 2 {
            continue;
        }
        let grid = Grid {
            file: file.to_string(),
            sheet: None,
            first_row: 0,
            first_column: 0,
            rows,
        };
        let id = if tables.is_empty() {
            "tableau-financier".to_string()
        } else {
            format!("tableau-financier-{}", tables.len() + 1)
        };
        if let Ok(imported) = table_from_grid(&grid, convention, &[], &id) {
            let mut table = imported.table;
            table.title = heading.text.trim().to_string();
            // The text's lines, not a sheet's range, locate it.
            table.source = Source {
                section: heading.text.trim().to_string(),
                lines: Some((heading.number, last_line)),
                page: None,
            };
            tables.push(table);
        }
    }
    tables
}

/// What the document is, from its title first (a convention's text may speak of execution
/// reports), else from its body.
fn kind_of(title: &str, text: &str) -> ConventionKind {
    let title = normalise(title);
    let whole = normalise(text);
    let says = |key: &str, words: &[&str]| words.iter().any(|w| key.contains(w));
    let from = |key: &str| {
        if says(key, &["programme departemental d'insertion"]) {
            Some(ConventionKind::Programme)
        } else if says(key, &["avenant n"]) {
            Some(ConventionKind::Avenant)
        } else if says(key, &["bilan des fiches", "rapport d'execution"]) {
            Some(ConventionKind::RapportExecution)
        } else if says(key, &["convention"]) {
            Some(ConventionKind::Convention)
        } else {
            None
        }
    };
    from(&title)
        .or_else(|| from(&whole))
        .unwrap_or(ConventionKind::Convention)
}

/// The document's title: in its first lines, the first heading (`## CONVENTION D'APPUI…`,
/// `**SYNTHÈSE, BILAN…**` over several lines) of four words or more, else the first such
/// paragraph; a cover's `GOUVERNEMENT` or `BÉNÉFICIAIRES DU RSA` is too short to be one.
fn document_title(lines: &[Line], raw_lines: &[&str]) -> Option<String> {
    const COVER: usize = 60;
    let mut paragraphs: Vec<(bool, String)> = Vec::new();
    let mut current: Option<(bool, Vec<&str>)> = None;
    for (line, raw) in lines.iter().zip(raw_lines).take(COVER) {
        if line.is_blank() {
            if let Some((heading, parts)) = current.take() {
                paragraphs.push((heading, parts.join(" ")));
            }
            continue;
        }
        let raw = raw.trim_start();
        let starts_heading = raw.starts_with('#') || raw.starts_with("**");
        current
            .get_or_insert_with(|| (starts_heading, Vec::new()))
            .1
            .push(line.text.trim());
    }
    if let Some((heading, parts)) = current {
        paragraphs.push((heading, parts.join(" ")));
    }
    let long_enough = |text: &str| text.split_whitespace().count() >= 4 && !text.contains("....");
    let clean = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    paragraphs
        .iter()
        .find(|(heading, text)| *heading && long_enough(text))
        .or_else(|| paragraphs.iter().find(|(_, text)| long_enough(text)))
        .map(|(_, text)| clean(text))
}

/// `AXE 1 (JEUNES)`, `AXE 1 : RENFORCER L'EMPLOYABILITÉ` → `1`.
fn axe_id_of(name: &str) -> String {
    let id = name
        .trim_start_matches("AXE")
        .trim()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    if id.is_empty() { "1" } else { id }.to_string()
}

/// `AXE 1 : RENFORCER L'EMPLOYABILITÉ`, a programme's axe heading.
fn axe_line(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix("AXE ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && rest[digits..].trim_start().starts_with(':')).then(|| text.to_string())
}

/// `1.1 LA RECHERCHE DIRECTE D'EMPLOI`: a measure grouping a programme's actions.
fn is_measure_line(text: &str) -> bool {
    let text = text.trim();
    let Some((number, title)) = text.split_once(' ') else {
        return false;
    };
    let parts: Vec<&str> = number.split('.').collect();
    parts.len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && is_upper_title(title)
}

fn is_upper_title(title: &str) -> bool {
    title.chars().any(char::is_alphabetic)
        && !title.chars().any(|c| c.is_alphabetic() && c.is_lowercase())
}

/// An action of a programme's catalogue: `1.1.1 BOOST EMPLOI`, then `Objectif : …` and
/// `Secteur géographique : …`.
#[derive(Debug)]
struct CatalogueAction {
    id: String,
    title: String,
    measure: String,
    axe: Option<String>,
    heading: Line,
    objective: Option<(String, u32, u32)>,
    area: Option<(String, u32)>,
}

impl CatalogueAction {
    fn into_fiche(self) -> Fiche {
        let last = self
            .area
            .as_ref()
            .map(|(_, line)| *line)
            .or(self.objective.as_ref().map(|(_, _, to)| *to))
            .unwrap_or(self.heading.number);
        Fiche {
            id: self.id,
            title: self.title,
            measure: self.measure,
            objective: self.objective.map(|(text, from, to)| crate::model::Block {
                text,
                source: Source {
                    section: "Objectif".to_string(),
                    lines: Some((from, to)),
                    page: None,
                },
            }),
            area: self.area.map(|(text, line)| crate::model::Block {
                text,
                source: Source {
                    section: "Secteur géographique".to_string(),
                    lines: Some((line, line)),
                    page: None,
                },
            }),
            source: Source {
                section: self.heading.text.trim().to_string(),
                lines: Some((self.heading.number, last)),
                page: None,
            },
            ..Fiche::default()
        }
    }
}

/// A catalogue action starts at `lines[index]` when it is numbered `N.N.N`, titled in
/// capitals, and an `Objectif :` line follows within three lines: a section numbered the
/// same way (`1.1.1 DE LA CONVENTION…`) has none.
fn catalogue_action(
    lines: &[Line],
    index: usize,
    measure: &str,
    axe: Option<&str>,
) -> Option<CatalogueAction> {
    let text = lines[index].text.trim();
    let (number, title) = text.split_once(' ')?;
    let parts: Vec<&str> = number.split('.').collect();
    let numbered = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numbered || !is_upper_title(title) {
        return None;
    }
    let following: Vec<&Line> = lines[index + 1..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(3)
        .collect();
    let objective_line = following
        .iter()
        .find(|l| normalise(&l.text).starts_with("objectif"))?;
    let after_colon = |l: &Line| {
        l.text
            .split_once(':')
            .map(|(_, rest)| rest.trim().to_string())
            .unwrap_or_default()
    };
    // The objective runs to the area line or the next heading, bullet lines included.
    let start = lines
        .iter()
        .position(|l| l.number == objective_line.number)?;
    let mut objective = vec![after_colon(objective_line)];
    let mut end_line = objective_line.number;
    let mut area = None;
    for line in &lines[start + 1..] {
        let key = normalise(&line.text);
        if key.starts_with("secteur geographique") {
            area = Some((after_colon(line), line.number));
            break;
        }
        if line.is_blank() {
            continue;
        }
        if catalogue_heading_like(&line.text) {
            break;
        }
        objective.push(line.text.trim().to_string());
        end_line = line.number;
    }
    Some(CatalogueAction {
        id: number.to_string(),
        title: title.trim().to_string(),
        measure: measure.to_string(),
        axe: axe.map(str::to_string),
        heading: lines[index].clone(),
        objective: Some((
            objective.join("\n").trim().to_string(),
            objective_line.number,
            end_line,
        )),
        area,
    })
}

/// A line that starts something else in a catalogue: an axe, a measure, an action.
fn catalogue_heading_like(text: &str) -> bool {
    let text = text.trim();
    axe_line(text).is_some()
        || is_measure_line(text)
        || text
            .split_once(' ')
            .is_some_and(|(n, t)| n.split('.').count() == 3 && is_upper_title(t))
}

/// The budget, with the lines its figures were read from quoted in its text
/// (`l. 192 : Etat : 182 619 € + 38 880 € = 221 499 €`), so that each figure cites its line.
fn budget_of(read: BudgetRead, heading: &Line, block: &[Line]) -> Budget {
    let mut cited: Vec<u32> = [
        &read.etat,
        &read.departement,
        &read.total,
        &read.executed,
        &read.engaged,
        &read.remaining,
    ]
    .iter()
    .filter_map(|f| f.as_ref().map(|(_, line)| *line))
    .chain(read.executed_lines.iter().map(|(_, line)| *line))
    .collect();
    cited.sort_unstable();
    cited.dedup();
    let text = cited
        .iter()
        .filter_map(|n| block.iter().find(|l| l.number == *n))
        .map(|l| format!("l. {} : {}", l.number, l.text.trim()))
        .collect::<Vec<_>>()
        .join("\n");
    let value = |f: Option<(Value, u32)>| f.map(|(v, _)| v);
    let has_planned = read.etat.is_some() || read.departement.is_some() || read.total.is_some();
    let last = block
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map_or(heading.number, |l| l.number);
    Budget {
        planned: has_planned.then(|| Planned {
            label: read.label.clone(),
            etat: value(read.etat),
            departement: value(read.departement),
            total: value(read.total),
            ..Planned::default()
        }),
        engaged: value(read.engaged),
        executed: value(read.executed),
        executed_lines: read.executed_lines.into_iter().map(|(f, _)| f).collect(),
        remaining: value(read.remaining),
        text,
        source: Source {
            section: heading.text.trim().trim_end_matches(':').trim().to_string(),
            lines: Some((heading.number, last)),
            page: None,
        },
        ..Budget::default()
    }
}

/// How much of a reference transcription a draft captured: planned État, Département and
/// total and the executed total of every fiche, by fiche id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capture {
    /// Figures the reference states.
    pub expected: usize,
    /// Of those, the draft has the same value for the same fiche and role.
    pub captured: usize,
    /// The draft has another value: `fiche role: draft ≠ reference`.
    pub wrong: Vec<String>,
    /// The draft has nothing.
    pub missed: Vec<String>,
    /// The draft has a figure the reference does not state.
    pub extra: Vec<String>,
    /// Fiches of the reference, and those the draft has under the same id.
    pub fiches_expected: usize,
    pub fiches_found: usize,
}

impl Capture {
    /// The share captured, in percent (100 when nothing was expected).
    pub fn percent(&self) -> Decimal {
        if self.expected == 0 {
            return Decimal::ONE_HUNDRED;
        }
        (Decimal::from(self.captured * 100) / Decimal::from(self.expected)).round_dp(1)
    }
}

/// Compares the draft's figures with a reference transcription of the same document.
pub fn capture(draft: &Convention, reference: &Convention) -> Capture {
    let mut capture = Capture::default();
    let figures = |fiche: &Fiche| -> [(&'static str, Option<Value>); 4] {
        let budget = fiche.budget.as_ref();
        let planned = budget.and_then(|b| b.planned.as_ref());
        [
            ("État", planned.and_then(|p| p.etat.clone())),
            ("Département", planned.and_then(|p| p.departement.clone())),
            ("total", planned.and_then(|p| p.total.clone())),
            ("exécuté", budget.and_then(|b| b.executed.clone())),
        ]
    };
    for fiche in reference.fiches() {
        capture.fiches_expected += 1;
        capture.fiches_found += usize::from(draft.find_fiche(&fiche.id).is_some());
        let drafted = draft.find_fiche(&fiche.id).map(figures);
        for (index, (role, expected)) in figures(fiche).into_iter().enumerate() {
            let found = drafted.as_ref().and_then(|d| d[index].1.clone());
            let Some(expected) = expected else {
                if let Some(found) = found {
                    capture
                        .extra
                        .push(format!("{} {role}: {}", fiche.id, found.display_fr()));
                }
                continue;
            };
            capture.expected += 1;
            match found {
                Some(found) if found == expected => capture.captured += 1,
                Some(found) => capture.wrong.push(format!(
                    "{} {role}: {} ≠ {}",
                    fiche.id,
                    found.display_fr(),
                    expected.display_fr()
                )),
                None => capture.missed.push(format!("{} {role}", fiche.id)),
            }
        }
    }
    capture
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Value {
        Value::Amount(text.parse().unwrap())
    }

    #[test]
    fn amounts_are_read_in_every_french_form() {
        let read = |text| {
            amounts(text)
                .into_iter()
                .map(|f| f.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(read("Etat : 1.207.650,75 €"), [amount("1207650.75")]);
        assert_eq!(read("442 998 €"), [amount("442998")]);
        assert_eq!(read("442\u{a0}998\u{a0}€"), [amount("442998")]);
        assert_eq!(read("156.111,20 €"), [amount("156111.20")]);
        assert_eq!(read("soit 32 850 euros par an"), [amount("32850")]);
        assert_eq!(read("312.222.40 €"), [Value::Text("312.222.40 €".into())]);
        assert_eq!(
            read("Mandaté au 31/12/2019 : 106 780 €."),
            [amount("106780")]
        );
        assert_eq!(read("9.8 ETP, 60%, 2019"), []);
    }

    #[test]
    fn a_stated_sum_gives_its_result() {
        assert_eq!(
            stated_figure("182 619 € + 38 880 € = 221 499 €"),
            Some(amount("221499"))
        );
        assert_eq!(stated_figure("240 000"), Some(amount("240000")));
        assert_eq!(
            stated_figure("83 694 + 52 000€ (mobilité territoires ruraux)"),
            Some(amount("83694"))
        );
    }

    #[test]
    fn fiche_headings_are_told_from_the_table_of_contents() {
        let heading = |raw: &str| fiche_heading(raw, &strip_markup(raw));
        let (id, axe, scope) = heading("**AXE 1 (JEUNES) – FICHE SOCLE 1-1**  ").unwrap();
        assert_eq!(
            (id.as_str(), axe.as_deref()),
            ("1-1", Some("AXE 1 (JEUNES)"))
        );
        assert_eq!(scope, Scope::Socle);
        assert_eq!(
            heading("AXE 2 (TRAVAIL SOCIAL) – FICHE HORS SOCLE 2-3")
                .unwrap()
                .2,
            Scope::InitiativeDepartementale
        );
        assert_eq!(heading("# FICHE 1").unwrap().0, "FICHE 1");
        assert_eq!(heading("## FICHE 12").unwrap().0, "FICHE 12");
        assert!(heading("AXE 1 (JEUNES) – FICHE SOCLE 1-2 MISE EN PLACE.....\t10").is_none());
        assert!(heading("BILAN DES FICHES ACTIONS").is_none());
        assert!(heading("Fiche action déjà existante qui a été actualisée").is_none());
    }

    #[test]
    fn a_budget_block_gives_its_planned_and_executed_figures_with_their_lines() {
        let text = "\
**AXE 1 (JEUNES) – FICHE SOCLE 1-1**
**ACCOMPAGNER LES SORTIES**

**5) Budget**

a) Budget prévisionnel figurant dans la convention

Etat : 182 619 € + 38 880 € = 221 499 €

CD13 : 221 499 €

Total : 365 238 € + 77 760 € = 442 998 €

b) Budget exécuté

Oui.

c) Solde des actions à engager

0 €.

**6) Indicateurs au 31/12/19**

Indicateurs\t2018\tRésultat 2019\tJustification
Nombre de jeunes accompagnés\t58\t97\t
";
        let drafted = draft_from_text(text, "t.txt", "brouillon");
        let fiche = drafted.convention.find_fiche("1-1").unwrap();
        assert_eq!(fiche.title, "ACCOMPAGNER LES SORTIES");
        let budget = fiche.budget.as_ref().unwrap();
        let planned = budget.planned.as_ref().unwrap();
        assert_eq!(planned.etat, Some(amount("221499")));
        assert_eq!(planned.departement, Some(amount("221499")));
        assert_eq!(planned.total, Some(amount("442998")));
        assert_eq!(budget.executed, Some(Value::Text("Oui.".into())));
        assert_eq!(budget.remaining, Some(amount("0")));
        assert!(
            budget.text.contains("l. 8 : Etat : 182 619 €"),
            "{}",
            budget.text
        );
        assert_eq!(budget.source.lines, Some((4, 20)));
        let indicator = &fiche.indicators[0];
        assert_eq!(indicator.name, "Nombre de jeunes accompagnés");
        assert_eq!(indicator.baseline, Some(Value::Number(58.into())));
        assert_eq!(indicator.values[0].year, 2019);
        assert_eq!(indicator.values[0].value, Some(Value::Number(97.into())));
        let draft = drafted.convention.draft.as_ref().unwrap();
        assert_eq!(draft.unconfirmed, ["1-1"]);
    }

    #[test]
    fn a_programme_catalogue_gives_its_actions_not_its_sections() {
        let text = "\
1.1.1 DE LA CONVENTION D'APPUI

Le texte de la section.

AXE 1 : RENFORCER L'EMPLOYABILITÉ

1.1 LA RECHERCHE DIRECTE D'EMPLOI

1.1.1 BOOST EMPLOI

Objectif : Accompagnement intensif de 3 mois.

Secteur géographique : Département
";
        let drafted = draft_from_text(text, "pdi.txt", "brouillon");
        assert_eq!(drafted.convention.fiche_count(), 1);
        let axe = &drafted.convention.axes[0];
        assert_eq!(axe.id, "1");
        let fiche = &axe.fiches[0];
        assert_eq!(
            (fiche.id.as_str(), fiche.title.as_str()),
            ("1.1.1", "BOOST EMPLOI")
        );
        assert_eq!(fiche.measure, "1.1 LA RECHERCHE DIRECTE D'EMPLOI");
        let objective = fiche.objective.as_ref().unwrap();
        assert_eq!(objective.text, "Accompagnement intensif de 3 mois.");
        assert_eq!(objective.source.lines, Some((11, 11)));
        assert_eq!(fiche.area.as_ref().unwrap().text, "Département");
        assert_eq!(fiche.source.lines, Some((9, 13)));
    }

    #[test]
    fn a_two_row_table_gives_the_shares() {
        let text = "\
# FICHE 1

**Mesure : Renforcer**

## **5. Budget détaillé sur 2022 :**

Le coût du projet est de 415 000 € par an. Le cofinancement est le suivant :

\tBudget Etat\tBudget Département
Par année\t110 000€\t305 000 €

## **6. Objectifs et progression :**
";
        let drafted = draft_from_text(text, "t.txt", "brouillon");
        let fiche = drafted.convention.find_fiche("FICHE 1").unwrap();
        let planned = fiche.budget.as_ref().unwrap().planned.clone().unwrap();
        assert_eq!(planned.etat, Some(amount("110000")));
        assert_eq!(planned.departement, Some(amount("305000")));
        assert_eq!(planned.total, Some(amount("415000")), "the stated cost");
    }
}
