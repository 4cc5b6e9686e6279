//! A financial table read from a spreadsheet: its columns mapped to budget roles from their
//! headers, its rows linked to the convention's fiches, every figure kept exact and cited.

use rust_decimal::Decimal;

use super::column_letter;
use crate::model::{
    BudgetField, Column, ColumnRole, Convention, Row, Source, SubtotalOf, Table, TableKind, Value,
    parse_amount,
};
use crate::search::normalise;

/// One cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Number(Decimal),
    Text(String),
}

impl Cell {
    /// A cell typed as text: a figure when it reads as one in the one amount grammar
    /// (`442 998 €`, `1.207.650,75`), else the text as written.
    pub fn from_text(text: &str) -> Cell {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            Cell::Empty
        } else if let Ok(amount) = parse_amount(trimmed) {
            Cell::Number(amount)
        } else {
            Cell::Text(trimmed.to_string())
        }
    }

    /// A spreadsheet's number. Its shortest decimal rendering is what the sheet shows and
    /// stores; read exactly from that, never through arithmetic on the float.
    pub fn from_float(value: f64) -> Cell {
        match Decimal::from_str_exact(&format!("{value}")) {
            Ok(decimal) if value.is_finite() => Cell::Number(decimal.normalize()),
            _ => Cell::Text(format!("{value}")),
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// What the cell shows, for a label or a fiche id.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(number) => number.to_string(),
            Cell::Text(text) => text.clone(),
        }
    }
}

/// The used range of one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The file name, for citations.
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// 0-based row and column of the range's first cell in the sheet.
    pub first_row: u32,
    pub first_column: u32,
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }

    /// The spreadsheet reference of a cell of the grid (`C4`).
    pub fn reference(&self, row: usize, column: usize) -> String {
        format!(
            "{}{}",
            column_letter(self.first_column + column as u32),
            self.first_row as usize + row + 1
        )
    }
}

/// What a column holds, as the user names it with `--roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The fiche ids the rows link to.
    Fiche,
    /// A row's name or any text.
    Label,
    Budget(BudgetField),
    /// Remarks (`à réattribuer : 110 000 € sur 3-3`).
    Notes,
    /// Figures summed to the TOTAL row without a fiche counterpart.
    Summed,
    /// Kept as read, with no role.
    Ignore,
}

impl Role {
    /// `etat`, `engagé`, `observations`…, in French or English, accents optional.
    pub fn parse(name: &str) -> Option<Role> {
        Some(match normalise(name.trim()).as_str() {
            "fiche" | "id" => Role::Fiche,
            "libelle" | "label" | "intitule" | "texte" | "text" => Role::Label,
            "etat" | "state" => Role::Budget(BudgetField::PlannedEtat),
            "departement" | "cd" => Role::Budget(BudgetField::PlannedDepartement),
            "autres" | "others" => Role::Budget(BudgetField::PlannedOther),
            "total" | "prevu" | "planned" => Role::Budget(BudgetField::PlannedTotal),
            "engage" | "engaged" => Role::Budget(BudgetField::Engaged),
            "execute" | "executed" | "realise" => Role::Budget(BudgetField::Executed),
            "solde" | "reste" | "remaining" => Role::Budget(BudgetField::Remaining),
            "observations" | "observation" | "notes" | "note" => Role::Notes,
            "somme" | "summed" => Role::Summed,
            "ignorer" | "ignore" => Role::Ignore,
            _ => return None,
        })
    }

    fn column_role(self) -> Option<ColumnRole> {
        match self {
            Role::Fiche | Role::Label | Role::Notes => Some(ColumnRole::Label),
            Role::Budget(field) => Some(ColumnRole::Budget(field)),
            Role::Summed => Some(ColumnRole::Summed),
            Role::Ignore => None,
        }
    }

    fn holds_money(self) -> bool {
        matches!(self, Role::Budget(_) | Role::Summed)
    }
}

