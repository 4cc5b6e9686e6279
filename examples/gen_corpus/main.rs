//! Writes a synthetic national corpus of conventions, for benchmarks and load tests:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --departements 101 --years 4 OUT/
//! ```
//!
//! One large convention of 5 000 fiches:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --departements 1 --years 1 --fiches-per-convention 5000 OUT/
//! ```
//!
//! Deterministic: the same arguments give the same files, byte for byte.

mod corpus;

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(about = "Writes a synthetic national corpus of conventions (deterministic)")]
struct Args {
    /// Number of départements (the 101 real ones, then numbered extras).
    #[arg(long, default_value_t = 101)]
    departements: usize,
    /// Number of yearly reports per département.
    #[arg(long, default_value_t = 4)]
    years: usize,
    /// First year covered.
    #[arg(long, default_value_t = 2019)]
    first_year: i32,
    /// Seed of the generator.
    #[arg(long, default_value_t = corpus::DEFAULT_SEED)]
    seed: u64,
    /// Fiches in every convention (default: 20 to 30, drawn). `--departements 1 --years 1
    /// --fiches-per-convention 5000` writes one large convention.
    #[arg(long)]
    fiches_per_convention: Option<usize>,
    /// Directory to write the `.ron` files into (created if needed).
    out: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let params = corpus::Params {
        departements: args.departements,
        years: args.years,
        first_year: args.first_year,
        seed: args.seed,
        fiches_per_convention: args.fiches_per_convention,
    };
    let paths = corpus::write(&args.out, params)?;

    // What was written, and the findings it holds per rule.
    let report = revue::storage::load_paths(&paths);
    anyhow::ensure!(report.errors.is_empty(), "{:?}", report.errors);
    let config = revue::rules::Config {
        current_year: 2026,
        ..Default::default()
    };
    let (mut fiches, mut values, mut bytes) = (0, 0, 0);
    let mut per_rule: BTreeMap<(&str, revue::rules::Severity), usize> = BTreeMap::new();
    for file in &report.files {
        let c = &file.convention;
        fiches += c.fiche_count();
        values += c
            .fiches()
            .flat_map(|f| &f.indicators)
            .chain(&c.indicators)
            .map(|i| i.values.len())
            .sum::<usize>();
        bytes += std::fs::metadata(&file.path)?.len();
        for finding in revue::rules::check_convention(c, &config) {
            *per_rule
                .entry((finding.rule.id(), finding.severity))
                .or_default() += 1;
        }
    }
    println!(
        "{} files, {fiches} fiches, {values} indicator values, {:.1} MB in {}",
        report.files.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    for ((rule, severity), count) in per_rule {
        println!("  {rule:<14} {severity:<8?} {count:>6}");
    }
    Ok(())
}
