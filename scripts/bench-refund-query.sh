#!/usr/bin/env bash
# Issue 13 item 15, issue 16 item 4: `refund query --from` of 2,000 refunds with `--concurrency 1`
# and `--concurrency 16`, the same shape as scripts/bench-query.sh, with `query --from` of the
# 2,000 combine orders the refunds belong to at 16 in the same rounds, as the yardstick. Each
# refund query is signed by the client, verified and answered by the sandbox's refunds service,
# signed by the sandbox, and verified by the client.
#
# The commands alternate, RUNS rounds, medians, with both sides' CPU per query
# (scripts/lib-alternate.sh). So that the sandbox does nothing but answer while a command is
# timed (issue 16 item 4):
# * the orders carry the notify_url of a tiny listener this script starts, which answers 200 to
#   everything, and the set-up waits until every payment and refund notification is delivered:
#   nothing is left to retry in the background;
# * one sandbox runs at a time: each binary's sandbox is started for that binary's commands of a
#   round and stopped after them (same data dir, same port), and its CPU over one idle second
#   before and after the commands is printed (it must be ~0).
# With BASELINE_BIN=path (the before-binary), a second sandbox of that binary is set up the same
# way and the baseline client queries it, in the same rounds (the order of the two flips every
# round).
#
# Usage: scripts/bench-refund-query.sh        (REFUNDS=2000 RUNS=5 [BASELINE_BIN=…] [IDLE_SECS=1])
# Needs: hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-alternate.sh
source scripts/lib-alternate.sh
REFUNDS=${REFUNDS:-2000}
RUNS=${RUNS:-5}
bench_setup bench-refund-query

# The notification sink: answers 200 to every POST, so the sandbox's deliveries succeed at once.
python3 -u - >"$TMP/sink.out" 2>"$TMP/sink.err" <<'PY' &
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
print(f"http://127.0.0.1:{server.server_address[1]}/notify", flush=True)
server.serve_forever()
PY
PIDS+=("$!")
for _ in $(seq 1 200); do [[ -s "$TMP/sink.out" ]] && break; sleep 0.05; done
SINK_URL=$(head -n1 "$TMP/sink.out")
[[ "$SINK_URL" == http://* ]] || { echo "bench-refund-query: the notification sink did not start" >&2; cat "$TMP/sink.err" >&2; exit 1; }

declare -A BIN_OF ADDR_OF
SANDBOX_PID=

# serve NAME LISTEN [FLAGS…]: start sandbox NAME's server on LISTEN; sets SANDBOX_PID and
# ADDR_OF[NAME] (host:port).
serve() {
  local name=$1 listen=$2 dir=$TMP/$1
  shift 2
  : >"$dir/serve.out"
  "${BIN_OF[$name]}" sandbox serve --listen "$listen" --data-dir "$dir/data" "$@" >"$dir/serve.out" 2>"$dir/serve.err" &
  SANDBOX_PID=$!
  PIDS+=("$SANDBOX_PID")
  for _ in $(seq 1 200); do [[ -s "$dir/serve.out" ]] && break; sleep 0.05; done
  local line
  line=$(head -n1 "$dir/serve.out")
  [[ "$line" == "listening on "* ]] || { echo "bench-refund-query: the sandbox ($name) did not start" >&2; cat "$dir/serve.err" >&2; exit 1; }
  ADDR_OF[$name]=${line#listening on http://}
}

# group_up NAME / group_down: the sandbox of one binary, for its commands of a round (lib-alternate).
group_up() { serve "$1" "${ADDR_OF[$1]}"; }
group_down() {
  kill "$SANDBOX_PID"
  wait "$SANDBOX_PID" 2>/dev/null || true
  SANDBOX_PID=
}

# prepare NAME BIN: a sandbox in $TMP/NAME holding REFUNDS paid combine orders (numbers in
# $TMP/NAME/orders.txt) with one refund each ($TMP/NAME/refunds.txt), checked once with a warm-up
# query that must bring every refund back verified and SUCCESS, with every notification delivered;
# then stopped.
prepare() {
  local name=$1 dir=$TMP/$1
  BIN_OF[$name]=$2
  mkdir -p "$dir"
  serve "$name" 127.0.0.1:0 --write-config "$dir/config.toml"
  local bin=$2 base=http://${ADDR_OF[$name]}
  # Real combine orders (seeded orders are computed, not stored, and cannot be refunded): prepay
  # through the CLI (native scene, two sub-orders: the profile's own merchant's and another's),
  # with the sink's notify_url; pay each through the sandbox's control API, then one partial
  # refund of each, made by the refunds service through its control hook (successful at once,
  # under the API's rules; its notification goes to the order's notify_url).
  local sub1
  sub1=$(python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/sandbox/v1/info"))["merchants"][1]["mchid"])' "$base")
  seq -f "B$(date +%s)%06g" 1 "$REFUNDS" >"$dir/orders.txt"
  xargs -P 4 -I{} "$bin" --config "$dir/config.toml" -q prepay --scene native --notify-url "$SINK_URL" \
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
  # Every order's TRANSACTION.SUCCESS and every refund's REFUND.SUCCESS delivered to the sink,
  # nothing pending (at most 60 s).
  python3 - "$base" "$REFUNDS" "$name" <<'PY'
import json, sys, time, urllib.request
base, n, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for _ in range(60):
    notes = json.load(urllib.request.urlopen(base + "/sandbox/v1/notifications"))["notifications"]
    done = [x for x in notes if x["delivered"] and x["next_attempt_at"] is None]
    kinds = {x["event_type"] for x in done}
    if len(notes) == 2 * n and len(done) == len(notes):
        print(f"notifications ({name}): all {len(done)} delivered ({', '.join(sorted(kinds))}), none pending")
        break
    time.sleep(1)
else:
    sys.exit(f"bench-refund-query: {name}: {len(done)} of {len(notes)} notifications delivered "
             f"(want {2 * n}) after 60 s")
PY
  group_down
}

NAMES=() CMDS=() SANDBOX_OF=()
# commands NAME LABEL: the timed commands against sandbox NAME.
commands() {
  local dir=$TMP/$1 bin=${BIN_OF[$1]} label=$2
  local cfg="--config $dir/config.toml -q"
  NAMES+=("${label}refund query, c 1" "${label}refund query, c 16" "${label}query, c 16")
  CMDS+=("$bin $cfg refund query --from $dir/refunds.txt --concurrency 1 -o jsonl"
         "$bin $cfg refund query --from $dir/refunds.txt --concurrency 16 -o jsonl"
         "$bin $cfg query --from $dir/orders.txt --concurrency 16 -o jsonl")
  SANDBOX_OF+=("$1" "$1" "$1")
}
prepare new "$WXCOMBINE_BIN"
commands new ""
if [[ -n "${BASELINE_BIN:-}" ]]; then
  prepare baseline "$BASELINE_BIN"
  commands baseline "baseline, "
fi

alternate_group_rounds bench-refund-query
alternate_summary "$REFUNDS" "refunds (and orders)" \
  "refund query, c 16" "query, c 16" "baseline, refund query, c 16" "baseline, query, c 16" \
  "refund query, c 16" "baseline, refund query, c 16" "refund query, c 1" "baseline, refund query, c 1"
idle_summary
