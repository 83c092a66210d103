import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import type { Contact } from '../api/contacts';
import '../i18n';

export function ContactBadges({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const wa = contact.whatsappStatus;
  return (
    <div className="flex flex-wrap gap-1.5 whitespace-nowrap">
      <Badge tone={wa === 'ok' ? 'success' : wa === 'not_on_whatsapp' ? 'danger' : 'neutral'}>{t(`contacts.whatsappStatus.${wa}`)}</Badge>
      {contact.optedOut && <Badge tone="warning">{t('contacts.optedOut')}</Badge>}
      {contact.sandboxJoinedAt && <Badge tone="info">{t('contacts.sandboxJoined')}</Badge>}
    </div>
  );
}

/** A category as a chip: its colour as a dot, its name as text (never colour alone). */
export function CategoryChip({ name, colour }: { name: string; colour: string }) {
  return (
    <span className="inline-flex max-w-40 items-center gap-1.5 rounded-full border border-line bg-white px-2 py-0.5 text-xs text-ink">
      <span className="size-2 shrink-0 rounded-full" style={{ background: colour }} aria-hidden />
      <span className="truncate">{name}</span>
    </span>
  );
}

export function contactName(c: { firstName?: string | null; lastName?: string | null }, fallback: string) {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || fallback;
}
