import { Ban, Clock, LockKeyhole } from 'lucide-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@/shared/api/types';
import { KindLabel, StatusTicks } from '@/shared/components/messages/message-status';
import { cn } from '@/shared/lib/cn';
import { formatDate } from '@/shared/lib/format';
import { formatDuration, formatTime } from '@/shared/lib/time';
import type { ReplyWindow } from './reply-window';

const at = (m: Message) => (m.receivedAt ?? m.sentAt ?? m.createdAt) as string;

function dayKey(iso: string) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** The conversation as WhatsApp shows it: their messages left, ours right with ✓ / ✓✓ / blue ✓✓, a line per day. */
export function Thread({ messages, now }: { messages: Message[]; now: Date }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <p className="py-10 text-center text-sm text-muted">{t('conversations.noMessages')}</p>;
  const today = dayKey(now.toISOString());
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000).toISOString());
  return (
    <ol className="space-y-1.5" aria-label={t('conversations.thread')}>
      {messages.map((m, i) => {
        const prev = messages[i - 1];
        const day = dayKey(at(m));
        const newDay = !prev || dayKey(at(prev)) !== day;
        return (
          <Fragment key={m.id as string}>
            {newDay && (
              <li className="flex justify-center py-2" aria-hidden>
                <span className="rounded-md bg-white/90 px-2.5 py-0.5 text-xs text-muted shadow-sm">
                  {day === today ? t('conversations.today') : day === yesterday ? t('conversations.yesterday') : formatDate(at(m))}
                </span>
              </li>
            )}
            <Bubble m={m} />
          </Fragment>
        );
      })}
    </ol>
  );
}

function Bubble({ m }: { m: Message }) {
  const { t } = useTranslation();
  const ours = m.direction === 'outbound';
  const failed = m.status === 'failed' || m.status === 'undelivered';
  const preparing = ours && (m.status === 'queued' || m.status === 'sending');
  const text =
    m.body ||
    (m.media?.length
      ? t('conversations.media', { count: m.media.length })
      : m.contentSid
        ? t('conversations.templateSid', { sid: m.contentSid })
        : preparing
          ? t('conversations.preparing')
          : t('conversations.noText'));
  return (
    <li className={cn('flex', ours ? 'justify-end' : 'justify-start')} data-direction={m.direction} data-kind={m.kind} data-status={m.status}>
      <div
        className={cn(
          'relative max-w-[85%] rounded-lg px-3 py-1.5 text-sm shadow-sm sm:max-w-[70%]',
          ours ? 'rounded-tr-none bg-[#D9FDD3] text-ink' : 'rounded-tl-none bg-white text-ink',
          failed && 'ring-1 ring-red-300',
        )}
      >
        {ours && (
          <p className="mb-0.5 text-[11px] font-semibold text-emerald-800">
            <KindLabel kind={m.kind} />
            {m.contentSid && ` · ${t('conversations.template')}`}
            {m.campaignName && <span className="font-normal text-emerald-900/70"> · {m.campaignName}</span>}
          </p>
        )}
        <p className="whitespace-pre-wrap break-words">{text}</p>
        {failed && m.errorCode !== null && (
          <p className="mt-1 text-xs text-red-800">
            {m.errorCode} — {m.errorExplanation ?? m.errorMessage}
          </p>
        )}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-gray-500">
          <time dateTime={at(m)}>{formatTime(at(m))}</time>
          {ours && <StatusTicks status={m.status} className="size-3.5" />}
        </p>
      </div>
    </li>
  );
}

/** The 24 h window above the reply box: time left, or why only a template can go. */
export function WindowNotice({ window: w }: { window: ReplyWindow }) {
  const { t } = useTranslation();
  if (w.state === 'open')
    return (
      <p className="flex items-center gap-2 text-xs text-emerald-800" data-window="open">
        <Clock className="size-3.5" aria-hidden />
        {t('conversations.window.open', { left: formatDuration(w.secondsLeft) })} {t('conversations.window.openUntil', { time: formatTime(w.closesAt) })}
      </p>
    );
  const icon = w.state === 'opted-out' ? <Ban className="mt-0.5 size-4 shrink-0" aria-hidden /> : <LockKeyhole className="mt-0.5 size-4 shrink-0" aria-hidden />;
  return (
    <div role="note" className="flex gap-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-window={w.state}>
      {icon}
      <div>
        {w.state === 'opted-out' ? (
          <p>{t('conversations.window.optedOut')}</p>
        ) : w.state === 'never' ? (
          <p>{t('conversations.window.never')}</p>
        ) : (
          <>
            <p className="font-medium">{t('conversations.window.closed')}</p>
            <p>{t('conversations.window.closedHelp')}</p>
          </>
        )}
      </div>
    </div>
  );
}
