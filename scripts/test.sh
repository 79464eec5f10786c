#!/usr/bin/env bash
# Runs every Sluice test on a fresh Debian 12 machine (as root, or with sudo):
#   1. installs the Debian packages the build and the tests need,
#   2. builds and runs all tests (unit + integration against a real ClickHouse server and the
#      dev Kafka, both started by the tests themselves on 127.0.0.1),
#   3. builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs the unit tests.
# Usage: scripts/test.sh [--no-sanitizers]
set -euo pipefail
cd "$(dirname "$0")/.."

SANITIZERS=1
for arg in "$@"; do
  case "$arg" in
    --no-sanitizers) SANITIZERS=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitizers]" >&2; exit 2 ;;
  esac
done

JOBS=$(nproc)
bash scripts/install-deps.sh
# chDB (a modern ClickHouse as a library, from npm) checks encodings 18.16 lacks; the tests
# that need it skip with a message when it cannot be installed.
bash scripts/install-chdb.sh || echo "chDB not installed: chdb_conformance_test will skip"

echo "== format (.clang-format)"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

echo "== build (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"

if [ "$SANITIZERS" = 1 ]; then
  echo "== build (ASan + UBSan)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSLUICE_SANITIZE=ON \
    -DSLUICE_INTEGRATION_TESTS=OFF >/dev/null
  cmake --build build-asan -j"$JOBS"
  echo "== unit tests under ASan + UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan -L unit --no-tests=error --output-on-failure -j"$JOBS"
fi

echo "== all tests (unit + integration)"
ctest --test-dir build --no-tests=error --output-on-failure -j"$JOBS"
