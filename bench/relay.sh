#!/usr/bin/env bash
# Listening live through another node: a replay from the start of a long call (?from=start), heard on the node that
# captures it (read from its own file) and on another node (each piece asked of the capturing node through Redis).
# Two CallVault nodes on PostgreSQL and Redis, one CT-e1 call of RELAY_MINUTES (stereo PCMU) sent to the first.
# Prints one JSON line (seconds to hear the whole call, per round). About a minute.
# Needs PostgreSQL on 127.0.0.1:5432 (database test) and Redis on 127.0.0.1:6379.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=${BENCH_DIR:-/tmp/callvault-bench}/relay
MINUTES=${RELAY_MINUTES:-30}
ROUNDS=${RELAY_ROUNDS:-3}
PG="psql -h 127.0.0.1 -U postgres -d test -qAt"
PORT_A=18093
PORT_B=18094
ADMIN=bench-admin-token
JAR=$ROOT/target/callvault.jar

log() { printf '[relay-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
nodes=()
cleanup() { for p in "${nodes[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_up() {
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "localhost:$1/actuator/health" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "node on port $1 did not start" >&2; return 1
}

pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL must run on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -p 6379 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package)
rm -rf "$WORK"; mkdir -p "$WORK"
$PG -c "drop schema if exists relaybench cascade" >/dev/null
for node in a b; do
  port=$PORT_A; [ $node = b ] && port=$PORT_B
  CALLVAULT_DATA_DIR=$WORK/$node SERVER_PORT=$port CALLVAULT_ADMIN_TOKEN=$ADMIN \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=relaybench" \
    SPRING_DATASOURCE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS=relaybench \
    CALLVAULT_REDIS_URL=redis://127.0.0.1:6379 \
    java -Xms1g -Xmx1g -jar "$JAR" > "$WORK/node-$node.log" 2>&1 &
  nodes+=($!)
  wait_up $port # one at a time: the first makes the schema
done
curl -sf -X POST localhost:$PORT_A/v1/admin/tenants -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"id":"bench","name":"bench"}' >/dev/null
KEY=$(curl -sf -X POST localhost:$PORT_A/v1/admin/clients -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","tenants":["bench"],"scopes":["ingest","read"]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
log "a call of $MINUTES minutes into node a, then listeners from the start on a and on b, $ROUNDS rounds each"
java "$BENCH/RelayReplay.java" $PORT_A $PORT_B "$KEY" bench "$MINUTES" "$ROUNDS"
