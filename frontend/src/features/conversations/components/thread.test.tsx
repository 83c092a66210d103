import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Message } from '@/shared/api/types';
import { problem } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import '../i18n';
import { ReplyBox } from './reply-box';
import { replyWindow } from './reply-window';
import { Thread, WindowNotice } from './thread';

const NOW = new Date('2026-12-03T14:00:00Z');
let n = 0;
function msg(p: Partial<Message>): Message {
  n++;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    attempts: 1, body: null, campaignId: null, campaignName: null, contactId: 'c1', contactName: 'Awa Diallo', contentSid: null,
    createdAt: '2026-12-03T10:00:00Z', deliveredAt: null, direction: 'outbound', errorCode: null, errorExplanation: null, errorMessage: null,
    failedAt: null, failureKind: null, kind: 'message_1', media: null, phone: '+33639988566', readAt: null, receivedAt: null, sentAt: null,
    status: 'sent', twilioSid: null,
    ...p,
  } as Message;
}

const conversation = [
  msg({ kind: 'message_1', status: 'read', body: 'Bonjour Awa ! Notre offre est là.', campaignName: 'Soldes', createdAt: '2026-12-03T10:00:00Z' }),
  msg({ kind: 'reply', direction: 'inbound', status: 'received', body: 'Oui, je veux bien', createdAt: '2026-12-03T10:05:00Z', receivedAt: '2026-12-03T10:05:00Z' }),
  msg({ kind: 'message_2', status: 'delivered', body: 'Merci ! Voici les détails.', createdAt: '2026-12-03T10:05:02Z' }),
  msg({ kind: 'manual', status: 'sent', body: 'Je reste disponible.', createdAt: '2026-12-03T10:07:00Z' }),
  msg({ kind: 'manual', status: 'undelivered', body: 'Vous êtes là ?', createdAt: '2026-12-03T10:08:00Z', errorCode: 30003, errorExplanation: 'Téléphone éteint ou hors réseau.' }),
  msg({ kind: 'message_1', status: 'queued', contentSid: 'HX0123456789abcdef0123456789abcdef', createdAt: '2026-12-03T10:09:00Z' }),
];

describe('the conversation thread', () => {
  it('shows their messages on the left and ours on the right with WhatsApp’s ticks', () => {
    render(<Thread messages={conversation} now={NOW} />);
    const thread = screen.getByRole('list', { name: 'Fil de la conversation' });
    const bubbles = [...thread.querySelectorAll('li[data-kind]')];
    expect(bubbles.map((b) => [b.getAttribute('data-direction'), b.getAttribute('data-kind')])).toEqual([
      ['outbound', 'message_1'], ['inbound', 'reply'], ['outbound', 'message_2'], ['outbound', 'manual'], ['outbound', 'manual'], ['outbound', 'message_1'],
    ]);
    const ticks = bubbles.map((b) => b.querySelector('[data-ticks]')?.getAttribute('data-ticks') ?? null);
    // read: blue ✓✓; delivered: grey ✓✓; sent: ✓; failed: a red mark; queued: a clock; theirs: none.
    expect(ticks).toEqual(['read', null, 'delivered', 'sent', 'failed', 'pending']);
    expect(bubbles[0]?.querySelector('[data-ticks="read"]')).toHaveClass('text-sky-500');
    expect(bubbles[2]?.querySelector('[data-ticks="delivered"]')).toHaveClass('text-gray-500');
    // The ticks are words for screen readers too.
    expect(within(bubbles[0] as HTMLElement).getByText('Lu')).toHaveClass('sr-only');
    expect(within(bubbles[3] as HTMLElement).getByText('Envoyé')).toHaveClass('sr-only');
  });

  it('names each of our messages (Message 1, Message 2, manual reply), its campaign and its time', () => {
    render(<Thread messages={conversation} now={NOW} />);
    const bubbles = [...document.querySelectorAll('li[data-kind]')] as HTMLElement[];
    expect(bubbles[0]).toHaveTextContent('Message 1');
    expect(bubbles[0]).toHaveTextContent('Soldes');
    expect(bubbles[0]).toHaveTextContent('Bonjour Awa ! Notre offre est là.');
    expect(bubbles[2]).toHaveTextContent('Message 2');
    expect(bubbles[3]).toHaveTextContent('Réponse manuelle');
    expect(bubbles[1]).not.toHaveTextContent('Message');
    // Times as the phone shows them (local time of the browser).
    const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date('2026-12-03T10:05:00Z'));
    expect(within(bubbles[1] as HTMLElement).getByText(time)).toBeInTheDocument();
    // A failure says why; a template without text says it is a template.
    expect(bubbles[4]).toHaveTextContent('30003 — Téléphone éteint ou hors réseau.');
    expect(bubbles[5]).toHaveTextContent('Modèle HX0123456789abcdef0123456789abcdef');
    expect(bubbles[5]).toHaveTextContent('Message 1 · Modèle');
    // One day separator: all of it is today.
    expect(screen.getByText('Aujourd’hui')).toBeInTheDocument();
  });

  it('says when there is no message yet', () => {
    render(<Thread messages={[]} now={NOW} />);
    expect(screen.getByText('Aucun message avec ce contact.')).toBeInTheDocument();
  });
});

