// Campaigns: build one in the wizard to a category (Message 1 + Message 2), pass the pre-send
// check, launch, watch it live to 100 % with a 63007 failure explained, pause and resume, a reply
// that triggers Message 2; then schedule another and unschedule it.
import { apiToken, assert, shot, signIn, SUPER } from '../lib.mjs';

const stamp = Date.now().toString(36);
const digits = String(Date.now()).slice(-6);
const CATEGORY = `Clients e2e ${stamp}`;
const PEOPLE = ['Awa', 'Koffi', 'Zoé', 'Moussa', 'Inès', 'Yao'].map((firstName, i) => ({ firstName, lastName: 'Test', phone: `+3361${i}${digits}` }));
const FAILING = PEOPLE[5];
const NAME = `Soldes e2e ${stamp}`;
const LATER = `Rappel e2e ${stamp}`;

/** @param {import('../lib.mjs').Ctx} ctx */
export default function steps({ page, web, api, seen }) {
  let token;
  const call = async (method, path, body) => {
    const res = await fetch(`${api}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const percent = async () => (await page.getByTestId('progress-value').textContent())?.replace(/\s/g, '');

  return [
    ['setup: a category of six contacts through the API, one phone failing with 63007 in the simulator', async () => {
      token = await apiToken(api);
      const category = await call('POST', '/api/categories', { name: CATEGORY, colour: '#10B981' });
      for (const p of PEOPLE) await call('POST', '/api/contacts', { ...p, categoryIds: [category.id] });
      await call('PUT', `/api/simulator/phones/${encodeURIComponent(FAILING.phone)}`, { behaviour: 'not_joined' });
    }],
    ['the wizard counts the deduplicated recipients as the category is ticked', async () => {
      // Signed in through the page (this journey may run alone, before any other signed in).
      await page.goto(`${web}/campaigns`);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      await nav.or(page.getByRole('heading', { name: 'Connexion' })).first().waitFor();
      if (!(await nav.isVisible())) {
        await signIn(page, web, SUPER);
        await nav.waitFor();
      }
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Campagnes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
      await page.getByRole('button', { name: 'Nouvelle campagne' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Nouvelle campagne' }).waitFor();
      // Going on without a name or recipients is refused, with the reason under the field.
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByText('Donnez un nom à la campagne.').waitFor();
      await page.getByLabel('Nom de la campagne').fill(NAME);
      await page.getByRole('checkbox', { name: new RegExp(CATEGORY) }).click();
      await page.getByTestId('recipient-count').filter({ hasText: /6\s*destinataires/ }).waitFor();
      await shot(page, '30-wizard-recipients');
      await page.getByRole('button', { name: 'Suivant' }).click();
    }],
    ['Message 1 with a variable and Message 2', async () => {
      await page.getByRole('heading', { name: 'Messages' }).waitFor();
      await page.getByLabel('Texte du Message 1').fill('Bonjour {{first_name}}, nos soldes commencent demain ! Répondez OUI pour le lien 🎁');
      await page.getByText(/caractères · 1 émoji/).waitFor();
      await page.getByLabel('Texte du Message 2').fill('Merci {{first_name}} : https://exemple.fr/soldes');
      await shot(page, '31-wizard-messages');
      await page.getByRole('button', { name: 'Suivant' }).click();
    }],
    ['a slow custom pace and its plain consequence', async () => {
      await page.getByRole('heading', { name: 'Envoi et rythme' }).waitFor();
      await page.getByRole('radio', { name: /Personnalisé/ }).check();
      await page.getByLabel('Messages par seconde').fill('0.4');
      await page.getByTestId('pacing-consequence').filter({ hasText: /6 destinataires\s*:\s*≈\s*1[45]\s*s/ }).waitFor();
      await shot(page, '32-wizard-pacing');
      await page.getByRole('button', { name: 'Suivant' }).click();
    }],
    ['the pre-send check and the WhatsApp previews for a real contact', async () => {
      const check = page.getByRole('region', { name: 'Contrôle avant envoi' });
      await check.waitFor();
      await check.getByText('Coût estimé').waitFor();
      const previews = page.getByRole('region', { name: 'Aperçu WhatsApp' });
      await previews.getByText(/^Bonjour (Awa|Koffi|Zoé|Moussa|Inès|Yao), nos soldes/).waitFor();
      await previews.getByText(/^Merci (Awa|Koffi|Zoé|Moussa|Inès|Yao) : https/).waitFor();
      await previews.getByRole('combobox').selectOption({ label: 'Koffi Test' });
      await previews.getByText('Bonjour Koffi, nos soldes commencent demain ! Répondez OUI pour le lien 🎁').waitFor();
      await shot(page, '33-wizard-check');
    }],
    ['launch, then the detail page moves without reloading; pause and resume', async () => {
      await page.getByRole('button', { name: 'Lancer maintenant' }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await page.waitForFunction(() => {
        const v = document.querySelector('[data-testid="progress-value"]')?.textContent?.replace(/\s/g, '');
        return v && v !== '0%';
      }, null, { timeout: 20_000 });
      await page.getByRole('button', { name: 'Mettre en pause' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText(/messages restants attendent/).waitFor();
      await dialog.getByRole('button', { name: 'Mettre en pause' }).click();
      await page.getByText('Campagne en pause').waitFor();
      await page.getByText('Mise en pause à la main. Reprenez quand vous voulez.').waitFor();
      const paused = await percent();
      await shot(page, '34-detail-paused');
      assert(paused !== '100%', `the campaign finished before it could be paused (${paused})`);
      await page.getByRole('button', { name: 'Reprendre' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Reprendre' }).click();
      await page.getByRole('button', { name: 'Mettre en pause' }).waitFor();
    }],
    ['progress reaches 100 % live, and the 63007 failure is explained', async () => {
      await page.waitForFunction(() => document.querySelector('[data-testid="progress-value"]')?.textContent?.replace(/\s/g, '') === '100%', null, { timeout: 60_000 });
      const failures = page.locator('[data-code="63007"]');
      await failures.waitFor({ timeout: 20_000 });
      await failures.getByText(/1 échec/).waitFor();
      await failures.getByText('Que faire :').waitFor();
      await shot(page, '35-detail-complete');
    }],
    ['a contact replies through the simulator and Message 2 is counted live', async () => {
      await call('POST', '/api/simulator/inbound', { from: PEOPLE[0].phone, body: 'OUI', profileName: PEOPLE[0].firstName });
      await page.locator('[data-stage="message2Sent"]').filter({ hasText: /Message 2 envoyé\s*1/ }).waitFor({ timeout: 30_000 });
      await page.locator('[data-stage="replied"]').filter({ hasText: /Ont répondu\s*1/ }).waitFor();
      await shot(page, '36-detail-message2');
    }],
    ['the failed recipients are one click away', async () => {
      await page.getByRole('button', { name: 'Voir les destinataires en échec' }).click();
      await page.waitForURL(/rstatus=failed/);
      await page.getByRole('cell', { name: new RegExp(FAILING.phone.replace('+', '\\+')) }).waitFor();
      await page.getByRole('cell', { name: /63007/ }).waitFor();
    }],
    ['schedule another campaign with an approved template, then unschedule it', async () => {
      await page.goto(`${web}/campaigns/new`);
      await page.getByLabel('Nom de la campagne').fill(LATER);
      await page.getByRole('checkbox', { name: new RegExp(CATEGORY) }).click();
      await page.getByRole('button', { name: 'Suivant' }).click();
      // Message 1 as an approved template of the simulator's account, its variables mapped.
      await page.getByRole('radio', { name: 'Modèle approuvé' }).check();
      await page.getByRole('radio', { name: /relais_bienvenue/ }).click();
      await page.getByLabel('Texte fixe de 2').fill('Boutique Awa');
      await shot(page, '37-wizard-template');
      await page.getByLabel('Envoyer un Message 2 à chaque contact qui répond').uncheck();
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByRole('radio', { name: 'À une date et une heure' }).check();
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Date', { exact: true }).fill(tomorrow);
      await page.getByLabel('Heure', { exact: true }).fill('09:30');
      await page.getByLabel('Fuseau horaire').selectOption('Africa/Abidjan');
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByRole('region', { name: 'Contrôle avant envoi' }).getByText('Coût estimé').waitFor();
      await page.getByRole('region', { name: 'Aperçu WhatsApp' }).getByText(/^Bonjour (Awa|Koffi|Zoé|Moussa|Inès|Yao), bienvenue chez Boutique Awa !$/).waitFor();
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByRole('heading', { level: 1, name: LATER }).waitFor();
      await page.getByText(/Programmée le .* 09:30 \(Africa\/Abidjan\)|Programmée le/).first().waitFor();
      await shot(page, '38-detail-scheduled');
      await page.getByRole('button', { name: 'Déprogrammer' }).click();
      await page.getByRole('alertdialog').getByText(/redevient un brouillon/).waitFor();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Déprogrammer' }).click();
      await page.getByRole('main').getByText('Brouillon', { exact: true }).first().waitFor();
    }],
    ['the list shows both, filtered by status in the URL', async () => {
      await page.goto(`${web}/campaigns?status=draft`);
      await page.getByRole('link', { name: LATER }).waitFor();
      assert((await page.getByRole('link', { name: NAME }).count()) === 0, 'a sending campaign is listed under drafts');
      await page.goto(`${web}/campaigns`);
      await page.getByRole('link', { name: NAME }).waitFor();
      await shot(page, '39-list');
      const problems = seen.take().filter((p) => !/ERR_ABORTED|net::ERR_ABORTED/.test(p));
      assert(problems.length === 0, `console errors or failed requests: ${problems.join(' | ')}`);
    }],
  ];
}
