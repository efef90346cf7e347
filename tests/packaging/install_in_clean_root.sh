#!/usr/bin/env bash
# Installs the .deb with apt-get on a clean, throwaway Debian 12 root and uses
# the installed programs there:
#   install_in_clean_root.sh DEB VERSION SCRIPT_DIR
#
# 1. mmdebstrap builds a minimal bookworm root (essential packages and apt)
#    from the host's Debian apt sources into a temporary folder.
# 2. apt-get installs the .deb in it, fetching exactly the dependencies the
#    package declares, as on a user's machine; systemd-analyze verify checks
#    the installed user unit there.
# 3. The installed dynadesk-server --version, then a real session: the
#    installed server on a free loopback port (--port 0) with its default data
#    folder, and boto3 from the host creating a table, putting an item and
#    getting it back (session.py); SIGTERM must stop it with status 0.
# 4. The installed workbench under QT_QPA_PLATFORM=offscreen on the same
#    default folder: its built-in endpoint must serve that item, it must still
#    be running after a few seconds, and SIGTERM must close it with status 0.
#
# Needs root (mmdebstrap's root mode, chroot, mounting /proc) and the network
# (Debian's mirror). Exits 77, which ctest reports as skipped, when not root.
# Commands run inside the root through in_root: a private mount namespace
# with its own /proc, so nothing stays mounted on the host; the trap stops
# what was started and deletes the root.
set -euo pipefail
deb=$1 version=$2 here=$3

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing into a throwaway Debian root needs root (mmdebstrap --mode=root, chroot)"
  exit 77
fi
for tool in mmdebstrap unshare chroot python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

