#!/usr/bin/env bash
# Contacts search benchmark: 1,000,000 contacts loaded by SQL (generate_series) into the packaged jar's embedded
# PostgreSQL, then GET /api/contacts from CLIENTS concurrent clients over mixed searches and filters (names,
# digits, whole numbers, categories, opted-out) → p50/p95/p99 per kind. Loopback only.
#   bench/contacts/search.sh                 (CLIENTS=50 DURATION=60 THINK_MS=0 WARMUP=20 to change)
# The data directory is kept between runs (DATA=/tmp/relais-bench-contacts): the 1M rows load once (≈3 min).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/tmp/relais-bench-contacts}
PG_PORT=${PG_PORT:-15539}
REDIS_PORT=${REDIS_PORT:-16479}
PORT=${PORT:-18190}
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

mkdir -p "$DATA"
# The per-user API rate limit (1,200/min) would answer 429 to a load test: raised for the benchmark only.
RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT \
  SECRET_KEY=bench-secret-key-bench-secret-key-0123456789 RATE_LIMIT_USER_PER_MINUTE=100000000 \
  java -Xmx1g -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/api/health" > /dev/null && break; sleep 1; done
curl -sf "http://localhost:$PORT/api/health" > /dev/null || { tail -50 "$DATA/app.log"; exit 1; }

export PGPASSWORD=postgres
time "$PSQL" -h localhost -p "$PG_PORT" -U postgres -d relais -v ON_ERROR_STOP=1 -f bench/contacts/generate.sql
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)"
java -Xmx512m bench/contacts/SearchBench.java "http://localhost:$PORT" superadmin@chatbot.local 'SuperAdmin2024!' \
  "${CLIENTS:-50}" "${DURATION:-60}" "${THINK_MS:-0}" "${WARMUP:-20}"
echo "after: $(uptime)"
