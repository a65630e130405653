# Sourced by tests/test-page-*.sh after tests/service.sh: check that the
# browser and playwright-core are there (a clear failure, never a skip:
# ./setup installs both), then run a test script against $BASE.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] ||
    fail "$CHROMIUM is missing: run ./setup as root, which installs Debian's chromium"
command -v node >/dev/null ||
    fail "node is missing: run ./setup as root, which installs nodejs"
[ -d "$top_srcdir/tests/browser/node_modules/playwright-core" ] ||
    fail "playwright-core is missing: run ./setup (npm install in tests/browser)"
SCREENS="$top_builddir/tests/tmp/screens"
export CHROMIUM SCREENS BASE VAR

# browser_run SCRIPT: run tests/browser/SCRIPT with node.
browser_run() {
	node "$top_srcdir/tests/browser/$1" || fail "browser test $1"
}
