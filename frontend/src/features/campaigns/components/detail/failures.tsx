import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '@/shared/api/client';
import type { ErrorCodeExplanation } from '@/shared/api/types';
import { formatNumber } from '@/shared/lib/format';
import type { CampaignStats } from '../../api/types';
import '../../i18n';

const useErrorCodes = () =>
  useQuery({
    queryKey: ['whatsapp', 'error-codes'],
    queryFn: (): Promise<ErrorCodeExplanation[]> => unwrap(api.GET('/api/whatsapp/error-codes')),
    staleTime: Infinity,
  });

/** Failures grouped by Twilio error code: how many, what it means, what to do. */
export function FailuresByCode({ failures, onShow }: { failures: CampaignStats['failures']; onShow: (code: number) => void }) {
  const { t, i18n } = useTranslation();
  const codes = useErrorCodes();
  const en = i18n.language === 'en';
  if (failures.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted">
        <CheckCircle2 className="size-4 text-primary-strong" aria-hidden />
        {t('campaigns.detail.noFailures')}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-line">
      {failures.map((f) => {
        const known = codes.data?.find((c) => c.code === f.errorCode);
        return (
          <li key={f.errorCode} className="flex gap-3 py-3 first:pt-0 last:pb-0" data-code={f.errorCode}>
            <AlertTriangle className="mt-0.5 size-5 shrink-0 text-danger" aria-hidden />
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-ink">
                {t('campaigns.detail.failureCount', { count: f.count, n: formatNumber(f.count) })} · {t('campaigns.detail.code', { code: f.errorCode })}
                {known && <span> — {en ? known.titleEn : known.titleFr}</span>}
              </p>
              {(!known || f.explanation !== (en ? known.fixEn : known.fixFr)) && <p className="mt-0.5 text-muted">{f.explanation}</p>}
              {known && (
                <p className="mt-1 text-ink">
                  <span className="font-medium">{t('campaigns.detail.fix')}</span> {en ? known.fixEn : known.fixFr}
                </p>
              )}
              <button type="button" className="mt-1 text-sm font-medium text-primary-strong underline underline-offset-4" onClick={() => onShow(f.errorCode)}>
                {t('campaigns.detail.showFailed')}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
