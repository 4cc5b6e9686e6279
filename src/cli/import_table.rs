//! `revue import-table`: a spreadsheet's financial table into a convention.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use crate::import::table::{Cell, Grid, RoleOverride, table_from_grid};
use crate::problem::TableReadProblem;
use crate::storage::{self, SaveOutcome, SavePolicy};
use crate::strings::{self, Lang, import_strings};
use crate::text::sanitize_line;

use super::{UsageError, exit};

/// Reads the sheet (the first, or `sheet`) of an xlsx/ods workbook, or a CSV file.
pub fn read_grid(path: &Path, sheet: Option<&str>, lang: Lang) -> anyhow::Result<Grid> {
    let text = import_strings(lang);
    let shown = sanitize_line(&path.display().to_string()).into_owned();
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::Error::msg(storage::IoProblem::new(path, &e).describe(lang)))?;
    match extension.as_str() {
        "csv" => Ok(Grid {
            file,
            sheet: None,
            first_row: 0,
            first_column: 0,
            rows: csv_rows(&bytes),
        }),
        "xlsx" | "xlsm" | "ods" | "xls" => {
            let unreadable = |problem: TableReadProblem| {
                anyhow::Error::msg((text.table_unreadable)(
                    &shown,
                    &strings::table_read_problem(lang, &problem),
                ))
            };
            let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
                .map_err(|_| unreadable(open_problem(&extension, &bytes)))?;
            let names = workbook.sheet_names();
            let name = match sheet {
                Some(wanted) => names
                    .iter()
                    .find(|n| n.as_str() == wanted)
                    .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
                    .cloned()
                    .ok_or_else(|| {
                        UsageError(
                            sanitize_line(&(text.sheet_missing)(wanted, &names.join(", ")))
                                .into_owned(),
                        )
                    })?,
                None => names
                    .first()
                    .cloned()
                    .ok_or_else(|| unreadable(TableReadProblem::NoSheet))?,
            };
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| unreadable(sheet_problem(&e)))?;
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .map(|row| row.iter().map(cell_of).collect())
                .collect();
            Ok(Grid {
                file,
                sheet: Some(name),
                first_row,
                first_column,
                rows,
            })
        }
        _ => Err(UsageError((text.table_format_unknown)(&shown)).into()),
    }
}

/// Why a workbook does not open. Detecting the format loses the reason, so the reader of the
/// file's extension says it: a password is the one a user can act on.
fn open_problem(extension: &str, bytes: &[u8]) -> TableReadProblem {
    use calamine::{Ods, OdsError, Xls, XlsError, Xlsx, XlsxError, open_workbook_from_rs};
    let protected = match extension {
        "xlsx" | "xlsm" => matches!(
            open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)),
            Err(XlsxError::Password)
        ),
        "ods" => matches!(
            open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)),
            Err(OdsError::Password)
        ),
        "xls" => matches!(
            open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)),
            Err(XlsError::Password)
        ),
        _ => false,
    };
    if protected {
        TableReadProblem::PasswordProtected
    } else {
        TableReadProblem::NotAWorkbook
    }
}

/// Why an opened workbook's sheet does not read.
fn sheet_problem(error: &calamine::Error) -> TableReadProblem {
    use calamine::{Error, OdsError, XlsError, XlsxError};
    match error {
        Error::Xlsx(XlsxError::Password)
        | Error::Ods(OdsError::Password)
        | Error::Xls(XlsError::Password) => TableReadProblem::PasswordProtected,
        other => TableReadProblem::Damaged(other.to_string()),
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number((*i).into()),
        Data::Float(f) => Cell::from_float(*f),
        Data::String(s) => Cell::from_text(s),
        // A date, a boolean or an error cell is not a figure: kept as the sheet shows it.
        other => Cell::Text(other.to_string()),
    }
}

/// A CSV as French spreadsheets write it: `;` between cells when the first lines have more of
/// them than commas.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<Cell>> {
    // The first lines, not only the first: a title line has no separator.
    let head: Vec<u8> = bytes
        .split(|&b| b == b'\n')
        .take(10)
        .flatten()
        .copied()
        .collect();
    let semicolons = head.iter().filter(|&&b| b == b';').count();
    let commas = head.iter().filter(|&&b| b == b',').count();
    let delimiter = if semicolons >= commas && semicolons > 0 {
        b';'
    } else {
        b','
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // Excel saves a French CSV in Windows-1252 unless told otherwise: read it as such when it
    // is not UTF-8, so that `Département` and `€` survive.
    let decoded;
    let bytes = if std::str::from_utf8(bytes).is_ok() {
        bytes
    } else {
        decoded = encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
        decoded.as_bytes()
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .byte_records()
        .filter_map(Result::ok)
        .map(|record| {
            record
                .iter()
                .map(|field| Cell::from_text(&String::from_utf8_lossy(field)))
                .collect()
        })
        .collect()
}

/// An id for the new table, unique in the convention: `import-` and the file's stem.
fn table_id(path: &Path, convention: &crate::model::Convention) -> String {
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let base = format!("import-{}", stem.trim_matches('-'));
    let taken = |id: &str| convention.tables.iter().any(|t| t.id == id);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

pub fn run(
    table_file: &Path,
    sheet: Option<&str>,
    into: &Path,
    roles: &[RoleOverride],
    force: bool,
    lang: Lang,
) -> anyhow::Result<u8> {
    let text = import_strings(lang);
    let grid = read_grid(table_file, sheet, lang)?;
    let loaded = match storage::load_file(into) {
        Ok(loaded) => loaded,
        Err(error) => {
            complain!(lang, "{}", sanitize_line(&error.describe(lang)));
            return Ok(exit::UNREADABLE);
        }
    };
    let mut convention = loaded.convention.clone();
    let id = table_id(table_file, &convention);
    let imported = match table_from_grid(&grid, &convention, roles, &id) {
        Ok(imported) => imported,
        Err(_) => {
            complain!(lang, "{}", text.table_empty);
            return Ok(exit::UNREADABLE);
        }
    };
    for header in &imported.unmapped {
        complain!(lang, "{}", sanitize_line(&(text.column_unmapped)(header)));
    }
    for (row, label) in &imported.unlinked {
        complain!(lang, "{}", sanitize_line(&(text.row_unlinked)(*row, label)));
    }
    convention.tables.push(imported.table);
    let shown = sanitize_line(&into.display().to_string()).into_owned();
    let policy = SavePolicy {
        loaded_hash: Some(loaded.hash),
        accept_format_loss: force,
        ..SavePolicy::default()
    };
    match storage::save(into, &convention, policy) {
        Ok(SaveOutcome::Saved { .. }) => {
            say!(
                lang,
                "{}",
                sanitize_line(&(text.table_imported)(
                    imported.linked,
                    imported.figures,
                    &id,
                    &shown
                ))
            );
            Ok(exit::OK)
        }
        Ok(SaveOutcome::ReadOnly) => {
            complain!(
                lang,
                "{}",
                crate::strings::io_problem(lang, into, &storage::IoProblemKind::ReadOnlyFile)
            );
            Ok(exit::UNREADABLE)
        }
        Ok(SaveOutcome::FormatLoss) => {
            complain!(lang, "{}", (text.format_loss)(&shown));
            Ok(exit::UNREADABLE)
        }
        Ok(_) => {
            complain!(lang, "{}", (text.convention_changed)(&shown));
            Ok(exit::UNREADABLE)
        }
        Err(problem) => {
            complain!(lang, "{}", problem.describe(lang));
            Ok(exit::UNREADABLE)
        }
    }
}