describe('the 24 h window', () => {
  const inbound = (at: string) => msg({ direction: 'inbound', kind: 'reply', status: 'received', body: 'Oui', createdAt: at, receivedAt: at });

  it('is open for 24 h after the contact’s last message, with the time left', () => {
    const w = replyWindow(undefined, [inbound('2026-12-03T10:00:00Z')], NOW);
    expect(w).toMatchObject({ state: 'open', secondsLeft: 20 * 3600 });
    render(<WindowNotice window={w} />);
    expect(screen.getByText(/Fenêtre de réponse ouverte\s*:\s*encore 20\s*h\./)).toBeInTheDocument();
  });

  it('is closed after 24 h and explains that only a template can go', () => {
    const w = replyWindow(undefined, [inbound('2026-12-02T13:59:00Z')], NOW);
    expect(w.state).toBe('closed');
    render(<WindowNotice window={w} />);
    expect(screen.getByRole('note')).toHaveTextContent('La fenêtre de 24 h est fermée');
    expect(screen.getByRole('note')).toHaveTextContent('envoyez un modèle approuvé par une campagne');
  });

  it('was never open for a contact who never wrote', () => {
    expect(replyWindow(undefined, [msg({})], NOW).state).toBe('never');
  });

  it('is closed for an opted-out contact whatever the dates', () => {
    const w = replyWindow({ optedOut: true, windowClosesAt: '2026-12-04T10:00:00Z' }, [inbound('2026-12-03T13:00:00Z')], NOW);
    expect(w.state).toBe('opted-out');
    render(<WindowNotice window={w} />);
    expect(screen.getByRole('note')).toHaveTextContent('Ce contact s’est désinscrit (STOP)');
  });

  it('reopens when a message arrives live after the inbox’s snapshot', () => {
    const w = replyWindow({ optedOut: false, windowClosesAt: '2026-12-02T09:00:00Z' }, [inbound('2026-12-03T13:30:00Z')], NOW);
    expect(w).toMatchObject({ state: 'open', secondsLeft: 23.5 * 3600 });
  });
});

describe('the reply box', () => {
  it('sends the reply and empties the box', async () => {
    let body: unknown;
    server.use(
      http.post('*/api/contacts/:id/messages', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(msg({ kind: 'manual', status: 'sent', body: 'Bien reçu' }), { status: 201 });
      }),
    );
    renderWithProviders(<ReplyBox contactId="c1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Votre réponse'), 'Bien reçu');
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    await screen.findByDisplayValue('');
    expect(body).toEqual({ body: 'Bien reçu' });
  });

  it('shows the server’s reason when the window closed meanwhile (409)', async () => {
    server.use(
      http.post('*/api/contacts/:id/messages', () =>
        problem(409, 'conversation-window-closed', 'Fenêtre de 24 h fermée', 'Le contact n’a pas écrit depuis plus de 24 h : envoyez un modèle par une campagne.'),
      ),
    );
    renderWithProviders(<ReplyBox contactId="c1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Votre réponse'), 'Encore là ?');
    await user.keyboard('{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Fenêtre de 24 h fermée');
    expect(alert).toHaveTextContent('envoyez un modèle par une campagne');
    expect(screen.getByLabelText('Votre réponse')).toHaveValue('Encore là ?');
  });
});
