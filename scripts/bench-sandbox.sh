#!/usr/bin/env bash
# Benchmark the sandbox (issue 3 "Done when"): signed query responses per second served to a
# separate load process (wrk, one pre-signed Authorization header made with openssl; replay
# rejection is off by default, so the same header may be reused for 300 s), median of RUNS runs.
# Then, unless SEED_ORDERS=0, seed SEED_ORDERS paid orders on one day and time the bill: apply,
# download (gzip), and verify its SHA-1 over the uncompressed bytes.
#
# Usage: scripts/bench-sandbox.sh            (RUNS=5 DURATION=10 CONNECTIONS=32 SEED_ORDERS=1000000)
# Needs: wrk, openssl, curl, python3 (apt-get install -y wrk). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SEED_ORDERS=${SEED_ORDERS:-1000000}

for tool in wrk openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-sandbox: $tool is required (apt-get install -y $tool)" >&2; exit 2; }
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

"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" \
  >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 1 200); do
  [[ -s "$TMP/serve.out" ]] && break
  sleep 0.05
done
LINE=$(head -n1 "$TMP/serve.out")
BASE=${LINE#listening on }
[[ "$BASE" == http://127.0.0.1:* ]] || { echo "bench-sandbox: sandbox did not start: $LINE" >&2; cat "$TMP/serve.err" >&2; exit 1; }

info() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" <"$TMP/info.json"; }
curl -sf "$BASE/sandbox/v1/info" >"$TMP/info.json"
MCHID=$(info 'd["merchants"][0]["mchid"]')
SERIAL=$(info 'd["merchants"][0]["serial_no"]')
KEY=$(info 'd["merchants"][0]["private_key_file"]')
APPID=$(info 'd["merchants"][0]["appid"]')
OPENID=$(info 'd["merchants"][0]["openid"]')
SUB=$(info 'd["merchants"][1]["mchid"]')
PUBKEY=$(info 'd["public_key_file"]')

# Authorization for METHOD TARGET BODY (apiv3.md §1.1–1.2), signed by openssl.
authorization() {
  local ts nonce sig
  ts=$(date +%s)
  nonce=$(openssl rand -hex 16)
  sig=$(printf '%s\n%s\n%s\n%s\n%s\n' "$1" "$2" "$ts" "$nonce" "$3" | openssl dgst -sha256 -sign "$KEY" | base64 -w0)
  printf 'WECHATPAY2-SHA256-RSA2048 mchid="%s",nonce_str="%s",timestamp="%s",serial_no="%s",signature="%s"' \
    "$MCHID" "$nonce" "$ts" "$SERIAL" "$sig"
}

NO="BENCH$(date +%s)"
BODY=$(printf '{"combine_appid":"%s","combine_mchid":"%s","combine_out_trade_no":"%s","combine_payer_info":{"openid":"%s"},"sub_orders":[{"mchid":"%s","attach":"bench","amount":{"total_amount":100,"currency":"CNY"},"out_trade_no":"%sA","description":"bench"},{"mchid":"%s","attach":"bench","amount":{"total_amount":200,"currency":"CNY"},"out_trade_no":"%sB","description":"bench"}],"notify_url":"http://127.0.0.1:9/notify"}' \
  "$APPID" "$MCHID" "$NO" "$OPENID" "$MCHID" "$NO" "$SUB" "$NO")
curl -sf -o /dev/null -X POST "$BASE/v3/combine-transactions/jsapi" -H 'Accept: application/json' \
  -H 'User-Agent: bench-sandbox' -H 'Content-Type: application/json' \
  -H "Authorization: $(authorization POST /v3/combine-transactions/jsapi "$BODY")" --data-binary "$BODY" \
  || { echo "bench-sandbox: prepay was refused" >&2; exit 1; }

TARGET="/v3/combine-transactions/out-trade-no/$NO"
AUTH=$(authorization GET "$TARGET" "")

# Sanity: the response verifies with the WeChat Pay public key (apiv3.md §2.2).
curl -sf -D "$TMP/h.txt" -o "$TMP/b.txt" "$BASE$TARGET" -H 'Accept: application/json' -H 'User-Agent: bench-sandbox' -H "Authorization: $AUTH"
hdr() { grep -i "^$1:" "$TMP/h.txt" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
{ printf '%s\n%s\n' "$(hdr Wechatpay-Timestamp)" "$(hdr Wechatpay-Nonce)"; cat "$TMP/b.txt"; printf '\n'; } >"$TMP/msg"
hdr Wechatpay-Signature | base64 -d >"$TMP/sig"
openssl dgst -sha256 -verify "$PUBKEY" -signature "$TMP/sig" "$TMP/msg" >/dev/null \
  || { echo "bench-sandbox: the query response does not verify" >&2; exit 1; }

echo "== signed query responses per second ($RUNS runs of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -H 'Accept: application/json' -H 'User-Agent: wrk' \
  -H "Authorization: $AUTH" "$BASE$TARGET" >/dev/null
RATES=()
for i in $(seq 1 "$RUNS"); do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H 'Accept: application/json' -H 'User-Agent: wrk' \
    -H "Authorization: $AUTH" "$BASE$TARGET" >"$TMP/wrk.txt"
  if grep -q "Non-2xx" "$TMP/wrk.txt"; then
    echo "bench-sandbox: run $i got non-2xx answers:" >&2; cat "$TMP/wrk.txt" >&2; exit 1
  fi
  rate=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
  RATES+=("$rate")
  echo "run $i: $rate responses/s"
done
MEDIAN=$(printf '%s\n' "${RATES[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: $MEDIAN signed query responses/s"

if [[ "$SEED_ORDERS" != 0 ]]; then
  echo "== seed $SEED_ORDERS orders, then apply, download (gzip) and verify the trade ALL bill"
  # Two days ago in Beijing time: its bill exists whatever the hour (§8.4).
  DAY=$(date -u -d '+8 hours -2 days' +%F)
  t0=$(date +%s.%N)
  curl -sf -X POST "$BASE/sandbox/v1/seed" -H 'Content-Type: application/json' \
    --data-binary "{\"date\":\"$DAY\",\"orders\":$SEED_ORDERS}" >/dev/null
  t1=$(date +%s.%N)
  APPLY="/v3/bill/tradebill?bill_date=$DAY&bill_type=ALL&tar_type=GZIP"
  curl -sf "$BASE$APPLY" -H 'Accept: application/json' -H 'User-Agent: bench-sandbox' \
    -H "Authorization: $(authorization GET "$APPLY" "")" -o "$TMP/apply.json" --max-time 1800
  t2=$(date +%s.%N)
  HASH=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["hash_value"])' <"$TMP/apply.json")
  URL=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["download_url"])' <"$TMP/apply.json")
  DPATH="/${URL#http://*/}"
  curl -sf "$URL" -H 'Accept: */*' -H 'User-Agent: bench-sandbox' \
    -H "Authorization: $(authorization GET "$DPATH" "")" -o "$TMP/bill.csv.gz"
  t3=$(date +%s.%N)
  GOT=$(gzip -dc "$TMP/bill.csv.gz" | sha1sum | cut -d' ' -f1)
  BYTES=$(gzip -dc "$TMP/bill.csv.gz" | wc -c)
  ROWS=$(gzip -dc "$TMP/bill.csv.gz" | grep -c '^`20')
  t4=$(date +%s.%N)
  [[ "$GOT" == "$HASH" ]] || { echo "bench-sandbox: bill hash $GOT != announced $HASH" >&2; exit 1; }
  printf 'seed: %.2fs  apply (generate + gzip): %.2fs  download: %.2fs  verify: %.2fs\n' \
    "$(awk "BEGIN{print $t1-$t0}")" "$(awk "BEGIN{print $t2-$t1}")" "$(awk "BEGIN{print $t3-$t2}")" "$(awk "BEGIN{print $t4-$t3}")"
  echo "bill: $ROWS rows, $BYTES bytes uncompressed, $(stat -c %s "$TMP/bill.csv.gz") bytes gzip, sha1 $GOT verified"
fi

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') x $(nproc)"
echo "kernel: $(uname -sr)"
echo "rustc: $(rustc --version 2>/dev/null || echo n/a)"
