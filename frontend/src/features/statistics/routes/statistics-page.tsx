import '../i18n';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '@/shared/api/events';
import { useLiveInvalidate } from '@/shared/api/live-queries';
import type { Campaign } from '@/shared/api/types';
import { LazyLineChart } from '@/shared/components/charts/lazy';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Select } from '@/shared/components/ui/input';
import { KpiCard } from '@/shared/components/ui/kpi-card';
import { Segmented } from '@/shared/components/ui/segmented';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { formatNumber, formatPercent } from '@/shared/lib/format';
import { formatDay, formatMoney } from '@/shared/lib/time';
import { useCampaignStats, useComparison, useDaily, useErrorsLast24h, useOverview, type Days, type StatisticsSearch } from '../api/get-statistics';
import { RateBars } from '../components/rate-bars';
import { campaignRates, costSeries } from '../components/rates';

interface StatisticsPageProps {
  search: StatisticsSearch;
  onSearch: (next: StatisticsSearch) => void;
}

export default function StatisticsPage({ search, onSearch }: StatisticsPageProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const days: Days = search.days ?? 30;
  useLiveInvalidate('message.status', [['stats'], ['monitoring']]);
  useLiveInvalidate('message.inbound', [['stats']]);
  useLiveInvalidate('campaign.progress', [['campaigns', 'stats']]);
  // A campaign's counters arrive with the event itself: no refetch.
  useLiveEvent('campaign.progress', (e) => {
    client.setQueryData<Campaign[]>(['campaigns', 'comparison'], (list) =>
      list?.map((c) =>
        c.id === e.campaignId
          ? { ...c, status: e.status, counters: { ...c.counters, sent: e.sent, delivered: e.delivered, read: e.read, failed: e.failed, replied: e.replied, message2Sent: e.message2Sent, recipients: e.recipients } }
          : c,
      ),
    );
  });
  return (
    <>
      <PageHeader
        title={t('statistics.title')}
        description={t('statistics.subtitle')}
        action={
          <Segmented
            label={t('statistics.period')}
            value={String(days)}
            onChange={(v) => onSearch({ ...search, days: v === '30' ? undefined : (Number(v) as Days) })}
            options={[7, 30, 90].map((d) => ({ value: String(d), label: t('statistics.days', { count: d }) }))}
          />
        }
      />
      <Figures days={days} />
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Activity days={days} />
        <Cost days={days} />
      </div>
      <Comparison />
      <Failures search={search} onSearch={onSearch} />
    </>
  );
}

function Figures({ days }: { days: Days }) {
  const { t } = useTranslation();
  const q = useOverview(days);
  if (q.isError)
    return (
      <Card>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    );
  const o = q.data;
  const of = (n?: number, d?: number) => (o ? t('statistics.kpi.of', { n: formatNumber(n), d: formatNumber(d) }) : undefined);
  return (
    <section aria-label={t('statistics.period')} aria-live="polite" className="grid grid-cols-2 gap-4 lg:grid-cols-3 2xl:grid-cols-6">
      <KpiCard loading={!o} label={t('statistics.kpi.sent')} value={formatNumber(o?.sent)} />
      <KpiCard loading={!o} label={t('statistics.kpi.deliveryRate')} value={formatPercent(o?.deliveryRate)} detail={of(o?.delivered, o?.attempted)} />
      <KpiCard loading={!o} label={t('statistics.kpi.readRate')} value={formatPercent(o?.readRate)} detail={of(o?.read, o?.delivered)} />
      <KpiCard loading={!o} label={t('statistics.kpi.replyRate')} value={formatPercent(o?.replyRate)} detail={of(o?.replied, o?.delivered)} />
      <KpiCard loading={!o} label={t('statistics.kpi.failureRate')} value={formatPercent(o?.failureRate)} detail={of(o?.failed, o?.attempted)} />
      <KpiCard loading={!o} label={t('statistics.kpi.cost')} value={o ? formatMoney(o.estimatedCost.amount, o.estimatedCost.currency) : '—'} />
    </section>
  );
}

function Activity({ days }: { days: Days }) {
  const { t } = useTranslation();
  const q = useDaily(days);
  return (
    <Card className="min-w-0">
      <CardHeader title={t('statistics.activity')} description={t('statistics.activityHelp')} />
      <div className="p-5">
        {q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : !q.data ? (
          <Skeleton className="h-60 w-full" />
        ) : (
          <LazyLineChart
            title={t('statistics.activity')}
            data={q.data.points.map((p) => ({ label: formatDay(p.day as string), values: { sent: p.sent, delivered: p.delivered, read: p.read, replied: p.replied, failed: p.failed } }))}
            series={[
              { key: 'sent', label: t('statistics.series.sent'), color: '#60A5FA' },
              { key: 'delivered', label: t('statistics.series.delivered'), color: '#10B981' },
              { key: 'read', label: t('statistics.series.read'), color: '#0EA5E9' },
              { key: 'replied', label: t('statistics.series.replied'), color: '#8B5CF6' },
              { key: 'failed', label: t('statistics.series.failed'), color: '#EF4444' },
            ]}
          />
        )}
      </div>
    </Card>
  );
}

