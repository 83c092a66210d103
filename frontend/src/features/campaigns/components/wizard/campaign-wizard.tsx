import { zodResolver } from '@hookform/resolvers/zod';
import { Check, Save, Send, Users } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, fieldName, isApiError } from '@/shared/api/problem';
import { Button } from '@/shared/components/ui/button';
import { Card } from '@/shared/components/ui/card';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Select } from '@/shared/components/ui/input';
import { toast } from '@/shared/components/ui/toast';
import { formatNumber } from '@/shared/lib/format';
import { api, unwrap } from '@/shared/api/client';
import { useContactSearch, useDraftPreflight, useDraftPreview, useLimits } from '../../api/lookups';
import { useSaveCampaign } from '../../api/mutations';
import type { Campaign, CampaignRequest } from '../../api/types';
import { TIME_ZONES } from '../../lib/campaign-math';
import { MessageEditor } from './message-editor';
import { etaSentence, PresendCheck } from './presend-check';
import { RecipientsPicker } from './recipients-picker';
import { TemplatePicker } from './template-picker';
import { WhatsAppBubble } from './whatsapp-preview';
import { defaultValues, STEP_FIELDS, STEPS, toRequest, wizardSchema, type WizardValues } from './form';
import '../../i18n';

interface Props {
  initial?: Campaign;
  /** Labels of the initial campaign's hand-picked contacts (id → name), when known. */
  contactLabels?: Record<string, string>;
  /** Launched now, or scheduled: the campaign's page comes next. */
  onLaunched: (c: Campaign) => void;
  /** Whether leaving now would lose work (the page asks before leaving). */
  onDirtyChange: (dirty: boolean) => void;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- compared by content, not identity
  }, [key, ms]);
  return v;
}

const SERVER_FIELDS = ['name', 'categoryIds', 'message1Body', 'message1ContentSid', 'message2Body', 'date', 'timeZone', 'messagesPerSecond', 'minDelayMs', 'batchSize', 'batchPauseSeconds', 'failureRateWindow'] as const;
const RENAMED: Record<string, (typeof SERVER_FIELDS)[number]> = { contactIds: 'categoryIds', scheduledAt: 'date', failureRateThreshold: 'failureRateWindow', message1Variables: 'message1ContentSid' };

