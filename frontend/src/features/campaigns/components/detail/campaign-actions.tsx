import { Archive, ArchiveRestore, CalendarX, Pause, Pencil, Play, RotateCcw, Send, Square, Trash2 } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/shared/components/ui/button';
import { toast } from '@/shared/components/ui/toast';
import { formatDateTime, formatNumber } from '@/shared/lib/format';
import { useCampaignAction, type CampaignAction } from '../../api/mutations';
import type { Campaign } from '../../api/types';
import '../../i18n';

export type ShownAction = CampaignAction | 'edit';

/** The actions that the campaign's status allows, in the order they are offered. */
export function actionsFor(c: Pick<Campaign, 'status' | 'archivedAt' | 'counters'>): ShownAction[] {
  if (c.archivedAt) return ['restore'];
  switch (c.status) {
    case 'draft':
      return ['launch', 'edit', 'archive', 'delete'];
    case 'scheduled':
      return ['launch', 'unschedule', 'edit', 'delete'];
    case 'sending':
      return ['pause', 'stop'];
    case 'paused':
      return ['resume', 'stop'];
    case 'completed':
    case 'stopped':
      return [...(c.counters.failed > 0 ? (['retry-failed'] as const) : []), 'relaunch', 'archive', 'delete'];
  }
}

const ICONS: Record<ShownAction, ReactNode> = {
  launch: <Send className="size-4" aria-hidden />,
  edit: <Pencil className="size-4" aria-hidden />,
  pause: <Pause className="size-4" aria-hidden />,
  resume: <Play className="size-4" aria-hidden />,
  stop: <Square className="size-4" aria-hidden />,
  'retry-failed': <RotateCcw className="size-4" aria-hidden />,
  relaunch: <RotateCcw className="size-4" aria-hidden />,
  archive: <Archive className="size-4" aria-hidden />,
  restore: <ArchiveRestore className="size-4" aria-hidden />,
  unschedule: <CalendarX className="size-4" aria-hidden />,
  delete: <Trash2 className="size-4" aria-hidden />,
};

const PRIMARY: ShownAction[] = ['launch', 'resume', 'restore'];
const DESTRUCTIVE: ShownAction[] = ['stop', 'delete'];

/** Only the actions valid now, each behind a confirmation that says what will happen. */
export function CampaignActions({ campaign, onEdit, onDeleted }: { campaign: Campaign; onEdit: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const mutation = useCampaignAction();
  const [pending, setPending] = useState<CampaignAction | null>(null);
  const [include, setInclude] = useState(false);
  const actions = actionsFor(campaign);
  const c = campaign.counters;
  const vars = {
    name: campaign.name,
    recipients: formatNumber(c.recipients),
    failed: formatNumber(c.failed),
    queued: formatNumber(Math.max(0, c.recipients - c.sent - c.failed)),
    date: formatDateTime(campaign.scheduledAt),
  };
  // Deleting a campaign that sent something archives it (the API decides; the text says so).
  const sentSomething = c.sent + c.failed > 0 || Boolean(campaign.launchedAt);

  async function confirm() {
    if (!pending) return;
    try {
      const result = await mutation.mutateAsync({ id: campaign.id as string, action: pending, include });
      if (pending === 'delete' && !result) {
        toast.success(t('campaigns.done.deleted', vars));
        onDeleted();
      } else {
        toast.success(t(`campaigns.done.${pending === 'delete' ? 'archive' : pending}`, vars));
      }
    } catch (e) {
      toast.problem(e, t('errors.generic'));
    }
    setPending(null);
    setInclude(false);
  }

  const description = pending
    ? pending === 'delete' && sentSomething
      ? t('campaigns.confirm.deleteArchives', vars)
      : t(`campaigns.confirm.${pending}`, vars)
    : '';

  return (
    <div className="flex flex-wrap gap-2" aria-label={t('common.actions')} role="group">
      {actions.map((a) =>
        a === 'edit' ? (
          <Button key={a} variant="secondary" onClick={onEdit}>
            {ICONS[a]}
            {t('campaigns.action.edit')}
          </Button>
        ) : (
          <Button key={a} variant={PRIMARY.includes(a) ? 'primary' : DESTRUCTIVE.includes(a) ? 'danger' : 'secondary'} onClick={() => setPending(a)}>
            {ICONS[a]}
            {t(`campaigns.action.${a}`)}
          </Button>
        ),
      )}
      <AlertDialog.Root
        open={pending !== null}
        onOpenChange={(o) => {
          if (!o) {
            setPending(null);
            setInclude(false);
          }
        }}
      >
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-40 bg-gray-900/50" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none">
            <AlertDialog.Title className="text-lg font-semibold text-ink">{pending ? t(`campaigns.confirmTitle.${pending}`, vars) : ''}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-muted">{description}</AlertDialog.Description>
            {(pending === 'retry-failed' || pending === 'relaunch') && (
              <label className="mt-4 flex items-start gap-2 text-sm text-ink">
                <input type="checkbox" className="mt-0.5 size-4 accent-emerald-600" checked={include} onChange={(e) => setInclude(e.target.checked)} />
                {t(`campaigns.confirm.${pending === 'retry-failed' ? 'includePermanent' : 'includeDelivered'}`)}
              </label>
            )}
            <div className="mt-6 flex justify-end gap-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">{t('common.cancel')}</Button>
              </AlertDialog.Cancel>
              <Button
                variant={pending !== null && DESTRUCTIVE.includes(pending) ? 'danger' : 'primary'}
                disabled={mutation.isPending}
                onClick={() => void confirm()}
              >
                {pending ? t(`campaigns.action.${pending}`) : ''}
              </Button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
