#!/bin/sh
# The Debian package: `dpkg-buildpackage -us -uc -b` builds tally_*.deb
# from a copy of the source tree, lintian reports no error or warning,
# and the package holds every piece (programs, page, man pages, unit,
# options file, nginx site, logrotate, maintainer scripts).  Then the
# packaged stack runs from the extracted tree (dpkg-deb -x into a temp
# root): the package's nginx site (TLS on a loopback port, with a test
# certificate in place of the snakeoil one) in front of the package's
# tally-fcgi started from the package's options file, with the paths
# moved into the temp folder on the command line; as root, nginx and
# tally-fcgi run as two users, tally-fcgi with CAP_CHOWN alone, in the
# folders the package's tmpfiles.d file makes.  The job's runner has no
# capability and no_new_privs; the upload became the daemon user's; nginx's
# user cannot read the database.  The job ends done and its result.csv
# equals the generator's exact totals; plain HTTP redirects to HTTPS; the
# page is served.
set -eu
tmp="$top_builddir/tests/tmp/deb"
rm -rf "$tmp" && mkdir -p "$tmp"
fcgi_pid="" nginx_pid="" hold_pid="" runner=""
cleanup() {
	rc=$?
	set +e
	[ -n "$hold_pid" ] && kill "$hold_pid" 2>/dev/null
	[ "$rc" -ne 0 ] && [ -n "$runner" ] && kill -KILL "$runner" 2>/dev/null
	[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" && wait "$nginx_pid"
	[ -n "$fcgi_pid" ] && kill -TERM "$fcgi_pid" && wait "$fcgi_pid"
	if [ "$rc" -ne 0 ]; then
		for f in "$tmp/build.log" "$tmp/state/tally.log" "$tmp/error.log"; do
			[ -f "$f" ] && { echo "== $f"; tail -n 40 "$f"; }
		done >&2
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
	echo "test-deb: $*" >&2
	exit 1
}
for t in dpkg-buildpackage dh lintian dpkg-deb openssl; do
	command -v "$t" >/dev/null 2>&1 ||
	    { echo "test-deb: $t missing: run ./setup" >&2; exit 77; }
done

# A copy of the sources: what git tracks, or the whole (distributed) tree.
mkdir "$tmp/src"
# (make distcheck's tree lies inside a git work tree without being one.)
if [ "$(cd "$top_srcdir" && git rev-parse --show-toplevel 2>/dev/null)" = \
    "$(cd "$top_srcdir" && pwd -P)" ]; then
	(cd "$top_srcdir" && git ls-files -z --cached --others \
	    --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$tmp/src"
else
	# Never this test's own folder (under tests/tmp: the copy would copy
	# itself until the disk is full), nor a build folder inside the
	# sources (make distcheck builds in _build/sub of the unpacked tree,
	# and this test's folder is in there), and no build outputs: a tree
	# built in place (CI's build-san/) is cleaned so the package builds
	# afresh.
	src=$(cd "$top_srcdir" && pwd -P)
	bld=$(cd "$top_builddir" && pwd -P)
	inner=
	case "$bld" in
	"$src"/*) inner="--exclude=./${bld#"$src"/}" ;;
	esac
	(cd "$top_srcdir" && tar --exclude=./tests/tmp --exclude=./build-san \
	    $inner -cf - .) | tar -xf - -C "$tmp/src"
	chmod -R u+w "$tmp/src"
	if [ -f "$tmp/src/config.status" ]; then
		(cd "$tmp/src" && make -s distclean) >/dev/null 2>&1 ||
		    fail "make distclean in the copy failed"
	fi
fi
(cd "$tmp/src" && DEB_BUILD_OPTIONS="parallel=2 nocheck noautodbgsym" \
    dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 ||
    fail "dpkg-buildpackage failed"
deb=$(ls "$tmp"/tally_*.deb)
[ -f "$deb" ] || fail "no tally_*.deb"
lintian "$deb" >"$tmp/lintian.txt" 2>&1 || true
if grep -E '^[EW]: ' "$tmp/lintian.txt" >&2; then
	fail "lintian"
fi

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$tmp/control"
for f in /usr/bin/tally /usr/bin/tally-fcgi /usr/share/tally/www/index.html \
    /usr/share/man/man1/tally.1.gz /usr/share/man/man8/tally-fcgi.8.gz \
    /lib/systemd/system/tally-fcgi.service /etc/tally/tally-fcgi.conf \
    /etc/nginx/sites-available/tally /etc/logrotate.d/tally; do
	[ -e "$root$f" ] || fail "the package lacks $f"
done
for f in postinst postrm conffiles; do
	[ -f "$tmp/control/$f" ] || fail "the package lacks its $f"
done
grep -qx /etc/tally/tally-fcgi.conf "$tmp/control/conffiles" ||
    fail "the options file is not a conffile"
grep -q 'ssl-cert-snakeoil.pem' "$root/etc/nginx/sites-available/tally" ||
    fail "the site does not start with the snakeoil certificate"
grep -qx '/var/lib/tally/refusals/nginx.log {' "$root/etc/logrotate.d/tally" ||
    fail "logrotate does not rotate nginx's refusals log"

for f in /usr/lib/sysusers.d/tally.conf /usr/lib/tmpfiles.d/tally.conf; do
	[ -f "$root$f" ] || fail "the package lacks $f"
done
grep -q 'systemd-sysusers.*tally.conf' "$tmp/control/postinst" ||
    fail "the postinst does not make the tally user"
grep -q 'systemd-tmpfiles.*tally.conf' "$tmp/control/postinst" ||
    fail "the postinst does not make tally's folders"
unit="$root/lib/systemd/system/tally-fcgi.service"
grep -qx 'User=tally' "$unit" && grep -qx 'AmbientCapabilities=CAP_CHOWN' "$unit" ||
    fail "the unit does not run as tally with CAP_CHOWN"

# The packaged stack, under $tmp, as a server runs it.  As root: nginx's
# workers run as nobody:nogroup (www-data on a server), tally-fcgi as a
# user of its own (uid 64200, the tally user) with CAP_CHOWN as its only
# capability, as tally-fcgi.service starts it, in the folders the
# package's tmpfiles.d file makes (www-data read as nogroup).  Not root:
# all as this user.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
port80=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$tmp/run" "$tmp/ngx"
as=""
nginx_user=""
group_opt=""
tuid=64200
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$tmp" "$tmp/.." 2>/dev/null || true
	sed -e "s|/var/lib/tally|$tmp/state|g" -e "s|/etc/tally/keys|$tmp/state/keys|" \
	    "$root/usr/lib/tmpfiles.d/tally.conf" | awk -v u=$tuid '
	    /^#/ || NF == 0 { next }
	    { if ($4 == "tally") $4 = u; if ($5 == "tally") $5 = u
	      if ($4 == "www-data") $4 = "nobody"
	      if ($5 == "www-data") $5 = "nogroup"; print }' >"$tmp/tmpfiles.conf"
	systemd-tmpfiles --create "$tmp/tmpfiles.conf" ||
	    fail "systemd-tmpfiles on the package's tally.conf"
	chown "$tuid:$tuid" "$tmp/run"
	chmod 0751 "$tmp/run"
	as="setpriv --reuid=$tuid --regid=$tuid --clear-groups --inh-caps=-all,+chown --ambient-caps=-all,+chown --bounding-set=-all,+chown"
	nginx_user="user nobody nogroup;"
	group_opt="--socket-group nogroup"
else
	mkdir -p "$tmp/state/jobs" "$tmp/state/body" "$tmp/state/refusals"
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$tmp/ngx/key.pem" -out "$tmp/ngx/cert.pem" 2>/dev/null
sed -e "s|listen 443 ssl;|listen 127.0.0.1:$port ssl;|" \
    -e "s|listen 80;|listen 127.0.0.1:$port80;|" \
    -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$tmp/ngx/cert.pem|" \
    -e "s|/etc/ssl/private/ssl-cert-snakeoil.key|$tmp/ngx/key.pem|" \
    -e "s|/var/lib/tally|$tmp/state|g" -e "s|/run/tally|$tmp/run|g" \
    -e "s|/var/log/nginx/access.log|$tmp/access.log|" \
    -e "s|/usr/share/tally/www|$root/usr/share/tally/www|g" \
    "$root/etc/nginx/sites-available/tally" >"$tmp/ngx/site.conf"
cp /etc/nginx/fastcgi_params /etc/nginx/mime.types "$tmp/ngx/"
cat >"$tmp/ngx/nginx.conf" <<CONF
$nginx_user
daemon off;
worker_processes 1;
pid $tmp/ngx/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 256; }
http {
	include mime.types;
	default_type application/octet-stream;
	access_log $tmp/access.log;
	client_body_temp_path $tmp/ngx/client;
	proxy_temp_path $tmp/ngx/proxy;
	fastcgi_temp_path $tmp/ngx/fastcgi;
	uwsgi_temp_path $tmp/ngx/uwsgi;
	scgi_temp_path $tmp/ngx/scgi;
	include site.conf;
}
CONF

$as "$root/usr/bin/tally-fcgi" --keys "$tmp/state/keys" key add deb-test \
    >"$tmp/key" 2>/dev/null || fail "key add"
key=$(cat "$tmp/key")
# The unit's UMask= (files 0640; the database is made 0600 whatever it is).
umask "$(sed -n 's/^UMask=//p' "$unit")"
# shellcheck disable=SC2086
$as "$root/usr/bin/tally-fcgi" --config "$root/etc/tally/tally-fcgi.conf" \
    --socket "$tmp/run/tally.sock" --db "$tmp/state/tally.db" \
    --jobs "$tmp/state/jobs" --body-temp "$tmp/state/body" \
    --keys "$tmp/state/keys" --log "$tmp/state/tally.log" \
    --nginx-refusals "$tmp/state/refusals/nginx.log" \
    --tally "$root/usr/bin/tally" --workers 2 --max-running 1 $group_opt \
    --max-job-mbps 1 &
fcgi_pid=$!
"$NGINX_BIN" -p "$tmp/ngx" -c "$tmp/ngx/nginx.conf" -e "$tmp/error.log" &
nginx_pid=$!
base="https://127.0.0.1:$port"
i=0
until curl -ksf -o /dev/null "$base/api/health" 2>/dev/null; do
	kill -0 "$fcgi_pid" 2>/dev/null || fail "tally-fcgi exited"
	kill -0 "$nginx_pid" 2>/dev/null || fail "nginx exited"
	[ $i -lt 1200 ] || fail "the packaged stack did not come up"
	sleep 0.05; i=$((i + 1))
done

"$GEN" -n 50000 -s 5 -o "$tmp/sales.csv" -t "$tmp/truth.csv"
# The runner is held the moment its pid is in the store.  It reads at 1
# MB/s (--max-job-mbps above), so it cannot end before it is seen.
python3 "$top_srcdir/tests/svcwait.py" "$tmp/state/tally.db" - hold-next 300 \
    "$tmp/watching" >"$tmp/held" &
hold_pid=$!
i=0
until [ -e "$tmp/watching" ]; do
	[ $i -lt 1200 ] || fail "svcwait hold-next did not start"
	sleep 0.05; i=$((i + 1))
done
code=$(curl -ksS -o "$tmp/up.json" -w '%{http_code}' \
    -H "Authorization: Bearer $key" -T "$tmp/sales.csv" "$base/api/jobs/")
[ "$code" = 202 ] || fail "upload gave $code: $(cat "$tmp/up.json")"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$tmp/up.json")
wait "$hold_pid" || fail "the job's runner was not seen"
set -- $(cat "$tmp/held")
[ "$1" = "$id" ] || fail "held job $1, not $id"
runner=$2
# No capability in any set (the bounding set cannot shrink without
# CAP_SETPCAP; it is the unit's, CAP_CHOWN at most), no new privileges.
for c in CapInh CapPrm CapEff CapAmb; do
	v=$(awk -v c="$c:" '$1 == c { print $2 }' "/proc/$runner/status")
	[ "$v" = 0000000000000000 ] || fail "the runner keeps $c $v"
done
v=$(awk '$1 == "CapBnd:" { print $2 }' "/proc/$runner/status")
[ "$(id -u)" -ne 0 ] || [ "$v" = 0000000000000001 ] ||
    fail "the runner's bounding set is $v, not the unit's CAP_CHOWN"
[ "$(awk '$1 == "NoNewPrivs:" { print $2 }' "/proc/$runner/status")" = 1 ] ||
    fail "the runner may gain privileges"
if [ "$(id -u)" -eq 0 ]; then
	# The upload is the daemon user's now, and only the runner reads it.
	[ "$(awk '$1 == "Uid:" { print $2 }' "/proc/$runner/status")" = $tuid ] ||
	    fail "the runner is not uid $tuid"
	[ "$(stat -c %u "$tmp/state/jobs/$id/input")" = $tuid ] ||
	    fail "the job's input is not uid $tuid's"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    cat "$tmp/state/tally.db" >/dev/null 2>&1 &&
	    fail "nginx's user can read the database"
fi
for f in tally.db tally.db-wal tally.db-shm; do
	[ "$(stat -c %a "$tmp/state/$f")" = 600 ] ||
	    fail "$f is mode $(stat -c %a "$tmp/state/$f"), not 600"
done
kill -CONT "$runner"
python3 "$top_srcdir/tests/svcwait.py" "$tmp/state/tally.db" "$id" state \
    done 300 || fail "the job did not end done"
code=$(curl -ksS -o "$tmp/result.csv" -w '%{http_code}' \
    -H "Authorization: Bearer $key" "$base/jobs/$id/result.csv")
[ "$code" = 200 ] || fail "result.csv gave $code"
cmp "$tmp/truth.csv" "$tmp/result.csv" || fail "the totals differ"

code=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' \
    "http://127.0.0.1:$port80/api/jobs")
case $code in
"301 https://127.0.0.1/api/jobs") ;;
*) fail "plain HTTP: $code" ;;
esac
code=$(curl -ksS -o "$tmp/index.html" -w '%{http_code}' "$base/")
[ "$code" = 200 ] && cmp -s "$tmp/index.html" "$root/usr/share/tally/www/index.html" ||
    fail "the page: $code"
echo "test-deb: ok ($(wc -l < "$tmp/truth.csv") groups exact)"
