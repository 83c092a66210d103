// What every journey shares: assertions, screenshots, signing in, watching the console.
import { join } from 'node:path';
import { artifacts } from './servers.mjs';

export const SUPER = { email: 'superadmin@chatbot.local', password: 'SuperAdmin2024!' };

/**
 * @typedef {object} Ctx
 * @property {import('playwright-core').Page} page the one tab every journey drives
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} web the dashboard's origin
 * @property {string} api the backend's origin (for setup through the API, and the simulator)
 * @property {{ take(): string[] }} seen console errors and failed requests since the last take()
 * @property {{ restartBackend(): Promise<void> }} servers
 */

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Console errors and failed requests seen since the last reset. */
export function watch(page) {
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

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

export async function signIn(page, web, { email, password }) {
  await page.goto(`${web}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs in as the super admin unless already signed in, and waits for the home page. */
export async function ensureSignedIn(page, web) {
  await page.goto(`${web}/`);
  // The URL alone says nothing yet: the guard redirects to sign-in only after the session check.
  const home = page.getByText(/^Bienvenue/).first();
  const signInHeading = page.getByRole('heading', { name: 'Connexion' });
  await home.or(signInHeading).waitFor();
  if (await signInHeading.isVisible()) await signIn(page, web, SUPER);
  await home.waitFor();
}

/** A bearer token for setting data up through the API (not for what a journey proves in the page). */
export async function apiToken(api, { email, password } = SUPER) {
  const res = await fetch(`${api}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login for setup failed: ${res.status}`);
  return (await res.json()).accessToken;
}
