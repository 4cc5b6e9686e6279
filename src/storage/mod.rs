//! Reading and writing convention files: canonical RON, positioned errors, atomic saves.
//! No UI here.

mod bundled;
mod disk;
mod format;
mod journal;
mod load;
mod review;
mod save;

pub use bundled::{BUNDLED, default_paths, install_bundled};
pub use disk::{Fingerprint, OnDisk, on_disk, read_optional_text, same_file};
pub use format::{from_ron_str, has_comments, to_ron_string};
pub use journal::{Claim, Journal, Pending, Replacement};
pub use load::{
    DEFAULT_SIZE_LIMIT, ExpectedShape, IoProblem, IoProblemKind, LoadError, LoadErrorKind,
    LoadReport, LoadedFile, SIZE_LIMIT_VARIABLE, SizeProblem, SpecialFile, SyntaxProblem,
    content_hash, is_convention_file_name, load_file, load_file_with_limit, load_paths, parse_size,
    set_size_limit, settings_syntax_error, size_limit, size_limit_from_env,
};
pub use review::{
    LoadedReview, REVIEW_SUFFIX, is_review_file_name, load_review, review_from_str, review_path,
    review_to_string, save_review,
};
pub use save::{
    BackgroundSave, SaveError, SaveOutcome, SavePolicy, Written, backup_path, rename_durably,
    resolve_links, save, save_convention, save_copy, save_copy_in_background, save_in_background,
    temporary_path, would_lose_formatting, write_and_sync, write_atomically, write_through,
};
