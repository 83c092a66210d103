import { formatNumber, formatPercent } from '../../lib/format';
import { gaugeArc, LEVEL_COLOURS, type GaugeLevel } from './chart-data';

export interface GaugeProps {
  used: number;
  limit: number;
  level: GaugeLevel;
  /** The level's name in the UI language ("Attention"…), shown under the figure: never colour alone. */
  levelLabel: string;
  label: string;
}

/** The day's quota as a half-circle, coloured by the server's alert level. */
export function Gauge({ used, limit, level, levelLabel, label }: GaugeProps) {
  const R = 90;
  const share = limit > 0 ? used / limit : 1;
  return (
    <div className="flex flex-col items-center" data-level={level}>
      <svg
        viewBox={`-10 -10 ${R * 2 + 20} ${R + 20}`}
        className="w-full max-w-64"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={`${formatNumber(used)} / ${formatNumber(limit)} — ${levelLabel}`}
      >
        <path d={gaugeArc(1, R)} fill="none" stroke="#E5E7EB" strokeWidth={16} strokeLinecap="round" />
        {share > 0 && (
          <path
            d={gaugeArc(share, R)}
            fill="none"
            stroke={LEVEL_COLOURS[level]}
            strokeWidth={16}
            strokeLinecap="round"
            className="motion-safe:transition-all motion-safe:duration-700"
            data-testid="gauge-fill"
          />
        )}
        <text x={R} y={R - 22} textAnchor="middle" className="fill-gray-900 text-[26px] font-semibold">
          {formatPercent(Math.min(share, 1), 0)}
        </text>
        <text x={R} y={R - 2} textAnchor="middle" className="fill-gray-500 text-[12px]">
          {formatNumber(used)} / {formatNumber(limit)}
        </text>
      </svg>
      <span
        className="mt-1 inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold"
        style={{ color: level === 'ATTENTION' ? '#92400E' : LEVEL_COLOURS[level], background: `${LEVEL_COLOURS[level]}1A` }}
      >
        <span className="size-2 rounded-full" style={{ background: LEVEL_COLOURS[level] }} aria-hidden />
        {levelLabel}
      </span>
    </div>
  );
}
