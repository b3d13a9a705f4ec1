#!/usr/bin/env bash
# CallVault against the reference tools, side by side in one run; writes docs/performance.md.
# Sized for 2 cores: about 20 minutes. Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database "test");
# installs wrk and nginx from Debian's packages when missing. Never gate CI on it: timings are noisy.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
WORK=${BENCH_DIR:-/tmp/callvault-bench}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10s}
FILES=${BENCH_FILES:-1000}
CALLS=${BENCH_CALLS:-1000000}
# 60 s: on 2 cores one C2 compiler thread still compiles CallVault's hot paths after 20 s (docs/performance.md)
WARMUP=${BENCH_WARMUP:-60s}
PG="psql -h 127.0.0.1 -U postgres -d test -qAt"
CV_PORT=18080
NGINX_PORT=18088
BARE_PORT=18089
SMALL_PORT=18081
H2_PORT=18082
H2_FILES=${BENCH_H2_FILES:-200}
ADMIN=bench-admin-token
RESULTS=$WORK/results.jsonl
JAR=$ROOT/target/callvault.jar

# the tenant "bench" and a read/ingest client of it on the server at port $1; prints the client's JSON
bench_client() {
  curl -sf -X POST localhost:$1/v1/admin/tenants -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"id":"bench","name":"bench"}' >/dev/null
  curl -sf -X POST localhost:$1/v1/admin/clients -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' -d '{"name":"bench","tenants":["bench"],"scopes":["read","ingest"]}'
}
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
result() { echo "$1" >> "$RESULTS"; }
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.conf" ] && nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
}
trap cleanup EXIT
wait_healthy() {
  for _ in $(seq 1 600); do
    curl -sf "localhost:$1/actuator/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "server on port $1 did not become healthy" >&2
  return 1
}
wait_listening() {
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "localhost:$1/" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "server on port $1 did not start" >&2
  return 1
}
json_line() { grep '^{' | tail -1; }
# a round of uploads writes up to ~10 GB: drop its rows and files before the next one
forget_uploads() {
  $PG -c "delete from bench.recordings where call_id like 'ing-%' returning storage_key" | (cd "$WORK/cv/audio" && xargs -r rm -f)
  $PG -c "delete from bench.calls where id like 'ing-%'" >/dev/null
}

# Tomcat alone's catalog rows (bench/BareTomcat.java, PUT /v1/tenants/row/…) and its files
forget_bare_rows() {
  $PG -c "delete from bench.recordings where call_id like 'tr-%'" -c "delete from bench.calls where id like 'tr-%'" >/dev/null
  find "$WORK/bare-up" -mindepth 1 -delete
}

mkdir -p "$WORK"
: > "$RESULTS"

log "tools"
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
command -v pgbench >/dev/null || missing+=(postgresql-contrib)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL must run on 127.0.0.1:5432" >&2; exit 1; }

log "build"
(cd "$ROOT" && mvn -q -DskipTests package)
# Tomcat alone (bench/BareTomcat.java) runs on the very Tomcat the jar carries
rm -rf "$WORK/bare-lib"
python3 - "$JAR" "$WORK/bare-lib" <<'PY'
import os, sys, zipfile
jar, dest = sys.argv[1], sys.argv[2]
os.makedirs(dest)
with zipfile.ZipFile(jar) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if name.startswith("BOOT-INF/lib/") and base.startswith(("tomcat-embed-core-", "jakarta.annotation-api-",
                                                                 "postgresql-")):
            with open(os.path.join(dest, base), "wb") as out:
                out.write(z.read(name))
PY

log "start-up: java -jar to health UP, embedded default, $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
  rm -rf "$WORK/startup"
  t0=$(date +%s%N)
  CALLVAULT_DATA_DIR=$WORK/startup SERVER_PORT=$SMALL_PORT java -jar "$JAR" > "$WORK/startup.log" 2>&1 &
  pid=$!
  wait_healthy $SMALL_PORT
  t1=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  result "{\"scenario\":\"startup\",\"system\":\"callvault\",\"round\":$r,\"ms\":$(( (t1 - t0) / 1000000 ))}"
done

log "data: $FILES one-minute 8 kHz 16-bit WAV files"
python3 "$BENCH/gen_wavs.py" "$FILES" "$WORK/wavs"

