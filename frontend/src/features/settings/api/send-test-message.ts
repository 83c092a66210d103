import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { TestMessageResponse } from '@/shared/api/types';

export const testMessageSchema = z.object({
  to: z.string().trim().regex(/^\+[1-9][0-9]{6,14}$/, 'validation.phone'),
  body: z.string().trim().min(1, 'validation.required').max(1600, 'validation.max'),
});
export type TestMessageInput = z.infer<typeof testMessageSchema>;

export const useSendTestMessage = () =>
  useMutation({
    mutationFn: (input: TestMessageInput): Promise<TestMessageResponse> => unwrap(api.POST('/api/whatsapp/test-message', { body: input })),
  });
