#!/usr/bin/env bash
# Issues 4 and 16 (item 3): query 2,000 sandbox orders with `--concurrency 1` and `--concurrency
# 16`, next to the Python SDK's sequential loop (PyPI wechatpayv3, public-key mode, verification
# on) over the same orders, and report orders/s and both sides' CPU per order. Each query is
# signed by the client, verified and answered by the sandbox, signed by the sandbox, and verified
# by the client; the sandbox runs on the same two cores.
#
# The commands alternate, RUNS rounds, medians, with both sides' CPU per query
# (scripts/lib-alternate.sh).
# With BASELINE_BIN=path (the before-binary), a second sandbox of that binary is started and
# seeded the same way, and the baseline client queries it, in the same rounds: before and after
# both sides.
#
# Usage: scripts/bench-query.sh        (ORDERS=2000 RUNS=5 [BASELINE_BIN=…] [PYTHON_SDK=0])
# Needs: hyperfine, python3 (with venv and network access to PyPI for the SDK baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-alternate.sh
source scripts/lib-alternate.sh
ORDERS=${ORDERS:-2000}
RUNS=${RUNS:-5}
PYTHON_SDK=${PYTHON_SDK:-1}
bench_setup bench-query

# start_sandbox NAME BIN: a sandbox in $TMP/NAME, seeded with ORDERS paid orders, their numbers in
# $TMP/NAME/orders.txt, checked once with a warm-up query that must bring every order back verified
# and SUCCESS. Sets SANDBOX_PID and SANDBOX_BASE.
start_sandbox() {
  local name=$1 bin=$2 dir=$TMP/$1
  mkdir -p "$dir"
  "$bin" sandbox serve --listen 127.0.0.1:0 --data-dir "$dir/data" --write-config "$dir/config.toml" >"$dir/serve.out" 2>"$dir/serve.err" &
  SANDBOX_PID=$!
  PIDS+=("$SANDBOX_PID")
  for _ in $(seq 1 200); do [[ -s "$dir/serve.out" ]] && break; sleep 0.05; done
  local line
  line=$(head -n1 "$dir/serve.out")
  [[ "$line" == "listening on "* ]] || { echo "bench-query: the sandbox ($name) did not start" >&2; cat "$dir/serve.err" >&2; exit 1; }
  SANDBOX_BASE=${line#listening on }
  # Paid orders on a past day; seeded orders answer queries like any other.
  "$bin" --config "$dir/config.toml" -q -o json sandbox seed --date "$(date -u -d '3 days ago' +%F)" --orders "$ORDERS" >"$dir/seed.json"
  python3 - "$dir/seed.json" "$ORDERS" >"$dir/orders.txt" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
first, n = seed["first"], int(sys.argv[2])
prefix, start = first[:-10], int(first[-10:])
for i in range(n):
    print(f"{prefix}{start + i:010d}")
PY
  "$bin" --config "$dir/config.toml" -q query --from "$dir/orders.txt" --concurrency 16 -o jsonl >"$dir/check.jsonl"
  python3 - "$dir/check.jsonl" "$dir/orders.txt" "$name" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
want = {l.strip() for l in open(sys.argv[2]) if l.strip()}
ok = {r["combine_out_trade_no"] for r in rows
      if "error" not in r and r["sub_orders"] and all(s["trade_state"] == "SUCCESS" for s in r["sub_orders"])}
assert len(rows) == len(want) and ok == want, f"{sys.argv[3]}: {len(ok)} of {len(want)} orders verified SUCCESS"
print(f"warm-up ({sys.argv[3]}): {len(ok)} orders queried, verified, SUCCESS, each once")
PY
}

start_sandbox new "$WXCOMBINE_BIN"
NEW_PID=$SANDBOX_PID NEW_BASE=$SANDBOX_BASE
NAMES=("concurrency 1" "concurrency 16")
CMDS=("$WXCOMBINE_BIN --config $TMP/new/config.toml -q query --from $TMP/new/orders.txt --concurrency 1 -o jsonl"
      "$WXCOMBINE_BIN --config $TMP/new/config.toml -q query --from $TMP/new/orders.txt --concurrency 16 -o jsonl")
SERVERS=("$NEW_PID" "$NEW_PID")

if [[ "$PYTHON_SDK" != 0 ]]; then
  python3 -m venv "$TMP/venv"
  "$TMP/venv/bin/pip" install --quiet --disable-pip-version-check wechatpayv3 >"$TMP/pip.log" 2>&1 \
    || { cat "$TMP/pip.log" >&2; echo "bench-query: pip install wechatpayv3 failed (PYTHON_SDK=0 skips the baseline)" >&2; exit 1; }
  echo "python sdk: wechatpayv3 $("$TMP/venv/bin/pip" show wechatpayv3 | awk '/^Version/ {print $2}')"
  python3 -c 'import json,sys,urllib.request; json.dump(json.load(urllib.request.urlopen(sys.argv[1] + "/sandbox/v1/info")), open(sys.argv[2], "w"))' "$NEW_BASE" "$TMP/new/info.json"
  # The SDK's sequential loop: one combine_query per order, its response signature verified with
  # the platform public key (the SDK raises otherwise), and each order checked SUCCESS.
  cat >"$TMP/sdk_query.py" <<'PY'
import json, sys
from wechatpayv3 import WeChatPay, WeChatPayType

base, info_file, orders_file = sys.argv[1], sys.argv[2], sys.argv[3]
info = json.load(open(info_file))
main = info["merchants"][0]
read = lambda p: open(p).read()
wxpay = WeChatPay(
    wechatpay_type=WeChatPayType.NATIVE, mchid=main["mchid"], private_key=read(main["private_key_file"]),
    cert_serial_no=main["serial_no"], appid=main["appid"], apiv3_key=read(main["apiv3_key_file"]).strip(),
    notify_url="https://example.com/wxpay/notify",
    public_key=read(info["public_key_file"]), public_key_id=info["public_key_id"])
# The SDK has no gateway option; its Core keeps the host in `_gate_way`.
wxpay._core._gate_way = base
n = 0
for no in (l.strip() for l in open(orders_file)):
    if not no:
        continue
    code, text = wxpay.combine_query(no)
    order = json.loads(text)
    if code != 200 or order["combine_out_trade_no"] != no or not order["sub_orders"] \
            or any(s["trade_state"] != "SUCCESS" for s in order["sub_orders"]):
        sys.exit(f"sdk: {no}: HTTP {code} {text[:200]}")
    n += 1
print(f"{n} orders verified SUCCESS", file=sys.stderr)
PY
  "$TMP/venv/bin/python" "$TMP/sdk_query.py" "$NEW_BASE" "$TMP/new/info.json" "$TMP/new/orders.txt" \
    || { echo "bench-query: the SDK's warm-up loop failed" >&2; exit 1; }
  NAMES+=("python sdk, sequential")
  CMDS+=("$TMP/venv/bin/python $TMP/sdk_query.py $NEW_BASE $TMP/new/info.json $TMP/new/orders.txt")
  SERVERS+=("$NEW_PID")
fi

if [[ -n "${BASELINE_BIN:-}" ]]; then
  start_sandbox baseline "$BASELINE_BIN"
  NAMES+=("baseline, concurrency 1" "baseline, concurrency 16")
  CMDS+=("$BASELINE_BIN --config $TMP/baseline/config.toml -q query --from $TMP/baseline/orders.txt --concurrency 1 -o jsonl"
         "$BASELINE_BIN --config $TMP/baseline/config.toml -q query --from $TMP/baseline/orders.txt --concurrency 16 -o jsonl")
  SERVERS+=("$SANDBOX_PID" "$SANDBOX_PID")
fi

alternate_rounds bench-query
ratios=()
for name in "${NAMES[@]}"; do
  [[ "$name" == "python sdk, sequential" ]] || ratios+=("$name" "python sdk, sequential")
done
alternate_summary "$ORDERS" orders "${ratios[@]}" \
  "concurrency 16" "baseline, concurrency 16" "concurrency 1" "baseline, concurrency 1"
