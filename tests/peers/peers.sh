# Sourced by tests that read results back with DuckDB and Polars: check that
# node and the peer modules are there (a clear failure, never a skip:
# ./setup installs them), and define peer_run.  Needs $name.  A test that
# has not defined fail() (a service test has, from tests/service.sh) gets
# it here, with a fresh folder $tmp removed when the test exits.
if ! type fail >/dev/null 2>&1; then
	tmp="$top_builddir/tests/tmp/$name"
	rm -rf "$tmp" && mkdir -p "$tmp"
	trap 'rm -rf "$tmp"' EXIT
	fail() {
		echo "test-$name: $*" >&2
		exit 1
	}
fi
command -v node >/dev/null ||
    fail "node is missing: run ./setup as root, which installs nodejs"
PEER_MODULES=${PEER_MODULES:-$top_srcdir/tests/peers/node_modules}
[ -d "$PEER_MODULES/@duckdb/node-api" ] && [ -d "$PEER_MODULES/nodejs-polars" ] ||
    fail "DuckDB or Polars for Node.js is missing: run ./setup (npm install in tests/peers)"
export PEER_MODULES

# peer_run SCRIPT ARGS...: run tests/peers/SCRIPT with node.
peer_run() {
	script=$1
	shift
	node "$top_srcdir/tests/peers/$script" "$@"
}
