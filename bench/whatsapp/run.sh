#!/usr/bin/env bash
# Webhook benchmark: signed Twilio status callbacks fired from separate processes on loopback at the
# packaged backend (embedded PostgreSQL/Redis, data under /tmp), then a check that every callback
# answered 200 is committed. Bounded: DURATION seconds, MESSAGES x 3 pre-signed callbacks.
#   bench/whatsapp/run.sh wrk  [connections] [messages] [duration]   closed loop (wrk), max throughput;
#       give enough messages (x3 callbacks) for the duration, e.g. wrk 32 50000 20, or wrk replays duplicates
#   bench/whatsapp/run.sh open [rate/s] [messages] [duration]        open loop (Java client), fixed rate
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
MODE=${1:-wrk}
ARG=${2:-32}
MESSAGES=${3:-20000}
DURATION=${4:-20}
WARMUP=${WARMUP:-25}
WARM_MESSAGES=${WARM_MESSAGES:-15000}
PORT=${BENCH_PORT:-18090}
PG_PORT=${BENCH_PG_PORT:-15439}
TOKEN=bench-simulator-token
DATA=$(mktemp -d /tmp/relais-bench-whatsapp.XXXXXX)
JAR=backend/target/quarkus-app/quarkus-run.jar
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
BASE=http://localhost:$PORT
JDBC=jdbc:postgresql://localhost:$PG_PORT/relais

[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

RELAIS_DATA_DIR=$DATA PORT=$PORT EMBEDDED_POSTGRES_PORT=$PG_PORT \
  TWILIO_WEBHOOK_BASE_URL=$BASE RELAIS_SIMULATOR_AUTH_TOKEN=$TOKEN \
  java -Xmx1g ${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar "$JAR" > "$DATA/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA"' EXIT
wait_ready "$BASE" "$DATA/app.log"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 1; }
# Warm-up, not measured: a separate campaign, long enough for the JIT to finish compiling the hot path
# (with 8 s, a profile of the measured run showed half the JVM's CPU in the C2 compiler).
java -cp "$PGJAR" bench/whatsapp/CallbackBench.java prepare "$BASE" "$JDBC" "$TOKEN" "$WARM_MESSAGES" "$DATA/warm.tsv" >/dev/null
BENCH_REQUESTS=$DATA/warm.tsv BENCH_THREADS=2 wrk -t2 -c32 -d"${WARMUP}s" -s bench/whatsapp/callbacks.lua "$BASE" >/dev/null

if [ "$MODE" = open ]; then
  java -Xmx512m -cp "$PGJAR" bench/whatsapp/CallbackBench.java open "$BASE" "$JDBC" "$TOKEN" "$MESSAGES" "$ARG" "$DURATION"
  exit 0
fi

CAMPAIGN=$(java -cp "$PGJAR" bench/whatsapp/CallbackBench.java prepare "$BASE" "$JDBC" "$TOKEN" "$MESSAGES" "$DATA/requests.tsv")
echo "campaign $CAMPAIGN: $MESSAGES messages, $((MESSAGES * 3)) signed callbacks; wrk -t2 -c$ARG -d${DURATION}s"
JCPU0=$(cpu_ticks "$APP"); PCPU0=$(pg_cpu_ticks "$PG_PORT"); LOAD0=$(cut -d' ' -f1 /proc/loadavg)
BENCH_REQUESTS=$DATA/requests.tsv BENCH_THREADS=2 wrk -t2 -c"$ARG" -d"${DURATION}s" --timeout 15s \
  -s bench/whatsapp/callbacks.lua "$BASE" | tee "$DATA/wrk.txt"
JCPU=$(( $(cpu_ticks "$APP") - JCPU0 )); PCPU=$(( $(pg_cpu_ticks "$PG_PORT") - PCPU0 ))
OK=$(sed -n 's/^ANSWERED_OK=//p' "$DATA/wrk.txt")
echo "load average before: $LOAD0, after: $(cut -d' ' -f1 /proc/loadavg)"
echo "CPU during the run: JVM $(cpu_seconds $JCPU) s, PostgreSQL $(cpu_seconds $PCPU) s;" \
  "per callback: JVM $(awk -v t=$JCPU -v n=$OK -v k=$(getconf CLK_TCK) 'BEGIN { printf "%.0f", t / k / n * 1e6 }') µs," \
  "PostgreSQL $(awk -v t=$PCPU -v n=$OK -v k=$(getconf CLK_TCK) 'BEGIN { printf "%.0f", t / k / n * 1e6 }') µs"
java -cp "$PGJAR" bench/whatsapp/CallbackBench.java verify "$JDBC" "$CAMPAIGN" "$OK"
