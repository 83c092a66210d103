import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '@/shared/api/client';
import type { AuditEntry, Page } from '@/shared/api/types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The audit log's filters, kept in the URL: from/to are calendar days (to is inclusive). */
export const auditSearchSchema = z.object({
  action: z.string().optional().catch(undefined),
  targetType: z.string().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.number().int().min(0).optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;
export const AUDIT_PAGE_SIZE = 50;

function startOfDay(d: string): string {
  return new Date(`${d}T00:00:00`).toISOString();
}
function startOfNextDay(d: string): string {
  const date = new Date(`${d}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

export async function getAuditLog(search: AuditSearch): Promise<Page<AuditEntry>> {
  const data = await unwrap(
    api.GET('/api/audit-log', {
      params: {
        query: {
          action: search.action || undefined,
          targetType: search.targetType || undefined,
          from: search.from ? startOfDay(search.from) : undefined,
          to: search.to ? startOfNextDay(search.to) : undefined,
          page: search.page ?? 0,
          size: AUDIT_PAGE_SIZE,
        },
      },
    }),
  );
  return data as unknown as Page<AuditEntry>;
}

export const getAuditLogQueryOptions = (search: AuditSearch) =>
  queryOptions({ queryKey: ['audit-log', search], queryFn: () => getAuditLog(search), placeholderData: keepPreviousData });

export const useAuditLog = (search: AuditSearch) => useQuery(getAuditLogQueryOptions(search));
