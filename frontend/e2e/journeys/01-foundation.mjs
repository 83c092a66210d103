// The foundation: signing in and out, users, language, every page of the sidebar, the phone drawer.
import { assert, shot, signIn, SUPER } from '../lib.mjs';

const stamp = Date.now().toString(36);
const NEW_USER = { email: `e2e-${stamp}@example.com`, name: 'Awa Traoré', temp: 'Temporaire-2026', final: 'Definitif-2026x' };
const SIDEBAR = [
  ['/', 'Tableau de bord'], ['/categories', 'Catégories'], ['/contacts', 'Contacts'], ['/campaigns', 'Campagnes'],
  ['/messages', 'Messages'], ['/conversations', 'Conversations'], ['/statistics', 'Statistiques'], ['/monitoring', 'Monitoring'],
  ['/users', 'Utilisateurs'], ['/audit-log', 'Journal d’audit'], ['/settings', 'Paramètres'], ['/simulator', 'Simulateur'],
];

/** @param {import('../lib.mjs').Ctx} ctx */
export default function steps({ page, context, web, seen }) {
  return [
    ['sign-in page refuses a wrong password with a clear message', async () => {
      await signIn(page, web, { email: SUPER.email, password: 'wrong-password-1' });
      await page.getByRole('alert').filter({ hasText: /identifiants|incorrect|invalide/i }).waitFor();
      await shot(page, '01-sign-in-refused');
      seen.take();
    }],
    ['the super admin signs in and lands on the dashboard', async () => {
      await signIn(page, web, SUPER);
      await page.getByText('Bienvenue, Super').waitFor();
      // The tab's event stream is open (ticket, then EventSource through the same origin).
      await page.getByRole('status').filter({ hasText: 'En direct' }).waitFor();
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
    ['a second tab shares the session, and signing out in one signs out the other', async () => {
      const other = await context.newPage();
      try {
        await other.goto(`${web}/audit-log`);
        await other.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
        assert(!other.url().includes('/sign-in'), 'the second tab was sent to sign-in');
        await other.locator('aside').getByRole('button', { name: 'Se déconnecter' }).click();
        await other.waitForURL(/\/sign-in/);
        // The first tab hears it (BroadcastChannel) and leaves the page without a click.
        await page.waitForURL(/\/sign-in/);
        await page.getByRole('heading', { name: 'Connexion' }).waitFor();
        await shot(page, '08b-signed-out-by-other-tab');
      } finally {
        await other.close();
      }
      await signIn(page, web, SUPER);
      await page.getByText('Bienvenue, Super').waitFor();
      seen.take();
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
}
