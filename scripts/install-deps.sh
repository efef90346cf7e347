#!/usr/bin/env bash
# Installs every Debian 12 package Dynadesk needs to build, run and test.
# Safe to run again: it installs only what is missing. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config   # toolchain
  qt6-base-dev                                   # Qt 6 Widgets and QtTest
  qt6-charts-dev                                 # Qt Charts: the metrics charts and the alarm preview
  libqt6svg6                                     # draws the SVG icons in resources/
  liblmdb-dev                                    # the storage engine
  nlohmann-json3-dev                             # the DynamoDB JSON protocol
  libssl-dev                                     # SHA-256 and HMAC for SigV4 signature checking
  clang libclang-rt-14-dev                       # libFuzzer for the expression fuzzer
  python3-boto3 python3-pytest awscli            # conformance tests: real Python and CLI clients
  librsvg2-bin                                   # renders the app icon's PNG sizes for the hicolor theme
  dpkg-dev file                                  # CPack's .deb: dpkg-shlibdeps computes its dependencies
  lintian desktop-file-utils appstream           # packaging tests: Debian's, freedesktop's and AppStream's checkers
  mmdebstrap                                     # packaging tests: a clean Debian 12 root to install the .deb into
)
# Node.js and npm run the AWS SDK for JavaScript conformance suite. A machine
# that already has Node.js (with its own npm) keeps it; Debian's are used otherwise.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages for the JavaScript conformance suite, pinned by its lock file.
# Reinstalled only when the lock file is newer than what was installed.
js_suite="$(cd "$(dirname "$0")/.." && pwd)/tests/conformance/js"
if [ -f "$js_suite/package-lock.json" ]; then
  stamp="$js_suite/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$js_suite/package-lock.json" -nt "$stamp" ]; then
    (cd "$js_suite" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
