import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetLiveEventsForTests } from '@/shared/api/events';
import { resetLiveQueriesForTests } from '@/shared/api/live-queries';
import { session } from '@/shared/api/session';
import type { Monitoring } from '@/shared/api/types';
import { FakeEventSource, useFakeEventSource } from '@/shared/testing/fake-event-source';
import { superAdmin } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import MonitoringPage from './monitoring-page';

const snapshot: Monitoring = {
  checkedAt: '2026-12-03T13:00:00Z',
  status: 'degraded',
  reasons: ['webhook-stale'],
  quota: { used: 800, limit: 1000, left: 200, level: 'ATTENTION', senders: [] },
  queue: { depth: 12, inFlight: 3, oldestQueuedAt: '2026-12-03T12:58:00Z', oldestAgeSeconds: 120, source: 'redis-stream' },
  sendRate: { perSecondNow: 1.5, failureRateLastHour: 0.05, perMinute: [{ minute: '2026-12-03T12:59:00Z', sent: 90, failed: 2 }] },
  errorsLast24h: [{ errorCode: 63016, count: 4, explanation: 'Hors de la fenêtre de 24 h : envoyez un modèle.' }],
  provider: { state: 'reachable', latencyMs: 42, checkedAt: null, detail: null },
  webhook: { lastCallbackAt: '2026-12-03T12:45:00Z', ageSeconds: 900, stale: true, rejected: 0, lastRejectedAt: null, lastRejectedReason: null },
  instances: [{ name: 'api-1', startedAt: '2026-12-03T08:00:00Z', lastBeat: '2026-12-03T12:59:58Z', alive: true }],
  liveClients: 1,
} as unknown as Monitoring;

afterEach(() => {
  resetLiveEventsForTests();
  resetLiveQueriesForTests();
});

describe('the monitoring page', () => {
  it('shows the status with its reasons, the queue, the errors, the webhook and the instances', async () => {
    server.use(http.get('*/api/monitoring', () => HttpResponse.json(snapshot)));
    renderWithProviders(<MonitoringPage />);
    expect(await screen.findByRole('heading', { name: 'Service dégradé' })).toBeInTheDocument();
    expect(screen.getByText(/Aucun rappel de statut reçu depuis 10/)).toBeInTheDocument();
    expect(screen.getByTestId('queue-depth')).toHaveTextContent('12');
    expect(screen.getByText(/depuis 2\s*min/)).toBeInTheDocument();
    const errors = screen.getByRole('table', { name: /Erreurs des dernières 24/ });
    expect(within(errors).getByRole('cell', { name: '63016' })).toBeInTheDocument();
    expect(within(errors).getByText('Hors de la fenêtre de 24 h : envoyez un modèle.')).toBeInTheDocument();
    expect(screen.getByText('Figé')).toBeInTheDocument();
    expect(screen.getByText('api-1')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Quota du jour' })).toHaveAttribute('aria-valuenow', '800');
  });

  it('moves the quota gauge to the new level as soon as the event arrives', async () => {
    useFakeEventSource();
    session.accept({ accessToken: 'token', user: superAdmin });
    let served = snapshot;
    server.use(http.get('*/api/monitoring', () => HttpResponse.json(served)));
    const { container } = renderWithProviders(<MonitoringPage />);
    const meter = await screen.findByRole('meter', { name: 'Quota du jour' });
    expect(container.querySelector('[data-level]')).toHaveAttribute('data-level', 'ATTENTION');
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    const es = FakeEventSource.all[0]!;
    // The server moves on too: the refetch that follows the event must agree with it.
    served = { ...snapshot, quota: { ...snapshot.quota, used: 950, left: 50, level: 'DANGER' } } as Monitoring;
    act(() => {
      es.onopen?.(new Event('open'));
      es.emit('quota.level', { level: 'DANGER', previous: 'ATTENTION', used: 950, limit: 1000, left: 50 });
    });
    await vi.waitFor(() => expect(container.querySelector('[data-level]')).toHaveAttribute('data-level', 'DANGER'));
    expect(meter).toHaveAttribute('aria-valuenow', '950');
    expect(screen.getByText(/^50 restant\(s\) sur 1\s000$/)).toBeInTheDocument();
    // Said aloud to screen reader users.
    expect(screen.getByText(/^Quota\s:\spassage au niveau Danger$/)).toBeInTheDocument();
  });
});
