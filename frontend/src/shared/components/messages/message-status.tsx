// How a message's status and kind read everywhere (home, messages, conversations, simulator).
import { Check, CheckCheck, Clock, AlertCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { addTranslations } from '../../i18n';
import { cn } from '../../lib/cn';
import { Badge } from '../ui/badge';

addTranslations({
  fr: {
    messageStatus: {
      queued: 'En file', sending: 'Envoi en cours', sent: 'Envoyé', delivered: 'Remis', read: 'Lu',
      failed: 'Échec', undelivered: 'Non remis', received: 'Reçu', accepted: 'Accepté',
    },
    messageKind: { message_1: 'Message 1', message_2: 'Message 2', reply: 'Réponse', manual: 'Réponse manuelle', test: 'Test' },
    messageDirection: { outbound: 'Sortant', inbound: 'Entrant' },
  },
  en: {
    messageStatus: {
      queued: 'Queued', sending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read',
      failed: 'Failed', undelivered: 'Undelivered', received: 'Received', accepted: 'Accepted',
    },
    messageKind: { message_1: 'Message 1', message_2: 'Message 2', reply: 'Reply', manual: 'Manual reply', test: 'Test' },
    messageDirection: { outbound: 'Outbound', inbound: 'Inbound' },
  },
});

export { MESSAGE_KINDS, MESSAGE_STATUSES } from './values';

/** Chart colours of the statuses (the palette of the design: success, error, pending, info). */
export const STATUS_COLOURS: Record<string, string> = {
  queued: '#9CA3AF',
  sending: '#F59E0B',
  sent: '#60A5FA',
  delivered: '#10B981',
  read: '#0EA5E9',
  failed: '#EF4444',
  undelivered: '#F97316',
  received: '#8B5CF6',
};

const tone = (status: string) =>
  status === 'delivered' || status === 'read'
    ? 'success'
    : status === 'failed' || status === 'undelivered'
      ? 'danger'
      : status === 'queued' || status === 'sending'
        ? 'warning'
        : status === 'received'
          ? 'info'
          : 'neutral';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={tone(status)}>{t(`messageStatus.${status}`, { defaultValue: status })}</Badge>;
}

/**
 * WhatsApp's ticks: one grey ✓ sent, two grey ✓✓ delivered, two blue ✓✓ read; a clock while
 * waiting, a red mark on failure. The label says it in words for screen readers.
 */
export function StatusTicks({ status, className }: { status: string; className?: string }) {
  const { t } = useTranslation();
  const label = t(`messageStatus.${status}`, { defaultValue: status });
  const common = cn('inline-block size-4 shrink-0', className);
  let icon;
  if (status === 'read') icon = <CheckCheck className={cn(common, 'text-sky-500')} aria-hidden data-ticks="read" />;
  else if (status === 'delivered') icon = <CheckCheck className={cn(common, 'text-gray-500')} aria-hidden data-ticks="delivered" />;
  else if (status === 'sent') icon = <Check className={cn(common, 'text-gray-500')} aria-hidden data-ticks="sent" />;
  else if (status === 'failed' || status === 'undelivered') icon = <AlertCircle className={cn(common, 'text-red-600')} aria-hidden data-ticks="failed" />;
  else icon = <Clock className={cn(common, 'text-gray-400')} aria-hidden data-ticks="pending" />;
  return (
    <span className="inline-flex items-center" title={label}>
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function KindLabel({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <>{t(`messageKind.${kind}`, { defaultValue: kind })}</>;
}
