#!/usr/bin/env bash
# Installs chDB's library (a modern ClickHouse engine in one shared object, about 559 MB) from the
# npm registry, for the optional encoder conformance test (tests/integration/chdb_conformance_test).
# Usage: scripts/install-chdb.sh [DIR]      (default: .deps/chdb in the repository)
# Result: DIR/package/libchdb.so. Idempotent: does nothing when that file already exists.
# The test finds it there, or wherever SLUICE_CHDB_LIB points.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="${1:-.deps/chdb}"
PACKAGE="@chdb/lib-linux-x64-gnu"
LIB="$DIR/package/libchdb.so"

if [ -f "$LIB" ]; then
  echo "chDB already installed: $LIB"
  exit 0
fi
if [ "$(uname -m)" != "x86_64" ]; then
  echo "install-chdb: $PACKAGE is for x86-64 Linux only; skipping" >&2
  exit 0
fi
command -v npm >/dev/null || { echo "install-chdb: npm not found (apt-get install npm)" >&2; exit 1; }

mkdir -p "$DIR"
TMP="$(mktemp -d "$DIR/.download.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
echo "== chDB: npm pack $PACKAGE (about 170 MB)"
(cd "$TMP" && npm pack --silent "$PACKAGE" >/dev/null)
TARBALL="$(ls "$TMP"/*.tgz)"
tar -xzf "$TARBALL" -C "$TMP"
[ -f "$TMP/package/libchdb.so" ] || { echo "install-chdb: no libchdb.so in $TARBALL" >&2; exit 1; }
rm -rf "$DIR/package"
mv "$TMP/package" "$DIR/package"
echo "chDB installed: $LIB ($(basename "$TARBALL"))"
