# Sourced by tests/test-page-*.sh after tests/service.sh: check that the
# browser and playwright-core are there (a clear failure, never a skip:
# ./setup installs both), then run a test script against $BASE.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] ||
    fail "$CHROMIUM is missing: run ./setup as root, which installs Debian's chromium"
command -v node >/dev/null ||
    fail "node is missing: run ./setup as root, which installs nodejs"
BROWSER_MODULES=${BROWSER_MODULES:-$top_srcdir/tests/browser/node_modules}
[ -d "$BROWSER_MODULES/playwright-core" ] ||
    fail "playwright-core is missing: run ./setup (npm install in tests/browser)"
# Node resolves imports beside the script.  A source tree without
# node_modules (make distcheck's) gets copies of the scripts beside a link.
BROWSER_DIR="$top_srcdir/tests/browser"
if [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ]; then
	BROWSER_DIR="$top_builddir/tests/tmp/browser-$name"
	rm -rf "$BROWSER_DIR"
	mkdir -p "$BROWSER_DIR"
	cp "$top_srcdir"/tests/browser/*.mjs "$BROWSER_DIR/"
	ln -s "$BROWSER_MODULES" "$BROWSER_DIR/node_modules"
fi
SCREENS="$top_builddir/tests/tmp/screens"
export CHROMIUM SCREENS BASE VAR

# browser_run SCRIPT: run tests/browser/SCRIPT with node.
browser_run() {
	node "$BROWSER_DIR/$1" || fail "browser test $1"
}
