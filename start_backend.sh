#!/usr/bin/env bash
# Runs the Relais API on http://localhost:8000 (Swagger UI: /api/docs).
# With nothing configured it starts real PostgreSQL and Redis from Maven artifacts (data in .data/)
# and uses the built-in Twilio simulator. Set DATABASE_URL / REDIS_URL / TWILIO_* (or a .env file)
# to use your own servers and Twilio. Needs only a JDK 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JAR=backend/target/quarkus-app/quarkus-run.jar

needs_build() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find backend/src backend/pom.xml database/migrations -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}

if [ "${SKIP_BUILD:-}" != "1" ] && needs_build; then
  echo "==> Building the backend (first time takes a few minutes: Maven downloads its dependencies)"
  (cd backend && mvn -B -ntp -q package -DskipTests)
fi

# .env at the top or in backend/ is read (the environment wins).
if [ -f "$ROOT/.env" ] && [ ! -f "$ROOT/backend/.env" ]; then
  ENV_DIR="$ROOT"
else
  ENV_DIR="$ROOT/backend"
fi
export RELAIS_DATA_DIR="${RELAIS_DATA_DIR:-$ROOT/.data}"
cd "$ENV_DIR"
# Memory: a small initial heap (-Xms32m: without it the JVM starts at 1/64 of the RAM, 384 MiB on a
# 24 GiB machine, and the serial collector spreads promoted garbage over all of it: 316-335 MiB resident
# while the engine sends instead of 219 MiB), small thread stacks, capped metaspace and
# code cache, the serial collector (no per-core GC threads and buffers), 2 malloc arenas, a heap that
# gives back what it does not use (free ratios 10-25 %), where the JVM has it (17.0.9+) a native heap
# trimmed every 5 s, and the C1 compiler only (TieredStopAtLevel=1): measured on the engine benchmark,
# RSS 242 MiB instead of 298 MiB with the same dispatch rate and webhook throughput; a CSV import of
# 1,000,000 rows takes ≈ 13 % longer (docs/benchmarks/engine.md). JAVA_OPTS replaces all of it.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
DEFAULT_JAVA_OPTS="-Xms32m -Xmx512m -Xss512k -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC"
DEFAULT_JAVA_OPTS="$DEFAULT_JAVA_OPTS -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25"
if [ -z "${JAVA_OPTS:-}" ] && java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
  DEFAULT_JAVA_OPTS="$DEFAULT_JAVA_OPTS -XX:TrimNativeHeapInterval=5000"
fi
exec java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$ROOT/$JAR" "$@"
