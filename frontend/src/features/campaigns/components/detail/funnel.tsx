import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '@/shared/lib/format';
import '../../i18n';

export interface FunnelCounts {
  recipients: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  message2Sent: number;
  message2Read: number | null;
}

const STAGES: (keyof FunnelCounts)[] = ['recipients', 'sent', 'delivered', 'read', 'replied', 'message2Sent', 'message2Read'];

/**
 * Recipients → sent → delivered → read → replied → Message 2 sent → read, each stage as a bar
 * relative to the recipients with its share of the stage before it.
 */
export function Funnel({ counts, hasMessage2 }: { counts: FunnelCounts; hasMessage2: boolean }) {
  const { t } = useTranslation();
  const stages = STAGES.filter((s) => hasMessage2 || (s !== 'message2Sent' && s !== 'message2Read'));
  const top = counts.recipients || 0;
  return (
    <ol className="space-y-2.5" aria-label={t('campaigns.detail.funnel')}>
      {stages.map((stage, i) => {
        const value = counts[stage];
        const prevStage = i > 0 ? stages[i - 1] : undefined;
        const prev = prevStage ? counts[prevStage] : null;
        const width = top > 0 && value !== null ? Math.max(value > 0 ? 2 : 0, Math.round((value / top) * 100)) : 0;
        return (
          <li key={stage} className="grid grid-cols-[9.5rem_1fr_6.5rem] items-center gap-3 text-sm" data-stage={stage}>
            <span className="text-muted">{t(`campaigns.funnel.${stage}`)}</span>
            <span className="h-6 overflow-hidden rounded bg-gray-100" aria-hidden>
              <span className={`block h-full rounded ${stage.startsWith('message2') ? 'bg-sky-500' : 'bg-primary'}`} style={{ width: `${width}%` }} />
            </span>
            <span className="text-right tabular">
              <span className="font-semibold text-ink">{value === null ? '—' : formatNumber(value)}</span>
              {prev !== null && prev !== undefined && value !== null && prev > 0 && (
                <span className="ml-1.5 text-xs text-muted">{formatPercent(value / prev, 0)}</span>
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
