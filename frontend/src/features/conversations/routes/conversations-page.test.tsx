import { createRootRoute, createRoute } from '@tanstack/react-router';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetLiveEventsForTests } from '@/shared/api/events';
import { resetLiveQueriesForTests } from '@/shared/api/live-queries';
import { session } from '@/shared/api/session';
import type { Conversation, Message } from '@/shared/api/types';
import { FakeEventSource, useFakeEventSource } from '@/shared/testing/fake-event-source';
import { superAdmin } from '@/shared/testing/handlers';
import { renderRoutes } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import ConversationsPage from './conversations-page';

const AWA = '00000000-0000-0000-0000-0000000000a1';
const base = {
  attempts: 1, campaignId: null, campaignName: 'Soldes', contactId: AWA, contactName: 'Awa Diallo', contentSid: null, deliveredAt: null,
  errorCode: null, errorExplanation: null, errorMessage: null, failedAt: null, failureKind: null, media: null, phone: '+33639988566',
  readAt: null, receivedAt: null, sentAt: null, twilioSid: null,
};
const m1 = { ...base, id: '00000000-0000-0000-0000-000000000001', kind: 'message_1', direction: 'outbound', status: 'delivered', body: 'Bonjour Awa !', createdAt: new Date(Date.now() - 600_000).toISOString() } as Message;
const reply = { ...base, id: '00000000-0000-0000-0000-000000000002', kind: 'reply', direction: 'inbound', status: 'received', body: 'Oui !', createdAt: new Date(Date.now() - 60_000).toISOString(), receivedAt: new Date(Date.now() - 60_000).toISOString() } as Message;
const m2 = { ...base, id: '00000000-0000-0000-0000-000000000003', kind: 'message_2', direction: 'outbound', status: 'queued', body: 'Merci, voici les détails.', createdAt: new Date().toISOString() } as Message;

const page = (items: unknown[]) => ({ items, page: 0, size: 100, total: items.length, totalExact: true, hasMore: false });

function renderAt(url: string) {
  const rootRoute = createRootRoute();
  const route = createRoute({
    getParentRoute: () => rootRoute,
    path: '/conversations',
    validateSearch: (s: Record<string, unknown>) => ({ contact: s.contact as string | undefined }),
    component: function Page() {
      const search = route.useSearch();
      return <ConversationsPage search={search} onSearch={() => {}} />;
    },
  });
  const messagesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/messages' });
  return renderRoutes(rootRoute.addChildren([route, messagesRoute]), url);
}

afterEach(() => {
  resetLiveEventsForTests();
  resetLiveQueriesForTests();
});

describe('the conversations page, live', () => {
  it('shows the contact’s reply and Message 2 as they arrive, and the ticks as statuses move, without reloading', async () => {
    useFakeEventSource();
    session.accept({ accessToken: 'token', user: superAdmin });
    let thread: Message[] = [m1];
    let threadCalls = 0;
    const conversations: Conversation[] = [];
    server.use(
      http.get('*/api/conversations', () => HttpResponse.json(page(conversations))),
      http.get('*/api/contacts/:id/messages', () => {
        threadCalls++;
        return HttpResponse.json(page([...thread].reverse()));
      }),
    );
    renderAt(`/conversations?contact=${AWA}`);
    const list = await screen.findByRole('list', { name: 'Fil de la conversation' });
    expect(within(list).getByText('Bonjour Awa !')).toBeInTheDocument();
    // Awa never wrote: only a template could go.
    expect(document.querySelector('[data-window="never"]')).not.toBeNull();
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
    const es = FakeEventSource.all[0]!;

    // Awa answers: the reply shows up and the window opens, with the reply box.
    thread = [m1, reply];
    conversations.push({ contactId: AWA, contactName: 'Awa Diallo', profileName: 'Awa', phone: base.phone, lastMessage: reply, lastInboundAt: reply.receivedAt, windowOpen: true, windowClosesAt: new Date(Date.now() + 86_340_000).toISOString(), optedOut: false, unreadCount: 1 } as Conversation);
    act(() => es.emit('message.inbound', { messageId: reply.id, contactId: AWA, preview: 'Oui !', receivedAt: reply.receivedAt, optOut: false, sandboxJoin: false }));
    expect(await within(list).findByText('Oui !')).toBeInTheDocument();
    await vi.waitFor(() => expect(document.querySelector('[data-window="open"]')).not.toBeNull());
    expect(screen.getByLabelText('Votre réponse')).toBeInTheDocument();
    expect(await screen.findByRole('list', { name: 'Conversations' })).toHaveTextContent('Awa Diallo');

    // Message 2 is queued: a status event for a message the page has not seen fetches the thread.
    // Its text is written when it leaves: none yet while queued.
    thread = [m1, reply, { ...m2, body: null } as unknown as Message];
    act(() => es.emit('message.status', { messageId: m2.id, contactId: AWA, campaignId: null, kind: 'message_2', previous: null, status: 'queued', errorCode: null }));
    expect(await within(list).findByText('En préparation…')).toBeInTheDocument();
    // It leaves: the thread is read again for its text.
    thread = [m1, reply, { ...m2, status: 'sent' } as Message];
    act(() => es.emit('message.status', { messageId: m2.id, contactId: AWA, campaignId: null, kind: 'message_2', previous: 'queued', status: 'sent', errorCode: null }));
    expect(await within(list).findByText('Merci, voici les détails.')).toBeInTheDocument();

    // Its status moves: the ticks change from the event itself, with no new request.
    const calls = threadCalls;
    act(() => es.emit('message.status', { messageId: m2.id, contactId: AWA, campaignId: null, kind: 'message_2', previous: 'delivered', status: 'read', errorCode: null }));
    await vi.waitFor(() => expect(list.querySelector('li[data-kind="message_2"]')).toHaveAttribute('data-status', 'read'));
    expect(list.querySelector('li[data-kind="message_2"] [data-ticks]')).toHaveAttribute('data-ticks', 'read');
    expect(threadCalls).toBe(calls);
  });
});
