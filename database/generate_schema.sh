#!/usr/bin/env bash
# Regenerates database/schema.sql from the Flyway migrations, in version order.
# schema.sql is what the migrations create, for people who set a database up by hand (psql -f);
# SchemaFileTest fails when it is stale: run this script after adding a migration.
set -euo pipefail
cd "$(dirname "$0")"
{
  echo "-- Relais database schema: GENERATED from database/migrations by generate_schema.sh. Do not edit."
  echo "-- Apply on an empty database: psql \"\$DATABASE_URL\" -f database/schema.sql"
  echo
  for f in $(ls migrations/V*__*.sql | sed -E 's#^migrations/V([0-9_]+)__.*#\1 &#' | sort -t_ -k1,1n -k2,2n | awk '{print $2}'); do
    echo "-- ===== $(basename "$f") ====="
    cat "$f"
    echo
  done
} > schema.sql
echo "database/schema.sql regenerated from $(ls migrations/V*__*.sql | wc -l) migration(s)"
