#!/usr/bin/env bash
# Delivery engine benchmark, loopback only and bounded in time and count.
#   bench/engine/run.sh            # 100,000-recipient launch time, then unpaced dispatch for 30 s
#   MPS=50 DURATION=20 bench/engine/run.sh   # rate-limit accuracy at 50 msg/s
# Needs: backend built (cd backend && mvn -B -ntp package -DskipTests), psql, curl, openssl.
# The built-in simulator is the fake Twilio (relais.simulator.latency-ms per create, 100 ms by default:
# the middle of 50-150 ms); its signed status callbacks go back to the same app, as in production.
set -euo pipefail
RECIPIENTS=${RECIPIENTS:-100000}
DURATION=${DURATION:-30}
MPS=${MPS:-0}
WORKERS=${WORKERS:-200}
LATENCY_MS=${LATENCY_MS:-100}
cd "$(dirname "$0")/../../backend"
DATA=$(mktemp -d /tmp/relais-bench-engine.XXXXXX)
PGPORT=${PGPORT:-$(shuf -i 40000-49999 -n 1)}
PORT=${PORT:-$(shuf -i 50000-59999 -n 1)}
SECRET=bench-secret-key-0123456789abcdef0123456789abcdef
export RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PGPORT PORT SECRET_KEY=$SECRET DAILY_MESSAGE_LIMIT=100000000 \
  DELIVERY_MESSAGES_PER_SECOND=$MPS DELIVERY_WORKERS=$WORKERS
java -Xmx256m -Drelais.simulator.latency-ms=$LATENCY_MS -Drelais.simulator.step-delay-ms=0 \
  -Drelais.simulator.read-delay-ms=0 -jar target/quarkus-app/quarkus-run.jar > "$DATA/app.log" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/api/health" >/dev/null 2>&1 && break; sleep 1; done
grep -q "Embedded PostgreSQL started on port $PGPORT" "$DATA/app.log" || { echo "app did not start on its own PostgreSQL"; tail -20 "$DATA/app.log"; exit 1; }
PSQL="psql -q -h localhost -p $PGPORT -U postgres -d relais -v ON_ERROR_STOP=1"
USER_ID=00000000-0000-0000-0000-0000000000be
$PSQL -c "INSERT INTO users (id, email, password_hash, role) VALUES ('$USER_ID', 'bench@relais.local', 'x', 'super_admin') ON CONFLICT DO NOTHING"
CAT=$($PSQL -tA -c "INSERT INTO categories (name) VALUES ('bench') RETURNING id")
$PSQL -c "INSERT INTO contacts (phone_e164, first_name) SELECT '+2299' || lpad(g::text, 8, '0'), 'C' || g FROM generate_series(1, $RECIPIENTS) g"
$PSQL -c "INSERT INTO category_contacts (category_id, contact_id) SELECT '$CAT', id FROM contacts"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
HEADER=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
EXP=$(( $(date +%s) + 3600 ))
PAYLOAD=$(printf '{"iss":"https://relais.app","sub":"%s","upn":"bench@relais.local","groups":["super_admin"],"exp":%d,"iat":%d}' "$USER_ID" "$EXP" "$(date +%s)" | b64url)
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIG"
API="http://localhost:$PORT/api/campaigns"
ID=$(curl -sf -X POST "$API" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"categoryIds\":[\"$CAT\"],\"message1Body\":\"Bonjour {{first_name}}\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
T0=$(date +%s%N)
curl -sf -X POST "$API/$ID/launch" -H "Authorization: Bearer $TOKEN" >/dev/null
T1=$(date +%s%N)
echo "launch of $RECIPIENTS recipients (rows written + committed + XADDed): $(( (T1 - T0) / 1000000 )) ms"
handed() { $PSQL -tA -c "SELECT count(*) FROM messages WHERE campaign_id = '$ID' AND handed_at IS NOT NULL"; }
sleep 3
START=$(handed); S0=$(date +%s%N); MAXRSS=0
for _ in $(seq 1 "$DURATION"); do
  sleep 1
  RSS=$(awk '/VmRSS/ {print $2}' "/proc/$APP/status")
  [ "$RSS" -gt "$MAXRSS" ] && MAXRSS=$RSS
done
END=$(handed); S1=$(date +%s%N)
RATE=$(awk -v n=$(( END - START )) -v ns=$(( S1 - S0 )) 'BEGIN { printf "%.1f", n / (ns / 1e9) }')
echo "dispatch: $(( END - START )) messages accepted by the fake Twilio in $(( (S1 - S0) / 1000000 )) ms = $RATE msg/s (MPS setting: $MPS, workers: $WORKERS, latency: ${LATENCY_MS} ms)"
echo "backend RSS max during dispatch: $(( MAXRSS / 1024 )) MiB"
DUP=$($PSQL -tA -c "SELECT count(*) FROM (SELECT phone_e164 FROM simulator_messages WHERE direction = 'outbound-api' GROUP BY phone_e164 HAVING count(*) > 1) d")
echo "duplicates at the fake Twilio: $DUP"
curl -sf -X POST "$API/$ID/stop" -H "Authorization: Bearer $TOKEN" >/dev/null
