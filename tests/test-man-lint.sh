#!/bin/sh
# The man pages: `mandoc -Tlint` finds nothing at warning level or above in
# tally(1) and tally-fcgi(8), and each page documents every long option
# of its program's option table (cli/tally.c's agg command, fcgi/main.c).
set -eu
fail() {
	echo "test-man-lint: $*" >&2
	exit 1
}
command -v mandoc >/dev/null 2>&1 || { echo "mandoc missing: run ./setup" >&2; exit 77; }
for p in "$top_srcdir/doc/tally.1" "$top_srcdir/doc/tally-fcgi.8"; do
	out=$(mandoc -Tlint -W warning "$p" 2>&1) || fail "$p: $out"
	[ -z "$out" ] || fail "$p: $out"
done

# check PAGE SOURCE RANGE: every option of SOURCE's table (between the
# sed address RANGE and its { NULL row) is a Fl \-name in PAGE.
check() {
	longs=$(sed -n "$3,/{ NULL/ s/^[[:space:]]*{ \"\\([a-z-]*\\)\",.*/\\1/p" "$2")
	[ "$(echo "$longs" | wc -w)" -ge 10 ] || fail "too few options in $2"
	for o in $longs; do
		grep -q -e "^\\.It Fl .*\\\\-$o\\b" -e "^\\.It Fl [a-z] , Fl \\\\-$o\\b" \
		    "$1" || fail "$1 does not document --$o"
	done
}
check "$top_srcdir/doc/tally.1" "$top_srcdir/cli/tally.c" '/^cmd_agg(/'
check "$top_srcdir/doc/tally-fcgi.8" "$top_srcdir/fcgi/main.c" '/longopts\[\] = {/'
echo "test-man-lint: ok"
