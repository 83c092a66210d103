import { useId, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { lineLayout, showLabel, type LinePoint, type SeriesSpec } from './chart-data';

export interface LineChartProps {
  data: LinePoint[];
  series: SeriesSpec[];
  /** Says what the chart shows, for screen readers (the figures are in a hidden table too). */
  title: string;
  height?: number;
  format?: (v: number) => string;
  /** Counts (whole ticks) by default; false for amounts. */
  integer?: boolean;
}

const W = 640;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/** A small SVG line chart: one line per series, a legend, a hover read-out, and the data as a table. */
export default function LineChart({ data, series, title, height = 240, format = (v) => formatNumber(v), integer = true }: LineChartProps) {
  const id = useId();
  const [hover, setHover] = useState<number | null>(null);
  const plotW = W - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const layout = lineLayout(data, series, plotW, plotH, 4, integer);
  const hovered = hover === null ? null : data[hover];
  return (
    <figure className="w-full" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} className="sr-only">
        {title}
      </figcaption>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-hidden>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-0.5 w-4 rounded" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="relative">
        <svg viewBox={`0 0 ${W} ${height}`} className="h-auto w-full overflow-visible" role="img" aria-hidden data-chart="line">
          <g transform={`translate(${PAD.left},${PAD.top})`}>
            {layout.ticks.map((t) => {
              const y = plotH - (t / layout.max) * plotH;
              return (
                <g key={t}>
                  <line x1={0} x2={plotW} y1={y} y2={y} stroke="#E5E7EB" strokeDasharray={t === 0 ? undefined : '3 3'} />
                  <text x={-8} y={y} dy="0.32em" textAnchor="end" className="fill-gray-500 text-[11px]">
                    {format(t)}
                  </text>
                </g>
              );
            })}
            {data.map((p, i) =>
              showLabel(i, data.length) ? (
                <text key={p.label} x={layout.xs[i]} y={plotH + 18} textAnchor="middle" className="fill-gray-500 text-[11px]">
                  {p.label}
                </text>
              ) : null,
            )}
            {hover !== null && <line x1={layout.xs[hover]} x2={layout.xs[hover]} y1={0} y2={plotH} stroke="#9CA3AF" />}
            {layout.paths.map((p, si) => (
              <g key={p.key}>
                <path
                  d={p.d}
                  fill="none"
                  stroke={series[si]?.color}
                  strokeWidth={2}
                  strokeLinejoin="round"
                  className="motion-safe:transition-[d] motion-safe:duration-500"
                />
                {data.length <= 31 &&
                  p.points.map((pt, i) => <circle key={i} cx={pt.x} cy={pt.y} r={hover === i ? 4 : 2.5} fill="white" stroke={series[si]?.color} strokeWidth={2} />)}
              </g>
            ))}
            {data.map((_, i) => {
              const x = layout.xs[i] ?? 0;
              const half = data.length > 1 ? plotW / (data.length - 1) / 2 : plotW / 2;
              return <rect key={i} x={x - half} y={0} width={half * 2} height={plotH} fill="transparent" onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)} />;
            })}
          </g>
        </svg>
        {hovered && (
          <div className="pointer-events-none absolute top-0 right-0 rounded-lg border border-line bg-white/95 px-3 py-2 text-xs shadow-sm" aria-hidden>
            <p className="mb-1 font-medium text-ink">{hovered.label}</p>
            {series.map((s) => (
              <p key={s.key} className="flex items-center gap-1.5 tabular text-muted">
                <span className="inline-block size-2 rounded-full" style={{ background: s.color }} />
                {s.label} : <span className="text-ink">{format(hovered.values[s.key] ?? 0)}</span>
              </p>
            ))}
          </div>
        )}
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.label}>
              <th scope="row">{p.label}</th>
              {series.map((s) => (
                <td key={s.key}>{format(p.values[s.key] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
