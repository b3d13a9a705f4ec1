#!/usr/bin/env bash
# Live capture under load: N concurrent CT-e1 sessions (stereo PCMU 8 kHz, 20 ms frames, real time) against
# CallVault on PostgreSQL, and against Tomcat's WebSocket alone (bench/BareLiveTomcat.java) writing each session to
# its own file with the same 200 ms fsync bound. Writes the live table of docs/performance.md.
# About 2 minutes per N per system (LIVE_SECONDS=60, LIVE_SESSIONS="100 500 1000": ~12 minutes).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=${BENCH_DIR:-/tmp/callvault-bench}/live
SECONDS_PER_RUN=${LIVE_SECONDS:-60}
SESSIONS=${LIVE_SESSIONS:-100 500 1000}
PG="psql -h 127.0.0.1 -U postgres -d test -qAt"
PORT=18090
ADMIN=bench-admin-token
JAR=$ROOT/target/callvault.jar
RESULTS=$WORK/results.jsonl

log() { printf '[live-bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
server=""
sampler=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
}
trap cleanup EXIT
wait_up() {
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "localhost:$PORT$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server did not start" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the largest heap in use while the load runs (KB), sampled every 2 s
sample_heap() {
  local max=0
  while kill -0 "$1" 2>/dev/null; do
    used=$(jstat -gc "$1" 2>/dev/null | awk 'NR==2 {printf "%d", $3+$4+$6+$8}') || used=0
    [ -n "$used" ] && [ "$used" -gt "$max" ] && max=$used && echo "$max" > "$2"
    sleep 2
  done
}

mkdir -p "$WORK"
: > "$RESULTS"
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL must run on 127.0.0.1:5432" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package)
rm -rf "$WORK/lib"
python3 - "$JAR" "$WORK/lib" <<'PY'
import os, sys, zipfile
jar, dest = sys.argv[1], sys.argv[2]
os.makedirs(dest)
with zipfile.ZipFile(jar) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if name.startswith("BOOT-INF/lib/") and base.startswith(("tomcat-embed-core-", "tomcat-embed-websocket-",
                                                                  "jakarta.annotation-api-")):
            with open(os.path.join(dest, base), "wb") as out:
                out.write(z.read(name))
PY
TICK=$(getconf CLK_TCK)

run=0
for n in $SESSIONS; do
  for system in callvault tomcat; do
    run=$((run + 1))
    rm -rf "$WORK/data" "$WORK/bare"
    if [ $system = callvault ]; then
      $PG -c "drop schema if exists livebench cascade" >/dev/null
      CALLVAULT_DATA_DIR=$WORK/data SERVER_PORT=$PORT CALLVAULT_ADMIN_TOKEN=$ADMIN \
        SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=livebench" \
        SPRING_DATASOURCE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS=livebench \
        CALLVAULT_LIMITS_CONNECTIONS_PER_ADDRESS=0 \
        java -Xms1g -Xmx1g -jar "$JAR" > "$WORK/server-$run.log" 2>&1 &
      server=$!
      wait_up /actuator/health
      curl -sf -X POST localhost:$PORT/v1/admin/tenants -H "Authorization: Bearer $ADMIN" \
        -H 'Content-Type: application/json' -d '{"id":"bench","name":"bench"}' >/dev/null
      KEY=$(curl -sf -X POST localhost:$PORT/v1/admin/clients -H "Authorization: Bearer $ADMIN" \
        -H 'Content-Type: application/json' -d '{"name":"bench","tenants":["bench"],"scopes":["ingest"]}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
    else
      java -Xms1g -Xmx1g -cp "$WORK/lib/*" "$BENCH/BareLiveTomcat.java" $PORT "$WORK/bare" > "$WORK/server-$run.log" 2>&1 &
      server=$!
      wait_up /stats
      KEY=none
    fi
    log "$system, $n sessions, ${SECONDS_PER_RUN}s each"
    rm -f "$WORK/heap"
    sample_heap $server "$WORK/heap" &
    sampler=$!
    cpu0=$(cpu_ticks $server)
    ramp=$(( n / 50 + 1 ))
    load=$(java "$BENCH/LiveLoad.java" 127.0.0.1 $PORT "$KEY" $n "$SECONDS_PER_RUN" $ramp $run 2> "$WORK/load-$run.err")
    # every session finished (hashed, stored, committed) before the CPU is read
    if [ $system = callvault ]; then
      for _ in $(seq 1 120); do
        live=$($PG -c "select count(*) from livebench.recordings where state = 'Recording'")
        [ "$live" = 0 ] && break
        sleep 0.5
      done
      stored=$($PG -c "select coalesce(sum(file_size - 58), 0) from livebench.recordings")
      lag50=$(curl -s localhost:$PORT/actuator/prometheus -H "Authorization: Bearer $ADMIN" \
        | awk -F' ' '/^callvault_live_sync_lag_seconds\{.*quantile="0.5"/ {printf "%.1f", $2 * 1000}')
      lag99=$(curl -s localhost:$PORT/actuator/prometheus -H "Authorization: Bearer $ADMIN" \
        | awk -F' ' '/^callvault_live_sync_lag_seconds\{.*quantile="0.99"/ {printf "%.1f", $2 * 1000}')
    else
      sleep 2
      stats=$(curl -s localhost:$PORT/stats)
      stored=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes"])')
      lag50=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50"])')
      lag99=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99"])')
    fi
    cpu1=$(cpu_ticks $server)
    heap=$(cat "$WORK/heap" 2>/dev/null || echo 0)
    kill $server; wait $server 2>/dev/null || true
    server=""
    kill $sampler 2>/dev/null || true; sampler=""
    echo "$load" | python3 -c "
import json, sys
load = json.loads(sys.stdin.read())
cpu_ms = ($cpu1 - $cpu0) * 1000.0 / $TICK
print(json.dumps({'system': '$system', 'sessions': $n, 'seconds': $SECONDS_PER_RUN, 'load': load,
                  'stored': int('$stored'), 'cpu_ms': cpu_ms,
                  'cpu_ms_per_session_second': cpu_ms / max(1, load['sessions'] * $SECONDS_PER_RUN),
                  'heap_mb': int('$heap') / 1024.0, 'lag_p50_ms': float('${lag50:-0}' or 0),
                  'lag_p99_ms': float('${lag99:-0}' or 0)}))" >> "$RESULTS"
    tail -1 "$RESULTS"
  done
done
python3 "$BENCH/live_report.py" "$RESULTS" "$ROOT/docs/performance.md"
log "done: docs/performance.md (live table), raw results in $RESULTS"
