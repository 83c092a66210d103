import { Link } from '@tanstack/react-router';
import { ArrowLeft, Bell, PauseCircle, X } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '@/shared/lib/format';
import { campaignKeys, useCampaign, useCampaignPreflight, useCampaignStats, useCampaignTimeline, type RecipientsSearch } from '../api/campaigns';
import { useLimits } from '../api/lookups';
import type { Campaign, Limits } from '../api/types';
import { CampaignActions } from '../components/detail/campaign-actions';
import { FailuresByCode } from '../components/detail/failures';
import { Funnel } from '../components/detail/funnel';
import { RecipientsTable } from '../components/detail/recipients-table';
import { useLiveCampaign, type LiveNotice } from '../components/detail/use-live-campaign';
import { CampaignStatusBadge, ProgressBar } from '../components/status-badge';
import { PresendCheck } from '../components/wizard/presend-check';
import { formatEta, isoToZoned } from '../lib/campaign-math';
import { progressOf, rate } from '../lib/progress';
import '../i18n';

const TimelineChart = lazy(() => import('../components/detail/timeline-chart'));

interface Props {
  id: string;
  onEdit: () => void;
  onDeleted: () => void;
  search: RecipientsSearch;
  onSearch: (s: RecipientsSearch) => void;
}

/** Messages per second this campaign can go at: its own pacing within the global rate. */
function effectiveRate(c: Campaign, limits: Limits | undefined): number | null {
  const rates = [c.messagesPerSecond, c.minDelayMs ? 1000 / c.minDelayMs : null, limits?.pacing.messagesPerSecond || null].filter(
    (r): r is number => typeof r === 'number' && r > 0,
  );
  return rates.length ? Math.min(...rates) : null;
}

