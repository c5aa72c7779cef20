#!/usr/bin/env bash
# Interop (issue 3): real third-party WeChat Pay clients against `wxcombine sandbox serve`.
#   * PyPI wechatpayv3 (public-key mode): JSAPI and APP combine prepay, query, close, a paid
#     order's notification verified and decrypted by the SDK's own callback(), a partial refund of
#     one sub-order with refund() and query_refund() and its REFUND.SUCCESS notification through
#     callback(), and the trade and fund-flow bills downloaded (SHA-1 checked over the gunzipped bytes).
#   * npm wechatpay-axios-plugin: one prepay and one query with its response verifier on.
#   * PyPI wechatpayv3 in certificate mode against a second sandbox in `--key-mode mixed` (issue
#     16): it sends no Wechatpay-Serial and knows only the certificates it downloaded itself, so
#     every response must be signed with the platform certificate (apiv3.md §2.5, §13.11).
# Both are installed into a throwaway venv / node folder under a temp dir, never into the repo.
# Any refusal fails the script loudly with the client's own output. Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
  cargo build --locked --quiet
  WXCOMBINE_BIN=$PWD/target/debug/wxcombine
fi

TMP=$(mktemp -d)
SERVER=""
MIXED=""
cleanup() {
  for pid in "$SERVER" "$MIXED"; do
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() {
  echo "interop: FAILED: $*" >&2
  echo "--- sandbox stderr" >&2; cat "$TMP/serve.err" >&2 || true
  exit 1
}

echo "== installing clients into $TMP"
python3 -m venv "$TMP/venv"
"$TMP/venv/bin/pip" install --quiet --disable-pip-version-check wechatpayv3 >"$TMP/pip.log" 2>&1 \
  || { cat "$TMP/pip.log" >&2; fail "pip install wechatpayv3"; }
mkdir -p "$TMP/node"
(cd "$TMP/node" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent wechatpay-axios-plugin) \
  >"$TMP/npm.log" 2>&1 || { cat "$TMP/npm.log" >&2; fail "npm install wechatpay-axios-plugin"; }
echo "wechatpayv3 $("$TMP/venv/bin/pip" show wechatpayv3 | awk '/^Version/ {print $2}'), wechatpay-axios-plugin $(node -p "require('$TMP/node/node_modules/wechatpay-axios-plugin/package.json').version")"

# wait_for_base NAME: the URL from the first line a sandbox started with `>"$TMP/NAME.out"` prints.
wait_for_base() {
  for _ in $(seq 1 200); do
    [[ -s "$TMP/$1.out" ]] && break
    sleep 0.05
  done
  local line
  line=$(head -n1 "$TMP/$1.out")
  [[ "${line#listening on }" == http://127.0.0.1:* ]] || fail "the sandbox ($1) did not start: $line"
  echo "$line" >&2
  echo "${line#listening on }"
}

echo "== starting the sandbox"
"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/data" --write-config "$TMP/config.toml" \
  --notify-speed 100 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
BASE=$(wait_for_base serve)
export SANDBOX_BASE=$BASE WXCOMBINE_BIN SANDBOX_CONFIG=$TMP/config.toml

echo "== wechatpayv3 (python)"
cat >"$TMP/py_client.py" <<'PY'
import gzip, hashlib, json, os, socket, subprocess, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

from wechatpayv3 import WeChatPay, WeChatPayType

base = os.environ["SANDBOX_BASE"]
info = json.load(urllib.request.urlopen(base + "/sandbox/v1/info"))
main, sub1 = info["merchants"][0], info["merchants"][1]
read = lambda p: open(p).read()

received = []
class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {k: v for k, v in self.headers.items()}
        received.append(wxpay.callback(headers, body))
        self.send_response(200 if received[-1] else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass

rx = HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=rx.serve_forever, daemon=True).start()
notify_url = "http://127.0.0.1:%d/wxpay/notify" % rx.server_address[1]

def client(pay_type):
    c = WeChatPay(
        wechatpay_type=pay_type, mchid=main["mchid"], private_key=read(main["private_key_file"]),
        cert_serial_no=main["serial_no"], appid=main["appid"],
        apiv3_key=read(main["apiv3_key_file"]).strip(), notify_url=notify_url,
        public_key=read(info["public_key_file"]), public_key_id=info["public_key_id"])
    # The SDK has no gateway option; its Core keeps the host in `_gate_way` (download_bill uses it too).
    c._core._gate_way = base
    return c

def expect(what, got, status):
    code, text = got
    if code != status:
        raise SystemExit("%s: HTTP %s %s" % (what, code, text))
    print("ok  %-40s HTTP %s" % (what, code))
    return json.loads(text) if text else None

wxpay = client(WeChatPayType.MINIPROG)
stamp = str(int(time.time()))
def subs(no):
    return [
        {"mchid": main["mchid"], "attach": "深圳分店", "amount": {"total_amount": 100, "currency": "CNY"}, "out_trade_no": no + "A", "description": "腾讯充值中心-QQ会员充值"},
        {"mchid": sub1["mchid"], "attach": "广州分店", "amount": {"total_amount": 250, "currency": "CNY"}, "out_trade_no": no + "B", "description": "腾讯充值中心-微信充值"},
    ]

no = "PY" + stamp
r = expect("combine_pay jsapi " + no, wxpay.combine_pay(no, subs(no), scene_info={"payer_client_ip": "14.17.22.32", "device_id": "POS1:1"}, combine_payer_info={"openid": main["openid"]}), 200)
assert r["prepay_id"].startswith("wx"), r
paysign = wxpay.sign([main["appid"], stamp, "nonce", "prepay_id=" + r["prepay_id"]])
assert paysign
r = expect("combine_query " + no, wxpay.combine_query(no), 200)
assert {s["trade_state"] for s in r["sub_orders"]} == {"NOTPAY"}, r
expect("combine_close " + no, wxpay.combine_close(no, [{"mchid": s["mchid"], "out_trade_no": s["out_trade_no"]} for s in subs(no)]), 204)
r = expect("combine_query (closed)", wxpay.combine_query(no), 200)
assert {s["trade_state"] for s in r["sub_orders"]} == {"CLOSED"}, r
# The SDK's verification is really on: a tampered response signature is refused.
req = urllib.request.Request(base + "/sandbox/v1/faults", data=json.dumps({"kind": "tamper-signature"}).encode(), headers={"Content-Type": "application/json"})
urllib.request.urlopen(req).read()
try:
    wxpay.combine_query(no)
    raise SystemExit("a tampered response signature was accepted")
except Exception as e:
    if "verify" not in str(e):
        raise
print("ok  %-40s refused" % "tampered response signature")

app = client(WeChatPayType.APP)
no2 = "PA" + stamp
r = expect("combine_pay app " + no2, app.combine_pay(no2, subs(no2)), 200)
out = subprocess.run([os.environ["WXCOMBINE_BIN"], "--config", os.environ["SANDBOX_CONFIG"], "-q", "-o", "json", "sandbox", "pay", no2], capture_output=True, text=True)
if out.returncode != 0:
    raise SystemExit("wxcombine sandbox pay: " + out.stderr)
deadline = time.time() + 20
while not received and time.time() < deadline:
    time.sleep(0.05)
if not received or not received[0]:
    raise SystemExit("the notification did not verify/decrypt with callback(): %r" % received)
n = received[0]
assert n["event_type"] == "TRANSACTION.SUCCESS", n
assert n["resource"]["combine_out_trade_no"] == no2, n
print("ok  %-40s verified and decrypted" % "notification (callback: verify+decrypt)")
r = expect("combine_query (paid)", app.combine_query(no2), 200)
assert {s["trade_state"] for s in r["sub_orders"]} == {"SUCCESS"}, r

# Refunds (issue 13 item 13, apiv3.md §14): in direct 合单 each merchant refunds its own sub-order
# with its own key; the SDK's refund() and query_refund() against the sandbox, and its callback()
# on the REFUND.SUCCESS notification.
rno = "R" + no2 + "A-1"
r = expect("refund " + rno, app.refund(rno, {"refund": 40, "total": 100, "currency": "CNY"}, out_trade_no=no2 + "A", reason="interop", notify_url=notify_url), 200)
assert r["out_refund_no"] == rno and r["status"] in ("PROCESSING", "SUCCESS"), r
assert r["amount"]["refund"] == 40 and r["amount"]["total"] == 100, r
# The same number and body again is idempotent: the same refund, not a second one.
r2 = expect("refund (same number again)", app.refund(rno, {"refund": 40, "total": 100, "currency": "CNY"}, out_trade_no=no2 + "A", reason="interop", notify_url=notify_url), 200)
assert r2["refund_id"] == r["refund_id"], (r, r2)
# Another merchant's sub-order is refused: only its own merchant may refund it.
code, text = app.refund("R" + no2 + "B-1", {"refund": 10, "total": 250, "currency": "CNY"}, out_trade_no=no2 + "B")
if code != 403 or json.loads(text).get("code") != "NO_AUTH":
    raise SystemExit("refund of another merchant's sub-order: HTTP %s %s" % (code, text))
print("ok  %-40s HTTP 403 NO_AUTH" % "refund of another merchant's sub-order")
deadline = time.time() + 30
def refund_notes():
    return [n for n in received if n and n.get("event_type", "").startswith("REFUND.")]
while not refund_notes() and time.time() < deadline:
    time.sleep(0.05)
if not refund_notes():
    raise SystemExit("no refund notification verified/decrypted with callback(): %r" % received)
rn = refund_notes()[0]
assert rn["event_type"] == "REFUND.SUCCESS", rn
assert rn["resource"]["out_refund_no"] == rno and rn["resource"]["refund_status"] == "SUCCESS", rn
assert rn["resource"]["amount"]["refund"] == 40, rn
print("ok  %-40s verified and decrypted" % "refund notification (callback)")
r = expect("query_refund " + rno, app.query_refund(rno), 200)
assert r["status"] == "SUCCESS" and r["out_trade_no"] == no2 + "A", r
r = expect("combine_query (refunded)", app.combine_query(no2), 200)
states = {s["out_trade_no"]: s["trade_state"] for s in r["sub_orders"]}
assert states == {no2 + "A": "REFUND", no2 + "B": "SUCCESS"}, states

# Bills for a seeded day two days ago (Beijing time): available whatever the hour (§8.4).
day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 2 * 86400))
req = urllib.request.Request(base + "/sandbox/v1/seed", data=json.dumps({"date": day, "orders": 500}).encode(), headers={"Content-Type": "application/json"})
urllib.request.urlopen(req).read()
for what, got in [("trade_bill ALL GZIP " + day, wxpay.trade_bill(day)), ("fundflow_bill BASIC GZIP " + day, wxpay.fundflow_bill(day))]:
    r = expect(what, got, 200)
    code, content = wxpay.download_bill(r["download_url"])
    if code != 200:
        raise SystemExit("download_bill: HTTP %s %s" % (code, content))
    plain = gzip.decompress(content)
    if hashlib.sha1(plain).hexdigest() != r["hash_value"]:
        raise SystemExit("bill hash mismatch for " + what)
    print("ok  %-40s %d bytes, sha1 verified" % ("download_bill", len(plain)))
PY
"$TMP/venv/bin/python" "$TMP/py_client.py" >"$TMP/py.out" 2>&1 || { cat "$TMP/py.out" >&2; fail "wechatpayv3"; }
cat "$TMP/py.out"

echo "== wechatpay-axios-plugin (node)"
cat >"$TMP/node/client.js" <<'JS'
const fs = require('fs');
const http = require('http');
const { Wechatpay } = require('wechatpay-axios-plugin');

const base = process.env.SANDBOX_BASE;
const getJson = (url) => new Promise((resolve, reject) => {
  http.get(url, (res) => { let d = ''; res.on('data', (c) => { d += c; }); res.on('end', () => resolve(JSON.parse(d))); }).on('error', reject);
});

(async () => {
  const info = await getJson(`${base}/sandbox/v1/info`);
  const [main, sub1] = info.merchants;
  const wxpay = new Wechatpay({
    mchid: main.mchid,
    serial: main.serial_no,
    privateKey: fs.readFileSync(main.private_key_file),
    certs: { [info.public_key_id]: fs.readFileSync(info.public_key_file) },
    baseURL: `${base}/`,
  });
  const no = `NODE${Date.now()}`;
  const body = {
    combine_appid: main.appid,
    combine_mchid: main.mchid,
    combine_out_trade_no: no,
    combine_payer_info: { openid: main.openid },
    sub_orders: [
      { mchid: main.mchid, attach: '深圳分店', amount: { total_amount: 1, currency: 'CNY' }, out_trade_no: `${no}A`, description: 'node-a' },
      { mchid: sub1.mchid, attach: '广州分店', amount: { total_amount: 2, currency: 'CNY' }, out_trade_no: `${no}B`, description: 'node-b' },
    ],
    notify_url: 'http://127.0.0.1:9/wxpay/notify',
  };
  const prepay = await wxpay.v3.combineTransactions.jsapi.post(body);
  if (!String(prepay.data.prepay_id).startsWith('wx')) throw new Error(`prepay: ${JSON.stringify(prepay.data)}`);
  console.log(`ok  combine-transactions/jsapi ${no}              HTTP ${prepay.status} (response verified)`);
  const query = await wxpay.v3.combineTransactions.outTradeNo._combine_out_trade_no_.get({ combine_out_trade_no: no });
  if (query.data.combine_out_trade_no !== no || query.data.sub_orders[0].trade_state !== 'NOTPAY') {
    throw new Error(`query: ${JSON.stringify(query.data)}`);
  }
  console.log(`ok  combine-transactions/out-trade-no/${no}  HTTP ${query.status} (response verified)`);
  // The verifier is really on: a WECHATPAY/SIGNTEST/ probe signature is refused.
  await new Promise((resolve, reject) => {
    const req = http.request(`${base}/sandbox/v1/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.end(JSON.stringify({ kind: 'signtest' }));
  });
  let refused = false;
  try {
    await wxpay.v3.combineTransactions.outTradeNo._combine_out_trade_no_.get({ combine_out_trade_no: no });
  } catch (e) {
    refused = e.code === 'EV3_RES_HEADER_SIGNATURE_DIGEST';
  }
  if (!refused) throw new Error('a WECHATPAY/SIGNTEST/ signature was accepted');
  console.log('ok  signtest probe signature                           refused');
})().catch((e) => {
  console.error('axios plugin failed:', e.message, e.response ? JSON.stringify(e.response.data) : '');
  process.exit(1);
});
JS
(cd "$TMP/node" && node client.js) >"$TMP/node.out" 2>&1 || { cat "$TMP/node.out" >&2; fail "wechatpay-axios-plugin"; }
cat "$TMP/node.out"

echo "== wechatpayv3 (python), certificate mode, against a mixed-mode sandbox"
"$WXCOMBINE_BIN" sandbox serve --listen 127.0.0.1:0 --data-dir "$TMP/mixed-data" --key-mode mixed \
  >"$TMP/mixed.out" 2>"$TMP/mixed.err" &
MIXED=$!
MIXED_BASE=$(wait_for_base mixed)
cat >"$TMP/py_cert_client.py" <<'PY'
import json, os, time, urllib.request

import wechatpayv3.core as core_mod
from wechatpayv3 import WeChatPay, WeChatPayType

base = os.environ["MIXED_BASE"]
info = json.load(urllib.request.urlopen(base + "/sandbox/v1/info"))
assert info["key_mode"] == "mixed", info
main, sub1 = info["merchants"][0], info["merchants"][1]
read = lambda p: open(p).read()

# Record the headers of every request the SDK sends.
sent = []
def spy(real):
    def call(*args, **kwargs):
        sent.append(dict(kwargs.get("headers") or {}))
        return real(*args, **kwargs)
    return call
core_mod.requests.get = spy(core_mod.requests.get)
core_mod.requests.post = spy(core_mod.requests.post)

# Without public_key/public_key_id the SDK is in certificate mode: its constructor downloads the
# platform certificates from its fixed gateway. Hold that back until the gateway points at the
# sandbox, then let the SDK's own code download and decrypt them (GET /v3/certificates).
init = core_mod.Core._init_certificates
core_mod.Core._init_certificates = lambda self: None
wxpay = WeChatPay(
    wechatpay_type=WeChatPayType.MINIPROG, mchid=main["mchid"], private_key=read(main["private_key_file"]),
    cert_serial_no=main["serial_no"], appid=main["appid"],
    apiv3_key=read(main["apiv3_key_file"]).strip(), notify_url="http://127.0.0.1:9/wxpay/notify")
core_mod.Core._init_certificates = init
wxpay._core._gate_way = base
wxpay._core._init_certificates()
serials = {format(c.serial_number, "X") for c in wxpay._core._certificates}
assert serials == {info["platform_cert_serial"].upper().lstrip("0")}, (serials, info["platform_cert_serial"])
print("ok  %-40s %s" % ("certificates downloaded by the SDK", ", ".join(sorted(serials))))

def expect(what, got, status):
    code, text = got
    if code != status:
        raise SystemExit("%s: HTTP %s %s" % (what, code, text))
    print("ok  %-40s HTTP %s" % (what, code))
    return json.loads(text) if text else None

stamp = str(int(time.time()))
no = "PC" + stamp
subs = [
    {"mchid": main["mchid"], "attach": "a", "amount": {"total_amount": 100, "currency": "CNY"}, "out_trade_no": no + "A", "description": "cert-mode-a"},
    {"mchid": sub1["mchid"], "attach": "b", "amount": {"total_amount": 250, "currency": "CNY"}, "out_trade_no": no + "B", "description": "cert-mode-b"},
]
# Every call below verifies its response with a downloaded certificate; a response signed with
# the public key (serial PUB_KEY_ID_…) cannot be verified by this client at all.
r = expect("combine_pay jsapi " + no, wxpay.combine_pay(no, subs, combine_payer_info={"openid": main["openid"]}), 200)
assert r["prepay_id"].startswith("wx"), r
for i in range(6):
    r = expect("combine_query %d %s" % (i + 1, no), wxpay.combine_query(no), 200)
    assert {s["trade_state"] for s in r["sub_orders"]} == {"NOTPAY"}, r
expect("combine_close " + no, wxpay.combine_close(no, [{"mchid": s["mchid"], "out_trade_no": s["out_trade_no"]} for s in subs]), 204)
r = expect("combine_query (closed)", wxpay.combine_query(no), 200)
assert {s["trade_state"] for s in r["sub_orders"]} == {"CLOSED"}, r

with_serial = [h for h in sent if any(k.lower() == "wechatpay-serial" for k in h)]
if with_serial:
    raise SystemExit("the SDK sent Wechatpay-Serial: %r" % with_serial)
print("ok  %-40s %d requests" % ("no Wechatpay-Serial sent", len(sent)))
PY
MIXED_BASE=$MIXED_BASE "$TMP/venv/bin/python" "$TMP/py_cert_client.py" >"$TMP/py_cert.out" 2>&1 \
  || { cat "$TMP/py_cert.out" >&2; cat "$TMP/mixed.err" >&2; fail "wechatpayv3 in certificate mode (mixed sandbox)"; }
cat "$TMP/py_cert.out"

echo "interop: 3 passed, 0 failed"
