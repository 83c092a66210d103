import { MoreHorizontal, Plus, Search, UserPlus } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { ConfirmDialog, Dialog } from '@/shared/components/ui/dialog';
import { Input, Select } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Pagination, SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { toast } from '@/shared/components/ui/toast';
import { formatDateTime } from '@/shared/lib/format';
import { USERS_PAGE_SIZE, useUsers, type UsersSearch } from '../api/get-users';
import { useDeactivateUser } from '../api/deactivate-user';
import { useDeleteUser } from '../api/delete-user';
import { CreateUserForm, EditUserForm, ResetPasswordForm } from '../components/user-forms';

type Action = { kind: 'create' } | { kind: 'edit' | 'reset' | 'deactivate' | 'delete'; user: User } | null;

interface UsersPageProps {
  search: UsersSearch;
  onSearch: (next: UsersSearch) => void;
  currentUserId: string;
}

const displayName = (u: User) => u.fullName || u.email;

export default function UsersPage({ search, onSearch, currentUserId }: UsersPageProps) {
  const { t } = useTranslation();
  const query = useUsers(search);
  const [action, setAction] = useState<Action>(null);
  const [text, setText] = useState(search.q ?? '');
  const deactivate = useDeactivateUser();
  const remove = useDeleteUser();
  const close = () => setAction(null);

  // The search box writes to the URL after a short pause, so typing does not flood the server.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? '') !== text) onSearch({ ...search, q: text || undefined, page: undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  const filtered = Boolean(search.q || search.role || search.active !== undefined);
  const data = query.data;

  async function confirm() {
    if (!action || action.kind === 'create' || (action.kind !== 'deactivate' && action.kind !== 'delete')) return;
    const { user } = action;
    try {
      if (action.kind === 'deactivate') {
        await deactivate.mutateAsync(user.id as string);
        toast.success(t('users.deactivated', { email: user.email }));
      } else {
        await remove.mutateAsync(user.id as string);
        toast.success(t('users.deleted', { email: user.email }));
      }
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    close();
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        action={
          <Button onClick={() => setAction({ kind: 'create' })}>
            <Plus className="size-4" aria-hidden />
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <div className="flex flex-col gap-3 border-b border-line p-4 md:flex-row md:items-center">
          <div className="relative flex-1">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
            <Input
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('users.searchPlaceholder')}
              aria-label={t('common.search')}
              className="pl-9"
            />
          </div>
          <Select
            aria-label={t('users.role')}
            className="md:w-44"
            value={search.role ?? ''}
            onChange={(e) => onSearch({ ...search, role: (e.target.value || undefined) as UsersSearch['role'], page: undefined })}
          >
            <option value="">{t('users.role')} : {t('common.all').toLowerCase()}</option>
            <option value="super_admin">{t('roles.super_admin')}</option>
            <option value="admin">{t('roles.admin')}</option>
          </Select>
          <Select
            aria-label={t('users.status')}
            className="md:w-44"
            value={search.active === undefined ? '' : String(search.active)}
            onChange={(e) => onSearch({ ...search, active: e.target.value === '' ? undefined : e.target.value === 'true', page: undefined })}
          >
            <option value="">{t('users.status')} : {t('common.all').toLowerCase()}</option>
            <option value="true">{t('users.active')}</option>
            <option value="false">{t('users.inactive')}</option>
          </Select>
        </div>

        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState
            icon={<UserPlus className="size-6" aria-hidden />}
            title={t('users.empty')}
            action={
              filtered ? (
                <Button variant="secondary" onClick={() => { setText(''); onSearch({}); }}>
                  {t('users.emptyAction')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <Table label={t('users.title')}>
              <thead>
                <tr>
                  <Th className="w-[34%]">{t('users.name')}</Th>
                  <Th className="w-[14%]">{t('users.role')}</Th>
                  <Th className="w-[22%]">{t('users.status')}</Th>
                  <Th className="w-[22%]">{t('users.lastLogin')}</Th>
                  <Th className="w-[8%] text-right">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <SkeletonRows columns={5} />
                ) : (
                  data.items.map((user) => (
                    <Tr key={user.id}>
                      <Td>
                        <div className="font-medium text-ink">
                          {displayName(user)}
                          {user.id === currentUserId && <span className="ml-1.5 text-xs font-normal text-muted">({t('users.you')})</span>}
                        </div>
                        {user.fullName && <div className="text-xs text-muted">{user.email}</div>}
                      </Td>
                      <Td>
                        <Badge tone={user.role === 'super_admin' ? 'info' : 'neutral'}>{t(`roles.${user.role}`)}</Badge>
                      </Td>
                      <Td>
                        <div className="flex flex-wrap gap-1.5">
                          <Badge tone={user.active ? 'success' : 'neutral'}>{user.active ? t('users.active') : t('users.inactive')}</Badge>
                          {user.locked && <Badge tone="danger">{t('users.locked')}</Badge>}
                          {user.mustChangePassword && <Badge tone="warning">{t('users.mustChange')}</Badge>}
                        </div>
                      </Td>
                      <Td className="text-muted tabular">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}</Td>
                      <Td className="text-right">
                        <RowActions user={user} onAction={setAction} />
                      </Td>
                    </Tr>
                  ))
                )}
              </tbody>
            </Table>
            {data && (
              <Pagination page={data.page} size={data.size || USERS_PAGE_SIZE} total={data.total} onPage={(page) => onSearch({ ...search, page })} />
            )}
          </>
        )}
      </Card>

      <Dialog open={action?.kind === 'create'} onOpenChange={(o) => !o && close()} title={t('users.createTitle')}>
        <CreateUserForm onDone={close} />
      </Dialog>
      {action && action.kind !== 'create' && (
        <>
          <Dialog open={action.kind === 'edit'} onOpenChange={(o) => !o && close()} title={t('users.editTitle', { name: displayName(action.user) })}>
            <EditUserForm user={action.user} onDone={close} />
          </Dialog>
          <Dialog open={action.kind === 'reset'} onOpenChange={(o) => !o && close()} title={t('users.resetTitle', { name: displayName(action.user) })}>
            <ResetPasswordForm user={action.user} onDone={close} />
          </Dialog>
          <ConfirmDialog
            open={action.kind === 'deactivate'}
            onOpenChange={(o) => !o && close()}
            title={t('users.deactivateTitle', { name: displayName(action.user) })}
            description={t('users.deactivateText', { email: action.user.email })}
            confirmLabel={t('users.deactivate')}
            pending={deactivate.isPending}
            onConfirm={confirm}
          />
          <ConfirmDialog
            open={action.kind === 'delete'}
            onOpenChange={(o) => !o && close()}
            title={t('users.deleteTitle', { name: displayName(action.user) })}
            description={t('users.deleteText', { email: action.user.email })}
            confirmLabel={t('users.delete')}
            pending={remove.isPending}
            onConfirm={confirm}
          />
        </>
      )}
    </>
  );
}

function RowActions({ user, onAction }: { user: User; onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const item = 'flex cursor-pointer items-center rounded-md px-3 py-2 text-sm text-ink outline-none data-[highlighted]:bg-page';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`${t('common.actions')} — ${user.email}`}>
          <MoreHorizontal className="size-4" aria-hidden />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-52 rounded-lg border border-line bg-white p-1 shadow-lg">
          <DropdownMenu.Item className={item} onSelect={() => onAction({ kind: 'edit', user })}>
            {t('users.edit')}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={() => onAction({ kind: 'reset', user })}>
            {t('users.resetPassword')}
          </DropdownMenu.Item>
          {user.active && (
            <DropdownMenu.Item className={item} onSelect={() => onAction({ kind: 'deactivate', user })}>
              {t('users.deactivate')}
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={`${item} text-danger-strong`} onSelect={() => onAction({ kind: 'delete', user })}>
            {t('users.delete')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
