#!/usr/bin/env bash
# `sign-pay` as a whole process (issue 2; issue 16 item 2: median <= 1.25x `wxcombine --version`,
# peak RSS <= 8 MiB). One hyperfine -N run alternates, for the same number of runs each:
#   sign-pay      wxcombine -q sign-pay --prepay-id … (profile load, key parse, RSA-2048 signature)
#   --version     the same binary's start-up alone
#   /bin/true     a process start-up with nothing in it
#   openssl       openssl dgst -sha256 -sign over the same message with the same key
#   before        BASELINE_BIN's sign-pay and --version (when set: the binary before a change)
# Before timing, the output of sign-pay is checked once: its paySign must verify with openssl
# against the key's public half over the JSAPI message (apiv3.md §5). `valgrind --tool=callgrind`
# instruction totals (noise-immune) and the load average are printed with the medians.
#
# Usage: scripts/bench-sign-pay.sh   (RUNS=300 ROUNDS=5 WARMUP=20; WXCOMBINE_BIN=…, BASELINE_BIN=…)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
command -v openssl >/dev/null || { echo "needs openssl"; exit 2; }
RUNS=${RUNS:-300}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-20}

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --release --locked --quiet
  WXCOMBINE_BIN=./target/release/wxcombine
fi
bin=$(realpath "$WXCOMBINE_BIN")
base=""
[[ -z "${BASELINE_BIN:-}" ]] || base=$(realpath "$BASELINE_BIN")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/fixtures/keys/official_doc_test_key.pkcs1.pem "$tmp/key.pem"
chmod 600 "$tmp/key.pem"
cat > "$tmp/config.toml" <<TOML
[profiles.doc]
mchid = "1900000109"
appid = "wx2421b1c4370ec43b"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "key.pem"
TOML
printf 'wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n' > "$tmp/msg"

args="--config $tmp/config.toml -q sign-pay --prepay-id wx201410272009395522657a690389285100"

# Check once: the paySign of a fixed timestamp and nonce verifies against the key's public half.
openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem" 2>/dev/null
for b in "$bin" ${base:+"$base"}; do
  "$b" $args -o json --timestamp 1554208460 --nonce 593BEC0C930BF1AFEB40B4A08C8FB242 >"$tmp/out.json"
  python3 -c "import json,sys,base64; open(sys.argv[2],'wb').write(base64.b64decode(json.load(open(sys.argv[1]))['paySign']))" \
    "$tmp/out.json" "$tmp/sig"
  openssl dgst -sha256 -verify "$tmp/pub.pem" -signature "$tmp/sig" "$tmp/msg" >/dev/null ||
    { echo "bench-sign-pay: $b: the paySign does not verify" >&2; exit 1; }
done
echo "paySign verified with openssl" >&2

load0=$(cut -d' ' -f1-3 /proc/loadavg)
cmds=("$bin $args" "$bin --version" "/bin/true" "openssl dgst -sha256 -sign $tmp/key.pem -out /dev/null $tmp/msg")
names=("sign-pay" "--version" "/bin/true" "openssl")
if [[ -n "$base" ]]; then
  cmds+=("$base $args" "$base --version")
  names+=("before sign-pay" "before --version")
fi
# hyperfine runs each command's runs back to back: ROUNDS hyperfine runs of RUNS/ROUNDS each
# interleave them, so that a burst of load falls on all commands alike.
for r in $(seq 1 "$ROUNDS"); do
  hyperfine -N --warmup "$WARMUP" --runs $((RUNS / ROUNDS)) --export-json "$tmp/h$r.json" "${cmds[@]}" >/dev/null 2>"$tmp/hyperfine.err" ||
    { cat "$tmp/hyperfine.err" >&2; exit 1; }
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$load0" "$load1" "${names[@]}" -- "$tmp"/h*.json <<'PY'
import json, statistics, sys
args = sys.argv[1:]
load0, load1 = args[0], args[1]
sep = args.index("--")
names, files = args[2:sep], args[sep + 1:]
times = {n: [] for n in names}
for f in files:
    for n, r in zip(names, json.load(open(f))["results"]):
        times[n] += [t * 1000 for t in r["times"]]
med = {}
print(f"load average {load0} before, {load1} after")
for n in names:
    ms = sorted(times[n])
    med[n] = statistics.median(ms)
    print(f"{n:<17} median {med[n]:6.2f} ms  p95 {ms[int(len(ms) * 0.95)]:6.2f} ms  min {ms[0]:6.2f} ms  runs {len(ms)}")
for pre in ["", "before "]:
    if pre + "sign-pay" in med:
        s, v = med[pre + "sign-pay"], med[pre + "--version"]
        print(f"{pre}sign-pay / --version: {s / v:.2f}x (target <= 1.25x); difference {s - v:.2f} ms")
PY

rss=()
for _ in 1 2 3 4 5; do
  rss+=("$(/usr/bin/time -f '%M' "$bin" $args 2>&1 >/dev/null | tail -1)")
done
printf 'sign-pay peak RSS (KiB), 5 runs: %s\n' "${rss[*]}"

if command -v valgrind >/dev/null; then
  for b in "$bin" ${base:+"$base"}; do
    for what in "$args" "--version"; do
      n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$b" $what 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p')
      [[ "$what" == --version ]] && label=--version || label=sign-pay
      printf 'callgrind instructions: %-50s %12s\n' "$b $label" "$n"
    done
  done
fi
