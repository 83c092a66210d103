import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { Campaign, CampaignStats, DailySeries, Monitoring, StatsOverview } from '@/shared/api/types';
import type { Days } from './search';
export { statisticsSearchSchema, type Days, type StatisticsSearch } from './search';

export const periodOf = (days: Days) => (`${days}d` as const);

export const overviewQueryOptions = (days: Days) =>
  queryOptions({
    queryKey: ['stats', 'overview', periodOf(days)],
    queryFn: (): Promise<StatsOverview> => unwrap(api.GET('/api/stats/overview', { params: { query: { period: periodOf(days) } } })),
    placeholderData: keepPreviousData,
  });

export const dailyQueryOptions = (days: Days) =>
  queryOptions({
    queryKey: ['stats', 'daily', days],
    queryFn: (): Promise<DailySeries> => unwrap(api.GET('/api/stats/daily', { params: { query: { days } } })),
    placeholderData: keepPreviousData,
  });

/** The latest campaigns with their live counters (the comparison). */
export const comparisonQueryOptions = () =>
  queryOptions({
    queryKey: ['campaigns', 'comparison'],
    queryFn: async (): Promise<Campaign[]> => (await unwrap(api.GET('/api/campaigns', { params: { query: { size: 12 } } }))).items.filter((c) => c.status !== 'draft'),
  });

export const campaignStatsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['campaigns', 'stats', id],
    queryFn: (): Promise<CampaignStats> => unwrap(api.GET('/api/campaigns/{id}/stats', { params: { path: { id } } })),
  });

export const errorsLast24hQueryOptions = () =>
  queryOptions({
    queryKey: ['monitoring'],
    queryFn: (): Promise<Monitoring> => unwrap(api.GET('/api/monitoring')),
  });

export const useOverview = (days: Days) => useQuery(overviewQueryOptions(days));
export const useDaily = (days: Days) => useQuery(dailyQueryOptions(days));
export const useComparison = () => useQuery(comparisonQueryOptions());
export const useCampaignStats = (id: string | undefined) => useQuery({ ...campaignStatsQueryOptions(id ?? ''), enabled: Boolean(id) });
export const useErrorsLast24h = (enabled: boolean) => useQuery({ ...errorsLast24hQueryOptions(), enabled });