root=$(mktemp -d /tmp/dynadesk-clean-root.XXXXXX)
logs=$(mktemp -d /tmp/dynadesk-clean-root-logs.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  # Anything else still running inside the root (started by a package's
  # maintainer script, say) goes too: processes whose root directory it is.
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && kill -KILL "${proc#/proc/}" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # /proc is only ever mounted inside in_root's private namespaces; this is a
  # guard in case one leaked, so rm never descends into a live /proc.
  if mountpoint -q "$root/proc"; then umount -l "$root/proc"; fi
  rm -rf --one-file-system "$root" "$logs"
  echo "== Cleaned up (${SECONDS}s)"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$logs"/*; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done >&2; exit 1; }
step() { echo "== $* ($(( SECONDS ))s)"; }
running() { [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"; }
ends_within() {  # SECONDS PID: whether PID ends within SECONDS
  local tenths=$(( $1 * 10 ))
  while running "$2" && [ "$tenths" -gt 0 ]; do sleep 0.1; tenths=$(( tenths - 1 )); done
  ! running "$2"
}

# "${in_root[@]}" COMMAND runs COMMAND inside the root, as the root's own
# user root, with a clean environment. Each step execs the next, so for
# "${in_root[@]}" COMMAND & the pid in $! is COMMAND's own and signals reach it
# (a shell function would put a subshell in between).
in_root=(unshare --mount --propagation private -- sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"'
         "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8)

step "Building a clean Debian 12 root with mmdebstrap"
# The host's Debian sources (its mirror and its security and updates suites),
# so the root's libraries are as new as those the package was built against.
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/debian.sources; do
  [ -s "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || sources=(http://deb.debian.org/debian)
timeout 600 mmdebstrap --variant=apt --mode=root --quiet bookworm "$root" "${sources[@]}" \
  > "$logs/mmdebstrap.log" 2>&1 || fail "mmdebstrap could not build the root"
[ -f "$root/etc/debian_version" ] || fail "the root has no /etc/debian_version"
echo "root: Debian $(cat "$root/etc/debian_version"), $("${in_root[@]}" dpkg-query -W -f='.\n' | wc -l) packages"
"${in_root[@]}" dpkg-query -W dynadesk >/dev/null 2>&1 && fail "dynadesk is already in the clean root"

step "apt-get install ./$(basename "$deb") in the root"
cp "$deb" "$root/tmp/"
"${in_root[@]}" timeout 300 apt-get update -q > "$logs/apt-update.log" 2>&1 || fail "apt-get update failed in the root"
"${in_root[@]}" env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q "/tmp/$(basename "$deb")" \
  > "$logs/apt-install.log" 2>&1 || fail "apt-get install failed in the root"
grep -E "^(Setting up dynadesk|[0-9]+ upgraded)" "$logs/apt-install.log" || true
[ "$("${in_root[@]}" dpkg-query -W -f='${Status} ${Version}' dynadesk)" = "install ok installed $version" ] \
  || fail "dpkg does not list dynadesk $version as installed"
for path in /usr/bin/dynadesk /usr/bin/dynadesk-server /usr/share/applications/io.dynadesk.Dynadesk.desktop \
            /usr/lib/systemd/user/dynadesk-server.service; do
  [ -e "$root$path" ] || fail "$path is not installed"
done

step "systemd-analyze verify on the installed user unit"
# In the root, where its ExecStart exists. systemd came with the package's
# dependencies' recommendations; a user of the unit has it anyway. Silence
# means no problem: verify warns about bad settings without failing.
if [ ! -x "$root/usr/bin/systemd-analyze" ]; then
  "${in_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q systemd \
    >> "$logs/apt-install.log" 2>&1 || fail "apt-get install systemd failed in the root"
fi
mkdir -m 0700 "$root/tmp/runtime"
verify=$("${in_root[@]}" env XDG_RUNTIME_DIR=/tmp/runtime systemd-analyze --user --man=no \
           verify /usr/lib/systemd/user/dynadesk-server.service 2>&1) \
  || fail "systemd-analyze verify failed: $verify"
[ -z "$verify" ] || fail "systemd-analyze verify reports: $verify"
echo "dynadesk-server.service: no problems"

step "Installed dynadesk-server --version"
got=$("${in_root[@]}" dynadesk-server --version)
echo "$got"
[ "$got" = "dynadesk-server $version" ] || fail "dynadesk-server --version printed '$got'"
got=$("${in_root[@]}" dynadesk --version)  # answers without a display
echo "$got"
[ "$got" = "dynadesk $version" ] || fail "dynadesk --version printed '$got'"

export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN

step "A session against the installed dynadesk-server"
"${in_root[@]}" dynadesk-server --port 0 > "$logs/server.log" 2>&1 &
server=$!
pids+=("$server")
url=""
for _ in $(seq 200); do  # up to 20 s
  url=$(sed -n 's|.*listening on \(http://[^ ]*\).*|\1|p' "$logs/server.log")
  [ -n "$url" ] && break
  running "$server" || fail "dynadesk-server exited before it was ready"
  sleep 0.1
done
[ -n "$url" ] || fail "dynadesk-server did not say it was listening within 20 s"
cat "$logs/server.log"
grep -q "(data: /root/.local/share/dynadesk)" "$logs/server.log" || fail "the default data folder is not ~/.local/share/dynadesk"
python3 "$here/session.py" write "$url" || fail "the session against the installed server failed"
kill -TERM "$server"
status=0
ends_within 20 "$server" || fail "dynadesk-server did not stop within 20 s of SIGTERM"
wait "$server" || status=$?
[ "$status" -eq 0 ] || fail "dynadesk-server exited with status $status after SIGTERM"
echo "dynadesk-server stopped cleanly on SIGTERM"

step "The installed workbench, offscreen"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${in_root[@]}" env QT_QPA_PLATFORM=offscreen dynadesk --port "$port" > "$logs/gui.log" 2>&1 &
gui=$!
pids+=("$gui")
python3 "$here/session.py" read "http://127.0.0.1:$port" || fail "the workbench's endpoint did not serve the item"
sleep 3
running "$gui" || fail "the workbench exited by itself"
kill -TERM "$gui"
status=0
ends_within 20 "$gui" || fail "the workbench did not close within 20 s of SIGTERM"
wait "$gui" || status=$?
[ "$status" -eq 0 ] || fail "the workbench exited with status $status after SIGTERM"
[ -f "$root/root/.config/Dynadesk/Dynadesk.conf" ] || fail "the workbench did not save its settings as it closed"
echo "the workbench stayed up, served the engine and closed cleanly on SIGTERM"
step "Done"
