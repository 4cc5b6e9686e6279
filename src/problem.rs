//! What went wrong, typed: problems with files, their syntax, their size, the config and
//! the themes. No text here: `crate::strings` says each in the user's language (it may
//! depend on this module, which depends on nothing of revue but the model).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    Io(IoProblemKind),
    NotUtf8 {
        byte_offset: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    Syntax {
        line: usize,
        column: usize,
        /// The parser's own text (English), kept for what [`SyntaxProblem`] does not type.
        message: String,
        /// What went wrong, typed, when it is a mistake a person writing the file makes:
        /// the message then says it in the user's language with the fix.
        problem: Option<Box<SyntaxProblem>>,
    },
    Version {
        found: u32,
        supported: u32,
    },
}

/// A mistake in a hand-written file, as the user is told it (`crate::strings::load_error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxProblem {
    /// A figure written as a bare number (`Amount(59000)`, or `etat: 59000`): `variant` is the
    /// figure's kind when it was written, `number` the digits as written.
    BareNumber {
        variant: Option<String>,
        number: String,
    },
    /// A quoted text where a figure is expected (`etat: "59000"`).
    FigureWithoutKind {
        found: String,
    },
    /// A required field is absent; the position is where the item lacking it starts.
    MissingField {
        field: String,
        /// The type lacking it (`Fiche`, `Axe`, `Budget`…).
        within: String,
        /// The item's `id`, when it has one (`1-1`).
        id: Option<String>,
    },
    UnknownField {
        found: String,
        within: String,
        expected: Vec<String>,
    },
    UnknownVariant {
        found: String,
        within: String,
        expected: Vec<String>,
    },
    DuplicateField {
        field: String,
        within: String,
    },
    /// A value of the wrong shape (a number where a text is expected, a list for a struct).
    WrongType {
        expected: ExpectedShape,
        /// The start of what was written instead, as written.
        found: String,
    },
    MissingComma,
    /// A figure's text that is not in the stored form (`Amount("221 499 €")`).
    NotStoredFigure {
        found: String,
    },
    UnexpectedEnd,
    /// A text whose closing quote is missing.
    UnclosedString,
    EmptyFile,
    /// A figure with more digits than a decimal holds exactly (as written).
    TooManyDigits {
        found: String,
    },
    /// A group is not closed where it should be: the closing character wanted.
    ClosingExpected {
        closing: char,
    },
    /// `name value` where `name: value` is wanted.
    MissingColon,
    /// A character that has no place here.
    UnexpectedCharacter {
        found: char,
    },
    /// Something written after the end of the document's outer parenthesis.
    TrailingText,
    /// A name (field, or kind of value) is wanted here: what was written instead.
    NameExpected {
        found: String,
    },
    /// `/* …` never closed.
    UnclosedComment,
    /// A backslash sequence in a text that is not one.
    BadEscape,
    /// A whole number beyond what the field holds, or with a wrong digit.
    BadNumber {
        found: String,
    },
    /// `Fiche(…)` where a `Budget(…)` is wanted.
    WrongStructName {
        expected: String,
        found: String,
    },
    /// A list of fixed length with a different count: (expected, as written by the format).
    WrongLength {
        expected: String,
        found: usize,
    },
    /// `#![enable(…)]` naming an extension RON does not have.
    UnknownExtension {
        name: String,
    },
    /// Groups nested deeper than the reader follows.
    TooDeep,
}

/// The shape of value the format wanted where a [`SyntaxProblem::WrongType`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedShape {
    Text,
    Integer,
    Boolean,
    List,
    /// A parenthesised group of fields, with the type's name when known.
    Struct(Option<String>),
    /// A number, possibly with decimals.
    Number,
    /// `Some(…)` or `None`.
    Optional,
    /// `{key: value, …}`.
    Map,
    Other,
}

/// What went wrong reading or writing a file, with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoProblem {
    pub path: PathBuf,
    pub kind: IoProblemKind,
}

