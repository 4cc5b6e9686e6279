//! Crash safety of saves: a child process saves a convention over and over and is killed
//! (SIGKILL, no clean-up) at random points. Whenever it dies, and at any moment while it
//! runs, the file on disk is a whole version, byte for byte, never a mix or a truncation;
//! the backup too.
//!
//! The child is this same test binary, run again on [`child_process_saving_in_a_loop`] with
//! `REVUE_SAVE_LOOP_FILE` naming the file.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use revue::model::Convention;
use revue::storage::{self, SaveError};

const CHILD: &str = "REVUE_SAVE_LOOP_FILE";

/// Version `n` of the convention: a few hundred kilobytes, so that a kill often lands
/// mid-write.
fn version(n: u64) -> Convention {
    static BASE: OnceLock<Convention> = OnceLock::new();
    let mut convention = BASE
        .get_or_init(|| {
            let base = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/every-field.ron");
            let mut convention = storage::load_file(Path::new(base)).unwrap().convention;
            let axe = convention.axes[0].clone();
            convention.axes = (0..30)
                .map(|i| {
                    let mut axe = axe.clone();
                    axe.id = format!("{i}");
                    axe
                })
                .collect();
            convention
        })
        .clone();
    convention.title = format!("version {n}");
    convention
}

/// The version number a file's text starts with, read cheaply (no parsing).
fn title_number(bytes: &[u8]) -> Option<u64> {
    let head = std::str::from_utf8(&bytes[..bytes.len().min(200)]).ok()?;
    let rest = &head[head.find("title: \"version ")? + "title: \"version ".len()..];
    rest[..rest.find('"')?].parse().ok()
}

/// Which version the text is, when it is one exactly; `None` for anything else.
fn which_version(bytes: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(bytes).ok()?;
    let convention = storage::from_ron_str(text).ok()?;
    let n: u64 = convention.title.strip_prefix("version ")?.parse().ok()?;
    (storage::to_ron_string(&version(n)).as_bytes() == bytes).then_some(n)
}

/// The child: saves versions n + 1, n + 2, … of the file it is given, until killed.
#[test]
fn child_process_saving_in_a_loop() {
    let Some(path) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return; // Only ever run as the child of the test below.
    };
    let loaded = storage::load_file(&path).unwrap();
    let mut n = which_version(&std::fs::read(&path).unwrap()).expect("a whole version");
    let mut hash = Some(loaded.hash);
    loop {
        n += 1;
        match storage::save_convention(&path, &version(n), hash) {
            Ok(written) => hash = Some(written),
            Err(SaveError::Conflict { .. }) => panic!("nobody else writes this file"),
            Err(SaveError::Io(e)) => panic!("{e}"),
        }
    }
}

fn has_temporary_file(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
}

fn spawn_child(path: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_saving_in_a_loop",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small deterministic generator for the kill delays.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn a_save_killed_at_any_point_leaves_the_old_or_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("convention.ron");
    std::fs::write(&path, storage::to_ron_string(&version(0))).unwrap();
    let backup = storage::backup_path(&path);

    // A reader that looks at the file all along, as another revue or an editor would.
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (path, stop, reads) = (path.clone(), stop.clone(), reads.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let bytes = std::fs::read(&path).expect("the file is always there");
                assert!(
                    which_version(&bytes).is_some(),
                    "a reader saw {} bytes that are no version",
                    bytes.len()
                );
                reads.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let mut kills = 0;
    let mut last = 0;
    while started.elapsed() < Duration::from_secs(4) || kills < 10 {
        let mut child = spawn_child(&path);
        // Once the child is saving (its first save is on disk), a random moment of the loop.
        let waiting = Instant::now();
        while std::fs::read(&path).ok().as_deref().and_then(title_number) <= Some(last)
            && waiting.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        if kills % 2 == 0 {
            std::thread::sleep(Duration::from_micros(random.below(40_000)));
        } else {
            // Or while a temporary file is being written: the moment that matters.
            let waiting = Instant::now();
            while !has_temporary_file(dir.path()) && waiting.elapsed() < Duration::from_secs(2) {
                std::hint::spin_loop();
            }
            std::thread::sleep(Duration::from_micros(random.below(1_000)));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        kills += 1;
        let on_disk = std::fs::read(&path).unwrap();
        let n = which_version(&on_disk).unwrap_or_else(|| {
            panic!(
                "after kill {kills}, {} bytes on disk are no version",
                on_disk.len()
            )
        });
        assert!(n >= last, "version {n} after version {last}");
        last = n;
        if let Ok(previous) = std::fs::read(&backup) {
            let b = which_version(&previous).expect("the backup is a whole version");
            // Killed between the backup and the replacement, the backup is the file itself.
            assert!(b <= n, "backup {b}, file {n}");
        }
        // The file still opens the usual way, and a temporary file left by the kill is
        // never taken for a convention.
        let report = storage::load_paths(&[dir.path().to_path_buf()]);
        assert_eq!(report.files.len(), 1, "{:?}", report.errors);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
    }
    stop.store(true, Ordering::Relaxed);
    reader.join().expect("the reader never saw a partial file");
    assert!(last > 0, "the child never got to save");
    assert!(reads.load(Ordering::Relaxed) > 0);
}
