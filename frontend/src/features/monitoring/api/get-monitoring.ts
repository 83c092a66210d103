import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { Monitoring } from '@/shared/api/types';

export const monitoringQueryOptions = () =>
  queryOptions({
    queryKey: ['monitoring'],
    queryFn: (): Promise<Monitoring> => unwrap(api.GET('/api/monitoring')),
    // Ages (oldest waiting message, last callback) and instance heartbeats have no event: a slow
    // refresh while the page is open keeps them honest; everything else moves with the events.
    refetchInterval: 30_000,
  });

export const useMonitoring = () => useQuery(monitoringQueryOptions());
