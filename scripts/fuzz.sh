#!/usr/bin/env bash
# Bounded fuzzing of what revue reads from files and users (cargo-fuzz, libFuzzer):
#
#   ron_loader  the RON loader (`storage::from_ron_str`): no panic; what loads saves without
#               loss; every rule and the search index run over it
#   amount      the amount parser and the French format (`parse_amount`, `format_amount_fr`)
#   normalise   the search normaliser (`search::normalise_with_origin`) and the sanitiser
#   search      the search over any labels and any query
#   app         the whole review app drawn on a test backend, every tab, no control char
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#   SECONDS_PER_TARGET  default $FUZZ_SECONDS, else 60
#   TARGET…             default: all of the above
# Environment:
#   FUZZ_SECONDS        time per target (the first argument wins)
#   FUZZ_TOOLCHAIN      a rustup toolchain to build with (e.g. nightly); by default the active
#                       one, with RUSTC_BOOTSTRAP=1 for the sanitizer flags cargo-fuzz passes
#   FUZZ_SANITIZER      address (default) or none (faster, finds panics only)
#   FUZZ_TARGET_DIR     where the targets are built, and the seeds and logs written (default
#                       target/fuzz; give one outside target/ to keep clear of other builds)
#
# Each target runs for SECONDS_PER_TARGET (libFuzzer -max_total_time) after the build; an
# input that runs longer than 20 s is a hang, and counts as a crash.
# Inputs that crash or hang are written to fuzz/artifacts/TARGET/; the summary prints the
# command that replays one (the same build options as the run: debug assertions, sanitizer).
# The corpus each run grows is kept in fuzz/corpus/TARGET/ (not committed); it starts from
# seeds made here from data/, tests/fixtures/, tests/hostile/ and the amount forms below.
# Exit status: 0 when no target crashed, 1 when one did, 2 when nothing could run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${FUZZ_SECONDS:-60}
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
all_targets=(ron_loader amount normalise search app)
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    targets=("${all_targets[@]}")
fi
for target in "${targets[@]}"; do
    if [[ ! " ${all_targets[*]} " =~ " $target " ]]; then
        echo "fuzz.sh: unknown target $target (one of: ${all_targets[*]})" >&2
        exit 2
    fi
done

if ! command -v cargo >/dev/null 2>&1; then
    echo "fuzz.sh: cargo is required (Rust toolchain)" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# cargo-fuzz passes -Zsanitizer and other unstable flags: a nightly toolchain, or the
# stable one told to accept them.
cargo_fuzz=(cargo)
if [[ -n ${FUZZ_TOOLCHAIN:-} ]]; then
    cargo_fuzz+=("+$FUZZ_TOOLCHAIN")
else
    export RUSTC_BOOTSTRAP=1
fi
cargo_fuzz+=(fuzz)
work=${FUZZ_TARGET_DIR:-$root/target/fuzz}
mkdir -p "$work"
work=$(cd "$work" && pwd)
build_options=(--fuzz-dir "$root/fuzz" --target-dir "$work" --debug-assertions
    --sanitizer "${FUZZ_SANITIZER:-address}")

# Seeds, made afresh at each run from the project's own files.
seeds=$work/seeds
rm -rf "$seeds"
for target in "${all_targets[@]}"; do
    mkdir -p "$seeds/$target" "$root/fuzz/corpus/$target"
done
n=0
seed() { # TARGET TEXT
    n=$((n + 1))
    printf '%s' "$2" >"$seeds/$1/seed-$n"
}
for file in data/*.ron tests/fixtures/*.ron tests/hostile/*.ron; do
    [[ -f $file ]] || continue
    cp "$file" "$seeds/ron_loader/$(basename "$file")"
    cp "$file" "$seeds/app/$(basename "$file")"
done
# Every form the amount parser documents, and the figures of the data files.
for amount in "442 998 €" "1.207.650,75 €" "156.111,20 €" "2 574 959 €" "1207650.75" \
    "1 207 650,75" "835 580,45€" "9.8" "39,5" "0 €" "1.207" "-12,5" "+12" "136 798,38" \
    $'120\u00a0331\u00a0€' $'1\u202f000 euros' "1 000 EUR" "312.222.40 €" "1 207.650" \
    "12," "Oui." "79228162514264337593543950335" "0,0000000000000000000000000001"; do
    seed amount "$amount"
done
while IFS= read -r figure; do
    seed amount "$figure"
done < <(grep -ohE '(Amount|Text)\("[^"]{1,40}"\)' data/*.ron | sed -E 's/^[A-Za-z]+\("(.*)"\)$/\1/' | sort -u | head -300)
# Titles, names and prose of the data files, for the normaliser and the search.
mapfile -t labels < <(grep -ohE '(title|name|text): "[^"]{1,400}"' data/*.ron tests/fixtures/*.ron |
    sed -E 's/^[a-z]+: "(.*)"$/\1/' | sort -u | head -400)
for label in "${labels[@]}"; do
    seed normalise "$label"
done
for extra in "Œuvre École ß æ" $'a\u0301e\u0300' "İstanbul ǅ ﬁ" $'\u001b[31mrouge\u001b]0;titre\u0007' \
    $'droite\u202egauche' "ＡＢＣ ①"; do
    seed normalise "$extra"
done
queries=("3.2" "fiche 12" "boost" "ecole parent" "ase" "€" "mds 19" "accompagnement global")
for i in "${!queries[@]}"; do
    body=$(printf '%s\n' "${labels[@]:$((i * 20)):20}")
    seed search "${queries[$i]}"$'\n'"$body"
done

logs=$work/logs
mkdir -p "$logs"
echo "fuzz.sh: building the targets" >&2
if ! "${cargo_fuzz[@]}" build "${build_options[@]}" >"$logs/build.log" 2>&1; then
    tail -30 "$logs/build.log" >&2
    exit 2
fi

failed=()
summary=()
for target in "${targets[@]}"; do
    echo "fuzz.sh: $target for ${seconds}s" >&2
    options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1)
    if [[ $target == ron_loader || $target == app ]]; then
        options+=(-dict="$root/fuzz/ron.dict")
    fi
    status=0
    started=$SECONDS
    "${cargo_fuzz[@]}" run "${build_options[@]}" "$target" \
        "$root/fuzz/corpus/$target" "$seeds/$target" -- "${options[@]}" \
        >"$logs/$target.log" 2>&1 || status=$?
    elapsed=$((SECONDS - started))
    # No stat line when the run stopped before libFuzzer started (a build error).
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$logs/$target.log" |
        grep -oE '[0-9]+$' | tail -1) || true
    corpus=$(find "$root/fuzz/corpus/$target" -type f | wc -l)
    if [[ $status -ne 0 ]]; then
        failed+=("$target")
        artifact=$(grep -oE 'Test unit written to [^ ]+' "$logs/$target.log" | tail -1) || true
        artifact=${artifact#Test unit written to }
        summary+=("$target: CRASH (exit $status) after ${runs:-?} executions in ${elapsed}s (corpus: $corpus inputs, log: $logs/$target.log)")
        if [[ -n $artifact ]]; then
            summary+=("  replay: ${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }${cargo_fuzz[*]} run ${build_options[*]} $target $artifact")
        fi
        grep -m1 -E 'panicked at|ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)' "$logs/$target.log" >&2 || true
    else
        summary+=("$target: ${runs:-?} executions in ${elapsed}s, no crash (corpus: $corpus inputs)")
    fi
done

echo
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    exit 1
fi
