// End-to-end journeys of the dashboard in Debian's Chromium (playwright-core), against the real
// backend. Screenshots of every page go to test-results/e2e/. Prints "N passed, N failed".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { artifacts, startServers } from './servers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--lang=fr-FR', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SUPER = { email: 'superadmin@chatbot.local', password: 'SuperAdmin2024!' };
const stamp = Date.now().toString(36);
const NEW_USER = { email: `e2e-${stamp}@example.com`, name: 'Awa Traoré', temp: 'Temporaire-2026', final: 'Definitif-2026x' };
const SIDEBAR = [
  ['/', 'Tableau de bord'], ['/categories', 'Catégories'], ['/contacts', 'Contacts'], ['/campaigns', 'Campagnes'],
  ['/messages', 'Messages'], ['/conversations', 'Conversations'], ['/statistics', 'Statistiques'], ['/monitoring', 'Monitoring'],
  ['/users', 'Utilisateurs'], ['/audit-log', 'Journal d’audit'], ['/settings', 'Paramètres'], ['/simulator', 'Simulateur'],
];

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Console errors and failed requests seen since the last reset. */
function watch(page) {
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`));
  return {
    take() {
      return problems.splice(0);
    },
  };
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function signIn(page, web, { email, password }) {
  await page.goto(`${web}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
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

  const steps = [
    ['sign-in page refuses a wrong password with a clear message', async () => {
      await signIn(page, web, { email: SUPER.email, password: 'wrong-password-1' });
      await page.getByRole('alert').filter({ hasText: /identifiants|incorrect|invalide/i }).waitFor();
      await shot(page, '01-sign-in-refused');
      seen.take();
    }],
    ['the super admin signs in and lands on the dashboard', async () => {
      await signIn(page, web, SUPER);
      await page.getByText('Bienvenue, Super').waitFor();
      await shot(page, '02-home');
    }],
    ['a guarded page asked for while signed out comes back after sign-in', async () => {
      await context.clearCookies();
      await page.evaluate(() => localStorage.removeItem('relais.session'));
      await page.goto(`${web}/users?role=admin`);
      await page.waitForURL(/\/sign-in\?redirect=/);
      await page.getByLabel('Adresse e-mail').fill(SUPER.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(SUPER.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/users\?role=admin/);
      await page.getByRole('heading', { name: 'Utilisateurs' }).waitFor();
      seen.take();
    }],
    ['the super admin creates a user', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Utilisateurs' }).click();
      await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('E-mail').fill(NEW_USER.email);
      await dialog.getByLabel('Nom complet').fill(NEW_USER.name);
      await dialog.getByLabel('Mot de passe provisoire').fill(NEW_USER.temp);
      await shot(page, '03-users-create');
      await dialog.getByRole('button', { name: 'Créer l’utilisateur' }).click();
      await page.getByRole('status').filter({ hasText: NEW_USER.email }).waitFor();
      await page.getByRole('cell', { name: NEW_USER.name }).waitFor();
      await shot(page, '04-users');
    }],
    ['switching to English is remembered across a reload, then back to French', async () => {
      await page.getByRole('button', { name: 'en', exact: true }).click();
      await page.getByRole('heading', { name: 'Users' }).waitFor();
      await page.reload();
      // Before the refresh cookie lands, a reload ends the in-memory session: the sign-in page must be English then.
      await page.getByRole('link', { name: 'Audit log' }).or(page.getByRole('heading', { name: 'Sign in' })).waitFor();
      assert((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang is not en after reload');
      await shot(page, '05-english-after-reload');
      await page.getByRole('button', { name: 'fr', exact: true }).click();
      if (page.url().includes('/sign-in')) {
        await page.getByRole('heading', { name: 'Connexion' }).waitFor();
        await page.getByLabel('Adresse e-mail').fill(SUPER.email);
        await page.getByLabel('Mot de passe', { exact: true }).fill(SUPER.password);
        await page.getByRole('button', { name: 'Se connecter' }).click();
      }
      await page.getByRole('link', { name: 'Journal d’audit' }).waitFor();
    }],
    ['every page of the sidebar opens with no console error and no failed request', async () => {
      seen.take();
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      for (const [path, label] of SIDEBAR) {
        const link = nav.getByRole('link', { name: label, exact: true });
        if (path === '/simulator' && (await link.count()) === 0) continue;
        await link.click();
        await page.waitForURL((u) => u.pathname === path);
        await page.getByRole('heading', { level: 1, name: path === '/' ? /^Bienvenue/ : label }).waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForSelector('[aria-busy="true"]', { state: 'detached' });
        await shot(page, `page${path === '/' ? '-home' : path.replace(/\//g, '-')}`);
        const problems = seen.take();
        assert(problems.length === 0, `${path}: ${problems.join('; ')}`);
      }
    }],
    ['the session survives a reload (refresh cookie)', async () => {
      const cookies = await context.cookies();
      if (!cookies.some((c) => c.name === 'relais_refresh')) return 'skip: the backend does not set the relais_refresh cookie yet (session contract not merged)';
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paramètres' }).click();
      await page.reload();
      await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
      assert(!page.url().includes('/sign-in'), 'sent to sign-in after a reload');
    }],
    ['the super admin signs out', async () => {
      await page.locator('aside').getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/sign-in/);
      await page.getByText('Vous êtes déconnecté.').waitFor();
      seen.take();
    }],
    ['the new user must change the temporary password, then sees an admin’s navigation', async () => {
      await signIn(page, web, { email: NEW_USER.email, password: NEW_USER.temp });
      await page.waitForURL(/\/password/);
      await page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
      await shot(page, '06-forced-password');
      await page.getByLabel('Mot de passe actuel').fill(NEW_USER.temp);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_USER.final);
      await page.getByLabel('Confirmez le nouveau mot de passe').fill(NEW_USER.final);
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await page.getByText('Bienvenue, Awa').waitFor();
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      assert((await nav.getByRole('link', { name: 'Utilisateurs' }).count()) === 0, 'an admin sees the Users link');
      await nav.getByRole('link', { name: 'Paramètres' }).waitFor();
      await shot(page, '07-admin-home');
    }],
    ['on a phone the sidebar is a drawer', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
      await page.getByRole('dialog').getByRole('link', { name: 'Paramètres' }).click();
      await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
      await shot(page, '08-phone-settings');
      await page.setViewportSize({ width: 1366, height: 860 });
    }],
    ['the new user signs out', async () => {
      await page.getByRole('button', { name: 'Awa Traoré' }).click();
      await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      await shot(page, '09-signed-out');
    }],
  ];

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
