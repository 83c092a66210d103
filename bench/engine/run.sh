#!/usr/bin/env bash
# Delivery engine benchmark, loopback only and bounded in time and count.
#   bench/engine/run.sh            # 100,000-recipient launch time, then unpaced dispatch for 30 s
#   MPS=50 DURATION=60 bench/engine/run.sh   # rate-limit accuracy at 50 msg/s (a 20 s window reads ±5 %: the
#                                            # counts bracketing it take tens of ms each on a loaded machine)
#   MPS=500 DURATION=60 RECIPIENTS=50000 bench/engine/run.sh   # the paced batch path at 500 msg/s
#   CALLBACKS=1 bench/engine/run.sh          # with 3 signed status callbacks per message: rate, webhook p50/p99,
#                                            # callback lag (due → answered; CALLBACK_CONCURRENCY in flight, default 64)
# Prints the load average, the launch time, the rate, the RSS, the CPU per message of the JVM, PostgreSQL,
# Redis and the fake Twilio, and the fake Twilio's counts (duplicates, callbacks, webhook percentiles).
# Needs: backend built (cd backend && mvn -B -ntp package -DskipTests), psql, curl, openssl.
# Two processes: the backend under test (embedded PostgreSQL + Redis, Twilio credentials pointing at
# the fake) and bench/engine/FakeTwilio.java, a one-file JDK program answering each create after
# LATENCY_MS + 0..JITTER_MS (scheduled, no thread per request) and counting creates per To (duplicates).
# Status callbacks are off (CALLBACKS=1 turns them on: 3 signed callbacks per message to the backend).
# Defaults are the product's: start_backend.sh's JVM flags, no DELIVERY_WORKERS, no heap override, a
# provider answering in 100-300 ms. Overrides: JAVA_OPTS (replaces the flags), HEAP (-Xmx), WORKERS
# (DELIVERY_WORKERS), IN_FLIGHT (DELIVERY_MAX_IN_FLIGHT), LATENCY_MS / JITTER_MS.
set -euo pipefail
RECIPIENTS=${RECIPIENTS:-100000}
DURATION=${DURATION:-30}
MPS=${MPS:-0}
LATENCY_MS=${LATENCY_MS:-100}
JITTER_MS=${JITTER_MS:-200}
HEAP=${HEAP:-}
CALLBACKS=${CALLBACKS:-0}
# Callbacks in flight at once from the fake (a webhook sender keeps a bounded pool of connections).
CALLBACK_CONCURRENCY=${CALLBACK_CONCURRENCY:-64}
WORKERS=${WORKERS:-}
IN_FLIGHT=${IN_FLIGHT:-}
# start_backend.sh's DEFAULT_JAVA_OPTS, read from the script so the two never drift apart.
START_OPTS=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$(dirname "$0")/../../start_backend.sh" | sed 's/\$DEFAULT_JAVA_OPTS //' | tr '\n' ' ')
java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1 && START_OPTS="$START_OPTS -XX:TrimNativeHeapInterval=5000"
JAVA_OPTS=${JAVA_OPTS:-$START_OPTS${HEAP:+ -Xmx$HEAP}}
# glibc creates up to 8 malloc arenas per core as threads allocate: 2 are enough and keep RSS down.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
FAKE_SRC=$(cd "$(dirname "$0")" && pwd)/FakeTwilio.java
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../../backend"
DATA=$(mktemp -d /tmp/relais-bench-engine.XXXXXX)
PGPORT=${PGPORT:-$(free_port 40000-44999)}
REDISPORT=${REDISPORT:-$(free_port 45000-49999)}
PORT=${PORT:-$(free_port 50000-54999)}
FAKEPORT=${FAKEPORT:-$(free_port 55000-59999)}
SECRET=bench-secret-key-0123456789abcdef0123456789abcdef
SIM_SID=AC00000000000000000000000000000000
SIM_TOKEN=simulator-auth-token
JAR=$PWD/target/quarkus-app/quarkus-run.jar
mkdir -p "$DATA/app" "$DATA/fake"
(cd "$DATA/fake" && exec java -Xmx128m -XX:+UseSerialGC "$FAKE_SRC" "$FAKEPORT" "$LATENCY_MS" "$JITTER_MS" \
  $([ "$CALLBACKS" = 1 ] && echo --callbacks "$SIM_TOKEN" --callback-concurrency "$CALLBACK_CONCURRENCY") > "$DATA/fake.log" 2>&1) &
