import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, MessageSquare, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '@/shared/api/events';
import { Button } from '@/shared/components/ui/button';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { ConfirmDialog, Dialog } from '@/shared/components/ui/dialog';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { toast } from '@/shared/components/ui/toast';
import { cn } from '@/shared/lib/cn';
import { formatDateTime } from '@/shared/lib/format';
import { getContactMessagesQueryOptions, useContact, useDeleteContact, type ContactMessage } from '../api/contacts';
import { CategoryChip, ContactBadges, contactName } from '../components/contact-badges';
import { ContactForm } from '../components/contact-form';
import { countryName } from '../components/countries';
import '../i18n';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-2 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="text-ink">{children}</dd>
    </div>
  );
}

export default function ContactDetailPage({ contactId }: { contactId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const contact = useContact(contactId);
  const [page, setPage] = useState(0);
  const messages = useQuery(getContactMessagesQueryOptions(contactId, page));
  const remove = useDeleteContact();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  // The conversation follows live: a status or an inbound message of this contact refetches it.
  const refresh = (e: { contactId?: unknown }) => {
    if (e.contactId === contactId) void messages.refetch();
  };
  useLiveEvent('message.status', refresh);
  useLiveEvent('message.inbound', refresh);

  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  const name = c ? contactName(c, t('contacts.noName')) : '';

  async function confirmDelete() {
    try {
      await remove.mutateAsync(contactId);
      toast.success(t('contacts.deleted'));
      void navigate({ to: '/contacts' });
    } catch (error) {
      toast.problem(error, t('errors.generic'));
    }
    setDialog(null);
  }

  const attrs = Object.entries((c?.attributes ?? {}) as Record<string, unknown>);
  return (
    <>
      <Link to="/contacts" className="mb-3 inline-flex items-center gap-1.5 text-sm text-muted hover:text-ink">
        <ArrowLeft className="size-4" aria-hidden />
        {t('contacts.detail.back')}
      </Link>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          {c ? <h1 className="text-2xl font-semibold tracking-tight text-ink">{name}</h1> : <Skeleton className="h-8 w-64" />}
          {c && <p className="mt-1 text-sm text-muted tabular">{c.phone}</p>}
        </div>
        {c && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setDialog('edit')}>
              <Pencil className="size-4" aria-hidden />
              {t('contacts.edit')}
            </Button>
            <Button variant="danger" onClick={() => setDialog('delete')}>
              <Trash2 className="size-4" aria-hidden />
              {t('contacts.delete')}
            </Button>
          </div>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="space-y-6">
          <Card>
            <CardHeader title={t('contacts.detail.info')} />
            <div className="px-5 py-3">
              {!c ? (
                <Skeleton className="h-32 w-full" />
              ) : (
                <dl className="divide-y divide-line">
                  <Row label={t('contacts.detail.phone')}><span className="tabular">{c.phone}</span></Row>
                  <Row label={t('contacts.detail.country')}>{c.country ? `${countryName(c.country, i18n.language)} (${c.country})` : '—'}</Row>
                  <Row label={t('contacts.columns.status')}><ContactBadges contact={c} /></Row>
                  {c.profileName && <Row label={t('contacts.detail.profileName')}>{c.profileName}</Row>}
                  <Row label={t('contacts.detail.createdAt')}>{formatDateTime(c.createdAt as string)}</Row>
                  {c.optedOutAt && <Row label={t('contacts.detail.optedOutAt')}>{formatDateTime(c.optedOutAt)}</Row>}
                  {c.sandboxJoinedAt && <Row label={t('contacts.detail.sandboxJoinedAt')}>{formatDateTime(c.sandboxJoinedAt)}</Row>}
                  {c.lastInboundAt && <Row label={t('contacts.detail.lastInboundAt')}>{formatDateTime(c.lastInboundAt)}</Row>}
                </dl>
              )}
            </div>
          </Card>
          <Card>
            <CardHeader title={t('contacts.detail.categories')} />
            <div className="flex flex-wrap gap-2 px-5 py-4">
              {c && c.categories.length === 0 && <p className="text-sm text-muted">{t('contacts.detail.noCategories')}</p>}
              {c?.categories.map((cat) => (
                <Link key={cat.id as string} to="/categories/$categoryId" params={{ categoryId: cat.id as string }}>
                  <CategoryChip name={cat.name} colour={cat.colour} />
                </Link>
              ))}
            </div>
          </Card>
          <Card>
            <CardHeader title={t('contacts.detail.attributes')} />
            <div className="px-5 py-3">
              {c && attrs.length === 0 && <p className="py-1 text-sm text-muted">{t('contacts.detail.noAttributes')}</p>}
              <dl className="divide-y divide-line">
                {attrs.map(([k, v]) => (
                  <Row key={k} label={k}>{String(v)}</Row>
                ))}
              </dl>
            </div>
          </Card>
          {c?.notes && (
            <Card>
              <CardHeader title={t('contacts.detail.notes')} />
              <p className="whitespace-pre-wrap px-5 py-4 text-sm text-ink">{c.notes}</p>
            </Card>
          )}
        </div>
        <Card>
          <CardHeader title={t('contacts.detail.conversation')} />
          {messages.isError ? (
            <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
          ) : !messages.data ? (
            <div className="space-y-3 p-5">
              <Skeleton className="h-14 w-2/3" />
              <Skeleton className="ml-auto h-14 w-2/3" />
            </div>
          ) : messages.data.items.length === 0 ? (
            <EmptyState icon={<MessageSquare className="size-6" aria-hidden />} title={t('contacts.detail.noMessages')} />
          ) : (
            <div className="space-y-3 bg-[#efeae2] p-5" aria-live="polite">
              {messages.data.hasMore && (
                <div className="text-center">
                  <Button variant="secondary" size="sm" onClick={() => setPage((p) => p + 1)}>
                    {t('contacts.detail.older')}
                  </Button>
                </div>
              )}
              {[...messages.data.items].reverse().map((m) => (
                <Bubble key={m.id as string} m={m} />
              ))}
            </div>
          )}
        </Card>
      </div>
      {c && (
        <>
          <Dialog open={dialog === 'edit'} onOpenChange={(o) => !o && setDialog(null)} title={t('contacts.editTitle', { name })}>
            <ContactForm contact={c} onDone={() => setDialog(null)} />
          </Dialog>
          <ConfirmDialog
            open={dialog === 'delete'}
            onOpenChange={(o) => !o && setDialog(null)}
            title={t('contacts.deleteTitle', { name })}
            description={t('contacts.deleteText', { phone: c.phone })}
            confirmLabel={t('contacts.delete')}
            pending={remove.isPending}
            onConfirm={() => void confirmDelete()}
          />
        </>
      )}
    </>
  );
}

function Bubble({ m }: { m: ContactMessage }) {
  const { t } = useTranslation();
  const inbound = m.direction === 'inbound';
  const at = m.receivedAt ?? m.sentAt ?? (m.createdAt as string);
  return (
    <div className={cn('flex', inbound ? 'justify-start' : 'justify-end')}>
      <div className={cn('max-w-[80%] rounded-lg px-3 py-2 text-sm shadow-sm', inbound ? 'bg-white' : 'bg-[#d9fdd3]')}>
        {!inbound && <p className="mb-0.5 text-xs font-medium text-emerald-800">{t(`contacts.detail.kind.${m.kind}`)}{m.campaignName ? ` · ${m.campaignName}` : ''}</p>}
        <p className="whitespace-pre-wrap text-ink">{m.body ?? '—'}</p>
        <p className="mt-1 text-right text-[11px] text-gray-600">
          {formatDateTime(at)} · {t(`contacts.detail.status.${m.status}`)}
          {m.errorCode ? ` (${m.errorCode})` : ''}
        </p>
      </div>
    </div>
  );
}
