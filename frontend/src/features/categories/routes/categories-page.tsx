import { Link } from '@tanstack/react-router';
import { FolderPlus, MoreHorizontal, Plus, Users } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { ConfirmDialog, Dialog } from '@/shared/components/ui/dialog';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { toast } from '@/shared/components/ui/toast';
import { formatNumber } from '@/shared/lib/format';
import { useCategories, useDeleteCategory, type Category } from '../api/categories';
import { CategoryForm } from '../components/category-form';
import '../i18n';

type Action = { kind: 'create' } | { kind: 'edit' | 'delete'; category: Category } | null;

export default function CategoriesPage() {
  const { t } = useTranslation();
  const query = useCategories();
  const remove = useDeleteCategory();
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);

  async function confirmDelete() {
    if (action?.kind !== 'delete') return;
    try {
      await remove.mutateAsync(action.category.id as string);
      toast.success(t('categories.deleted', { name: action.category.name }));
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    close();
  }

  return (
    <>
      <PageHeader
        title={t('categories.title')}
        description={t('categories.subtitle')}
        action={
          <Button onClick={() => setAction({ kind: 'create' })}>
            <Plus className="size-4" aria-hidden />
            {t('categories.create')}
          </Button>
        }
      />
      {query.isError ? (
        <Card><ErrorState error={query.error} onRetry={() => void query.refetch()} /></Card>
      ) : !query.data ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((i) => <Skeleton key={i} className="h-36 rounded-xl" />)}
        </div>
      ) : query.data.items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<FolderPlus className="size-6" aria-hidden />}
            title={t('categories.empty')}
            action={<Button onClick={() => setAction({ kind: 'create' })}>{t('categories.emptyAction')}</Button>}
          />
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t('categories.title')}>
          {query.data.items.map((c) => (
            <li key={c.id as string} className="relative overflow-hidden rounded-xl text-white shadow-sm" style={{ background: `linear-gradient(135deg, ${c.colour} 0%, color-mix(in srgb, ${c.colour} 60%, #111827) 100%)` }}>
              <Link to="/categories/$categoryId" params={{ categoryId: c.id as string }} className="block h-full p-5 focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-white" aria-label={t('categories.open', { name: c.name })}>
                <h2 className="pr-10 text-lg font-semibold [text-shadow:0_1px_2px_rgb(0_0_0/0.35)]">{c.name}</h2>
                <p className="mt-1 line-clamp-2 min-h-10 text-sm text-white/90 [text-shadow:0_1px_2px_rgb(0_0_0/0.35)]">{c.description}</p>
                <p className="mt-4 flex items-center gap-2 text-sm font-medium [text-shadow:0_1px_2px_rgb(0_0_0/0.35)]">
                  <Users className="size-4" aria-hidden />
                  <span className="tabular">{t('categories.members', { count: c.contactCount, formatted: formatNumber(c.contactCount) })}</span>
                </p>
              </Link>
              <div className="absolute top-3 right-3">
                <CardMenu category={c} onAction={setAction} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog open={action?.kind === 'create'} onOpenChange={(o) => !o && close()} title={t('categories.createTitle')}>
        <CategoryForm onDone={close} />
      </Dialog>
      {action && action.kind !== 'create' && (
        <>
          <Dialog open={action.kind === 'edit'} onOpenChange={(o) => !o && close()} title={t('categories.editTitle', { name: action.category.name })}>
            <CategoryForm category={action.category} onDone={close} />
          </Dialog>
          <ConfirmDialog
            open={action.kind === 'delete'}
            onOpenChange={(o) => !o && close()}
            title={t('categories.deleteTitle', { name: action.category.name })}
            description={t('categories.deleteText', { count: action.category.contactCount })}
            confirmLabel={t('categories.delete')}
            pending={remove.isPending}
            onConfirm={() => void confirmDelete()}
          />
        </>
      )}
    </>
  );
}

export function CardMenu({ category, onAction }: { category: Category; onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const item = 'flex cursor-pointer items-center rounded-md px-3 py-2 text-sm text-ink outline-none data-[highlighted]:bg-page';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="rounded-md p-1.5 text-white hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white" aria-label={`${t('common.actions')} — ${category.name}`}>
          <MoreHorizontal className="size-4" aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-lg border border-line bg-white p-1 shadow-lg">
          <DropdownMenu.Item className={item} onSelect={() => onAction({ kind: 'edit', category })}>{t('categories.edit')}</DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={`${item} text-danger-strong`} onSelect={() => onAction({ kind: 'delete', category })}>{t('categories.delete')}</DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
