#!/usr/bin/env bash
# Builds the packages from the build tree with CPack, as a release would:
#   build_packages.sh BUILD_DIR OUT_DIR VERSION
# OUT_DIR is emptied first and then holds dynadesk_VERSION_ARCH.deb and
# dynadesk-VERSION-Linux.tar.gz, which the other packaging tests read.
set -euo pipefail
build_dir=$1 out_dir=$2 version=$3

rm -rf "$out_dir"
mkdir -p "$out_dir"
cpack --config "$build_dir/CPackConfig.cmake" -B "$out_dir"

deb="$out_dir/dynadesk_${version}_$(dpkg --print-architecture).deb"
tarball="$out_dir/dynadesk-${version}-Linux.tar.gz"
for f in "$deb" "$tarball"; do
  [ -f "$f" ] || { echo "FAIL: cpack did not make $f" >&2; exit 1; }
done
echo "== $deb"
dpkg-deb --info "$deb"
echo "== $tarball"
listing=$(tar -tzf "$tarball")
echo "$listing"
# The tarball holds the same files as the .deb, under one top folder.
for path in bin/dynadesk bin/dynadesk-server share/applications/io.dynadesk.Dynadesk.desktop \
            lib/systemd/user/dynadesk-server.service; do
  grep -qx "dynadesk-${version}-Linux/$path" <<<"$listing" \
    || { echo "FAIL: $path is missing from the tarball" >&2; exit 1; }
done
