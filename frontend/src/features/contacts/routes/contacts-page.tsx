import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Download, Loader2, MoreHorizontal, Plus, Search, Upload, Users } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { ConfirmDialog, Dialog } from '@/shared/components/ui/dialog';
import { Input, Select } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { toast } from '@/shared/components/ui/toast';
import { formatDate, formatNumber } from '@/shared/lib/format';
import {
  CONTACTS_PAGE_SIZE, SORTS, WHATSAPP_STATUSES, exportContacts, filterOf, useCategoryOptions, useContacts, useDeleteContact,
  type Contact, type ContactsSearch,
} from '../api/contacts';
import { BulkBar } from '../components/bulk-bar';
import { CategoryChip, ContactBadges, contactName } from '../components/contact-badges';
import { ContactForm } from '../components/contact-form';
import { isSelected, useContactSelection } from '../components/selection';
import { totalLabel } from '../components/total';
import '../i18n';

type Action = { kind: 'create' } | { kind: 'edit' | 'delete'; contact: Contact } | null;

interface ContactsPageProps {
  search: ContactsSearch;
  onSearch: (next: ContactsSearch) => void;
}

function BoolFilter({ label, value, onChange }: { label: string; value: boolean | undefined; onChange: (v: boolean | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select aria-label={label} className="md:w-52" value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
      <option value="">{t('contacts.filters.option', { label, value: t('contacts.filters.any').toLowerCase() })}</option>
      <option value="true">{t('contacts.filters.option', { label, value: t('contacts.filters.yes').toLowerCase() })}</option>
      <option value="false">{t('contacts.filters.option', { label, value: t('contacts.filters.no').toLowerCase() })}</option>
    </Select>
  );
}

export default function ContactsPage({ search, onSearch }: ContactsPageProps) {
  const { t } = useTranslation();
  const query = useContacts(search);
  const categories = useCategoryOptions();
  const remove = useDeleteContact();
  const selection = useContactSelection();
  const [action, setAction] = useState<Action>(null);
  const [text, setText] = useState(search.q ?? '');
  const [exporting, setExporting] = useState(false);
  const close = () => setAction(null);
  const data = query.data;

  // Typing waits 120 ms before it becomes the URL's `q` (and a request); the query's AbortSignal
  // cancels the previous request when a newer search starts.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) onSearch({ ...search, q: text || undefined, page: undefined });
    }, 120);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  // A newer search cancels the requests of older ones still in flight (their AbortSignal fires).
  const qc = useQueryClient();
  const searchKey = JSON.stringify(search);
  useEffect(() => {
    void qc.cancelQueries({ queryKey: ['contacts', 'list'], predicate: (q) => JSON.stringify(q.queryKey[2]) !== searchKey });
  }, [searchKey, qc]);

  // A new filter is a new set of contacts: the selection does not carry over.
  const filterKey = JSON.stringify(filterOf(search));
  const { clear } = selection;
  useEffect(() => clear(), [filterKey, clear]);

  const set = (patch: Partial<ContactsSearch>) => onSearch({ ...search, ...patch, page: undefined });
  const filtered = Boolean(search.q || search.categoryId || search.whatsappStatus || search.optedOut !== undefined || search.sandboxJoined !== undefined || search.hasReplied !== undefined);
  const pageIds = data?.items.map((c) => c.id as string) ?? [];
  const pageChecked = pageIds.length > 0 && pageIds.every((id) => isSelected(selection.state, id));
  const page = data?.page ?? 0;
  const stale = query.isPlaceholderData || (query.isFetching && !!data);

  async function runExport() {
    setExporting(true);
    try {
      await exportContacts(search);
      toast.success(t('contacts.exported'));
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    } finally {
      setExporting(false);
    }
  }

  async function confirmDelete() {
    if (action?.kind !== 'delete') return;
    try {
      await remove.mutateAsync(action.contact.id as string);
      toast.success(t('contacts.deleted'));
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    close();
  }

  return (
    <>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.subtitle')}
        action={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => void runExport()} disabled={exporting}>
              {exporting ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Download className="size-4" aria-hidden />}
              {exporting ? t('contacts.exporting') : t('contacts.export')}
            </Button>
            <Link to="/contacts/import" className="inline-flex h-10 items-center gap-2 rounded-lg border border-line bg-white px-4 text-sm font-medium text-ink shadow-sm hover:bg-page focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary">
              <Upload className="size-4" aria-hidden />
              {t('contacts.import')}
            </Link>
            <Button onClick={() => setAction({ kind: 'create' })}>
              <Plus className="size-4" aria-hidden />
              {t('contacts.create')}
            </Button>
          </div>
        }
      />
      {/* data-shown-q: the search whose results are on screen (for the benchmark and tests). */}
      <Card data-shown-q={data && !stale ? (search.q ?? '') : undefined}>
        <div className="flex flex-col gap-3 border-b border-line p-4">
          <div className="flex flex-col gap-3 md:flex-row md:items-center">
            <div className="relative flex-1">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
              <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('contacts.searchPlaceholder')} aria-label={t('common.search')} className="pl-9" />
            </div>
            <Select aria-label={t('contacts.filters.category')} className="md:w-56" value={search.categoryId ?? ''} onChange={(e) => set({ categoryId: e.target.value || undefined })}>
              <option value="">{t('contacts.filters.allCategories')}</option>
              {categories.data?.items.map((c) => (
                <option key={c.id as string} value={c.id as string}>
                  {c.name} ({formatNumber(c.contactCount)})
                </option>
              ))}
            </Select>
            <Select aria-label={t('contacts.filters.sort')} className="md:w-44" value={search.sort ?? '-createdAt'} onChange={(e) => set({ sort: e.target.value === '-createdAt' ? undefined : (e.target.value as ContactsSearch['sort']) })}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`contacts.sort.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-3 md:flex-row md:flex-wrap md:items-center">
            <Select aria-label={t('contacts.filters.whatsapp')} className="md:w-48" value={search.whatsappStatus ?? ''} onChange={(e) => set({ whatsappStatus: (e.target.value || undefined) as ContactsSearch['whatsappStatus'] })}>
              <option value="">{t('contacts.filters.option', { label: t('contacts.filters.whatsapp'), value: t('contacts.filters.any').toLowerCase() })}</option>
              {WHATSAPP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`contacts.whatsappStatus.${s}`)}
                </option>
              ))}
            </Select>
            <BoolFilter label={t('contacts.filters.optedOut')} value={search.optedOut} onChange={(v) => set({ optedOut: v })} />
            <BoolFilter label={t('contacts.filters.sandbox')} value={search.sandboxJoined} onChange={(v) => set({ sandboxJoined: v })} />
            <BoolFilter label={t('contacts.filters.replied')} value={search.hasReplied} onChange={(v) => set({ hasReplied: v })} />
            <p className="flex items-center gap-2 text-sm text-muted md:ml-auto" aria-live="polite" data-testid="contacts-total">
              {stale && <Loader2 className="size-3.5 animate-spin" aria-label={t('contacts.searching')} />}
              {data && (data.totalExact ? t('contacts.results', { count: data.total, n: formatNumber(data.total) }) : `${totalLabel(data.total, false)} ${t('contacts.title').toLowerCase()}`)}
            </p>
          </div>
        </div>

        {data && (
          <BulkBar selection={selection} pageIds={pageIds} total={data.total} totalExact={data.totalExact} filter={filterOf(search)} />
        )}

        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState
            icon={<Users className="size-6" aria-hidden />}
            title={filtered ? t('contacts.empty') : t('contacts.emptyNone')}
            action={
              filtered ? (
                <Button variant="secondary" onClick={() => { setText(''); onSearch({}); }}>
                  {t('contacts.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <div className={stale ? 'opacity-70 transition-opacity' : undefined} aria-busy={stale}>
              <Table label={t('contacts.title')}>
                <thead>
                  <tr>
                    <Th className="w-10">
                      <input type="checkbox" className="size-4 accent-emerald-700" aria-label={t('contacts.selectPage')} checked={pageChecked} disabled={!data} onChange={(e) => selection.setPage(pageIds, e.target.checked)} />
                    </Th>
                    <Th>{t('contacts.columns.name')}</Th>
                    <Th>{t('contacts.columns.phone')}</Th>
                    <Th>{t('contacts.columns.status')}</Th>
                    <Th>{t('contacts.columns.categories')}</Th>
                    <Th>{t('contacts.columns.createdAt')}</Th>
                    <Th className="w-12 text-right">
                      <span className="sr-only">{t('common.actions')}</span>
                    </Th>
                  </tr>
                </thead>
                <tbody>
                  {!data ? (
                    <SkeletonRows columns={7} />
                  ) : (
                    data.items.map((c) => {
                      const name = contactName(c, t('contacts.noName'));
                      return (
                        <Tr key={c.id as string}>
                          <Td>
                            <input type="checkbox" className="size-4 accent-emerald-700" aria-label={t('contacts.selectRow', { name })} checked={isSelected(selection.state, c.id as string)} onChange={() => selection.toggle(c.id as string)} />
                          </Td>
                          <Td className="min-w-40">
                            <Link to="/contacts/$contactId" params={{ contactId: c.id as string }} className="font-medium text-ink hover:text-primary-strong hover:underline">
                              {name}
                            </Link>
                          </Td>
                          <Td className="tabular whitespace-nowrap">{c.phone}</Td>
                          <Td>
                            <ContactBadges contact={c} />
                          </Td>
                          <Td>
                            <div className="flex flex-wrap gap-1">
                              {c.categories.slice(0, 3).map((cat) => (
                                <CategoryChip key={cat.id as string} name={cat.name} colour={cat.colour} />
                              ))}
                              {c.categories.length > 3 && <span className="text-xs text-muted">+{c.categories.length - 3}</span>}
                            </div>
                          </Td>
                          <Td className="whitespace-nowrap text-muted tabular">{formatDate(c.createdAt as string)}</Td>
                          <Td className="text-right">
                            <RowActions contact={c} name={name} onAction={setAction} />
                          </Td>
                        </Tr>
                      );
                    })
                  )}
                </tbody>
              </Table>
            </div>
            {data && (page > 0 || data.hasMore) && (
              <nav aria-label="pagination" className="flex items-center justify-between gap-4 px-4 py-3 text-sm text-muted">
                <p className="tabular">
                  {t('common.range', {
                    from: formatNumber(page * CONTACTS_PAGE_SIZE + 1),
                    to: formatNumber(page * CONTACTS_PAGE_SIZE + data.items.length),
                    total: totalLabel(data.total, data.totalExact),
                  })}
                </p>
                <div className="flex gap-2">
                  <Button variant="secondary" size="sm" disabled={page <= 0} onClick={() => onSearch({ ...search, page: page - 1 || undefined })}>
                    {t('common.previous')}
                  </Button>
                  <Button variant="secondary" size="sm" disabled={!data.hasMore || (page + 1) * CONTACTS_PAGE_SIZE >= 10_000} onClick={() => onSearch({ ...search, page: page + 1 })}>
                    {t('common.next')}
                  </Button>
                </div>
              </nav>
            )}
          </>
        )}
      </Card>

      <Dialog open={action?.kind === 'create'} onOpenChange={(o) => !o && close()} title={t('contacts.createTitle')}>
        <ContactForm onDone={close} />
      </Dialog>
      {action && action.kind !== 'create' && (
        <>
          <Dialog open={action.kind === 'edit'} onOpenChange={(o) => !o && close()} title={t('contacts.editTitle', { name: contactName(action.contact, action.contact.phone) })}>
            <ContactForm contact={action.contact} onDone={close} />
          </Dialog>
          <ConfirmDialog
            open={action.kind === 'delete'}
            onOpenChange={(o) => !o && close()}
            title={t('contacts.deleteTitle', { name: contactName(action.contact, action.contact.phone) })}
            description={t('contacts.deleteText', { phone: action.contact.phone })}
            confirmLabel={t('contacts.delete')}
            pending={remove.isPending}
            onConfirm={() => void confirmDelete()}
          />
        </>
      )}
    </>
  );
}

function RowActions({ contact, name, onAction }: { contact: Contact; name: string; onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const item = 'flex cursor-pointer items-center rounded-md px-3 py-2 text-sm text-ink outline-none data-[highlighted]:bg-page';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`${t('common.actions')} — ${name}`}>
          <MoreHorizontal className="size-4" aria-hidden />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-lg border border-line bg-white p-1 shadow-lg">
          <DropdownMenu.Item className={item} asChild>
            <Link to="/contacts/$contactId" params={{ contactId: contact.id as string }}>
              {t('contacts.open')}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => onAction({ kind: 'edit', contact })}>
            {t('contacts.edit')}
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={`${item} text-danger-strong`} onSelect={() => onAction({ kind: 'delete', contact })}>
            {t('contacts.delete')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
