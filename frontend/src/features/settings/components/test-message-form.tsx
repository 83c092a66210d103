import { zodResolver } from '@hookform/resolvers/zod';
import { CheckCircle2, XCircle } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reportFormError } from '@/shared/api/report-form-error';
import type { TestMessageResponse } from '@/shared/api/types';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Textarea } from '@/shared/components/ui/input';
import { testMessageSchema, useSendTestMessage, type TestMessageInput } from '../api/send-test-message';

export function TestMessageForm() {
  const { t, i18n } = useTranslation();
  const send = useSendTestMessage();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<TestMessageInput>({
    resolver: zodResolver(testMessageSchema),
    defaultValues: { to: '', body: t('settings.testDefault') },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await send.mutateAsync(values);
    } catch (error) {
      reportFormError(error, ['to', 'body'] as const, setError, t('errors.generic'));
    }
  });
  const msg = (m?: string) => (m ? t(m, { max: 1600 }) : undefined);
  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormField label={t('settings.to')} error={msg(errors.to?.message)}>
          <Input type="tel" inputMode="tel" placeholder="+33612345678" autoComplete="off" {...register('to')} />
        </FormField>
        <FormField label={t('settings.body')} error={msg(errors.body?.message)}>
          <Textarea rows={3} {...register('body')} />
        </FormField>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t('settings.sending') : t('settings.send')}
        </Button>
      </form>
      {send.data && <Outcome result={send.data} english={i18n.language === 'en'} />}
    </div>
  );
}

function Outcome({ result, english }: { result: TestMessageResponse; english: boolean }) {
  const { t } = useTranslation();
  const accepted = result.outcome === 'accepted' || (!result.errorCode && Boolean(result.sid));
  if (accepted) {
    return (
      <div role="status" className="flex gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm">
        <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-primary-strong" aria-hidden />
        <div>
          <p className="font-medium text-emerald-900">{t('settings.accepted')}</p>
          <p className="mt-1 text-emerald-800">{t('settings.acceptedText', { sid: result.sid ?? '—', status: result.status ?? '—' })}</p>
        </div>
      </div>
    );
  }
  const x = result.explanation;
  const title = (english ? x?.titleEn : x?.titleFr) ?? result.message ?? t('settings.failed');
  const fix = english ? x?.fixEn : x?.fixFr;
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm">
      <XCircle className="mt-0.5 size-5 shrink-0 text-danger-strong" aria-hidden />
      <div className="space-y-1.5">
        <p className="font-medium text-red-900">
          {t('settings.failed')} — {title}
        </p>
        {result.errorCode != null && <p className="text-red-800">{t('settings.errorCode', { code: result.errorCode })}</p>}
        {result.message && result.message !== title && <p className="text-red-800">{result.message}</p>}
        {fix && (
          <p className="text-red-900">
            <span className="font-medium">{t('settings.fix')}</span> {fix}
          </p>
        )}
        {x?.retry && <p className="text-red-800">{t(`settings.retry.${x.retry}`)}</p>}
        {x?.moreInfo && (
          <a href={x.moreInfo} target="_blank" rel="noreferrer" className="font-medium text-red-900 underline underline-offset-2">
            {t('settings.more')}
          </a>
        )}
      </div>
    </div>
  );
}
