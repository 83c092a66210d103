import '../i18n';
import { Link } from '@tanstack/react-router';
import { Banknote, CheckCircle2, Megaphone, Plus, Send, Tags, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StatsPeriod, User } from '@/shared/api/types';
import { LazyLineChart, LazyPieChart } from '@/shared/components/charts/lazy';
import { Gauge } from '@/shared/components/charts/gauge';
import type { GaugeLevel } from '@/shared/components/charts/chart-data';
import { PageHeader } from '@/shared/components/layout/page-header';
import { KindLabel, STATUS_COLOURS, StatusBadge } from '@/shared/components/messages/message-status';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { KpiCard } from '@/shared/components/ui/kpi-card';
import { Segmented } from '@/shared/components/ui/segmented';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { formatNumber, formatPercent } from '@/shared/lib/format';
import { formatDay, formatMoney, formatTime } from '@/shared/lib/time';
import { PERIODS, useDaily, useOverview, useQuotaNow, useRecentMessages, useStatusDistribution } from '../api/get-dashboard';
import { useLiveDashboard } from '../components/live-dashboard';

interface HomePageProps {
  user: User;
  period: StatsPeriod;
  onPeriod: (p: StatsPeriod) => void;
}

export default function HomePage({ user, period, onPeriod }: HomePageProps) {
  const { t } = useTranslation();
  useLiveDashboard();
  const name = user.fullName?.split(' ')[0] || user.email;
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name })}
        description={t('home.subtitle')}
        action={
          <div className="flex flex-wrap items-center gap-3">
            <Segmented label={t('home.period')} value={period} onChange={onPeriod} options={PERIODS.map((p) => ({ value: p, label: t(`home.periods.${p}`) }))} />
            <Link
              // The campaigns issue registers /campaigns/new; until both are merged the route tree does not know it.
              to={'/campaigns/new' as '/campaigns'}
              className="inline-flex h-10 items-center gap-2 rounded-lg bg-primary-strong px-4 text-sm font-medium text-white shadow-sm hover:bg-primary-strong-hover"
            >
              <Plus className="size-4" aria-hidden />
              {t('home.newCampaign')}
            </Link>
          </div>
        }
      />
      <Kpis period={period} />
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card className="min-w-0 xl:col-span-2">
          <CardHeader title={t('home.chart')} description={t('home.chartHelp')} />
          <div className="p-5">
            <WeekChart />
          </div>
        </Card>
        <Card className="min-w-0">
          <CardHeader title={t('home.quota')} />
          <div className="p-5">
            <QuotaCard />
          </div>
        </Card>
        <Card className="min-w-0">
          <CardHeader title={t('home.statuses')} description={t('home.statusesHelp')} />
          <div className="p-5">
            <StatusPie />
          </div>
        </Card>
        <Card className="min-w-0 xl:col-span-2">
          <CardHeader
            title={t('home.recent')}
            action={
              <Link to="/messages" className="text-sm font-medium text-primary-strong underline-offset-4 hover:underline">
                {t('home.allMessages')}
              </Link>
            }
          />
          <RecentMessages />
        </Card>
      </div>
    </>
  );
}

