import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { Campaign, MessageDetail, MessagePage, MessageStatus } from '@/shared/api/types';
import { messagesSearchSchema, type MessagePeriod, type MessagesSearch } from './search';

export { MESSAGE_PERIODS, type MessagePeriod, type MessagesSearch } from './search';

export const MESSAGES_PAGE_SIZE = 50;

/** The period's start: today = since local midnight; else that long ago. */
export function periodSince(period: MessagePeriod | undefined, now = new Date()): string | undefined {
  if (!period) return undefined;
  if (period === 'today') {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  }
  const hours = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30, '90d': 24 * 90 }[period];
  // Rounded to the minute so the query key (and the cache) stays the same for a minute.
  const since = new Date(now.getTime() - hours * 3600_000);
  since.setSeconds(0, 0);
  return since.toISOString();
}

export async function getMessages(search: MessagesSearch): Promise<MessagePage> {
  return unwrap(
    api.GET('/api/messages', {
      params: {
        query: {
          status: search.status ? (search.status.split(',') as MessageStatus[]) : undefined,
          kind: search.kind,
          direction: search.direction,
          campaignId: search.campaignId,
          contactId: search.contactId,
          errorCode: search.errorCode,
          since: periodSince(search.period),
          phone: search.phone || undefined,
          page: search.page ?? 0,
          size: MESSAGES_PAGE_SIZE,
        },
      },
      // The API reads one comma-separated value: status=failed,undelivered.
      querySerializer: { array: { style: 'form', explode: false } },
    }),
  );
}

const { message: _ignored, ...listShape } = messagesSearchSchema.shape;
void _ignored;
const listSchema = z.object(listShape);
export const messagesQueryOptions = (search: MessagesSearch) => {
  const filters = listSchema.parse(search);
  return queryOptions({ queryKey: ['messages', 'list', filters], queryFn: () => getMessages(filters), placeholderData: keepPreviousData });
};

export const messageDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['messages', 'detail', id],
    queryFn: (): Promise<MessageDetail> => unwrap(api.GET('/api/messages/{id}', { params: { path: { id } } })),
  });

export const campaignChoicesQueryOptions = () =>
  queryOptions({
    queryKey: ['campaigns', 'choices'],
    queryFn: async (): Promise<Campaign[]> => (await unwrap(api.GET('/api/campaigns', { params: { query: { size: 100 } } }))).items,
    staleTime: 60_000,
  });

export const useMessages = (search: MessagesSearch) => useQuery(messagesQueryOptions(search));
export const useMessageDetail = (id: string | undefined) => useQuery({ ...messageDetailQueryOptions(id ?? ''), enabled: Boolean(id) });
export const useCampaignChoices = () => useQuery(campaignChoicesQueryOptions());
