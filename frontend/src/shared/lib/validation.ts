import { z } from 'zod';

// Zod messages are i18n keys, translated where they are shown.

/** The server's password rule: at least 10 characters with letters and digits. */
export const passwordRule = z
  .string()
  .min(10, 'validation.passwordLength')
  .max(200, 'validation.max')
  .refine((v) => /\p{L}/u.test(v) && /\d/.test(v), 'validation.passwordMix');

export const emailRule = z.string().trim().min(1, 'validation.required').max(254, 'validation.max').email('validation.email');
