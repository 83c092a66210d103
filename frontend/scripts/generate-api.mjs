// Refreshes the committed OpenAPI snapshot (openapi/relais.json) and the types generated from it
// (src/shared/api/schema.d.ts). Source, first found wins:
//   1. OPENAPI_URL, or API_URL + /api/openapi (a running backend), when one of them is set;
//   2. ../backend/target/openapi/openapi.json (written by the backend's build);
//   3. http://localhost:8000/api/openapi.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = resolve(root, '../backend/target/openapi/openapi.json');
const snapshot = resolve(root, 'openapi/relais.json');

/** Sorted keys: the build and the running server write the same spec with keys in different orders. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

/** The contract only: `servers` says where one build happened to run, not what the API is. */
export function normalize(spec) {
  const contract = { ...spec };
  delete contract.servers;
  return JSON.stringify(sortKeys(contract), null, 2) + '\n';
}

async function readSpec() {
  const url = process.env.OPENAPI_URL ?? (process.env.API_URL ? `${process.env.API_URL}/api/openapi` : undefined);
  if (!url && existsSync(built)) {
    console.log(`Reading ${built}`);
    return JSON.parse(readFileSync(built, 'utf8'));
  }
  const from = url ?? 'http://localhost:8000/api/openapi';
  console.log(`Reading ${from}`);
  const res = await fetch(from, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${from} answered ${res.status}`);
  return res.json();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const spec = await readSpec();
  writeFileSync(snapshot, normalize(spec));
  execFileSync(
    resolve(root, 'node_modules/.bin/openapi-typescript'),
    [snapshot, '-o', resolve(root, 'src/shared/api/schema.d.ts')],
    { stdio: 'inherit' },
  );
  console.log('Updated openapi/relais.json and src/shared/api/schema.d.ts');
}