/// What went wrong with a file, as the user is told it (`crate::strings::io_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoProblemKind {
    NotFound,
    PermissionDenied,
    IsADirectory,
    /// A FIFO, a terminal, a device, a socket: never read, never written.
    NotRegular(SpecialFile),
    NoSpace,
    ReadOnlyFileSystem,
    /// The user has no write permission on the file.
    ReadOnlyFile,
    /// A part of the path that should be a directory is a file.
    NotADirectory,
    /// Too many symbolic links to follow (a loop), or too many hard links to add one.
    TooManyLinks,
    /// Larger than the file system or the process allows.
    FileTooLarge,
    /// A name too long, or with characters the file system refuses.
    InvalidFileName,
    /// Something already has this name.
    AlreadyExists,
    /// Renaming across two file systems.
    CrossesDevices,
    /// The file is in use by another program.
    Busy,
    /// No home directory to keep the bundled conventions in.
    NoHomeDirectory,
    /// The operation was interrupted or would have had to wait: trying again may work.
    Interrupted,
    /// The system gave up waiting (a network file system that does not answer).
    TimedOut,
    /// A network file system, or the network under it, is gone or unreachable.
    NetworkUnavailable,
    /// The program reading revue's output closed it (`revue report | head`).
    BrokenPipe,
    /// The disk or the device failed (the system's input/output error).
    DeviceError,
    /// The file ended before what the format announces (a file cut short).
    Truncated,
    /// The file's content is not what the system call expected.
    InvalidData,
    /// The system refused the request as malformed (a name with a NUL byte, a bad argument).
    InvalidRequest,
    /// Nothing could be written (a device that accepts no more).
    WriteZero,
    /// The file system does not do this (links, locks, renames on some mounts).
    Unsupported,
    /// The system ran out of memory.
    OutOfMemory,
    /// A directory that should be empty is not.
    DirectoryNotEmpty,
    /// Anything else, with the system's text (kept only as a detail in parentheses).
    Other(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl IoProblemKind {
    pub fn from_io(error: &std::io::Error) -> IoProblemKind {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::NotFound => IoProblemKind::NotFound,
            K::PermissionDenied => IoProblemKind::PermissionDenied,
            K::IsADirectory => IoProblemKind::IsADirectory,
            K::StorageFull | K::QuotaExceeded => IoProblemKind::NoSpace,
            K::ReadOnlyFilesystem => IoProblemKind::ReadOnlyFileSystem,
            K::NotADirectory => IoProblemKind::NotADirectory,
            K::TooManyLinks => IoProblemKind::TooManyLinks,
            K::FileTooLarge => IoProblemKind::FileTooLarge,
            K::InvalidFilename => IoProblemKind::InvalidFileName,
            K::AlreadyExists => IoProblemKind::AlreadyExists,
            K::CrossesDevices => IoProblemKind::CrossesDevices,
            // A file lock the system refuses (EDEADLK) is a file held by another program.
            K::ResourceBusy | K::ExecutableFileBusy | K::Deadlock => IoProblemKind::Busy,
            K::Interrupted | K::WouldBlock => IoProblemKind::Interrupted,
            K::TimedOut => IoProblemKind::TimedOut,
            K::StaleNetworkFileHandle
            | K::NetworkDown
            | K::NetworkUnreachable
            | K::HostUnreachable
            | K::ConnectionRefused
            | K::ConnectionReset
            | K::ConnectionAborted
            | K::NotConnected
            | K::AddrInUse
            | K::AddrNotAvailable => IoProblemKind::NetworkUnavailable,
            K::BrokenPipe => IoProblemKind::BrokenPipe,
            K::UnexpectedEof => IoProblemKind::Truncated,
            K::InvalidData => IoProblemKind::InvalidData,
            K::InvalidInput | K::ArgumentListTooLong => IoProblemKind::InvalidRequest,
            K::WriteZero => IoProblemKind::WriteZero,
            K::Unsupported => IoProblemKind::Unsupported,
            K::OutOfMemory => IoProblemKind::OutOfMemory,
            K::DirectoryNotEmpty => IoProblemKind::DirectoryNotEmpty,
            // A pipe or a terminal where a file is wanted (ESPIPE).
            K::NotSeekable => IoProblemKind::NotRegular(SpecialFile::Other),
            // `FilesystemLoop` is not stable: read from the system's code.
            #[cfg(unix)]
            _ if error.raw_os_error() == Some(libc::ELOOP) => IoProblemKind::TooManyLinks,
            #[cfg(unix)]
            _ if error.raw_os_error() == Some(libc::ENAMETOOLONG) => IoProblemKind::InvalidFileName,
            // EIO and its kin have no stable kind: the system's code says it.
            #[cfg(unix)]
            _ if matches!(
                error.raw_os_error(),
                Some(libc::EIO | libc::ENXIO | libc::ENODEV)
            ) =>
            {
                IoProblemKind::DeviceError
            }
            _ => IoProblemKind::Other(error.to_string()),
        }
    }

    /// The problem with a file that exists but is not a regular file.
    pub fn not_regular(metadata: &std::fs::Metadata) -> IoProblemKind {
        if metadata.is_dir() {
            return IoProblemKind::IsADirectory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let kind = metadata.file_type();
            if kind.is_fifo() {
                return IoProblemKind::NotRegular(SpecialFile::Fifo);
            } else if kind.is_socket() {
                return IoProblemKind::NotRegular(SpecialFile::Socket);
            } else if kind.is_char_device() {
                return IoProblemKind::NotRegular(SpecialFile::CharDevice);
            } else if kind.is_block_device() {
                return IoProblemKind::NotRegular(SpecialFile::BlockDevice);
            }
        }
        IoProblemKind::NotRegular(SpecialFile::Other)
    }

    /// The closest `std::io::ErrorKind`, for callers that still deal in `std::io::Error`.
    pub fn io_error_kind(&self) -> std::io::ErrorKind {
        use std::io::ErrorKind as K;
        match self {
            IoProblemKind::NotFound => K::NotFound,
            IoProblemKind::PermissionDenied | IoProblemKind::ReadOnlyFile => K::PermissionDenied,
            IoProblemKind::IsADirectory => K::IsADirectory,
            IoProblemKind::NotRegular(_) => K::InvalidInput,
            IoProblemKind::NoSpace => K::StorageFull,
            IoProblemKind::ReadOnlyFileSystem => K::ReadOnlyFilesystem,
            IoProblemKind::NotADirectory => K::NotADirectory,
            IoProblemKind::TooManyLinks => K::TooManyLinks,
            IoProblemKind::FileTooLarge => K::FileTooLarge,
            IoProblemKind::InvalidFileName => K::InvalidFilename,
            IoProblemKind::AlreadyExists => K::AlreadyExists,
            IoProblemKind::CrossesDevices => K::CrossesDevices,
            IoProblemKind::Busy => K::ResourceBusy,
            IoProblemKind::NoHomeDirectory => K::NotFound,
            IoProblemKind::Interrupted => K::Interrupted,
            IoProblemKind::TimedOut => K::TimedOut,
            IoProblemKind::NetworkUnavailable => K::NetworkUnreachable,
            IoProblemKind::BrokenPipe => K::BrokenPipe,
            IoProblemKind::DeviceError => K::Other,
            IoProblemKind::Truncated => K::UnexpectedEof,
            IoProblemKind::InvalidData => K::InvalidData,
            IoProblemKind::InvalidRequest => K::InvalidInput,
            IoProblemKind::WriteZero => K::WriteZero,
            IoProblemKind::Unsupported => K::Unsupported,
            IoProblemKind::OutOfMemory => K::OutOfMemory,
            IoProblemKind::DirectoryNotEmpty => K::DirectoryNotEmpty,
            IoProblemKind::Other(_) => K::Other,
        }
    }
}