export function CampaignWizard({ initial, contactLabels, onLaunched, onDirtyChange }: Props) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState(0);
  const [savedId, setSavedId] = useState<string | undefined>(initial?.id as string | undefined);
  const [hadSchedule, setHadSchedule] = useState(Boolean(initial?.scheduledAt));
  const limits = useLimits();
  const save = useSaveCampaign();
  const form = useForm<WizardValues>({ resolver: zodResolver(wizardSchema), defaultValues: defaultValues(initial, contactLabels), mode: 'onChange' });
  const { register, control, trigger, setValue, getValues, reset, setError, formState } = form;
  const { errors, isDirty } = formState;
  // The whole form, re-read on every change (summary, previews, the live count).
  const values = { ...getValues(), ...useWatch({ control }) } as WizardValues;
  const preset = limits.data?.sandboxPreset;

  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);

  const draftBody = useDebounced(toRequest(values, preset), 400);
  const hasRecipients = (draftBody.categoryIds?.length ?? 0) + (draftBody.contactIds?.length ?? 0) > 0;
  const preflight = useDraftPreflight(draftBody, hasRecipients);

  const err = (name: string): string | undefined => {
    const e = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], errors) as { message?: string } | undefined;
    return e?.message ? t(e.message) : undefined;
  };

  async function next() {
    const ok = await trigger(STEP_FIELDS[step] as unknown as FieldPath<WizardValues>[]);
    if (ok) setStep((s) => Math.min(STEPS.length - 1, s + 1));
  }

  async function goTo(target: number) {
    if (target <= step) return setStep(target);
    for (let s = step; s < target; s++) {
      if (!(await trigger(STEP_FIELDS[s] as unknown as FieldPath<WizardValues>[]))) return setStep(s);
    }
    setStep(target);
  }

  function bodyFor(v: WizardValues, schedule: boolean): CampaignRequest {
    const body = toRequest(v, preset, schedule);
    // Saved with a date before and "now" (or a plain draft) today: null takes the date away.
    if (hadSchedule && !body.scheduledAt) (body as Record<string, unknown>).scheduledAt = null;
    return body;
  }

  function showServerErrors(error: unknown) {
    if (!isApiError(error) || error.fieldErrors.length === 0) {
      toast.problem(error, t('errors.generic'));
      return;
    }
    // The API's names for fields the wizard shows elsewhere (contactIds beside the categories…).
    const named = error.fieldErrors.map((fe) => {
      const root = fieldName(fe.field)?.split('[')[0] ?? '';
      return RENAMED[root] ?? root;
    });
    const { mapped } = applyFieldErrors(error, SERVER_FIELDS, setError);
    error.fieldErrors.forEach((fe, i) => {
      const target = named[i];
      if (target && target !== fieldName(fe.field)) setError(target as (typeof SERVER_FIELDS)[number], { type: 'server', message: fe.message ?? fe.code ?? '' });
    });
    if (mapped === 0 && !named.some((n) => (SERVER_FIELDS as readonly string[]).includes(n))) toast.problem(error, t('errors.generic'));
    const firstBad = STEP_FIELDS.findIndex((fields) => (fields as readonly string[]).some((f) => named.includes(f)));
    if (firstBad >= 0) setStep(firstBad);
  }

  async function saveDraft() {
    if (!(await trigger(['name', 'categoryIds']))) return setStep(0);
    const v = getValues();
    try {
      const c = await save.mutateAsync({ id: savedId, body: bodyFor(v, false) });
      setSavedId(c.id as string);
      setHadSchedule(false);
      reset(v);
      toast.success(t('campaigns.wizard.draftSaved', { name: c.name }));
    } catch (e) {
      showServerErrors(e);
    }
  }

  async function launch() {
    if (!(await trigger())) {
      const bad = STEP_FIELDS.findIndex((fields) => fields.some((f) => err(f)));
      setStep(bad >= 0 ? bad : 0);
      return;
    }
    const v = getValues();
    try {
      let c = await save.mutateAsync({ id: savedId, body: bodyFor(v, true) });
      setSavedId(c.id as string);
      if (v.when === 'now') c = await unwrap(api.POST('/api/campaigns/{id}/launch', { params: { path: { id: c.id as string } } }));
      onDirtyChange(false);
      reset(v);
      toast.success(t(v.when === 'now' ? 'campaigns.wizard.launched' : 'campaigns.wizard.scheduled', { name: c.name }));
      onLaunched(c);
    } catch (e) {
      showServerErrors(e);
    }
  }

  const p = preflight.data;
  const eta = p && hasRecipients ? etaSentence(p, t, i18n.language) : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-4">
        <ol className="flex flex-wrap gap-2" aria-label={t('campaigns.wizard.steps')}>
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                onClick={() => void goTo(i)}
                aria-current={i === step ? 'step' : undefined}
                className={`inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium ${i === step ? 'border-primary bg-emerald-50 text-primary-strong' : i < step ? 'border-line bg-white text-ink' : 'border-line bg-white text-muted'}`}
              >
                <span className={`inline-flex size-5 items-center justify-center rounded-full text-xs ${i < step ? 'bg-primary text-white' : i === step ? 'bg-primary-strong text-white' : 'bg-gray-100'}`}>
                  {i < step ? <Check className="size-3" aria-hidden /> : i + 1}
                </span>
                {t(`campaigns.wizard.step.${s}`)}
              </button>
            </li>
          ))}
        </ol>

        <Card className="p-5">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void (step < STEPS.length - 1 ? next() : launch());
            }}
            aria-label={t(`campaigns.wizard.step.${STEPS[step]}`)}
          >
            <h2 className="mb-4 text-lg font-semibold text-ink">{t(`campaigns.wizard.step.${STEPS[step]}`)}</h2>
            {step === 0 && (
              <div className="space-y-5">
                <FormField label={t('campaigns.wizard.name')} error={err('name')}>
                  <Input {...register('name')} placeholder={t('campaigns.wizard.namePlaceholder')} />
                </FormField>
                <Controller
                  control={control}
                  name="categoryIds"
                  render={({ field: categories }) => (
                    <Controller
                      control={control}
                      name="contacts"
                      render={({ field: contacts }) => (
                        <RecipientsPicker
                          categoryIds={categories.value}
                          contacts={contacts.value}
                          onCategories={(ids) => {
                            categories.onChange(ids);
                            if (errors.categoryIds) void trigger('categoryIds');
                          }}
                          onContacts={(c) => {
                            contacts.onChange(c);
                            if (errors.categoryIds) void trigger('categoryIds');
                          }}
                          error={err('categoryIds')}
                        />
                      )}
                    />
                  )}
                />
              </div>
            )}

            {step === 1 && (
              <div className="space-y-6">
                <fieldset>
                  <legend className="mb-2 text-sm font-medium text-ink">{t('campaigns.wizard.message1')}</legend>
                  <div className="mb-3 flex gap-2" role="radiogroup" aria-label={t('campaigns.wizard.message1Kind')}>
                    {(['text', 'template'] as const).map((m) => (
                      <label key={m} className={`flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${values.message1Mode === m ? 'border-primary bg-emerald-50' : 'border-line'}`}>
                        <input type="radio" value={m} className="accent-emerald-600" {...register('message1Mode')} />
                        {t(`campaigns.wizard.mode.${m}`)}
                      </label>
                    ))}
                  </div>
                  {values.message1Mode === 'text' ? (
                    <Controller
                      control={control}
                      name="message1Body"
                      render={({ field }) => (
                        <MessageEditor label={t('campaigns.wizard.message1Text')} value={field.value} onChange={field.onChange} error={err('message1Body')} hint={t('campaigns.wizard.message1Hint')} />
                      )}
                    />
                  ) : (
                    <TemplatePicker
                      sid={values.message1ContentSid}
                      variables={values.message1Variables}
                      onChange={(sid, vars) => {
                        setValue('message1ContentSid', sid, { shouldDirty: true });
                        setValue('message1Variables', vars, { shouldDirty: true });
                      }}
                      errors={{
                        sid: errors.message1ContentSid?.message,
                        variables: Object.fromEntries(Object.keys(values.message1Variables).map((k) => [k, (errors.message1Variables as Record<string, { message?: string }> | undefined)?.[k]?.message])),
                      }}
                    />
                  )}
                </fieldset>
                <fieldset className="space-y-3">
                  <legend className="sr-only">{t('campaigns.wizard.message2')}</legend>
                  <label className="flex items-center gap-2 text-sm font-medium text-ink">
                    <input type="checkbox" className="size-4 accent-emerald-600" {...register('withMessage2')} />
                    {t('campaigns.wizard.withMessage2')}
                  </label>
                  {values.withMessage2 && (
                    <Controller
                      control={control}
                      name="message2Body"
                      render={({ field }) => (
                        <MessageEditor label={t('campaigns.wizard.message2Text')} value={field.value} onChange={field.onChange} error={err('message2Body')} hint={t('campaigns.wizard.message2Hint', { hours: limits.data?.replyWindowHours ?? 24 })} />
                      )}
                    />
                  )}
                </fieldset>
              </div>
            )}

            {step === 2 && (
              <div className="space-y-6">
                <fieldset>
                  <legend className="mb-2 text-sm font-medium text-ink">{t('campaigns.wizard.when')}</legend>
                  <div className="flex flex-wrap gap-2">
                    {(['now', 'later'] as const).map((w) => (
                      <label key={w} className={`flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${values.when === w ? 'border-primary bg-emerald-50' : 'border-line'}`}>
                        <input type="radio" value={w} className="accent-emerald-600" {...register('when')} />
                        {t(`campaigns.wizard.when_${w}`)}
                      </label>
                    ))}
                  </div>
                  {values.when === 'later' && (
                    <div className="mt-3 grid gap-3 sm:grid-cols-3">
                      <FormField label={t('campaigns.wizard.date')} error={err('date')}>
                        <Input type="date" {...register('date')} />
                      </FormField>
                      <FormField label={t('campaigns.wizard.time')} error={err('time')}>
                        <Input type="time" {...register('time')} />
                      </FormField>
                      <FormField label={t('campaigns.wizard.timeZone')}>
                        <Select {...register('timeZone')}>
                          {[...new Set([values.timeZone, ...TIME_ZONES])].map((z) => (
                            <option key={z} value={z}>
                              {z}
                            </option>
                          ))}
                        </Select>
                      </FormField>
                    </div>
                  )}
                </fieldset>

                <fieldset>
                  <legend className="mb-2 text-sm font-medium text-ink">{t('campaigns.wizard.pacing')}</legend>
                  <div className="grid gap-2 sm:grid-cols-3">
                    {(['default', 'sandbox', 'custom'] as const).map((m) => (
                      <label key={m} className={`flex cursor-pointer items-start gap-2 rounded-lg border p-3 text-sm ${values.pacing === m ? 'border-primary bg-emerald-50' : 'border-line'}`}>
                        <input type="radio" value={m} className="mt-0.5 accent-emerald-600" {...register('pacing')} />
                        <span>
                          <span className="block font-medium text-ink">{t(`campaigns.wizard.pacing_${m}`)}</span>
                          <span className="block text-xs text-muted">
                            {m === 'default'
                              ? t('campaigns.wizard.pacingDefaultHelp', { rate: limits.data ? formatNumber(limits.data.pacing.messagesPerSecond, 2) : '…' })
                              : m === 'sandbox'
                                ? t('campaigns.wizard.pacingSandboxHelp', { seconds: preset ? formatNumber(preset.minDelayMs / 1000, 1) : '3' })
                                : t('campaigns.wizard.pacingCustomHelp')}
                          </span>
                        </span>
                      </label>
                    ))}
                  </div>
                  {values.pacing === 'custom' && (
                    <div className="mt-3 grid gap-3 sm:grid-cols-3">
                      <FormField label={t('campaigns.wizard.messagesPerSecond')} error={err('messagesPerSecond')}>
                        <Input type="number" step="0.01" min="0.01" inputMode="decimal" {...register('messagesPerSecond')} />
                      </FormField>
                      <FormField label={t('campaigns.wizard.minDelayMs')} error={err('minDelayMs')}>
                        <Input type="number" min="0" {...register('minDelayMs')} />
                      </FormField>
                      <div />
                      <FormField label={t('campaigns.wizard.batchSize')} error={err('batchSize')}>
                        <Input type="number" min="1" {...register('batchSize')} />
                      </FormField>
                      <FormField label={t('campaigns.wizard.batchPauseSeconds')} error={err('batchPauseSeconds')}>
                        <Input type="number" min="0" {...register('batchPauseSeconds')} />
                      </FormField>
                      <div />
                      <FormField
                        label={t('campaigns.wizard.failureRatePercent')}
                        error={err('failureRatePercent')}
                        hint={limits.data ? t('campaigns.wizard.defaultIs', { v: formatNumber(limits.data.pacing.failureRateThreshold * 100) }) : undefined}
                      >
                        <Input type="number" min="1" max="100" {...register('failureRatePercent')} />
                      </FormField>
                      <FormField
                        label={t('campaigns.wizard.failureRateWindow')}
                        error={err('failureRateWindow')}
                        hint={limits.data ? t('campaigns.wizard.defaultIs', { v: formatNumber(limits.data.pacing.failureRateWindow) }) : undefined}
                      >
                        <Input type="number" min="5" {...register('failureRateWindow')} />
                      </FormField>
                    </div>
                  )}
                  <p className="mt-3 text-sm text-ink" aria-live="polite" data-testid="pacing-consequence">
                    {eta ? t('campaigns.wizard.consequence', { n: formatNumber(p?.recipients ?? 0), eta }) : t('campaigns.wizard.consequenceNone')}
                  </p>
                </fieldset>
              </div>
            )}

            {step === 3 && (
              <div className="space-y-6">
                <PresendCheck preflight={hasRecipients ? p : undefined} error={preflight.error} onRetry={() => void preflight.refetch()} />
                <Previews values={values} body={draftBody} />
              </div>
            )}

            <div className="mt-6 flex flex-wrap justify-between gap-3 border-t border-line pt-4">
              <Button variant="secondary" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
                {t('common.previous')}
              </Button>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => void saveDraft()} disabled={save.isPending}>
                  <Save className="size-4" aria-hidden />
                  {t('campaigns.wizard.saveDraft')}
                </Button>
                {step < STEPS.length - 1 ? (
                  <Button type="submit">{t('common.next')}</Button>
                ) : (
                  <Button type="submit" disabled={save.isPending || !p || p.recipients === 0}>
                    <Send className="size-4" aria-hidden />
                    {values.when === 'now' ? t('campaigns.wizard.launchNow') : t('campaigns.wizard.schedule')}
                  </Button>
                )}
              </div>
            </div>
          </form>
        </Card>
      </div>

      <aside aria-label={t('campaigns.wizard.summary')} className="lg:sticky lg:top-20 lg:self-start">
        <Card className="space-y-3 p-5">
          <h2 className="text-sm font-semibold text-ink">{t('campaigns.wizard.summary')}</h2>
          <div className="flex items-center gap-3" aria-live="polite">
            <Users className="size-5 text-primary-strong" aria-hidden />
            <p className="text-sm text-ink" data-testid="recipient-count">
              {hasRecipients && p ? (
                <>
                  <span className="text-2xl font-semibold tabular">{formatNumber(p.recipients)}</span> {t('campaigns.wizard.recipientsWord', { count: p.recipients })}
                </>
              ) : (
                <span className="text-muted">{t('campaigns.wizard.noRecipientsYet')}</span>
              )}
            </p>
          </div>
          {hasRecipients && p && p.contactsInCategories !== p.recipients && (
            <p className="text-xs text-muted">{t('campaigns.wizard.afterExclusions', { n: formatNumber(p.contactsInCategories - p.recipients) })}</p>
          )}
          {eta && <p className="text-sm text-muted">{t('campaigns.wizard.etaShort', { eta })}</p>}
          {savedId && !isDirty && <p className="text-xs text-primary-strong">{t('campaigns.wizard.upToDate')}</p>}
        </Card>
      </aside>
    </div>
  );
}

