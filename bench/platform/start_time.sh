#!/usr/bin/env bash
# Measures the API's start time to ready (GET /api/health/ready = 200) with the embedded defaults:
# a cold start (empty data directory: initdb + migrations) then warm starts (data reused).
# Usage: bench/platform/start_time.sh [warm-runs]   (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
PORT=${PORT:-18300}
DATA=$(mktemp -d /tmp/relais-start-XXXXXX)
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

measure() {
  local start end pid
  start=$(date +%s%N)
  RELAIS_DATA_DIR="$DATA" PORT=$PORT SKIP_BUILD=1 ./start_backend.sh > "$DATA/run.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$PORT/api/health/ready" > /dev/null; do
    sleep 0.05
    if ! kill -0 $pid 2>/dev/null; then echo "the API died: see $DATA/run.log" >&2; exit 1; fi
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 120 ]; then echo "timeout" >&2; kill $pid; exit 1; fi
  done
  end=$(date +%s%N)
  echo "$1: $(( (end - start) / 1000000 )) ms to ready; RSS $(ps -o rss= -p $pid) KiB"
  kill $pid; wait $pid 2>/dev/null || true
  while pgrep -f "$DATA" > /dev/null; do sleep 0.2; done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure cold
for i in $(seq 1 "$RUNS"); do measure "warm $i"; done
rm -rf "$DATA"
