#!/usr/bin/env bash
# Benchmark `wxcombine bill download --gzip` (issue 5, issue 16 item 1) against shell pipelines and
# dd on the same bill, in one run, alternating, on the same kind of URL from a release
# `wxcombine sandbox serve` whose seeded day has a trade bill of at least 1 GB uncompressed
# (ORDERS=3600000 → ~1.04 GB).
#
# Each round applies for fresh download URLs (one-time tokens, 30 s): wxcombine applies itself; the
# pipelines' apply (GET /v3/bill/tradebill?…&tar_type=GZIP) and download are signed here with
# `openssl dgst -sha256 -sign` over the exact message of apiv3.md §1.1, outside their timing.
# Throughput is decompressed bytes per second of wall time; peak RSS comes from `/usr/bin/time -v`
# (for a pipeline: its largest process). Every variant runs once per round; the order rotates from
# round to round, so the machine's noise falls on all of them; medians over RUNS rounds.
#
# Variants (DEST is shm = BENCH_DIR, a tmpfs, or disk = DISK_DIR, a real disk):
#   wx-DEST       wxcombine … --dir DEST: apply, download, gunzip, SHA-1, rows, PATH.part, fdatasync,
#                 compare, link into place, fsync of the folder; the result row is checked
#   before-DEST   the same with BASELINE_BIN (the binary before a change), when set
#   stdout        wxcombine … --out - > /dev/null
#   sha1          curl | gzip -dc | sha1sum                 (issue 5's baseline: writes nothing)
#   tee-DEST      curl | gzip -dc | tee F | sha1sum && sync F   (F on DEST; SHA-1 and size checked)
#   dd-DEST       dd if=<the decompressed bill on tmpfs> of=F bs=1M conv=fsync   (size checked)
#
# Usage: scripts/bench-bill.sh
#   RUNS=5 ORDERS=3600000 BENCH_DIR=/dev/shm DISK_DIR=/tmp   (defaults)
#   WXCOMBINE_BIN=path    the binary to measure (default: build target/release/wxcombine)
#   BASELINE_BIN=path     a second binary, measured alternating with the first (before/after)
#   VARIANTS="wx-disk tee-disk dd-disk"   only these (default: all)
# Needs: curl, openssl, gzip, dd, python3, /usr/bin/time (apt-get install -y time). Traffic stays on
# 127.0.0.1. The tmpfs holds the bill twice (~2.1 GB at the default size) while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
ORDERS=${ORDERS:-3600000}
BENCH_DIR=${BENCH_DIR:-/dev/shm}
DISK_DIR=${DISK_DIR:-/tmp}
DAY=2026-05-01
READY=2026-05-02T11:00:00+08:00

for tool in curl openssl gzip sha1sum dd python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-bill: $tool is required" >&2; exit 2; }
done
[[ "$(stat -f -c %T "$BENCH_DIR")" == tmpfs ]] || echo "bench-bill: warning: BENCH_DIR=$BENCH_DIR is not a tmpfs" >&2
[[ "$(stat -f -c %T "$DISK_DIR")" != tmpfs ]] || echo "bench-bill: warning: DISK_DIR=$DISK_DIR is a tmpfs, not a disk" >&2

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=target/release/wxcombine
fi
WXCOMBINE_BIN=$(realpath "$WXCOMBINE_BIN")
[[ -z "${BASELINE_BIN:-}" ]] || BASELINE_BIN=$(realpath "$BASELINE_BIN")

TMP=$(mktemp -d)
SHM=$(mktemp -d "$BENCH_DIR/wxcombine-bench-bill.XXXXXX")
DISK=$(mktemp -d "$DISK_DIR/wxcombine-bench-bill.XXXXXX")
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP" "$SHM" "$DISK"
  return 0
}
trap cleanup EXIT
mkdir "$SHM/out" "$DISK/out"

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
# pipelines stand for the download, which is unsigned anyway, §2.6.)
apply() {
  curl -sf "$BASE$APPLY_TARGET" -H 'Accept: application/json' -H 'User-Agent: bench-bill' \
    -H "Authorization: $(authorization "$APPLY_TARGET")" |
    json_field 'd["hash_value"] + " " + d["download_url"]'
}

