import { zodResolver } from '@hookform/resolvers/zod';
import { AlertCircle } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, isApiError, problemMessage } from '@/shared/api/problem';
import type { User } from '@/shared/api/types';
import { Button } from '@/shared/components/ui/button';
import { FormField } from '@/shared/components/ui/form-field';
import { Input } from '@/shared/components/ui/input';
import { formatWait } from '@/shared/lib/format';
import { signIn, signInSchema, type SignInInput } from '../api/sign-in';
import { PasswordInput } from '@/shared/components/ui/password-input';

interface Refusal {
  title: string;
  detail?: string;
  wait?: number;
  until?: number;
}

/** When the server's wait (Retry-After) ends, as a timestamp. */
function deadline(seconds: number | undefined): number | undefined {
  return seconds ? Date.now() + seconds * 1000 : undefined;
}

/** Seconds left until a time, ticking every second (0 when past). */
function useCountdown(until: number | undefined, total: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  // Until the first tick, `now` may predate the refusal: never count more than the server said.
  return until && total ? Math.min(total, Math.max(0, Math.ceil((until - now) / 1000))) : 0;
}

export function SignInForm({ onSignedIn, notice }: { onSignedIn: (user: User) => void; notice?: string }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const wait = useCountdown(refusal?.until, refusal?.wait);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setRefusal(null);
    try {
      const tokens = await signIn(values);
      if (tokens.user) onSignedIn(tokens.user);
    } catch (error) {
      applyFieldErrors(error, ['email', 'password'] as const, setError);
      const msg = problemMessage(error, t('errors.generic'));
      const retryAfter = isApiError(error) ? error.retryAfter : undefined;
      setRefusal({ ...msg, wait: retryAfter, until: deadline(retryAfter) });
    }
  });

  const waiting = wait > 0;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {notice && !refusal && (
        <p role="status" className="rounded-lg border border-line bg-page px-4 py-3 text-sm text-muted">
          {notice}
        </p>
      )}
      {refusal && (
        <div role="alert" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm">
          <AlertCircle className="mt-0.5 size-4 shrink-0 text-danger-strong" aria-hidden />
          <div>
            <p className="font-medium text-red-900">{refusal.title}</p>
            {refusal.detail && <p className="mt-0.5 text-red-800">{refusal.detail}</p>}
            {waiting && <p className="mt-1 font-medium text-red-900 tabular">{t('auth.wait', { wait: formatWait(wait) })}</p>}
          </div>
        </div>
      )}
      <FormField label={t('auth.email')} error={errors.email?.message && t(errors.email.message)}>
        <Input type="email" autoComplete="username" autoFocus {...register('email')} />
      </FormField>
      <FormField label={t('auth.password')} error={errors.password?.message && t(errors.password.message)}>
        <PasswordInput autoComplete="current-password" {...register('password')} />
      </FormField>
      <Button type="submit" className="w-full" disabled={isSubmitting || waiting}>
        {isSubmitting ? t('auth.submitting') : t('auth.submit')}
      </Button>
    </form>
  );
}
