// Reading campaigns: the list, one campaign, its stats, timeline and recipients.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES, type Campaign, type CampaignPage, type CampaignPreflight, type CampaignStats, type RecipientPage, type TimelinePoint } from './types';

/** The list's state, kept in the URL (validated by the route). */
export const campaignsSearchSchema = z.object({
  q: z.string().optional().catch(undefined),
  status: z.enum(CAMPAIGN_STATUSES).optional().catch(undefined),
  archived: z.boolean().optional().catch(undefined),
  page: z.number().int().min(0).optional().catch(undefined),
});
export type CampaignsSearch = z.infer<typeof campaignsSearchSchema>;
export const CAMPAIGNS_PAGE_SIZE = 20;

export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => ['campaigns', 'list'] as const,
  list: (s: CampaignsSearch) => ['campaigns', 'list', s] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  stats: (id: string) => ['campaigns', 'stats', id] as const,
  timeline: (id: string) => ['campaigns', 'timeline', id] as const,
  recipients: (id: string) => ['campaigns', 'recipients', id] as const,
};

export const getCampaignsQueryOptions = (search: CampaignsSearch) =>
  queryOptions({
    queryKey: campaignKeys.list(search),
    queryFn: (): Promise<CampaignPage> =>
      unwrap(
        api.GET('/api/campaigns', {
          params: {
            query: { q: search.q || undefined, status: search.status, archived: search.archived || undefined, page: search.page ?? 0, size: CAMPAIGNS_PAGE_SIZE },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
export const useCampaigns = (search: CampaignsSearch) => useQuery(getCampaignsQueryOptions(search));

export const getCampaignQueryOptions = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.detail(id),
    queryFn: (): Promise<Campaign> => unwrap(api.GET('/api/campaigns/{id}', { params: { path: { id } } })),
  });
export const useCampaign = (id: string, enabled = true) => useQuery({ ...getCampaignQueryOptions(id), enabled });

export const getCampaignStatsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: campaignKeys.stats(id),
    queryFn: (): Promise<CampaignStats> => unwrap(api.GET('/api/campaigns/{id}/stats', { params: { path: { id } } })),
  });
export const useCampaignStats = (id: string, enabled = true) => useQuery({ ...getCampaignStatsQueryOptions(id), enabled });

/** The pre-send check of a saved campaign (draft or scheduled): who would receive it now, and what it costs. */
export const useCampaignPreflight = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['campaigns', 'preflight', id],
    queryFn: (): Promise<CampaignPreflight> => unwrap(api.GET('/api/campaigns/{id}/preflight', { params: { path: { id } } })),
    enabled,
  });

export const useCampaignTimeline = (id: string, granularity: 'minute' | 'hour', enabled = true) =>
  useQuery({
    queryKey: [...campaignKeys.timeline(id), granularity],
    queryFn: (): Promise<TimelinePoint[]> => unwrap(api.GET('/api/campaigns/{id}/timeline', { params: { path: { id }, query: { granularity } } })),
    placeholderData: keepPreviousData,
    enabled,
  });

export const recipientsSearchSchema = z.object({
  rq: z.string().optional().catch(undefined),
  rstatus: z.enum(RECIPIENT_STATUSES).optional().catch(undefined),
  rkind: z.enum(['message_1', 'message_2']).optional().catch(undefined),
  rpage: z.number().int().min(0).optional().catch(undefined),
});
export type RecipientsSearch = z.infer<typeof recipientsSearchSchema>;
export const RECIPIENTS_PAGE_SIZE = 25;

function recipientsQuery(s: RecipientsSearch) {
  return { q: s.rq || undefined, status: s.rstatus, kind: s.rkind, sort: 'phone' as const };
}

export const useCampaignRecipients = (id: string, search: RecipientsSearch, enabled = true) =>
  useQuery({
    queryKey: [...campaignKeys.recipients(id), search],
    queryFn: (): Promise<RecipientPage> =>
      unwrap(
        api.GET('/api/campaigns/{id}/recipients', {
          params: { path: { id }, query: { ...recipientsQuery(search), page: search.rpage ?? 0, size: RECIPIENTS_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });

/** The CSV export of the same filters, fetched with the session's token (a plain link would not carry it). */
export async function downloadRecipientsCsv(id: string, search: RecipientsSearch): Promise<Blob> {
  const data = await unwrap(api.GET('/api/campaigns/{id}/recipients.csv', { params: { path: { id }, query: recipientsQuery(search) }, parseAs: 'blob' }));
  return data as unknown as Blob;
}
