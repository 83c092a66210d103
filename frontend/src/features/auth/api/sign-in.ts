import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import { session } from '@/shared/api/session';
import type { TokenResponse } from '@/shared/api/types';
import { emailRule } from '@/shared/lib/validation';

export const signInSchema = z.object({
  email: emailRule,
  password: z.string().min(1, 'validation.required'),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Signs in; the refresh token goes to the HttpOnly cookie, the access token stays in memory. */
export async function signIn(input: SignInInput): Promise<TokenResponse> {
  const tokens = (await unwrap(api.POST('/api/auth/login', { body: input }))) as TokenResponse;
  session.accept(tokens);
  return tokens;
}
