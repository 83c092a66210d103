import { FolderMinus, FolderPlus, Trash2, UserX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/shared/components/ui/button';
import { ConfirmDialog } from '@/shared/components/ui/dialog';
import { Select } from '@/shared/components/ui/input';
import { toast } from '@/shared/components/ui/toast';
import { formatNumber } from '@/shared/lib/format';
import { useBulkContacts, useCategoryOptions, type BulkAction, type ContactFilter } from '../api/contacts';
import { toRequest, type ContactSelection } from './selection';
import { totalLabel } from './total';
import '../i18n';

interface BulkBarProps {
  selection: ContactSelection;
  /** The ids of the rows on screen. */
  pageIds: string[];
  total: number;
  totalExact: boolean;
  filter: ContactFilter;
}

/**
 * The selection's banner and actions: "the N of this page are selected — select all M matching", then
 * add to / remove from a category, opt out, delete, each confirmed with the count.
 */
export function BulkBar({ selection, pageIds, total, totalExact, filter }: BulkBarProps) {
  const { t } = useTranslation();
  const bulk = useBulkContacts();
  const categories = useCategoryOptions();
  const [pending, setPending] = useState<BulkAction | null>(null);
  const [categoryId, setCategoryId] = useState('');
  const { state } = selection;
  const count = state.mode === 'all' ? total : state.ids.size;
  if (state.mode === 'ids' && state.ids.size === 0) return null;

  const countText = state.mode === 'all' ? totalLabel(total, totalExact) : formatNumber(count);
  const wholePage = state.mode === 'ids' && pageIds.length > 0 && pageIds.every((id) => state.ids.has(id));
  const moreThanPage = total > pageIds.length;
  const needsCategory = pending === 'add_to_category' || pending === 'remove_from_category';
  const category = categories.data?.items.find((c) => c.id === categoryId);

  async function run() {
    if (!pending || (needsCategory && !categoryId)) return;
    try {
      const result = await bulk.mutateAsync({ action: pending, selection: toRequest(state, filter), categoryId: needsCategory ? categoryId : undefined });
      toast.success(t('contacts.bulk.done', { affected: formatNumber(result.affected), requested: formatNumber(result.requested) }));
      selection.clear();
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    setPending(null);
  }

  return (
    <div className="space-y-2 border-b border-line bg-emerald-50/60 px-4 py-3" role="region" aria-label={t('contacts.actions')}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink" aria-live="polite">
        <span className="font-medium">
          {state.mode === 'all' ? t('contacts.selectedAll', { n: countText }) : t('contacts.selected', { count })}
        </span>
        {wholePage && moreThanPage && (
          <Button variant="ghost" size="sm" className="text-primary-strong underline underline-offset-4" onClick={selection.selectAllMatching}>
            {t('contacts.selectAllMatching', { n: totalLabel(total, totalExact) })}
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={selection.clear}>
          {t('contacts.clearSelection')}
        </Button>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => setPending('add_to_category')}>
          <FolderPlus className="size-4" aria-hidden />
          {t('contacts.bulk.addToCategory')}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setPending('remove_from_category')}>
          <FolderMinus className="size-4" aria-hidden />
          {t('contacts.bulk.removeFromCategory')}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setPending('opt_out')}>
          <UserX className="size-4" aria-hidden />
          {t('contacts.bulk.optOut')}
        </Button>
        <Button variant="secondary" size="sm" className="text-danger-strong" onClick={() => setPending('delete')}>
          <Trash2 className="size-4" aria-hidden />
          {t('contacts.bulk.delete')}
        </Button>
      </div>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={pending ? t(`contacts.bulk.confirmTitle.${pending}`, { n: countText, category: category?.name ?? '…' }) : ''}
        description={pending ? t(`contacts.bulk.confirmText.${pending}`) : ''}
        confirmLabel={t('contacts.bulk.confirm')}
        destructive={pending === 'delete' || pending === 'opt_out'}
        pending={bulk.isPending || (needsCategory && !categoryId)}
        onConfirm={() => void run()}
      >
        {needsCategory && (
          <label className="mt-4 block space-y-1.5 text-sm font-medium text-ink">
            {t('contacts.bulk.chooseCategory')}
            <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              <option value="">—</option>
              {categories.data?.items.map((c) => (
                <option key={c.id as string} value={c.id as string}>
                  {c.name}
                </option>
              ))}
            </Select>
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}
