import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { UpdateUserRequest } from '@/shared/api/types';
import { useInvalidateUsers } from './invalidate-users';

export const updateUserSchema = z.object({
  fullName: z.string().trim().max(200, 'validation.max'),
  role: z.enum(['super_admin', 'admin']),
  active: z.boolean(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export function updateUser({ id, ...input }: UpdateUserInput & { id: string }) {
  const body: UpdateUserRequest = { fullName: input.fullName, role: input.role, active: input.active };
  return unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body }));
}

export function useUpdateUser() {
  return useMutation({ mutationFn: updateUser, onSuccess: useInvalidateUsers() });
}
