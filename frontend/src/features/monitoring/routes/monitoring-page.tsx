import '../i18n';
import { useQueryClient } from '@tanstack/react-query';
import { AlertOctagon, AlertTriangle, CheckCircle2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '@/shared/api/events';
import { useLiveInvalidate } from '@/shared/api/live-queries';
import type { Monitoring, QuotaLevel } from '@/shared/api/types';
import { Gauge } from '@/shared/components/charts/gauge';
import { LazyLineChart } from '@/shared/components/charts/lazy';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { formatDateTime, formatNumber, formatPercent } from '@/shared/lib/format';
import { formatDuration, formatTime } from '@/shared/lib/time';
import { cn } from '@/shared/lib/cn';
import { useMonitoring } from '../api/get-monitoring';

export default function MonitoringPage() {
  const { t } = useTranslation();
  const q = useMonitoring();
  const client = useQueryClient();
  const [announce, setAnnounce] = useState('');
  useLiveInvalidate('message.status', [['monitoring']]);
  useLiveInvalidate('campaign.progress', [['monitoring']]);
  // The level moves at once (the event carries it); the rest follows with the refetch.
  useLiveEvent('quota.level', (e) => {
    client.setQueryData<Monitoring>(['monitoring'], (m) => (m ? { ...m, quota: { ...m.quota, level: e.level, used: e.used, limit: e.limit, left: e.left } } : m));
    setAnnounce(t('monitoring.quotaChanged', { level: t(`monitoring.levels.${e.level}`) }));
    void client.invalidateQueries({ queryKey: ['monitoring'] });
  });
  return (
    <>
      <PageHeader
        title={t('monitoring.title')}
        description={t('monitoring.subtitle')}
        action={q.data && <p className="text-sm text-muted tabular">{t('monitoring.checkedAt', { time: formatTime(q.data.checkedAt as string) })}</p>}
      />
      <p className="sr-only" aria-live="assertive">
        {announce}
      </p>
      {q.isError ? (
        <Card>
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        </Card>
      ) : !q.data ? (
        <div className="grid gap-6 lg:grid-cols-3" aria-busy="true">
          <Skeleton className="h-28 lg:col-span-3" />
          <Skeleton className="h-64" />
          <Skeleton className="h-64 lg:col-span-2" />
        </div>
      ) : (
        <Dashboard m={q.data} />
      )}
    </>
  );
}

const statusStyle = {
  healthy: { icon: CheckCircle2, cls: 'border-emerald-200 bg-emerald-50 text-emerald-900' },
  degraded: { icon: AlertTriangle, cls: 'border-amber-200 bg-amber-50 text-amber-900' },
  critical: { icon: AlertOctagon, cls: 'border-red-200 bg-red-50 text-red-900' },
} as const;

function Dashboard({ m }: { m: Monitoring }) {
  const { t } = useTranslation();
  const style = statusStyle[m.status];
  const level = (m.quota.level ?? 'OK') as QuotaLevel;
  const reasons = (m.reasons ?? []) as string[];
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <section className={cn('flex items-start gap-4 rounded-xl border p-5 lg:col-span-3', style.cls)} aria-label={t('monitoring.title')} data-status={m.status}>
        <style.icon className="mt-0.5 size-7 shrink-0" aria-hidden />
        <div>
          <h2 className="text-lg font-semibold">{t(`monitoring.status.${m.status}`)}</h2>
          <p className="text-sm">{t(`monitoring.statusHelp.${m.status}`)}</p>
          {reasons.length > 0 && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm">
              {reasons.map((r) => (
                <li key={r}>{t(`monitoring.reasons.${r}`, { defaultValue: r })}</li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <Card className="min-w-0">
        <CardHeader title={t('monitoring.quota')} />
        <div className="p-5" aria-live="polite">
          <Gauge used={m.quota.used} limit={m.quota.limit} level={level} levelLabel={t(`monitoring.levels.${level}`)} label={t('monitoring.quota')} />
          <p className="mt-3 text-center text-sm text-muted">{t('monitoring.quotaLeft', { left: formatNumber(m.quota.left), limit: formatNumber(m.quota.limit) })}</p>
          {m.quota.senders.length > 1 && (
            <div className="mt-4">
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">{t('monitoring.senders')}</p>
              <ul className="space-y-1 text-sm">
                {m.quota.senders.map((s) => (
                  <li key={s.sender} className="flex justify-between gap-2 tabular">
                    <span className="truncate">{s.sender}</span>
                    <span>
                      {formatNumber(s.used)} / {formatNumber(s.limit)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </Card>

      <Card className="min-w-0 lg:col-span-2">
        <CardHeader
          title={t('monitoring.rate')}
          description={`${t('monitoring.perSecondNow', { rate: formatNumber(m.sendRate.perSecondNow, 2) })} · ${t('monitoring.failureLastHour', { rate: formatPercent(m.sendRate.failureRateLastHour) })}`}
        />
        <div className="p-5">
          <LazyLineChart
            title={t('monitoring.perMinute')}
            height={200}
            data={m.sendRate.perMinute.map((p) => ({ label: formatTime(p.minute as string), values: { sent: p.sent, failed: p.failed } }))}
            series={[
              { key: 'sent', label: t('monitoring.series.sent'), color: '#10B981' },
              { key: 'failed', label: t('monitoring.series.failed'), color: '#EF4444' },
            ]}
          />
        </div>
      </Card>

      <Card className="min-w-0">
        <CardHeader title={t('monitoring.queue')} description={t('monitoring.source', { source: m.queue.source })} />
        <dl className="grid grid-cols-2 gap-4 p-5">
          <Figure label={t('monitoring.depth')} value={formatNumber(m.queue.depth)} testId="queue-depth" />
          <Figure label={t('monitoring.inFlight')} value={formatNumber(m.queue.inFlight)} />
          <div className="col-span-2">
            <dt className="text-sm text-muted">{t('monitoring.oldest')}</dt>
            <dd className="mt-0.5 text-sm text-ink">
              {m.queue.oldestQueuedAt ? `${formatDateTime(m.queue.oldestQueuedAt as string)} (${t('monitoring.oldestAge', { age: formatDuration(m.queue.oldestAgeSeconds) })})` : t('monitoring.emptyQueue')}
            </dd>
          </div>
        </dl>
      </Card>

      <Card className="min-w-0">
        <CardHeader title={t('monitoring.webhook')} />
        <dl className="space-y-3 p-5 text-sm">
          <div className="flex items-center justify-between gap-2">
            <dt className="text-muted">{t('monitoring.lastCallback')}</dt>
            <dd>
              <Badge tone={m.webhook.stale ? 'danger' : 'success'}>{m.webhook.stale ? t('monitoring.stale') : t('monitoring.fresh')}</Badge>
            </dd>
          </div>
          <dd className="text-ink" data-testid="webhook-age">
            {m.webhook.lastCallbackAt ? `${formatDateTime(m.webhook.lastCallbackAt)} (${t('monitoring.age', { age: formatDuration(m.webhook.ageSeconds) })})` : t('monitoring.never')}
          </dd>
          <div className="flex items-center justify-between gap-2">
            <dt className="text-muted">{t('monitoring.rejected')}</dt>
            <dd className="tabular">
              {formatNumber(m.webhook.rejected)}
              {m.webhook.lastRejectedReason && ` (${t(`monitoring.rejectedReason.${m.webhook.lastRejectedReason}`)})`}
            </dd>
          </div>
          <div className="flex items-center justify-between gap-2">
            <dt className="text-muted">{t('monitoring.provider')}</dt>
            <dd>
              <Badge tone={m.provider.state === 'reachable' ? 'success' : m.provider.state === 'unreachable' ? 'danger' : 'neutral'}>
                {t(`monitoring.providerState.${m.provider.state}`)}
              </Badge>
              {m.provider.latencyMs !== null && <span className="ml-2 text-muted tabular">{t('monitoring.latency', { ms: m.provider.latencyMs })}</span>}
            </dd>
          </div>
        </dl>
      </Card>

      <Card className="min-w-0">
        <CardHeader title={t('monitoring.instances')} description={t('monitoring.liveClients', { count: m.liveClients })} />
        <ul className="divide-y divide-line">
          {m.instances.map((i) => (
            <li key={i.name} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
              <div className="min-w-0">
                <p className="truncate font-medium text-ink">{i.name}</p>
                <p className="text-xs text-muted">
                  {t('monitoring.startedAt')} {formatDateTime(i.startedAt as string)} · {t('monitoring.lastBeat')} {formatTime(i.lastBeat as string)}
                </p>
              </div>
              <Badge tone={i.alive ? 'success' : 'danger'}>{i.alive ? t('monitoring.alive') : t('monitoring.dead')}</Badge>
            </li>
          ))}
        </ul>
      </Card>

      <Card className="min-w-0 lg:col-span-3">
        <CardHeader title={t('monitoring.errors')} />
        {m.errorsLast24h.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-muted">{t('monitoring.noErrors')}</p>
        ) : (
          <Table label={t('monitoring.errors')}>
            <thead>
              <tr>
                <Th className="w-28">{t('monitoring.code')}</Th>
                <Th className="w-28 text-right">{t('monitoring.count')}</Th>
                <Th>{t('monitoring.explanation')}</Th>
              </tr>
            </thead>
            <tbody>
              {m.errorsLast24h.map((e) => (
                <Tr key={e.errorCode ?? 'none'}>
                  <Td className="font-medium tabular">{e.errorCode ?? t('monitoring.unknownCode')}</Td>
                  <Td className="text-right tabular">{formatNumber(e.count)}</Td>
                  <Td className="text-muted">{e.explanation ?? '—'}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-0.5 text-2xl font-semibold tabular text-ink" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
