import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import { session } from '@/shared/api/session';
import type { TokenResponse } from '@/shared/api/types';
import { passwordRule } from '@/shared/lib/validation';

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required'),
    newPassword: passwordRule,
    confirm: z.string().min(1, 'validation.required'),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'password.mismatch' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Changes one's own password; the server ends the other sessions and hands new tokens. */
export async function changePassword({ currentPassword, newPassword }: ChangePasswordInput) {
  const tokens = (await unwrap(api.POST('/api/auth/change-password', { body: { currentPassword, newPassword } }))) as TokenResponse;
  session.accept(tokens);
  return tokens;
}
