// What the wizard reads to build a campaign: categories, contacts, variables, limits, quota, the
// draft's pre-send check and its previews.
import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { CampaignPreflight, CampaignPreview, CampaignRequest, Category, Contact, Limits, MessageVariables, Quota } from './types';

export const useCategories = () =>
  useQuery({
    queryKey: ['categories', 'list', { size: 100 }],
    queryFn: async (): Promise<Category[]> => (await unwrap(api.GET('/api/categories', { params: { query: { size: 100 } } }))).items,
    staleTime: 30_000,
  });

export const useContactSearch = (q: string, categoryId?: string) =>
  useQuery({
    enabled: Boolean(q || categoryId),
    queryKey: ['contacts', 'list', { q, categoryId, size: 10 }],
    queryFn: async (): Promise<Contact[]> =>
      (await unwrap(api.GET('/api/contacts', { params: { query: { q: q || undefined, categoryId, size: 10 } } }))).items,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useMessageVariables = () =>
  useQuery({
    queryKey: ['campaigns', 'variables'],
    queryFn: (): Promise<MessageVariables> => unwrap(api.GET('/api/campaigns/variables')),
    staleTime: 60_000,
  });

export const getLimitsQueryOptions = () =>
  queryOptions({
    queryKey: ['settings', 'limits'],
    queryFn: (): Promise<Limits> => unwrap(api.GET('/api/settings/limits')),
    staleTime: 5 * 60_000,
  });
export const useLimits = () => useQuery(getLimitsQueryOptions());

export const getQuotaQueryOptions = () =>
  queryOptions({ queryKey: ['delivery', 'quota'], queryFn: (): Promise<Quota> => unwrap(api.GET('/api/delivery/quota')) });
export const useQuota = () => useQuery(getQuotaQueryOptions());

/** The pre-send check of a campaign not saved yet (nothing is written). */
export const useDraftPreflight = (body: CampaignRequest, enabled: boolean) =>
  useQuery({
    queryKey: ['campaigns', 'draft-preflight', body],
    queryFn: (): Promise<CampaignPreflight> => unwrap(api.POST('/api/campaigns/preflight', { body })),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });

/** Message 1 and Message 2 as this contact would receive them. */
export const useDraftPreview = (body: CampaignRequest, contactId: string | undefined) =>
  useQuery({
    queryKey: ['campaigns', 'draft-preview', contactId, body],
    queryFn: (): Promise<CampaignPreview> =>
      unwrap(api.POST('/api/campaigns/preview', { params: { query: { contactId: contactId as string } }, body })),
    placeholderData: keepPreviousData,
    enabled: Boolean(contactId),
    retry: false,
  });

/** Names of a saved campaign's hand-picked contacts (id → "Awa Koné"), or undefined while they load. */
export function usePickedContactLabels(ids: string[]): Record<string, string> | undefined {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['contacts', 'detail', id],
      queryFn: (): Promise<Contact> => unwrap(api.GET('/api/contacts/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
    combine: (results) => {
      if (results.some((r) => r.isPending)) return undefined;
      const labels: Record<string, string> = {};
      results.forEach((r, i) => {
        const c = r.data;
        const id = ids[i] as string;
        labels[id] = c ? [c.firstName, c.lastName].filter(Boolean).join(' ') || c.phone : id.slice(0, 8);
      });
      return labels;
    },
  });
}
