import { z } from 'zod';
import { MESSAGE_KINDS, MESSAGE_STATUSES } from '@/shared/components/messages/values';

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
