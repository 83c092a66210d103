import { z } from 'zod';

/** Only a path of this site may be returned to after signing in (no open redirect). */
export const redirectParam = z
  .string()
  .refine((v) => v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/sign-in'))
  .optional()
  .catch(undefined);
