// The contacts API: list (server-side paging, sort, search, filters), one contact, create, update,
// delete, number check, bulk actions, export. Table state lives in the URL (contactsSearchSchema).
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { components } from '@/shared/api/schema';
import { downloadFile, queryString } from '@/shared/lib/download';

type Schemas = components['schemas'];
export type Contact = Schemas['ContactResponse'];
export type ContactPage = Schemas['ContactPage'];
export type Category = Schemas['CategoryResponse'];
export type NumberCheck = Schemas['NumberCheckResponse'];
export type BulkAction = NonNullable<Schemas['BulkContactsRequest']['action']>;
export type BulkResult = Schemas['BulkContactsResponse'];
export type ContactMessage = Schemas['Message'];

const bool = z.boolean().optional().catch(undefined);
export const SORTS = ['-createdAt', 'createdAt', 'lastName', '-lastName'] as const;
export const WHATSAPP_STATUSES = ['unknown', 'ok', 'not_on_whatsapp'] as const;

/** The contacts table's state, kept in the URL (validated by the route). */
export const contactsSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  categoryId: z.string().uuid().optional().catch(undefined),
  whatsappStatus: z.enum(WHATSAPP_STATUSES).optional().catch(undefined),
  optedOut: bool,
  sandboxJoined: bool,
  hasReplied: bool,
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.number().int().min(0).max(400).optional().catch(undefined),
});
export type ContactsSearch = z.infer<typeof contactsSearchSchema>;
export const CONTACTS_PAGE_SIZE = 25;

/** The filter part of the search (what export and "all matching" bulk actions act on). */
export function filterOf(search: ContactsSearch) {
  return {
    q: search.q?.trim() || undefined,
    categoryId: search.categoryId,
    whatsappStatus: search.whatsappStatus,
    optedOut: search.optedOut,
    sandboxJoined: search.sandboxJoined,
    hasReplied: search.hasReplied,
  };
}
export type ContactFilter = ReturnType<typeof filterOf>;

export async function getContacts(search: ContactsSearch, signal?: AbortSignal): Promise<ContactPage> {
  return unwrap(
    api.GET('/api/contacts', {
      params: { query: { ...filterOf(search), sort: search.sort, page: search.page ?? 0, size: CONTACTS_PAGE_SIZE } },
      signal,
    }),
  );
}

// The query function gets TanStack Query's AbortSignal: a newer search cancels the request in flight.
export const getContactsQueryOptions = (search: ContactsSearch) =>
  queryOptions({
    queryKey: ['contacts', 'list', search],
    queryFn: ({ signal }) => getContacts(search, signal),
    placeholderData: keepPreviousData,
  });
export const useContacts = (search: ContactsSearch) => useQuery(getContactsQueryOptions(search));

export const getContactQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['contacts', 'one', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/contacts/{id}', { params: { path: { id } }, signal })),
  });
export const useContact = (id: string) => useQuery(getContactQueryOptions(id));

export const getContactMessagesQueryOptions = (id: string, page: number) =>
  queryOptions({
    queryKey: ['contacts', 'messages', id, page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/contacts/{id}/messages', { params: { path: { id }, query: { page, size: 50 } }, signal })),
    placeholderData: keepPreviousData,
  });

/** Every category (for filters, pickers and chips); the list is short, one page of 200. */
export const getCategoryOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['categories', 'list', 'all'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/categories', { params: { query: { page: 0, size: 200 } }, signal })),
    staleTime: 30_000,
  });
export const useCategoryOptions = () => useQuery(getCategoryOptionsQueryOptions());

export function useInvalidateContacts() {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: ['contacts'] }), qc.invalidateQueries({ queryKey: ['categories'] })]);
}

export interface ContactInput {
  phone: string;
  country?: string;
  firstName?: string;
  lastName?: string;
  notes?: string;
  categoryIds: string[];
  attributes: Record<string, string>;
  optedOut?: boolean;
}

export function useSaveContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ContactInput }) =>
      id
        ? unwrap(api.PATCH('/api/contacts/{id}', { params: { path: { id } }, body: input }))
        : unwrap(api.POST('/api/contacts', { body: { ...input, optedOut: undefined } as Schemas['CreateContactRequest'] })),
    onSuccess: invalidate,
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/contacts/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** The server's own check of a number, as creation would store it (nothing written). */
export function checkNumber(number: string, country: string | undefined, signal?: AbortSignal): Promise<NumberCheck> {
  return unwrap(api.POST('/api/contacts/number-check', { body: { number, country: country || undefined }, signal }));
}

/** What a bulk action targets: chosen ids, or everything the filter matches. */
export type Selection = { kind: 'ids'; ids: string[] } | { kind: 'filter'; filter: ContactFilter };

export function useBulkContacts() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ action, selection, categoryId }: { action: BulkAction; selection: Selection; categoryId?: string }) =>
      unwrap(
        api.POST('/api/contacts/bulk', {
          body:
            selection.kind === 'ids'
              ? { action, categoryId, ids: selection.ids }
              : { action, categoryId, filter: selection.filter as Schemas['ContactFilter'] },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Downloads what the filter shows (UTF-8 with BOM, `;`: Excel opens it as it is). */
export function exportContacts(search: ContactsSearch) {
  return downloadFile(`/api/contacts/export.csv${queryString(filterOf(search))}`, 'contacts.csv');
}
