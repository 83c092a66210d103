#!/usr/bin/env bash
# Dashboard contacts search with 1,000,000 contacts: the packaged jar (embedded PostgreSQL + Redis) loaded by
# bench/contacts/generate.sql, the built dashboard served by vite preview (/api proxied), then Chromium types
# 20 searches in the contacts page and times each one from the last key typed to the table showing the
# results (120 ms debounce, request, render) → p50/p95 (target p95 ≤ 300 ms).
#   bench/dashboard/contacts-search.sh [searches=20]
# The data directory is shared with bench/contacts/search.sh (DATA=/tmp/relais-bench-contacts): 1M rows load once.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/tmp/relais-bench-contacts}
PG_PORT=${PG_PORT:-15539}
REDIS_PORT=${REDIS_PORT:-16479}
PORT=${PORT:-18190}
WEB_PORT=${WEB_PORT:-18191}
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

mkdir -p "$DATA"
RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT \
  SECRET_KEY=bench-secret-key-bench-secret-key-0123456789 ALLOWED_ORIGINS="http://localhost:$WEB_PORT" \
  java -Xmx1g ${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
(cd frontend && npx vite build --logLevel error)
(cd frontend && API_URL="http://localhost:$PORT" PORT=$WEB_PORT exec setsid node_modules/.bin/vite preview \
  --port "$WEB_PORT" --strictPort) > "$DATA/preview.log" 2>&1 &
WEB=$!
trap 'kill $APP 2>/dev/null; kill -- -$WEB 2>/dev/null || kill $WEB 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/api/health" > /dev/null && break; sleep 1; done
curl -sf "http://localhost:$PORT/api/health" > /dev/null || { tail -50 "$DATA/app.log"; exit 1; }

export PGPASSWORD=postgres
time "$PSQL" -h localhost -p "$PG_PORT" -U postgres -d relais -v ON_ERROR_STOP=1 -f bench/contacts/generate.sql
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)"
node bench/dashboard/contacts-search.mjs "http://localhost:$WEB_PORT" "${1:-20}"
echo "after: $(uptime)"
