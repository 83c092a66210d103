# Sourced by the benchmarks that share the 1,000,000-contact data directory (bench/contacts/search.sh,
# export.sh, bench/dashboard/contacts-search.sh): ports, paths, the packaged jar (built if absent),
# and helpers to wait for the API and to load the contacts (generate.sql loads them once per DATA).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATA=${DATA:-/tmp/relais-bench-contacts}
PG_PORT=${PG_PORT:-15539}
REDIS_PORT=${REDIS_PORT:-16479}
PORT=${PORT:-18190}
PSQL=${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}
JAR=backend/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || (cd backend && mvn -B -ntp -q package -DskipTests)

# wait_api SECONDS [LOG]: until /api/health answers, else the end of the log (DATA/app.log) and exit 1.
wait_api() {
  for _ in $(seq 1 "$1"); do curl -sf "http://localhost:$PORT/api/health" > /dev/null && return; sleep 1; done
  tail -50 "${2:-$DATA/app.log}"; exit 1
}

# load_contacts: the 1M contacts (a no-op when DATA already holds them), then the machine's state.
load_contacts() {
  export PGPASSWORD=postgres
  time "$PSQL" -h localhost -p "$PG_PORT" -U postgres -d relais -v ON_ERROR_STOP=1 -f bench/contacts/generate.sql
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)"
}
