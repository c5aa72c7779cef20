#!/usr/bin/env bash
# Build every fuzz target and run each for N seconds, one at a time, on one core (issue 7).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 s each, every target
#   SANITIZER=none scripts/fuzz.sh 600        without AddressSanitizer
#   scripts/fuzz.sh --check                   only check that the targets compile (no nightly)
#   scripts/fuzz.sh --cmin [TARGET...]        minimise the corpora before committing them
#
# cargo-fuzz needs nightly-only rustc flags; on the stable toolchain RUSTC_BOOTSTRAP=1 allows them.
# New inputs land in fuzz/corpus/TARGET (minimise with --cmin before committing);
# crashes in fuzz/artifacts/TARGET. Each crash becomes a test in tests/cli/fuzz/regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--check" ]]; then
    # Stable, no sanitizer flags: only that the targets still compile against the library. The
    # shared target dir reuses the dependencies the main build already checked.
    cargo fmt --manifest-path fuzz/Cargo.toml -- --check
    exec cargo check --locked --manifest-path fuzz/Cargo.toml --target-dir target --bins
fi

if [[ "${1:-}" == "--cmin" ]]; then
    # Minimise what a run added before committing it: libFuzzer's merge on features
    # (`cargo fuzz cmin`), then a set cover on edges only, which keeps every covered edge in a
    # fraction of the files (BENCHMARKS.md, Fuzzing).
    shift
    export RUSTC_BOOTSTRAP=1
    if [[ $# -gt 0 ]]; then targets=("$@"); else mapfile -t targets < <(cargo fuzz list); fi
    for t in "${targets[@]}"; do
        cargo fuzz cmin "$t" "fuzz/corpus/$t"
        tmp="$(mktemp -d)"
        "fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release/$t" -set_cover_merge=1 \
            -use_counters=0 -use_cmp=0 "$tmp" "fuzz/corpus/$t"
        rm -rf "fuzz/corpus/$t" && mv "$tmp" "fuzz/corpus/$t"
    done
    exit 0
fi

secs="${1:-60}"
shift || true
export RUSTC_BOOTSTRAP=1
sanitizer="${SANITIZER:-address}"
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build --sanitizer "$sanitizer"
for t in "${targets[@]}"; do
    echo "== $t: ${secs} s"
    mkdir -p "fuzz/corpus/$t"
    nice -n 10 cargo fuzz run --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -jobs=1 -workers=1 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1
done
