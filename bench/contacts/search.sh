#!/usr/bin/env bash
# Contacts search benchmark: 1,000,000 contacts loaded by SQL (generate_series) into the packaged jar's embedded
# PostgreSQL, then GET /api/contacts from CLIENTS concurrent clients over mixed searches and filters (names,
# digits, whole numbers, categories, opted-out) → p50/p95/p99 per kind. Loopback only.
#   bench/contacts/search.sh                 wrk, closed loop (CLIENTS=50 DURATION=60 WARMUP=20 to change)
#   TOOL=java THINK_MS=1000 bench/contacts/search.sh   Java client: per-kind percentiles, optional think time
# The data directory is kept between runs (DATA=/tmp/relais-bench-contacts): the 1M rows load once (≈3 min).
set -euo pipefail
. "$(dirname "$0")/app.sh"

mkdir -p "$DATA"
# The per-user API rate limit (1,200/min) would answer 429 to a load test: raised for the benchmark only.
RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT \
  SECRET_KEY=bench-secret-key-bench-secret-key-0123456789 RATE_LIMIT_USER_PER_MINUTE=100000000 \
  java -Xmx1g ${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25} -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
wait_api 120
load_contacts
if [ "${TOOL:-wrk}" = java ]; then
  # Per-kind percentiles and think time; heavier on the client side (50 Java threads on the same 2 cores).
  java -Xmx512m bench/contacts/SearchBench.java "http://localhost:$PORT" superadmin@chatbot.local 'SuperAdmin2024!' \
    "${CLIENTS:-50}" "${DURATION:-60}" "${THINK_MS:-0}" "${WARMUP:-20}"
else
  command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk (or TOOL=java)"; exit 1; }
  export BENCH_TOKEN=$(curl -s -X POST "http://localhost:$PORT/api/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"superadmin@chatbot.local","password":"SuperAdmin2024!"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  Q="SELECT string_agg(id::text, ',') FROM categories WHERE name"
  export BENCH_CATEGORIES=$("$PSQL" -h localhost -p "$PG_PORT" -U postgres -d relais -tAc "$Q ~ '^Bench [0-9]+$'")
  export BENCH_SMALL=$("$PSQL" -h localhost -p "$PG_PORT" -U postgres -d relais -tAc "$Q IN ('Bench VIP', 'Bench Old')")
  wrk -t2 -c"${CLIENTS:-50}" -d"${WARMUP:-20}s" --timeout 30s -s bench/contacts/search.lua "http://localhost:$PORT" > /dev/null
  echo "wrk -t2 -c${CLIENTS:-50} -d${DURATION:-60}s (closed loop, no think time), after a ${WARMUP:-20} s warm-up"
  wrk -t2 -c"${CLIENTS:-50}" -d"${DURATION:-60}s" --timeout 30s --latency -s bench/contacts/search.lua "http://localhost:$PORT"
fi
echo "after: $(uptime)"
