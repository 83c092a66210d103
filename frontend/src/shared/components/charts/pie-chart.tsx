import { useId } from 'react';
import { formatNumber, formatPercent } from '../../lib/format';
import { pieSlices } from './chart-data';

export interface PieChartProps {
  values: { key: string; label: string; value: number; color: string }[];
  title: string;
  /** The figure in the hole (for example the total). */
  centre?: string;
  empty: string;
}

/** A donut with its legend (label, count, share): the legend carries the figures, not colour alone. */
export default function PieChart({ values, title, centre, empty }: PieChartProps) {
  const id = useId();
  const R = 80;
  const slices = pieSlices(values, R, 52);
  const byKey = new Map(values.map((v) => [v.key, v]));
  if (slices.length === 0) return <p className="py-10 text-center text-sm text-muted">{empty}</p>;
  return (
    <figure className="flex flex-col items-center gap-4" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} className="sr-only">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${R * 2} ${R * 2}`} className="size-40 shrink-0" aria-hidden data-chart="pie">
        {slices.map((s) => (
          <path key={s.key} d={s.d} fill={byKey.get(s.key)?.color} stroke="white" strokeWidth={1} />
        ))}
        {centre && (
          <text x={R} y={R} dy="0.35em" textAnchor="middle" className="fill-gray-900 text-[20px] font-semibold">
            {centre}
          </text>
        )}
      </svg>
      <ul className="w-full min-w-0 space-y-1.5 text-sm">
        {slices.map((s) => {
          const v = byKey.get(s.key);
          return (
            <li key={s.key} className="flex items-center gap-2">
              <span className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: v?.color }} aria-hidden />
              <span className="flex-1 truncate text-ink">{v?.label}</span>
              <span className="tabular text-ink">{formatNumber(s.value)}</span>
              <span className="w-14 text-right tabular text-muted">{formatPercent(s.share)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
