//! The conventions shipped inside the binary, so that an installed `revue` works anywhere.

use std::path::{Path, PathBuf};

use super::save::write_atomically;

/// File name and content of every bundled convention (the files of `data/`).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "cd13-2019-rapport-execution.ron",
        include_str!("../../data/cd13-2019-rapport-execution.ron"),
    ),
    (
        "cd77-2022-convention.ron",
        include_str!("../../data/cd77-2022-convention.ron"),
    ),
    (
        "cd13-2024-2026-pdi.ron",
        include_str!("../../data/cd13-2024-2026-pdi.ron"),
    ),
];

/// The paths to open when none is given: `./data` when present, otherwise the user's
/// data directory, filled with the bundled conventions on first use.
/// A problem names the directory (the user is told it in their language).
pub fn default_paths() -> Result<Vec<PathBuf>, crate::problem::IoProblem> {
    use crate::problem::{IoProblem, IoProblemKind};
    let local = PathBuf::from("data");
    if local.is_dir() {
        return Ok(vec![local]);
    }
    let dirs = directories::ProjectDirs::from("fr", "revue", "revue").ok_or_else(|| IoProblem {
        path: PathBuf::from("~"),
        kind: IoProblemKind::NoHomeDirectory,
    })?;
    let dir = dirs.data_dir().join("conventions");
    install_bundled(&dir).map_err(|e| IoProblem {
        path: dir.clone(),
        kind: IoProblemKind::from_io(&e),
    })?;
    Ok(vec![dir])
}

/// Writes the bundled conventions into `dir` unless it already holds a `.ron` file:
/// the user's own files are never touched.
pub fn install_bundled(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let has_conventions = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .any(|e| super::load::is_convention_file_name(&e.path()));
    if has_conventions {
        return Ok(());
    }
    for (name, content) in BUNDLED {
        write_atomically(&dir.join(name), content.as_bytes())?;
    }
    Ok(())
}
