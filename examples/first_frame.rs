//! Start-up to the first frame, measured in one process against the floor of merely parsing
//! the same bytes with `ron`, with the peak memory of the app's state:
//!
//! ```sh
//! cargo run --release --example first_frame -- OUT/ [--runs 5]
//! ```
//!
//! Each run: files on disk → `storage::load_paths` → `App::new` (rules) → one frame drawn at
//! 200×60 on ratatui's `TestBackend` → the search index built in steps of 4 ms, as the
//! terminal loop does between keys after the first frame (its total time and its longest
//! step: the longest a key can wait for it); then the floor: the files' bytes read
//! beforehand, parsed by `ron` on one core and on every core. Figures are the best run of
//! each. The peak resident memory (VmHWM) is read after the first frame, then after the
//! index, before the floor is measured.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use revue::app::{App, Keymap};
use revue::model::Convention;
use revue::rules::Config;
use revue::storage;
use revue::strings::Lang;
use revue::ui::{self, Theme};

#[derive(Debug, Parser)]
struct Args {
    /// A directory of conventions (e.g. written by `gen_corpus`).
    dir: PathBuf,
    /// Runs of each measurement; the best is kept.
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = Config {
        current_year: 2026,
        ..Config::default()
    };

    let mut best = [Duration::MAX; 6];
    let (mut peak, mut peak_before_index) = (None, None);
    let mut index_size = (0, 0);
    // Steps of the index built, and how many of them took over 8 ms (every run).
    let mut steps = (0usize, 0usize);
    for _ in 0..args.runs {
        let start = Instant::now();
        let report = storage::load_paths(std::slice::from_ref(&args.dir));
        anyhow::ensure!(report.errors.is_empty(), "{:?}", report.errors);
        let loaded = start.elapsed();
        let mut app = App::new(report, Keymap::default(), Lang::Fr, config.clone());
        app.resize(200, 60);
        let built = start.elapsed();
        let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
        terminal.draw(|frame| ui::draw(frame, &app, &Theme::default()))?;
        let drawn = start.elapsed();
        peak_before_index = peak_before_index.or_else(peak_memory);
        app.build_index_in_steps();
        let mut longest_step = Duration::ZERO;
        while app.index_pending() {
            let step = Instant::now();
            app.index_step(Duration::from_millis(4));
            let took = step.elapsed();
            longest_step = longest_step.max(took);
            steps.0 += 1;
            steps.1 += usize::from(took > Duration::from_millis(8));
        }
        let indexed = start.elapsed();
        if let Some(index) = &app.index {
            index_size = (index.len(), index.vocabulary_len());
        }
        for (slot, value) in best.iter_mut().zip([
            loaded,
            built - loaded,
            drawn - built,
            drawn,
            indexed - drawn,
            longest_step,
        ]) {
            *slot = (*slot).min(value);
        }
        peak = peak.or_else(peak_memory);
        drop(app);
    }

    let mut paths: Vec<PathBuf> = std::fs::read_dir(&args.dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|x| x == "ron"));
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let parse = |texts: &[String]| -> Vec<Convention> {
        texts
            .iter()
            .map(|t| storage::from_ron_str(t).expect("parses"))
            .collect()
    };
    let (mut serial, mut parallel) = (Duration::MAX, Duration::MAX);
    for _ in 0..args.runs {
        let start = Instant::now();
        drop(std::hint::black_box(parse(&texts)));
        serial = serial.min(start.elapsed());
        let start = Instant::now();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = texts.len().div_ceil(workers).max(1);
        let parsed: Vec<Vec<Convention>> = std::thread::scope(|scope| {
            let handles: Vec<_> = texts
                .chunks(chunk)
                .map(|part| scope.spawn(move || parse(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("parses"))
                .collect()
        });
        parallel = parallel.min(start.elapsed());
        drop(std::hint::black_box(parsed));
    }

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "{} files, {:.1} MB, {} cores, best of {} runs",
        texts.len(),
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        args.runs
    );
    println!("  load (read, parse, hash)    {:8.1} ms", ms(best[0]));
    println!("  App::new (rules)            {:8.1} ms", ms(best[1]));
    println!("  first frame drawn           {:8.1} ms", ms(best[2]));
    println!("  start-up to first frame     {:8.1} ms", ms(best[3]));
    println!("  search index, after it      {:8.1} ms", ms(best[4]));
    println!("  longest step of the index   {:8.1} ms", ms(best[5]));
    println!(
        "  steps over 8 ms             {:>8} of {}",
        steps.1, steps.0
    );
    println!("  index: {} texts, {} words", index_size.0, index_size.1);
    println!("  floor: ron parse, 1 core    {:8.1} ms", ms(serial));
    println!("  floor: ron parse, all cores {:8.1} ms", ms(parallel));
    println!(
        "  start-up / floor (all cores) {:7.2}×",
        best[3].as_secs_f64() / parallel.as_secs_f64()
    );
    if let Some(kb) = peak_before_index {
        println!(
            "  peak memory at first frame  {:8.1} MB",
            kb as f64 / 1024.0
        );
    }
    if let Some(kb) = peak {
        println!(
            "  peak memory after the index {:8.1} MB",
            kb as f64 / 1024.0
        );
    }
    Ok(())
}

/// The process's peak resident memory so far, in kB (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
