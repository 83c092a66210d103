import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { ConversationPage, Message, MessagePage } from '@/shared/api/types';
export { conversationsSearchSchema, type ConversationsSearch } from './search';

export const THREAD_SIZE = 100;

export const conversationsQueryOptions = (q: string | undefined) =>
  queryOptions({
    queryKey: ['conversations', 'list', q ?? ''],
    queryFn: (): Promise<ConversationPage> => unwrap(api.GET('/api/conversations', { params: { query: { q: q || undefined, size: 50 } } })),
    placeholderData: keepPreviousData,
  });

/** The contact's messages, oldest first (the API pages newest first; opening the first page marks the conversation read). */
export const threadQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: ['conversations', 'thread', contactId],
    queryFn: async (): Promise<Message[]> => {
      const page: MessagePage = await unwrap(api.GET('/api/contacts/{id}/messages', { params: { path: { id: contactId }, query: { size: THREAD_SIZE } } }));
      return [...page.items].reverse();
    },
  });

export const useConversations = (q: string | undefined) => useQuery(conversationsQueryOptions(q));
export const useThread = (contactId: string | undefined) => useQuery({ ...threadQueryOptions(contactId ?? ''), enabled: Boolean(contactId) });

/** A free reply inside the 24 h window; the server refuses outside it (409 with the reason). */
export function useSendReply(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string): Promise<Message> => unwrap(api.POST('/api/contacts/{id}/messages', { params: { path: { id: contactId } }, body: { body } })),
    onSuccess: (message) => {
      client.setQueryData<Message[]>(['conversations', 'thread', contactId], (items) => (items ? [...items.filter((m) => m.id !== message.id), message] : items));
      void client.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
}
