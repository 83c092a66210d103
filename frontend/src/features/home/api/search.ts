import { z } from 'zod';
import type { StatsPeriod } from '@/shared/api/types';

export const PERIODS = ['today', '7d', '30d', '90d'] as const satisfies readonly StatsPeriod[];

/** The home page's period, kept in the URL. */
export const homeSearchSchema = z.object({
  period: z.enum(PERIODS).optional().catch(undefined),
});
export type HomeSearch = z.infer<typeof homeSearchSchema>;

