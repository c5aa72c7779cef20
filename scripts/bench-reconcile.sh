#!/usr/bin/env bash
# Benchmark `wxcombine bill reconcile --bill` (issue 14, item 4) against DuckDB doing the same job
# on the same two files: a FULL OUTER JOIN on out_trade_no with the same classes.
#
# Files: a release `wxcombine sandbox serve` seeds ORDERS paid orders on one day (ORDERS=3600000 →
# a trade ALL bill of ~1.04 GB with 3.6 M rows for the main merchant, the generator
# scripts/bench-bill.sh uses), `wxcombine bill download` fetches and verifies it, and a Python
# pass turns its rows into the merchant's export (CSV: out_trade_no,amount,state, amounts in 元)
# with planted discrepancies: every millionth row dropped (missing_locally), one in a million
# one fen off (amount_mismatch), one in a million CLOSED locally (state_mismatch), and 5 orders the
# bill does not have (missing_in_bill).
#
# Then RUNS rounds, alternating the two so that the machine's noise falls on both; medians of wall
# time and of peak RSS (/usr/bin/time -v's maximum resident set size). DuckDB runs from a temporary
# venv (pip install duckdb) as `python3 query.py`, so its RSS includes the interpreter (~30 MiB).
# BASELINE_BIN (another wxcombine, e.g. main's release build) runs in the same rounds, before the
# other two, for a before/after under the same noise. The class counts of every run are compared;
# a difference fails the script.
#
# Usage: scripts/bench-reconcile.sh        (RUNS=3 ORDERS=3600000 BENCH_DIR=/dev/shm KEEP= (set: keep the files)
#                                           BASELINE_BIN= REUSE=DIR (a folder KEEP kept: its files again)
#                                           VENV=DIR (a venv with duckdb, made there if missing))
# Needs: python3 (with venv), /usr/bin/time; pip reaches PyPI. Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
ORDERS=${ORDERS:-3600000}
BENCH_DIR=${BENCH_DIR:-/dev/shm}
DAY=2026-05-01
READY=2026-05-02T11:00:00+08:00

for tool in python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-reconcile: $tool is required" >&2; exit 2; }
done

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=target/release/wxcombine
fi
WXCOMBINE_BIN=$(realpath "$WXCOMBINE_BIN")
if [[ -n "${BASELINE_BIN:-}" ]]; then BASELINE_BIN=$(realpath "$BASELINE_BIN"); fi

TMP=$(mktemp -d)
if [[ -n "${REUSE:-}" ]]; then
  OUT=$(realpath "$REUSE")
else
  OUT=$(mktemp -d "$BENCH_DIR/wxcombine-bench-reconcile.XXXXXX")
fi
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
  if [[ -n "${KEEP:-}" || -n "${REUSE:-}" ]]; then echo "bench-reconcile: kept $OUT" >&2; else rm -rf "$OUT"; fi
  return 0
}
trap cleanup EXIT

VENV=${VENV:-$TMP/venv}
if [[ ! -x "$VENV/bin/python3" ]] || ! "$VENV/bin/python3" -c 'import duckdb' 2>/dev/null; then
  echo "bench-reconcile: DuckDB into a venv ($VENV)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet duckdb
fi
DUCKDB_VERSION=$("$VENV/bin/python3" -c 'import duckdb; print(duckdb.__version__)')

EXPORT="$OUT/orders.csv"
if [[ -n "${REUSE:-}" ]]; then
  BILL=$(find "$OUT" -maxdepth 1 -name '*.csv' ! -name orders.csv | head -n1)
  [[ -f "$BILL" && -f "$EXPORT" ]] || { echo "bench-reconcile: REUSE=$REUSE holds no bill and orders.csv" >&2; exit 2; }
else
"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" \
  >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 400); do
  [[ -s "$TMP/serve.out" ]] && break
  sleep 0.05
