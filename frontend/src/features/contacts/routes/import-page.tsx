import { Link } from '@tanstack/react-router';
import { ArrowLeft, CheckCircle2, Download, FileUp, Loader2, Radio, XCircle } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveStatus } from '@/shared/api/events';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { toast } from '@/shared/components/ui/toast';
import { cn } from '@/shared/lib/cn';
import { formatDateTime, formatNumber } from '@/shared/lib/format';
import { useCategoryOptions, useInvalidateContacts } from '../api/contacts';
import {
  createCategory, downloadImportReport, downloadImportTemplate, previewImport, startImport, useImportJob, useImportReport, useRecentImports,
  type ImportJob, type ImportPreview,
} from '../api/imports';
import { MappingStep, type WizardOptions } from '../components/mapping-step';
import '../i18n';

interface ImportPageProps {
  jobId?: string;
  /** The file's data rows (from the preview), for the progress bar's end. */
  rows?: number;
  onJob: (jobId: string | undefined, rows?: number) => void;
}

const DEFAULT_OPTIONS: WizardOptions = { defaultCountry: 'FR', duplicates: 'merge', target: '', newCategoryName: '', dryRun: false };

export default function ImportPage({ jobId, rows, onJob }: ImportPageProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [options, setOptions] = useState<WizardOptions>(DEFAULT_OPTIONS);
  const [reading, setReading] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const categories = useCategoryOptions();
  const invalidate = useInvalidateContacts();
  const step = jobId ? 'progress' : preview ? 'mapping' : 'file';

  async function choose(f: File) {
    if (!/\.(csv|txt|tsv)$/i.test(f.name)) {
      setError(new Error(t('imports.notCsv')));
      return;
    }
    setError(null);
    setReading(true);
    try {
      const p = await previewImport(f, { defaultCountry: options.defaultCountry });
      setFile(f);
      setPreview(p);
      setMapping(p.suggestedMapping as Record<string, string>);
    } catch (e) {
      setError(e);
    } finally {
      setReading(false);
    }
  }

  // A changed mapping or default country: the first rows are checked again by the server (the
  // previous request is aborted when another change comes first).
  const firstRun = useRef(true);
  useEffect(() => {
    if (!file || !preview) return;
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setRefreshing(true);
      previewImport(file, { mapping, defaultCountry: options.defaultCountry }, ctrl.signal)
        .then((p) => setPreview(p))
        .catch((e: unknown) => {
          if (!ctrl.signal.aborted) toast.problem(e, t('errors.generic'));
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setRefreshing(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only these two change what the server checks
  }, [mapping, options.defaultCountry]);

  function reset() {
    setFile(null);
    setPreview(null);
    setMapping({});
    setOptions(DEFAULT_OPTIONS);
    setError(null);
    firstRun.current = true;
    onJob(undefined);
  }

  async function start() {
    if (!file) return;
    setStarting(true);
    try {
      let targetCategoryId = options.target && options.target !== 'new' ? options.target : undefined;
      if (options.target === 'new') {
        targetCategoryId = (await createCategory(options.newCategoryName.trim())).id as string;
        void invalidate();
      }
      const job = await startImport(file, {
        mapping, defaultCountry: options.defaultCountry, duplicates: options.duplicates, targetCategoryId, dryRun: options.dryRun,
      });
      onJob(job.id as string, preview?.totalRows);
    } catch (e) {
      toast.problem(e, t('errors.generic'));
    } finally {
      setStarting(false);
    }
  }

  return (
    <>
      <Link to="/contacts" className="mb-3 inline-flex items-center gap-1.5 text-sm text-muted hover:text-ink">
        <ArrowLeft className="size-4" aria-hidden />
        {t('imports.back')}
      </Link>
      <PageHeader title={t('imports.title')} description={t('imports.subtitle')} />
      <Steps step={step} />
      {step === 'file' && (
        <div className="space-y-6">
          <FilePicker onFile={(f) => void choose(f)} reading={reading} />
          {error !== null && (
            <Card>
              <ErrorState error={error instanceof Error && !('status' in error) ? { status: 0, title: error.message } : error} />
            </Card>
          )}
          <RecentImports onOpen={(id) => onJob(id)} />
        </div>
      )}
      {step === 'mapping' && preview && (
        <MappingStep
          preview={preview}
          mapping={mapping}
          onMapping={setMapping}
          options={options}
          onOptions={setOptions}
          categories={categories.data?.items ?? []}
          refreshing={refreshing}
          starting={starting}
          onStart={() => void start()}
          onCancel={reset}
        />
      )}
      {step === 'progress' && jobId && <JobProgress jobId={jobId} fileRows={rows ?? 0} onAgain={reset} />}
    </>
  );
}

function Steps({ step }: { step: 'file' | 'mapping' | 'progress' }) {
  const { t } = useTranslation();
  const steps = ['file', 'mapping', 'progress'] as const;
  const at = steps.indexOf(step);
  return (
    <ol className="mb-6 flex flex-wrap gap-2 text-sm" aria-label={t('imports.title')}>
      {steps.map((s, i) => (
        <li key={s} aria-current={i === at ? 'step' : undefined} className={cn('flex items-center gap-2 rounded-full px-3 py-1', i === at ? 'bg-primary-strong text-white' : i < at ? 'bg-emerald-50 text-emerald-800' : 'bg-white text-muted ring-1 ring-line')}>
          <span className="tabular">{i + 1}.</span> {t(`imports.steps.${s}`)}
        </li>
      ))}
    </ol>
  );
}

function FilePicker({ onFile, reading }: { onFile: (f: File) => void; reading: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <Card>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={cn('m-5 flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-6 py-12 text-center transition-colors', over ? 'border-primary bg-emerald-50' : 'border-line')}
      >
        {reading ? <Loader2 className="size-8 animate-spin text-primary-strong" aria-hidden /> : <FileUp className="size-8 text-primary-strong" aria-hidden />}
        <p className="font-medium text-ink" aria-live="polite">{reading ? t('imports.reading') : t('imports.drop')}</p>
        {!reading && (
          <>
            <p className="text-sm text-muted">{t('imports.dropOr')}</p>
            <Button onClick={() => input.current?.click()}>{t('imports.pick')}</Button>
            <input
              ref={input}
              type="file"
              accept=".csv,.txt,.tsv,text/csv,text/plain"
              className="sr-only"
              aria-label={t('imports.pick')}
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) onFile(f);
                e.target.value = '';
              }}
            />
          </>
        )}
      </div>
      <div className="flex flex-col items-center gap-2 border-t border-line px-5 py-4 text-center text-sm text-muted sm:flex-row sm:justify-between sm:text-left">
        <p>{t('imports.templateHint')}</p>
        <Button variant="secondary" size="sm" onClick={() => void downloadImportTemplate().catch((e: unknown) => toast.problem(e, t('errors.generic')))}>
          <Download className="size-4" aria-hidden />
          {t('imports.template')}
        </Button>
      </div>
    </Card>
  );
}

