// The import API: preview (nothing written), start (a background job), its progress, the recent
// jobs, the report. The two POSTs are multipart (the file and the options as fields).
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, sessionFetch, unwrap } from '@/shared/api/client';
import { toApiError } from '@/shared/api/problem';
import type { components } from '@/shared/api/schema';
import { useLiveEvent } from '@/shared/api/events';
import { downloadFile } from '@/shared/lib/download';

type Schemas = components['schemas'];
export type ImportPreview = Schemas['ImportPreview'];
export type ImportJob = Schemas['ImportJob'];
export type ImportField = 'phone' | 'country' | 'first_name' | 'last_name' | 'categories' | 'notes' | 'attribute' | 'ignore';
export const IMPORT_FIELDS: ImportField[] = ['phone', 'country', 'first_name', 'last_name', 'categories', 'notes', 'attribute', 'ignore'];

export interface ImportOptions {
  mapping?: Record<string, string>;
  defaultCountry?: string;
  duplicates?: 'merge' | 'skip';
  targetCategoryId?: string;
  dryRun?: boolean;
}

function form(file: File, options: ImportOptions): FormData {
  const fd = new FormData();
  fd.append('file', file, file.name);
  if (options.mapping) fd.append('mapping', JSON.stringify(options.mapping));
  if (options.defaultCountry) fd.append('defaultCountry', options.defaultCountry);
  if (options.duplicates) fd.append('duplicates', options.duplicates);
  if (options.targetCategoryId) fd.append('targetCategoryId', options.targetCategoryId);
  if (options.dryRun) fd.append('dryRun', 'true');
  return fd;
}

async function postForm<T>(path: string, body: FormData, signal?: AbortSignal): Promise<T> {
  const response = await sessionFetch(new Request(new URL(path, window.location.origin), { method: 'POST', body, signal }));
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    data = undefined;
  }
  if (!response.ok) throw toApiError(response, data);
  return data as T;
}

export const previewImport = (file: File, options: ImportOptions, signal?: AbortSignal) =>
  postForm<ImportPreview>('/api/contacts/import/preview', form(file, options), signal);

export const startImport = (file: File, options: ImportOptions) => postForm<ImportJob>('/api/contacts/import', form(file, options));

export const getImportQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['imports', 'one', id], queryFn: ({ signal }) => unwrap(api.GET('/api/contacts/import/{id}', { params: { path: { id } }, signal })) });

export const getRecentImportsQueryOptions = () =>
  queryOptions({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/contacts/import', { params: { query: { page: 0, size: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });
export const useRecentImports = () => useQuery(getRecentImportsQueryOptions());

/**
 * A job's state, moved by the live `import.progress` events (the cache is updated in place, no
 * refetch); fetched once when opened, and again on a `resync`.
 */
export function useImportJob(id: string | undefined) {
  const qc = useQueryClient();
  const query = useQuery({ ...getImportQueryOptions(id ?? ''), enabled: !!id });
  useLiveEvent(
    'import.progress',
    (e) => {
      if (!id || e.importId !== id) return;
      qc.setQueryData(getImportQueryOptions(id).queryKey, (old) =>
        old
          ? {
              ...old,
              status: e.status,
              lastLine: e.lastLine,
              errorMessage: e.errorMessage ?? null,
              counts: { rowsRead: e.rowsRead, created: e.created, updated: e.updated, skipped: e.skipped, failed: e.failed, repaired: e.repaired },
            }
          : old,
      );
      if (e.status === 'completed' || e.status === 'failed') {
        void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
        void qc.invalidateQueries({ queryKey: ['contacts'] });
        void qc.invalidateQueries({ queryKey: ['categories'] });
      }
    },
    !!id,
  );
  useLiveEvent('resync', () => void query.refetch(), !!id);
  return query;
}

export interface ReportLine {
  line: number;
  phone: string;
  status: 'repaired' | 'failed';
  reason: string;
}

/** The report (`ligne;telephone;statut;motif`, UTF-8 with BOM, `;`) read for the summary. */
export async function getImportReport(id: string, signal?: AbortSignal): Promise<ReportLine[]> {
  const response = await sessionFetch(new Request(new URL(`/api/contacts/import/${id}/errors.csv`, window.location.origin), { signal }));
  if (!response.ok) throw toApiError(response, undefined);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  return parseSemicolonCsv(text)
    .slice(1)
    .filter((r) => r.length >= 4)
    .map(([line, phone, status, reason]) => ({
      line: Number(line),
      phone: (phone ?? '').replace(/^'/, ''),
      status: status === 'réparé' ? 'repaired' : 'failed',
      reason: reason ?? '',
    }));
}

/** RFC 4180 with `;`: quoted cells, doubled quotes, CRLF. */
export function parseSemicolonCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export const useImportReport = (id: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: ['imports', 'report', id], queryFn: ({ signal }) => getImportReport(id as string, signal), enabled: !!id && enabled });

export const downloadImportReport = (id: string) => downloadFile(`/api/contacts/import/${id}/errors.csv`, 'rapport-import.csv');
export const downloadImportTemplate = () => downloadFile('/api/contacts/import-template.csv', 'modele-import-contacts.csv');

export async function createCategory(name: string): Promise<Schemas['CategoryResponse']> {
  return unwrap(api.POST('/api/categories', { body: { name, colour: '#10B981' } }));
}
