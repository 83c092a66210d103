import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetLiveEventsForTests } from '@/shared/api/events';
import { resetLiveQueriesForTests } from '@/shared/api/live-queries';
import { session } from '@/shared/api/session';
import { FakeEventSource, useFakeEventSource } from '@/shared/testing/fake-event-source';
import { superAdmin } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import SimulatorPage from './simulator-page';

const PHONE = '+33612345678';

afterEach(() => {
  resetLiveEventsForTests();
  resetLiveQueriesForTests();
});

describe('the simulator page', () => {
  it('keeps the behaviour chosen even when a list read started before the save comes back late', async () => {
    useFakeEventSource();
    session.accept({ accessToken: 'token', user: superAdmin });
    let behaviour = 'ok';
    let slow = false;
    server.use(
      http.get('*/api/simulator/phones', async () => {
        // What the server holds when the read starts; a slow read answers with it after the save.
        const seen = behaviour;
        if (slow) await delay(400);
        return HttpResponse.json({ items: [{ phone: PHONE, behaviour: seen, messageCount: 0 }], page: 0, size: 100, total: 1 });
      }),
      http.put('*/api/simulator/phones/:phone', async ({ request }) => {
        behaviour = ((await request.json()) as { behaviour: string }).behaviour;
        return HttpResponse.json({ phone: PHONE, behaviour, messageCount: 0 });
      }),
      http.get('*/api/simulator/phones/:phone/messages', () => HttpResponse.json({ items: [], page: 0, size: 100, total: 0 })),
    );
    renderWithProviders(<SimulatorPage search={{ phone: PHONE }} onSearch={() => {}} />);
    const normal = await screen.findByRole('radio', { name: /Normal/ });
    await vi.waitFor(() => expect(normal).toBeChecked());
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    // A message event makes the page read the list again; that read is still on its way when the admin clicks.
    slow = true;
    act(() => {
      FakeEventSource.all[0]!.onopen?.(new Event('open'));
      FakeEventSource.all[0]!.emit('message.status', { messageId: 1, status: 'delivered' });
    });
    const offline = screen.getByRole('radio', { name: /Pas sur WhatsApp/ });
    await userEvent.click(offline);
    expect(offline).toBeChecked();
    expect(await screen.findByText(/Pas sur WhatsApp \(63024\)\.$/)).toBeInTheDocument();
    // Past the late read and the one that follows the save: the switch never went back.
    for (let i = 0; i < 10; i++) {
      await act(() => delay(100));
      expect(offline).toBeChecked();
      expect(normal).not.toBeChecked();
    }
    expect(behaviour).toBe('not_on_whatsapp');
  });
});
