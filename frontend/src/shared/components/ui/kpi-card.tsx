import type { ReactNode } from 'react';
import { Card } from './card';
import { Skeleton } from './skeleton';

/** One figure with its label and a line of detail; a grey bar while it loads. */
export function KpiCard({ label, value, detail, icon, loading }: { label: string; value: ReactNode; detail?: ReactNode; icon?: ReactNode; loading?: boolean }) {
  return (
    <Card className="flex items-start gap-4 p-5">
      {icon && <div className="rounded-lg bg-emerald-50 p-2.5 text-primary-strong">{icon}</div>}
      <div className="min-w-0">
        <p className="text-sm text-muted">{label}</p>
        {loading ? (
          <Skeleton className="mt-1.5 h-7 w-20" />
        ) : (
          <p className="mt-0.5 truncate text-2xl font-semibold tabular text-ink" data-kpi={label}>
            {value}
          </p>
        )}
        {detail && !loading && <p className="mt-0.5 truncate text-xs text-muted">{detail}</p>}
      </div>
    </Card>
  );
}
