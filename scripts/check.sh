#!/usr/bin/env bash
# The checks to run before every commit: format, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test "$@"
