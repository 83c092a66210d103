import { CheckCircle2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { User } from '@/shared/api/types';
import { LanguageSwitcher } from '@/shared/components/layout/language-switcher';
import { Logo } from '@/shared/components/layout/logo';
import { SignInForm } from '../components/sign-in-form';

interface SignInPageProps {
  onSignedIn: (user: User) => void;
  reason?: 'expired' | 'signed-out';
}

/** Form on the left, the emerald illustration on the right (desktop). */
export default function SignInPage({ onSignedIn, reason }: SignInPageProps) {
  const { t } = useTranslation();
  const points = t('auth.heroPoints', { returnObjects: true }) as string[];
  const chat = t('auth.heroChat', { returnObjects: true }) as string[];
  const notice = reason === 'expired' ? t('auth.expired') : reason === 'signed-out' ? t('auth.signedOut') : undefined;
  return (
    <div className="flex min-h-screen bg-white">
      <main className="flex w-full flex-col px-6 py-8 sm:px-12 lg:w-1/2 xl:px-24">
        <div className="flex items-center justify-between">
          <Logo name={t('app.name')} className="text-ink" />
          <LanguageSwitcher />
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-12">
          <h1 className="text-3xl font-semibold tracking-tight text-ink">{t('auth.title')}</h1>
          <p className="mt-2 mb-8 text-sm text-muted">{t('auth.subtitle')}</p>
          <SignInForm onSignedIn={onSignedIn} notice={notice} />
        </div>
      </main>
      <aside aria-hidden className="relative hidden overflow-hidden bg-gradient-to-br from-emerald-500 via-emerald-600 to-emerald-800 lg:flex lg:w-1/2 lg:items-center lg:justify-center">
        <div className="absolute -top-24 -right-24 size-96 rounded-full bg-white/10" />
        <div className="absolute -bottom-32 -left-16 size-80 rounded-full bg-white/10" />
        <div className="relative max-w-md px-12 text-white">
          <div className="mb-10 space-y-3">
            {chat.map((line, i) => (
              <div
                key={line}
                className={
                  i % 2 === 1
                    ? 'ml-auto w-fit max-w-[80%] rounded-2xl rounded-tr-sm bg-emerald-100 px-4 py-2.5 text-sm text-emerald-900 shadow-lg'
                    : 'w-fit max-w-[80%] rounded-2xl rounded-tl-sm bg-white px-4 py-2.5 text-sm text-ink shadow-lg'
                }
              >
                {line}
              </div>
            ))}
          </div>
          <h2 className="text-3xl font-semibold leading-tight">{t('auth.heroTitle')}</h2>
          <p className="mt-4 text-emerald-50">{t('auth.heroText')}</p>
          <ul className="mt-6 space-y-2">
            {points.map((p) => (
              <li key={p} className="flex items-center gap-2 text-sm text-emerald-50">
                <CheckCircle2 className="size-4" />
                {p}
              </li>
            ))}
          </ul>
        </div>
      </aside>
    </div>
  );
}
