import { useTranslation } from 'react-i18next';
import type { Limits, Quota, WhatsAppSettings } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { CopyButton } from '@/shared/components/ui/copy-button';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { formatDateTime, formatNumber, formatPercent, formatWait } from '@/shared/lib/format';
import { useLimits, useQuota, useWhatsAppSettings } from '../api/get-settings';
import { TestMessageForm } from '../components/test-message-form';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 text-ink">{children}</dd>
    </div>
  );
}

function LoadingCard() {
  return (
    <Card className="space-y-4 p-5">
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-2/3" />
    </Card>
  );
}

const levelTone = { OK: 'success', ATTENTION: 'warning', DANGER: 'danger', BLOCKED: 'danger' } as const;

export default function SettingsPage({ canSendTest }: { canSendTest: boolean }) {
  const { t, i18n } = useTranslation();
  const settings = useWhatsAppSettings();
  const quota = useQuota();
  const limits = useLimits();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <div className="min-w-0 space-y-6">
          {settings.isPending ? (
            <LoadingCard />
          ) : settings.isError ? (
            <Card>
              <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
            </Card>
          ) : (
            <Connection s={settings.data} english={i18n.language === 'en'} />
          )}
        </div>
        <div className="min-w-0 space-y-6">
          {quota.isPending ? (
            <LoadingCard />
          ) : quota.isError ? (
            <Card>
              <ErrorState error={quota.error} onRetry={() => void quota.refetch()} />
            </Card>
          ) : (
            <LimitsCard q={quota.data} limits={limits.data} />
          )}
          <Card>
            <CardHeader title={t('settings.test')} description={t('settings.testHelp')} />
            <div className="p-5">{canSendTest ? <TestMessageForm /> : <p className="text-sm text-muted">{t('settings.superOnly')}</p>}</div>
          </Card>
        </div>
      </div>
    </>
  );
}

function Connection({ s, english }: { s: WhatsAppSettings; english: boolean }) {
  const { t } = useTranslation();
  const provider = s.provider ?? 'simulator';
  return (
    <>
      <Card>
        <CardHeader title={t('settings.provider')} />
        <dl className="divide-y divide-line px-5">
          <Row label={t('settings.provider')}>
            <Badge tone={provider === 'twilio_production' ? 'success' : 'warning'}>{t(`settings.providers.${provider}`, { defaultValue: provider })}</Badge>
          </Row>
          <Row label={t('settings.sender')}>
            <span className="font-mono text-xs">{s.sender ?? '—'}</span>
          </Row>
          {s.accountSid && (
            <Row label={t('settings.account')}>
              <span className="font-mono text-xs">{s.accountSid}</span>
            </Row>
          )}
        </dl>
      </Card>
      <Card>
        <CardHeader title={t('settings.webhook')} description={t('settings.webhookHelp')} />
        <div className="space-y-4 p-5">
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded-lg border border-line bg-page px-3 py-2 text-xs" title={s.webhookUrl}>
              {s.webhookUrl}
            </code>
            {s.webhookUrl && <CopyButton value={s.webhookUrl} />}
          </div>
          <dl className="divide-y divide-line">
            <Row label={t('settings.signature')}>
              <Badge tone={s.signatureCheck ? 'success' : 'warning'}>{s.signatureCheck ? t('settings.signatureOn') : t('settings.signatureOff')}</Badge>
            </Row>
            <Row label={t('settings.lastWebhook')}>
              {s.lastWebhookAt ? (
                <span className="flex flex-wrap items-center gap-2">
                  <span className="tabular">{formatDateTime(s.lastWebhookAt)}</span>
                  {s.lastWebhookKind && <span className="text-muted">({t(`settings.kinds.${s.lastWebhookKind}`, { defaultValue: s.lastWebhookKind })})</span>}
                  {s.lastWebhookValid != null && (
                    <Badge tone={s.lastWebhookValid ? 'success' : 'danger'}>{s.lastWebhookValid ? t('settings.webhookValid') : t('settings.webhookInvalid')}</Badge>
                  )}
                </span>
              ) : (
                <span className="text-muted">{t('settings.noWebhook')}</span>
              )}
            </Row>
          </dl>
        </div>
      </Card>
      {s.sandbox && (
        <Card>
          <CardHeader title={t('settings.sandbox')} />
          <div className="space-y-3 p-5 text-sm">
            <p className="rounded-lg bg-emerald-50 p-3 text-emerald-900">{english ? s.sandbox.instructionsEn : s.sandbox.instructionsFr}</p>
            <dl className="divide-y divide-line">
              <Row label={t('settings.sandboxNumber')}>
                <span className="font-mono text-xs">{s.sandbox.number}</span>
              </Row>
              {s.sandbox.joinCode && (
                <Row label={t('settings.joinCode')}>
                  <span className="flex items-center gap-2">
                    <code className="rounded bg-page px-2 py-1 text-xs">join {s.sandbox.joinCode}</code>
                    <CopyButton value={`join ${s.sandbox.joinCode}`} />
                  </span>
                </Row>
              )}
            </dl>
          </div>
        </Card>
      )}
    </>
  );
}

