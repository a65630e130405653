#!/bin/sh
# make install (into a DESTDIR) puts every piece where a server needs it:
# both programs, the page under $(datadir)/tally/www, both man pages, the
# systemd unit (running the installed tally-fcgi with the installed
# options file), the options file, the nginx site serving the installed
# page, the logrotate file, and the tally user and its folders
# (sysusers.d, tmpfiles.d); the unit's MemoryMax= is what the installed
# options file asks for (max-running x (max-job-memory + a job's share) +
# the daemon's share); systemd-analyze verify passes on the unit where
# systemd-analyze exists; make uninstall leaves no file behind.
set -eu
tmp="$top_builddir/tests/tmp/install"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rc=$?; [ $rc -eq 0 ] && rm -rf "$tmp"; exit $rc' EXIT
fail() {
	echo "test-install: $*" >&2
	exit 1
}
d="$tmp/root"
# The prefix is the build's own; Makefile knows it.
prefix=$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")
sysconfdir=$(sed -n 's/^sysconfdir = //p' "$top_builddir/Makefile" |
    sed "s|\${prefix}|$prefix|")
datadir="$prefix/share"
unitdir=$(sed -n 's/^SYSTEMD_UNIT_DIR = //p' "$top_builddir/Makefile" |
    sed "s|\${prefix}|$prefix|")
${MAKE:-make} -s -C "$top_builddir" install DESTDIR="$d" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log" >&2; fail "make install failed"; }

for f in "$prefix/bin/tally" "$prefix/bin/tally-fcgi"; do
	[ -x "$d$f" ] || fail "$f not installed"
done
for f in "$datadir/tally/www/index.html" "$datadir/tally/www/app.js" \
    "$datadir/tally/www/app.css" "$datadir/man/man1/tally.1" \
    "$datadir/man/man8/tally-fcgi.8" "$unitdir/tally-fcgi.service" \
    "$sysconfdir/tally/tally-fcgi.conf" "$sysconfdir/logrotate.d/tally" \
    "$datadir/tally/nginx/tally-site.conf" \
    "$prefix/lib/sysusers.d/tally.conf" "$prefix/lib/tmpfiles.d/tally.conf"; do
	[ -f "$d$f" ] || fail "$f not installed"
done

# MemoryMax= and the options file agree (sizes in MiB).
conf="$d$sysconfdir/tally/tally-fcgi.conf"
running=$(awk '$1 == "max-running" { print $2 }' "$conf")
jobmem=$(awk '$1 == "max-job-memory" { print $2 }' "$conf")
case $jobmem in
*G) jobmem=$((${jobmem%G} * 1024)) ;;
*M) jobmem=${jobmem%M} ;;
*) fail "max-job-memory $jobmem: expected a size in M or G" ;;
esac
want=$((running * (jobmem + DEPLOY_JOB_SHARE_MB) + DEPLOY_DAEMON_SHARE_MB))
got=$(sed -n 's/^MemoryMax=//p' "$d$unitdir/tally-fcgi.service")
[ "$got" = "${want}M" ] ||
    fail "MemoryMax=$got, but the options file asks for ${want}M ($running jobs of ${jobmem}M)"
# Every file of www/ is installed.
for f in "$top_srcdir"/www/*; do
	cmp -s "$f" "$d$datadir/tally/www/${f##*/}" ||
	    fail "www/${f##*/} not installed as is"
done
grep -qx "ExecStart=$prefix/bin/tally-fcgi --config $sysconfdir/tally/tally-fcgi.conf" \
    "$d$unitdir/tally-fcgi.service" || fail "the unit's ExecStart"
grep -q "^[[:space:]]*root $datadir/tally/www;" \
    "$d$datadir/tally/nginx/tally-site.conf" || fail "the site's root"
if command -v systemd-analyze >/dev/null 2>&1; then
	# The unit as installed, but running the binary this build made
	# (verify checks that ExecStart is an executable).
	sed "s|^ExecStart=$prefix/bin/tally-fcgi|ExecStart=$d$prefix/bin/tally-fcgi|" \
	    "$d$unitdir/tally-fcgi.service" >"$tmp/tally-fcgi.service"
	systemd-analyze verify --man=no "$tmp/tally-fcgi.service" \
	    >"$tmp/verify" 2>&1 || { cat "$tmp/verify" >&2;
	    fail "systemd-analyze verify"; }
	[ ! -s "$tmp/verify" ] || { cat "$tmp/verify" >&2;
	    fail "systemd-analyze verify printed warnings"; }
fi

${MAKE:-make} -s -C "$top_builddir" uninstall DESTDIR="$d" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log" >&2; fail "make uninstall failed"; }
left=$(find "$d" -type f -o -type l)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "test-install: ok"
