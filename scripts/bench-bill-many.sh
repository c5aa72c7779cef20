#!/usr/bin/env bash
# Benchmark `bill download --sub-mchid-from` (issue 14 item 6): one 服务商 downloads the trade
# bills of 1,000 sub-merchants for one day from a release `wxcombine sandbox serve
# --service-provider --sub-merchants 998` (the 2 generated 二级商户 + 998 more). The day is seeded
# with ORDERS orders whose two sub-orders go to 二级商户 2i and 2i+1, so with ORDERS=400 800
# sub-merchants have a small bill and 200 have none (no_statement).
#
# Each round downloads into a fresh folder (nothing is up to date), after one warm-up round that
# lets the sandbox generate its 800 bill files once. Wall time and peak RSS of the wxcombine
# process come from `/usr/bin/time -v` (as in bench-bill.sh); medians over RUNS rounds.
#
# The pace: --bill-rate defaults to 3 applications a second (the stricter reading of apiv3.md §8.4),
# which by itself makes a real run of 1,000 sub-merchants last at least 1000/3 ≈ 333 s. The sandbox
# has no limit here, and BILL_RATE (default 1000) lifts the pace so that the figure measures the tool.
#
# Usage: scripts/bench-bill-many.sh    (RUNS=3 SUBS=1000 ORDERS=400 CONCURRENCY=4 BILL_RATE=1000)
# Needs: curl, python3, /usr/bin/time. Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SUBS=${SUBS:-1000}
ORDERS=${ORDERS:-400}
CONCURRENCY=${CONCURRENCY:-4}
BILL_RATE=${BILL_RATE:-1000}
DAY=2026-05-01
READY=2026-05-02T11:00:00+08:00

for tool in curl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-bill-many: $tool is required" >&2; exit 2; }
done
(( SUBS >= 3 )) || { echo "bench-bill-many: SUBS must be at least 3" >&2; exit 2; }

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=target/release/wxcombine
fi
WXCOMBINE_BIN=$(realpath "$WXCOMBINE_BIN")

TMP=$(mktemp -d)
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
  return 0
}
trap cleanup EXIT

"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" \
  --service-provider --sub-merchants $((SUBS - 2)) >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 400); do
  [[ -s "$TMP/serve.out" ]] && break
  sleep 0.05
done
LINE=$(head -n1 "$TMP/serve.out")
BASE=${LINE#listening on }
[[ "$BASE" == http://127.0.0.1:* ]] || { echo "bench-bill-many: sandbox did not start: $LINE" >&2; cat "$TMP/serve.err" >&2; exit 1; }

curl -sf -X POST "$BASE/sandbox/v1/clock" -H 'Content-Type: application/json' -d "{\"now\":\"$READY\"}" >/dev/null
curl -sf -X POST "$BASE/sandbox/v1/seed" -H 'Content-Type: application/json' \
  -d "{\"date\":\"$DAY\",\"orders\":$ORDERS}" >/dev/null
# The sub-merchants, as the sandbox lists them, one a line.
curl -sf "$BASE/sandbox/v1/info" | python3 -c \
  'import json,sys; print("\n".join(json.load(sys.stdin)["merchants"][0]["sub_merchants"]))' >"$TMP/subs.txt"
echo "$(wc -l <"$TMP/subs.txt") sub-merchants, $ORDERS orders on $DAY" >&2

# `/usr/bin/time -v` report → "SECONDS MAXRSS_KIB".
time_fields() {
  python3 - "$1" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)
print(f"{secs} {rss}")
EOF
}

WX=("$WXCOMBINE_BIN" --config "$TMP/config.toml" -q --no-progress -o json bill download --date "$DAY"
    --sub-mchid-from "$TMP/subs.txt" --concurrency "$CONCURRENCY" --bill-rate "$BILL_RATE")
RESULTS="$TMP/results.txt"
: >"$RESULTS"
for i in $(seq 0 "$RUNS"); do
  rm -rf "$TMP/bills" && mkdir "$TMP/bills"
  /usr/bin/time -v -o "$TMP/time.txt" "${WX[@]}" --dir "$TMP/bills" >"$TMP/rows.json"
  counts=$(python3 -c 'import json,sys,collections; print(dict(collections.Counter(r["status"] for r in json.load(open(sys.argv[1])))))' "$TMP/rows.json")
  if (( i == 0 )); then
    echo "warm-up: $counts" >&2
  else
    echo "round $i: $(time_fields "$TMP/time.txt") $counts" >&2
    time_fields "$TMP/time.txt" >>"$RESULTS"
  fi
done

python3 - "$RESULTS" "$SUBS" "$CONCURRENCY" "$BILL_RATE" <<'EOF'
import statistics, sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
subs, conc, rate = sys.argv[2], sys.argv[3], sys.argv[4]
secs = [s for s, _ in rows]
rss = [r / 1024 for _, r in rows]
print(f"{subs} sub-merchants, --concurrency {conc} --bill-rate {rate}: median {statistics.median(secs):.2f} s "
      f"({float(subs) / statistics.median(secs):.0f} bills/s), peak RSS median {statistics.median(rss):.1f} MiB; "
      f"all runs (s): {', '.join(f'{s:.2f}' for s in secs)}")
EOF
