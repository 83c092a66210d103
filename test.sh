#!/usr/bin/env bash
# Runs every test of the project: the backend's (JUnit 5 + RestAssured on real embedded PostgreSQL
# and Redis), then the dashboard's: type check, lint (import boundaries), unit tests (Vitest +
# Testing Library + MSW) and the end-to-end journeys in Chromium against the real backend jar.
# Needs a JDK 17+, Maven, Node.js 20.19+ and Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Backend tests"
(cd backend && mvn -B -ntp ${MAVEN_ARGS:-} verify)

echo "==> Frontend tests"
cd frontend
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run typecheck
npm run lint
npm test
if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "==> End-to-end tests skipped (SKIP_E2E=1)"
else
  echo "==> End-to-end tests (Chromium, real backend)"
  npm run test:e2e
fi
