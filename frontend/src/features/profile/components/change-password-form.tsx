import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reportFormError } from '@/shared/api/report-form-error';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { toast } from '@/shared/components/ui/toast';
import { changePassword, changePasswordSchema, type ChangePasswordInput } from '../api/change-password';
import { PasswordInput } from '@/shared/components/ui/password-input';

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  const msg = (m?: string) => (m ? t(m, { max: 200 }) : undefined);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await changePassword(values);
      reset();
      toast.success(t('password.changed'));
      onChanged?.();
    } catch (error) {
      reportFormError(error, FIELDS, setError, t('errors.generic'));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormField label={t('password.current')} error={msg(errors.currentPassword?.message)}>
        <PasswordInput autoComplete="current-password" {...register('currentPassword')} />
      </FormField>
      <FormField label={t('password.new')} hint={t('password.hint')} error={msg(errors.newPassword?.message)}>
        <PasswordInput autoComplete="new-password" {...register('newPassword')} />
      </FormField>
      <FormField label={t('password.confirm')} error={msg(errors.confirm?.message)}>
        <PasswordInput autoComplete="new-password" {...register('confirm')} />
      </FormField>
      <Button type="submit" disabled={isSubmitting}>
        {t('password.submit')}
      </Button>
    </form>
  );
}