log "CallVault on PostgreSQL (schema bench), filesystem store"
$PG -c "drop schema if exists bench cascade" >/dev/null
rm -rf "$WORK/cv"
CALLVAULT_DATA_DIR=$WORK/cv SERVER_PORT=$CV_PORT CALLVAULT_ADMIN_TOKEN=$ADMIN \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench" \
  SPRING_DATASOURCE_USERNAME=postgres SPRING_FLYWAY_SCHEMAS=bench \
  java -Xms1g -Xmx1g -jar "$JAR" > "$WORK/cv.log" 2>&1 &
pids+=($!)
wait_healthy $CV_PORT
CLIENT=$(bench_client $CV_PORT)
KEY=$(echo "$CLIENT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
CLIENT_ID=$(echo "$CLIENT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientId"])')
KEY_HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)

log "upload the $FILES files through CallVault"
ls "$WORK/wavs" | xargs -P 8 -I{} sh -c "curl -sf -o /dev/null -X PUT --data-binary @$WORK/wavs/{} \
  -H 'Authorization: Bearer $KEY' localhost:$CV_PORT/v1/tenants/bench/calls/\$(basename {} .wav)/recordings/1"
$PG -c "select id || ' ' || storage_key from bench.recordings where tenant_id = 'bench'" > "$WORK/recordings.txt"
awk '{print "/api/operation/tenant/recording/" $1 "/stream2"}' "$WORK/recordings.txt" > "$WORK/cv-paths.txt"
awk '{print "/audio/" $2}' "$WORK/recordings.txt" > "$WORK/nginx-paths.txt"
SIZE=$(stat -c %s "$WORK/wavs/rec-0000.wav")

log "catalog: $CALLS calls and $((CALLS * 2)) recordings"
$PG <<SQL >/dev/null
insert into bench.calls (tenant_id, id, direction, ani, dnis, agent_id, connect_time, disconnect_time, sort_time, created_at, updated_at)
select 'bench', 'lk-' || g, 'Inbound', '03' || lpad(g::text, 8, '0'), '0120', 'agent-' || (g % 500),
  timestamptz '2025-01-01' + g * interval '20 seconds', timestamptz '2025-01-01' + g * interval '20 seconds' + interval '3 minutes',
  timestamptz '2025-01-01' + g * interval '20 seconds', now(), now()
from generate_series(0, $CALLS - 1) g;
-- statistics before the recordings: without them (autovacuum is off on these machines) the check of each row's
-- foreign key can scan the tenant's calls through another index (seen: 12 minutes for 600,000 rows, not 10 s)
analyze bench.calls;
insert into bench.recordings (id, tenant_id, call_id, record_id, state, store, storage_key, file_size, sha256, format,
  encoding, channels, sample_rate, bits_per_sample, duration_ms, data_offset, data_length, created_at, device_id)
select c.id || '-' || n, 'bench', c.id, n, 'Success', 'filesystem', 'ab/cd/' || c.id || '-' || n || '.wav', 960044,
  '$(printf 'ab%.0s' $(seq 32))', 'wav', 'pcm', 1, 8000, 16, 60000, 44, 960000, now(), '8001@bench'
from bench.calls c cross join generate_series(1, 2) n where c.id like 'lk-%';
SQL
# set hint bits and the visibility map now, not during the first measured rounds; then a clean checkpoint
$PG -c "vacuum (analyze) bench.calls" -c "vacuum (analyze) bench.recordings" -c "checkpoint" >/dev/null

# tcp_nopush off: with it on, nginx stalls ~40 ms on every 64 KiB range (measured: 1,600 against 51,000 ranges/s)
# while full GETs are the same either way (3.0 GB/s); the reference is nginx at its best
# the embedded default (H2, the access log in it) serves full GETs too: issue 15 measured it lower than PostgreSQL
log "CallVault on the embedded default (H2), $H2_FILES of the files"
rm -rf "$WORK/h2"
CALLVAULT_DATA_DIR=$WORK/h2 SERVER_PORT=$H2_PORT CALLVAULT_ADMIN_TOKEN=$ADMIN \
  java -Xms1g -Xmx1g -jar "$JAR" > "$WORK/h2.log" 2>&1 &
