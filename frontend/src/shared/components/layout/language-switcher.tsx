import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../../i18n';
import { cn } from '../../lib/cn';

export function LanguageSwitcher({ dark = false }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <div role="group" aria-label={t('language.label')} className={cn('inline-flex items-center gap-1 rounded-lg p-0.5 text-xs font-medium', dark ? 'bg-white/10' : 'bg-gray-100')}>
      <Languages className={cn('mx-1 size-3.5', dark ? 'text-gray-300' : 'text-muted')} aria-hidden />
      {LANGUAGES.map((lang: Language) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          onClick={() => changeLanguage(lang)}
          aria-pressed={current === lang}
          title={t(`language.${lang}`)}
          className={cn(
            'rounded-md px-2 py-1 uppercase transition-colors',
            current === lang ? (dark ? 'bg-white text-sidebar' : 'bg-white text-ink shadow-sm') : dark ? 'text-gray-300 hover:text-white' : 'text-muted hover:text-ink',
          )}
        >
          {lang}
        </button>
      ))}
    </div>
  );
}
