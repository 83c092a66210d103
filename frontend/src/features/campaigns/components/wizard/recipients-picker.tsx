import { Search, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input } from '@/shared/components/ui/input';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { formatNumber } from '@/shared/lib/format';
import { useCategories, useContactSearch } from '../../api/lookups';
import '../../i18n';

interface Props {
  categoryIds: string[];
  contacts: { id: string; label: string }[];
  onCategories: (ids: string[]) => void;
  onContacts: (c: { id: string; label: string }[]) => void;
  error?: string;
}

/** Categories to tick and contacts to pick one by one (both deduplicated by the server's count). */
export function RecipientsPicker({ categoryIds, contacts, onCategories, onContacts, error }: Props) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [q, setQ] = useState('');
  const found = useContactSearch(q, undefined);
  const toggle = (id: string) => onCategories(categoryIds.includes(id) ? categoryIds.filter((x) => x !== id) : [...categoryIds, id]);

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-ink">{t('campaigns.wizard.categories')}</legend>
        {categories.isError ? (
          <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />
        ) : !categories.data ? (
          <div className="grid gap-2 sm:grid-cols-2">
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : categories.data.length === 0 ? (
          <p className="text-sm text-muted">{t('campaigns.wizard.noCategories')}</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {categories.data.map((c) => (
              <label
                key={c.id}
                className={`flex cursor-pointer items-center gap-3 rounded-lg border p-3 text-sm ${categoryIds.includes(c.id as string) ? 'border-primary bg-emerald-50' : 'border-line hover:bg-page'}`}
              >
                <input type="checkbox" className="size-4 accent-emerald-600" checked={categoryIds.includes(c.id as string)} onChange={() => toggle(c.id as string)} />
                <span className="size-3 shrink-0 rounded-full" style={{ background: c.colour }} aria-hidden />
                <span className="flex-1 font-medium text-ink">{c.name}</span>
                <span className="text-xs text-muted tabular">{t('campaigns.wizard.contactsN', { count: c.contactCount, n: formatNumber(c.contactCount) })}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <div>
        <p className="mb-2 text-sm font-medium text-ink" id="picked-contacts">
          {t('campaigns.wizard.pickedContacts')}
        </p>
        {contacts.length > 0 && (
          <ul className="mb-2 flex flex-wrap gap-2" aria-labelledby="picked-contacts">
            {contacts.map((c) => (
              <li key={c.id} className="inline-flex items-center gap-1 rounded-full bg-emerald-50 py-1 pr-1 pl-3 text-sm text-emerald-900">
                {c.label}
                <button type="button" className="rounded-full p-0.5 hover:bg-emerald-100" aria-label={t('campaigns.wizard.removeContact', { name: c.label })} onClick={() => onContacts(contacts.filter((x) => x.id !== c.id))}>
                  <X className="size-3.5" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
          <Input type="search" className="pl-9" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('campaigns.wizard.searchContacts')} aria-label={t('campaigns.wizard.searchContacts')} />
        </div>
        {q && (
          <ul className="mt-1 max-h-52 overflow-y-auto rounded-lg border border-line bg-white" aria-label={t('campaigns.wizard.contactResults')}>
            {found.data?.length === 0 && <li className="px-3 py-2 text-sm text-muted">{t('campaigns.wizard.noContacts')}</li>}
            {found.data?.map((c) => {
              const label = [c.firstName, c.lastName].filter(Boolean).join(' ') || c.phone;
              const picked = contacts.some((x) => x.id === c.id);
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    disabled={picked}
                    onClick={() => onContacts([...contacts, { id: c.id as string, label }])}
                    className="flex w-full items-center justify-between px-3 py-2 text-left text-sm hover:bg-page disabled:opacity-50"
                  >
                    <span className="text-ink">{label}</span>
                    <span className="text-xs text-muted tabular">{c.phone}{c.optedOut ? ` · ${t('campaigns.wizard.optedOut')}` : ''}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger-strong">
          {error}
        </p>
      )}
    </div>
  );
}
