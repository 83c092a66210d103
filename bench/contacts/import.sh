#!/usr/bin/env bash
# Contact CSV import benchmark, loopback only: generates a ROWS-row CSV in /tmp (French Excel style:
# ';', national numbers "06 12 34 56 78", names, a city attribute, optionally a category column),
# starts the jar on its own embedded PostgreSQL/Redis with -Xmx256m, POSTs the file, polls the job
# until it ends, and prints rows/s and the maximum heap used (jcmd GC.heap_info, sampled every 0.5 s).
#   bench/contacts/import.sh                 # 1,000,000 rows
#   ROWS=200000 CATEGORY=1 bench/contacts/import.sh
# Needs: backend built (cd backend && mvn -B -ntp package -DskipTests), psql, curl, openssl, jcmd.
set -euo pipefail
ROWS=${ROWS:-1000000}
CATEGORY=${CATEGORY:-0}
HEAP=${HEAP:-256m}
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../../backend"
DATA=$(mktemp -d /tmp/relais-bench-import.XXXXXX)
CSV=$DATA/contacts.csv
PGPORT=${PGPORT:-$(shuf -i 40000-49999 -n 1)}
PORT=${PORT:-$(shuf -i 50000-59999 -n 1)}
SECRET=bench-secret-key-0123456789abcdef0123456789abcdef

# 06 12 00 00 00 + i: ROWS distinct valid French mobiles (ROWS ≤ 1,000,000 per 0612 block, then 0613…).
awk -v n="$ROWS" -v cat="$CATEGORY" 'BEGIN {
  printf "Téléphone;Prénom;Nom;Ville%s\r\n", (cat == 1 ? ";Catégorie" : "");
  split("Lyon Paris Cotonou Abidjan Lomé Dakar", v, " ");
  for (i = 0; i < n; i++) {
    b = 12 + int(i / 1000000); r = i % 1000000;
    printf "06 %02d %02d %02d %02d;Prénom%d;Nom%d;%s%s\r\n", b, int(r / 10000), int(r / 100) % 100, r % 100, i, i, v[i % 6 + 1], (cat == 1 ? ";Bench|Clients" : "");
  }
}' > "$CSV"
SIZE=$(stat -c %s "$CSV")

export RELAIS_DATA_DIR=$DATA EMBEDDED_POSTGRES_PORT=$PGPORT PORT SECRET_KEY=$SECRET
# The product's JVM flags (start_backend.sh) with the heap under test.
export MALLOC_ARENA_MAX=2
java -Xmx$HEAP ${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -XX:TrimNativeHeapInterval=5000} -jar target/quarkus-app/quarkus-run.jar > "$DATA/app.log" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 180); do curl -sf "http://localhost:$PORT/api/health" >/dev/null 2>&1 && break; sleep 1; done
grep -q "Embedded PostgreSQL started on port $PGPORT" "$DATA/app.log" || { echo "app did not start on its own PostgreSQL"; tail -20 "$DATA/app.log"; exit 1; }
PSQL="psql -q -h localhost -p $PGPORT -U postgres -d relais -v ON_ERROR_STOP=1"
USER_ID=00000000-0000-0000-0000-0000000000be
$PSQL -c "INSERT INTO users (id, email, password_hash, role) VALUES ('$USER_ID', 'bench@relais.local', 'x', 'super_admin') ON CONFLICT DO NOTHING"

TOKEN=$(mint_jwt "$SECRET" "$USER_ID" bench@relais.local super_admin)
API="http://localhost:$PORT/api/contacts/import"

heap_used_kb() { jcmd "$APP" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|ParOldGen|tenured generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub("K,?", "", v); s += v } } END { print s + 0 }'; }
MAXHEAP=0
( while kill -0 "$APP" 2>/dev/null; do h=$(heap_used_kb); echo "$h"; sleep 0.5; done ) > "$DATA/heap.txt" &
SAMPLER=$!

# CPU seconds of the JVM and of PostgreSQL (postmaster, its live backends and the reaped ones):
# a load-independent figure when the shared machine is busy.
PGMASTER=$(pgrep -f -- "-p $PGPORT" | head -1 || true)
JCPU0=$(cpu_ticks "$APP"); PCPU0=$(pg_cpu_ticks "$PGPORT")
echo "file: $ROWS rows, $(( SIZE / 1024 / 1024 )) MiB ($SIZE bytes), category column: $CATEGORY, -Xmx$HEAP"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s%N)
JOB=$(curl -sf -H 'Expect:' -H "Authorization: Bearer $TOKEN" -F "file=@$CSV;type=text/csv" "$API")
T1=$(date +%s%N)
ID=$(echo "$JOB" | sed 's/.*"id":"\([^"]*\)".*/\1/')
echo "upload + full check + job queued: $(( (T1 - T0) / 1000000 )) ms"
while true; do
  J=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/$ID")
  case "$J" in *'"status":"completed"'*|*'"status":"failed"'*) break ;; esac
  sleep 0.2
done
T2=$(date +%s%N)
kill "$SAMPLER" 2>/dev/null || true
MAXHEAP=$(sort -n "$DATA/heap.txt" | tail -1)
echo "job: $J"
MS=$(( (T2 - T0) / 1000000 ))
RATE=$(awk -v n="$ROWS" -v ms="$MS" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
echo "total (POST to completed): $MS ms = $RATE rows/s"
JCPU1=$(cpu_ticks "$APP"); PCPU1=$(pg_cpu_ticks "$PGPORT")
echo "CPU used: JVM $(cpu_seconds $(( JCPU1 - JCPU0 ))) s, PostgreSQL $(cpu_seconds $(( PCPU1 - PCPU0 ))) s (postmaster pid ${PGMASTER:-not found})"
echo "contacts in the database: $($PSQL -tA -c 'SELECT count(*) FROM contacts')"
echo "max heap used (jcmd GC.heap_info, every 0.5 s): $(( MAXHEAP / 1024 )) MiB (-Xmx$HEAP)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -o "Contact import .*ms writing.*" "$DATA/app.log" || true
