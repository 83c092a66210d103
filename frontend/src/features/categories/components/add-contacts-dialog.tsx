import { useQuery } from '@tanstack/react-query';
import { Loader2, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/shared/components/ui/button';
import { Dialog } from '@/shared/components/ui/dialog';
import { Input } from '@/shared/components/ui/input';
import { toast } from '@/shared/components/ui/toast';
import { formatNumber } from '@/shared/lib/format';
import { getCandidatesQueryOptions, useCategoryMembers, type Category, type CategoryMember } from '../api/categories';
import '../i18n';

/**
 * Contacts not yet in the category, searched on the server; the choice is kept across searches and
 * pages (a Map by id), then added in one request.
 */
export function AddContactsDialog({ category, open, onOpenChange }: { category: Category; open: boolean; onOpenChange: (o: boolean) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [chosen, setChosen] = useState<Map<string, CategoryMember>>(new Map());
  const add = useCategoryMembers();
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);
  const candidates = useQuery({ ...getCandidatesQueryOptions(category.id as string, q, page), enabled: open });
  const toggle = (m: CategoryMember) =>
    setChosen((prev) => {
      const next = new Map(prev);
      if (next.has(m.id as string)) next.delete(m.id as string);
      else next.set(m.id as string, m);
      return next;
    });
  const close = (o: boolean) => {
    if (!o) {
      setChosen(new Map());
      setText('');
    }
    onOpenChange(o);
  };
  async function submit() {
    try {
      const r = await add.mutateAsync({ id: category.id as string, ids: [...chosen.keys()] });
      toast.success(t('categories.add.added', { count: r.affected }));
      close(false);
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
  }
  const data = candidates.data;
  return (
    <Dialog open={open} onOpenChange={close} title={t('categories.add.title', { name: category.name })} description={t('categories.add.hint')}>
      <div className="space-y-3">
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('categories.add.search')} aria-label={t('categories.add.search')} className="pl-9" />
        </div>
        <div className="max-h-80 overflow-y-auto rounded-lg border border-line" aria-busy={candidates.isFetching}>
          {!data ? (
            <div className="flex justify-center p-6"><Loader2 className="size-5 animate-spin text-muted" aria-hidden /></div>
          ) : data.items.length === 0 ? (
            <p className="p-6 text-center text-sm text-muted">{t('categories.add.none')}</p>
          ) : (
            <ul className="divide-y divide-line">
              {data.items.map((m) => {
                const name = [m.firstName, m.lastName].filter(Boolean).join(' ') || t('categories.detail.noName');
                return (
                  <li key={m.id as string}>
                    <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-page">
                      <input type="checkbox" className="size-4 accent-emerald-700" checked={chosen.has(m.id as string)} onChange={() => toggle(m)} aria-label={t('categories.detail.select', { name })} />
                      <span className="flex-1 font-medium text-ink">{name}</span>
                      <span className="text-muted tabular">{m.phone}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        {data && (page > 0 || data.hasMore) && (
          <div className="flex justify-between">
            <Button variant="ghost" size="sm" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>{t('common.previous')}</Button>
            <Button variant="ghost" size="sm" disabled={!data.hasMore} onClick={() => setPage((p) => p + 1)}>{t('common.next')}</Button>
          </div>
        )}
        <div className="flex items-center justify-between gap-3 pt-2">
          <p className="text-sm text-muted" aria-live="polite">{t('categories.add.selected', { count: chosen.size })}</p>
          <div className="flex gap-3">
            <Button variant="secondary" onClick={() => close(false)}>{t('common.cancel')}</Button>
            <Button disabled={chosen.size === 0 || add.isPending} onClick={() => void submit()}>{t('categories.add.submit', { count: formatNumber(chosen.size) as unknown as number })}</Button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
