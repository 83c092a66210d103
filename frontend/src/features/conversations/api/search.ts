import { z } from 'zod';

/** The inbox's state in the URL: the search and the open conversation. */
export const conversationsSearchSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  contact: z.uuid().optional().catch(undefined),
});
export type ConversationsSearch = z.infer<typeof conversationsSearchSchema>;

