import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { resetLiveEventsForTests, setEventSourceFactoryForTests } from '@/shared/api/events';
import { session } from '@/shared/api/session';
import { superAdmin } from '@/shared/testing/handlers';
import { renderInRouter } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import type { Campaign } from '../api/types';
import CampaignDetailPage from './campaign-detail-page';
import { FakeEventSource as FakeSource } from '@/shared/testing/fake-event-source';


const ID = '0b7d6f0e-3c59-4a8e-9d7c-2f9c1e0a4b11';
const campaign: Campaign = {
  id: ID, name: 'Soldes de novembre', status: 'sending', archivedAt: null, batchPauseSeconds: null, batchSize: null, categoryIds: [], contactIds: [],
  completedAt: null, counters: { recipients: 100, queued: 90, sent: 10, delivered: 8, read: 4, failed: 0, replied: 1, message2Sent: 1 },
  createdAt: '2026-11-25T08:00:00Z', failureRateThreshold: null, failureRateWindow: null, launchedAt: '2026-11-25T08:01:00Z', message1Body: 'Bonjour {{first_name}}',
  message1ContentSid: null, message1Variables: {}, message2Body: 'Merci !', messagesPerSecond: 1, minDelayMs: null, pauseReason: null, runNumber: 1,
  scheduledAt: null, stoppedAt: null, timeZone: 'Europe/Paris', updatedAt: '2026-11-25T08:01:00Z',
};

let campaignReads = 0;
function backend(current: () => Campaign) {
  server.use(
    http.post('*/api/events/ticket', () => HttpResponse.json({ ticket: 't1', expiresAt: new Date().toISOString() }, { status: 201 })),
    http.get('*/api/campaigns/:id', () => {
      campaignReads++;
      return HttpResponse.json(current());
    }),
    http.get('*/api/campaigns/:id/stats', () =>
      HttpResponse.json({
        campaignId: ID, name: campaign.name, status: 'sending', recipients: 100, pending: 90, progress: 0.1, sent: 10, delivered: 8, read: 4, replied: 1, failed: 0,
        message2Sent: 1, message2Read: 0, deliveryRate: 0.8, readRate: 0.5, replyRate: 0.1, failureRate: 0, funnel: [], failures: [],
      }),
    ),
    http.get('*/api/campaigns/:id/timeline', () => HttpResponse.json([])),
    http.get('*/api/campaigns/:id/recipients', () => HttpResponse.json({ items: [], page: 0, size: 25, total: 0, hasMore: false, totalExact: true })),
    http.get('*/api/settings/limits', () =>
      HttpResponse.json({
        currency: 'USD', dailyMessageLimit: 1000, pacing: { configured: false, failureRateThreshold: 0.2, failureRateWindow: 50, messagesPerSecond: 80 }, pricePerMessage: 0.09,
        providerMode: 'simulator', replyWindowHours: 24, retryBackoffSeconds: [60], sandboxMode: false, sandboxPreset: { messagesPerSecond: 0.333, minDelayMs: 3000 }, timeZone: 'Europe/Paris',
      }),
    ),
    http.get('*/api/whatsapp/error-codes', () => HttpResponse.json([])),
  );
}

function renderPage() {
  renderInRouter(<CampaignDetailPage id={ID} search={{}} onSearch={() => {}} onEdit={() => {}} onDeleted={() => {}} />);
}

afterEach(() => {
  resetLiveEventsForTests();
  FakeSource.all = [];
  campaignReads = 0;
});

describe('the campaign page, live', () => {
  it('moves its counters with campaign.progress without reading the campaign again, and shows an automatic pause with its reason', async () => {
    let current = campaign;
    backend(() => current);
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    session.accept({ accessToken: 'token', user: superAdmin });
    renderPage();
    expect(await screen.findByTestId('progress-value')).toHaveTextContent(/^10\s%$/);
    await waitFor(() => expect(FakeSource.all.length).toBe(1));
    const es = FakeSource.all[0]!;
    const readsBefore = campaignReads;

    es.emit('campaign.progress', { campaignId: ID, status: 'sending', recipients: 100, sent: 60, delivered: 50, read: 20, failed: 5, replied: 3, message2Sent: 2 });
    await waitFor(() => expect(screen.getByTestId('progress-value')).toHaveTextContent(/^65\s%$/));
    expect(screen.getByRole('progressbar', { name: 'Avancement de la campagne' })).toHaveAttribute('aria-valuenow', '65');
    expect(screen.getByText('Échecs', { selector: 'dt' }).nextElementSibling).toHaveTextContent(/^5\s*5\s%$/);
    const funnel = screen.getByRole('list', { name: 'Entonnoir' });
    expect(within(funnel).getAllByRole('listitem')[5]).toHaveTextContent(/Message 2 envoyé\s*2/);
    // An event for another campaign changes nothing.
    es.emit('campaign.progress', { campaignId: 'other', status: 'sending', recipients: 1, sent: 1, delivered: 1, read: 1, failed: 0, replied: 0, message2Sent: 0 });
    expect(screen.getByTestId('progress-value')).toHaveTextContent(/^65\s%$/);
    expect(campaignReads).toBe(readsBefore);

    // The engine pauses the campaign (too many failures): the status change reads the campaign for its reason.
    current = { ...campaign, status: 'paused', pauseReason: 'failure_rate', counters: { ...campaign.counters, sent: 60, failed: 5 } };
    es.emit('campaign.progress', { campaignId: ID, status: 'paused', recipients: 100, sent: 60, delivered: 50, read: 20, failed: 5, replied: 3, message2Sent: 2 });
    expect(await screen.findByText('La campagne vient de se mettre en pause.')).toBeInTheDocument();
    expect(await screen.findByText(/Trop d’échecs parmi les derniers messages/)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Reprendre' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mettre en pause' })).not.toBeInTheDocument();

    // A quota level change is said as it happens.
    es.emit('quota.level', { level: 'DANGER', previous: 'ATTENTION', used: 905, limit: 1000, left: 95 });
    expect(await screen.findByText(/Quota du jour\s:\s90\s%\satteint \(905 \/ 1\s000\)/)).toBeInTheDocument();
  });

  it('explains why a scheduled campaign went back to draft at its time', async () => {
    const draft: Campaign = {
      ...campaign, status: 'draft', launchedAt: null, message1ContentSid: 'HX' + 'a'.repeat(32), pauseReason: 'template_not_approved',
      counters: { recipients: 0, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, message2Sent: 0 },
    };
    backend(() => draft);
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    session.accept({ accessToken: 'token', user: superAdmin });
    renderPage();
    const notice = await screen.findByText('La campagne programmée n’a pas démarré');
    expect(notice.parentElement).toHaveTextContent(/Le modèle WhatsApp du Message 1 n’est plus approuvé/);
    expect(screen.queryByText('Campagne en pause')).not.toBeInTheDocument();
  });
});
