import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { Campaign, CampaignStats, DailySeries, Monitoring, StatsOverview } from '@/shared/api/types';

export const statisticsSearchSchema = z.object({
  days: z.union([z.literal(7), z.literal(30), z.literal(90)]).optional().catch(undefined),
  /** The campaign whose failures are shown; none: every message of the last 24 h. */
  failures: z.uuid().optional().catch(undefined),
});
export type StatisticsSearch = z.infer<typeof statisticsSearchSchema>;
export type Days = 7 | 30 | 90;

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
