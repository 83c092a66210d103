import '../i18n';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowLeft, MessagesSquare, Search } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '@/shared/api/events';
import { throttledInvalidate } from '@/shared/api/live-queries';
import type { Conversation, Message } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { StatusTicks } from '@/shared/components/messages/message-status';
import { Badge } from '@/shared/components/ui/badge';
import { Card } from '@/shared/components/ui/card';
import { Input } from '@/shared/components/ui/input';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { cn } from '@/shared/lib/cn';
import { formatDate } from '@/shared/lib/format';
import { formatTime } from '@/shared/lib/time';
import { useConversations, useThread, type ConversationsSearch } from '../api/conversations';
import { replyWindow } from '../components/reply-window';
import { ReplyBox } from '../components/reply-box';
import { Thread, WindowNotice } from '../components/thread';

interface ConversationsPageProps {
  search: ConversationsSearch;
  onSearch: (next: ConversationsSearch, replace?: boolean) => void;
}

/** The clock the window's countdown reads: ticks every 30 s, and at once when `changed` changes (a new message). */
function useNow(changed: unknown, every = 30_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const first = setTimeout(() => setNow(new Date()), 0);
    const id = setInterval(() => setNow(new Date()), every);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [every, changed]);
  return now;
}

export default function ConversationsPage({ search, onSearch }: ConversationsPageProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(search.q ?? '');
  const list = useConversations(search.q);
  const open = search.contact;

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) onSearch({ ...search, q: text || undefined }, true);
    }, 300);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  // Live: a contact writes → the inbox reorders, the open thread gets the message (and is read);
  // a status moves → the ticks of the open thread change at once.
  useLiveEvent('message.inbound', (e) => {
    throttledInvalidate(client, ['conversations', 'list'], 500);
    if (e.contactId === open) throttledInvalidate(client, ['conversations', 'thread', open], 300);
  });
  useLiveEvent('message.status', (e) => {
    if (e.contactId !== open) return;
    let known = false;
    let textMissing = false;
    client.setQueryData<Message[]>(['conversations', 'thread', open], (items) =>
      items?.map((m) => {
        if (m.id !== e.messageId) return m;
        known = true;
        textMissing = !m.body;
        return { ...m, status: e.status, errorCode: e.errorCode ?? m.errorCode };
      }),
    );
    // A message this page has not seen yet (Message 2 just queued), or whose text is written only
    // when it leaves (a queued Message 2 has none yet): fetch the thread.
    const left = e.status !== 'queued' && e.status !== 'sending';
    if (!known || (textMissing && left) || e.status === 'failed' || e.status === 'undelivered') {
      throttledInvalidate(client, ['conversations', 'thread', open], 300);
    }
    throttledInvalidate(client, ['conversations', 'list'], 1000);
  });

  const items = list.data?.items ?? [];
  const current = items.find((c) => c.contactId === open);

  return (
    <>
      <PageHeader title={t('conversations.title')} description={t('conversations.subtitle')} />
      <Card className="grid h-[calc(100vh-14rem)] min-h-[32rem] grid-cols-1 overflow-hidden md:grid-cols-[20rem_1fr]">
        <div className={cn('flex min-h-0 flex-col border-line md:border-r', open && 'hidden md:flex')}>
          <div className="border-b border-line p-3">
            <div className="relative">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
              <Input type="search" className="pl-9" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('conversations.searchPlaceholder')} aria-label={t('conversations.search')} />
            </div>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : !list.data ? (
              <div className="space-y-3 p-3" aria-busy="true">
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} className="h-14 w-full" />
                ))}
              </div>
            ) : items.length === 0 ? (
              <EmptyState icon={<MessagesSquare className="size-6" aria-hidden />} title={search.q ? t('conversations.emptySearch', { q: search.q }) : t('conversations.empty')} />
            ) : (
              <ul aria-label={t('conversations.title')} aria-live="polite">
                {items.map((c) => (
                  <li key={c.contactId as string}>
                    <Inbox c={c} active={c.contactId === open} onOpen={() => onSearch({ ...search, contact: c.contactId as string })} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <div className={cn('min-h-0 min-w-0 flex-col', open ? 'flex' : 'hidden md:flex')}>
          {open ? (
            <ThreadPanel contactId={open} conversation={current} onBack={() => onSearch({ ...search, contact: undefined })} />
          ) : (
            <div className="flex flex-1 items-center justify-center bg-[#EFEAE2] p-6 text-center text-sm text-muted">{t('conversations.pick')}</div>
          )}
        </div>
      </Card>
    </>
  );
}

function nameOf(c: Pick<Conversation, 'contactName' | 'profileName' | 'phone'>) {
  return c.contactName || c.profileName || c.phone;
}

function Inbox({ c, active, onOpen }: { c: Conversation; active: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const last = c.lastMessage;
  const when = (last?.receivedAt ?? last?.createdAt ?? c.lastInboundAt) as string;
  const isToday = new Date(when).toDateString() === new Date().toDateString();
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-current={active ? 'true' : undefined}
      className={cn('flex w-full items-start gap-3 border-b border-line px-3 py-3 text-left hover:bg-page focus-visible:bg-page', active && 'bg-emerald-50 hover:bg-emerald-50')}
    >
      <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-full bg-gray-200 text-sm font-semibold text-gray-700">
        {nameOf(c).replace(/^\+/, '').slice(0, 2).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline justify-between gap-2">
          <span className="truncate font-medium text-ink">{nameOf(c)}</span>
          <time className={cn('shrink-0 text-xs tabular', c.unreadCount > 0 ? 'font-semibold text-primary-strong' : 'text-muted')} dateTime={when}>
            {isToday ? formatTime(when) : formatDate(when)}
          </time>
        </span>
        <span className="mt-0.5 flex items-center gap-1.5">
          {last?.direction === 'outbound' && <StatusTicks status={last.status} className="size-3.5" />}
          <span className="min-w-0 flex-1 truncate text-sm text-muted">{last?.body ?? (last?.contentSid ? t('conversations.template') : '')}</span>
          {c.unreadCount > 0 && (
            <span className="rounded-full bg-primary-strong px-1.5 py-0.5 text-[11px] leading-none font-semibold text-white tabular" aria-label={t('conversations.unread', { count: c.unreadCount })}>
              {c.unreadCount}
            </span>
          )}
        </span>
        <span className="mt-1 flex gap-1.5">
          {c.optedOut ? <Badge tone="danger">{t('conversations.optedOut')}</Badge> : c.windowOpen ? <Badge tone="success">{t('conversations.windowOpen')}</Badge> : <Badge>{t('conversations.windowClosed')}</Badge>}
        </span>
      </span>
    </button>
  );
}

function ThreadPanel({ contactId, conversation, onBack }: { contactId: string; conversation: Conversation | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const thread = useThread(contactId);
  const now = useNow(thread.dataUpdatedAt);
  const scroller = useRef<HTMLDivElement>(null);
  const messages = thread.data;
  const first = messages?.[0];
  const header = conversation ?? (first && { contactName: first.contactName ?? '', profileName: '', phone: first.phone });
  const w = replyWindow(conversation, messages, now);

  // Opening the thread marked it read on the server: the inbox's unread count follows.
  useEffect(() => {
    if (thread.isSuccess) throttledInvalidate(client, ['conversations', 'list'], 500);
  }, [thread.isSuccess, thread.dataUpdatedAt, client]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages?.length, contactId]);

  return (
    <>
      <div className="flex items-center gap-3 border-b border-line px-4 py-3">
        <button type="button" onClick={onBack} className="rounded-lg p-1.5 hover:bg-page md:hidden" aria-label={t('conversations.back')}>
          <ArrowLeft className="size-5" aria-hidden />
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-ink">{header ? nameOf(header) : <Skeleton className="h-5 w-40" />}</h2>
          {header && <p className="text-xs text-muted tabular">{header.phone}</p>}
        </div>
        {conversation?.optedOut && <Badge tone="danger">{t('conversations.optedOut')}</Badge>}
        <Link to="/messages" search={{ contactId }} className="hidden text-sm font-medium text-primary-strong underline-offset-4 hover:underline sm:inline">
          {t('conversations.openLog')}
        </Link>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto bg-[#EFEAE2] px-4 py-3" aria-live="polite" aria-relevant="additions">
        {thread.isError ? (
          <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />
        ) : !messages ? (
          <div className="space-y-3" aria-busy="true">
            <Skeleton className="h-12 w-2/3" />
            <Skeleton className="ml-auto h-12 w-2/3" />
            <Skeleton className="h-12 w-1/2" />
          </div>
        ) : (
          <Thread messages={messages} now={now} />
        )}
      </div>
      <div className="space-y-2 border-t border-line bg-page p-3">
        {messages && <WindowNotice window={w} />}
        {messages && w.state === 'open' && <ReplyBox contactId={contactId} />}
      </div>
    </>
  );
}