# The first apply generates the bill (and its gzip) in the sandbox; time it apart.
T0=$(date +%s.%N)
read -r HASH _ < <(apply)
echo "bill generated and gzipped in $(python3 -c "print(f'{$(date +%s.%N)-$T0:.1f}')") s; sha1 $HASH" >&2
CSV=$(ls "$TMP"/data/bills/"$MCHID"/"$DAY"/trade-ALL-*.csv)
BYTES=$(stat -c %s "$CSV")
GZBYTES=$(stat -c %s "$CSV.gz")
echo "bill: $BYTES bytes, $GZBYTES gzip bytes" >&2
(( BYTES >= 1000000000 )) || echo "bench-bill: warning: the bill is under 1 GB (ORDERS=$ORDERS)" >&2
# dd's source: the same decompressed bytes, on the tmpfs, so that dd reads at memory speed.
SRC="$SHM/source.csv"
cp "$CSV" "$SRC"
[[ "$(sha1sum <"$SRC" | cut -d' ' -f1)" == "$HASH" ]] || { echo "bench-bill: the sandbox's CSV does not have the announced SHA-1" >&2; exit 1; }

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
dest_dir() { case "$1" in shm) echo "$SHM/out" ;; disk) echo "$DISK/out" ;; esac; }
record() { echo "$1 $(time_fields "$TMP/time.txt")" >>"$RESULTS"; }

