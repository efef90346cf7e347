#!/usr/bin/env bash
# HTTP load benchmark: Dynadesk's dynadesk-server against dynalite, one after the
# other on this machine, under the same wrk load. See bench/README.md.
#
#   bench/http/run.sh [--duration 20s] [--build DIR] [--out DIR] [--servers "dynadesk dynalite"]
#                     [--workloads "get query put batch update"] [--items N] [--parts N] [--counters N]
#                     [--connections N] [--threads N] [--server-cpus LIST] [--wrk-cpus LIST] [--keep-data]
#                     [--profile perf|strace|gdb] [--dynadesk-no-sync]
#
# Installs what it lacks: wrk and python3-boto3 with apt-get, dynalite (pinned in
# package.json / package-lock.json) with npm into bench/http/node_modules.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3   # Debian's, for python3-boto3; the PATH python3 may be another one

DURATION=20s
BUILD="$ROOT/build-bench"
OUT=""
SERVERS="dynadesk dynalite"
WORKLOADS="get query put batch update"
ITEMS=100000
PARTS=1000
COUNTERS=1000
CONNECTIONS=32
THREADS=2
SERVER_CPUS=""
WRK_CPUS=""
KEEP_DATA=0
PROFILE=""
DYNADESK_SYNC=1   # --dynadesk-no-sync runs dynadesk-server --no-sync (as dynalite: no fsync)

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --servers) SERVERS=$2; shift 2 ;;
    --workloads) WORKLOADS=${2//,/ }; shift 2 ;;
    --items) ITEMS=$2; shift 2 ;;
    --parts) PARTS=$2; shift 2 ;;
    --counters) COUNTERS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --server-cpus) SERVER_CPUS=$2; shift 2 ;;
    --wrk-cpus) WRK_CPUS=$2; shift 2 ;;
    --keep-data) KEEP_DATA=1; shift ;;
    --profile) PROFILE=$2; shift 2 ;;
    --dynadesk-no-sync) DYNADESK_SYNC=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
BUILD=$(cd "$BUILD" 2>/dev/null && pwd || echo "$BUILD")
[[ -n "$OUT" ]] || OUT="$HERE/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }

# ------------------------------------------------------------------ installs
apt_updated=0
apt_install() {
  if [[ $apt_updated == 0 ]]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}
command -v wrk >/dev/null || { log "installing wrk"; apt_install wrk; }
"$PY" -c 'import boto3' 2>/dev/null || { log "installing python3-boto3"; apt_install python3-boto3; }
if [[ " $SERVERS " == *" dynalite "* ]]; then
  command -v node >/dev/null && command -v npm >/dev/null || { log "installing nodejs and npm"; apt_install nodejs npm; }
  # dynalite 4 stores tables with LevelDB through classic-level, a native module.
  # Its npm tarball ships a prebuilt linux-x64 binary, which is what loads here.
  # Nothing may be downloaded from outside the registry, so npm must never fetch
  # node headers: npm_config_nodedir=/usr points node-gyp at the local ones
  # (/usr/include/node) for any build from source.
  export npm_config_nodedir=/usr npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  want=$(sed -n 's/.*"dynalite": *"\([^"]*\)".*/\1/p' "$HERE/package.json")
  have=$(node -p "require('$HERE/node_modules/dynalite/package.json').version" 2>/dev/null || true)
  if [[ "$have" != "$want" ]]; then
    log "installing dynalite $want into $HERE/node_modules (npm ci)"
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >>"$OUT/run.log" 2>&1
  fi
  # Does LevelDB's native binding load and open a store? If not (another CPU,
  # another libc), or if DYNALITE_BUILD_FROM_SOURCE=1, build it from its
  # bundled source with npm's own node-gyp and the local headers.
  level_ok() {
    (cd "$HERE" && node -e "
      const {ClassicLevel} = require('classic-level');
      const dir = require('fs').mkdtempSync(require('os').tmpdir() + '/level-check-');
      const db = new ClassicLevel(dir);
      db.open().then(() => db.close()).then(() => require('fs').rmSync(dir, {recursive: true}))
        .catch(e => { console.error(e); process.exit(1); });") >>"$OUT/run.log" 2>&1
  }
  if [[ "${DYNALITE_BUILD_FROM_SOURCE:-0}" == 1 || ! -f "$HERE/node_modules/classic-level/build/Release/classic_level.node" ]] \
     && { [[ "${DYNALITE_BUILD_FROM_SOURCE:-0}" == 1 ]] || ! level_ok; }; then
    [[ -d /usr/include/node ]] || { log "installing libnode-dev (node headers)"; apt_install libnode-dev; }
    gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
    log "building classic-level (LevelDB) from source with $gyp --nodedir=/usr (1-2 min)"
    (cd "$HERE/node_modules/classic-level" && node "$gyp" rebuild --nodedir=/usr -j "$(nproc)") >>"$OUT/run.log" 2>&1
    level_ok || { log "classic-level still does not load; see $OUT/run.log"; exit 1; }
  fi
fi
case "$PROFILE" in
  "") ;;
  perf) command -v perf >/dev/null || { log "installing linux-perf"; apt_install linux-perf; } ;;
  strace) command -v strace >/dev/null || { log "installing strace"; apt_install strace; } ;;
  gdb) command -v gdb >/dev/null || { log "installing gdb"; apt_install gdb; } ;;
  *) echo "run.sh: --profile takes perf, strace or gdb" >&2; exit 2 ;;
