#!/usr/bin/env bash
# Issue 11, item 6: peak RSS of `query` against a loopback server that answers
#   (a) 200 with a Wechatpay-Signature header and Content-Length: SIZE, then SIZE zero bytes;
#   (b) 500 with a chunked body of SIZE bytes.
# Before the cap the client read the whole body into memory (about twice its size in RSS); with it
# the answer is refused on its Content-Length (a) or reading stops at 4 MiB (b).
# Usage: scripts/bench-body-cap.sh [SIZE_BYTES] (default 4 GiB); BIN=path/to/wxcombine to measure
# another build (default target/debug/wxcombine). Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-4294967296}
bin=${BIN:-target/debug/wxcombine}
[[ -x $bin ]] || cargo build --locked --quiet
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cp tests/fixtures/keys/official_doc_test_key.pkcs1.pem tests/fixtures/keys/go_sdk_test_public_key.pem "$work/"
chmod 600 "$work"/*.pem
cat > "$work/flood.py" <<'PY'
import socket, sys, threading
mode, n = sys.argv[1], int(sys.argv[2])
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True)
block = b"\0" * 65536
def serve(c):
    try:
        buf = b""
        while b"\r\n\r\n" not in buf:
            d = c.recv(65536)
            if not d: return
            buf += d
        if mode == "cl":
            c.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\nWechatpay-Signature: x\r\nContent-Length: %d\r\n\r\n" % n)
        else:
            c.sendall(b"HTTP/1.1 500 X\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
        left = n
        while left > 0:
            k = min(left, len(block))
            c.sendall(block[:k] if mode == "cl" else b"%x\r\n" % k + block[:k] + b"\r\n")
            left -= k
        if mode != "cl":
            c.sendall(b"0\r\n\r\n")
    except OSError:
        pass
    finally:
        c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
for mode in cl chunked; do
  python3 "$work/flood.py" "$mode" "$size" > "$work/port" &
  flood=$!
  while [[ ! -s $work/port ]]; do sleep 0.1; done
  port=$(cat "$work/port")
  cat > "$work/config.toml" <<TOML
[profiles.shop]
env = "sandbox"
mchid = "1900000109"
serial_no = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"
private_key_file = "official_doc_test_key.pkcs1.pem"
wechatpay_public_key_file = "go_sdk_test_public_key.pem"
wechatpay_public_key_id = "PUB_KEY_ID_0114232134912410000000000000000001"
base_url = "http://127.0.0.1:$port"
TOML
  echo "== $mode, $size bytes"
  /usr/bin/time -v "$bin" --config "$work/config.toml" -q --retries 0 query C12345678 2>&1 |
    grep -a -E "^error:|Maximum resident|Elapsed|Exit status" || true
  kill "$flood"
  wait "$flood" 2>/dev/null || true
  rm -f "$work/port"
done