function Kpis({ period }: { period: StatsPeriod }) {
  const { t } = useTranslation();
  const q = useOverview(period);
  if (q.isError) {
    return (
      <Card>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    );
  }
  const o = q.data;
  const loading = !o;
  const cls = 'size-5';
  return (
    <section aria-label={t('home.period')} aria-live="polite" aria-busy={q.isFetching && !o} className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
      <KpiCard
        loading={loading}
        icon={<Send className={cls} aria-hidden />}
        label={t('home.kpi.sent')}
        value={formatNumber(o?.sent)}
        detail={o && `${t('home.kpi.sentToday', { count: o.sentToday, formatted: formatNumber(o.sentToday) })} · ${t('home.kpi.failed', { count: o.failed })}`}
      />
      <KpiCard
        loading={loading}
        icon={<CheckCircle2 className={cls} aria-hidden />}
        label={t('home.kpi.deliveryRate')}
        value={formatPercent(o?.deliveryRate)}
        detail={o && `${t('home.kpi.deliveryDetail', { delivered: formatNumber(o.delivered), attempted: formatNumber(o.attempted) })} · ${t('home.kpi.readRate', { rate: formatPercent(o.readRate) })}`}
      />
      <KpiCard loading={loading} icon={<Users className={cls} aria-hidden />} label={t('home.kpi.contacts')} value={formatNumber(o?.contacts)} />
      <KpiCard
        loading={loading}
        icon={<Banknote className={cls} aria-hidden />}
        label={t('home.kpi.cost')}
        value={o ? formatMoney(o.estimatedCost.amount, o.estimatedCost.currency) : '—'}
        detail={o && t('home.kpi.costDetail', { price: formatMoney(o.estimatedCost.pricePerMessage, o.estimatedCost.currency) })}
      />
      <KpiCard loading={loading} icon={<Tags className={cls} aria-hidden />} label={t('home.kpi.categories')} value={formatNumber(o?.categories)} />
      <KpiCard
        loading={loading}
        icon={<Megaphone className={cls} aria-hidden />}
        label={t('home.kpi.campaigns')}
        value={formatNumber(o?.campaigns)}
        detail={o && t('home.kpi.activeCampaigns', { count: o.activeCampaigns })}
      />
    </section>
  );
}

function WeekChart() {
  const { t } = useTranslation();
  const q = useDaily(7);
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton className="h-60 w-full" />;
  return (
    <LazyLineChart
      title={t('home.chart')}
      data={q.data.points.map((p) => ({ label: formatDay(p.day as string), values: { sent: p.sent, delivered: p.delivered, read: p.read, failed: p.failed } }))}
      series={[
        { key: 'sent', label: t('home.series.sent'), color: '#60A5FA' },
        { key: 'delivered', label: t('home.series.delivered'), color: '#10B981' },
        { key: 'read', label: t('home.series.read'), color: '#0EA5E9' },
        { key: 'failed', label: t('home.series.failed'), color: '#EF4444' },
      ]}
    />
  );
}

function StatusPie() {
  const { t } = useTranslation();
  const q = useStatusDistribution();
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton className="mx-auto size-40 rounded-full" />;
  const total = q.data.reduce((n, s) => n + s.count, 0);
  return (
    <LazyPieChart
      title={t('home.statuses')}
      empty={t('home.noMessages')}
      centre={formatNumber(total)}
      values={q.data.map((s) => ({ key: s.status, label: t(`messageStatus.${s.status}`, { defaultValue: s.status }), value: s.count, color: STATUS_COLOURS[s.status] ?? '#9CA3AF' }))}
    />
  );
}

function QuotaCard() {
  const { t } = useTranslation();
  const q = useQuotaNow();
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton className="mx-auto h-32 w-56" />;
  const level = (q.data.level ?? 'OK') as GaugeLevel;
  return (
    <div aria-live="polite">
      <Gauge used={q.data.used} limit={q.data.limit} level={level} levelLabel={t(`home.levels.${level}`)} label={t('home.quota')} />
      <p className="mt-3 text-center text-sm text-muted">{t('home.quotaHelp', { left: formatNumber(q.data.remaining) })}</p>
    </div>
  );
}

function RecentMessages() {
  const { t } = useTranslation();
  const q = useRecentMessages();
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <div className="space-y-3 p-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    );
  if (q.data.length === 0) return <EmptyState title={t('home.recentEmpty')} />;
  return (
    <ul className="divide-y divide-line" aria-label={t('home.recent')}>
      {q.data.map((m) => (
        <li key={m.id as string} className="flex items-center gap-3 px-5 py-3">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-medium text-ink">
              {m.contactName || m.phone || t('home.unknownContact')}
              <span className="ml-2 text-xs font-normal text-muted">
                <KindLabel kind={m.kind} />
                {m.campaignName ? ` · ${m.campaignName}` : ''}
              </span>
            </p>
            <p className="truncate text-sm text-muted">{m.preview}</p>
          </div>
          <div className="flex shrink-0 flex-col items-end gap-1">
            <StatusBadge status={m.status} />
            <time className="text-xs text-muted tabular" dateTime={m.updatedAt as string}>
              {formatTime(m.updatedAt as string)}
            </time>
          </div>
        </li>
      ))}
    </ul>
  );
}
