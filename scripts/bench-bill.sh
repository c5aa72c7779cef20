#!/usr/bin/env bash
# Benchmark `wxcombine bill download --gzip` (issue 5 "Done when") against the baseline
#   curl -s -H "Authorization: …" URL | gzip -dc | sha1sum > /dev/null
# in one run, on the same kind of URL from a release `wxcombine sandbox serve` whose seeded day has
# a trade bill of at least 1 GB uncompressed (ORDERS=3600000 → ~1.04 GB).
#
# Each round applies for fresh download URLs (one-time tokens, 30 s): wxcombine applies itself; the
# baseline's apply (GET /v3/bill/tradebill?…&tar_type=GZIP) and its download are signed here with
# `openssl dgst -sha256 -sign` over the exact message of apiv3.md §1.1. Rounds alternate the two so
# that the machine's noise falls on both; medians over RUNS rounds are reported. Throughput is
# decompressed bytes per second of wall time; peak RSS comes from `/usr/bin/time -v`.
#
# wxcombine runs three ways each round:
#   file   --dir on BENCH_DIR (default /dev/shm): the full path — PATH.part, fsync, verify, rename —
#          on a folder whose fsync costs nothing, since the baseline writes nothing to disk either
#   stdout --out - > /dev/null: the same pipeline with the baseline's destination
#   disk   (DISK_DIR=… only) --dir on a real disk: includes the fsync of 1 GB, i.e. the disk's speed
#
# Usage: scripts/bench-bill.sh        (RUNS=5 ORDERS=3600000 BENCH_DIR=/dev/shm DISK_DIR=)
# Needs: curl, openssl, gzip, python3, /usr/bin/time (apt-get install -y time). Traffic stays on
# 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
ORDERS=${ORDERS:-3600000}
BENCH_DIR=${BENCH_DIR:-/dev/shm}
DISK_DIR=${DISK_DIR:-}
DAY=2026-05-01
READY=2026-05-02T11:00:00+08:00

for tool in curl openssl gzip sha1sum python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-bill: $tool is required" >&2; exit 2; }
done

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=target/release/wxcombine
fi
WXCOMBINE_BIN=$(realpath "$WXCOMBINE_BIN")

TMP=$(mktemp -d)
OUT=$(mktemp -d "$BENCH_DIR/wxcombine-bench-bill.XXXXXX")
DISK=""
[[ -n "$DISK_DIR" ]] && DISK=$(mktemp -d "$DISK_DIR/wxcombine-bench-bill.XXXXXX")
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP" "$OUT"
  [[ -n "$DISK" ]] && rm -rf "$DISK"
  return 0
}
trap cleanup EXIT

"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" \
  >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 400); do
  [[ -s "$TMP/serve.out" ]] && break
  sleep 0.05
