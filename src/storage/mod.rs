//! Reading and writing convention files: canonical RON, positioned errors, atomic saves.
//! No UI here.

mod bundled;
mod format;
mod load;
mod save;

pub use bundled::{BUNDLED, default_paths, install_bundled};
pub use format::{from_ron_str, to_ron_string};
pub use load::{
    LoadError, LoadErrorKind, LoadReport, LoadedFile, content_hash, load_file, load_paths,
};
pub use save::write_atomically;
