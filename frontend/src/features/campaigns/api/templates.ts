// Approved Twilio Content templates for Message 1 (GET /api/templates?approved=true).
import { useQuery } from '@tanstack/react-query';
import { sessionFetch } from '@/shared/api/client';
import { toApiError } from '@/shared/api/problem';

export interface Template {
  sid: string;
  friendlyName: string;
  language: string;
  body: string;
  variables: { key: string; example?: string | null }[];
  approval?: { status: string; category?: string | null; rejectionReason?: string | null } | null;
}

/** Read through the session's fetch: the operation is younger than this page's generated types. */
async function getTemplates(q: string): Promise<Template[]> {
  const url = new URL('/api/templates', window.location.origin);
  url.searchParams.set('approved', 'true');
  if (q) url.searchParams.set('q', q);
  const res = await sessionFetch(new Request(url, { headers: { Accept: 'application/json' } }));
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res, body);
  return Array.isArray(body) ? (body as Template[]) : ((body as { items?: Template[] } | undefined)?.items ?? []);
}

export const useTemplates = (q: string, enabled: boolean) =>
  useQuery({ queryKey: ['templates', 'list', { approved: true, q }], queryFn: () => getTemplates(q), enabled, staleTime: 60_000, retry: false });
