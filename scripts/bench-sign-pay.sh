#!/usr/bin/env bash
# Issue 2's target: `sign-pay` median wall time <= 5 ms and peak RSS <= 8 MiB on this machine.
# Baselines measured in the same run: process start-up (`wxcombine --version`) and
# `openssl dgst -sha256 -sign` over the same message (an external signer users might script).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

cargo build --release --quiet
bin=./target/release/wxcombine
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
hyperfine -N --warmup 20 --runs 300 --export-json "$tmp/h.json" \
  "$bin $args" \
  "$bin --version" \
  "openssl dgst -sha256 -sign $tmp/key.pem -out /dev/null $tmp/msg" >/dev/null

python3 - "$tmp/h.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    ms = sorted(t * 1000 for t in r["times"])
    print(f"{r['command'].split(' -q ')[-1][:60]:<60} median {r['median']*1000:6.2f} ms  p95 {ms[int(len(ms)*0.95)]:6.2f} ms  runs {len(ms)}")
PY

rss=()
for _ in 1 2 3 4 5; do
  rss+=("$(/usr/bin/time -f '%M' "$bin" $args 2>&1 >/dev/null | tail -1)")
done
printf 'sign-pay peak RSS (KiB), 5 runs: %s\n' "${rss[*]}"
