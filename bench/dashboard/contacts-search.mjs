// Times searches in the dashboard's contacts page (Chromium): from the last key typed to the table showing
// that search's results — the debounce (DEBOUNCE_MS, the page's: 120 ms), the request (the previous one aborted) and the render.
// Usage: node bench/dashboard/contacts-search.mjs <dashboard origin> [searches=20]  (see contacts-search.sh)
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The contacts page's debounce (contacts-page.tsx): part of what a user waits for. */
const DEBOUNCE_MS = Number(process.env.DEBOUNCE_MS ?? 120);

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '../../frontend');
const { chromium } = createRequire(join(frontend, 'package.json'))('playwright-core');
const web = process.argv[2];
const searches = Number(process.argv[3] ?? 20);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--lang=fr-FR'];
// Names, name + first name, digits, whole numbers: what people type (the generator's first and last names).
const TERMS = ['durand', 'zinsou', 'koffi gbaguidi', 'mensah', 'lefebvre', 'hounkpatin', 'emma martin', 'dossou', 'kiki',
  'aïcha', 'bonnet', 'tossou', 'léa moreau', 'azonhiho', 'sossa', 'chloé', 'agossou', 'fournier', 'roux', 'dupont'];

const profile = mkdtempSync(join(tmpdir(), 'relais-bench-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, headless: true, viewport: { width: 1366, height: 900 }, locale: 'fr-FR',
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.setDefaultTimeout(60_000);
const times = [];
const apiTimes = [];
try {
  await page.goto(`${web}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill('superadmin@chatbot.local');
  await page.getByLabel('Mot de passe', { exact: true }).fill('SuperAdmin2024!');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(/^Bienvenue/).first().waitFor();
  await page.goto(`${web}/contacts`);
  await page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(5).waitFor();
  const box = page.getByRole('searchbox', { name: 'Rechercher' });
  for (let i = 0; i < searches + 1; i++) {
    const term = TERMS[i % TERMS.length];
    await box.fill('');
    await page.waitForFunction(() => document.querySelector('[data-shown-q=""]'));
    // Types the term; the clock starts at the last key and stops on the first frame where the URL holds the
    // term and the table is no longer showing the previous results (aria-busy false).
    const ms = await page.evaluate(async (t) => {
      const input = document.querySelector('input[type="search"]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      for (const ch of t) {
        setter.call(input, input.value + ch);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 60));
      }
      const t0 = performance.now();
      // The table's card says which search its rows (or its empty state) answer, once they are no longer stale.
      return new Promise((done) => {
        setTimeout(() => done(Number.POSITIVE_INFINITY), 30_000); // counted as a failure, not waited for ever
        const tick = () => {
          if (document.querySelector(`[data-shown-q="${CSS.escape(t)}"]`)) done(performance.now() - t0);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }, term);
    // The API's share: the resource timing of this search's GET /api/contacts (request sent → last byte).
    const api = await page.evaluate((t) => {
      const mine = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/contacts?') && new URL(e.name).searchParams.get('q') === t);
      performance.clearResourceTimings();
      return mine.length ? mine[mine.length - 1].duration : NaN;
    }, term);
    if (i > 0) {
      times.push(ms); // the first search warms the JIT and PostgreSQL's caches
      apiTimes.push(api);
    }
    console.log(`  ${term.padEnd(16)} ${Math.round(ms)} ms  (API ${Math.round(api)} ms)`);
  }
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
console.log(`search → results over ${times.length} searches: p50 ${Math.round(q(times, 0.5))} ms, p95 ${Math.round(q(times, 0.95))} ms, max ${Math.round(Math.max(...times))} ms (${DEBOUNCE_MS} ms of it is the debounce)`);
console.log(`of which the API request (resource timing): p50 ${Math.round(q(apiTimes, 0.5))} ms, p95 ${Math.round(q(apiTimes, 0.95))} ms`);
const rest = times.map((x, i) => x - DEBOUNCE_MS - apiTimes[i]);
console.log(`the rest (URL update, React render, paint; debounce and API removed): p50 ${Math.round(q(rest, 0.5))} ms, p95 ${Math.round(q(rest, 0.95))} ms`);
console.log(`load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