esac
if [[ " $SERVERS " == *" dynadesk "* && ! -x "$BUILD/app/dynadesk-server" ]]; then
  echo "run.sh: no $BUILD/app/dynadesk-server; build it (Release) first:" >&2
  echo "  cmake -S $ROOT -B $BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build $BUILD -j2 --target dynadesk-server" >&2
  exit 1
fi
if [[ " $SERVERS " == *" dynadesk "* ]]; then
  bt=$(sed -n 's/^CMAKE_BUILD_TYPE:[^=]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
  [[ "$bt" == Release ]] || log "WARNING: $BUILD is a '${bt:-unknown}' build, not Release: Dynadesk's figures will be low"
fi

# ------------------------------------------------------------------ servers
SERVER_PID=""
DATA_DIRS=()
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $KEEP_DATA == 0 ]]; then
    for d in "${DATA_DIRS[@]}"; do rm -rf "$d"; done
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pin() { # pin CPULIST CMD...: run CMD on those CPUs (or anywhere when CPULIST is empty)
  local cpus=$1; shift
  if [[ -n "$cpus" ]]; then taskset -c "$cpus" "$@"; else "$@"; fi
}
spawn() { # spawn CPULIST LOG CMD...: CMD in the background as $! itself (exec, no wrapper shell)
  local cpus=$1 logf=$2; shift 2
  if [[ -n "$cpus" ]]; then set -- taskset -c "$cpus" "$@"; fi
  exec "$@" >"$logf" 2>&1
}

