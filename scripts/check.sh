#!/usr/bin/env bash
# The checks to run before every commit: format, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
# fuzz/ has its own lock file, which must follow every dependency change of the main crate, or
# CI's `cargo fetch --locked` of it fails on a fresh machine (it did once, after toml_edit came in).
cargo metadata --locked --offline --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null ||
  { echo "fuzz/Cargo.lock is stale: run  cargo update --offline --workspace --manifest-path fuzz/Cargo.toml" >&2; exit 1; }
cargo clippy --all-targets -- -D warnings
cargo test "$@"
