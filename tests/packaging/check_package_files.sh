#!/usr/bin/env bash
# Checks the files the .deb installs, unpacked into a temporary folder:
#   check_package_files.sh DEB VERSION SCRIPT_DIR
# its control fields (dependencies computed by dpkg-shlibdeps), its file list,
# the .desktop file (desktop-file-validate), the AppStream metainfo
# (appstreamcli validate --strict, with --no-net: its URLs are placeholders
# and a test must not depend on the network to judge them), the changelog's
# version, and that they all agree (check_desktop_integration.py).
set -euo pipefail
deb=$1 version=$2 here=$3

root=$(mktemp -d /tmp/dynadesk-deb-files.XXXXXX)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(dpkg-deb -f "$deb" Package)" = dynadesk ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# Libraries only dpkg-shlibdeps would have listed, with versions from the symbols files.
for lib in libc6 libstdc++6 libqt6core6 libqt6widgets6 liblmdb0 libssl3; do
  [[ ", $depends" == *", $lib (>= "* ]] || fail "Depends lacks a computed $lib"
done

expected=(
  usr/bin/dynadesk usr/bin/dynadesk-server
  usr/share/applications/io.dynadesk.Dynadesk.desktop
  usr/share/metainfo/io.dynadesk.Dynadesk.metainfo.xml
  usr/share/icons/hicolor/scalable/apps/io.dynadesk.Dynadesk.svg
  usr/share/man/man1/dynadesk.1.gz usr/share/man/man1/dynadesk-server.1.gz
  usr/lib/systemd/user/dynadesk-server.service
  usr/share/doc/dynadesk/copyright usr/share/doc/dynadesk/changelog.gz
)
for path in "${expected[@]}"; do
  [ -f "$root/$path" ] || fail "the package does not install /$path"
done
echo "Files:"
(cd "$root" && find . -type f | sort)

desktop-file-validate "$root/usr/share/applications/io.dynadesk.Dynadesk.desktop"
echo "desktop-file-validate: no problems"
appstreamcli validate --strict --no-net --pedantic "$root/usr/share/metainfo/io.dynadesk.Dynadesk.metainfo.xml"

zcat "$root/usr/share/doc/dynadesk/changelog.gz" > "$root/changelog"
changelog_version=$(dpkg-parsechangelog -l "$root/changelog" -S Version)
[ "$changelog_version" = "$version" ] || fail "the changelog's newest entry is $changelog_version, not $version"

"$here/check_desktop_integration.py" "$root" "$version"
