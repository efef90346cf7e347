#!/usr/bin/env bash
# The README's first command: install what is needed, build, and start Dynadesk
# on its default data folder — the desktop workbench when there is a display,
# else the headless dynadesk-server. Extra arguments go to the program (try
# --help); DYNADESK_HEADLESS=1 starts the server even with a display.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ -z "${DYNADESK_HEADLESS:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec build/app/dynadesk "$@"
fi
echo "No display: starting the headless dynadesk-server (the same engine and endpoint, without the workbench)."
exec build/app/dynadesk-server "$@"
