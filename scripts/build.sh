#!/usr/bin/env bash
# Configures and builds Dynadesk into ./build (incrementally: a second run
# rebuilds only what changed). Two parallel jobs by default; set JOBS to change.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${JOBS:-2}"
