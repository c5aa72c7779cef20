#!/usr/bin/env bash
# Issue 11's memory figure: peak RSS of `query --from FILE -o jsonl` for 10^4 and 10^6 orders from
# the sandbox, measured with `/usr/bin/time -v`. Streaming must be streaming: the figure must not
# grow with the number of orders. The figure is the CLI's RSS; the sandbox's is printed beside it
# for information (it runs on the same machine and keeps a bounded request log).
#
# Usage: scripts/bench-query-rss.sh        (COUNTS="10000 1000000" CONCURRENCY=16)
# Needs: python3, /usr/bin/time (apt-get install -y time). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"10000 1000000"}
CONCURRENCY=${CONCURRENCY:-16}
for tool in python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-query-rss: $tool is required" >&2; exit 2; }
done
if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=target/release/wxcombine
fi
TMP=$(mktemp -d)
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 400); do [[ -s "$TMP/serve.out" ]] && break; sleep 0.05; done
head -n1 "$TMP/serve.out" | grep -q '^listening on ' || { echo "bench-query-rss: the sandbox did not start" >&2; cat "$TMP/serve.err" >&2; exit 1; }

# The largest count is seeded once; each run queries the first N of its orders (paid, on a past
# day; seeded orders answer queries like any other, as in scripts/bench-query.sh).
MAX=0
for n in $COUNTS; do (( n > MAX )) && MAX=$n; done
DAY=$(date -u -d '3 days ago' +%F)
"$WXCOMBINE_BIN" --config "$TMP/config.toml" -q -o json sandbox seed --date "$DAY" --orders "$MAX" >"$TMP/seed.json"

kib() { awk -F': ' "/$1/ {print \$2}" "$2"; }
for n in $COUNTS; do
  python3 - "$TMP/seed.json" "$n" >"$TMP/orders.txt" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
first, n = seed["first"], int(sys.argv[2])
prefix, start = first[:-10], int(first[-10:])
out = sys.stdout
for i in range(n):
    out.write(f"{prefix}{start + i:010d}\n")
PY
  /usr/bin/time -v -o "$TMP/time.txt" "$WXCOMBINE_BIN" --config "$TMP/config.toml" -q \
    query --from "$TMP/orders.txt" --concurrency "$CONCURRENCY" -o jsonl >"$TMP/out.jsonl"
  LINES=$(wc -l <"$TMP/out.jsonl")
  ERRORS=$(grep -c '"error"' "$TMP/out.jsonl" || true)
  [[ "$LINES" -eq "$n" && "$ERRORS" -eq 0 ]] || { echo "bench-query-rss: $LINES lines, $ERRORS errors for $n orders" >&2; exit 1; }
  SANDBOX_KIB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
  SECS=$(kib 'Elapsed' "$TMP/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  printf '%8d orders: CLI peak RSS %6d KiB, %7.1f s wall (%.0f orders/s); sandbox VmHWM so far %d KiB\n' \
    "$n" "$(kib 'Maximum resident set size' "$TMP/time.txt")" "$SECS" \
    "$(awk -v n="$n" -v s="$SECS" 'BEGIN { print n / s }')" "$SANDBOX_KIB"
done
