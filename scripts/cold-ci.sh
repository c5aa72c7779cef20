#!/usr/bin/env bash
# Cold CI (issue 17): run `.ci/run` on a fresh clone with an empty cargo home, then the README's two
# set-up commands on another fresh clone with another empty cargo home, the way a new machine would.
#
#   scripts/cold-ci.sh [REV]          default: HEAD (only what is committed is cloned)
#   KEEP=1 scripts/cold-ci.sh         keep the temp dir (clones, logs, cargo homes)
#   SKIP_CI=1 / SKIP_README=1         run only one half
#
# rustup's toolchains stay where they are (a fresh CI machine has the toolchain, not the crates):
# the rustup proxies are linked into a private bin dir, and ~/.cargo/bin, where earlier sessions may
# have installed cargo-deny and friends, is taken off PATH. Each phase's wall time is printed last;
# run it before each stop that touches Cargo.toml, Cargo.lock, .ci/ or the README's set-up, and put
# the figures in BENCHMARKS.md ("Cold CI").
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
rev=$(git rev-parse "${1:-HEAD}")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wxc-cold-ci.XXXXXX")
cleanup() {
  if [[ -n "${KEEP:-}" ]]; then echo "kept: $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# The toolchain's proxies, found where rustup put them, linked into a bin dir of our own.
rustup_bin=$(dirname "$(command -v rustup)")
mkdir -p "$tmp/toolchain-bin"
for tool in cargo rustc rustup rustfmt cargo-fmt cargo-clippy clippy-driver rustdoc; do
  [[ -e "$rustup_bin/$tool" ]] && ln -s "$rustup_bin/$tool" "$tmp/toolchain-bin/$tool"
done
clean_path=$(tr ':' '\n' <<<"$PATH" | grep -v -x -F "$rustup_bin" | grep -v -x -F "$HOME/.cargo/bin" | paste -sd:)
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS

fresh() { # fresh NAME: a clone at $rev and an empty cargo home
  git clone --quiet --no-hardlinks "$repo" "$tmp/$1"
  git -C "$tmp/$1" checkout --quiet --detach "$rev"
  mkdir -p "$tmp/$1-cargo-home"
}
in_fresh() { # in_fresh NAME CMD...: run CMD in that clone with its own empty cargo home
  local name=$1
  shift
  (cd "$tmp/$name" &&
    env CARGO_HOME="$tmp/$name-cargo-home" PATH="$tmp/toolchain-bin:$tmp/$name-cargo-home/bin:$clean_path" "$@")
}

results=()
timed() { # timed LABEL NAME CMD...
  local label=$1 name=$2 start=$SECONDS rc=0
  shift 2
  echo "== $label"
  in_fresh "$name" "$@" >"$tmp/$name.$(tr ' /' '__' <<<"$label").log" 2>&1 || rc=$?
  local secs=$((SECONDS - start))
  results+=("$(printf '%-44s exit %-3s %4d s (%dm%02ds)' "$label" "$rc" "$secs" $((secs / 60)) $((secs % 60)))")
  tail -n 25 "$tmp/$name.$(tr ' /' '__' <<<"$label").log"
  return $rc
}

echo "cold CI of $rev in $tmp ($(nproc) cores)"
failed=0
if [[ -z "${SKIP_CI:-}" ]]; then
  fresh ci
  timed ".ci/run" ci bash .ci/run || failed=1
fi
if [[ -z "${SKIP_README:-}" ]]; then
  fresh readme
  # The README's two set-up commands, verbatim, in order.
  timed "README 1: cargo run --locked --release -- demo" readme cargo run --locked --release -- demo || failed=1
  timed "README 2: cargo test --locked" readme cargo test --locked || failed=1
fi

echo
echo "== cold CI summary ($rev)"
printf '%s\n' "${results[@]}"
exit $failed