pids+=($!)
wait_healthy $H2_PORT
H2_KEY=$(bench_client $H2_PORT | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
ls "$WORK/wavs" > "$WORK/h2-files.txt"  # (head on a pipe would end ls with SIGPIPE, which pipefail counts)
head -n "$H2_FILES" "$WORK/h2-files.txt" | xargs -P 8 -I{} sh -c "curl -sf -X PUT --data-binary @$WORK/wavs/{} \
  -H 'Authorization: Bearer $H2_KEY' localhost:$H2_PORT/v1/tenants/bench/calls/\$(basename {} .wav)/recordings/1" \
  | python3 -c 'import json,sys
for line in sys.stdin.read().replace("}{", "}\n{").splitlines():
    print("/api/operation/tenant/recording/" + json.loads(line)["id"] + "/stream2")' > "$WORK/h2-paths.txt"

log "nginx serving the same files (sendfile on, tcp_nopush off, 2 workers, access log on)"
# CallVault keeps its data folder owner-only (0700/0600): the workers read it as the same user (root, as the bench runs)
cat > "$WORK/nginx.conf" <<NGINX
user root;
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  sendfile on;
  tcp_nopush off;
  keepalive_requests 100000;
  access_log $WORK/nginx-access.log combined buffer=64k;
  types { audio/wav wav; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/cv;
    location /audio/ { }
  }
}
NGINX
nginx -c "$WORK/nginx.conf"

log "Tomcat alone (bench/BareTomcat.java: CallVault's Tomcat and connector settings, no application code), the same files"
rm -rf "$WORK/bare-up"
# its fifth upload system commits CallVault's two catalog rows per upload in CallVault's own schema
java -Xms1g -Xmx1g -cp "$WORK/bare-lib/*" "$BENCH/BareTomcat.java" $BARE_PORT "$WORK/cv/audio" "$WORK/bare-up" \
  "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench&user=postgres" > "$WORK/bare.log" 2>&1 &
pids+=($!)
wait_listening $BARE_PORT