function statusTone(s: ImportJob['status']) {
  return s === 'completed' ? 'success' : s === 'failed' ? 'danger' : s === 'running' ? 'info' : 'neutral';
}

function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const recent = useRecentImports();
  return (
    <Card>
      <CardHeader title={t('imports.recent.title')} />
      {recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
      ) : !recent.data ? (
        <div className="space-y-2 p-5"><Skeleton className="h-6 w-full" /><Skeleton className="h-6 w-full" /></div>
      ) : recent.data.items.length === 0 ? (
        <EmptyState title={t('imports.recent.empty')} />
      ) : (
        <Table label={t('imports.recent.title')}>
          <thead>
            <tr>
              <Th>{t('imports.recent.file')}</Th>
              <Th>{t('imports.recent.date')}</Th>
              <Th>{t('imports.recent.status')}</Th>
              <Th>{t('imports.recent.counts')}</Th>
              <Th className="text-right">{t('imports.recent.report')}</Th>
            </tr>
          </thead>
          <tbody>
            {recent.data.items.map((j) => (
              <Tr key={j.id as string}>
                <Td>
                  <button type="button" className="font-medium text-ink hover:text-primary-strong hover:underline" onClick={() => onOpen(j.id as string)}>
                    {j.fileName}
                  </button>
                  {j.dryRun && <span className="ml-2 text-xs text-muted">({t('imports.recent.dryRun')})</span>}
                </Td>
                <Td className="whitespace-nowrap text-muted tabular">{formatDateTime(j.createdAt as string)}</Td>
                <Td><Badge tone={statusTone(j.status)}>{t(`imports.jobStatus.${j.status}`)}</Badge></Td>
                <Td className="text-muted tabular">
                  {t('imports.recent.countsText', { created: formatNumber(j.counts.created), updated: formatNumber(j.counts.updated), failed: formatNumber(j.counts.failed) })}
                </Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" aria-label={`${t('imports.recent.report')} — ${j.fileName}`} onClick={() => void downloadImportReport(j.id as string).catch((e: unknown) => toast.problem(e, t('errors.generic')))}>
                    <Download className="size-4" aria-hidden />
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

function Counter({ label, value, className }: { label: string; value: number; className?: string }) {
  return (
    <div className="rounded-lg border border-line bg-white px-4 py-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className={cn('mt-1 text-2xl font-semibold tabular text-ink', className)}>{formatNumber(value)}</dd>
    </div>
  );
}

function JobProgress({ jobId, fileRows, onAgain }: { jobId: string; fileRows: number; onAgain: () => void }) {
  const { t } = useTranslation();
  const job = useImportJob(jobId);
  const live = useLiveStatus();
  const j = job.data;
  const done = j?.status === 'completed' || j?.status === 'failed';
  const report = useImportReport(jobId, !!j && done);
  if (job.isError) return <Card><ErrorState error={job.error} onRetry={() => void job.refetch()} /></Card>;
  if (!j) return <Card className="p-5"><Skeleton className="h-24 w-full" /></Card>;
  // rowsRead moves as each part is committed; the file's row count comes from the preview (a job
  // opened from the recent list has none: the bar then pulses until the job ends).
  const total = Math.max(1, j.counts.rowsRead);
  const ratio = done ? 1 : fileRows > 0 ? Math.min(1, j.counts.rowsRead / fileRows) : j.status === 'running' ? 0.5 : 0.05;
  const title = j.status === 'completed' ? (j.dryRun ? t('imports.progress.completedDry') : t('imports.progress.completed')) : t(`imports.progress.${j.status}`);
  const repaired = report.data?.filter((r) => r.status === 'repaired') ?? [];
  const rejected = report.data?.filter((r) => r.status === 'failed') ?? [];
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="flex items-center gap-2 text-base font-semibold text-ink" aria-live="polite" data-testid="import-status">
            {j.status === 'completed' ? <CheckCircle2 className="size-5 text-primary-strong" aria-hidden /> : j.status === 'failed' ? <XCircle className="size-5 text-danger-strong" aria-hidden /> : <Loader2 className="size-5 animate-spin text-primary-strong" aria-hidden />}
            {title}
          </h2>
          <span className="flex items-center gap-2 text-xs text-muted">
            <span className="truncate font-medium text-ink">{j.fileName}</span>
            {!done && live === 'open' && (
              <span className="inline-flex items-center gap-1 text-emerald-800"><Radio className="size-3.5" aria-hidden />{t('imports.progress.live')}</span>
            )}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label={title}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(ratio * 100)}
          className="h-3 w-full overflow-hidden rounded-full bg-gray-100"
        >
          <div className={cn('h-full rounded-full transition-[width] duration-500', j.status === 'failed' ? 'bg-danger' : 'bg-primary', !done && fileRows === 0 && 'animate-pulse')} style={{ width: `${Math.round(ratio * 100)}%` }} />
        </div>
        <p className="mt-2 text-sm text-muted tabular">
          {t('imports.progress.of', { done: formatNumber(j.counts.rowsRead), total: formatNumber(fileRows || total) })}
        </p>
        {j.errorMessage && <p className="mt-3 text-sm text-danger-strong" role="alert">{j.errorMessage}</p>}
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="import-counters">
          <Counter label={t('imports.progress.rowsRead')} value={j.counts.rowsRead} />
          <Counter label={t('imports.progress.created')} value={j.counts.created} className="text-emerald-700" />
          <Counter label={t('imports.progress.updated')} value={j.counts.updated} />
          <Counter label={t('imports.progress.skipped')} value={j.counts.skipped} />
          <Counter label={t('imports.progress.repaired')} value={j.counts.repaired} className="text-amber-700" />
          <Counter label={t('imports.progress.rejected')} value={j.counts.failed} className="text-danger-strong" />
        </dl>
      </Card>
      {done && (
        <>
          <div className="grid gap-6">
            <ReportTable title={t('imports.summary.repairedTitle')} empty={t('imports.summary.repairedNone')} lines={repaired} loading={report.isPending} />
            <ReportTable title={t('imports.summary.rejectedTitle')} empty={t('imports.summary.rejectedNone')} lines={rejected} loading={report.isPending} />
          </div>
          {report.isError && <Card><ErrorState error={report.error} onRetry={() => void report.refetch()} /></Card>}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="secondary" onClick={() => void downloadImportReport(jobId).catch((e: unknown) => toast.problem(e, t('errors.generic')))}>
              <Download className="size-4" aria-hidden />
              {t('imports.summary.report')}
            </Button>
            <Button variant="secondary" onClick={onAgain}>{t('imports.summary.again')}</Button>
            {!j.dryRun && (
              <Link
                to="/contacts"
                search={{ categoryId: (j.options as { targetCategoryId?: string } | null)?.targetCategoryId }}
                className="inline-flex h-10 items-center rounded-lg bg-primary-strong px-4 text-sm font-medium text-white shadow-sm hover:bg-primary-strong-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
              >
                {t('imports.summary.seeContacts')}
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function ReportTable({ title, empty, lines, loading }: { title: string; empty: string; lines: { line: number; phone: string; reason: string }[]; loading: boolean }) {
  const { t } = useTranslation();
  const shown = lines.slice(0, 50);
  return (
    <Card>
      <CardHeader title={`${title} (${formatNumber(lines.length)})`} description={lines.length > shown.length ? t('imports.summary.more') : undefined} />
      {loading ? (
        <div className="p-5"><Skeleton className="h-16 w-full" /></div>
      ) : lines.length === 0 ? (
        <p className="px-5 py-6 text-sm text-muted">{empty}</p>
      ) : (
        <Table label={title}>
          <thead>
            <tr>
              <Th className="w-16">{t('imports.summary.line')}</Th>
              <Th>{t('imports.summary.number')}</Th>
              <Th>{t('imports.summary.reason')}</Th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <Tr key={`${l.line}-${l.phone}`}>
                <Td className="tabular text-muted">{l.line}</Td>
                <Td className="tabular">{l.phone}</Td>
                <Td className="text-sm">{l.reason}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

