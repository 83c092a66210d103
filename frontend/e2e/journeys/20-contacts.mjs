// Contacts, import and categories (issue 15): the Excel-French sample (; and Windows-1252) and the
// seed-format sample (Benin legacy numbers) imported into a new category with live progress, the
// repaired numbers and the report; then the contacts filtered by that category, one edited, all of
// them added to a second category in one bulk action, and the export.
/* global window, MutationObserver -- used inside page.evaluate, in the browser */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, shot, signIn, SUPER } from '../lib.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const stamp = Date.now().toString(36);
const FIRST = `Import e2e ${stamp}`;
const SECOND = `Relance ${stamp}`;

async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Waits for the job on screen to end, and says it completed. */
async function awaitCompleted(page) {
  const status = page.getByTestId('import-status');
  await status.filter({ hasText: /Import terminé|L’import a échoué/ }).waitFor({ timeout: 60_000 });
  const text = await status.textContent();
  assert(text.includes('Import terminé'), `the import did not complete: ${text}`);
  const bar = page.getByRole('progressbar');
  assert((await bar.getAttribute('aria-valuenow')) === '100', 'the progress bar did not reach the end');
}

async function counter(page, label) {
  const box = page.getByTestId('import-counters').locator('div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  return Number(((await box.locator('dd').textContent()) ?? '').replace(/\D/g, ''));
}

/** @param {import('../lib.mjs').Ctx} ctx */
export default function steps({ page, web, seen }) {
  let firstCategoryUrl = '';
  return [
    ['the import page shows the file step, the template and the recent imports', async () => {
      // Signed in from the sign-in page itself (run alone, this journey starts signed out).
      await signIn(page, web, SUPER);
      await page.getByText(/^Bienvenue/).first().waitFor({ timeout: 30_000 });
      await page.goto(`${web}/contacts`);
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      await page.getByRole('link', { name: 'Importer' }).click();
      await page.getByRole('heading', { name: 'Importer des contacts' }).waitFor();
      await page.getByRole('heading', { name: 'Imports récents' }).waitFor();
      const tpl = await download(page, () => page.getByRole('button', { name: 'Télécharger le modèle' }).click());
      assert(tpl.text.includes('phone;country;first_name;last_name'), `template: ${tpl.text.slice(0, 80)}`);
      await shot(page, '20-import-file');
    }],
    ['the Excel-French file is previewed: Windows-1252, semicolon, suggested mapping, first rows checked', async () => {
      await page.getByTestId('import-file').setInputFiles(fixture('contacts_excel_fr_cp1252.csv'));
      await page.getByTestId('import-encoding').filter({ hasText: 'Windows-1252' }).waitFor();
      await page.getByTestId('import-separator').filter({ hasText: 'point-virgule' }).waitFor();
      assert((await page.getByLabel('Champ — Téléphone').inputValue()) === 'phone', 'Téléphone is not mapped to phone');
      assert((await page.getByLabel('Champ — Prénom').inputValue()) === 'first_name', 'Prénom is not mapped to first_name');
      await page.getByRole('cell', { name: 'Élodie Gbaguidi' }).first().waitFor();
      await page.getByLabel('Ajouter les contacts importés à').selectOption('new');
      await page.getByLabel('Nom de la nouvelle catégorie').fill(FIRST);
      await shot(page, '21-import-mapping');
    }],
    ['it is imported into a new category; the progress reaches the end', async () => {
      await page.getByRole('button', { name: 'Lancer l’import' }).click();
      await page.waitForURL(/job=/);
      await awaitCompleted(page);
      assert((await counter(page, 'Lignes lues')) >= 24, 'rows read');
      assert((await counter(page, 'Créés')) + (await counter(page, 'Mis à jour')) >= 20, 'created + updated');
      await page.getByRole('heading', { name: /Numéros réparés/ }).waitFor();
      await shot(page, '22-import-done-excel');
    }],
    ['the seed-format file with Benin legacy numbers: repaired numbers listed, report downloaded', async () => {
      await page.getByRole('button', { name: 'Importer un autre fichier' }).click();
      await page.getByTestId('import-file').setInputFiles(fixture('contacts_seed_format.csv'));
      await page.getByTestId('import-separator').filter({ hasText: 'virgule' }).waitFor();
      await page.getByRole('cell', { name: 'Réparé' }).first().waitFor();
      await page.getByLabel('Ajouter les contacts importés à').selectOption({ label: FIRST });
      await page.getByRole('button', { name: 'Lancer l’import' }).click();
      await awaitCompleted(page);
      assert((await counter(page, 'Réparés')) >= 1, 'no repaired number counted');
      const repaired = page.getByRole('table', { name: 'Numéros réparés' });
      await repaired.getByRole('cell', { name: /\+229/ }).first().waitFor();
      await shot(page, '23-import-done-seed-repaired');
      const report = await download(page, () => page.getByRole('button', { name: 'Télécharger le rapport' }).click());
      assert(report.text.includes('ligne;telephone;statut;motif'), 'report header');
      assert(report.text.includes('réparé'), 'report lists no repaired number');
    }],
    ['the contacts are filtered by the new category (held in the URL)', async () => {
      await page.getByRole('link', { name: 'Voir les contacts importés' }).click();
      await page.waitForURL(/\/contacts\?categoryId=/);
      firstCategoryUrl = page.url();
      await page.getByTestId('contacts-total').filter({ hasText: /\d+ contacts/ }).waitFor();
      await page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(10).waitFor();
      const rows = await page.getByRole('table', { name: 'Contacts' }).getByRole('row').count();
      assert(rows > 10, `only ${rows} rows in the category`);
      await page.getByTestId('contacts-total').filter({ hasText: /contacts/ }).waitFor();
      await shot(page, '24-contacts-by-category');
    }],
    ['one contact is edited: the number is checked live and the change saved', async () => {
      await page.getByRole('button', { name: /^Actions — / }).first().click();
      await page.getByRole('menuitem', { name: 'Modifier' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/Sera enregistré|Numéro réparé/).waitFor();
      await dialog.getByLabel('Prénom').fill('Zoé');
      await dialog.getByRole('button', { name: 'Ajouter un attribut' }).click();
      await dialog.getByLabel('Clé 1').fill('entreprise');
      await dialog.getByLabel('Valeur 1').fill('Relais SARL');
      await shot(page, '25-contact-edit');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('status').filter({ hasText: /enregistré/ }).waitFor();
      await page.getByRole('link', { name: /^Zoé / }).first().waitFor();
    }],
    ['a second category is created on the categories page', async () => {
      await page.goto(`${web}/categories`);
      await page.getByRole('button', { name: 'Nouvelle catégorie' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nom').fill(SECOND);
      await dialog.getByRole('radio', { name: '#8B5CF6' }).click();
      await dialog.getByRole('button', { name: 'Créer la catégorie' }).click();
      await page.getByRole('link', { name: new RegExp(`^Ouvrir «\\s${SECOND}\\s»`) }).waitFor();
      await shot(page, '26-categories');
    }],
    ['all contacts of the first category are added to the second in one bulk action', async () => {
      await page.goto(firstCategoryUrl);
      await page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(10).waitFor();
      await page.getByLabel('Sélectionner la page').check();
      await page.getByRole('button', { name: /^Sélectionner les .* contacts qui correspondent$/ }).click();
      await page.getByText(/contacts qui correspondent au filtre sont sélectionnés/).waitFor();
      await page.getByRole('button', { name: 'Ajouter à une catégorie' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByRole('combobox').selectOption({ label: SECOND });
      await confirm.getByText(new RegExp(`contacts à «\\s${SECOND}\\s»`)).waitFor();
      await shot(page, '27-bulk-confirm');
      await confirm.getByRole('button', { name: 'Confirmer' }).click();
      const toast = page.getByRole('status').filter({ hasText: /contact\(s\) modifié\(s\)/ });
      await toast.waitFor();
      const text = await toast.textContent();
      const [affected, requested] = (text.match(/\d+/g) ?? []).map(Number);
      assert(affected === requested && affected > 25, `bulk: ${text}`);
      await page.goto(`${web}/categories`);
      await page.getByRole('link', { name: new RegExp(`^Ouvrir «\\s${SECOND}\\s»`) }).filter({ hasText: `${affected} contacts` }).waitFor();
    }],
    ['what the filter shows is exported', async () => {
      await page.goto(firstCategoryUrl);
      await page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(10).waitFor();
      const csv = await download(page, () => page.getByRole('button', { name: 'Exporter' }).click());
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
      assert(lines[0].startsWith('phone_e164;country;first_name;last_name;categories'), `export header: ${lines[0]}`);
      assert(lines.length > 26, `export has ${lines.length - 1} contacts`);
      assert(lines.every((l, i) => i === 0 || l.includes(FIRST)), 'a row of the export is not in the category');
    }],
    ['the second category lists its members, searchable', async () => {
      await page.goto(`${web}/categories`);
      await page.getByRole('link', { name: new RegExp(`^Ouvrir «\\s${SECOND}\\s»`) }).click();
      await page.getByRole('heading', { name: SECOND }).waitFor();
      await page.getByLabel('Rechercher').fill('Zoé');
      await page.waitForURL(/q=Zo/);
      await page.getByRole('link', { name: /^Zoé / }).first().waitFor();
      await shot(page, '28-category-detail');
      await page.getByRole('link', { name: /^Zoé / }).first().click();
      await page.getByRole('heading', { name: 'Conversation' }).waitFor();
      await page.getByText('Relais SARL').waitFor();
      await shot(page, '29-contact-detail');
      // Requests cut by a navigation (page.goto) are not failures.
      const problems = seen.take().filter((p) => !p.includes('/api/events') && !p.includes('net::ERR_ABORTED'));
      assert(problems.length === 0, `console or HTTP errors: ${problems.join('; ')}`);
    }],
    ['a 30,000-row dry run (10,000 numbers, each three times): the bar follows live import.progress events to the end, nothing saved', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'relais-e2e-')), 'gros-fichier.csv');
      const rows = ['Prénom;Nom;Téléphone'];
      for (let i = 0; i < 30_000; i++) rows.push(`Awa;Essai${i};06 39 98 ${String(i % 10_000).padStart(4, '0').replace(/(..)(..)/, '$1 $2')}`);
      writeFileSync(file, rows.join('\r\n'));
      await page.goto(`${web}/contacts/import`);
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-separator').filter({ hasText: 'point-virgule' }).waitFor();
      await page.getByLabel(/^Essai à blanc/).check();
      // Every value the bar takes, recorded in the page as it changes.
      await page.evaluate(() => {
        window.__bar = [];
        new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"]');
          if (bar) window.__bar.push(Number(bar.getAttribute('aria-valuenow')));
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      });
      await page.getByRole('button', { name: 'Lancer l’essai' }).click();
      await page.getByTestId('import-status').filter({ hasText: 'Essai terminé' }).waitFor({ timeout: 120_000 });
      await shot(page, '30-import-dry-run-done');
      const values = await page.evaluate(() => window.__bar);
      // Events come at most once a second per job: a quiet machine may finish the dry run before a
      // step between 0 and 100 is published, so the steps are reported, not required (the component
      // test proves the bar moves on each event without reading the job again).
      console.log(`    bar values: ${values.join(',')}`);
      assert(values.every((v, i) => i === 0 || v >= values[i - 1]), `the bar went back: ${values.join(',')}`);
      assert(values.at(-1) === 100, 'the bar did not end at 100');
      assert((await counter(page, 'Lignes lues')) === 30_000, 'rows read');
      // A number met again in a later chunk is not counted as created twice (as in a real run).
      const created = await counter(page, 'Créés');
      assert(created > 0 && created <= 10_000, `created ${created}: more than the 10,000 distinct numbers`);
    }],
  ];
}
