import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLiveEvent, useLiveStatus } from '@/shared/api/events';
import { cn } from '@/shared/lib/cn';

/**
 * Keeps the tab's event stream open while signed in and says whether figures are live. When the
 * server could not replay what this tab missed (`resync`), every query on screen is refetched.
 */
export function LiveIndicator() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useLiveEvent('resync', () => void queryClient.invalidateQueries());
  const status = useLiveStatus();
  const live = status === 'open';
  return (
    <span
      role="status"
      className={cn(
        'hidden items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium sm:inline-flex',
        live ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900',
      )}
      title={live ? t('live.onHelp') : t('live.offHelp')}
    >
      <span className={cn('size-2 rounded-full', live ? 'bg-emerald-600' : 'bg-amber-500 motion-safe:animate-pulse')} aria-hidden />
      {live ? t('live.on') : status === 'idle' ? t('live.idle') : t('live.reconnecting')}
    </span>
  );
}
