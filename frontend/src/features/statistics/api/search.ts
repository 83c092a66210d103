import { z } from 'zod';

export const statisticsSearchSchema = z.object({
  days: z.union([z.literal(7), z.literal(30), z.literal(90)]).optional().catch(undefined),
  /** The campaign whose failures are shown; none: every message of the last 24 h. */
  failures: z.uuid().optional().catch(undefined),
});
export type StatisticsSearch = z.infer<typeof statisticsSearchSchema>;
export type Days = 7 | 30 | 90;

