// Writing campaigns: save (create / update), the status actions, archive, restore, delete.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import { campaignKeys } from './campaigns';
import type { Campaign, CampaignRequest } from './types';

export function useSaveCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CampaignRequest }): Promise<Campaign> =>
      id
        ? unwrap(api.PATCH('/api/campaigns/{id}', { params: { path: { id } }, body }))
        : unwrap(api.POST('/api/campaigns', { body })),
    onSuccess: (c) => {
      qc.setQueryData(campaignKeys.detail(c.id as string), c);
      void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
    },
  });
}

export type CampaignAction = 'launch' | 'pause' | 'resume' | 'stop' | 'retry-failed' | 'relaunch' | 'archive' | 'restore' | 'unschedule' | 'delete';

export interface ActionInput {
  id: string;
  action: CampaignAction;
  /** retry-failed: also the permanent failures; relaunch: also the contacts already delivered. */
  include?: boolean;
}

/** Runs one action; resolves with the campaign afterwards, or null when it was deleted. */
async function run({ id, action, include }: ActionInput): Promise<Campaign | null> {
  const path = { params: { path: { id } } };
  switch (action) {
    case 'launch':
      return unwrap(api.POST('/api/campaigns/{id}/launch', path));
    case 'pause':
      return unwrap(api.POST('/api/campaigns/{id}/pause', path));
    case 'resume':
      return unwrap(api.POST('/api/campaigns/{id}/resume', path));
    case 'stop':
      return unwrap(api.POST('/api/campaigns/{id}/stop', path));
    case 'retry-failed':
      return unwrap(api.POST('/api/campaigns/{id}/retry-failed', { params: { path: { id }, query: { includePermanent: include || undefined } } }));
    case 'relaunch':
      return unwrap(api.POST('/api/campaigns/{id}/relaunch', { params: { path: { id }, query: { includeDelivered: include || undefined } } }));
    case 'archive':
      return unwrap(api.POST('/api/campaigns/{id}/archive', path));
    case 'restore':
      return unwrap(api.POST('/api/campaigns/{id}/restore', path));
    case 'unschedule':
      // null (not absent) removes the date: the campaign is a draft again.
      return unwrap(api.PATCH('/api/campaigns/{id}', { ...path, body: { scheduledAt: null } as unknown as Record<string, never> }));
    case 'delete': {
      const res = await unwrap(api.DELETE('/api/campaigns/{id}', path));
      // 200 with the campaign: it had sent something, so it was archived instead.
      return (res as Campaign | undefined) ?? null;
    }
  }
}

export function useCampaignAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (c, { id }) => {
      if (c) qc.setQueryData(campaignKeys.detail(id), c);
      else qc.removeQueries({ queryKey: campaignKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.lists() });
      void qc.invalidateQueries({ queryKey: campaignKeys.stats(id) });
      void qc.invalidateQueries({ queryKey: campaignKeys.recipients(id) });
    },
  });
}