/// Which column a `--roles` entry names: its letter (`C`), its 1-based number (`3`) or its
/// header (`Engagé`, accents and case optional).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Letter(u32),
    Number(usize),
    Header(String),
}

/// The columns the user mapped by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOverride {
    pub column: ColumnRef,
    pub role: Role,
}

/// `C=engage,Observations=notes`: the entries of `--roles`; the one not understood on error.
pub fn parse_roles(spec: &str) -> Result<Vec<RoleOverride>, String> {
    spec.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let (column, role) = entry.rsplit_once('=').ok_or_else(|| entry.to_string())?;
            let role = Role::parse(role).ok_or_else(|| entry.to_string())?;
            let column = column.trim();
            let column = if let Ok(number) = column.parse::<usize>() {
                ColumnRef::Number(number)
            } else if column.len() <= 3 && column.chars().all(|c| c.is_ascii_uppercase()) {
                let index = column
                    .bytes()
                    .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1);
                ColumnRef::Letter(index - 1)
            } else if column.is_empty() {
                return Err(entry.to_string());
            } else {
                ColumnRef::Header(column.to_string())
            };
            Ok(RoleOverride { column, role })
        })
        .collect()
}

/// The role a header names, when it names one (`Budget prévisionnel / État` → the planned
/// State share; `Réalisé` → executed).
pub fn role_from_header(header: &str) -> Option<Role> {
    let key = normalise(header);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |stems: &[&str]| stems.iter().any(|s| key.contains(s));
    let word = |options: &[&str]| words.iter().any(|w| options.contains(w));
    let etat = word(&["etat", "state"]);
    let departement = has(&["departement", "conseil dep"]) || word(&["cd", "cd13", "cd77"]);
    let share = etat || departement;
    if has(&[
        "observation",
        "commentaire",
        "remarque",
        "reattribu",
        "precision",
    ]) {
        Some(Role::Notes)
    } else if has(&["solde", "reste", "reliquat", "disponible", "remaining"]) {
        Some(Role::Budget(BudgetField::Remaining))
    } else if has(&["execut", "realis", "depens", "mandat", "consomm", "paye"]) {
        // A funder's share of what was spent has no column counterpart in a fiche.
        Some(if share {
            Role::Summed
        } else {
            Role::Budget(BudgetField::Executed)
        })
    } else if has(&["engag"]) {
        Some(if share {
            Role::Summed
        } else {
            Role::Budget(BudgetField::Engaged)
        })
    } else if etat && departement {
        // `Montant action 2019 (État et CD13)`: both shares, the total.
        Some(Role::Budget(BudgetField::PlannedTotal))
    } else if etat {
        Some(Role::Budget(BudgetField::PlannedEtat))
    } else if departement {
        Some(Role::Budget(BudgetField::PlannedDepartement))
    } else if has(&["fse", "caf", "autre financ", "cofinanc"]) {
        Some(Role::Budget(BudgetField::PlannedOther))
    } else if has(&[
        "total",
        "prevu",
        "previsionnel",
        "montant",
        "cout",
        "budget",
    ]) {
        Some(Role::Budget(BudgetField::PlannedTotal))
    } else if word(&["fiche", "n", "no", "numero", "ref", "reference"]) {
        Some(Role::Fiche)
    } else if has(&[
        "intitule",
        "libelle",
        "action",
        "titre",
        "designation",
        "mesure",
        "axe",
        "projet",
        "objectif",
    ]) {
        Some(Role::Label)
    } else {
        None
    }
}

/// What the import made of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub table: Table,
    /// Headers of the columns whose role was not recognised (kept, with no role).
    pub unmapped: Vec<String>,
    /// Data rows that link to no fiche: (sheet row, 1-based; label).
    pub unlinked: Vec<(usize, String)>,
    /// Rows linked to a fiche.
    pub linked: usize,
    /// Figures read into columns with a budget role, TOTAL row included.
    pub figures: usize,
}

/// Why a sheet gives no table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    Empty,
}

