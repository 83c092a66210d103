import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { superAdmin } from '../testing/handlers';
import { FakeEventSource as FakeSource } from '../testing/fake-event-source';
import { server } from '../testing/server';
import { liveStatus, resetLiveEventsForTests, setEventSourceFactoryForTests, subscribeLiveEvent } from './events';
import { session } from './session';

let tickets = 0;
function ticketServer() {
  server.use(http.post('*/api/events/ticket', () => HttpResponse.json({ ticket: `t${++tickets}`, expiresAt: new Date().toISOString() }, { status: 201 })));
}

async function until(cond: () => boolean) {
  await vi.waitFor(() => expect(cond()).toBe(true), { timeout: 3000, interval: 5 });
}

afterEach(() => {
  resetLiveEventsForTests();
  FakeSource.all = [];
  vi.useRealTimers();
});

describe('the live event stream', () => {
  it('opens one connection per tab with a ticket, for all listeners, and hands each event to its listeners', async () => {
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    ticketServer();
    session.accept({ accessToken: 'token', user: superAdmin });
    const progress: unknown[] = [];
    const statuses: unknown[] = [];
    subscribeLiveEvent('campaign.progress', (d) => progress.push(d));
    subscribeLiveEvent('message.status', (d) => statuses.push(d));
    await until(() => FakeSource.all.length === 1);
    const es = FakeSource.all[0]!;
    expect(es.url).toMatch(/^\/api\/events\?ticket=t\d+$/);
    es.onopen?.(new Event('open'));
    expect(liveStatus.get()).toBe('open');
    es.emit('campaign.progress', { campaignId: 'c1', sent: 3 }, '41');
    es.emit('message.status', { messageId: 'm1', status: 'read' }, '42');
    expect(progress).toEqual([{ campaignId: 'c1', sent: 3 }]);
    expect(statuses).toEqual([{ messageId: 'm1', status: 'read' }]);
    expect(FakeSource.all).toHaveLength(1);
  });

  it('after an error, reconnects with a new ticket and resumes from the last event seen', async () => {
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    ticketServer();
    session.accept({ accessToken: 'token', user: superAdmin });
    subscribeLiveEvent('message.inbound', () => {});
    await until(() => FakeSource.all.length === 1);
    const first = FakeSource.all[0]!;
    first.onopen?.(new Event('open'));
    first.emit('message.inbound', { messageId: 'm' }, '77');
    first.onerror?.(new Event('error'));
    expect(first.closed).toBe(true);
    expect(liveStatus.get()).toBe('reconnecting');
    await until(() => FakeSource.all.length === 2);
    const second = new URL(FakeSource.all[1]!.url, 'http://x');
    expect(second.searchParams.get('lastEventId')).toBe('77');
    expect(second.searchParams.get('ticket')).not.toBe(new URL(first.url, 'http://x').searchParams.get('ticket'));
  });

  it('a server "reconnect" event reconnects at once; signing out closes the stream', async () => {
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    ticketServer();
    session.accept({ accessToken: 'token', user: superAdmin });
    subscribeLiveEvent('quota.level', () => {});
    await until(() => FakeSource.all.length === 1);
    FakeSource.all[0]!.emit('reconnect', { reason: 'slow-client', lastEventId: '9' }, '9');
    await until(() => FakeSource.all.length === 2);
    expect(new URL(FakeSource.all[1]!.url, 'http://x').searchParams.get('lastEventId')).toBe('9');
    session.end('signed-out');
    expect(FakeSource.all[1]!.closed).toBe(true);
    expect(liveStatus.get()).toBe('idle');
  });

  it('does not connect while signed out, and connects once signed in', async () => {
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    ticketServer();
    subscribeLiveEvent('resync', () => {});
    await new Promise((r) => setTimeout(r, 30));
    expect(FakeSource.all).toHaveLength(0);
    session.accept({ accessToken: 'token', user: superAdmin });
    await until(() => FakeSource.all.length === 1);
  });
});