WRK="wrk -t2 -d$DURATION"
log "warm-up: uploads, then each read scenario, for $WARMUP each, not measured (the JIT compiles the hot paths)"
python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $CV_PORT bench "Bearer $KEY" 8 "${WARMUP%s}" >/dev/null
forget_uploads
# Tomcat alone gets the same warm-up: measured on a slower machine, 12,500 ranges/s after 10 s and 18,500 after 150 s
python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT bench none 8 "${WARMUP%s}" >/dev/null
find "$WORK/bare-up" -mindepth 1 -delete
python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT sha256 none 8 "${WARMUP%s}" >/dev/null
find "$WORK/bare-up" -mindepth 1 -delete
python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT row none 8 "${WARMUP%s}" >/dev/null
forget_bare_rows
wrk -t2 -d"$WARMUP" -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$BARE_PORT" -- "$WORK/nginx-paths.txt" "$SIZE" >/dev/null
wrk -t2 -d"$WARMUP" -c64 -s "$BENCH/lua/get.lua" "http://127.0.0.1:$CV_PORT" -- "$WORK/cv-paths.txt" "$KEY" >/dev/null
wrk -t2 -d"$WARMUP" -c64 -s "$BENCH/lua/get.lua" "http://127.0.0.1:$H2_PORT" -- "$WORK/h2-paths.txt" "$H2_KEY" >/dev/null
wrk -t2 -d"$WARMUP" -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$H2_PORT" -- "$WORK/h2-paths.txt" "$SIZE" "$H2_KEY" >/dev/null
wrk -t2 -d"$WARMUP" -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$CV_PORT" -- "$WORK/cv-paths.txt" "$SIZE" "$KEY" >/dev/null
wrk -t2 -d"$WARMUP" -c32 -s "$BENCH/lua/lookup.lua" "http://127.0.0.1:$CV_PORT" -- "$CALLS" "$KEY" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS: full GETs, 64 connections"
  out=$($WRK -c64 -s "$BENCH/lua/get.lua" "http://127.0.0.1:$NGINX_PORT" -- "$WORK/nginx-paths.txt" | json_line)
  result "{\"scenario\":\"full\",\"system\":\"nginx\",\"round\":$r,\"wrk\":$out}"
  out=$($WRK -c64 -s "$BENCH/lua/get.lua" "http://127.0.0.1:$CV_PORT" -- "$WORK/cv-paths.txt" "$KEY" | json_line)
  result "{\"scenario\":\"full\",\"system\":\"callvault\",\"round\":$r,\"wrk\":$out}"
  out=$($WRK -c64 -s "$BENCH/lua/get.lua" "http://127.0.0.1:$H2_PORT" -- "$WORK/h2-paths.txt" "$H2_KEY" | json_line)
  result "{\"scenario\":\"full\",\"system\":\"callvault-h2\",\"round\":$r,\"wrk\":$out}"

  log "round $r/$ROUNDS: random 64 KiB ranges, 64 connections"
  out=$($WRK -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$NGINX_PORT" -- "$WORK/nginx-paths.txt" "$SIZE" | json_line)
  result "{\"scenario\":\"range\",\"system\":\"nginx\",\"round\":$r,\"wrk\":$out}"
  out=$($WRK -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$CV_PORT" -- "$WORK/cv-paths.txt" "$SIZE" "$KEY" | json_line)
  result "{\"scenario\":\"range\",\"system\":\"callvault\",\"round\":$r,\"wrk\":$out}"
  out=$($WRK -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$BARE_PORT" -- "$WORK/nginx-paths.txt" "$SIZE" | json_line)
  result "{\"scenario\":\"range\",\"system\":\"tomcat\",\"round\":$r,\"wrk\":$out}"
  out=$($WRK -c64 -s "$BENCH/lua/range.lua" "http://127.0.0.1:$H2_PORT" -- "$WORK/h2-paths.txt" "$SIZE" "$H2_KEY" | json_line)
  result "{\"scenario\":\"range\",\"system\":\"callvault-h2\",\"round\":$r,\"wrk\":$out}"

  log "round $r/$ROUNDS: lookup by call id, 32 connections"
  cat > "$WORK/lookup.sql" <<PGB
\\set n random(0, $CALLS - 1)
select * from bench.clients where api_key_hash = '$KEY_HASH' and revoked_at is null;
select tenant_id from bench.client_tenants where client_id = '$CLIENT_ID' order by tenant_id;
select * from bench.calls where tenant_id = 'bench' and id = 'lk-' || :n;
select * from bench.recordings where tenant_id = 'bench' and call_id = 'lk-' || :n order by record_id;
select * from bench.tenants where id = 'bench';
PGB
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 32 -j 2 -T "${DURATION%s}" -f "$WORK/lookup.sql" test 2>/dev/null \
    | awk '/^tps/ {print $3; exit}')
  lat=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 32 -j 2 -T 2 -f "$WORK/lookup.sql" test 2>/dev/null \
    | awk '/latency average/ {print $4; exit}')
  result "{\"scenario\":\"lookup\",\"system\":\"pgbench\",\"round\":$r,\"tps\":$tps,\"avg_ms\":${lat:-0}}"
  out=$($WRK -c32 -s "$BENCH/lua/lookup.lua" "http://127.0.0.1:$CV_PORT" -- "$CALLS" "$KEY" | json_line)
  result "{\"scenario\":\"lookup\",\"system\":\"callvault\",\"round\":$r,\"wrk\":$out}"

  log "round $r/$ROUNDS: ingest of 1 MB recordings, 8 concurrent"
  # On ext4 without a journal, creating a file right after many deletions is slow (the inode allocator skips every
  # inode freed in the last minute); each system deletes its files after its run, so the order turns each round.
  # Tomcat alone runs twice: storing only, and also hashing the body for the SHA-256 the contract's 201 carries
  # (the one piece of work every conforming server adds), which measures the ceiling of the upload target.
  # A fifth system, Tomcat alone hashing and committing CallVault's two catalog rows per upload, measures what the
  # durability rule adds on top (the row committed before the 201).
  systems=(fsync tomcat callvault tomcat-sha256 tomcat-row)
  for i in 0 1 2 3 4; do
    case ${systems[$(( (i + r - 1) % 5 ))]} in
      fsync)
        rm -rf "$WORK/fsync-ref"
        out=$(python3 "$BENCH/fsync_writer.py" "$WORK/wavs/rec-0000.wav" "$WORK/fsync-ref" 8 "${DURATION%s}")
        result "{\"scenario\":\"ingest\",\"system\":\"fsync\",\"round\":$r,\"ref\":$out}"
        rm -rf "$WORK/fsync-ref" ;;
      tomcat)
        out=$(python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT bench none 8 "${DURATION%s}" | json_line)
        result "{\"scenario\":\"ingest\",\"system\":\"tomcat\",\"round\":$r,\"load\":$out}"
        find "$WORK/bare-up" -mindepth 1 -delete ;;
      tomcat-sha256)
        out=$(python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT sha256 none 8 "${DURATION%s}" | json_line)
        result "{\"scenario\":\"ingest\",\"system\":\"tomcat-sha256\",\"round\":$r,\"load\":$out}"
        find "$WORK/bare-up" -mindepth 1 -delete ;;
      tomcat-row)
        out=$(python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $BARE_PORT row none 8 "${DURATION%s}" | json_line)
        result "{\"scenario\":\"ingest\",\"system\":\"tomcat-row\",\"round\":$r,\"load\":$out}"
        forget_bare_rows ;;
      callvault)
        out=$(python3 "$BENCH/put_load.py" "$WORK/wavs/rec-0000.wav" 127.0.0.1 $CV_PORT bench "Bearer $KEY" 8 "${DURATION%s}" | json_line)
        result "{\"scenario\":\"ingest\",\"system\":\"callvault\",\"round\":$r,\"load\":$out}"
        forget_uploads ;;
    esac
  done
