import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { reportFormError } from '@/shared/api/report-form-error';
import type { User } from '@/shared/api/types';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Select } from '@/shared/components/ui/input';
import { PasswordInput } from '@/shared/components/ui/password-input';
import { toast } from '@/shared/components/ui/toast';
import { createUserSchema, useCreateUser, type CreateUserInput } from '../api/create-user';
import { resetPasswordSchema, useResetPassword, type ResetPasswordInput } from '../api/reset-password';
import { updateUserSchema, useUpdateUser, type UpdateUserInput } from '../api/update-user';

function useMessage() {
  const { t } = useTranslation();
  return (m?: string) => (m ? t(m, { max: m === 'validation.max' ? 200 : undefined }) : undefined);
}

function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="admin">{t('roles.admin')}</option>
      <option value="super_admin">{t('roles.super_admin')}</option>
    </>
  );
}

function FormActions({ onCancel, submitting, label }: { onCancel: () => void; submitting: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end gap-3 pt-2">
      <Button variant="secondary" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" disabled={submitting}>
        {label}
      </Button>
    </div>
  );
}

const CREATE_FIELDS = ['email', 'fullName', 'role', 'password'] as const;

export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const create = useCreateUser();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { email: '', fullName: '', role: 'admin', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      const user = await create.mutateAsync(values);
      toast.success(t('users.created', { email: user.email }));
      onDone();
    } catch (error) {
      reportFormError(error, CREATE_FIELDS, setError, t('errors.generic'));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField label={t('users.email')} error={msg(errors.email?.message)}>
        <Input type="email" autoComplete="off" {...register('email')} />
      </FormField>
      <FormField label={t('users.fullName')} error={msg(errors.fullName?.message)}>
        <Input autoComplete="off" {...register('fullName')} />
      </FormField>
      <FormField label={t('users.role')} error={msg(errors.role?.message)}>
        <Select {...register('role')}>
          <RoleOptions />
        </Select>
      </FormField>
      <FormField label={t('users.tempPassword')} hint={`${t('password.hint')} ${t('users.tempPasswordHint')}`} error={msg(errors.password?.message)}>
        <PasswordInput autoComplete="new-password" {...register('password')} />
      </FormField>
      <FormActions onCancel={onDone} submitting={isSubmitting} label={t('users.submitCreate')} />
    </form>
  );
}

const UPDATE_FIELDS = ['fullName', 'role', 'active'] as const;

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const update = useUpdateUser();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<UpdateUserInput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { fullName: user.fullName ?? '', role: (user.role as UpdateUserInput['role']) ?? 'admin', active: user.active },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await update.mutateAsync({ id: user.id as string, ...values });
      toast.success(t('users.updated', { email: user.email }));
      onDone();
    } catch (error) {
      reportFormError(error, UPDATE_FIELDS, setError, t('errors.generic'));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField label={t('users.fullName')} error={msg(errors.fullName?.message)}>
        <Input {...register('fullName')} />
      </FormField>
      <FormField label={t('users.role')} error={msg(errors.role?.message)}>
        <Select {...register('role')}>
          <RoleOptions />
        </Select>
      </FormField>
      <label className="flex items-center gap-3 text-sm text-ink">
        <input type="checkbox" className="size-4 rounded border-line accent-emerald-700" {...register('active')} />
        {t('users.activeLabel')}
      </label>
      <FormActions onCancel={onDone} submitting={isSubmitting} label={t('common.save')} />
    </form>
  );
}

export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const reset = useResetPassword();
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await reset.mutateAsync({ id: user.id as string, ...values });
      toast.success(t('users.reset', { email: user.email }));
      onDone();
    } catch (error) {
      reportFormError(error, ['password'] as const, setError, t('errors.generic'));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField label={t('users.tempPassword')} hint={`${t('password.hint')} ${t('users.tempPasswordHint')}`} error={msg(errors.password?.message)}>
        <PasswordInput autoComplete="new-password" {...register('password')} />
      </FormField>
      <FormActions onCancel={onDone} submitting={isSubmitting} label={t('common.save')} />
    </form>
  );
}