function Cost({ days }: { days: Days }) {
  const { t } = useTranslation();
  const daily = useDaily(days);
  const overview = useOverview(days);
  const cost = overview.data?.estimatedCost;
  const series = daily.data && cost ? costSeries(daily.data.points, cost.pricePerMessage) : null;
  return (
    <Card className="min-w-0">
      <CardHeader
        title={t('statistics.cost')}
        description={cost ? t('statistics.costHelp', { price: formatMoney(cost.pricePerMessage, cost.currency), total: formatMoney(cost.amount, cost.currency) }) : undefined}
      />
      <div className="p-5">
        {daily.isError ? (
          <ErrorState error={daily.error} onRetry={() => void daily.refetch()} />
        ) : !series || !cost ? (
          <Skeleton className="h-60 w-full" />
        ) : (
          <LazyLineChart
            title={t('statistics.cost')}
            format={(v) => formatMoney(v, cost.currency)}
            integer={false}
            data={series.map((p) => ({ label: formatDay(p.day), values: { cost: p.cost } }))}
            series={[{ key: 'cost', label: t('statistics.series.cost'), color: '#047857' }]}
          />
        )}
      </div>
    </Card>
  );
}

function Comparison() {
  const { t } = useTranslation();
  const q = useComparison();
  return (
    <Card className="mt-6">
      <CardHeader title={t('statistics.comparison')} description={t('statistics.comparisonHelp')} />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : q.data.length === 0 ? (
        <EmptyState title={t('statistics.noCampaigns')} />
      ) : (
        <ul className="divide-y divide-line" aria-label={t('statistics.comparison')}>
          {q.data.map((c) => (
            <li key={c.id as string} className="grid gap-3 px-5 py-4 md:grid-cols-[16rem_1fr] md:items-center" data-campaign={c.name}>
              <div className="min-w-0">
                <p className="truncate font-medium text-ink">{c.name}</p>
                <p className="mt-0.5 flex items-center gap-2 text-xs text-muted">
                  <Badge tone={c.status === 'sending' ? 'info' : c.status === 'completed' ? 'success' : c.status === 'stopped' ? 'danger' : 'neutral'}>
                    {t(`statistics.campaignStatus.${c.status}`)}
                  </Badge>
                  <span className="tabular">
                    {formatNumber(c.counters.recipients)} {t('statistics.recipients').toLowerCase()}
                  </span>
                </p>
              </div>
              <RateBars rates={campaignRates(c.counters)} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Failures({ search, onSearch }: StatisticsPageProps) {
  const { t } = useTranslation();
  const campaigns = useComparison();
  const byCampaign = useCampaignStats(search.failures);
  const last24h = useErrorsLast24h(!search.failures);
  const q = search.failures ? byCampaign : last24h;
  const rows = search.failures
    ? byCampaign.data?.failures.map((f) => ({ code: f.errorCode as number | null, count: f.count, explanation: f.explanation as string | null }))
    : last24h.data?.errorsLast24h.map((f) => ({ code: f.errorCode, count: f.count, explanation: f.explanation }));
  const max = Math.max(1, ...(rows ?? []).map((r) => r.count));
  return (
    <Card className="mt-6">
      <CardHeader
        title={t('statistics.failures')}
        description={t('statistics.failuresHelp')}
        action={
          <Select aria-label={t('statistics.failuresScope')} className="w-64" value={search.failures ?? ''} onChange={(e) => onSearch({ ...search, failures: e.target.value || undefined })}>
            <option value="">{t('statistics.last24h')}</option>
            {campaigns.data?.map((c) => (
              <option key={c.id as string} value={c.id as string}>
                {c.name}
              </option>
            ))}
          </Select>
        }
      />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !rows ? (
        <div className="p-5">
          <Skeleton className="h-16 w-full" />
        </div>
      ) : rows.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-muted">{t('statistics.noFailures')}</p>
      ) : (
        <ul className="divide-y divide-line" aria-label={t('statistics.failures')}>
          {rows.map((r) => (
            <li key={r.code ?? 'none'} className="grid gap-2 px-5 py-3 md:grid-cols-[8rem_12rem_1fr] md:items-center">
              <p className="font-medium text-ink tabular">{r.code === null ? t('statistics.unknownCode') : t('statistics.code', { code: r.code })}</p>
              <div className="flex items-center gap-2">
                <div className="h-2 flex-1 overflow-hidden rounded-full bg-gray-100" aria-hidden>
                  <div className="h-full rounded-full bg-danger" style={{ width: `${(r.count / max) * 100}%` }} />
                </div>
                <span className="w-24 text-right text-sm tabular">{t('statistics.count', { count: r.count, formatted: formatNumber(r.count) })}</span>
              </div>
              <p className="text-sm text-muted">{r.explanation ?? '—'}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
