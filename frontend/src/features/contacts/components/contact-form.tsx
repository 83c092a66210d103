import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, CheckCircle2, Loader2, Plus, Trash2, Wrench } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { reportFormError } from '@/shared/api/report-form-error';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Select, Textarea } from '@/shared/components/ui/input';
import { toast } from '@/shared/components/ui/toast';
import { checkNumber, useCategoryOptions, useSaveContact, type Contact, type NumberCheck } from '../api/contacts';
import { COUNTRIES, countryName } from './countries';
import '../i18n';

const schema = z
  .object({
    phone: z.string().trim().min(1, 'contacts.form.phoneRequired').max(50, 'validation.max'),
    country: z.string(),
    firstName: z.string().trim().max(100, 'validation.max'),
    lastName: z.string().trim().max(100, 'validation.max'),
    notes: z.string().max(2000, 'validation.max'),
    categoryIds: z.array(z.string()),
    attributes: z.array(z.object({ key: z.string().trim().max(100, 'validation.max'), value: z.string().max(1000, 'validation.max') })),
    optedOut: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.attributes.forEach((a, i) => {
      if (!a.key && a.value) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'key'], message: 'contacts.form.keyRequired' });
      if (a.key && seen.has(a.key)) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'key'], message: 'contacts.form.keyDuplicate' });
      seen.add(a.key);
    });
  });
type FormValues = z.infer<typeof schema>;
const FIELDS = ['phone', 'country', 'firstName', 'lastName', 'notes', 'categoryIds', 'attributes', 'optedOut'] as const;

/** The server's verdict on the number being typed (debounced 350 ms, the previous request aborted). */
export function useNumberCheck(phone: string, country: string) {
  const [debounced, setDebounced] = useState({ phone, country });
  useEffect(() => {
    const timer = setTimeout(() => setDebounced({ phone: phone.trim(), country }), 350);
    return () => clearTimeout(timer);
  }, [phone, country]);
  return useQuery({
    queryKey: ['contacts', 'number-check', debounced.phone, debounced.country],
    queryFn: ({ signal }) => checkNumber(debounced.phone, debounced.country, signal),
    enabled: debounced.phone.length > 0,
    staleTime: 60_000,
    retry: false,
  });
}

function NumberVerdict({ check, pending, contactId }: { check?: NumberCheck; pending: boolean; contactId?: string }) {
  const { t } = useTranslation();
  if (pending) {
    return (
      <p className="flex items-center gap-1.5 text-xs text-muted">
        <Loader2 className="size-3.5 animate-spin" aria-hidden />
        {t('contacts.form.checking')}
      </p>
    );
  }
  if (!check || !check.valid) return null;
  const existing = check.existingContactId && check.existingContactId !== contactId ? check.existingContactId : undefined;
  return (
    <div className="space-y-1 text-sm">
      {check.repaired ? (
        <p className="flex items-start gap-1.5 text-amber-800">
          <Wrench className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            <span className="font-medium">{t('contacts.form.repaired', { e164: check.e164 })}</span>
            {check.repairReason && <span className="block text-xs">{check.repairReason}</span>}
          </span>
        </p>
      ) : (
        <p className="flex items-center gap-1.5 text-emerald-800">
          <CheckCircle2 className="size-4 shrink-0" aria-hidden />
          {t('contacts.form.willSave', { e164: check.e164 })}
        </p>
      )}
      {existing && (
        <p className="flex items-center gap-1.5 text-amber-800">
          <AlertTriangle className="size-4 shrink-0" aria-hidden />
          {t('contacts.form.existing')}{' '}
          <a href={`/contacts/${existing}`} className="font-medium underline underline-offset-2">
            {t('contacts.form.openExisting')}
          </a>
        </p>
      )}
    </div>
  );
}