done
LINE=$(head -n1 "$TMP/serve.out")
BASE=${LINE#listening on }
[[ "$BASE" == http://127.0.0.1:* ]] || { echo "bench-bill: sandbox did not start: $LINE" >&2; cat "$TMP/serve.err" >&2; exit 1; }

json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
curl -sf "$BASE/sandbox/v1/info" >"$TMP/info.json"
MCHID=$(json_field 'd["merchants"][0]["mchid"]' <"$TMP/info.json")
SERIAL=$(json_field 'd["merchants"][0]["serial_no"]' <"$TMP/info.json")
KEY=$(json_field 'd["merchants"][0]["private_key_file"]' <"$TMP/info.json")

curl -sf -X POST "$BASE/sandbox/v1/clock" -H 'Content-Type: application/json' -d "{\"now\":\"$READY\"}" >/dev/null
T0=$(date +%s.%N)
curl -sf -X POST "$BASE/sandbox/v1/seed" -H 'Content-Type: application/json' \
  -d "{\"date\":\"$DAY\",\"orders\":$ORDERS}" >/dev/null
echo "seeded $ORDERS orders on $DAY in $(python3 -c "print(f'{$(date +%s.%N)-$T0:.1f}')") s" >&2

# Authorization for a GET of TARGET (path and query exactly as sent, apiv3.md §1.1–1.2).
authorization() {
  local ts nonce sig
  ts=$(date +%s)
  nonce=$(openssl rand -hex 16)
  sig=$(printf 'GET\n%s\n%s\n%s\n\n' "$1" "$ts" "$nonce" | openssl dgst -sha256 -sign "$KEY" | base64 -w0)
  printf 'WECHATPAY2-SHA256-RSA2048 mchid="%s",nonce_str="%s",timestamp="%s",serial_no="%s",signature="%s"' \
    "$MCHID" "$nonce" "$ts" "$SERIAL" "$sig"
}

APPLY_TARGET="/v3/bill/tradebill?bill_date=$DAY&bill_type=ALL&tar_type=GZIP"
# Apply for the gzip bill; prints "HASH URL". (The answer's signature is not checked here: the
# baseline is the download, which is unsigned anyway, §2.6.)
apply() {
  curl -sf "$BASE$APPLY_TARGET" -H 'Accept: application/json' -H 'User-Agent: bench-bill' \
    -H "Authorization: $(authorization "$APPLY_TARGET")" |
    json_field 'd["hash_value"] + " " + d["download_url"]'
}

# The first apply generates the bill (and its gzip) in the sandbox; time it apart.
T0=$(date +%s.%N)
read -r HASH _ < <(apply)
echo "bill generated and gzipped in $(python3 -c "print(f'{$(date +%s.%N)-$T0:.1f}')") s; sha1 $HASH" >&2
BYTES=$(du -b "$TMP"/data/bills/"$MCHID"/"$DAY"/trade-ALL-*.csv | awk '{print $1}')
GZBYTES=$(du -b "$TMP"/data/bills/"$MCHID"/"$DAY"/trade-ALL-*.csv.gz | awk '{print $1}')
echo "bill: $BYTES bytes, $GZBYTES gzip bytes" >&2
(( BYTES >= 1000000000 )) || echo "bench-bill: warning: the bill is under 1 GB (ORDERS=$ORDERS)" >&2

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

RESULTS="$TMP/results.txt"
: >"$RESULTS"
WX=("$WXCOMBINE_BIN" --config "$TMP/config.toml" -q --no-progress -o json bill download --date "$DAY" --gzip)

for i in $(seq 1 "$RUNS"); do
  # wxcombine, into a file on BENCH_DIR.
  rm -f "$OUT"/*
  /usr/bin/time -v -o "$TMP/time.txt" "${WX[@]}" --dir "$OUT" >"$TMP/row.json"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; assert r['status']=='downloaded' and r['hash_value']==sys.argv[2] and r['bytes']==int(sys.argv[3]), r" \
    "$TMP/row.json" "$HASH" "$BYTES"
  echo "file $(time_fields "$TMP/time.txt")" >>"$RESULTS"
  rm -f "$OUT"/*

  # The baseline: apply right before (tokens are one-time and live 30 s), then curl | gzip | sha1sum.
  read -r H URL < <(apply)
  TARGET="/${URL#http://*/}"
  AUTH=$(authorization "$TARGET")
  /usr/bin/time -v -o "$TMP/time.txt" bash -c \
    "curl -s -H 'Accept: */*' -H 'User-Agent: bench-bill' -H \"Authorization: \$0\" '$URL' | gzip -dc | sha1sum > '$TMP/baseline.sha1'" "$AUTH"
  [[ "$(cut -d' ' -f1 "$TMP/baseline.sha1")" == "$H" ]] || { echo "bench-bill: the baseline's SHA-1 differs" >&2; exit 1; }
  echo "baseline $(time_fields "$TMP/time.txt")" >>"$RESULTS"

  # wxcombine streaming to stdout, the baseline's destination.
  /usr/bin/time -v -o "$TMP/time.txt" "${WX[@]}" --out - >/dev/null 2>"$TMP/row.json"
  echo "stdout $(time_fields "$TMP/time.txt")" >>"$RESULTS"

  if [[ -n "$DISK" ]]; then
    rm -f "$DISK"/*
    /usr/bin/time -v -o "$TMP/time.txt" "${WX[@]}" --dir "$DISK" >/dev/null
    echo "disk $(time_fields "$TMP/time.txt")" >>"$RESULTS"
    rm -f "$DISK"/*
  fi
  echo "round $i/$RUNS done" >&2
done

python3 - "$RESULTS" "$BYTES" "$GZBYTES" "$RUNS" <<'EOF'
import statistics, sys
path, size, gz, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
by = {}
for line in open(path):
    name, secs, rss = line.split()
    by.setdefault(name, []).append((float(secs), int(rss)))
print(f"bill: {size:,} bytes uncompressed, {gz:,} gzip; {runs} rounds; medians")
print(f"{'run':<9} {'median s':>9} {'MB/s':>8} {'peak RSS MiB':>13}   all runs (s)")
med = {}
for name in ["file", "stdout", "disk", "baseline"]:
    if name not in by:
        continue
    secs = statistics.median(s for s, _ in by[name])
    rss = statistics.median(r for _, r in by[name]) / 1024
    med[name] = secs
    allruns = " ".join(f"{s:.2f}" for s, _ in by[name])
    print(f"{name:<9} {secs:>9.2f} {size / secs / 1e6:>8.0f} {rss:>13.1f}   {allruns}")
    if name != "baseline":
        print(f"{'':<9} max peak RSS {max(r for _, r in by[name]) / 1024:.1f} MiB")
for name in ["file", "stdout", "disk"]:
    if name in med:
        print(f"speed-up {name} vs baseline: {med['baseline'] / med[name]:.2f}x")
EOF
