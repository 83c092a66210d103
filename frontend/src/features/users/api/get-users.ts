import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { Page, User } from '@/shared/api/types';

/** The users table's state, kept in the URL (validated by the route). */
export const usersSearchSchema = z.object({
  q: z.string().optional().catch(undefined),
  role: z.enum(['super_admin', 'admin']).optional().catch(undefined),
  active: z.boolean().optional().catch(undefined),
  page: z.number().int().min(0).optional().catch(undefined),
});
export type UsersSearch = z.infer<typeof usersSearchSchema>;
export const USERS_PAGE_SIZE = 25;

export async function getUsers(search: UsersSearch): Promise<Page<User>> {
  const data = await unwrap(
    api.GET('/api/users', {
      params: { query: { q: search.q || undefined, role: search.role, active: search.active, page: search.page ?? 0, size: USERS_PAGE_SIZE } },
    }),
  );
  return data as unknown as Page<User>;
}

export const getUsersQueryOptions = (search: UsersSearch) =>
  queryOptions({ queryKey: ['users', 'list', search], queryFn: () => getUsers(search), placeholderData: keepPreviousData });

export const useUsers = (search: UsersSearch) => useQuery(getUsersQueryOptions(search));
