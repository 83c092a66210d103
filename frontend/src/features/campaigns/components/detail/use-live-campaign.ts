import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLiveEvent } from '@/shared/api/events';
import { campaignKeys } from '../../api/campaigns';
import type { Campaign, ProgressEvent, QuotaLevelEvent } from '../../api/types';

export type LiveNotice =
  | { id: number; kind: 'status'; status: Campaign['status'] }
  | { id: number; kind: 'quota'; level: QuotaLevelEvent['level']; used: number; limit: number };

const REFRESH_MS = 2_000;

/**
 * Keeps one campaign's page live from the tab's event stream: counters land in the cache as they
 * arrive; a status change refetches the campaign (pause reason, dates); the stats, timeline and
 * recipients that events do not carry are refetched at most every 2 s while events keep coming.
 */
export function useLiveCampaign(id: string) {
  const qc = useQueryClient();
  const [notices, setNotices] = useState<LiveNotice[]>([]);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function refreshDerived() {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void qc.invalidateQueries({ queryKey: campaignKeys.stats(id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.timeline(id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.recipients(id) });
    }, REFRESH_MS);
  }

  useLiveEvent('campaign.progress', (e: ProgressEvent) => {
    if (e.campaignId !== id) return;
    const before = qc.getQueryData<Campaign>(campaignKeys.detail(id));
    if (before) {
      const { status, recipients, sent, delivered, read, failed, replied, message2Sent } = e;
      const counts = { recipients, sent, delivered, read, failed, replied, message2Sent };
      qc.setQueryData<Campaign>(campaignKeys.detail(id), {
        ...before,
        status,
        counters: { ...before.counters, ...counts, queued: Math.max(0, counts.recipients - counts.sent - counts.failed) },
      });
      if (status !== before.status) {
        void qc.invalidateQueries({ queryKey: campaignKeys.detail(id) });
        void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
        setNotices((n) => [...n.slice(-4), { id: ++seq.current, kind: 'status', status }]);
      }
    }
    refreshDerived();
  });

  useLiveEvent('quota.level', (e: QuotaLevelEvent) => {
    void qc.invalidateQueries({ queryKey: ['delivery', 'quota'] });
    setNotices((n) => [...n.slice(-4), { id: ++seq.current, kind: 'quota', level: e.level, used: e.used, limit: e.limit }]);
  });

  useLiveEvent('resync', () => {
    void qc.invalidateQueries({ queryKey: campaignKeys.detail(id) });
    refreshDerived();
  });

  return { notices, dismiss: (nid: number) => setNotices((n) => n.filter((x) => x.id !== nid)) };
}
