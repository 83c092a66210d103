// Fails when the committed spec snapshot is stale against the backend's build output.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalize } from './generate-api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = resolve(root, '../backend/target/openapi/openapi.json');
const present = existsSync(built);

describe('OpenAPI snapshot', () => {
  if (!present) {
    console.warn(`SKIPPED: ${built} is absent (build the backend first); the snapshot was not checked.`);
  }
  it.skipIf(!present)('matches the spec the backend builds (run `npm run api:generate` when it fails)', () => {
    const committed = readFileSync(resolve(root, 'openapi/relais.json'), 'utf8');
    const current = normalize(JSON.parse(readFileSync(built, 'utf8')));
    expect(committed === current, 'openapi/relais.json is stale: run `npm run api:generate`').toBe(true);
  });
});
