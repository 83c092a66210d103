import { Download, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Input, Select } from '@/shared/components/ui/input';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Pagination, SkeletonRows, Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { toast } from '@/shared/components/ui/toast';
import { formatDateTime } from '@/shared/lib/format';
import { downloadRecipientsCsv, RECIPIENTS_PAGE_SIZE, useCampaignRecipients, type RecipientsSearch } from '../../api/campaigns';
import { RECIPIENT_STATUSES, type Recipient } from '../../api/types';
import '../../i18n';

const TONE: Record<string, 'success' | 'danger' | 'warning' | 'neutral' | 'info'> = {
  queued: 'neutral', sending: 'warning', sent: 'info', delivered: 'success', read: 'success', failed: 'danger', undelivered: 'danger',
};

function lastTime(r: Recipient) {
  return r.failedAt ?? r.readAt ?? r.deliveredAt ?? r.sentAt ?? r.queuedAt;
}

/** Who received what: paged, filtered by status, kind and text (in the URL), exported as CSV. */
export function RecipientsTable({ campaignId, search, onSearch }: { campaignId: string; search: RecipientsSearch; onSearch: (s: RecipientsSearch) => void }) {
  const { t } = useTranslation();
  const query = useCampaignRecipients(campaignId, search);
  const [text, setText] = useState(search.rq ?? '');
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.rq ?? '') !== text) onSearch({ ...search, rq: text || undefined, rpage: undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  async function exportCsv() {
    setExporting(true);
    try {
      const blob = await downloadRecipientsCsv(campaignId, search);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `campagne-${campaignId.slice(0, 8)}-destinataires.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      toast.problem(e, t('errors.generic'));
    } finally {
      setExporting(false);
    }
  }

  const data = query.data;
  return (
    <>
      <div className="flex flex-col gap-3 border-b border-line p-4 md:flex-row md:items-center">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-subtle" aria-hidden />
          <Input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('campaigns.recipients.search')} aria-label={t('campaigns.recipients.search')} className="pl-9" />
        </div>
        <Select
          aria-label={t('campaigns.recipients.status')}
          className="md:w-48"
          value={search.rstatus ?? ''}
          onChange={(e) => onSearch({ ...search, rstatus: (e.target.value || undefined) as RecipientsSearch['rstatus'], rpage: undefined })}
        >
          <option value="">{t('campaigns.recipients.allStatuses')}</option>
          {RECIPIENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`campaigns.messageStatus.${s}`)}
            </option>
          ))}
        </Select>
        <Select
          aria-label={t('campaigns.recipients.kind')}
          className="md:w-44"
          value={search.rkind ?? ''}
          onChange={(e) => onSearch({ ...search, rkind: (e.target.value || undefined) as RecipientsSearch['rkind'], rpage: undefined })}
        >
          <option value="">{t('campaigns.recipients.allKinds')}</option>
          <option value="message_1">{t('campaigns.kind.message_1')}</option>
          <option value="message_2">{t('campaigns.kind.message_2')}</option>
        </Select>
        <Button variant="secondary" onClick={() => void exportCsv()} disabled={exporting}>
          <Download className="size-4" aria-hidden />
          {t('campaigns.recipients.export')}
        </Button>
      </div>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : data && data.items.length === 0 ? (
        <EmptyState title={t('campaigns.recipients.empty')} />
      ) : (
        <>
          <Table label={t('campaigns.detail.recipients')}>
            <thead>
              <tr>
                <Th className="w-[26%]">{t('campaigns.recipients.contact')}</Th>
                <Th className="w-[14%]">{t('campaigns.recipients.kind')}</Th>
                <Th className="w-[16%]">{t('campaigns.recipients.status')}</Th>
                <Th className="w-[26%]">{t('campaigns.recipients.error')}</Th>
                <Th className="w-[18%]">{t('campaigns.recipients.when')}</Th>
              </tr>
            </thead>
            <tbody>
              {!data ? (
                <SkeletonRows columns={5} />
              ) : (
                data.items.map((r) => (
                  <Tr key={r.messageId}>
                    <Td>
                      <div className="font-medium text-ink">{[r.firstName, r.lastName].filter(Boolean).join(' ') || r.phone}</div>
                      <div className="text-xs text-muted tabular">{r.phone}</div>
                    </Td>
                    <Td className="text-muted">{t(`campaigns.kind.${r.kind}`, { defaultValue: r.kind })}</Td>
                    <Td>
                      <Badge tone={TONE[r.status] ?? 'neutral'}>{t(`campaigns.messageStatus.${r.status}`, { defaultValue: r.status })}</Badge>
                    </Td>
                    <Td className="text-sm">
                      {r.errorCode ? (
                        <>
                          <span className="font-medium text-danger-strong">{r.errorCode}</span>
                          {r.errorExplanation && <span className="text-muted"> — {r.errorExplanation}</span>}
                        </>
                      ) : (
                        <span className="text-subtle">—</span>
                      )}
                    </Td>
                    <Td className="text-muted tabular">{formatDateTime(lastTime(r))}</Td>
                  </Tr>
                ))
              )}
            </tbody>
          </Table>
          {data && <Pagination page={data.page} size={data.size || RECIPIENTS_PAGE_SIZE} total={data.total} onPage={(rpage) => onSearch({ ...search, rpage })} />}
        </>
      )}
    </>
  );
}
