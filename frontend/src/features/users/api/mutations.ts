import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { CreateUserRequest, Role, UpdateUserRequest, User } from '@/shared/api/types';
import { emailRule, passwordRule } from '@/shared/lib/validation';

export const createUserSchema = z.object({
  email: emailRule,
  fullName: z.string().trim().max(200, 'validation.max'),
  role: z.enum(['super_admin', 'admin']),
  password: passwordRule,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  fullName: z.string().trim().max(200, 'validation.max'),
  role: z.enum(['super_admin', 'admin']),
  active: z.boolean(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: passwordRule });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

function useInvalidateUsers() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['users'] });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async (input: CreateUserInput) => {
      const body: CreateUserRequest = { ...input, fullName: input.fullName || undefined };
      return (await unwrap(api.POST('/api/users', { body }))) as unknown as User;
    },
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async ({ id, ...input }: UpdateUserInput & { id: string }) => {
      const body: UpdateUserRequest = { fullName: input.fullName, role: input.role as Role, active: input.active };
      return unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body }));
    },
    onSuccess: invalidate,
  });
}

export function useDeactivateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/users/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: ResetPasswordInput & { id: string }) =>
      unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { password } })),
    onSuccess: invalidate,
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/users/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