done
nginx -c "$WORK/nginx.conf" -s stop || true
kill "${pids[0]}" "${pids[1]}" "${pids[2]}" 2>/dev/null || true  # CallVault on PostgreSQL and H2, Tomcat alone

log "memory: a 2 GiB recording uploaded and streamed, then 1000 slow readers, heap 128 MiB"
rm -rf "$WORK/small"
# the 1,000 slow readers all come from this machine: the per-address connection cap (256) is off for them
CALLVAULT_DATA_DIR=$WORK/small SERVER_PORT=$SMALL_PORT CALLVAULT_ADMIN_TOKEN=$ADMIN CALLVAULT_MAX_UPLOAD=3GB \
  CALLVAULT_LIMITS_CONNECTIONS_PER_ADDRESS=0 java -Xmx128m -XX:+ExitOnOutOfMemoryError -jar "$JAR" > "$WORK/small.log" 2>&1 &
small=$!
pids+=($small)
wait_healthy $SMALL_PORT
curl -sf -X POST localhost:$SMALL_PORT/v1/admin/tenants -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"id":"mem","name":"mem"}' >/dev/null
SKEY=$(curl -sf -X POST localhost:$SMALL_PORT/v1/admin/clients -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"mem","tenants":["mem"],"scopes":["read","ingest"]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
heap() { curl -sf -H "Authorization: Bearer $ADMIN" "localhost:$SMALL_PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
  | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))' 2>/dev/null || echo 0; }
( while kill -0 $small 2>/dev/null; do heap >> "$WORK/heap.txt"; sleep 0.5; done ) &
pids+=($!)
: > "$WORK/heap.txt"
heap_before=$(heap)
BIG=$((2 * 1024 * 1024 * 1024 + 44))
python3 - "$BIG" <<'PY' | curl -sf -o "$WORK/big.json" -X PUT -T - -H "Authorization: Bearer $SKEY" \
  "localhost:$SMALL_PORT/v1/tenants/mem/calls/big/recordings/1"
import struct, sys
size = int(sys.argv[1]); data = size - 44
out = sys.stdout.buffer
out.write(b"RIFF" + struct.pack("<I", size - 8) + b"WAVE" + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16) + b"data" + struct.pack("<I", data))
chunk = bytes(range(256)) * 4096
while data > 0:
    n = min(data, len(chunk)); out.write(chunk[:n]); data -= n
PY
BIG_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/big.json")
t0=$(date +%s%N)
got=$(curl -sf -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $SKEY" \
  "localhost:$SMALL_PORT/v1/tenants/mem/recordings/$BIG_ID/audio")
t1=$(date +%s%N)
echo "/v1/tenants/mem/recordings/$BIG_ID/audio" > "$WORK/small-paths.txt"
readers=$(python3 "$BENCH/slow_readers.py" 127.0.0.1 $SMALL_PORT "$WORK/small-paths.txt" "Bearer $SKEY" 1000 15)
alive=$(kill -0 $small 2>/dev/null && echo true || echo false)
heap_after=$(heap)
heap_max=$(sort -n "$WORK/heap.txt" | tail -1)
oom=$(grep -c "OutOfMemoryError" "$WORK/small.log" || true)
result "{\"scenario\":\"memory\",\"system\":\"callvault\",\"round\":1,\"uploaded\":$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["fileSize"])' "$WORK/big.json"),\"downloaded\":$got,\"download_ms\":$(( (t1 - t0) / 1000000 )),\"readers\":$readers,\"alive\":$alive,\"oom\":$oom,\"heap_before\":$heap_before,\"heap_after\":$heap_after,\"heap_max\":$heap_max}"
kill $small 2>/dev/null || true

log "report"
python3 "$BENCH/report.py" "$RESULTS" "$ROOT/docs/performance.md"
log "written: docs/performance.md"
