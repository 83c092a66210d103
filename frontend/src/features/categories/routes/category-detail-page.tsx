import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Download, Pencil, Search, Trash2, UserPlus, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { ConfirmDialog, Dialog } from '@/shared/components/ui/dialog';
import { Input } from '@/shared/components/ui/input';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { toast } from '@/shared/components/ui/toast';
import { formatNumber } from '@/shared/lib/format';
import { MEMBERS_PAGE_SIZE, exportCategory, getCategoryQueryOptions, getMembersQueryOptions, useCategoryMembers, useDeleteCategory } from '../api/categories';
import { AddContactsDialog } from '../components/add-contacts-dialog';
import { CategoryForm } from '../components/category-form';
import '../i18n';

export interface MembersSearch {
  q?: string;
  page?: number;
}

export default function CategoryDetailPage({ categoryId, search, onSearch }: { categoryId: string; search: MembersSearch; onSearch: (s: MembersSearch) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const category = useQuery(getCategoryQueryOptions(categoryId));
  const page = search.page ?? 0;
  const members = useQuery(getMembersQueryOptions(categoryId, search.q ?? '', page));
  const membership = useCategoryMembers();
  const remove = useDeleteCategory();
  const [text, setText] = useState(search.q ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'add' | 'remove' | null>(null);
  const [toRemove, setToRemove] = useState<string[]>([]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) onSearch({ q: text || undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  if (category.isError) return <Card><ErrorState error={category.error} onRetry={() => void category.refetch()} /></Card>;
  const c = category.data;
  const data = members.data;
  const ids = data?.items.map((m) => m.id as string) ?? [];
  const allChecked = ids.length > 0 && ids.every((id) => selected.has(id));

  async function confirmRemove() {
    try {
      const r = await membership.mutateAsync({ id: categoryId, ids: toRemove, remove: true });
      toast.success(t('categories.detail.removed', { count: r.affected }));
      setSelected(new Set());
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    setDialog(null);
  }
  async function confirmDelete() {
    try {
      await remove.mutateAsync(categoryId);
      toast.success(t('categories.deleted', { name: c?.name }));
      void navigate({ to: '/categories' });
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    setDialog(null);
  }

  return (
    <>
      <Link to="/categories" className="mb-3 inline-flex items-center gap-1.5 text-sm text-muted hover:text-ink">
        <ArrowLeft className="size-4" aria-hidden />
        {t('categories.detail.back')}
      </Link>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex items-start gap-3">
          {c ? <span className="mt-1.5 size-4 shrink-0 rounded-full" style={{ background: c.colour }} aria-hidden /> : null}
          <div>
            {c ? <h1 className="text-2xl font-semibold tracking-tight text-ink">{c.name}</h1> : <Skeleton className="h-8 w-64" />}
            {c && (
              <p className="mt-1 text-sm text-muted">
                {t('categories.members', { count: c.contactCount })}
                {c.description ? ` · ${c.description}` : ''}
              </p>
            )}
          </div>
        </div>
        {c && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void exportCategory(categoryId).then(() => toast.success(t('categories.exported')), (e: unknown) => toast.problem(e, t('errors.generic')))}>
              <Download className="size-4" aria-hidden />
              {t('categories.export')}
            </Button>
            <Button variant="secondary" onClick={() => setDialog('edit')}>
              <Pencil className="size-4" aria-hidden />
              {t('categories.edit')}
            </Button>
            <Button variant="secondary" className="text-danger-strong" onClick={() => setDialog('delete')}>
              <Trash2 className="size-4" aria-hidden />
              {t('categories.delete')}
            </Button>
            <Button onClick={() => setDialog('add')}>
              <UserPlus className="size-4" aria-hidden />
              {t('categories.detail.addContacts')}
            </Button>
          </div>
        )}
      </div>
      <Card>
        <div className="flex flex-col gap-3 border-b border-line p-4 md:flex-row md:items-center">
          <div className="relative flex-1">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
            <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('categories.detail.searchPlaceholder')} aria-label={t('common.search')} className="pl-9" />
          </div>
          {selected.size > 0 && (
            <Button variant="secondary" className="text-danger-strong" onClick={() => { setToRemove([...selected]); setDialog('remove'); }}>
              {t('categories.detail.removeSelected', { count: selected.size })}
            </Button>
          )}
        </div>
        {members.isError ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState icon={<Users className="size-6" aria-hidden />} title={search.q ? t('categories.detail.noMatch') : t('categories.detail.noMembers')} />
        ) : (
          <>
            <Table label={t('categories.title')}>
              <thead>
                <tr>
                  <Th className="w-10">
                    <input type="checkbox" className="size-4 accent-emerald-700" aria-label={t('categories.detail.selectPage')} checked={allChecked} onChange={(e) => setSelected((prev) => { const n = new Set(prev); ids.forEach((id) => (e.target.checked ? n.add(id) : n.delete(id))); return n; })} />
                  </Th>
                  <Th>{t('categories.detail.name')}</Th>
                  <Th>{t('categories.detail.phone')}</Th>
                  <Th>{t('categories.detail.status')}</Th>
                  <Th className="text-right"><span className="sr-only">{t('common.actions')}</span></Th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <SkeletonRows columns={5} />
                ) : (
                  data.items.map((m) => {
                    const name = [m.firstName, m.lastName].filter(Boolean).join(' ') || t('categories.detail.noName');
                    return (
                      <Tr key={m.id as string}>
                        <Td>
                          <input type="checkbox" className="size-4 accent-emerald-700" aria-label={t('categories.detail.select', { name })} checked={selected.has(m.id as string)} onChange={() => setSelected((prev) => { const n = new Set(prev); if (n.has(m.id as string)) n.delete(m.id as string); else n.add(m.id as string); return n; })} />
                        </Td>
                        <Td>
                          <Link to="/contacts/$contactId" params={{ contactId: m.id as string }} className="font-medium text-ink hover:text-primary-strong hover:underline">{name}</Link>
                        </Td>
                        <Td className="tabular">{m.phone}</Td>
                        <Td><Badge tone={m.optedOut ? 'warning' : 'success'}>{m.optedOut ? t('categories.detail.optedOut') : t('categories.detail.subscribed')}</Badge></Td>
                        <Td className="text-right">
                          <Button variant="ghost" size="sm" onClick={() => { setToRemove([m.id as string]); setDialog('remove'); }} aria-label={`${t('categories.detail.remove')} — ${name}`}>
                            {t('categories.detail.remove')}
                          </Button>
                        </Td>
                      </Tr>
                    );
                  })
                )}
              </tbody>
            </Table>
            {data && (page > 0 || data.hasMore) && (
              <nav aria-label="pagination" className="flex items-center justify-between gap-4 px-4 py-3 text-sm text-muted">
                <p className="tabular">
                  {t('common.range', { from: formatNumber(page * MEMBERS_PAGE_SIZE + 1), to: formatNumber(page * MEMBERS_PAGE_SIZE + data.items.length), total: (data.totalExact ? '' : '≈\u00a0') + formatNumber(data.total) })}
                </p>
                <div className="flex gap-2">
                  <Button variant="secondary" size="sm" disabled={page <= 0} onClick={() => onSearch({ ...search, page: page - 1 || undefined })}>{t('common.previous')}</Button>
                  <Button variant="secondary" size="sm" disabled={!data.hasMore} onClick={() => onSearch({ ...search, page: page + 1 })}>{t('common.next')}</Button>
                </div>
              </nav>
            )}
          </>
        )}
      </Card>
      {c && (
        <>
          <AddContactsDialog category={c} open={dialog === 'add'} onOpenChange={(o) => setDialog(o ? 'add' : null)} />
          <Dialog open={dialog === 'edit'} onOpenChange={(o) => !o && setDialog(null)} title={t('categories.editTitle', { name: c.name })}>
            <CategoryForm category={c} onDone={() => setDialog(null)} />
          </Dialog>
          <ConfirmDialog open={dialog === 'remove'} onOpenChange={(o) => !o && setDialog(null)} title={t('categories.detail.removeTitle', { count: toRemove.length, name: c.name })} description={t('categories.detail.removeText')} confirmLabel={t('categories.detail.remove')} pending={membership.isPending} onConfirm={() => void confirmRemove()} />
          <ConfirmDialog open={dialog === 'delete'} onOpenChange={(o) => !o && setDialog(null)} title={t('categories.deleteTitle', { name: c.name })} description={t('categories.deleteText', { count: c.contactCount })} confirmLabel={t('categories.delete')} pending={remove.isPending} onConfirm={() => void confirmDelete()} />
        </>
      )}
    </>
  );
}
