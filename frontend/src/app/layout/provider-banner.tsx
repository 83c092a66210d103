import { Link } from '@tanstack/react-router';
import { FlaskConical, Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useWhatsAppSettings } from '@/features/settings/api/get-settings';

/** Says plainly when messages do not really leave (simulator) or need a sandbox join first. */
export function ProviderBanner() {
  const { t, i18n } = useTranslation();
  const { data } = useWhatsAppSettings();
  if (!data || data.provider === 'twilio_production') return null;
  const simulator = data.provider === 'simulator';
  const instructions = i18n.language === 'en' ? data.sandbox?.instructionsEn : data.sandbox?.instructionsFr;
  return (
    <div role="note" className="border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 sm:px-6 lg:px-8">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        {simulator ? <FlaskConical className="size-4 shrink-0" aria-hidden /> : <Info className="size-4 shrink-0" aria-hidden />}
        <span className="font-medium">{simulator ? t('banner.simulator') : t('banner.sandbox')}</span>
        {!simulator && instructions && <span>{instructions}</span>}
        <Link to={simulator ? '/simulator' : '/settings'} className="font-semibold underline underline-offset-2 hover:text-amber-950">
          {simulator ? t('banner.openSimulator') : t('banner.howTo')}
        </Link>
      </div>
    </div>
  );
}