start_server() { # start_server NAME: sets SERVER_PID, ENDPOINT
  local name=$1 port data logf ready exe
  port=$("$PY" "$HERE/dynamo_data.py" freeport)
  data="$OUT/data-$name"
  rm -rf "$data"; mkdir -p "$data"; DATA_DIRS+=("$data")
  logf="$OUT/$name-server.log"
  case "$name" in
    dynadesk)
      local syncArgs=(); (( DYNADESK_SYNC )) || syncArgs=(--no-sync)
      spawn "$SERVER_CPUS" "$logf" "$BUILD/app/dynadesk-server" --host 127.0.0.1 --port "$port" --data-dir "$data" \
        "${syncArgs[@]}" &
      ready="listening on"; exe=dynadesk-server ;;
    dynalite)
      # node itself, not a wrapper, so $! is the process whose CPU is measured.
      spawn "$SERVER_CPUS" "$logf" node "$HERE/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" \
        --path "$data" --createTableMs 50 &
      ready="listening at"; exe=node ;;
  esac
  SERVER_PID=$!
  ENDPOINT="http://127.0.0.1:$port"
  for _ in $(seq 300); do
    if grep -q "$ready" "$logf" 2>/dev/null; then
      # $! must be the server itself, whose CPU time is measured.
      [[ $(readlink "/proc/$SERVER_PID/exe") == *"/$exe"* ]] || { log "pid $SERVER_PID is not $exe"; exit 1; }
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { log "$name exited at start:"; cat "$logf" >&2; exit 1; }
    sleep 0.1
  done
  log "$name did not start within 30 s"; exit 1
}

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { # utime + stime of every thread of the process, in clock ticks
  local stat; stat=$(<"/proc/$1/stat")
  stat=${stat##*) }          # drop "pid (comm) ", comm may hold spaces
  set -- $stat               # now $1 is field 3 (state): utime is field 14, stime 15
  echo $(( ${12} + ${13} ))
}

# ------------------------------------------------------------------ profiling
# --profile samples dynadesk-server (never dynalite) during each of its runs;
# the figures of a profiled run are not comparable with unprofiled ones.
PROF_PID=""
profile_start() { # profile_start OP
  local op=$1
  case "$PROFILE" in
    perf)   # no hardware counters in a VM: sample the cpu-clock software event; dwarf unwinding
            # works on a build without frame pointers
            perf record -q -e cpu-clock -F 499 --call-graph "${PERF_CALLGRAPH:-dwarf,16384}" -p "$SERVER_PID" \
              -o "$OUT/perf-$op.data" >"$OUT/perf-$op.log" 2>&1 &
            PROF_PID=$! ;;
    strace) strace -f -c -p "$SERVER_PID" -o "$OUT/strace-$op.txt" >/dev/null 2>&1 &
            PROF_PID=$! ;;
    gdb)    # where every thread is, on- or off-CPU, about twice a second
            ( while kill -0 "$SERVER_PID" 2>/dev/null; do
                gdb -p "$SERVER_PID" -batch -nx -ex "set pagination off" -ex "thread apply all bt" 2>/dev/null
                sleep 0.5
              done ) >"$OUT/gdb-$op.txt" &
            PROF_PID=$! ;;
  esac
}
profile_stop() { # profile_stop OP
  local op=$1
  [[ -n "$PROF_PID" ]] || return 0
  case "$PROFILE" in
    perf|strace) kill -INT "$PROF_PID" 2>/dev/null || true; wait "$PROF_PID" 2>/dev/null || true ;;
    gdb) kill -TERM "$PROF_PID" 2>/dev/null || true; wait "$PROF_PID" 2>/dev/null || true ;;
  esac
  PROF_PID=""
  case "$PROFILE" in
    perf)
      perf report -i "$OUT/perf-$op.data" --no-children --sort symbol -g none --percent-limit 0.5 --stdio 2>/dev/null \
        | "$PY" "$HERE/fold_stacks.py" --tidy >"$OUT/perf-$op-flat.txt" || true
      perf report -i "$OUT/perf-$op.data" --children --sort symbol -g none --percent-limit 2 --stdio 2>/dev/null \
        | "$PY" "$HERE/fold_stacks.py" --tidy >"$OUT/perf-$op-inclusive.txt" || true
      perf report -i "$OUT/perf-$op.data" --no-children --sort symbol -g caller,0.5,callee,function,percent \
        --percent-limit 2 --stdio 2>/dev/null \
        | "$PY" "$HERE/fold_stacks.py" --tidy >"$OUT/perf-$op-callers.txt" || true
      log "perf: $OUT/perf-$op-{flat,inclusive,callers}.txt" ;;
    strace) log "strace: $OUT/strace-$op.txt" ;;
    gdb) "$PY" "$HERE/fold_stacks.py" "$OUT/gdb-$op.txt" >"$OUT/gdb-$op-stacks.txt" || true
         log "gdb: $OUT/gdb-$op-stacks.txt" ;;
  esac
}

# ------------------------------------------------------------------ one run
declare -A R   # R[server.op.key] = value
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

