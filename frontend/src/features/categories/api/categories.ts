// The categories API: list with member counts, one category, create / update / delete, members
// (paged, searchable), candidates for the add dialog, add / remove members, export.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { components } from '@/shared/api/schema';
import { downloadFile } from '@/shared/lib/download';

type Schemas = components['schemas'];
export type Category = Schemas['CategoryResponse'];
export type CategoryMember = Schemas['CategoryMember'];
export type CategoryInput = { name: string; colour: string; description: string };
export const MEMBERS_PAGE_SIZE = 25;

export const getCategoriesQueryOptions = () =>
  queryOptions({
    queryKey: ['categories', 'list', 'all'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/categories', { params: { query: { page: 0, size: 200 } }, signal })),
  });
export const useCategories = () => useQuery(getCategoriesQueryOptions());

export const getCategoryQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['categories', 'one', id], queryFn: ({ signal }) => unwrap(api.GET('/api/categories/{id}', { params: { path: { id } }, signal })) });

export const getMembersQueryOptions = (id: string, q: string, page: number) =>
  queryOptions({
    queryKey: ['categories', 'members', id, q, page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/categories/{id}/contacts', { params: { path: { id }, query: { q: q || undefined, page, size: MEMBERS_PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });

export const getCandidatesQueryOptions = (id: string, q: string, page: number) =>
  queryOptions({
    queryKey: ['categories', 'candidates', id, q, page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/categories/{id}/candidates', { params: { path: { id }, query: { q: q || undefined, page, size: 20 } }, signal })),
    placeholderData: keepPreviousData,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['categories'] }), qc.invalidateQueries({ queryKey: ['contacts'] })]);
}

export function useSaveCategory() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CategoryInput }) =>
      id
        ? unwrap(api.PATCH('/api/categories/{id}', { params: { path: { id } }, body: input }))
        : unwrap(api.POST('/api/categories', { body: input })),
    onSuccess: invalidate,
  });
}

export function useDeleteCategory() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => unwrap(api.DELETE('/api/categories/{id}', { params: { path: { id } } })), onSuccess: invalidate });
}

export function useCategoryMembers() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ids, remove }: { id: string; ids: string[]; remove?: boolean }) =>
      remove
        ? unwrap(api.DELETE('/api/categories/{id}/contacts', { params: { path: { id } }, body: { ids } }))
        : unwrap(api.POST('/api/categories/{id}/contacts', { params: { path: { id } }, body: { ids } })),
    onSuccess: invalidate,
  });
}

export const exportCategory = (id: string) => downloadFile(`/api/categories/${id}/export.csv`, 'categorie.csv');
