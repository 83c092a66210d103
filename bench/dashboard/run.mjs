// Dashboard benchmark: the build's initial JavaScript (gzip) and the sign-in page's first contentful
// paint on localhost, in Debian's Chromium with a cold cache each run.
// Usage: node bench/dashboard/run.mjs [runs=15]   (from the repository root; builds frontend/ first)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '../../frontend');
const { chromium } = createRequire(join(frontend, 'package.json'))('playwright-core');
const runs = Number(process.argv[2] ?? 15);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => ok(p));
  });
});

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: frontend, stdio: 'inherit' });
const bundle = JSON.parse(execFileSync('node', ['scripts/report-bundle.mjs', '--json'], { cwd: frontend }).toString());

const preview = spawn(join(frontend, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort'], { cwd: frontend, stdio: 'ignore', detached: true });
const url = `http://localhost:${port}/sign-in`;
for (let i = 0; i < 60; i++) {
  try {
    if ((await fetch(url)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 250));
  }
}

const fcp = [];
const domContentLoaded = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'relais-bench-'));
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, headless: true });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const m = await page.evaluate(
      () =>
        new Promise((done) => {
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (!entry) return;
            observer.disconnect();
            done({ fcp: entry.startTime, dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN });
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    if (i > 0) {
      // The first run warms the OS file cache and the preview server; it is not counted.
      fcp.push(m.fcp);
      domContentLoaded.push(m.dcl);
    }
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
} finally {
  process.kill(-preview.pid, 'SIGTERM');
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const ms = (x) => `${Math.round(x)} ms`;
console.log(`initial JS (gzip): ${bundle.initialGzipKB} KB in ${bundle.initialFiles} file(s) (budget ${bundle.budgetKB} KB); all JS ${bundle.allGzipKB} KB in ${bundle.chunks} chunks`);
console.log(`sign-in FCP over ${runs} cold loads: median ${ms(q(fcp, 0.5))}, p90 ${ms(q(fcp, 0.9))}, min ${ms(Math.min(...fcp))}, max ${ms(Math.max(...fcp))}`);
console.log(`DOMContentLoaded: median ${ms(q(domContentLoaded, 0.5))}`);
console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
