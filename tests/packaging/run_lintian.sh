#!/usr/bin/env bash
# Debian's package checker on the .deb:   run_lintian.sh DEB
# Fails on any error or warning. Informational tags are shown, not fatal; the
# package's own overrides (packaging/lintian-overrides, each with its reason)
# are shown as overridden.
set -euo pipefail
deb=$1
lintian --fail-on error,warning --display-info --show-overrides --tag-display-limit 0 "$deb"
echo "lintian: no errors or warnings"
