#!/usr/bin/env bash
# Status repair benchmark: MESSAGES (10,000) messages whose status callbacks were all lost, how long
# until every row has Twilio's status once the outage ends, and how many Twilio calls it took.
#   bench/recovery/run.sh
#   MESSAGES=20000 LATENCY_MS=300 bench/recovery/run.sh
# Needs: backend built (cd backend && mvn -B -ntp package -DskipTests), psql, curl, openssl.
# The backend runs with the product's defaults for the repair (relais.status-poll.*: rows `sending` 2 min
# after their hand-over, a run every 30 s, the DateSent-filtered list 1,000 a page) against
# bench/engine/FakeTwilio.java --statuses: creates answered after LATENCY_MS + 0..JITTER_MS, statuses
# moving on with time as at Twilio (sent 1 s, delivered 2 s, read 3 s after the create), no callback
# ever posted (the outage: every callback lost), list pages of 1,000 answered in ≈ 1.5 s.
# The outage ends when the last message is handed over; the clock runs from there until no row is
# `sending` any more.
set -euo pipefail
MESSAGES=${MESSAGES:-10000}
LATENCY_MS=${LATENCY_MS:-150}
JITTER_MS=${JITTER_MS:-100}
HEAP=${HEAP:-192m}
JAVA_OPTS=${JAVA_OPTS:--Xms32m -Xmx$HEAP -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
FAKE_SRC=$(cd "$(dirname "$0")/../engine" && pwd)/FakeTwilio.java
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../../backend"
DATA=$(mktemp -d /tmp/relais-bench-recovery.XXXXXX)
PGPORT=${PGPORT:-$(free_port 40000-44999)}
REDISPORT=${REDISPORT:-$(free_port 45000-49999)}
PORT=${PORT:-$(free_port 50000-54999)}
FAKEPORT=${FAKEPORT:-$(free_port 55000-59999)}
SECRET=bench-secret-key-0123456789abcdef0123456789abcdef
SID=AC00000000000000000000000000000000
TOKEN_TW=bench-auth-token
JAR=$PWD/target/quarkus-app/quarkus-run.jar
mkdir -p "$DATA/app" "$DATA/fake"
(cd "$DATA/fake" && exec java -Xmx256m -XX:+UseSerialGC "$FAKE_SRC" "$FAKEPORT" "$LATENCY_MS" "$JITTER_MS" --statuses \
  > "$DATA/fake.log" 2>&1) &
FAKE=$!
APP=
cleanup() { kill $APP $FAKE 2>/dev/null || true; wait $APP $FAKE 2>/dev/null || true; sleep 2; rm -rf "$DATA"; }
trap cleanup EXIT
(cd "$DATA/app" && RELAIS_DATA_DIR=$DATA/app/.data EMBEDDED_POSTGRES_PORT=$PGPORT EMBEDDED_REDIS_PORT=$REDISPORT PORT=$PORT \
  SECRET_KEY=$SECRET DAILY_MESSAGE_LIMIT=100000000 DELIVERY_MESSAGES_PER_SECOND=${MPS:-0} \
  TWILIO_ACCOUNT_SID=$SID TWILIO_AUTH_TOKEN=$TOKEN_TW TWILIO_API_BASE_URL=http://127.0.0.1:$FAKEPORT \
  TWILIO_WEBHOOK_BASE_URL=http://localhost:$PORT TWILIO_SANDBOX_NUMBER=+15550100000 RELAIS_AUTH_SEED_USERS=false \
  exec java $JAVA_OPTS -jar "$JAR" > "$DATA/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/api/health/live" >/dev/null 2>&1 && break; sleep 1; done
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$FAKEPORT/stats" >/dev/null 2>&1 && break; sleep 1; done
PSQL="psql -q -h localhost -p $PGPORT -U postgres -d relais -v ON_ERROR_STOP=1"
USER_ID=00000000-0000-0000-0000-0000000000be
$PSQL -c "INSERT INTO users (id, email, password_hash, role) VALUES ('$USER_ID', 'bench@relais.local', 'x', 'super_admin') ON CONFLICT DO NOTHING"
CAT=$($PSQL -tA -c "INSERT INTO categories (name) VALUES ('bench') RETURNING id")
$PSQL -c "INSERT INTO contacts (phone_e164, first_name) SELECT '+2299' || lpad(g::text, 8, '0'), 'C' || g FROM generate_series(1, $MESSAGES) g"
$PSQL -c "INSERT INTO category_contacts (category_id, contact_id) SELECT '$CAT', id FROM contacts"
$PSQL -c "VACUUM ANALYZE contacts, category_contacts"
TOKEN=$(mint_jwt "$SECRET" "$USER_ID" bench@relais.local super_admin)
API="http://localhost:$PORT/api/campaigns"
ID=$(curl -sf -X POST "$API" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"categoryIds\":[\"$CAT\"],\"message1Body\":\"Bonjour {{first_name}}\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
curl -sf -X POST "$API/$ID/launch" -H "Authorization: Bearer $TOKEN" >/dev/null
q() { $PSQL -tA -c "$1"; }
for _ in $(seq 1 600); do
  [ "$(q "SELECT count(*) FROM messages WHERE campaign_id = '$ID' AND handed_at IS NULL")" = 0 ] && break
  sleep 1
done
# The outage ends with the last hand-over (no callback ever came).
END_MS=$(q "SELECT (EXTRACT(EPOCH FROM max(handed_at)) * 1000)::bigint FROM messages WHERE campaign_id = '$ID'")
SPAN=$(q "SELECT round(EXTRACT(EPOCH FROM max(handed_at) - min(handed_at))::numeric, 1) FROM messages WHERE campaign_id = '$ID'")
echo "$MESSAGES messages handed over in $SPAN s, every callback lost; status of the campaign: $(q "SELECT status FROM campaigns WHERE id = '$ID'")"
LAST=-1
while :; do
  LEFT=$(q "SELECT count(*) FROM messages WHERE campaign_id = '$ID' AND status = 'sending'")
  NOW_MS=$(date +%s%3N)
  if [ "$LEFT" != "$LAST" ]; then
    echo "  +$(( (NOW_MS - END_MS) / 1000 )) s after the outage: $LEFT still sending"
    LAST=$LEFT
  fi
  [ "$LEFT" = 0 ] && break
  [ $(( NOW_MS - END_MS )) -gt 900000 ] && { echo "not repaired after 15 min"; break; }
  sleep 1
done
DONE_MS=$($PSQL -tA -c "SELECT (EXTRACT(EPOCH FROM max(updated_at)) * 1000)::bigint FROM messages WHERE campaign_id = '$ID'")
STATS=$(curl -sf "http://127.0.0.1:$FAKEPORT/stats")
CALLS=$(echo "$STATS" | sed 's/.*"fetches":\([0-9]*\),"listPages":\([0-9]*\).*/\1 \2/')
echo "final statuses: $(q "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM messages WHERE campaign_id = '$ID' GROUP BY status) s"); campaign: $(q "SELECT status FROM campaigns WHERE id = '$ID'")"
echo "repair: every row final $(awk -v ms=$(( DONE_MS - END_MS )) 'BEGIN { printf "%.1f", ms / 1000 }') s after the outage ended (last row written)"
set -- $CALLS
echo "Twilio calls of the repair: $2 list page(s) + $1 fetch(es) = $(( $1 + $2 )) for $MESSAGES messages = $(awk -v c=$(( $1 + $2 )) -v n=$MESSAGES 'BEGIN { printf "%.4f", c / n }') call per message"
echo "fake Twilio: $STATS"
grep -E "Status repair" "$DATA/app.log" | tail -5 || true
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
