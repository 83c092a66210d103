#!/usr/bin/env bash
# Webhook benchmark: signed Twilio status callbacks fired from a separate JVM, on loopback, at the
# packaged backend (embedded PostgreSQL/Redis, data under /tmp). Bounded: at most SECONDS seconds of
# load, MESSAGES x 3 callbacks. Usage: bench/whatsapp/run.sh [rate/s] [messages] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-2000}
MESSAGES=${2:-20000}
SECONDS_MAX=${3:-30}
PORT=${BENCH_PORT:-18090}
PG_PORT=${BENCH_PG_PORT:-15439}
TOKEN=bench-simulator-token
DATA=$(mktemp -d /tmp/relais-bench-whatsapp.XXXXXX)
JAR=backend/target/quarkus-app/quarkus-run.jar
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)

[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

RELAIS_DATA_DIR=$DATA PORT=$PORT EMBEDDED_POSTGRES_PORT=$PG_PORT \
  TWILIO_WEBHOOK_BASE_URL=http://localhost:$PORT RELAIS_SIMULATOR_AUTH_TOKEN=$TOKEN \
  java -Xmx1g -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 90); do
  curl -fs "http://localhost:$PORT/api/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://localhost:$PORT/api/health/ready" >/dev/null || { tail -50 "$DATA/app.log"; exit 1; }

java -Xmx512m -cp "$PGJAR" bench/whatsapp/CallbackBench.java "http://localhost:$PORT" \
  "jdbc:postgresql://localhost:$PG_PORT/relais" "$TOKEN" "$MESSAGES" "$RATE" "$SECONDS_MAX"
