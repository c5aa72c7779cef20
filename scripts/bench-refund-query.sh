#!/usr/bin/env bash
# Issue 13 item 15: `refund query --from` of 2,000 refunds with `--concurrency 1` and `--concurrency
# 16`, the same shape as scripts/bench-query.sh, with `query --from` of the 2,000 combine orders the
# refunds belong to timed in the same hyperfine run as the baseline. Each refund query is signed by
# the client, verified and answered by the sandbox's refunds service, signed by the sandbox, and
# verified by the client. Medians of RUNS runs.
#
# Usage: scripts/bench-refund-query.sh        (REFUNDS=2000 RUNS=5)
# Needs: hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
REFUNDS=${REFUNDS:-2000}
RUNS=${RUNS:-5}
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench-refund-query: $tool is required (apt-get install -y $tool)" >&2; exit 2; }
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
line=$(head -n1 "$TMP/serve.out")
[[ "$line" == "listening on "* ]] || { echo "bench-refund-query: the sandbox did not start" >&2; cat "$TMP/serve.err" >&2; exit 1; }
BASE=${line#listening on }

# Real combine orders (seeded orders are computed, not stored, and cannot be refunded): prepay
# through the CLI (native scene, two sub-orders: the profile's own merchant's and another's), pay each through the
# sandbox's control API, then one partial refund of each, made by the refunds service through its
# control hook (successful at once, under the API's rules).
STAMP=$(date +%s)
SUB1=$(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/sandbox/v1/info"))["merchants"][1]["mchid"])' "$BASE")
seq -f "B${STAMP}%06g" 1 "$REFUNDS" >"$TMP/orders.txt"
xargs -P 4 -I{} "$WXCOMBINE_BIN" --config "$TMP/config.toml" -q prepay --scene native \
  --combine-out-trade-no {} --sub-order "out_trade_no={}A,amount=100,description=bench,attach=bench" \
  --sub-order "mchid=$SUB1,out_trade_no={}B,amount=200,description=bench,attach=bench" \
  <"$TMP/orders.txt" >/dev/null
python3 - "$REFUNDS" "$BASE" "$TMP/orders.txt" "$TMP/refunds.txt" <<'PY'
import json, sys, urllib.request
n, base = int(sys.argv[1]), sys.argv[2]
def post(path, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body or {}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    return json.load(urllib.request.urlopen(req))
with open(sys.argv[4], "w") as refunds:
    for no in (l.strip() for l in open(sys.argv[3])):
        post(f"/sandbox/v1/orders/{no}/pay")
        r = post(f"/sandbox/v1/orders/{no}/refund", {"out_trade_no": no + "A", "amount": 1})
        assert r["status"] == "SUCCESS", r
        print(r["out_refund_no"], file=refunds)
print(f"made {n} paid orders and {n} refunds", file=sys.stderr)
PY
# One warm-up run that must succeed with every refund SUCCESS.
"$WXCOMBINE_BIN" --config "$TMP/config.toml" -q refund query --from "$TMP/refunds.txt" --concurrency 16 -o jsonl >"$TMP/check.jsonl"
python3 - "$TMP/check.jsonl" "$REFUNDS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ok = sum(1 for r in rows if "error" not in r and r.get("status") == "SUCCESS")
assert len(rows) == int(sys.argv[2]) and ok == len(rows), f"{ok} of {len(rows)} refunds verified SUCCESS"
print(f"warm-up: {ok} refunds queried, verified, SUCCESS")
PY

cfg="--config $TMP/config.toml -q"
hyperfine -N --runs "$RUNS" --export-json "$TMP/h.json" \
  -n "refund query, concurrency 1" "$WXCOMBINE_BIN $cfg refund query --from $TMP/refunds.txt --concurrency 1 -o jsonl" \
  -n "refund query, concurrency 16" "$WXCOMBINE_BIN $cfg refund query --from $TMP/refunds.txt --concurrency 16 -o jsonl" \
  -n "query (baseline), concurrency 16" "$WXCOMBINE_BIN $cfg query --from $TMP/orders.txt --concurrency 16 -o jsonl" \
  >/dev/null
python3 - "$TMP/h.json" "$REFUNDS" <<'PY'
import json, sys
n = int(sys.argv[2])
for r in json.load(open(sys.argv[1]))["results"]:
    times = sorted(r["times"])
    print(f"{r['command']:<33} median {r['median']:.3f} s for {n} = {n / r['median']:7.0f} /s "
          f"(min {n / times[-1]:.0f}, max {n / times[0]:.0f}; {len(times)} runs)")
PY
