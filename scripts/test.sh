#!/usr/bin/env bash
# The README's second command: install what is needed, build, and run every
# test with ctest (UI tests run on the offscreen platform, without a display).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"${JOBS:-2}"
