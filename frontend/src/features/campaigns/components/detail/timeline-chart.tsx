// The timeline's chart, a small hand-made SVG (loaded lazily by the detail page).
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/shared/lib/format';
import type { TimelinePoint } from '../../api/types';
import '../../i18n';

const W = 640;
const H = 180;
const PAD = { l: 36, r: 8, t: 8, b: 22 };

function label(iso: string, granularity: 'minute' | 'hour', lang: string) {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = granularity === 'minute' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { day: 'numeric', month: 'short', hour: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', opts).format(d);
}

export default function TimelineChart({ points, granularity }: { points: TimelinePoint[]; granularity: 'minute' | 'hour' }) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...points.map((p) => p.sent + p.failed));
  const innerW = W - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  const bw = innerW / Math.max(points.length, 1);
  const y = (v: number) => PAD.t + innerH - (v / max) * innerH;
  const step = Math.max(1, Math.ceil(points.length / 6));
  const summary = t('campaigns.detail.timelineSummary', {
    sent: formatNumber(points.reduce((a, p) => a + p.sent, 0)),
    failed: formatNumber(points.reduce((a, p) => a + p.failed, 0)),
  });
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={summary}>
        {[...new Set([0, Math.round(max / 2), max])].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke="#E5E7EB" />
            <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#6B7280">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const w = Math.max(1, Math.min(bw * 0.7, 40));
          const x = PAD.l + i * bw + (bw - w) / 2;
          return (
            <g key={p.at}>
              <title>{`${label(p.at, granularity, i18n.language)} — ${t('campaigns.detail.sentN', { n: p.sent })}, ${t('campaigns.detail.failedN', { n: p.failed })}`}</title>
              <rect x={x} y={y(p.sent)} width={w} height={innerH + PAD.t - y(p.sent)} fill="#10B981" rx="1" />
              {p.failed > 0 && <rect x={x} y={y(p.sent + p.failed)} width={w} height={y(p.sent) - y(p.sent + p.failed)} fill="#EF4444" rx="1" />}
              {i % step === 0 && (
                <text x={x + w / 2} y={H - 6} textAnchor="middle" fontSize="10" fill="#6B7280">
                  {label(p.at, granularity, i18n.language)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex gap-4 text-xs text-muted">
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-primary" aria-hidden />
          {t('campaigns.detail.legendSent')}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm bg-danger" aria-hidden />
          {t('campaigns.detail.legendFailed')}
        </span>
        <span className="sr-only">{summary}</span>
      </figcaption>
    </figure>
  );
}
