#!/usr/bin/env bash
# Statistics benchmark: 5,100,000 messages in the packaged jar's embedded PostgreSQL, p99 of the
# dashboard endpoints with the per-instance cache OFF (every request computes its answer), then ON,
# then SSE fan-out and the trigger's write cost. Loopback only; bounded in time.
#   bench/stats/run.sh
# Settings (environment):
#   REQUESTS=300            requests per endpoint (after 20 warm-up requests)
#   CACHE=both|off|on       which HTTP passes to run (default both: off first, then on)
#   WRITES=1000             then one more pass, cache off, while WRITES status updates/s (delivered -> read,
#                           through the statistics trigger) run in the background (0: skip that pass)
#   HTTP=0 SSE=0 TRIGGER=0  skip a part (CLIENTS=100 RATE=1000 DURATION=10 for SSE)
#   KEEP_DATA=1             keep the data directory (default: deleted at the end, even on failure);
#                           with RELAIS_DATA_DIR=<dir> KEEP_DATA=1 a second run reuses the loaded data
#   RELAIS_DATA_DIR         data directory (default: a new mktemp -d under /tmp)
# Ports are chosen free at start (PG_PORT, REDIS_PORT, PORT override them).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
DATA=${RELAIS_DATA_DIR:-$(mktemp -d /tmp/relais-bench-stats.XXXXXX)}
PG_PORT=${PG_PORT:-$(free_port)}
REDIS_PORT=${REDIS_PORT:-$(free_port)}
PORT=${PORT:-$(free_port)}
SECRET=bench-secret-key-bench-secret-key-0123456789
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)
mkdir -p "$DATA"
APP=

stop_app() {
  if [ -n "$APP" ]; then
    kill "$APP" 2>/dev/null || true
    # The JVM stops its embedded PostgreSQL and Redis on shutdown; give it time to.
    for _ in $(seq 1 30); do kill -0 "$APP" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP" 2>/dev/null || true
    wait "$APP" 2>/dev/null || true
    APP=
  fi
  # Leftovers of a killed JVM (matched by this run's data directory only).
  local pids
  pids=$(pgrep -f -- "-D $DATA" || true; pgrep -f -- "redis-server.*:$REDIS_PORT" || true)
  [ -z "$pids" ] || kill $pids 2>/dev/null || true
}
cleanup() {
  [ -z "${WRITER:-}" ] || kill "$WRITER" 2>/dev/null || true
  stop_app
  if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data kept in $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# start_app CACHE_TTL: the packaged jar with the stats cache TTL given (0s = off).
start_app() {
  # The API rate limit (1,200 requests/min per user) would answer 429 to a sequential benchmark client.
  RELAIS_STATS_CACHE_TTL=$1 RATE_LIMIT_USER_PER_MINUTE=${RATE_LIMIT_USER_PER_MINUTE:-10000000} RELAIS_DATA_DIR=$DATA \
    EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT SECRET_KEY=$SECRET \
    java -Xmx1g -jar "$JAR" >> "$DATA/app.log" 2>&1 &
  APP=$!
  wait_ready "http://localhost:$PORT" "$DATA/app.log" 120
}

export PGPASSWORD=postgres
psql_() { $PSQL -h localhost -p "$PG_PORT" -U postgres -d relais "$@"; }

start_app 0s
if [ "$(psql_ -tAc "SELECT count(*) >= 5000000 FROM messages")" != "t" ]; then
  time psql_ -v ON_ERROR_STOP=1 -f bench/stats/generate.sql
fi
CAMPAIGN=$(psql_ -tAc "SELECT id FROM campaigns WHERE name = 'Bench 1'")
psql_ -tAc "SELECT 'messages: ' || count(*) FROM messages"
echo "load: $(uptime)"

if [ "${HTTP:-1}" != 0 ]; then
  if [ "${CACHE:-both}" != on ]; then
    echo "== cache OFF (relais.stats.cache-ttl=0s): every request computes its answer"
    java bench/stats/Bench.java http "http://localhost:$PORT" "$SECRET" "$CAMPAIGN" "${REQUESTS:-300}"
    echo "load: $(uptime)"
  fi
  if [ "${CACHE:-both}" != on ] && [ "${WRITES:-1000}" != 0 ]; then
    echo "== cache OFF, with ${WRITES:-1000} status updates/s in the background (deltas folded every 2 s)"
    updates_before=$(psql_ -tAc "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'messages'")
    psql_ -q -v rate="${WRITES:-1000}" -v seconds=120 -f bench/stats/live-writes.sql > "$DATA/writes.log" 2>&1 &
    WRITER=$!
    sleep 5
    java bench/stats/Bench.java http "http://localhost:$PORT" "$SECRET" "$CAMPAIGN" "${REQUESTS:-300}"
    psql_ -tAc "SELECT 'unfolded deltas now: ' || count(*) || ', stats_deltas size: ' || pg_size_pretty(pg_total_relation_size('stats_deltas')) FROM stats_deltas"
    psql_ -tAc "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'relais-bench-writes'" > /dev/null
    wait "$WRITER" 2>/dev/null || true
    sleep 1
    echo "status updates committed during the pass: $(( $(psql_ -tAc "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'messages'") - updates_before ))"
    echo "load: $(uptime)"
  fi
  if [ "${CACHE:-both}" != off ]; then
    stop_app
    start_app 1s
    echo "== cache ON (relais.stats.cache-ttl=1s)"
    java bench/stats/Bench.java http "http://localhost:$PORT" "$SECRET" "$CAMPAIGN" "${REQUESTS:-300}"
    echo "load: $(uptime)"
  fi
fi
[ "${SSE:-1}" = 0 ] || java bench/stats/Bench.java sse "http://localhost:$PORT" "$SECRET" "localhost:$REDIS_PORT" "${CLIENTS:-100}" "${RATE:-1000}" "${DURATION:-10}"
[ "${TRIGGER:-1}" = 0 ] || psql_ -f bench/stats/trigger-cost.sql
