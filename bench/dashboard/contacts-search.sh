#!/usr/bin/env bash
# Dashboard contacts search with 1,000,000 contacts: the packaged jar (embedded PostgreSQL + Redis) loaded by
# bench/contacts/generate.sql, the built dashboard served by vite preview (/api proxied), then Chromium types
# 20 searches in the contacts page and times each one from the last key typed to the table showing the
# results (120 ms debounce, request, render) → p50/p95 (target p95 ≤ 300 ms).
#   bench/dashboard/contacts-search.sh [searches=20]
# The data directory is shared with bench/contacts/search.sh (DATA=/tmp/relais-bench-contacts): 1M rows load once.
set -euo pipefail
. "$(dirname "$0")/../contacts/app.sh"
WEB_PORT=${WEB_PORT:-18191}

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
wait_api 180
load_contacts
node bench/dashboard/contacts-search.mjs "http://localhost:$WEB_PORT" "${1:-20}"
echo "after: $(uptime)"
