import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '@/shared/components/layout/language-switcher';
import { Card } from '@/shared/components/ui/card';
import { ChangePasswordForm } from '../components/change-password-form';

/** Shown after signing in with a temporary password: nothing else is reachable until it is changed. */
export default function ForcedPasswordPage({ onChanged, onSignOut }: { onChanged: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-page px-4 py-10">
      <div className="mb-4 flex w-full max-w-md justify-end">
        <LanguageSwitcher />
      </div>
      <Card className="w-full max-w-md p-8">
        <div className="mb-6 flex size-11 items-center justify-center rounded-full bg-emerald-50 text-primary-strong">
          <KeyRound className="size-5" aria-hidden />
        </div>
        <h1 className="text-2xl font-semibold text-ink">{t('password.forcedTitle')}</h1>
        <p className="mt-2 mb-6 text-sm text-muted">{t('password.forcedText')}</p>
        <ChangePasswordForm onChanged={onChanged} />
      </Card>
      <button type="button" onClick={onSignOut} className="mt-6 text-sm text-muted underline-offset-4 hover:text-ink hover:underline">
        {t('nav.signOut')}
      </button>
    </div>
  );
}
