import { AlertTriangle, CheckCircle2, Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { formatNumber } from '@/shared/lib/format';
import type { CampaignPreflight } from '../../api/types';
import { formatEta } from '../../lib/campaign-math';
import '../../i18n';

export function formatMoney(amount: number, currency: string, lang: string) {
  try {
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${formatNumber(amount, 2)} ${currency}`;
  }
}

/** "≈ 2 h 10, sur 2 jours": the plain consequence of the pacing and the quota. */
export function etaSentence(p: Pick<CampaignPreflight, 'etaSeconds' | 'daysNeeded'>, t: (k: string, o?: Record<string, unknown>) => string, lang: string) {
  const eta = formatEta(p.etaSeconds, lang === 'en' ? 'en' : 'fr');
  return p.daysNeeded > 1 ? t('campaigns.wizard.etaDays', { eta, days: p.daysNeeded }) : eta;
}

const QUOTA_TONE = { OK: 'success', ATTENTION: 'warning', DANGER: 'danger', BLOCKED: 'danger' } as const;

/** The pre-send check: who is excluded and why, blank variables, quota, duration, cost. */
export function PresendCheck({ preflight, error, onRetry }: { preflight: CampaignPreflight | undefined; error: unknown; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!preflight) return <Skeleton className="h-48 w-full" />;
  const p = preflight;
  const excluded = [
    ['optedOut', p.optedOutExcluded],
    ['notOnWhatsApp', p.notOnWhatsApp],
    ['notJoinedSandbox', p.notJoinedSandbox],
  ] as const;
  const blanks = Object.entries(p.blankVariables).filter(([, n]) => n > 0);
  const ok = p.warnings.length === 0;
  return (
    <section aria-label={t('campaigns.wizard.check')} className="space-y-4">
      <div className={`flex items-start gap-3 rounded-lg border p-4 text-sm ${ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-amber-200 bg-amber-50 text-amber-900'}`} role="status">
        {ok ? <CheckCircle2 className="mt-0.5 size-5 shrink-0" aria-hidden /> : <AlertTriangle className="mt-0.5 size-5 shrink-0" aria-hidden />}
        <div>
          <p className="font-medium">{ok ? t('campaigns.wizard.checkOk') : t('campaigns.wizard.checkWarnings')}</p>
          {p.warnings.map((w) => (
            <p key={w}>{t(`campaigns.warning.${w}`, { days: p.daysNeeded })}</p>
          ))}
        </div>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label={t('campaigns.wizard.recipients')} value={formatNumber(p.recipients)} help={t('campaigns.wizard.targeted', { n: formatNumber(p.contactsInCategories) })} />
        <Figure label={t('campaigns.wizard.duration')} value={etaSentence(p, t, i18n.language)} help={t('campaigns.wizard.rate', { rate: formatNumber(p.messagesPerSecond, 2) })} />
        <Figure
          label={t('campaigns.wizard.quota')}
          value={t('campaigns.wizard.quotaLeft', { n: formatNumber(p.quota.remaining), limit: formatNumber(p.quota.limit) })}
          help={<Badge tone={QUOTA_TONE[p.quota.level]}>{t(`campaigns.quota.${p.quota.level}`)}</Badge>}
        />
        <Figure
          label={t('campaigns.wizard.cost')}
          value={formatMoney(p.estimatedCost, p.currency, i18n.language)}
          help={t('campaigns.wizard.costHelp', { price: formatMoney(p.pricePerMessage, p.currency, i18n.language) })}
        />
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink">{t('campaigns.wizard.excluded')}</h3>
          <ul className="space-y-1 text-sm">
            {excluded.map(([k, n]) => (
              <li key={k} className="flex justify-between gap-3">
                <span className="text-muted">{t(`campaigns.excluded.${k}`)}</span>
                <span className="font-medium text-ink tabular">{formatNumber(n)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-ink">{t('campaigns.wizard.blankVariables')}</h3>
          {blanks.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-muted">
              <Info className="size-4" aria-hidden />
              {t('campaigns.wizard.noBlank')}
            </p>
          ) : (
            <ul className="space-y-1 text-sm">
              {blanks.map(([name, n]) => (
                <li key={name} className="flex justify-between gap-3">
                  <code className="text-ink">{`{{${name}}}`}</code>
                  <span className="text-amber-800 tabular">{t('campaigns.wizard.blankN', { count: n, n: formatNumber(n) })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function Figure({ label, value, help }: { label: string; value: string; help?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-line p-3">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-ink tabular">{value}</dd>
      {help && <dd className="mt-1 text-xs text-muted">{help}</dd>}
    </div>
  );
}