/// Reads a sheet into a summary table of `convention`.
///
/// Rows before the first figure are headers (a first row with a single cell is the title; a
/// header spanning several columns, as a merged cell is read, applies to every column the
/// header row below it names). Rows are kept in order from the first under the headers, so
/// that row `n` of the table is row `first + n` of the sheet and column `k` is the `k`-th
/// column of the range: the table's `source` cites the sheet and range, which locates every
/// figure. A row whose label starts with TOTAL is the table's `total`; what follows it is not
/// part of the table.
pub fn table_from_grid(
    grid: &Grid,
    convention: &Convention,
    overrides: &[RoleOverride],
    id: &str,
) -> Result<Imported, TableProblem> {
    let width = grid.width();
    if width == 0 {
        return Err(TableProblem::Empty);
    }
    let filled = |row: usize| grid.rows[row].iter().filter(|c| !c.is_empty()).count();
    let has_number = |row: usize| grid.rows[row].iter().any(|c| matches!(c, Cell::Number(_)));
    let mut start = 0;
    while start < grid.rows.len() && filled(start) == 0 {
        start += 1;
    }
    let table_start = start;
    // A lone first cell above a wider row is the table's title.
    let title = if start + 1 < grid.rows.len() && filled(start) == 1 && filled(start + 1) > 1 {
        start += 1;
        grid.rows[start - 1]
            .iter()
            .find_map(|c| c.text().map(str::to_string))
    } else {
        None
    };
    let mut data_start = start;
    while data_start < grid.rows.len() && !has_number(data_start) {
        // A heading row (`AXE 1`) under the headers is data, not a header.
        let lone_heading = data_start > start && filled(data_start) == 1;
        if lone_heading {
            break;
        }
        data_start += 1;
    }
    if data_start >= grid.rows.len() {
        return Err(TableProblem::Empty);
    }
    let headers = combined_headers(grid, start..data_start, width);

    let mut roles: Vec<Option<Role>> = headers.iter().map(|h| role_from_header(h)).collect();
    // The fiche column is the one whose cells name the convention's fiches.
    let fiche_matches = |column: usize| {
        (data_start..grid.rows.len())
            .filter(|&row| fiche_of(&grid.cell(row, column).shown(), convention).is_some())
            .count()
    };
    if let Some((column, count)) = (0..width)
        .map(|c| (c, fiche_matches(c)))
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        && count > 0
        && !roles[column].is_some_and(Role::holds_money)
    {
        for role in roles.iter_mut() {
            if *role == Some(Role::Fiche) {
                *role = Some(Role::Label);
            }
        }
        roles[column] = Some(Role::Fiche);
    }
    for entry in overrides {
        let column = match &entry.column {
            ColumnRef::Letter(letter) => letter.checked_sub(grid.first_column).map(|c| c as usize),
            ColumnRef::Number(number) => number.checked_sub(1),
            ColumnRef::Header(name) => {
                let wanted = normalise(name);
                headers
                    .iter()
                    .position(|h| normalise(h) == wanted)
                    .or_else(|| headers.iter().position(|h| normalise(h).contains(&wanted)))
            }
        };
        if let Some(column) = column.filter(|&c| c < width) {
            roles[column] = Some(entry.role);
        }
    }
    let unmapped = headers
        .iter()
        .zip(&roles)
        .filter(|(h, role)| role.is_none() && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let columns: Vec<Column> = headers
        .iter()
        .zip(&roles)
        .enumerate()
        .map(|(index, (header, role))| Column {
            name: if header.is_empty() {
                column_letter(grid.first_column + index as u32)
            } else {
                header.clone()
            },
            role: role.and_then(Role::column_role),
        })
        .collect();

    let mut imported = Imported {
        table: Table::default(),
        unmapped,
        unlinked: Vec::new(),
        linked: 0,
        figures: 0,
    };
    let mut rows = Vec::new();
    let mut total = None;
    let mut end = data_start;
    for index in data_start..grid.rows.len() {
        let row = &grid.rows[index];
        let label_key = normalise(
            &row.iter()
                .find_map(|c| c.text().map(str::to_string))
                .unwrap_or_default(),
        );
        let cells: Vec<Option<Value>> = (0..width)
            .map(|column| value_of(grid.cell(index, column), roles[column]))
            .collect();
        let figures = (0..width)
            .filter(|&c| {
                roles[c].is_some_and(Role::holds_money)
                    && matches!(grid.cell(index, c), Cell::Number(_))
            })
            .count();
        if label_key.starts_with("total") {
            imported.figures += figures;
            total = Some(Row {
                cells,
                ..Row::default()
            });
            end = index;
            break;
        }
        if filled(index) == 0 {
            rows.push(Row {
                cells,
                ..Row::default()
            });
            continue;
        }
        end = index;
        imported.figures += figures;
        let fiche = roles
            .iter()
            .position(|r| *r == Some(Role::Fiche))
            .and_then(|c| fiche_of(&grid.cell(index, c).shown(), convention));
        let subtotal = label_key
            .starts_with("sous-total")
            .then_some(SubtotalOf::Above);
        let heading = fiche.is_none() && subtotal.is_none() && !has_number(index);
        if fiche.is_some() {
            imported.linked += 1;
        } else if !heading && subtotal.is_none() {
            imported.unlinked.push((
                grid.first_row as usize + index + 1,
                row.iter()
                    .map(Cell::shown)
                    .find(|s| !s.is_empty())
                    .unwrap_or_default(),
            ));
        }
        rows.push(Row {
            fiche,
            heading,
            subtotal,
            cells,
            ..Row::default()
        });
    }
    // Blank rows after the last one read are not part of the table.
    rows.truncate(end + 1 - data_start);
    let range = format!(
        "{}:{}",
        grid.reference(table_start, 0),
        grid.reference(end, width - 1)
    );
    let place = match &grid.sheet {
        Some(sheet) => format!("[{}]{sheet}!{range}", grid.file),
        None => format!("[{}]{range}", grid.file),
    };
    imported.table = Table {
        id: id.to_string(),
        title: title
            .or_else(|| grid.sheet.clone())
            .unwrap_or_else(|| grid.file.clone()),
        kind: TableKind::Summary,
        columns,
        rows,
        total,
        source: Source {
            section: place,
            lines: Some((
                grid.first_row + data_start as u32 + 1,
                grid.first_row + end as u32 + 1,
            )),
            page: None,
        },
        ..Table::default()
    };
    Ok(imported)
}

/// One header per column: the header rows' texts joined, a cell left empty in an upper row
/// taking the text on its left when a lower row names the column (a merged header).
fn combined_headers(grid: &Grid, header_rows: std::ops::Range<usize>, width: usize) -> Vec<String> {
    let rows: Vec<usize> = header_rows.collect();
    (0..width)
        .map(|column| {
            let mut parts: Vec<String> = Vec::new();
            for (level, &row) in rows.iter().enumerate() {
                let named_below = rows[level + 1..]
                    .iter()
                    .any(|&below| !grid.cell(below, column).is_empty());
                let mut text = grid.cell(row, column).shown();
                if text.is_empty() && named_below {
                    text = (0..column)
                        .rev()
                        .map(|c| grid.cell(row, c).shown())
                        .find(|t| !t.is_empty())
                        .unwrap_or_default();
                }
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() && !parts.contains(&text) {
                    parts.push(text);
                }
            }
            parts.join(" / ")
        })
        .collect()
}

/// The convention's id of the fiche a cell names (`1-1`, `Fiche 3.2`, `3-2 Boost emploi`).
fn fiche_of(text: &str, convention: &Convention) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let first_word = text.split_whitespace().next().unwrap_or(text);
    let after_fiche = normalise(text)
        .strip_prefix("fiche")
        .map(|rest| rest.split_whitespace().next().unwrap_or("").to_string());
    [
        Some(text.to_string()),
        Some(first_word.trim_end_matches([':', '.', ')']).to_string()),
        after_fiche,
    ]
    .into_iter()
    .flatten()
    .filter(|candidate| candidate.chars().any(|c| c.is_ascii_digit()))
    .find_map(|candidate| convention.find_fiche(&candidate).map(|f| f.id.clone()))
}

