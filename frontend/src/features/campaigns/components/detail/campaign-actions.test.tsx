import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import type { Campaign } from '../../api/types';
import { actionsFor, CampaignActions } from './campaign-actions';

const base: Campaign = {
  id: '0b7d6f0e-3c59-4a8e-9d7c-2f9c1e0a4b11', name: 'Soldes de novembre', status: 'sending', archivedAt: null, batchPauseSeconds: null, batchSize: null,
  categoryIds: [], contactIds: [], completedAt: null, counters: { recipients: 120, queued: 40, sent: 78, delivered: 70, read: 50, failed: 2, replied: 10, message2Sent: 9 },
  createdAt: '2026-11-25T08:00:00Z', failureRateThreshold: null, failureRateWindow: null, launchedAt: '2026-11-25T08:01:00Z', message1Body: 'Bonjour', message1ContentSid: null,
  message1Variables: {}, message2Body: null, messagesPerSecond: null, minDelayMs: null, pauseReason: null, runNumber: 1, scheduledAt: null, stoppedAt: null,
  timeZone: 'Europe/Paris', updatedAt: '2026-11-25T08:01:00Z',
};

describe('the actions of a campaign', () => {
  it('offers only what the status allows', () => {
    expect(actionsFor({ ...base, status: 'draft' })).toEqual(['launch', 'edit', 'archive', 'delete']);
    expect(actionsFor({ ...base, status: 'scheduled' })).toEqual(['launch', 'unschedule', 'edit', 'delete']);
    expect(actionsFor({ ...base, status: 'sending' })).toEqual(['pause', 'stop']);
    expect(actionsFor({ ...base, status: 'paused' })).toEqual(['resume', 'stop']);
    expect(actionsFor({ ...base, status: 'completed' })).toEqual(['retry-failed', 'relaunch', 'archive', 'delete']);
    expect(actionsFor({ ...base, status: 'stopped', counters: { ...base.counters, failed: 0 } })).toEqual(['relaunch', 'archive', 'delete']);
    expect(actionsFor({ ...base, status: 'completed', archivedAt: '2026-11-30T08:00:00Z' })).toEqual(['restore']);
  });

  it('pauses a sending campaign after a confirmation that says what happens', async () => {
    let called = false;
    server.use(
      http.post('*/api/campaigns/:id/pause', () => {
        called = true;
        return HttpResponse.json({ ...base, status: 'paused', pauseReason: 'manual' });
      }),
    );
    renderWithProviders(<CampaignActions campaign={base} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Lancer' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reprendre' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mettre en pause' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Mettre « Soldes de novembre » en pause ?');
    expect(dialog).toHaveTextContent('Les 40 messages restants attendent que vous repreniez.');
    expect(called).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Mettre en pause' }));
    expect(await screen.findByRole('status')).toHaveTextContent('« Soldes de novembre » est en pause.');
    expect(called).toBe(true);
  });

  it('says that deleting a campaign that sent messages archives it', async () => {
    renderWithProviders(<CampaignActions campaign={{ ...base, status: 'completed' }} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Supprimer' }));
    expect(await screen.findByRole('alertdialog')).toHaveTextContent('elle sera archivée, pas effacée');
  });

  it('retries the permanent failures too when asked', async () => {
    let url = '';
    server.use(
      http.post('*/api/campaigns/:id/retry-failed', ({ request }) => {
        url = request.url;
        return HttpResponse.json({ ...base, status: 'sending' });
      }),
    );
    renderWithProviders(<CampaignActions campaign={{ ...base, status: 'completed' }} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Renvoyer les échecs' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('checkbox', { name: /échecs définitifs/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Renvoyer les échecs' }));
    await vi.waitFor(() => expect(url).toContain('includePermanent=true'));
  });

  it('tells the server’s refusal in its own words', async () => {
    server.use(http.post('*/api/campaigns/:id/stop', () => problem(409, 'campaign-not-stoppable', 'Action impossible', 'La campagne est déjà arrêtée.')));
    renderWithProviders(<CampaignActions campaign={base} onEdit={vi.fn()} onDeleted={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Arrêter' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Arrêter' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La campagne est déjà arrêtée.');
  });
});
