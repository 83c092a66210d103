import { createRootRoute, createRoute, Outlet } from '@tanstack/react-router';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderRoutes } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import CampaignWizardPage from './campaign-wizard-page';

beforeEach(() => {
  server.use(
    http.get('*/api/categories', () => HttpResponse.json({ items: [], page: 0, size: 100, total: 0, hasMore: false, totalExact: true })),
    http.get('*/api/settings/limits', () =>
      HttpResponse.json({
        currency: 'USD', dailyMessageLimit: 1000, pacing: { configured: false, failureRateThreshold: 0.2, failureRateWindow: 50, messagesPerSecond: 80 }, pricePerMessage: 0.09,
        providerMode: 'simulator', replyWindowHours: 24, retryBackoffSeconds: [60], sandboxMode: false, sandboxPreset: { messagesPerSecond: 0.333, minDelayMs: 3000 }, timeZone: 'Europe/Paris',
      }),
    ),
    http.get('*/api/campaigns/variables', () => HttpResponse.json({ builtIn: ['first_name', 'last_name', 'phone'], attributes: [] })),
    http.post('*/api/campaigns/preflight', () => HttpResponse.json({ recipients: 0, contactsInCategories: 0, optedOutExcluded: 0, notOnWhatsApp: 0, notJoinedSandbox: 0, blankVariables: {}, quota: { day: '2026-12-03', level: 'OK', limit: 1000, remaining: 1000, timeZone: 'Europe/Paris', used: 0 }, messagesPerSecond: 0, etaSeconds: 0, daysNeeded: 1, estimatedCost: 0, pricePerMessage: 0.09, currency: 'USD', sandboxMode: false, warnings: ['no-recipients'] })),
    http.get('*/api/contacts', () => HttpResponse.json({ items: [], page: 0, size: 10, total: 0, hasMore: false, totalExact: true })),
  );
});

/** The wizard at /campaigns/new, the list at /campaigns, in a real router (the guard is the router's). */
function renderAt() {
  const root = createRootRoute({ component: () => <Outlet /> });
  const list = createRoute({ getParentRoute: () => root, path: '/campaigns', component: () => <h1>Liste des campagnes</h1> });
  const wizard = createRoute({ getParentRoute: () => root, path: '/campaigns/new', component: () => <CampaignWizardPage onLaunched={() => {}} /> });
  return { ...renderRoutes(root.addChildren([list, wizard]), '/campaigns/new'), user: userEvent.setup() };
}

describe('the campaign wizard page', () => {
  it('leaves at once when nothing was typed', async () => {
    const { router, user } = renderAt();
    await user.click(await screen.findByRole('link', { name: 'Campagnes' }));
    expect(await screen.findByRole('heading', { name: 'Liste des campagnes' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/campaigns');
  });

  it('asks before leaving unsaved work: staying keeps what was typed, leaving goes', async () => {
    const { router, user } = renderAt();
    await user.type(await screen.findByLabelText('Nom de la campagne'), 'Soldes d’hiver');
    await user.click(screen.getByRole('link', { name: 'Campagnes' }));

    let dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Les changements de cette campagne seront perdus.');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/campaigns/new');
    expect(screen.getByLabelText('Nom de la campagne')).toHaveValue('Soldes d’hiver');

    await user.click(screen.getByRole('link', { name: 'Campagnes' }));
    dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Quitter' }));
    expect(await screen.findByRole('heading', { name: 'Liste des campagnes' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/campaigns');
  });
});