/** WhatsApp-style Message 1 and Message 2 for one real recipient, chosen among the campaign's. */
function Previews({ values, body }: { values: WizardValues; body: CampaignRequest }) {
  const { t } = useTranslation();
  const firstCategory = values.categoryIds[0];
  const inCategory = useContactSearch('', firstCategory);
  const candidates = useMemo(() => {
    const list = values.contacts.map((c) => ({ id: c.id, label: c.label }));
    for (const c of firstCategory ? (inCategory.data ?? []) : [])
      if (!list.some((x) => x.id === c.id)) list.push({ id: c.id as string, label: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.phone });
    return list;
  }, [values.contacts, inCategory.data, firstCategory]);
  const [chosen, setChosen] = useState<string | undefined>();
  const contactId = chosen && candidates.some((c) => c.id === chosen) ? chosen : candidates[0]?.id;
  const preview = useDraftPreview(body, contactId);
  const pv = preview.data;
  return (
    <section aria-label={t('campaigns.wizard.previews')} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h3 className="text-sm font-semibold text-ink">{t('campaigns.wizard.previews')}</h3>
        {candidates.length > 0 && (
          <label className="flex items-center gap-2 text-sm text-muted">
            {t('campaigns.wizard.previewFor')}
            <Select className="h-9 w-56" value={contactId} onChange={(e) => setChosen(e.target.value)}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </Select>
          </label>
        )}
      </div>
      {preview.isError ? (
        <p role="alert" className="text-sm text-danger-strong">
          {t('campaigns.wizard.previewFailed')}
        </p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          <WhatsAppBubble
            title={t('campaigns.kind.message_1')}
            text={pv ? (pv.message1Body ?? (pv.message1ContentSid ? t('campaigns.detail.template', { sid: pv.message1ContentSid }) : null)) : null}
            blank={pv?.blankVariables}
          />
          <WhatsAppBubble title={t('campaigns.wizard.message2IfReply')} text={values.withMessage2 ? (pv?.message2Body ?? null) : t('campaigns.detail.noMessage2')} />
        </div>
      )}
    </section>
  );
}
