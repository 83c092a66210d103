#!/usr/bin/env bash
# Statistics benchmark: 5,000,000 messages in the packaged jar's embedded PostgreSQL, p99 of the
# dashboard endpoints, then SSE fan-out. Loopback only; bounded in time (≈10 min on 2 cores).
#   bench/stats/run.sh            (REQUESTS=300 CLIENTS=100 RATE=1000 DURATION=10 to change; TRIGGER=0 skips the
#                                  trigger-cost part, HTTP=0 / SSE=0 skip those parts)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DATA=${RELAIS_DATA_DIR:-/tmp/relais-bench-stats}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
PORT=${PORT:-8099}
SECRET=bench-secret-key-bench-secret-key-0123456789
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

mkdir -p "$DATA"
# The API rate limit (1,200 requests/min per user) would answer 429 to a sequential benchmark client.
RATE_LIMIT_USER_PER_MINUTE=${RATE_LIMIT_USER_PER_MINUTE:-10000000} RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_REDIS_PORT=$REDIS_PORT PORT=$PORT SECRET_KEY=$SECRET \
  java -Xmx1g -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for i in $(seq 1 60); do curl -sf "http://localhost:$PORT/api/health" > /dev/null && break; sleep 1; done

export PGPASSWORD=postgres
if [ "$($PSQL -h localhost -p $PG_PORT -U postgres -d relais -tAc "SELECT count(*) >= 5000000 FROM messages")" != "t" ]; then
  time $PSQL -h localhost -p $PG_PORT -U postgres -d relais -v ON_ERROR_STOP=1 -f bench/stats/generate.sql
fi
CAMPAIGN=$($PSQL -h localhost -p $PG_PORT -U postgres -d relais -tAc "SELECT id FROM campaigns WHERE name = 'Bench 1'")
$PSQL -h localhost -p $PG_PORT -U postgres -d relais -tAc "SELECT 'messages: ' || count(*) FROM messages"

[ "${HTTP:-1}" = 0 ] || java bench/stats/Bench.java http "http://localhost:$PORT" "$SECRET" "$CAMPAIGN" "${REQUESTS:-300}"
[ "${SSE:-1}" = 0 ] || java bench/stats/Bench.java sse "http://localhost:$PORT" "$SECRET" "localhost:$REDIS_PORT" "${CLIENTS:-100}" "${RATE:-1000}" "${DURATION:-10}"
[ "${TRIGGER:-1}" = 0 ] || $PSQL -h localhost -p $PG_PORT -U postgres -d relais -f bench/stats/trigger-cost.sql