run_workload() { # run_workload SERVER OP
  local server=$1 op=$2 wout="$OUT/wrk-$1-$2.txt" before after line k
  log "$server $op: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  [[ -z "$PROFILE" || $server != dynadesk ]] || profile_start "$op"
  before=$(cpu_ticks "$SERVER_PID")
  BENCH_OP=$op BENCH_ITEMS=$ITEMS BENCH_PARTS=$PARTS BENCH_CTRS=$COUNTERS BENCH_TAG="$op" \
    pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
    -s "$HERE/workload.lua" "$ENDPOINT/" >"$wout" 2>&1 || true
  after=$(cpu_ticks "$SERVER_PID")
  [[ -z "$PROFILE" || $server != dynadesk ]] || profile_stop "$op"
  line=$(grep '^RESULT ' "$wout" || true)
  if [[ -z "$line" ]]; then log "wrk printed no RESULT line:"; cat "$wout" >&2; exit 1; fi
  for k in requests duration_us sent ok non200 bad connect_err read_err write_err timeout_err p50_us p99_us; do
    R[$server.$op.$k]=$(field "$k" "$line")
  done
  local ok=${R[$server.$op.ok]} dur=${R[$server.$op.duration_us]} req=${R[$server.$op.requests]}
  R[$server.$op.rps]=$(awk -v n="$ok" -v d="$dur" 'BEGIN { printf "%.0f", n * 1e6 / d }')
  R[$server.$op.cpu]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$req" \
    'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-" }')
  R[$server.$op.errors]=$(( ${R[$server.$op.non200]} + ${R[$server.$op.bad]} + ${R[$server.$op.connect_err]} \
    + ${R[$server.$op.read_err]} + ${R[$server.$op.write_err]} + ${R[$server.$op.timeout_err]} ))
  R[$server.$op.check]="-"
  verify "$server" "$op"
  log "$server $op: ${R[$server.$op.rps]} ok/s, p50 ${R[$server.$op.p50_us]} us, p99 ${R[$server.$op.p99_us]} us," \
      "cpu ${R[$server.$op.cpu]} us/req, errors ${R[$server.$op.errors]}, check ${R[$server.$op.check]}"
}

# Every acknowledged write must be in the table; nothing beyond what was sent
# (a request still in flight when wrk stops may or may not have run).
verify() {
  local server=$1 op=$2 ok=${R[$1.$2.ok]} non200=${R[$1.$2.non200]} sent=${R[$1.$2.sent]} landed lo hi what
  case "$op" in
    put)    landed=$(( $("$PY" "$HERE/dynamo_data.py" count "$ENDPOINT" bench_items) - ITEMS ))
            lo=$ok; hi=$(( sent - non200 )); what="items" ;;
    batch)  landed=$("$PY" "$HERE/dynamo_data.py" count "$ENDPOINT" bench_batch)
            lo=$(( 25 * ok )); hi=$(( 25 * (sent - non200) )); what="items" ;;
    update) landed=$("$PY" "$HERE/dynamo_data.py" sum "$ENDPOINT" bench_counters n)
            lo=$ok; hi=$(( sent - non200 )); what="ADDs" ;;
    get|query) R[$server.$op.check]=$([[ ${R[$server.$op.bad]} == 0 ]] && echo "pass" || echo "FAIL(${R[$server.$op.bad]} bad)")
            return ;;
  esac
  local verdict=pass
  (( landed >= lo && landed <= hi )) || verdict=FAIL
  [[ $op != batch || ${R[$server.$op.bad]} == 0 ]] || verdict=FAIL
  R[$server.$op.check]=$verdict
  R[$server.$op.checkinfo]="$what landed $landed, acknowledged $lo, at most $hi (sent, less refused)"
  [[ $op != batch ]] || R[$server.$op.checkinfo]+="; answers with UnprocessedItems: ${R[$server.$op.bad]}"
  log "$server $op check: $verdict (${R[$server.$op.checkinfo]})"
}

# ------------------------------------------------------------------ main
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dynadesk: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo +dirty), $BUILD"
  [[ " $SERVERS " != *" dynalite "* ]] || echo "dynalite: $(node -p "require('$HERE/node_modules/dynalite/package.json').version"), node $(node --version), LevelDB binding $(cd "$HERE" && node -p "require('node-gyp-build').path('node_modules/classic-level')")"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), -t$THREADS -c$CONNECTIONS -d$DURATION"
  echo "data: $ITEMS items, $PARTS partitions of 10, $COUNTERS counters"
  # What one durable write costs on this disk now: 200 synchronous 4 KiB writes.
  echo "disk: $(dd if=/dev/zero of="$OUT/dsync-probe" bs=4k count=200 oflag=dsync 2>&1 | awk '/copied/ { printf "%.0f us per 4 KiB O_DSYNC write", $(NF-3) * 1e6 / 200 }')"
  rm -f "$OUT/dsync-probe"
  echo "pinning: server ${SERVER_CPUS:-any CPU}, wrk ${WRK_CPUS:-any CPU}"
  (( DYNADESK_SYNC )) || echo "dynadesk-server --no-sync: its writes are not durable either"
  [[ -z "$PROFILE" ]] || echo "PROFILED with $PROFILE: Dynadesk's figures are not comparable"
} >"$OUT/environment.txt"
cat "$OUT/environment.txt" >&2

