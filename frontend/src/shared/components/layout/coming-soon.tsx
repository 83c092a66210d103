import { Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../ui/card';
import { PageHeader } from './page-header';

/** A page of the navigation that is not built yet: said plainly, inside the shell. */
export function ComingSoon({ title, heading, description }: { title: string; heading?: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={heading ?? title} description={description} />
      <Card className="relative overflow-hidden">
        <div aria-hidden className="absolute inset-y-0 right-0 hidden w-1/3 bg-gradient-to-br from-emerald-400 via-emerald-500 to-emerald-700 md:block" />
        <div className="relative flex flex-col items-start gap-4 p-8 md:w-2/3">
          <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-3 py-1 text-xs font-semibold uppercase tracking-wide text-primary-strong">
            <Sparkles className="size-3.5" aria-hidden />
            {t('soon.badge')}
          </span>
          <h2 className="text-xl font-semibold text-ink">{t('soon.title', { page: title })}</h2>
          <p className="max-w-prose text-sm text-muted">{t('soon.text')}</p>
          <a href="/api/docs" target="_blank" rel="noreferrer" className="text-sm font-medium text-primary-strong underline-offset-4 hover:underline">
            {t('soon.api')}
          </a>
        </div>
      </Card>
    </>
  );
}
