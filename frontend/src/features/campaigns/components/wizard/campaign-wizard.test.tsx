import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import type { CampaignPreflight, CampaignRequest } from '../../api/types';
import { CampaignWizard } from './campaign-wizard';

const CAT_A = '3f0e8d1c-8c55-4c1b-9f43-1a2b3c4d5e6f';
const CAT_B = '4a1e8d1c-8c55-4c1b-9f43-1a2b3c4d5e60';
const AWA = '6a0c2d7e-1b1f-4b2a-8a7e-5c9d3e2f1a00';
const CAMPAIGN_ID = '0b7d6f0e-3c59-4a8e-9d7c-2f9c1e0a4b11';

function preflight(recipients: number, extra: Partial<CampaignPreflight> = {}): CampaignPreflight {
  return {
    recipients, contactsInCategories: recipients + 1, optedOutExcluded: 1, notOnWhatsApp: 0, notJoinedSandbox: 0, blankVariables: {},
    quota: { day: '2026-12-03', level: 'OK', limit: 1000, remaining: 900, timeZone: 'Europe/Paris', used: 100 },
    messagesPerSecond: 0.5, etaSeconds: 7800, daysNeeded: 2, estimatedCost: recipients * 0.09, pricePerMessage: 0.09, currency: 'USD', sandboxMode: false,
    warnings: ['quota-split'], ...extra,
  };
}

let posted: CampaignRequest | undefined;
let launched = false;

