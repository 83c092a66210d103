import { useTranslation } from 'react-i18next';
import { formatPercent } from '@/shared/lib/format';
import type { Rates } from './rates';

const KEYS = ['deliveryRate', 'readRate', 'replyRate', 'failureRate'] as const;
const COLOURS: Record<(typeof KEYS)[number], string> = { deliveryRate: '#10B981', readRate: '#0EA5E9', replyRate: '#8B5CF6', failureRate: '#EF4444' };

/** A campaign's four rates as bars on the same 0–100 % scale, so campaigns line up side by side. */
export function RateBars({ rates }: { rates: Rates }) {
  const { t } = useTranslation();
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-4">
      {KEYS.map((k) => {
        const v = rates[k];
        return (
          <div key={k} className="min-w-0">
            <dt className="flex justify-between text-xs text-muted">
              <span>{t(`statistics.rates.${k}`)}</span>
              <span className="tabular text-ink" data-rate={k}>
                {formatPercent(v)}
              </span>
            </dt>
            <dd className="mt-1 h-2 overflow-hidden rounded-full bg-gray-100" aria-hidden>
              <div className="h-full rounded-full motion-safe:transition-[width] motion-safe:duration-500" style={{ width: `${Math.round((v ?? 0) * 100)}%`, background: COLOURS[k] }} />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