done
LINE=$(head -n1 "$TMP/serve.out")
BASE=${LINE#listening on }
[[ "$BASE" == http://127.0.0.1:* ]] || { echo "bench-reconcile: sandbox did not start: $LINE" >&2; cat "$TMP/serve.err" >&2; exit 1; }
curl -sf -X POST "$BASE/sandbox/v1/clock" -H 'Content-Type: application/json' -d "{\"now\":\"$READY\"}" >/dev/null
curl -sf -X POST "$BASE/sandbox/v1/seed" -H 'Content-Type: application/json' \
  -d "{\"date\":\"$DAY\",\"orders\":$ORDERS}" >/dev/null
"$WXCOMBINE_BIN" --config "$TMP/config.toml" -q --no-progress -o json bill download --date "$DAY" --gzip --dir "$OUT" >"$TMP/download.json"
kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""
BILL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["path"])' "$TMP/download.json")

# The export: one record per payment row of the bill, columns found by name (§9.2).
python3 - "$BILL" "$EXPORT" <<'EOF'
import sys
bill, export = sys.argv[1], sys.argv[2]
planted = {"missing_locally": 0, "amount_mismatch": 0, "state_mismatch": 0, "missing_in_bill": 0}
with open(bill, encoding="utf-8-sig", newline="") as f, open(export, "w", newline="") as out:
    header = f.readline().rstrip("\r\n").split(",")
    no, amount, state = header.index("商户订单号"), header.index("订单金额"), header.index("交易状态")
    out.write("out_trade_no,amount,state\n")
    for i, line in enumerate(f):
        if not line.startswith("`") or line.startswith("`总") :
            continue
        fields = line.rstrip("\r\n").split(",")
        if len(fields) != len(header):
            continue  # the summary line
        n, a, s = fields[no][1:], fields[amount][1:], fields[state][1:]
        if s != "SUCCESS":
            continue
        if i % 1_000_000 == 17:
            planted["missing_locally"] += 1
            continue
        if i % 1_000_000 == 23:
            yuan, fen = a.split(".")
            v = int(yuan) * 100 + int(fen) + 1
            a = f"{v // 100}.{v % 100:02d}"
            planted["amount_mismatch"] += 1
        if i % 1_000_000 == 29:
            s = "CLOSED"
            planted["state_mismatch"] += 1
        out.write(f"{n},{a},{s}\n")
    for k in range(5):
        out.write(f"NOT-IN-BILL-{k},1.00,SUCCESS\n")
        planted["missing_in_bill"] += 1
print("planted:", planted, file=sys.stderr)
EOF
fi

cat >"$TMP/query.py" <<'EOF'
# The same reconciliation in SQL: bill rows (backtick-prefixed text, §9.1) and the export, FULL
# OUTER JOIN on out_trade_no, classes as wxcombine defines them for payment records.
import json, sys, duckdb
bill, export = sys.argv[1], sys.argv[2]
cols = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注".split(",")
columns = "{" + ",".join(f"'c{i}': 'VARCHAR'" for i in range(len(cols))) + "}"
n, st, amt = cols.index("商户订单号"), cols.index("交易状态"), cols.index("订单金额")
q = f"""
WITH b AS (
  SELECT substr(c{n}, 2) AS no, CAST(substr(c{amt}, 2) AS DECIMAL(18,2)) AS amt, substr(c{st}, 2) AS st
  FROM read_csv('{bill}', header = false, skip = 1, delim = ',', quote = '', escape = '',
                columns = {columns}, null_padding = true)
  WHERE c{n} IS NOT NULL AND substr(c{st}, 2) <> 'REFUND'
), l AS (
  SELECT out_trade_no AS no, CAST(amount AS DECIMAL(18,2)) AS amt, state AS st
  FROM read_csv('{export}', header = true, all_varchar = true)
)
SELECT CASE
    WHEN b.no IS NULL THEN CASE WHEN l.st IN ('SUCCESS', 'REFUND') THEN 'missing_in_bill' ELSE 'matched' END
    WHEN l.no IS NULL THEN 'missing_locally'
    WHEN (l.st IN ('SUCCESS', 'REFUND')) <> (b.st <> 'REVOKED') THEN 'state_mismatch'
    WHEN l.amt <> b.amt THEN 'amount_mismatch'
    ELSE 'matched' END AS class, count(*)
FROM l FULL OUTER JOIN b ON l.no = b.no
GROUP BY 1 ORDER BY 1
"""
print(json.dumps({k: v for k, v in duckdb.sql(q).fetchall()}, sort_keys=True))
EOF

# Peak RSS in KiB and wall seconds from /usr/bin/time -v.
measure() { # file
  python3 - "$1" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
w = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", t)
secs = int(w.group(1) or 0) * 3600 + int(w.group(2)) * 60 + float(w.group(3))
print(f"{secs:.2f} {rss}")
EOF
}

wx_counts() { # json
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["classes"]; print(json.dumps({k: v["count"] for k, v in c.items() if v["count"]}, sort_keys=True))' "$1"
}

BYTES=$(stat -c %s "$BILL")
EBYTES=$(stat -c %s "$EXPORT")
echo "bill: $BILL ($BYTES bytes); export: $EXPORT ($EBYTES bytes); duckdb $DUCKDB_VERSION; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
declare -a WX_T WX_R DK_T DK_R BL_T BL_R
# One timed `bill reconcile` of BIN into $TMP/TAG.{time,json}; it must exit 6 (discrepancies
# planted). Writes "seconds KiB" to $TMP/TAG.m (run in this shell, so that its exit stops the script).
reconcile_run() { # bin tag
  local rc
  set +e
  /usr/bin/time -v -o "$TMP/$2.time" "$1" -q -o json bill reconcile --bill "$BILL" --orders "$EXPORT" >"$TMP/$2.json"
  rc=$?
  set -e
  [[ $rc == 6 ]] || { echo "bench-reconcile: $1 exited $rc (expected 6: discrepancies planted)" >&2; exit 1; }
  measure "$TMP/$2.time" >"$TMP/$2.m"
}

for round in $(seq 1 "$RUNS"); do
  BLC=""
  if [[ -n "${BASELINE_BIN:-}" ]]; then
    reconcile_run "$BASELINE_BIN" bl
    read -r t r <"$TMP/bl.m"; BL_T+=("$t"); BL_R+=("$r")
    BLC=$(wx_counts "$TMP/bl.json")
  fi
  reconcile_run "$WXCOMBINE_BIN" wx
  read -r t r <"$TMP/wx.m"; WX_T+=("$t"); WX_R+=("$r")
  WXC=$(wx_counts "$TMP/wx.json")
  /usr/bin/time -v -o "$TMP/dk.time" "$VENV/bin/python3" "$TMP/query.py" "$BILL" "$EXPORT" >"$TMP/dk.json"
  read -r t r < <(measure "$TMP/dk.time"); DK_T+=("$t"); DK_R+=("$r")
  DKC=$(cat "$TMP/dk.json")
  echo "round $round: ${BLC:+baseline ${BL_T[-1]} s ${BL_R[-1]} KiB | }wxcombine ${WX_T[-1]} s ${WX_R[-1]} KiB $WXC | duckdb ${DK_T[-1]} s ${DK_R[-1]} KiB $DKC | load $(cut -d' ' -f1 /proc/loadavg)" >&2
  [[ "$WXC" == "$DKC" ]] || { echo "bench-reconcile: the class counts differ" >&2; exit 1; }
  [[ -z "$BLC" || "$BLC" == "$WXC" ]] || { echo "bench-reconcile: the baseline's class counts differ" >&2; exit 1; }
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mib() { awk '{printf "%.1f", $1 / 1024}'; }
if [[ -n "${BASELINE_BIN:-}" ]]; then
  echo "baseline:  median $(median "${BL_T[@]}") s, peak RSS median $(median "${BL_R[@]}" | mib) MiB (runs: ${BL_T[*]} s; ${BL_R[*]} KiB)"
fi
echo "wxcombine: median $(median "${WX_T[@]}") s, peak RSS median $(median "${WX_R[@]}" | mib) MiB (runs: ${WX_T[*]} s; ${WX_R[*]} KiB)"
echo "duckdb:    median $(median "${DK_T[@]}") s, peak RSS median $(median "${DK_R[@]}" | mib) MiB (runs: ${DK_T[*]} s; ${DK_R[*]} KiB)"
echo "classes: $WXC; load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
