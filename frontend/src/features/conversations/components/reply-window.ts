import type { Conversation, Message } from '@/shared/api/types';

export type ReplyWindow =
  | { state: 'open'; closesAt: Date; secondsLeft: number }
  | { state: 'closed'; closesAt: Date }
  | { state: 'never' }
  | { state: 'opted-out' };

const HOURS = 24;

/**
 * Whether a free reply is possible now: 24 h after the contact's last message (WhatsApp's rule).
 * The conversation (from the inbox) says it; for a thread opened by link, its newest inbound message does.
 */
export function replyWindow(conversation: Pick<Conversation, 'optedOut' | 'windowClosesAt'> | undefined, messages: Message[] | undefined, now: Date): ReplyWindow {
  if (conversation?.optedOut) return { state: 'opted-out' };
  let closes: Date | null = conversation?.windowClosesAt ? new Date(conversation.windowClosesAt as string) : null;
  const lastInbound = messages
    ?.filter((m) => m.direction === 'inbound')
    .map((m) => new Date((m.receivedAt ?? m.createdAt) as string).getTime())
    .reduce((a, b) => Math.max(a, b), 0);
  if (lastInbound) {
    // A message newer than the inbox's snapshot (it arrived live) reopens the window.
    const fromThread = new Date(lastInbound + HOURS * 3600_000);
    if (!closes || fromThread > closes) closes = fromThread;
  }
  if (!closes) return { state: 'never' };
  const left = Math.floor((closes.getTime() - now.getTime()) / 1000);
  return left > 0 ? { state: 'open', closesAt: closes, secondsLeft: left } : { state: 'closed', closesAt: closes };
}
