import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import type { CampaignStatus } from '../api/types';
import '../i18n';

const TONES = { draft: 'neutral', scheduled: 'info', sending: 'success', paused: 'warning', completed: 'success', stopped: 'danger' } as const;

export function CampaignStatusBadge({ status, archived }: { status: CampaignStatus; archived?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={TONES[status]}>{t(`campaigns.status.${status}`)}</Badge>
      {archived && <Badge tone="neutral">{t('campaigns.archivedBadge')}</Badge>}
    </span>
  );
}

/** A thin bar with its value for screen readers. */
export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className={`h-2 w-full overflow-hidden rounded-full bg-gray-100 ${className ?? ''}`}
    >
      <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${pct}%` }} />
    </div>
  );
}
