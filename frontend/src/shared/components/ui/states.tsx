import { AlertTriangle, Inbox } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import { Button } from './button';

export function EmptyState({ title, action, icon }: { title: string; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <div className="rounded-full bg-emerald-50 p-3 text-primary-strong">{icon ?? <Inbox className="size-6" aria-hidden />}</div>
      <p className="text-sm text-muted">{title}</p>
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const msg = problemMessage(error, t('errors.loadFailed'));
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <div className="rounded-full bg-red-50 p-3 text-danger-strong">
        <AlertTriangle className="size-6" aria-hidden />
      </div>
      <p className="font-medium text-ink">{msg.title}</p>
      {msg.detail && <p className="max-w-md text-sm text-muted">{msg.detail}</p>}
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