FAKE=$!
APP=
cleanup() { kill $APP $FAKE 2>/dev/null || true; wait $APP $FAKE 2>/dev/null || true; [ -n "${KEEP_LOG:-}" ] && cp "$DATA/app.log" "$KEEP_LOG"; rm -rf "$DATA"; }
trap cleanup EXIT
(cd "$DATA/app" && RELAIS_DATA_DIR=$DATA/app/.data EMBEDDED_POSTGRES_PORT=$PGPORT EMBEDDED_REDIS_PORT=$REDISPORT PORT=$PORT \
  SECRET_KEY=$SECRET DAILY_MESSAGE_LIMIT=100000000 DELIVERY_MESSAGES_PER_SECOND=$MPS \
  TWILIO_ACCOUNT_SID=$SIM_SID TWILIO_AUTH_TOKEN=$SIM_TOKEN TWILIO_API_BASE_URL=http://127.0.0.1:$FAKEPORT \
  TWILIO_WEBHOOK_BASE_URL=http://localhost:$PORT TWILIO_SANDBOX_NUMBER=+15550100000 RELAIS_AUTH_SEED_USERS=false \
  exec env ${WORKERS:+DELIVERY_WORKERS=$WORKERS} ${IN_FLIGHT:+DELIVERY_MAX_IN_FLIGHT=$IN_FLIGHT} java $JAVA_OPTS -jar "$JAR" > "$DATA/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/api/health/live" >/dev/null 2>&1 && break; sleep 1; done
grep -q "Embedded PostgreSQL started on port $PGPORT" "$DATA/app.log" || { echo "app did not start on its own PostgreSQL (port $PGPORT)"; grep -m5 -iE "error|fatal|could not" "$DATA/app.log"; find "$DATA/app" -name "*.log" -path "*pg*" -exec tail -5 {} \; 2>/dev/null; tail -5 "$DATA/app.log"; exit 1; }
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$FAKEPORT/stats" >/dev/null 2>&1 && break; sleep 1; done
APP_PID=$(pgrep -P $APP java || echo $APP)
PSQL="psql -q -h localhost -p $PGPORT -U postgres -d relais -v ON_ERROR_STOP=1"
USER_ID=00000000-0000-0000-0000-0000000000be
$PSQL -c "INSERT INTO users (id, email, password_hash, role) VALUES ('$USER_ID', 'bench@relais.local', 'x', 'super_admin') ON CONFLICT DO NOTHING"
CAT=$($PSQL -tA -c "INSERT INTO categories (name) VALUES ('bench') RETURNING id")
$PSQL -c "INSERT INTO contacts (phone_e164, first_name) SELECT '+2299' || lpad(g::text, 8, '0'), 'C' || g FROM generate_series(1, $RECIPIENTS) g"
$PSQL -c "INSERT INTO category_contacts (category_id, contact_id) SELECT '$CAT', id FROM contacts"
# Contacts are imported long before a launch in real use: let the planner know them (autovacuum would).
$PSQL -c "VACUUM ANALYZE contacts, category_contacts"

TOKEN=$(mint_jwt "$SECRET" "$USER_ID" bench@relais.local super_admin)
API="http://localhost:$PORT/api/campaigns"
ID=$(curl -sf -X POST "$API" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"categoryIds\":[\"$CAT\"],\"message1Body\":\"Bonjour {{first_name}}\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
echo "load average before the launch: $(cut -d" " -f1-3 /proc/loadavg)"
T0=$(date +%s%N)
curl -sf -X POST "$API/$ID/launch" -H "Authorization: Bearer $TOKEN" >/dev/null
T1=$(date +%s%N)
echo "launch of $RECIPIENTS recipients (rows written + committed; the feeder pages them into Redis): $(( (T1 - T0) / 1000000 )) ms"
handed() { $PSQL -tA -c "SELECT count(*) FROM messages WHERE campaign_id = '$ID' AND handed_at IS NOT NULL"; }
redis_pid() { local p; for p in $(pgrep -f -- "$REDISPORT" || true); do case "$(cat /proc/$p/comm 2>/dev/null)" in redis*) echo "$p"; return;; esac; done; }
REDIS_PID=$(redis_pid)
sleep 3
START=$(handed); S0=$(date +%s%N); MAXRSS=0
JCPU0=$(cpu_ticks "$APP_PID"); PCPU0=$(pg_cpu_ticks "$PGPORT"); RCPU0=$([ -n "$REDIS_PID" ] && cpu_ticks "$REDIS_PID" || echo 0); FCPU0=$(cpu_ticks "$(pgrep -P $FAKE java || echo $FAKE)")
[ "${JFR:-0}" = 1 ] && jcmd "$APP_PID" JFR.start duration=$((DURATION - 1))s filename="$DATA/dispatch.jfr" >/dev/null
for i in $(seq 1 "$DURATION"); do
  sleep 1
  [ "${THREADS:-0}" = 1 ] && [ $((i % 5)) = 0 ] && jcmd "$APP_PID" Thread.print >> "$DATA/threads.txt" 2>/dev/null
  RSS=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  [ "$RSS" -gt "$MAXRSS" ] && MAXRSS=$RSS
done
JCPU=$(( $(cpu_ticks "$APP_PID") - JCPU0 )); PCPU=$(( $(pg_cpu_ticks "$PGPORT") - PCPU0 ))
RCPU=$(( $([ -n "$REDIS_PID" ] && cpu_ticks "$REDIS_PID" || echo 0) - RCPU0 )); FCPU=$(( $(cpu_ticks "$(pgrep -P $FAKE java || echo $FAKE)") - FCPU0 ))
END=$(handed); S1=$(date +%s%N)
RATE=$(awk -v n=$(( END - START )) -v ns=$(( S1 - S0 )) 'BEGIN { printf "%.1f", n / (ns / 1e9) }')
echo "dispatch: $(( END - START )) messages accepted by the fake Twilio in $(( (S1 - S0) / 1000000 )) ms = $RATE msg/s (MPS setting: $MPS, workers: ${WORKERS:-default}, in flight: ${IN_FLIGHT:-default}, fake Twilio latency: ${LATENCY_MS}-$((LATENCY_MS + JITTER_MS)) ms, callbacks: $CALLBACKS)"
echo "backend RSS max during dispatch: $(( MAXRSS / 1024 )) MiB"
N=$(( END - START )); [ "$N" -gt 0 ] || N=1
us() { awk -v t="$1" -v k="$(getconf CLK_TCK)" -v n="$N" 'BEGIN { printf "%.0f", t / k * 1e6 / n }'; }
echo "CPU during dispatch: JVM $(cpu_seconds $JCPU) s, PostgreSQL $(cpu_seconds $PCPU) s, Redis $(cpu_seconds $RCPU) s, fake Twilio $(cpu_seconds $FCPU) s; per message: JVM $(us $JCPU) µs, PostgreSQL $(us $PCPU) µs, Redis $(us $RCPU) µs, fake Twilio $(us $FCPU) µs"
echo "fake Twilio: $(curl -sf --max-time 10 "http://127.0.0.1:$FAKEPORT/stats") (duplicates = creates beyond the first per To)"
if [ "${THREADS:-0}" = 1 ]; then
  echo "worker threads, and reader, innermost relais or waiting frame, over $(grep -c '^"relais-m1-worker' "$DATA/threads.txt") samples (THREADS=1):"
  awk '/^"relais-m1-(worker|reader)/ {w=1; next} /^$/ {w=0} w && /at / && (/app\.relais/ || /RedisEngine/ || /PgPreparedStatement/ || /agroal/ || /StrictConnPool/ || /NioSocketImpl.read/ || /ThreadPoolExecutor.getTask/ || /UniBlockingAwait/) {sub(/^[ \t]+at /, ""); sub(/\(.*/, ""); print; w=0}' "$DATA/threads.txt" | sort | uniq -c | sort -rn | head -12
fi
if [ "${JFR:-0}" = 1 ]; then
  sleep 2
  echo "JFR execution samples, top frames (JFR=1):"
  jfr print --events jdk.ExecutionSample "$DATA/dispatch.jfr" | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); c[$0]++} END {for (k in c) print c[k], k}' | sort -rn | head -25
  echo "JFR samples by package prefix (any frame):"
  jfr print --events jdk.ExecutionSample "$DATA/dispatch.jfr" | awk '/stackTrace = \[/ {inside=1; delete seen; next} inside && /^[ \t]*\]/ {inside=0; next} inside {f=$1; n=split(f, p, "."); k=p[1] "." p[2] "." p[3]; if (!(k in seen)) {seen[k]=1; c[k]++}} END {for (k in c) print c[k], k}' | sort -rn | head -25
fi
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -sf -X POST "$API/$ID/stop" -H "Authorization: Bearer $TOKEN" >/dev/null
