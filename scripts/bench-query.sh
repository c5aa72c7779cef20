#!/usr/bin/env bash
# Issue 4's benchmark: query 2,000 sandbox orders with `--concurrency 1` and `--concurrency 16`
# and report orders/s (target: >= 1,000 orders/s at 16 on this 2-core machine, with the sandbox on
# the same machine). Each query is signed by the client, verified and answered by the sandbox,
# signed by the sandbox, and verified by the client. Medians of RUNS runs (hyperfine).
#
# Usage: scripts/bench-query.sh        (ORDERS=2000 RUNS=5)
# Needs: hyperfine, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${ORDERS:-2000}
RUNS=${RUNS:-5}
for tool in hyperfine curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-query: $tool is required (apt-get install -y $tool)" >&2; exit 2; }
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
for _ in $(seq 1 200); do [[ -s "$TMP/serve.out" ]] && break; sleep 0.05; done
head -n1 "$TMP/serve.out" | grep -q '^listening on ' || { echo "bench-query: the sandbox did not start" >&2; cat "$TMP/serve.err" >&2; exit 1; }

# Paid orders on a past day; seeded orders answer queries like any other.
DAY=$(date -u -d '3 days ago' +%F)
"$WXCOMBINE_BIN" --config "$TMP/config.toml" -q -o json sandbox seed --date "$DAY" --orders "$ORDERS" >"$TMP/seed.json"
python3 - "$TMP/seed.json" "$ORDERS" >"$TMP/orders.txt" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
first, n = seed["first"], int(sys.argv[2])
prefix, start = first[:-10], int(first[-10:])
for i in range(n):
    print(f"{prefix}{start + i:010d}")
PY
# One warm-up run that must succeed with every order SUCCESS.
"$WXCOMBINE_BIN" --config "$TMP/config.toml" -q query --from "$TMP/orders.txt" --concurrency 16 -o jsonl >"$TMP/check.jsonl"
python3 - "$TMP/check.jsonl" "$ORDERS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ok = sum(1 for r in rows if "error" not in r and all(s["trade_state"] == "SUCCESS" for s in r["sub_orders"]))
assert len(rows) == int(sys.argv[2]) and ok == len(rows), f"{ok} of {len(rows)} orders verified SUCCESS"
print(f"warm-up: {ok} orders queried, verified, SUCCESS")
PY

for c in 1 16; do
  echo "$WXCOMBINE_BIN --config $TMP/config.toml -q query --from $TMP/orders.txt --concurrency $c -o jsonl" >"$TMP/cmd$c"
done
hyperfine -N --runs "$RUNS" --export-json "$TMP/h.json" \
  -n "concurrency 1" "$(cat "$TMP/cmd1")" -n "concurrency 16" "$(cat "$TMP/cmd16")" >/dev/null
python3 - "$TMP/h.json" "$ORDERS" <<'PY'
import json, sys
n = int(sys.argv[2])
for r in json.load(open(sys.argv[1]))["results"]:
    times = sorted(r["times"])
    print(f"{r['command']:<15} median {r['median']:.3f} s for {n} orders = {n / r['median']:7.0f} orders/s "
          f"(min {n / times[-1]:.0f}, max {n / times[0]:.0f}; {len(times)} runs)")
PY
