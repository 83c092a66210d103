#!/usr/bin/env bash
# Serves the dashboard on http://localhost:3000 with /api proxied to the backend (same origin: the
# HttpOnly refresh cookie works and no CORS is needed). API_URL overrides the backend address
# (default http://localhost:8000), PORT the dashboard's port. Installs its packages when the lockfile
# changed. Needs Node.js 20.19+ (npm comes with it).
set -euo pipefail
cd "$(dirname "$0")/frontend"

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js 20.19+ is needed: https://nodejs.org (or your system's package manager)." >&2
  exit 1
fi
# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing the dashboard's packages (npm ci)"
  npm ci --no-audit --no-fund
fi

export API_URL="${API_URL:-http://localhost:8000}"
export PORT="${PORT:-3000}"
echo "==> Dashboard on http://localhost:${PORT} (API: ${API_URL})"
exec ./node_modules/.bin/vite --port "$PORT" --strictPort
