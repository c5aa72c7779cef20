#!/usr/bin/env bash
# Issue 6's "done when": `notify listen` (release build) holds a burst of 1,000 signed
# notifications on loopback, plus repeats, without a dropped or double-forwarded one. The bench
# (benches/notify_burst.rs) signs them like WeChat Pay, fires them concurrently at
# `wxcombine notify listen --forward-to` a counting target, and prints one line per run and the
# median notifications/s. It exits non-zero if any notification was not acknowledged with 204,
# not forwarded, or forwarded twice.
#
#   RUNS=5 N=1000 DUPLICATES=100 CONCURRENCY=256 scripts/bench-notify.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), $(rustc --version)"
cargo bench --quiet --bench notify_burst