for server in $SERVERS; do
  start_server "$server"
  log "$server: pid $SERVER_PID at $ENDPOINT, data in $OUT/data-$server; preloading"
  "$PY" "$HERE/dynamo_data.py" prepare "$ENDPOINT" --items "$ITEMS" --parts "$PARTS" --counters "$COUNTERS" \
    2>&1 | tee -a "$OUT/run.log" >&2
  [[ ${PIPESTATUS[0]} == 0 ]] || exit 1
  for op in $WORKLOADS; do
    run_workload "$server" "$op"
    sleep 1
  done
  du -sh "$OUT/data-$server" | tee -a "$OUT/run.log" >&2
  stop_server
done

# ------------------------------------------------------------------ table
declare -A NAME=([get]="GetItem" [query]="Query (10 items)" [put]="PutItem" [batch]="BatchWriteItem (25)" [update]="UpdateItem ADD")
declare -A GOAL=([get]=5 [query]=6 [put]=1 [batch]=4 [update]=4)
cell() { # cell SERVER OP: "req/s | p50 | p99 | cpu"
  local s=$1 o=$2
  if [[ -z "${R[$s.$o.rps]:-}" ]]; then echo "- | - | - | -"; return; fi
  local rps=${R[$s.$o.rps]}
  [[ ${R[$s.$o.errors]} == 0 ]] || rps="$rps (ERRORS: ${R[$s.$o.errors]})"
  awk -v r="$rps" -v a="${R[$s.$o.p50_us]}" -v b="${R[$s.$o.p99_us]}" -v c="${R[$s.$o.cpu]}" \
    'BEGIN { printf "%s | %.2f ms | %.2f ms | %s", r, a / 1000, b / 1000, c }'
}
{
  echo "| workload | Dynadesk req/s | p50 | p99 | CPU µs/req | dynalite req/s | p50 | p99 | CPU µs/req | ratio | goal | met? | write check (Dynadesk / dynalite) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  for op in $WORKLOADS; do
    ratio="-"; met="-"
    if [[ -n "${R[dynadesk.$op.rps]:-}" && -n "${R[dynalite.$op.rps]:-}" ]]; then
      ratio=$(awk -v a="${R[dynadesk.$op.rps]}" -v b="${R[dynalite.$op.rps]}" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }')
      met=$(awk -v a="${R[dynadesk.$op.rps]}" -v b="${R[dynalite.$op.rps]}" -v g="${GOAL[$op]}" \
        'BEGIN { print (b > 0 && a >= g * b) ? "yes" : "NO" }')
      if [[ ${R[dynadesk.$op.errors]} != 0 || ${R[dynadesk.$op.check]} == FAIL* ]]; then met="NO (errors)"; fi
    fi
    echo "| ${NAME[$op]} | $(cell dynadesk "$op") | $(cell dynalite "$op") | $ratio | ${GOAL[$op]}x | $met | ${R[dynadesk.$op.check]:--} / ${R[dynalite.$op.check]:--} |"
  done
  echo
  echo "req/s counts answers with status 200 only; p50/p99 are wrk's latencies; CPU is the server process's"
  echo "user+system time (all threads) during the run divided by the requests wrk completed."
  if (( DYNADESK_SYNC )); then
    echo "Dynadesk's writes are durable (fsync per group commit); dynalite never syncs LevelDB."
  else
    echo "Neither server syncs: dynadesk-server ran with --no-sync; dynalite never syncs LevelDB."
  fi
  for s in $SERVERS; do
    for op in put batch update; do
      [[ -n "${R[$s.$op.checkinfo]:-}" ]] && echo "- $s ${NAME[$op]}: ${R[$s.$op.check]}: ${R[$s.$op.checkinfo]}"
    done
  done
  echo
  sed 's/^/    /' "$OUT/environment.txt"
} >"$OUT/results.md"
echo
cat "$OUT/results.md"
echo
echo "Results: $OUT/results.md (wrk output: $OUT/wrk-*.txt, logs: $OUT/*.log)"
