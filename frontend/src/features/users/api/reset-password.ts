import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import { passwordRule } from '@/shared/lib/validation';
import { useInvalidateUsers } from './invalidate-users';

export const resetPasswordSchema = z.object({ password: passwordRule });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** A temporary password, to be changed at the next sign-in. */
export function resetPassword({ id, password }: ResetPasswordInput & { id: string }) {
  return unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { password } }));
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword, onSuccess: useInvalidateUsers() });
}