function LimitsCard({ q, limits }: { q: Quota; limits?: Limits }) {
  const { t } = useTranslation();
  const used = q.used ?? 0;
  const limit = q.limit ?? 0;
  const ratio = limit > 0 ? Math.min(1, used / limit) : 0;
  const level = (q.level ?? 'OK') as keyof typeof levelTone;
  const bar = { OK: 'bg-primary', ATTENTION: 'bg-warning', DANGER: 'bg-danger', BLOCKED: 'bg-danger-strong' }[level];
  return (
    <Card>
      <CardHeader title={t('settings.limits')} />
      <div className="space-y-3 p-5">
        <div className="flex items-center justify-between text-sm">
          <span className="text-muted">{t('settings.quotaUsed')}</span>
          <Badge tone={levelTone[level]}>{t(`settings.levels.${level}`)}</Badge>
        </div>
        <div className="h-2.5 overflow-hidden rounded-full bg-gray-100" role="meter" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used} aria-label={t('settings.quotaUsed')}>
          <div className={`h-full rounded-full ${bar}`} style={{ width: `${ratio * 100}%` }} />
        </div>
        <p className="text-sm text-ink tabular">
          {t('settings.quotaLine', { used: formatNumber(used), limit: formatNumber(limit), remaining: formatNumber(q.remaining ?? limit - used) })}
        </p>
        <dl className="divide-y divide-line">
          <Row label={t('settings.timeZone')}>{q.timeZone ?? '—'}</Row>
          {limits && (
            <>
              <Row label={t('settings.pacing')}>
                {limits.pacing.messagesPerSecond > 0
                  ? t('settings.perSecond', { rate: formatNumber(limits.pacing.messagesPerSecond, 2) })
                  : t('settings.unpaced')}
              </Row>
              <Row label={t('settings.sandboxPreset')}>
                {t('settings.sandboxPresetValue', { seconds: formatNumber(limits.sandboxPreset.minDelayMs / 1000, 0) })}
                {limits.sandboxMode && <> · <Badge tone="warning">{t('settings.inForce')}</Badge></>}
              </Row>
              <Row label={t('settings.autoPause')}>
                {t('settings.autoPauseValue', {
                  share: formatPercent(limits.pacing.failureRateThreshold, 0),
                  window: formatNumber(limits.pacing.failureRateWindow),
                })}
              </Row>
              <Row label={t('settings.replyWindow')}>{t('settings.hours', { count: limits.replyWindowHours })}</Row>
              <Row label={t('settings.price')}>
                {formatNumber(limits.pricePerMessage, 4)} {limits.currency}
              </Row>
              <Row label={t('settings.retries')}>
                {limits.retryBackoffSeconds.map((s) => formatWait(s)).join(' · ')}
              </Row>
            </>
          )}
        </dl>
      </div>
    </Card>
  );
}
