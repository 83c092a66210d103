#!/usr/bin/env bash
# Runs the whole product: the API (embedded PostgreSQL and Redis, the Twilio simulator) and the
# dashboard. Prints the address and the seeded sign-in; Ctrl-C stops both.
# API_PORT (default 8000) and PORT (default 3000) choose the ports.
set -euo pipefail
cd "$(dirname "$0")"
API_PORT="${API_PORT:-8000}"
WEB_PORT="${PORT:-3000}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

PORT="$API_PORT" ./start_backend.sh &
pids+=($!)
API_URL="http://localhost:${API_PORT}" PORT="$WEB_PORT" ./start_frontend.sh &
pids+=($!)

# Wait for the API (the first run builds it and downloads dependencies: a few minutes).
for _ in $(seq 1 900); do
  if curl -fsS "http://localhost:${API_PORT}/api/health/ready" >/dev/null 2>&1; then
    cat <<MSG

  Relais is running:  http://localhost:${WEB_PORT}
  Sign in with        superadmin@chatbot.local / SuperAdmin2024!   (super admin)
                 or   admin@chatbot.local / Admin2024!             (admin)
  API documentation:  http://localhost:${API_PORT}/api/docs
  Ctrl-C stops everything.

MSG
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A server stopped during start-up (see above)." >&2; exit 1; }
  done
  sleep 1
done
wait -n "${pids[@]}"
