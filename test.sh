#!/usr/bin/env bash
# Runs every test of the project: the backend's (JUnit 5 + RestAssured on real embedded PostgreSQL
# and Redis), then the frontend's when it exists. Needs a JDK 17+ and Maven; nothing else.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Backend tests"
(cd backend && mvn -B -ntp ${MAVEN_ARGS:-} verify)

if [ -f frontend/package.json ]; then
  echo "==> Frontend tests"
  (cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm test)
fi
