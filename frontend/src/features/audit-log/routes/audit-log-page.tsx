import { ScrollText } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { Input } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Pagination, SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { formatDateTime } from '@/shared/lib/format';
import { AUDIT_PAGE_SIZE, useAuditLog, type AuditSearch } from '../api/get-audit-log';

function details(entry: AuditEntry): string {
  const d = entry.details as Record<string, unknown> | null | undefined;
  if (!d || typeof d !== 'object') return '';
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export default function AuditLogPage({ search, onSearch }: { search: AuditSearch; onSearch: (s: AuditSearch) => void }) {
  const { t } = useTranslation();
  const query = useAuditLog(search);
  const [draft, setDraft] = useState<AuditSearch>(search);
  const set = (k: keyof AuditSearch) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [k]: e.target.value || undefined });
  const filtered = Boolean(search.action || search.targetType || search.from || search.to);

  function apply(e: FormEvent) {
    e.preventDefault();
    onSearch({ ...draft, page: undefined });
  }
  function clear() {
    setDraft({});
    onSearch({});
  }

  const data = query.data;
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} />
      <Card>
        <form onSubmit={apply} className="grid gap-3 border-b border-line p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto_auto_auto]">
          <Input aria-label={t('audit.action')} placeholder={`${t('audit.action')} — ${t('audit.actionPlaceholder')}`} value={draft.action ?? ''} onChange={set('action')} />
          <Input aria-label={t('audit.targetType')} placeholder={t('audit.targetType')} value={draft.targetType ?? ''} onChange={set('targetType')} />
          <label className="flex items-center gap-2 text-sm text-muted">
            {t('audit.from')}
            <Input type="date" value={draft.from ?? ''} onChange={set('from')} className="w-auto" />
          </label>
          <label className="flex items-center gap-2 text-sm text-muted">
            {t('audit.to')}
            <Input type="date" value={draft.to ?? ''} onChange={set('to')} className="w-auto" />
          </label>
          <div className="flex gap-2">
            <Button type="submit">{t('common.apply')}</Button>
            {filtered && (
              <Button variant="secondary" onClick={clear}>
                {t('common.reset')}
              </Button>
            )}
          </div>
        </form>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState icon={<ScrollText className="size-6" aria-hidden />} title={t('audit.empty')} />
        ) : (
          <>
            <Table label={t('audit.title')}>
              <thead>
                <tr>
                  <Th className="w-44">{t('audit.date')}</Th>
                  <Th>{t('audit.actor')}</Th>
                  <Th>{t('audit.action')}</Th>
                  <Th>{t('audit.target')}</Th>
                  <Th>{t('audit.details')}</Th>
                  <Th className="w-32">{t('audit.ip')}</Th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <SkeletonRows columns={6} />
                ) : (
                  data.items.map((e) => (
                    <Tr key={e.id}>
                      <Td className="whitespace-nowrap text-muted tabular">{formatDateTime(e.createdAt)}</Td>
                      <Td>{e.actorEmail ?? t('audit.system')}</Td>
                      <Td>
                        <code className="rounded bg-page px-1.5 py-0.5 text-xs text-ink">{e.action}</code>
                      </Td>
                      <Td className="text-muted">
                        {e.targetType}
                        {e.targetId && <span className="block max-w-48 truncate text-xs" title={e.targetId}>{e.targetId}</span>}
                      </Td>
                      <Td className="max-w-xs truncate text-xs text-muted" title={details(e)}>{details(e) || '—'}</Td>
                      <Td className="text-muted tabular">{e.ip ?? '—'}</Td>
                    </Tr>
                  ))
                )}
              </tbody>
            </Table>
            {data && <Pagination page={data.page} size={data.size || AUDIT_PAGE_SIZE} total={data.total} onPage={(page) => onSearch({ ...search, page })} />}
          </>
        )}
      </Card>
    </>
  );
}
