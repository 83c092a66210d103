import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { DailySeries, Quota, RecentMessage, StatsOverview, StatsPeriod, StatusCount } from '@/shared/api/types';
export { PERIODS, homeSearchSchema, type HomeSearch } from './search';

/** Every key of this page starts with 'stats' (or is the quota): one invalidation refreshes them all. */
export const overviewQueryOptions = (period: StatsPeriod) =>
  queryOptions({
    queryKey: ['stats', 'overview', period],
    queryFn: (): Promise<StatsOverview> => unwrap(api.GET('/api/stats/overview', { params: { query: { period } } })),
    placeholderData: keepPreviousData,
  });

export const dailyQueryOptions = (days: 7 | 30 | 90) =>
  queryOptions({
    queryKey: ['stats', 'daily', days],
    queryFn: (): Promise<DailySeries> => unwrap(api.GET('/api/stats/daily', { params: { query: { days } } })),
    placeholderData: keepPreviousData,
  });

export const statusDistributionQueryOptions = () =>
  queryOptions({
    queryKey: ['stats', 'status-distribution'],
    queryFn: (): Promise<StatusCount[]> => unwrap(api.GET('/api/stats/status-distribution')),
  });

export const recentMessagesQueryOptions = () =>
  queryOptions({
    queryKey: ['stats', 'recent-messages', 10],
    queryFn: (): Promise<RecentMessage[]> => unwrap(api.GET('/api/stats/recent-messages', { params: { query: { limit: 10 } } })),
  });

export const quotaQueryOptions = () =>
  queryOptions({ queryKey: ['delivery', 'quota'], queryFn: (): Promise<Quota> => unwrap(api.GET('/api/delivery/quota')) });

export const useOverview = (period: StatsPeriod) => useQuery(overviewQueryOptions(period));
export const useDaily = (days: 7 | 30 | 90) => useQuery(dailyQueryOptions(days));
export const useStatusDistribution = () => useQuery(statusDistributionQueryOptions());
export const useRecentMessages = () => useQuery(recentMessagesQueryOptions());
export const useQuotaNow = () => useQuery(quotaQueryOptions());
