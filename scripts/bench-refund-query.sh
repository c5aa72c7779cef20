#!/usr/bin/env bash
# Issue 13 item 15, issue 16 item 4: `refund query --from` of 2,000 refunds with `--concurrency 1`
# and `--concurrency 16`, the same shape as scripts/bench-query.sh, with `query --from` of the
# 2,000 combine orders the refunds belong to at 16 as the baseline. Each refund query is signed by
# the client, verified and answered by the sandbox's refunds service, signed by the sandbox, and
# verified by the client.
#
# The commands alternate, RUNS rounds, medians, with both sides' CPU per query
# (scripts/lib-alternate.sh).
# With BASELINE_BIN=path (the before-binary), a second sandbox of that binary is set up the same
# way and the baseline client queries it, in the same rounds.
#
# Usage: scripts/bench-refund-query.sh        (REFUNDS=2000 RUNS=5 [BASELINE_BIN=…])
# Needs: hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-alternate.sh
source scripts/lib-alternate.sh
REFUNDS=${REFUNDS:-2000}
RUNS=${RUNS:-5}
bench_setup bench-refund-query

# start_sandbox NAME BIN: a sandbox in $TMP/NAME holding REFUNDS paid combine orders (numbers in
# $TMP/NAME/orders.txt) with one refund each ($TMP/NAME/refunds.txt), checked once with a warm-up
# query that must bring every refund back verified and SUCCESS. Sets SANDBOX_PID.
start_sandbox() {
  local name=$1 bin=$2 dir=$TMP/$1
  mkdir -p "$dir"
  "$bin" sandbox serve --listen 127.0.0.1:0 --data-dir "$dir/data" --write-config "$dir/config.toml" >"$dir/serve.out" 2>"$dir/serve.err" &
  SANDBOX_PID=$!
  PIDS+=("$SANDBOX_PID")
  for _ in $(seq 1 200); do [[ -s "$dir/serve.out" ]] && break; sleep 0.05; done
  local line base
  line=$(head -n1 "$dir/serve.out")
  [[ "$line" == "listening on "* ]] || { echo "bench-refund-query: the sandbox ($name) did not start" >&2; cat "$dir/serve.err" >&2; exit 1; }
  base=${line#listening on }
  # Real combine orders (seeded orders are computed, not stored, and cannot be refunded): prepay
  # through the CLI (native scene, two sub-orders: the profile's own merchant's and another's),
  # pay each through the sandbox's control API, then one partial refund of each, made by the
  # refunds service through its control hook (successful at once, under the API's rules).
  local sub1
  sub1=$(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/sandbox/v1/info"))["merchants"][1]["mchid"])' "$base")
  seq -f "B$(date +%s)%06g" 1 "$REFUNDS" >"$dir/orders.txt"
  xargs -P 4 -I{} "$bin" --config "$dir/config.toml" -q prepay --scene native \
    --combine-out-trade-no {} --sub-order "out_trade_no={}A,amount=100,description=bench,attach=bench" \
    --sub-order "mchid=$sub1,out_trade_no={}B,amount=200,description=bench,attach=bench" \
    <"$dir/orders.txt" >/dev/null
  python3 - "$REFUNDS" "$base" "$dir/orders.txt" "$dir/refunds.txt" <<'PY'
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
  "$bin" --config "$dir/config.toml" -q refund query --from "$dir/refunds.txt" --concurrency 16 -o jsonl >"$dir/check.jsonl"
  python3 - "$dir/check.jsonl" "$dir/refunds.txt" "$name" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
want = {l.strip() for l in open(sys.argv[2]) if l.strip()}
ok = {r["out_refund_no"] for r in rows if "error" not in r and r.get("status") == "SUCCESS"}
assert len(rows) == len(want) and ok == want, f"{sys.argv[3]}: {len(ok)} of {len(want)} refunds verified SUCCESS"
print(f"warm-up ({sys.argv[3]}): {len(ok)} refunds queried, verified, SUCCESS, each once")
PY
}

# commands NAME BIN LABEL: the timed commands against sandbox NAME.
NAMES=() CMDS=() SERVERS=()
commands() {
  local dir=$TMP/$1 bin=$2 label=$3
  local cfg="--config $dir/config.toml -q"
  NAMES+=("${label}refund query, c 1" "${label}refund query, c 16" "${label}query, c 16")
  CMDS+=("$bin $cfg refund query --from $dir/refunds.txt --concurrency 1 -o jsonl"
         "$bin $cfg refund query --from $dir/refunds.txt --concurrency 16 -o jsonl"
         "$bin $cfg query --from $dir/orders.txt --concurrency 16 -o jsonl")
  SERVERS+=("$SANDBOX_PID" "$SANDBOX_PID" "$SANDBOX_PID")
}
start_sandbox new "$WXCOMBINE_BIN"
commands new "$WXCOMBINE_BIN" ""
if [[ -n "${BASELINE_BIN:-}" ]]; then
  start_sandbox baseline "$BASELINE_BIN"
  commands baseline "$BASELINE_BIN" "baseline, "
fi

alternate_rounds bench-refund-query
alternate_summary "$REFUNDS" "refunds (and orders)" \
  "refund query, c 16" "query, c 16" "baseline, refund query, c 16" "baseline, query, c 16" \
  "refund query, c 16" "baseline, refund query, c 16"
