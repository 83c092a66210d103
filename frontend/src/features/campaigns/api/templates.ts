// Approved Twilio Content templates for Message 1 (GET /api/templates?approved=true).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api/client';
import type { components } from '@/shared/api/schema';

export type Template = components['schemas']['Template'];

export const useTemplates = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['templates', 'list', { approved: true, q }],
    queryFn: (): Promise<Template[]> => unwrap(api.GET('/api/templates', { params: { query: { approved: true, q: q || undefined } } })),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
