import { Link, useBlocker } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/shared/components/layout/page-header';
import { ConfirmDialog } from '@/shared/components/ui/dialog';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { ErrorState } from '@/shared/components/ui/states';
import { useCampaign } from '../api/campaigns';
import { usePickedContactLabels } from '../api/lookups';
import type { Campaign } from '../api/types';
import { CampaignWizard } from '../components/wizard/campaign-wizard';
import '../i18n';

interface Props {
  /** Editing a saved draft (or a scheduled campaign); absent for a new campaign. */
  id?: string;
  onLaunched: (c: Campaign) => void;
}

/** The wizard's page: asks before leaving with unsaved work (in the app and on closing the tab). */
export default function CampaignWizardPage({ id, onLaunched }: Props) {
  const { t } = useTranslation();
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const blocker = useBlocker({ shouldBlockFn: () => dirty.current, enableBeforeUnload: () => dirty.current, withResolver: true });
  const existing = useCampaign(id ?? '', Boolean(id));
  const picked = usePickedContactLabels((existing.data?.contactIds as string[] | undefined) ?? []);
  const loading = Boolean(id) && (!existing.data || !picked);

  return (
    <>
      <Link to={id ? '/campaigns/$id' : '/campaigns'} params={id ? { id } : undefined} className="mb-3 inline-flex items-center gap-1.5 text-sm text-muted hover:text-ink">
        <ArrowLeft className="size-4" aria-hidden />
        {id ? existing.data?.name ?? t('campaigns.title') : t('campaigns.title')}
      </Link>
      <PageHeader title={id ? t('campaigns.wizard.editTitle') : t('campaigns.wizard.title')} description={t('campaigns.wizard.subtitle')} />
      {id && existing.isError ? (
        <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />
      ) : loading ? (
        <div aria-busy="true" className="space-y-4">
          <Skeleton className="h-10 w-96" />
          <Skeleton className="h-96 w-full" />
        </div>
      ) : (
        <CampaignWizard key={id ?? 'new'} initial={existing.data} contactLabels={picked ?? {}} onLaunched={onLaunched} onDirtyChange={onDirtyChange} />
      )}
      <ConfirmDialog
        open={blocker.status === 'blocked'}
        onOpenChange={(o) => !o && blocker.reset?.()}
        title={t('campaigns.wizard.leaveTitle')}
        description={t('campaigns.wizard.leaveText')}
        confirmLabel={t('campaigns.wizard.leave')}
        onConfirm={() => blocker.proceed?.()}
      />
    </>
  );
}
