#!/usr/bin/env bash
# Login benchmark: POST /api/auth/login (bcrypt cost 12 verification + JWT + refresh token row) at a
# fixed concurrency from wrk on loopback against the packaged backend with embedded PostgreSQL/Redis.
# The per-address sign-in limit and the API rate limit are raised for the run (one client address).
#   bench/auth/run.sh [connections] [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
CONNECTIONS=${1:-4}
DURATION=${2:-20}
PORT=${BENCH_PORT:-18095}
PG_PORT=${BENCH_PG_PORT:-15441}
DATA=$(mktemp -d /tmp/relais-bench-auth.XXXXXX)
JAR=backend/target/quarkus-app/quarkus-run.jar
BASE=http://localhost:$PORT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

RELAIS_DATA_DIR=$DATA PORT=$PORT EMBEDDED_POSTGRES_PORT=$PG_PORT \
  LOGIN_ATTEMPTS_PER_IP=100000000 RATE_LIMIT_PER_MINUTE=100000000 \
  java -Xmx512m -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
wait_ready "$BASE" "$DATA/app.log"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up (JIT), not measured.
wrk -t1 -c2 -d5s -s bench/auth/login.lua "$BASE/api/auth/login" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/auth/login.lua "$BASE/api/auth/login" | tee "$DATA/wrk.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
