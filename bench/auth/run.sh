#!/usr/bin/env bash
# Login and list benchmark, from wrk on loopback against the packaged backend with embedded
# PostgreSQL/Redis:
#  1. POST /api/auth/login (bcrypt cost 12 verification + JWT + refresh token row) at a fixed concurrency;
#  2. GET $LIST_PATH (default /api/categories) with the access token of one sign-in, at LIST_CONNECTIONS
#     (default 16): what every authenticated request pays (token, session state, rate limit) on a light query.
# The per-address sign-in limit and the API rate limits are raised for the run (one client address).
#   bench/auth/run.sh [connections] [duration-seconds]     (LIST_ONLY=1 skips the login part)
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
  LOGIN_ATTEMPTS_PER_IP=100000000 RATE_LIMIT_PER_MINUTE=100000000 RATE_LIMIT_USER_PER_MINUTE=100000000 \
  java -Xmx512m -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
wait_ready "$BASE" "$DATA/app.log"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${LIST_ONLY:-0}" != 1 ]; then
  echo "== login: POST /api/auth/login, $CONNECTIONS connections, ${DURATION} s"
  # Warm-up (JIT), not measured.
  wrk -t1 -c2 -d5s -s bench/auth/login.lua "$BASE/api/auth/login" > /dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/auth/login.lua "$BASE/api/auth/login" | tee "$DATA/wrk.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

LIST_PATH=${LIST_PATH:-/api/categories}
LIST_CONNECTIONS=${LIST_CONNECTIONS:-16}
TOKEN=$(curl -fs -X POST "$BASE/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@chatbot.local","password":"Admin2024!"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
export TOKEN
echo "== list: GET $LIST_PATH, $LIST_CONNECTIONS connections, ${DURATION} s; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$LIST_CONNECTIONS" -d10s -s bench/auth/list.lua "$BASE$LIST_PATH" > /dev/null
# CPU per request, the figure to compare on a shared machine (throughput follows the other loads).
JVM0=$(cpu_ticks $APP); PG0=$(pg_cpu_ticks "$PG_PORT")
wrk -t2 -c"$LIST_CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/auth/list.lua "$BASE$LIST_PATH" | tee "$DATA/wrk-list.txt"
JVM1=$(cpu_ticks $APP); PG1=$(pg_cpu_ticks "$PG_PORT")
N=$(sed -n 's/^LIST_OK=//p' "$DATA/wrk-list.txt")
awk -v j=$((JVM1 - JVM0)) -v p=$((PG1 - PG0)) -v n="$N" -v k="$(getconf CLK_TCK)" 'BEGIN {
  printf "CPU per request: JVM %.3f ms, PostgreSQL %.3f ms (%d requests)\n", j / k * 1000 / n, p / k * 1000 / n, n }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