/// The environment variable that sets the size limit (`--max-file-size` wins over it).
pub const SIZE_LIMIT_VARIABLE: &str = "REVUE_MAX_FILE_SIZE";

/// Why a size written by the user (`--max-file-size`, `REVUE_MAX_FILE_SIZE`) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeProblem {
    /// Not a number with an optional unit (as written).
    NotASize(String),
    Zero,
    /// Larger than a 64-bit count of bytes (as written).
    TooLarge(String),
    /// `REVUE_MAX_FILE_SIZE` is set to something that is not a size.
    InVariable(Box<SizeProblem>),
}

/// A file of the user's settings (the config file, a theme) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub path: PathBuf,
    pub kind: SettingsErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsErrorKind {
    Io(IoProblemKind),
    /// Not readable as RON: where, and what, when typed.
    Syntax {
        line: usize,
        column: usize,
        problem: Option<Box<SyntaxProblem>>,
        /// The parser's text, for what `problem` does not type.
        message: String,
    },
}

impl SettingsError {
    pub fn new(path: &Path, kind: SettingsErrorKind) -> SettingsError {
        SettingsError {
            path: path.to_path_buf(),
            kind,
        }
    }
}

/// A theme that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeProblem {
    /// No built-in theme and no file of this name: (name, the built-in names).
    Unknown { name: String, builtin: Vec<String> },
    /// A theme file that cannot be read.
    File(SettingsError),
    /// A colour not understood in a theme file, where it is written.
    BadColour {
        path: PathBuf,
        line: usize,
        column: usize,
        colour: String,
    },
}

/// Why a spreadsheet's table cannot be read (`revue import-table`), as the user is told it
/// (`crate::strings::table_read_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableReadProblem {
    /// Not an xlsx, ods or xls workbook (another format under this extension, or damaged
    /// beyond recognition).
    NotAWorkbook,
    /// The workbook is encrypted with a password.
    PasswordProtected,
    /// The workbook has no sheet.
    NoSheet,
    /// The workbook opens but a sheet does not read: the reader's text, kept only as a detail.
    Damaged(String),
}
