import '../i18n';
import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveInvalidate } from '@/shared/api/live-queries';
import { PageHeader } from '@/shared/components/layout/page-header';
import { KindLabel, MESSAGE_KINDS, MESSAGE_STATUSES, StatusBadge } from '@/shared/components/messages/message-status';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { Dialog } from '@/shared/components/ui/dialog';
import { Input, Select } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Pagination, SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { formatDateTime } from '@/shared/lib/format';
import { MESSAGE_PERIODS, MESSAGES_PAGE_SIZE, useCampaignChoices, useMessages, type MessagesSearch } from '../api/get-messages';
import { bodyOf, MessageDetailView } from '../components/message-detail';

interface MessagesPageProps {
  search: MessagesSearch;
  onSearch: (next: MessagesSearch) => void;
}

const FAILURES = 'failed,undelivered';

export default function MessagesPage({ search, onSearch }: MessagesPageProps) {
  const { t } = useTranslation();
  const query = useMessages(search);
  const campaigns = useCampaignChoices();
  const [phone, setPhone] = useState(search.phone ?? '');
  const [code, setCode] = useState(search.errorCode?.toString() ?? '');
  // New and changed messages show up on their own; the open detail follows its message.
  useLiveInvalidate('message.status', [['messages']]);
  useLiveInvalidate('message.inbound', [['messages', 'list']]);

  const set = (patch: Partial<MessagesSearch>) => onSearch({ ...search, ...patch, page: undefined, message: undefined });

  useEffect(() => {
    const timer = setTimeout(() => {
      const nextPhone = phone.replace(/[\s.-]/g, '') || undefined;
      const nextCode = /^\d{1,5}$/.test(code) ? Number(code) : undefined;
      if (nextPhone !== search.phone || nextCode !== search.errorCode) onSearch({ ...search, phone: nextPhone, errorCode: nextCode, page: undefined });
    }, 400);
    return () => clearTimeout(timer);
  }, [phone, code, search, onSearch]);

  const filtered = Object.entries(search).some(([k, v]) => k !== 'page' && k !== 'message' && v !== undefined);
  const data = query.data;
  const all = t('messages.filters.all');

  return (
    <>
      <PageHeader title={t('messages.title')} description={t('messages.subtitle')} />
      <Card>
        <div className="grid grid-cols-1 gap-3 border-b border-line p-4 sm:grid-cols-2 lg:grid-cols-4">
          <Select aria-label={t('messages.filters.status')} value={search.status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })}>
            <option value="">
              {t('messages.filters.status')} : {all.toLowerCase()}
            </option>
            <option value={FAILURES}>
              {t('messageStatus.failed')} + {t('messageStatus.undelivered').toLowerCase()}
            </option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`messageStatus.${s}`)}
              </option>
            ))}
          </Select>
          <Select aria-label={t('messages.filters.kind')} value={search.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as MessagesSearch['kind'] })}>
            <option value="">
              {t('messages.filters.kind')} : {all.toLowerCase()}
            </option>
            {MESSAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`messageKind.${k}`)}
              </option>
            ))}
          </Select>
          <Select
            aria-label={t('messages.filters.direction')}
            value={search.direction ?? ''}
            onChange={(e) => set({ direction: (e.target.value || undefined) as MessagesSearch['direction'] })}
          >
            <option value="">
              {t('messages.filters.direction')} : {all.toLowerCase()}
            </option>
            <option value="outbound">{t('messageDirection.outbound')}</option>
            <option value="inbound">{t('messageDirection.inbound')}</option>
          </Select>
          <Select aria-label={t('messages.filters.period')} value={search.period ?? ''} onChange={(e) => set({ period: (e.target.value || undefined) as MessagesSearch['period'] })}>
            <option value="">
              {t('messages.filters.period')} : {all.toLowerCase()}
            </option>
            {MESSAGE_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`messages.filters.periods.${p}`)}
              </option>
            ))}
          </Select>
          <Select aria-label={t('messages.filters.campaign')} value={search.campaignId ?? ''} onChange={(e) => set({ campaignId: e.target.value || undefined })}>
            <option value="">
              {t('messages.filters.campaign')} : {t('messages.filters.allFem').toLowerCase()}
            </option>
            {campaigns.data?.map((c) => (
              <option key={c.id as string} value={c.id as string}>
                {c.name}
              </option>
            ))}
          </Select>
          <Input
            aria-label={t('messages.filters.errorCode')}
            placeholder={t('messages.filters.errorCode')}
            inputMode="numeric"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 5))}
          />
          <Input
            type="search"
            aria-label={t('messages.filters.phone')}
            placeholder={`${t('messages.filters.phone')} (${t('messages.filters.phonePlaceholder')})`}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <div className="flex flex-wrap items-center gap-2">
            {search.contactId && (
              <span className="inline-flex items-center gap-1 rounded-full bg-sky-50 px-2.5 py-1 text-xs font-medium text-sky-800">
                {t('messages.filters.contact')}
                <button type="button" onClick={() => set({ contactId: undefined })} aria-label={t('messages.filters.removeContact')} className="rounded-full p-0.5 hover:bg-sky-100">
                  <X className="size-3" aria-hidden />
                </button>
              </span>
            )}
            {filtered && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setPhone('');
                  setCode('');
                  onSearch({});
                }}
              >
                {t('common.reset')}
              </Button>
            )}
          </div>
        </div>

        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : data && data.items.length === 0 ? (
          <EmptyState title={filtered ? t('messages.empty') : t('messages.emptyAll')} />
        ) : (
          <>
            <Table label={t('messages.title')}>
              <thead>
                <tr>
                  <Th className="w-40">{t('messages.columns.date')}</Th>
                  <Th className="w-52">{t('messages.columns.contact')}</Th>
                  <Th>{t('messages.columns.message')}</Th>
                  <Th className="w-36">{t('messages.columns.kind')}</Th>
                  <Th className="w-32">{t('messages.columns.status')}</Th>
                </tr>
              </thead>
              <tbody aria-live="polite">
                {!data ? (
                  <SkeletonRows columns={5} />
                ) : (
                  data.items.map((m) => (
                    <Tr key={m.id as string}>
                      <Td className="text-muted tabular">{formatDateTime((m.receivedAt ?? m.createdAt) as string)}</Td>
                      <Td>
                        <div className="truncate font-medium">{m.contactName || m.phone}</div>
                        {m.contactName && <div className="text-xs text-muted tabular">{m.phone}</div>}
                      </Td>
                      <Td className="max-w-0">
                        <button
                          type="button"
                          className="block w-full truncate text-left text-ink hover:underline focus-visible:underline"
                          onClick={() => onSearch({ ...search, message: m.id as string })}
                          title={bodyOf(m, t)}
                        >
                          {bodyOf(m, t)}
                        </button>
                        {m.errorCode !== null && <div className="truncate text-xs text-red-700">{m.errorCode} — {m.errorExplanation ?? m.errorMessage}</div>}
                      </Td>
                      <Td className="text-sm">
                        <KindLabel kind={m.kind} />
                        {m.campaignName && <div className="truncate text-xs text-muted">{m.campaignName}</div>}
                      </Td>
                      <Td>
                        <StatusBadge status={m.status} />
                      </Td>
                    </Tr>
                  ))
                )}
              </tbody>
            </Table>
            {data && (
              <>
                <Pagination page={data.page} size={data.size || MESSAGES_PAGE_SIZE} total={data.total} onPage={(page) => onSearch({ ...search, page })} />
                {!data.totalExact && <p className="px-4 pb-3 text-xs text-muted">{t('messages.more', { total: data.total })}</p>}
              </>
            )}
          </>
        )}
      </Card>
      <Dialog open={Boolean(search.message)} onOpenChange={(o) => !o && onSearch({ ...search, message: undefined })} title={t('messages.detail.title')}>
        {search.message && <MessageDetailView id={search.message} />}
      </Dialog>
    </>
  );
}
