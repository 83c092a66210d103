import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Megaphone, Plus, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '@/shared/api/events';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { Input, Select } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Pagination, SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { formatDateTime, formatNumber, formatPercent } from '@/shared/lib/format';
import { CAMPAIGNS_PAGE_SIZE, campaignKeys, useCampaigns, type CampaignsSearch } from '../api/campaigns';
import { CAMPAIGN_STATUSES, type Campaign, type CampaignPage, type ProgressEvent } from '../api/types';
import { CampaignStatusBadge, ProgressBar } from '../components/status-badge';
import { progressOf, rate } from '../lib/progress';
import '../i18n';

interface Props {
  search: CampaignsSearch;
  onSearch: (next: CampaignsSearch) => void;
  onCreate: () => void;
}

export default function CampaignsPage({ search, onSearch, onCreate }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = useCampaigns(search);
  const [text, setText] = useState(search.q ?? '');

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) onSearch({ ...search, q: text || undefined, page: undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  // Counters of the campaigns on screen move as events arrive; a status change reloads the list.
  useLiveEvent('campaign.progress', (e: ProgressEvent) => {
    let statusChanged = false;
    qc.setQueriesData<CampaignPage>({ queryKey: campaignKeys.lists() }, (page) => {
      if (!page?.items.some((c) => c.id === e.campaignId)) return page;
      return {
        ...page,
        items: page.items.map((c): Campaign => {
          if (c.id !== e.campaignId) return c;
          if (c.status !== e.status) statusChanged = true;
          const { status, recipients, sent, delivered, read, failed, replied, message2Sent } = e;
          return { ...c, status, counters: { ...c.counters, recipients, sent, delivered, read, failed, replied, message2Sent } };
        }),
      };
    });
    if (statusChanged) void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
  });

  const filtered = Boolean(search.q || search.status);
  const data = query.data;
  const archived = Boolean(search.archived);

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.subtitle')}
        action={
          <Button onClick={onCreate}>
            <Plus className="size-4" aria-hidden />
            {t('campaigns.create')}
          </Button>
        }
      />
      <div role="tablist" aria-label={t('campaigns.title')} className="mb-4 flex gap-1 border-b border-line">
        {[false, true].map((a) => (
          <button
            key={String(a)}
            role="tab"
            type="button"
            aria-selected={archived === a}
            onClick={() => onSearch({ ...search, archived: a || undefined, page: undefined })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${archived === a ? 'border-primary text-primary-strong' : 'border-transparent text-muted hover:text-ink'}`}
          >
            {t(a ? 'campaigns.tabs.archived' : 'campaigns.tabs.active')}
          </button>
        ))}
      </div>
      <Card>
        <div className="flex flex-col gap-3 border-b border-line p-4 md:flex-row md:items-center">
          <div className="relative flex-1">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
            <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('campaigns.searchPlaceholder')} aria-label={t('common.search')} className="pl-9" />
          </div>
          <Select
            aria-label={t('campaigns.statusLabel')}
            className="md:w-52"
            value={search.status ?? ''}
            onChange={(e) => onSearch({ ...search, status: (e.target.value || undefined) as CampaignsSearch['status'], page: undefined })}
          >
            <option value="">{t('campaigns.allStatuses')}</option>
            {CAMPAIGN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`campaigns.status.${s}`)}
              </option>
            ))}
          </Select>
        </div>

        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState
            icon={<Megaphone className="size-6" aria-hidden />}
            title={filtered ? t('campaigns.emptyFiltered') : archived ? t('campaigns.emptyArchived') : t('campaigns.empty')}
            action={
              filtered ? (
                <Button variant="secondary" onClick={() => { setText(''); onSearch({ archived: search.archived }); }}>
                  {t('common.reset')}
                </Button>
              ) : archived ? undefined : (
                <Button onClick={onCreate}>{t('campaigns.create')}</Button>
              )
            }
          />
        ) : (
          <>
            <Table label={t('campaigns.title')}>
              <thead>
                <tr>
                  <Th className="w-[28%]">{t('campaigns.columns.name')}</Th>
                  <Th className="w-[12%]">{t('campaigns.columns.status')}</Th>
                  <Th className="w-[18%]">{t('campaigns.columns.progress')}</Th>
                  <Th className="w-[9%] text-right">{t('campaigns.columns.delivered')}</Th>
                  <Th className="w-[9%] text-right">{t('campaigns.columns.read')}</Th>
                  <Th className="w-[9%] text-right">{t('campaigns.columns.replied')}</Th>
                  <Th className="w-[9%] text-right">{t('campaigns.columns.failed')}</Th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <SkeletonRows columns={7} />
                ) : (
                  data.items.map((c) => <CampaignRow key={c.id} c={c} />)
                )}
              </tbody>
            </Table>
            {data && <Pagination page={data.page} size={data.size || CAMPAIGNS_PAGE_SIZE} total={data.total} onPage={(page) => onSearch({ ...search, page })} />}
          </>
        )}
      </Card>
    </>
  );
}

function CampaignRow({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const k = c.counters;
  const progress = progressOf(k);
  const when = c.status === 'scheduled' ? c.scheduledAt : (c.launchedAt ?? c.createdAt);
  return (
    <Tr>
      <Td>
        <Link to="/campaigns/$id" params={{ id: c.id as string }} className="font-medium text-ink hover:text-primary-strong hover:underline">
          {c.name}
        </Link>
        <div className="text-xs text-muted tabular">
          {t(c.status === 'scheduled' ? 'campaigns.scheduledOn' : c.launchedAt ? 'campaigns.launchedOn' : 'campaigns.createdOn', { date: formatDateTime(when) })}
        </div>
      </Td>
      <Td>
        <CampaignStatusBadge status={c.status} archived={Boolean(c.archivedAt)} />
      </Td>
      <Td>
        {c.status === 'draft' || c.status === 'scheduled' ? (
          <span className="text-xs text-muted">{t('campaigns.notLaunched')}</span>
        ) : (
          <>
            <div className="flex items-center gap-2">
              <ProgressBar value={progress} label={t('campaigns.progressOf', { name: c.name })} />
              <span className="w-10 text-right text-xs text-muted tabular">{formatPercent(progress, 0)}</span>
            </div>
            <div className="mt-0.5 text-xs text-muted tabular">{t('campaigns.recipientsN', { count: k.recipients, n: formatNumber(k.recipients) })}</div>
          </>
        )}
      </Td>
      <RateCell value={rate(k.delivered, k.sent)} />
      <RateCell value={rate(k.read, k.delivered)} />
      <RateCell value={rate(k.replied, k.sent)} />
      <RateCell value={rate(k.failed, k.recipients)} danger={k.failed > 0} />
    </Tr>
  );
}

function RateCell({ value, danger }: { value: number | null; danger?: boolean }) {
  return <Td className={`text-right tabular ${danger ? 'text-danger-strong' : 'text-ink'}`}>{formatPercent(value, 0)}</Td>;
}
