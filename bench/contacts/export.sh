#!/usr/bin/env bash
# Contacts export benchmark: GET /api/contacts/export.csv of the 1,000,000 contacts loaded by search.sh (same data
# directory), with the jar's heap capped at 256 MB to show that the export streams (constant memory).
#   bench/contacts/export.sh
set -euo pipefail
. "$(dirname "$0")/app.sh"
[ -d "$DATA" ] || { echo "run bench/contacts/search.sh first (it loads the 1M contacts)"; exit 1; }
RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT \
  SECRET_KEY=bench-secret-key-bench-secret-key-0123456789 \
  java -Xmx256m -jar "$JAR" > "$DATA/app-export.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
wait_api 120 "$DATA/app-export.log"
TOKEN=$(curl -s -X POST "http://localhost:$PORT/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"superadmin@chatbot.local","password":"SuperAdmin2024!"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
echo "machine: $(nproc) cores; $(uptime)"
OUT=$(mktemp /tmp/relais-export.XXXXXX.csv)
curl -s -o "$OUT" -w 'HTTP %{http_code}, %{size_download} bytes in %{time_total} s (first byte after %{time_starttransfer} s)\n' \
  -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT/api/contacts/export.csv" &
CURL=$!
MAX=0
while kill -0 $CURL 2>/dev/null; do
  USED=$(jcmd $APP GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/{for(i=1;i<=NF;i++) if($i=="used"){v=$(i+1); sub(/K,?/,"",v); print int(v/1024); exit}}')
  [ -n "$USED" ] && [ "$USED" -gt "$MAX" ] && MAX=$USED
  sleep 0.5
done
wait $CURL
echo "rows (with header): $(wc -l < "$OUT"); heap used max sampled: ${MAX} MB of -Xmx256m"
head -3 "$OUT"
rm -f "$OUT"
echo "after: $(uptime)"
