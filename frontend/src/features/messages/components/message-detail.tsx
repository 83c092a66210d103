import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Message } from '@/shared/api/types';
import { KindLabel, StatusBadge, StatusTicks } from '@/shared/components/messages/message-status';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { formatDateTime } from '@/shared/lib/format';
import { formatDateTimeSeconds } from '@/shared/lib/time';
import { useMessageDetail } from '../api/get-messages';

/** A message and every status callback received for it, in the order they arrived. */
export function MessageDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useMessageDetail(id);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <div className="space-y-3" aria-busy="true">
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-20 w-full" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    );
  const { message: m, events } = q.data;
  return (
    <div className="space-y-5 text-sm">
      <div className="rounded-lg bg-page p-3 whitespace-pre-wrap text-ink" aria-label={t('messages.detail.body')}>
        {bodyOf(m, t)}
      </div>
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1.5">
        <dt className="text-muted">{t('messages.detail.status')}</dt>
        <dd>
          <StatusBadge status={m.status} />
        </dd>
        <dt className="text-muted">{t('messages.detail.kind')}</dt>
        <dd>
          <KindLabel kind={m.kind} /> · {t(`messageDirection.${m.direction}`)}
        </dd>
        {m.campaignName && (
          <>
            <dt className="text-muted">{t('messages.detail.campaign')}</dt>
            <dd>{m.campaignName}</dd>
          </>
        )}
        <dt className="text-muted">{t('messages.detail.contact')}</dt>
        <dd>
          {m.contactName ? `${m.contactName} · ` : ''}
          <span className="tabular">{m.phone}</span>
          {' · '}
          <Link to="/conversations" search={{ contact: m.contactId as string }} className="font-medium text-primary-strong underline-offset-4 hover:underline">
            {t('messages.detail.conversation')}
          </Link>
        </dd>
        {m.twilioSid && (
          <>
            <dt className="text-muted">{t('messages.detail.sid')}</dt>
            <dd className="font-mono text-xs break-all">{m.twilioSid}</dd>
          </>
        )}
        <dt className="text-muted">{t('messages.detail.attempts')}</dt>
        <dd className="tabular">{m.attempts}</dd>
        {(
          [
            ['created', m.createdAt],
            ['sent', m.sentAt],
            ['delivered', m.deliveredAt],
            ['read', m.readAt],
            ['failed', m.failedAt],
            ['received', m.receivedAt],
          ] as const
        )
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <Row key={k} label={t(`messages.detail.${k}`)} value={formatDateTime(v as string)} />
          ))}
      </dl>
      {m.errorCode !== null && (
        <div role="note" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          <p className="font-medium">
            {t('messages.detail.error', { code: m.errorCode })}
            {m.failureKind && ` — ${t(`messages.detail.${m.failureKind}`)}`}
          </p>
          {m.errorMessage && <p className="mt-0.5 text-xs">{m.errorMessage}</p>}
          {m.errorExplanation && <p className="mt-1">{m.errorExplanation}</p>}
        </div>
      )}
      <section>
        <h3 className="mb-2 font-semibold text-ink">{t('messages.detail.events')}</h3>
        {events.length === 0 ? (
          <p className="text-muted">{t('messages.detail.noEvents')}</p>
        ) : (
          <ol className="relative space-y-3 border-l border-line pl-5" aria-label={t('messages.detail.events')}>
            {events.map((e, i) => (
              <li key={i} className="relative">
                <span className="absolute top-1 -left-[25px] size-2.5 rounded-full border-2 border-white bg-primary ring-1 ring-line" aria-hidden />
                <div className="flex flex-wrap items-center gap-2">
                  <StatusTicks status={e.status} />
                  <StatusBadge status={e.status} />
                  <time className="tabular text-muted" dateTime={e.receivedAt as string}>
                    {formatDateTimeSeconds(e.receivedAt as string)}
                  </time>
                </div>
                {e.errorCode !== null && e.errorCode !== undefined && (
                  <p className="mt-0.5 text-xs text-red-800">
                    {t('messages.detail.error', { code: e.errorCode })}
                    {e.errorMessage ? ` — ${e.errorMessage}` : ''}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="tabular">{value}</dd>
    </>
  );
}

export function bodyOf(m: Pick<Message, 'body' | 'contentSid' | 'media'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (m.body) return m.body;
  if (m.contentSid) return t('messages.template', { sid: m.contentSid });
  if (m.media?.length) return t('messages.media', { count: m.media.length });
  return t('messages.noText');
}