/** Create (no contact) or edit a contact. The number is checked live by the server's own rules. */
export function ContactForm({ contact, onDone }: { contact?: Contact; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveContact();
  const categories = useCategoryOptions();
  const { register, handleSubmit, setError, control, formState: { errors, isSubmitting } } = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      phone: contact?.phone ?? '',
      country: contact?.country ?? 'FR',
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      notes: contact?.notes ?? '',
      categoryIds: contact?.categories.map((c) => c.id as string) ?? [],
      attributes: Object.entries((contact?.attributes ?? {}) as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value ?? '') })),
      optedOut: contact?.optedOut ?? false,
    },
  });
  const attributes = useFieldArray({ control, name: 'attributes' });
  const phone = useWatch({ control, name: 'phone' });
  const country = useWatch({ control, name: 'country' });
  const check = useNumberCheck(phone, country);
  const typing = phone.trim() !== '' && (check.isFetching || check.isPending);
  // The server's refusal shows under the field while typing; a submit error takes precedence.
  const liveError = check.data && !check.data.valid && phone.trim() ? check.data.message : undefined;
  const msg = (m?: string) => (m ? t(m, { max: 100 }) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    const input = {
      phone: values.phone,
      country: values.country || undefined,
      firstName: values.firstName || undefined,
      lastName: values.lastName || undefined,
      notes: values.notes || undefined,
      categoryIds: values.categoryIds,
      attributes: Object.fromEntries(values.attributes.filter((a) => a.key).map((a) => [a.key, a.value])),
      optedOut: contact ? values.optedOut : undefined,
    };
    try {
      const saved = await save.mutateAsync({ id: contact?.id as string | undefined, input });
      toast.success(t(contact ? 'contacts.updated' : 'contacts.created', { phone: saved.phone }));
      onDone();
    } catch (error) {
      reportFormError(error, FIELDS, setError as never, t('errors.generic'));
    }
  });

  const lang = i18n.language;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_11rem]">
        <div className="space-y-1.5">
          <FormField label={t('contacts.form.phone')} hint={liveError ? undefined : t('contacts.form.phoneHint')} error={msg(errors.phone?.message) ?? liveError}>
            <Input type="tel" autoComplete="off" inputMode="tel" {...register('phone')} />
          </FormField>
          <div aria-live="polite">
            <NumberVerdict check={check.data} pending={typing} contactId={contact?.id as string | undefined} />
          </div>
        </div>
        <FormField label={t('contacts.form.country')} hint={t('contacts.form.countryHint')} error={msg(errors.country?.message)}>
          <Select {...register('country')}>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {countryName(c, lang)} ({c})
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t('contacts.form.firstName')} error={msg(errors.firstName?.message)}>
          <Input autoComplete="off" {...register('firstName')} />
        </FormField>
        <FormField label={t('contacts.form.lastName')} error={msg(errors.lastName?.message)}>
          <Input autoComplete="off" {...register('lastName')} />
        </FormField>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">{t('contacts.form.categories')}</legend>
        {categories.data && categories.data.items.length === 0 && <p className="text-xs text-muted">{t('contacts.form.noCategories')}</p>}
        <div className="flex max-h-36 flex-wrap gap-2 overflow-y-auto">
          {categories.data?.items.map((c) => (
            <label key={c.id as string} className="flex cursor-pointer items-center gap-2 rounded-full border border-line px-3 py-1 text-sm has-[:checked]:border-primary has-[:checked]:bg-emerald-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-primary/40">
              <input type="checkbox" value={c.id as string} className="size-3.5 accent-emerald-700" {...register('categoryIds')} />
              <span className="size-2.5 rounded-full" style={{ background: c.colour }} aria-hidden />
              {c.name}
            </label>
          ))}
        </div>
        {errors.categoryIds?.message && <p className="text-sm text-danger-strong" role="alert">{msg(errors.categoryIds.message)}</p>}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">{t('contacts.form.attributes')}</legend>
        <p className="text-xs text-muted">{t('contacts.form.attributesHint')}</p>
        {attributes.fields.map((f, i) => (
          <div key={f.id} className="flex items-start gap-2">
            <div className="flex-1">
              <Input aria-label={`${t('contacts.form.attributeKey')} ${i + 1}`} placeholder={t('contacts.form.attributeKey')} aria-invalid={errors.attributes?.[i]?.key ? true : undefined} {...register(`attributes.${i}.key`)} />
              {errors.attributes?.[i]?.key?.message && <p className="mt-1 text-xs text-danger-strong" role="alert">{msg(errors.attributes[i]?.key?.message)}</p>}
            </div>
            <Input className="flex-1" aria-label={`${t('contacts.form.attributeValue')} ${i + 1}`} placeholder={t('contacts.form.attributeValue')} {...register(`attributes.${i}.value`)} />
            <Button variant="ghost" size="md" aria-label={t('contacts.form.removeAttribute', { key: f.key || i + 1 })} onClick={() => attributes.remove(i)}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => attributes.append({ key: '', value: '' })}>
          <Plus className="size-4" aria-hidden />
          {t('contacts.form.addAttribute')}
        </Button>
        {errors.attributes?.message && <p className="text-sm text-danger-strong" role="alert">{msg(errors.attributes.message)}</p>}
      </fieldset>
      <FormField label={t('contacts.form.notes')} error={msg(errors.notes?.message)}>
        <Textarea rows={3} {...register('notes')} />
      </FormField>
      {contact && (
        <label className="flex items-center gap-3 text-sm text-ink">
          <input type="checkbox" className="size-4 accent-emerald-700" {...register('optedOut')} />
          {t('contacts.form.optedOut')}
        </label>
      )}
      <div className="flex justify-end gap-3 pt-2">
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {contact ? t('common.save') : t('contacts.form.submitCreate')}
        </Button>
      </div>
    </form>
  );
}