export default function CampaignDetailPage({ id, search, onSearch, onEdit, onDeleted }: Props) {
  const { t, i18n } = useTranslation();
  const query = useCampaign(id);
  const stats = useCampaignStats(id);
  const limits = useLimits();
  const live = useLiveCampaign(id);
  const [granularity, setGranularity] = useState<'minute' | 'hour'>('minute');
  const c = query.data;
  const started = Boolean(c && (c.launchedAt || c.counters.recipients > 0));
  const timeline = useCampaignTimeline(id, granularity, started);
  useCatchUp(id, c?.counters.failed, stats.data?.failed, stats.isFetching);
  const notLaunched = c?.status === 'draft' || c?.status === 'scheduled';
  const preflight = useCampaignPreflight(id, Boolean(c) && notLaunched && !c?.archivedAt);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!c) return <DetailSkeleton />;

  const k = c.counters;
  const progress = progressOf(k);
  const remaining = Math.max(0, k.recipients - k.sent - k.failed);
  const mps = effectiveRate(c, limits.data);
  const eta = c.status === 'sending' && remaining > 0 && mps ? formatEta(remaining / mps, i18n.language === 'en' ? 'en' : 'fr') : null;

  return (
    <>
      <Link to="/campaigns" className="mb-3 inline-flex items-center gap-1.5 text-sm text-muted hover:text-ink">
        <ArrowLeft className="size-4" aria-hidden />
        {t('campaigns.title')}
      </Link>
      <PageHeader
        title={c.name}
        description={describe(c, t)}
        action={<CampaignActions campaign={c} onEdit={onEdit} onDeleted={onDeleted} />}
      />
      <LiveNotices notices={live.notices} onDismiss={live.dismiss} />
      {(c.status === 'paused' || c.status === 'draft') && c.pauseReason && (
        <div role="status" className="mb-4 flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <PauseCircle className="mt-0.5 size-5 shrink-0" aria-hidden />
          <div>
            {/* A draft with a reason is a scheduled campaign that went back to draft at its time. */}
            <p className="font-medium">{t(c.status === 'draft' ? 'campaigns.detail.notStartedBecause' : 'campaigns.detail.pausedBecause')}</p>
            <p>{t(`campaigns.pauseReason.${c.pauseReason}`)}</p>
          </div>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-5 lg:col-span-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex items-center gap-3">
              <CampaignStatusBadge status={c.status} archived={Boolean(c.archivedAt)} />
              <span className="text-2xl font-semibold text-ink tabular" data-testid="progress-value">
                {formatPercent(progress, 0)}
              </span>
            </div>
            <p className="text-sm text-muted tabular" aria-live="polite">
              {eta ? t('campaigns.detail.eta', { eta, remaining: formatNumber(remaining) }) : c.status === 'completed' ? t('campaigns.detail.finished', { date: formatDateTime(c.completedAt) }) : null}
            </p>
          </div>
          <ProgressBar value={progress} label={t('campaigns.detail.progress')} className="mt-3 h-3" />
          <dl className="mt-5 grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7">
            <Counter label={t('campaigns.counters.recipients')} value={k.recipients} />
            <Counter label={t('campaigns.counters.queued')} value={remaining} />
            <Counter label={t('campaigns.counters.sent')} value={k.sent} />
            <Counter label={t('campaigns.counters.delivered')} value={k.delivered} ratio={rate(k.delivered, k.sent)} />
            <Counter label={t('campaigns.counters.read')} value={k.read} ratio={rate(k.read, k.delivered)} />
            <Counter label={t('campaigns.counters.replied')} value={k.replied} ratio={rate(k.replied, k.sent)} />
            <Counter label={t('campaigns.counters.failed')} value={k.failed} ratio={rate(k.failed, k.recipients)} danger />
          </dl>
        </Card>

        {notLaunched && !c.archivedAt && (
          <Card className="lg:col-span-3">
            <CardHeader title={t('campaigns.wizard.check')} description={t('campaigns.detail.checkHelp')} />
            <div className="p-5">
              <PresendCheck preflight={preflight.data} error={preflight.error} onRetry={() => void preflight.refetch()} />
            </div>
          </Card>
        )}

        {!notLaunched && (
          <>
            <Card className="lg:col-span-2">
              <CardHeader title={t('campaigns.detail.funnel')} description={t('campaigns.detail.funnelHelp')} />
              <div className="p-5">
                <Funnel
                  hasMessage2={Boolean(c.message2Body)}
                  counts={{
                    recipients: k.recipients,
                    sent: k.sent,
                    delivered: k.delivered,
                    read: k.read,
                    replied: k.replied,
                    message2Sent: k.message2Sent,
                    message2Read: stats.data ? stats.data.message2Read : null,
                  }}
                />
              </div>
            </Card>

            <Card>
              <CardHeader title={t('campaigns.detail.failures')} />
              <div className="p-5">
                {stats.isError ? (
                  <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
                ) : !stats.data ? (
                  <Skeleton className="h-16 w-full" />
                ) : (
                  <FailuresByCode failures={stats.data.failures} onShow={() => onSearch({ ...search, rstatus: 'failed', rpage: undefined })} />
                )}
              </div>
            </Card>

            <Card className="lg:col-span-3">
              <CardHeader
                title={t('campaigns.detail.timeline')}
                action={
                  <div className="flex gap-1" role="group" aria-label={t('campaigns.detail.granularity')}>
                    {(['minute', 'hour'] as const).map((g) => (
                      <button
                        key={g}
                        type="button"
                        aria-pressed={granularity === g}
                        onClick={() => setGranularity(g)}
                        className={`rounded-md px-2.5 py-1 text-xs font-medium ${granularity === g ? 'bg-emerald-50 text-primary-strong' : 'text-muted hover:bg-page'}`}
                      >
                        {t(`campaigns.detail.by.${g}`)}
                      </button>
                    ))}
                  </div>
                }
              />
              <div className="p-5">
                {!started ? (
                  <p className="text-sm text-muted">{t('campaigns.detail.notStarted')}</p>
                ) : timeline.isError ? (
                  <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
                ) : !timeline.data ? (
                  <Skeleton className="h-44 w-full" />
                ) : timeline.data.length === 0 ? (
                  <p className="text-sm text-muted">{t('campaigns.detail.noTimeline')}</p>
                ) : (
                  <Suspense fallback={<Skeleton className="h-44 w-full" />}>
                    <TimelineChart points={timeline.data} granularity={granularity} />
                  </Suspense>
                )}
              </div>
            </Card>

            <Card className="lg:col-span-3">
              <CardHeader title={t('campaigns.detail.recipients')} />
              {started ? <RecipientsTable campaignId={id} search={search} onSearch={onSearch} /> : <p className="p-5 text-sm text-muted">{t('campaigns.detail.notStarted')}</p>}
            </Card>
          </>
        )}

        <MessagesCard c={c} />
      </div>
    </>
  );
}

/**
 * The live counters said more failures than the stats show (the stats were read just before the
 * last status landed): read them again, a few times at most, until they agree.
 */
function useCatchUp(id: string, liveFailed: number | undefined, statsFailed: number | undefined, fetching: boolean) {
  const qc = useQueryClient();
  const tries = useRef(0);
  useEffect(() => {
    if (liveFailed === undefined || statsFailed === undefined || fetching) return;
    if (statsFailed >= liveFailed) {
      tries.current = 0;
      return;
    }
    if (tries.current >= 5) return;
    const timer = setTimeout(() => {
      tries.current++;
      void qc.invalidateQueries({ queryKey: campaignKeys.stats(id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.recipients(id) });
    }, 2_000);
    return () => clearTimeout(timer);
  }, [id, liveFailed, statsFailed, fetching, qc]);
}

function describe(c: Campaign, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (c.status === 'scheduled' && c.scheduledAt) {
    // The date and time as the campaign's own time zone reads them (the one the user chose).
    const at = isoToZoned(c.scheduledAt, c.timeZone);
    return t('campaigns.detail.scheduledFor', { date: `${formatDate(`${at.date}T12:00:00`)} ${at.time}`, tz: c.timeZone });
  }
  if (c.launchedAt) return t('campaigns.detail.launchedAt', { date: formatDateTime(c.launchedAt) });
  return t('campaigns.detail.createdAt', { date: formatDateTime(c.createdAt) });
}

function Counter({ label, value, ratio, danger }: { label: string; value: number; ratio?: number | null; danger?: boolean }) {
  return (
    <div>
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular ${danger && value > 0 ? 'text-danger-strong' : 'text-ink'}`}>
        {formatNumber(value)}
        {ratio !== undefined && ratio !== null && <span className="ml-1.5 text-xs font-normal text-muted">{formatPercent(ratio, 0)}</span>}
      </dd>
    </div>
  );
}

function LiveNotices({ notices, onDismiss }: { notices: LiveNotice[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite" className="mb-4 space-y-2 empty:mb-0">
      {notices.map((n) => (
        <div key={n.id} className={`flex items-start gap-3 rounded-lg border p-3 text-sm ${n.kind === 'quota' && n.level !== 'OK' ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-line bg-white text-ink'}`}>
          <Bell className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p className="flex-1">
            {n.kind === 'status'
              ? t(`campaigns.notice.status.${n.status}`)
              : t(`campaigns.notice.quota.${n.level}`, { used: formatNumber(n.used), limit: formatNumber(n.limit) })}
          </p>
          <button type="button" onClick={() => onDismiss(n.id)} className="rounded p-0.5 text-muted hover:text-ink" aria-label={t('common.close')}>
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}

function MessagesCard({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  return (
    <Card className="lg:col-span-3">
      <CardHeader title={t('campaigns.detail.messages')} />
      <div className="grid gap-5 p-5 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-ink">{t('campaigns.kind.message_1')}</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap text-muted">
            {c.message1ContentSid ? t('campaigns.detail.template', { sid: c.message1ContentSid }) : c.message1Body}
          </p>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-ink">{t('campaigns.kind.message_2')}</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap text-muted">{c.message2Body || t('campaigns.detail.noMessage2')}</p>
        </div>
      </div>
    </Card>
  );
}

function DetailSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-40 w-full" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
