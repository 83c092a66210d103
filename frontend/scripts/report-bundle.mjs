// Reports the initial JavaScript (what index.html loads before any route chunk), gzip-compressed,
// and fails the build above the budget. Usage: node scripts/report-bundle.mjs [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 200;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const size = (f) => gzipSync(readFileSync(resolve(dist, f)), { level: 9 }).length;
const initialGz = initial.reduce((sum, f) => sum + size(f), 0);
const all = readdirSync(resolve(dist, 'assets')).filter((f) => f.endsWith('.js'));
const allGz = all.reduce((sum, f) => sum + size(`assets/${f}`), 0);
const kb = (b) => (b / 1024).toFixed(1);
const report = { initialFiles: initial.length, initialGzipKB: Number(kb(initialGz)), chunks: all.length, allGzipKB: Number(kb(allGz)), budgetKB: BUDGET_KB };
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
else console.log(`Initial JS (gzip): ${kb(initialGz)} KB in ${initial.length} file(s) — budget ${BUDGET_KB} KB; all JS: ${kb(allGz)} KB in ${all.length} chunks`);
if (initialGz > BUDGET_KB * 1024) {
  console.error(`Initial JS over budget: ${kb(initialGz)} KB > ${BUDGET_KB} KB`);
  process.exit(1);
}
