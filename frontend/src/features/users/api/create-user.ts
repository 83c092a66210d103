import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { CreateUserRequest, User } from '@/shared/api/types';
import { emailRule, passwordRule } from '@/shared/lib/validation';
import { useInvalidateUsers } from './invalidate-users';

export const createUserSchema = z.object({
  email: emailRule,
  fullName: z.string().trim().max(200, 'validation.max'),
  role: z.enum(['super_admin', 'admin']),
  password: passwordRule,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export async function createUser(input: CreateUserInput): Promise<User> {
  const body: CreateUserRequest = { ...input, fullName: input.fullName || undefined };
  return (await unwrap(api.POST('/api/users', { body }))) as unknown as User;
}

export function useCreateUser() {
  return useMutation({ mutationFn: createUser, onSuccess: useInvalidateUsers() });
}
