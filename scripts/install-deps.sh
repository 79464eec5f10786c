#!/usr/bin/env bash
# Installs everything Sluice needs to build, test and run its demo on Debian 12 (as root).
# Idempotent: packages already present are skipped by apt.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates
  librdkafka-dev kcat
  libsimdjson-dev libyaml-cpp-dev libre2-dev librocksdb-dev libxxhash-dev
  liblz4-dev libzstd-dev libssl-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev libgoogle-perftools-dev
  clickhouse-server clickhouse-client
  clang-format bc
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
