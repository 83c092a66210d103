// End-to-end journeys of the dashboard in Debian's Chromium (playwright-core), against the real
// backend. Each file of e2e/journeys/ is one journey (run in name order, in one tab); E2E_ONLY=name
// runs the journeys whose file name contains it. Screenshots go to test-results/e2e/.
// Prints "N passed, N failed".
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { shot, watch } from './lib.mjs';
import { artifacts, startServers } from './servers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--lang=fr-FR', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function loadSteps(ctx) {
  const dir = new URL('./journeys/', import.meta.url);
  const only = process.env.E2E_ONLY;
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (!only || f.includes(only))).sort();
  const all = [];
  for (const f of files) {
    const mod = await import(new URL(f, dir).href);
    for (const [name, fn] of mod.default(ctx)) all.push([`${f.replace(/\.mjs$/, '')}: ${name}`, fn]);
  }
  return all;
}

async function main() {
  const servers = await startServers();
  const stopOnSignal = () => void servers.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
  const profile = mkdtempSync(join(tmpdir(), 'relais-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1366, height: 860 }, locale: 'fr-FR',
    });
  } catch (e) {
    await servers.stop();
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const seen = watch(page);
  const { web } = servers;
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  const steps = await loadSteps({ page, context, web, api: servers.api, seen, servers });

  try {
    for (const [name, fn] of steps) {
      const t0 = Date.now();
      try {
        const result = await fn();
        if (typeof result === 'string' && result.startsWith('skip')) {
          skipped++;
          console.log(`  - ${name} (${result})`);
        } else {
          passed++;
          console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
        }
      } catch (e) {
        failed++;
        console.log(`  ✗ ${name}\n    ${String(e.message ?? e).split('\n').join('\n    ')}`);
        await shot(page, `failed-${passed + failed}`).catch(() => {});
        break;
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await servers.stop();
  }
  const notRun = steps.length - passed - failed - skipped;
  console.log(`e2e: ${passed} passed, ${failed + notRun} failed${skipped ? `, ${skipped} skipped` : ''}`);
  console.log(`Screenshots and server logs: ${artifacts}`);
  process.exit(failed + notRun > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
