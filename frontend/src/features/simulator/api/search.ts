import { z } from 'zod';

export const simulatorSearchSchema = z.object({
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional()
    .catch(undefined),
});
export type SimulatorSearch = z.infer<typeof simulatorSearchSchema>;

