#!/bin/sh
# limit_conn per client address: a client that holds 3 uploads open (the
# bodies never come) is refused a 4th request with a JSON 429, while
# another address (127.0.0.2) still gets the health check.  The held
# requests are known to count once nginx asks for their bodies (100
# Continue), so nothing here waits on time.
name=limit-conn
CONN_PER_ADDR=3
. "$top_srcdir/tests/service.sh"
svc_start

mkfifo "$VAR/go"
python3 - "$PORT" "$VAR/held" "$VAR/go" "$STACK_KEY" <<'PY' &
import socket, sys
port, ready, go, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
socks = []
for i in range(3):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("PUT /api/jobs HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\nContent-Length: 1000\r\n"
               "Expect: 100-continue\r\n\r\n" % key).encode())
    got = b""
    while b"\r\n\r\n" not in got:
        b = s.recv(4096)
        if not b:
            sys.exit("connection %d closed: %r" % (i, got))
        got += b
    if b" 100 " not in got.split(b"\r\n")[0]:
        sys.exit("connection %d: %r" % (i, got))
    socks.append(s)
open(ready, "w").close()
open(go).read()		# hold them until the shell is done
PY
holder=$!
i=0
while [ ! -e "$VAR/held" ] && [ $i -lt 300 ]; do
	kill -0 $holder 2>/dev/null || fail "the holder failed"
	sleep 0.1; i=$((i + 1))
done
[ -e "$VAR/held" ] || fail "the connections were not held"

code=$(curl -sS -o "$VAR/b.out" -w '%{http_code}' "$BASE/api/health")
[ "$code" = 429 ] || fail "a 4th request from the same address gave $code"
[ "$(json "$VAR/b.out" 'j["error"]["code"]')" = rate_limited ] ||
    fail "429 body: $(cat "$VAR/b.out")"
code=$(curl -sS --interface 127.0.0.2 -o "$VAR/b.out" -w '%{http_code}' \
    "$BASE/api/health")
[ "$code" = 200 ] || fail "another address gave $code"
echo > "$VAR/go"
wait $holder || fail "the holder failed"
# Released: the first address is served again.
[ "$(req GET /api/health)" = 200 ] || fail "still refused after release"
