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
# Node resolves bare imports ('@duckdb/node-api') beside the script.  A
# source tree without node_modules (make distcheck's) gets copies of the
# scripts beside a link to the modules.
PEER_DIR="$top_srcdir/tests/peers"
if [ ! -d "$PEER_DIR/node_modules/@duckdb/node-api" ]; then
	PEER_DIR="$top_builddir/tests/tmp/peers-$name"
	rm -rf "$PEER_DIR"
	mkdir -p "$PEER_DIR"
	cp "$top_srcdir"/tests/peers/*.mjs "$PEER_DIR/"
	ln -s "$PEER_MODULES" "$PEER_DIR/node_modules"
fi

# peer_run SCRIPT ARGS...: run tests/peers/SCRIPT with node.
peer_run() {
	script=$1
	shift
	node "$PEER_DIR/$script" "$@"
}