# wxcombine BIN into a file on DEST; the result row must say downloaded with the announced hash and
# size, and the file must be there with that size.
run_wx() {
  local name=$1 bin=$2 dir
  dir=$(dest_dir "$3")
  rm -f "$dir"/*
  /usr/bin/time -v -o "$TMP/time.txt" "$bin" --config "$TMP/config.toml" -q --no-progress -o json \
    bill download --date "$DAY" --gzip --dir "$dir" >"$TMP/row.json"
  python3 -c "import json,sys,os; r=json.load(open(sys.argv[1]))[0]; assert r['status']=='downloaded' and r['hash_value']==sys.argv[2] and r['bytes']==int(sys.argv[3]) and os.path.getsize(r['path'])==int(sys.argv[3]), r" \
    "$TMP/row.json" "$HASH" "$BYTES"
  record "$name"
  rm -f "$dir"/*
}

run_stdout() {
  /usr/bin/time -v -o "$TMP/time.txt" "$WXCOMBINE_BIN" --config "$TMP/config.toml" -q --no-progress -o json \
    bill download --date "$DAY" --gzip --out - >/dev/null 2>"$TMP/row.json"
  record stdout
}

# curl | gzip -dc [| tee F] | sha1sum [&& sync F], on a URL applied for right before.
run_pipe() {
  local name=$1 dir=${2:-} H URL TARGET AUTH tee="" sync=""
  read -r H URL < <(apply)
  TARGET="/${URL#http://*/}"
  AUTH=$(authorization "$TARGET")
  if [[ -n "$dir" ]]; then
    dir=$(dest_dir "$dir")
    rm -f "$dir"/*
    tee="| tee '$dir/bill.csv'"
    sync="&& sync '$dir/bill.csv'"
  fi
  /usr/bin/time -v -o "$TMP/time.txt" bash -c \
    "set -o pipefail; curl -sf -H 'Accept: */*' -H 'User-Agent: bench-bill' -H \"Authorization: \$0\" '$URL' | gzip -dc $tee | sha1sum > '$TMP/pipe.sha1' $sync" "$AUTH"
  [[ "$(cut -d' ' -f1 "$TMP/pipe.sha1")" == "$H" ]] || { echo "bench-bill: $name: the SHA-1 differs" >&2; exit 1; }
  if [[ -n "$dir" ]]; then
    [[ "$(stat -c %s "$dir/bill.csv")" == "$BYTES" ]] || { echo "bench-bill: $name: wrong size" >&2; exit 1; }
    rm -f "$dir"/*
  fi
  record "$name"
}

run_dd() {
  local name=$1 dir
  dir=$(dest_dir "$2")
  rm -f "$dir"/*
  /usr/bin/time -v -o "$TMP/time.txt" dd if="$SRC" of="$dir/bill.csv" bs=1M conv=fsync status=none
  [[ "$(stat -c %s "$dir/bill.csv")" == "$BYTES" ]] || { echo "bench-bill: $name: wrong size" >&2; exit 1; }
  rm -f "$dir"/*
  record "$name"
}

run_variant() {
  case "$1" in
    wx-shm) run_wx wx-shm "$WXCOMBINE_BIN" shm ;;
    wx-disk) run_wx wx-disk "$WXCOMBINE_BIN" disk ;;
    before-shm) run_wx before-shm "$BASELINE_BIN" shm ;;
    before-disk) run_wx before-disk "$BASELINE_BIN" disk ;;
    stdout) run_stdout ;;
    sha1) run_pipe sha1 ;;
    tee-shm) run_pipe tee-shm shm ;;
    tee-disk) run_pipe tee-disk disk ;;
    dd-shm) run_dd dd-shm shm ;;
    dd-disk) run_dd dd-disk disk ;;
    *) echo "bench-bill: unknown variant $1" >&2; exit 2 ;;
  esac
}

ALL="wx-shm wx-disk stdout sha1 tee-shm tee-disk dd-shm dd-disk"
[[ -z "${BASELINE_BIN:-}" ]] || ALL="wx-shm before-shm wx-disk before-disk stdout sha1 tee-shm tee-disk dd-shm dd-disk"
read -r -a ORDER <<<"${VARIANTS:-$ALL}"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
  for j in $(seq 0 $((${#ORDER[@]} - 1))); do
    run_variant "${ORDER[$(((i + j) % ${#ORDER[@]}))]}"
  done
  echo "round $i/$RUNS done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$RESULTS" "$BYTES" "$GZBYTES" "$RUNS" "$LOAD_START" "$LOAD_END" "${ORDER[@]}" <<'EOF'
import statistics, sys
path, size, gz, runs, load0, load1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
order = sys.argv[7:]
by = {}
for line in open(path):
    name, secs, rss = line.split()
    by.setdefault(name, []).append((float(secs), int(rss)))
print(f"bill: {size:,} bytes uncompressed, {gz:,} gzip; {runs} rounds; medians; "
      f"load average {load0} at the start, {load1} at the end")
print(f"{'variant':<12} {'median s':>9} {'MB/s':>8} {'RSS MiB':>8} {'max':>6}   all runs (s)")
med = {}
for name in order:
    secs = statistics.median(s for s, _ in by[name])
    rss = statistics.median(r for _, r in by[name]) / 1024
    top = max(r for _, r in by[name]) / 1024
    med[name] = secs
    allruns = " ".join(f"{s:.2f}" for s, _ in by[name])
    print(f"{name:<12} {secs:>9.2f} {size / secs / 1e6:>8.0f} {rss:>8.1f} {top:>6.1f}   {allruns}")
def ratio(a, b, target=None):
    if a in med and b in med:
        x = med[b] / med[a]
        t = f"   (target >= {target}x)" if target else ""
        print(f"{a} / {b} speed: {x:.2f}x{t}")
for dest in ["shm", "disk"]:
    ratio(f"wx-{dest}", f"tee-{dest}", 1.5)
    ratio(f"wx-{dest}", f"dd-{dest}", 0.7)
    ratio(f"wx-{dest}", f"before-{dest}")
ratio("stdout", "sha1")
ratio("wx-shm", "sha1")
EOF
