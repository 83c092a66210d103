import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { Campaign, MessageDetail, MessagePage, MessageStatus } from '@/shared/api/types';
import { MESSAGE_KINDS, MESSAGE_STATUSES } from '@/shared/components/messages/message-status';

export const MESSAGE_PERIODS = ['today', '24h', '7d', '30d', '90d'] as const;
export type MessagePeriod = (typeof MESSAGE_PERIODS)[number];

const statusList = z
  .string()
  .transform((s) => s.split(',').filter((x) => (MESSAGE_STATUSES as readonly string[]).includes(x)).join(','))
  .transform((s) => s || undefined);

/** The log's filters, held in the URL: a link to a filtered log can be shared. */
export const messagesSearchSchema = z.object({
  status: statusList.optional().catch(undefined),
  kind: z.enum(MESSAGE_KINDS).optional().catch(undefined),
  direction: z.enum(['outbound', 'inbound']).optional().catch(undefined),
  campaignId: z.uuid().optional().catch(undefined),
  contactId: z.uuid().optional().catch(undefined),
  errorCode: z.coerce.number().int().min(0).max(99999).optional().catch(undefined),
  period: z.enum(MESSAGE_PERIODS).optional().catch(undefined),
  phone: z.string().max(20).optional().catch(undefined),
  page: z.number().int().min(0).optional().catch(undefined),
  message: z.uuid().optional().catch(undefined),
});
export type MessagesSearch = z.infer<typeof messagesSearchSchema>;
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
