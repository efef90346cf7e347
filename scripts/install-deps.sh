#!/usr/bin/env bash
# Installs every Debian 12 package Dynadesk needs to build, run and test.
# Safe to run again: it installs only what is missing. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config   # toolchain
  qt6-base-dev                                   # Qt 6 Widgets and QtTest
  liblmdb-dev                                    # the storage engine
  nlohmann-json3-dev                             # the DynamoDB JSON protocol
  clang libclang-rt-14-dev                       # libFuzzer for the expression fuzzer
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
