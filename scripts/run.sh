#!/usr/bin/env bash
# The README's first command: install what is needed, build, and start Dynadesk
# on its default data folder. Extra arguments go to the program (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/app/dynadesk-server "$@"
