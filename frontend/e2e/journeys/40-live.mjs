// The live pages against the real backend and its simulator: a campaign goes out, a contact answers
// from the simulator page, the conversation shows the reply and Message 2 arrive without a reload,
// an admin answers inside the 24 h window; home, statistics and monitoring show the same figures
// as the campaign's funnel; the backend restarts and the page recovers its live stream.
import { apiToken, assert, shot, signIn, SUPER } from '../lib.mjs';

const stamp = Date.now().toString(36);
// In the block of the docs' example number (+33 6 39 98 85 66), which the numbering plan accepts.
const tail = String(Date.now()).slice(-3, -1);
const PHONES = { awa: `+3363998${tail}01`, binta: `+3363998${tail}02`, chris: `+3363998${tail}03` };
const CAMPAIGN = `Live ${stamp}`;
const REPLY = `Oui, je veux bien ${stamp}`;
const MANUAL = `Merci Awa, voici le lien ${stamp}`;
const pct = (r) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(r);
const num = (n) => new Intl.NumberFormat('fr-FR').format(n);

/** Polls `fn` until it returns a truthy value (the figures settle within a few seconds). */
async function until(fn, what, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out: ${what}`);
}

/**
 * Signed in as the super admin, on the home page. (lib's ensureSignedIn reads the URL right after
 * goto('/'), before the client-side redirect to /sign-in: it then waits for a home that never comes.)
 */
async function signedIn(page, web) {
  await page.goto(`${web}/`);
  const home = page.getByRole('heading', { level: 1, name: /^Bienvenue/ });
  await home.or(page.getByRole('heading', { name: 'Connexion' })).waitFor();
  if (!(await home.isVisible())) {
    await signIn(page, web, SUPER);
    await home.waitFor();
  }
}

/** @param {import('../lib.mjs').Ctx} ctx */
export default function steps({ page, context, web, api, seen, servers }) {
  let token;
  const ids = {};
  const call = async (method, path, body) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const funnel = () => call('GET', `/api/campaigns/${ids.campaign}/stats`);
  let simulator;

  return [
    ['set up contacts, a category and a campaign through the API, one number unreachable', async () => {
      await signedIn(page, web);
      token = await apiToken(api);
      ids.category = (await call('POST', '/api/categories', { name: `Live ${stamp}`, colour: '#10B981' })).id;
      const people = [['awa', 'Awa', 'Diallo'], ['binta', 'Binta', 'Sow'], ['chris', 'Chris', 'Martin']];
      for (const [key, firstName, lastName] of people) {
        ids[key] = (await call('POST', '/api/contacts', { phone: PHONES[key], country: 'FR', firstName, lastName })).id;
      }
      await call('POST', `/api/categories/${ids.category}/contacts`, { ids: [ids.awa, ids.binta, ids.chris] });
      await call('PUT', `/api/simulator/phones/${encodeURIComponent(PHONES.chris)}`, { behaviour: 'unreachable' });
      ids.campaign = (
        await call('POST', '/api/campaigns', {
          name: CAMPAIGN, categoryIds: [ids.category],
          message1Body: 'Bonjour {{first_name}} ! Notre offre de décembre est là. Intéressé(e) ?',
          message2Body: 'Merci de votre réponse, voici les détails : relais.example/offre',
        })
      ).id;
    }],
    ['the conversation is open before anything happens (no window yet)', async () => {
      await page.goto(`${web}/conversations?contact=${ids.awa}`);
      await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
      await page.getByText('Aucun message avec ce contact.').waitFor();
      await page.getByRole('status').filter({ hasText: 'En direct' }).waitFor();
      await call('POST', `/api/campaigns/${ids.campaign}/launch`);
      // Message 1 arrives live, then its ticks turn blue (read by the simulated phone).
      const thread = page.getByRole('list', { name: 'Fil de la conversation' });
      await thread.locator('li[data-kind="message_1"]').waitFor();
      await thread.locator('li[data-kind="message_1"][data-status="read"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-window="never"]').waitFor();
      await shot(page, '40-thread-message-1');
    }],
    ['the contact replies from the simulator page; the reply and Message 2 appear live in the conversation', async () => {
      simulator = await context.newPage();
      await simulator.goto(`${web}/simulator?phone=${encodeURIComponent(PHONES.awa)}`);
      await simulator.getByRole('heading', { level: 1, name: 'Simulateur' }).waitFor();
      const phone = simulator.getByRole('region', { name: `Téléphone de ${PHONES.awa}` });
      await phone.getByText('Bonjour Awa ! Notre offre de décembre est là.').waitFor();
      await phone.getByLabel('Répondre en tant que ce contact').fill(REPLY);
      await phone.getByRole('button', { name: 'Envoyer' }).click();
      await phone.getByText(REPLY).waitFor();
      // Message 2 reaches the simulated phone too.
      await phone.getByText('Merci de votre réponse, voici les détails').waitFor({ timeout: 30_000 });
      await shot(simulator, '40-simulator-phone');

      const thread = page.getByRole('list', { name: 'Fil de la conversation' });
      await thread.locator('li[data-direction="inbound"]').filter({ hasText: REPLY }).waitFor();
      await thread.locator('li[data-kind="message_2"]').waitFor({ timeout: 30_000 });
      await thread.locator('li[data-kind="message_2"][data-status="read"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-window="open"]').filter({ hasText: /Fenêtre de réponse ouverte/ }).waitFor();
      // The inbox lists Awa, who wrote.
      await page.getByRole('list', { name: 'Conversations' }).getByText('Awa Diallo').waitFor();
      await shot(page, '41-thread-reply-and-message-2');
    }],
    ['the admin answers inside the window; the manual reply goes out and is read', async () => {
      await page.getByLabel('Votre réponse').fill(MANUAL);
      await page.getByRole('button', { name: 'Envoyer' }).click();
      const thread = page.getByRole('list', { name: 'Fil de la conversation' });
      await thread.locator('li[data-kind="manual"]').filter({ hasText: MANUAL }).waitFor();
      await thread.locator('li[data-kind="manual"][data-status="read"]').waitFor({ timeout: 30_000 });
      await shot(page, '42-thread-manual-reply');
      // And the simulated phone received it.
      await simulator.getByText(MANUAL).waitFor({ timeout: 15_000 });
    }],
    ['the behaviour switches of the simulator page change a number', async () => {
      await simulator.goto(`${web}/simulator?phone=${encodeURIComponent(PHONES.binta)}`);
      await simulator.getByRole('radio', { name: /Pas sur WhatsApp \(63024\)/ }).check();
      await simulator.getByRole('status').filter({ hasText: PHONES.binta }).waitFor();
      const phones = await call('GET', '/api/simulator/phones?size=100');
      assert(phones.items.find((p) => p.phone === PHONES.binta)?.behaviour === 'not_on_whatsapp', 'behaviour not saved');
      await simulator.getByRole('radio', { name: /Normal/ }).check();
      await until(async () => (await call('GET', '/api/simulator/phones?size=100')).items.find((p) => p.phone === PHONES.binta)?.behaviour === 'ok', 'behaviour back to ok');
      await shot(simulator, '43-simulator-behaviours');
      await simulator.close();
    }],
    ['the campaign settles: 2 delivered and read, 1 undelivered (30003), 1 reply, Message 2 sent', async () => {
      const f = await until(async () => {
        const s = await funnel();
        return s.sent + s.failed === 3 && s.read === 2 && s.message2Sent === 1 && s.replied === 1 ? s : null;
      }, 'campaign funnel', 60_000);
      assert(f.failures.some((x) => x.errorCode === 30003), `no 30003 in ${JSON.stringify(f.failures)}`);
    }],
    ['home shows the same figures as the API and the campaign funnel', async () => {
      await page.goto(`${web}/?period=today`);
      await page.getByRole('heading', { level: 1, name: /^Bienvenue/ }).waitFor();
      const f = await funnel();
      await until(async () => {
        const o = await call('GET', '/api/stats/overview?period=today');
        // Every outbound message of this run: Message 1 (sent + failed), Message 2, the manual reply.
        if (o.sent < f.sent + f.message2Sent + 1 || o.failed < f.failed) return false;
        const sent = await page.locator('[data-kpi="Messages envoyés"]').textContent();
        const rate = await page.locator('[data-kpi="Taux de remise"]').textContent();
        return sent === num(o.sent) && rate === pct(o.deliveryRate);
      }, 'home KPIs equal to /api/stats/overview', 30_000);
      await page.getByRole('list', { name: 'Derniers messages' }).getByText(MANUAL).waitFor();
      await page.locator('[data-chart="line"]').waitFor();
      await page.locator('[data-chart="pie"]').waitFor();
      await page.getByRole('meter', { name: 'Quota du jour' }).waitFor();
      await shot(page, '44-home');
      // A message arrives while the page is open: the latest messages follow, no reload.
      await call('POST', '/api/simulator/inbound', { from: PHONES.awa, body: `Encore merci ${stamp}` });
      await page.getByRole('list', { name: 'Derniers messages' }).getByText(`Encore merci ${stamp}`).waitFor({ timeout: 15_000 });
    }],
    ['statistics compare the campaign with the rates of its funnel, and explain the 30003 failure', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Statistiques' }).click();
      await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
      const f = await funnel();
      const row = page.locator(`li[data-campaign="${CAMPAIGN}"]`);
      await row.waitFor();
      for (const [key, value] of [['deliveryRate', f.deliveryRate], ['readRate', f.readRate], ['replyRate', f.replyRate], ['failureRate', f.failureRate]]) {
        const shown = await row.locator(`[data-rate="${key}"]`).textContent();
        assert(shown === pct(value), `${key}: page ${shown}, funnel ${pct(value)}`);
      }
      await page.getByLabel('Portée').selectOption({ label: CAMPAIGN });
      const failures = page.getByRole('list', { name: 'Échecs par code d’erreur' });
      await failures.getByText('Code 30003').waitFor();
      await page.getByRole('radio', { name: '7 jours' }).click();
      await page.waitForURL(/days=7/);
      await shot(page, '45-statistics');
    }],
    ['the monitoring page moves when a new campaign sends', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Monitoring' }).click();
      await page.getByRole('heading', { level: 1, name: 'Monitoring' }).waitFor();
      const meter = page.getByRole('meter', { name: 'Quota du jour' });
      await meter.waitFor();
      const before = Number(await meter.getAttribute('aria-valuenow'));
      await page.getByRole('table', { name: 'Erreurs des dernières 24 h' }).getByRole('cell', { name: '30003' }).waitFor();
      await shot(page, '46-monitoring-before');
      const again = (
        await call('POST', '/api/campaigns', { name: `${CAMPAIGN} bis`, categoryIds: [ids.category], message1Body: 'Bonjour {{first_name}}, petit rappel.' })
      ).id;
      await call('POST', `/api/campaigns/${again}/launch`);
      await until(async () => Number(await meter.getAttribute('aria-valuenow')) >= before + 3, 'quota used moves live', 30_000);
      await shot(page, '47-monitoring-after');
      const problems = seen.take().filter((p) => !/api\/events\?ticket=.*ERR_ABORTED/.test(p));
      assert(problems.length === 0, problems.join('; '));
    }],
    ['the backend restarts: the live stream comes back and new messages arrive without a reload', async () => {
      await page.goto(`${web}/conversations`);
      await page.getByRole('list', { name: 'Conversations' }).getByText('Awa Diallo').waitFor();
      await page.getByRole('status').filter({ hasText: 'En direct' }).waitFor();
      // What the live indicator says while the backend is down and back.
      const said = new Set();
      const indicator = page.getByRole('status').filter({ hasText: /En direct|Reconnexion|Hors ligne/ });
      const watcher = globalThis.setInterval(() => void indicator.textContent({ timeout: 500 }).then((t) => said.add(t?.trim()), () => {}), 250);
      try {
        await servers.restartBackend();
        await page.getByRole('status').filter({ hasText: 'En direct' }).waitFor({ timeout: 60_000 });
      } finally {
        globalThis.clearInterval(watcher);
      }
      assert(said.has('Reconnexion…'), `the cut was not noticed: ${[...said].join(', ')}`);
      await shot(page, '48-after-restart');
      // New events after the cut: Binta writes, Chris opts out (STOP).
      for (const [from, body] of [[PHONES.binta, 'Bonjour, encore disponible ?'], [PHONES.chris, 'STOP']]) {
        const res = await call('POST', '/api/simulator/inbound', { from, body });
        assert(res.webhookStatus < 300, `the webhook answered ${res.webhookStatus}`);
      }
      // The server has them (so what follows tests the page, not the backend).
      await until(async () => (await call('GET', '/api/conversations?size=50')).items.some((c) => c.phone === PHONES.binta), 'Binta in /api/conversations', 15_000);
      const inbox = page.getByRole('list', { name: 'Conversations' });
      await inbox.getByText('Binta Sow').waitFor({ timeout: 20_000 });
      await inbox.getByRole('button', { name: /Chris Martin/ }).getByText('Désinscrit').waitFor({ timeout: 20_000 });
      await inbox.getByRole('button', { name: /Chris Martin/ }).click();
      await page.locator('[data-window="opted-out"]').waitFor();
      await shot(page, '49-inbox-after-restart');
      seen.take();
    }],
    ['the live pages read in English too', async () => {
      await page.getByRole('button', { name: 'en', exact: true }).click();
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      await nav.getByRole('link', { name: 'Conversations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
      await page.getByRole('list', { name: 'Conversations' }).getByText('Opted out').waitFor();
      await nav.getByRole('link', { name: 'Monitoring' }).click();
      await page.getByRole('meter', { name: 'Today’s quota' }).waitFor();
      await nav.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
      await page.locator('[data-kpi="Messages sent"]').waitFor();
      await shot(page, '50-home-english');
      await page.getByRole('button', { name: 'fr', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /^Bienvenue/ }).waitFor();
    }],
    ['the messages log filters by status in the URL and shows every status callback of a message', async () => {
      await page.goto(`${web}/messages?status=failed,undelivered&campaignId=${ids.campaign}`);
      await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
      const table = page.getByRole('table', { name: 'Messages' });
      await table.getByText('Chris Martin').first().waitFor();
      await table.getByRole('button').first().click();
      const dialog = page.getByRole('dialog', { name: 'Détail du message' });
      const callbacks = dialog.getByRole('list', { name: 'Rappels de statut reçus' }).getByRole('listitem');
      await callbacks.filter({ hasText: 'Non remis' }).filter({ hasText: 'Erreur 30003' }).waitFor();
      await callbacks.filter({ hasText: 'Envoyé' }).waitFor();
      assert((await callbacks.count()) >= 2, 'every status callback is listed');
      assert(page.url().includes('message='), 'the open message is not in the URL');
      await shot(page, '51-message-detail');
      await page.keyboard.press('Escape');
      // page.goto() cuts the tab's event stream on purpose: that abort is not a failure.
      const problems = seen.take().filter((p) => !/api\/events\?ticket=.*ERR_ABORTED/.test(p));
      assert(problems.length === 0, problems.join('; '));
    }],
  ];
}
