import { zodResolver } from '@hookform/resolvers/zod';
import { Check } from 'lucide-react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { reportFormError } from '@/shared/api/report-form-error';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Textarea } from '@/shared/components/ui/input';
import { toast } from '@/shared/components/ui/toast';
import { cn } from '@/shared/lib/cn';
import { useSaveCategory, type Category } from '../api/categories';
import '../i18n';

/** The palette offered first (the dashboard's own colours and a few readable others). */
export const PALETTE = ['#10B981', '#059669', '#0EA5E9', '#6366F1', '#8B5CF6', '#EC4899', '#EF4444', '#F59E0B', '#84CC16', '#64748B'];

const schema = z.object({
  name: z.string().trim().min(1, 'categories.form.nameRequired').max(100, 'validation.max'),
  colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'categories.form.colourInvalid'),
  description: z.string().max(1000, 'validation.max'),
});
type Values = z.infer<typeof schema>;

export function CategoryForm({ category, onDone }: { category?: Category; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCategory();
  const { register, handleSubmit, setError, setValue, control, formState: { errors, isSubmitting } } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: category?.name ?? '', colour: category?.colour ?? PALETTE[0], description: category?.description ?? '' },
  });
  const colour = useWatch({ control, name: 'colour' });
  const msg = (m?: string) => (m ? t(m, { max: 100 }) : undefined);
  const onSubmit = handleSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync({ id: category?.id as string | undefined, input: values });
      toast.success(t(category ? 'categories.updated' : 'categories.created', { name: saved.name }));
      onDone();
    } catch (error) {
      reportFormError(error, ['name', 'colour', 'description'] as const, setError, t('errors.generic'));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField label={t('categories.form.name')} error={msg(errors.name?.message)}>
        <Input autoComplete="off" {...register('name')} />
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">{t('categories.form.colour')}</legend>
        <div className="flex flex-wrap items-center gap-2" role="radiogroup" aria-label={t('categories.form.colour')}>
          {PALETTE.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={colour.toUpperCase() === c}
              aria-label={c}
              onClick={() => setValue('colour', c, { shouldDirty: true, shouldValidate: true })}
              className={cn('flex size-8 items-center justify-center rounded-full ring-offset-2 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary', colour.toUpperCase() === c && 'ring-2 ring-ink')}
              style={{ background: c }}
            >
              {colour.toUpperCase() === c && <Check className="size-4 text-white" aria-hidden />}
            </button>
          ))}
          <label className="ml-2 flex items-center gap-2 text-sm text-muted">
            {t('categories.form.colourCustom')}
            <input type="color" className="h-8 w-10 cursor-pointer rounded border border-line" value={/^#[0-9A-Fa-f]{6}$/.test(colour) ? colour : '#10B981'} onChange={(e) => setValue('colour', e.target.value.toUpperCase(), { shouldDirty: true, shouldValidate: true })} />
          </label>
        </div>
        {errors.colour?.message && <p className="text-sm text-danger-strong" role="alert">{msg(errors.colour.message)}</p>}
      </fieldset>
      <FormField label={t('categories.form.description')} error={msg(errors.description?.message)}>
        <Textarea rows={3} {...register('description')} />
      </FormField>
      <div className="flex justify-end gap-3 pt-2">
        <Button variant="secondary" onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" disabled={isSubmitting}>{category ? t('common.save') : t('categories.form.submitCreate')}</Button>
      </div>
    </form>
  );
}