beforeEach(() => {
  posted = undefined;
  launched = false;
  server.use(
    http.get('*/api/categories', () =>
      HttpResponse.json({
        items: [
          { id: CAT_A, name: 'Clients Lyon', colour: '#10B981', contactCount: 3, description: '', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' },
          { id: CAT_B, name: 'Clients Cotonou', colour: '#F59E0B', contactCount: 2, description: '', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' },
        ],
        page: 0, size: 100, total: 2, hasMore: false, totalExact: true,
      }),
    ),
    http.get('*/api/settings/limits', () =>
      HttpResponse.json({
        currency: 'USD', dailyMessageLimit: 1000, pacing: { configured: false, failureRateThreshold: 0.2, failureRateWindow: 50, messagesPerSecond: 80 }, pricePerMessage: 0.09,
        providerMode: 'simulator', replyWindowHours: 24, retryBackoffSeconds: [60, 120, 240], sandboxMode: false, sandboxPreset: { messagesPerSecond: 0.333, minDelayMs: 3000 }, timeZone: 'Europe/Paris',
      }),
    ),
    http.get('*/api/campaigns/variables', () => HttpResponse.json({ builtIn: ['first_name', 'last_name', 'phone'], attributes: [{ name: 'ville', contacts: 4 }] })),
    // Deduplicated like the server: the two categories share one contact (3 + 2 → 4).
    http.post('*/api/campaigns/preflight', async ({ request }) => {
      const body = (await request.json()) as CampaignRequest;
      const n = body.categoryIds?.length === 2 ? 4 : body.categoryIds?.includes(CAT_A) ? 3 : body.categoryIds?.length ? 2 : 0;
      return HttpResponse.json(preflight(n, n === 0 ? { warnings: ['no-recipients'] } : {}));
    }),
    http.get('*/api/contacts', () =>
      HttpResponse.json({ items: [{ id: AWA, firstName: 'Awa', lastName: 'Koné', phone: '+22997000000', optedOut: false }], page: 0, size: 10, total: 1, hasMore: false, totalExact: true }),
    ),
    http.post('*/api/campaigns/preview', async ({ request }) => {
      const body = (await request.json()) as CampaignRequest;
      return HttpResponse.json({
        contactId: AWA, phone: '+22997000000', blankVariables: [], message1ContentSid: null, message1Variables: null,
        message1Body: body.message1Body?.replace('{{first_name}}', 'Awa') ?? null, message2Body: body.message2Body?.replace('{{first_name}}', 'Awa') ?? null,
      });
    }),
    http.post('*/api/campaigns', async ({ request }) => {
      posted = (await request.json()) as CampaignRequest;
      return HttpResponse.json({ id: CAMPAIGN_ID, name: posted.name, status: posted.scheduledAt ? 'scheduled' : 'draft' }, { status: 201 });
    }),
    http.post('*/api/campaigns/:id/launch', () => {
      launched = true;
      return HttpResponse.json({ id: CAMPAIGN_ID, name: 'Soldes', status: 'sending' });
    }),
  );
});

function setup() {
  const onLaunched = vi.fn();
  const onDirtyChange = vi.fn();
  renderWithProviders(<CampaignWizard onLaunched={onLaunched} onDirtyChange={onDirtyChange} />);
  return { user: userEvent.setup(), onLaunched, onDirtyChange };
}

// Long journeys through four steps: generous limits for a loaded machine (no timing is asserted).
describe('the campaign wizard', { timeout: 40_000 }, () => {
  it('does not go on without a name and recipients, and says why under the fields', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Donnez un nom à la campagne.')).toBeInTheDocument();
    expect(screen.getByText('Choisissez au moins une catégorie ou un contact.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Destinataires' })).toBeInTheDocument();
    // Fixing the fields clears the errors and lets the wizard go on.
    await user.type(screen.getByLabelText('Nom de la campagne'), 'Soldes');
    await user.click(screen.getByRole('checkbox', { name: /Clients Lyon/ }));
    expect(screen.getByRole('checkbox', { name: /Clients Lyon/ })).toBeChecked();
    await waitFor(() => expect(screen.getByTestId('recipient-count')).toHaveTextContent(/3\s*destinataires/), { timeout: 10_000 });
    expect(screen.queryByText('Choisissez au moins une catégorie ou un contact.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Messages' })).toBeInTheDocument();
  });

  it('counts the deduplicated recipients as categories are ticked', async () => {
    const { user, onDirtyChange } = setup();
    expect(screen.getByTestId('recipient-count')).toHaveTextContent('Aucun destinataire choisi.');
    await user.click(await screen.findByRole('checkbox', { name: /Clients Lyon/ }));
    await waitFor(() => expect(screen.getByTestId('recipient-count')).toHaveTextContent(/3\s*destinataires/), { timeout: 10_000 });
    await user.click(screen.getByRole('checkbox', { name: /Clients Cotonou/ }));
    await waitFor(() => expect(screen.getByTestId('recipient-count')).toHaveTextContent(/4\s*destinataires/), { timeout: 10_000 });
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
  });

  it('counts what the API counts: an emoji is two characters', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('Nom de la campagne'), 'Soldes');
    await user.click(await screen.findByRole('checkbox', { name: /Clients Lyon/ }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await user.type(await screen.findByLabelText('Texte du Message 1'), 'Promo 🎁');
    expect(screen.getByText(/8 \/ 1\s600 caractères · 1 émoji \(compte 2\)/)).toBeInTheDocument();
  });

  it('walks the steps, shows the check and the previews, then saves and launches', async () => {
    const { user, onLaunched } = setup();
    await user.type(screen.getByLabelText('Nom de la campagne'), 'Soldes');
    await user.click(await screen.findByRole('checkbox', { name: /Clients Lyon/ }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    // Message 2 is on by default: an empty one is refused.
    await user.type(await screen.findByLabelText('Texte du Message 1'), 'Bonjour {{{{first_name}}, les soldes !');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Écrivez le Message 2, ou décochez-le.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Texte du Message 2'), 'Merci {{{{first_name}} !');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    // Pacing: the plain consequence of the preflight's ETA and days.
    await user.click(await screen.findByRole('radio', { name: /Préréglage Sandbox/ }));
    await waitFor(() => expect(screen.getByTestId('pacing-consequence')).toHaveTextContent(/^3 destinataires\s:\s≈\s2\sh\s10, sur 2 jours\.$/), { timeout: 10_000 });
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    const check = await screen.findByRole('region', { name: 'Contrôle avant envoi' });
    expect(check).toHaveTextContent('l’envoi s’étalera sur 2 jours');
    expect(check).toHaveTextContent('Désinscrits (exclus)1');
    expect(check).toHaveTextContent(/0,27\s\$US|US\$0\.27|0,27\s?\$/);
    expect(await screen.findByText('Bonjour Awa, les soldes !')).toBeInTheDocument();
    expect(await screen.findByText('Merci Awa !')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Lancer maintenant' }));
    await waitFor(() => expect(onLaunched).toHaveBeenCalled());
    expect(launched).toBe(true);
    expect(posted).toMatchObject({
      name: 'Soldes', categoryIds: [CAT_A], message1Body: 'Bonjour {{first_name}}, les soldes !', message2Body: 'Merci {{first_name}} !',
      messagesPerSecond: 0.333, minDelayMs: 3000, timeZone: 'Europe/Paris',
    });
    expect(posted?.scheduledAt).toBeUndefined();
  });

  it('refuses a date in the past, and schedules without launching', async () => {
    const { user, onLaunched } = setup();
    await user.type(screen.getByLabelText('Nom de la campagne'), 'Rappel');
    await user.click(await screen.findByRole('checkbox', { name: /Clients Lyon/ }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await user.type(await screen.findByLabelText('Texte du Message 1'), 'Rappel');
    await user.click(screen.getByRole('checkbox', { name: 'Envoyer un Message 2 à chaque contact qui répond' }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await user.click(await screen.findByRole('radio', { name: 'À une date et une heure' }));
    await user.type(screen.getByLabelText('Date'), '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Cette date est passée.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '2099-06-15');
    await user.selectOptions(screen.getByLabelText('Fuseau horaire'), 'Africa/Abidjan');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    // The button waits for the pre-send check of the new date (disabled until it is back).
    const schedule = await screen.findByRole('button', { name: 'Programmer' });
    await waitFor(() => expect(schedule).toBeEnabled());
    await user.click(schedule);
    await waitFor(() => expect(onLaunched).toHaveBeenCalled());
    expect(launched).toBe(false);
    expect(posted?.scheduledAt).toBe('2099-06-15T09:00:00+00:00');
    expect(posted?.message2Body).toBeUndefined();
  });

  it('maps an approved template’s variables to contact fields or fixed text', async () => {
    server.use(
      http.get('*/api/templates', () =>
        HttpResponse.json([
          {
            sid: 'HX' + 'a'.repeat(32), friendlyName: 'promo_soldes', language: 'fr', types: ['twilio/text'], body: 'Bonjour {{1}}, code {{2}}', dateUpdated: null,
            variables: [{ key: '1', example: 'Awa' }, { key: '2', example: 'SOLDES10' }], approval: { status: 'approved', category: 'MARKETING', rejectionReason: null },
          },
        ]),
      ),
    );
    const { user } = setup();
    await user.type(screen.getByLabelText('Nom de la campagne'), 'Modèle');
    await user.click(await screen.findByRole('checkbox', { name: /Clients Lyon/ }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await user.click(await screen.findByRole('radio', { name: 'Modèle approuvé' }));
    await user.click(await screen.findByRole('radio', { name: /promo_soldes/ }));
    expect(screen.getByLabelText('Valeur de 1')).toHaveValue('first_name');
    await user.selectOptions(screen.getByLabelText('Valeur de 2'), '__fixed__');
    await user.click(screen.getByRole('checkbox', { name: 'Envoyer un Message 2 à chaque contact qui répond' }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Donnez une valeur à cette variable.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Texte fixe de 2'), 'SOLDES10');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() => expect(posted).toBeDefined());
    expect(posted).toMatchObject({ message1ContentSid: 'HX' + 'a'.repeat(32), message1Variables: { '1': '{{first_name}}', '2': 'SOLDES10' } });
    expect(posted?.message1Body).toBeUndefined();
  });
});
