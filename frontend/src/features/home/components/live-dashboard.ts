import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '@/shared/api/events';
import { useLiveInvalidate } from '@/shared/api/live-queries';
import type { Quota } from '@/shared/api/types';

/** The home page's figures move with the events: statistics refetched (at most once a second), the quota level set at once. */
export function useLiveDashboard() {
  const client = useQueryClient();
  useLiveInvalidate('message.status', [['stats'], ['delivery', 'quota']]);
  useLiveInvalidate('message.inbound', [['stats']]);
  useLiveInvalidate('campaign.progress', [['stats', 'overview']]);
  useLiveEvent('quota.level', (e) => {
    client.setQueryData<Quota>(['delivery', 'quota'], (q) => (q ? { ...q, level: e.level, used: e.used, limit: e.limit, remaining: e.left } : q));
  });
}