fn value_of(cell: &Cell, role: Option<Role>) -> Option<Value> {
    match (cell, role) {
        (Cell::Empty, _) => None,
        (Cell::Number(n), Some(role)) if role.holds_money() => Some(Value::Amount(*n)),
        (Cell::Number(n), Some(Role::Fiche | Role::Label | Role::Notes)) => {
            Some(Value::Text(n.to_string()))
        }
        (Cell::Number(n), _) => Some(Value::Number(*n)),
        (Cell::Text(text), _) => Some(Value::Text(text.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_their_roles() {
        let field = |h| match role_from_header(h) {
            Some(Role::Budget(field)) => Some(field),
            _ => None,
        };
        assert_eq!(
            field("Budget prévisionnel / État"),
            Some(BudgetField::PlannedEtat)
        );
        assert_eq!(field("Part CD13"), Some(BudgetField::PlannedDepartement));
        assert_eq!(field("Total prévu"), Some(BudgetField::PlannedTotal));
        assert_eq!(field("Engagé"), Some(BudgetField::Engaged));
        assert_eq!(field("Réalisé"), Some(BudgetField::Executed));
        assert_eq!(field("Exécuté 2019"), Some(BudgetField::Executed));
        assert_eq!(field("Solde"), Some(BudgetField::Remaining));
        assert_eq!(field("Reste à engager"), Some(BudgetField::Remaining));
        assert_eq!(role_from_header("Réalisé / État"), Some(Role::Summed));
        assert_eq!(role_from_header("Observations"), Some(Role::Notes));
        assert_eq!(role_from_header("N° fiche"), Some(Role::Fiche));
        assert_eq!(role_from_header("Intitulé de l'action"), Some(Role::Label));
        assert_eq!(role_from_header("Couleur"), None);
        assert_eq!(
            field("MONTANT ACTION 2019 (ETAT ET CD13)"),
            Some(BudgetField::PlannedTotal)
        );
        assert_eq!(role_from_header("PROJETS"), Some(Role::Label));
    }

    #[test]
    fn roles_are_given_by_letter_number_or_header() {
        let roles = parse_roles("C=engage, 4=réalisé,Couleur=observations").unwrap();
        assert_eq!(roles[0].column, ColumnRef::Letter(2));
        assert_eq!(roles[0].role, Role::Budget(BudgetField::Engaged));
        assert_eq!(roles[1].column, ColumnRef::Number(4));
        assert_eq!(roles[2].column, ColumnRef::Header("Couleur".into()));
        assert_eq!(roles[2].role, Role::Notes);
        assert_eq!(parse_roles("C=argent"), Err("C=argent".to_string()));
        assert_eq!(parse_roles("engage"), Err("engage".to_string()));
    }

    #[test]
    fn cells_read_figures_exactly_and_keep_text() {
        assert_eq!(
            Cell::from_text("1.207.650,75 €"),
            Cell::Number(Decimal::new(120765075, 2))
        );
        assert_eq!(
            Cell::from_text("442 998 €"),
            Cell::Number(Decimal::from(442998))
        );
        assert_eq!(
            Cell::from_text("312.222.40 €"),
            Cell::Text("312.222.40 €".into())
        );
        assert_eq!(Cell::from_text(" "), Cell::Empty);
        assert_eq!(Cell::from_float(0.1), Cell::Number(Decimal::new(1, 1)));
        assert_eq!(
            Cell::from_float(1207650.75),
            Cell::Number(Decimal::new(120765075, 2))
        );
    }
}
