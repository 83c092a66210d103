// The arithmetic of the hand-made SVG charts, kept apart from the markup so it can be tested.

/** A round upper bound for an axis: 0 → 4, 7 → 8, 83 → 100, 1 234 → 2 000. */
export function niceMax(max: number, ticks = 4, integer = true): number {
  if (!Number.isFinite(max) || max <= 0) return integer ? ticks : 1;
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  // Whole steps for counts (a step under 1 makes "0,25 message"); amounts of money may have cents.
  const unit = integer ? Math.max(1, step) : step;
  return round(Math.ceil(round(max / unit / ticks)) * unit * ticks);
}

export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
}

export interface LinePoint {
  label: string;
  values: Record<string, number>;
}

export interface LineLayout {
  max: number;
  ticks: number[];
  xs: number[];
  paths: { key: string; d: string; points: { x: number; y: number; value: number }[] }[];
}

/** Positions of each series' points in a `width` × `height` plot area (origin top left). */
export function lineLayout(data: LinePoint[], series: SeriesSpec[], width: number, height: number, tickCount = 4, integer = true): LineLayout {
  const all = data.flatMap((p) => series.map((s) => p.values[s.key] ?? 0));
  const max = niceMax(Math.max(0, ...all), tickCount, integer);
  const step = data.length > 1 ? width / (data.length - 1) : 0;
  const xs = data.map((_, i) => (data.length > 1 ? i * step : width / 2));
  const y = (v: number) => height - (v / max) * height;
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => (max / tickCount) * i);
  const paths = series.map((s) => {
    const points = data.map((p, i) => ({ x: xs[i] ?? 0, y: y(p.values[s.key] ?? 0), value: p.values[s.key] ?? 0 }));
    const d = points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${round(pt.x)},${round(pt.y)}`).join(' ');
    return { key: s.key, d, points };
  });
  return { max, ticks, xs, paths };
}

export interface Slice {
  key: string;
  value: number;
  share: number;
  d: string;
}

/** Donut slices (outer radius r, inner radius inner) centred on (r, r); empty values are left out. */
export function pieSlices(values: { key: string; value: number }[], r: number, inner: number): Slice[] {
  const total = values.reduce((n, v) => n + Math.max(0, v.value), 0);
  if (total === 0) return [];
  let angle = -Math.PI / 2;
  return values
    .filter((v) => v.value > 0)
    .map((v) => {
      const share = v.value / total;
      const start = angle;
      // A full circle cannot be one arc: stop a hair short.
      const sweep = Math.min(share * 2 * Math.PI, 2 * Math.PI - 1e-4);
      angle += share * 2 * Math.PI;
      return { key: v.key, value: v.value, share, d: arc(r, inner, start, start + sweep) };
    });
}

function arc(r: number, inner: number, a0: number, a1: number): string {
  const large = a1 - a0 > Math.PI ? 1 : 0;
  const p = (rad: number, a: number) => `${round(r + rad * Math.cos(a))},${round(r + rad * Math.sin(a))}`;
  return `M${p(r, a0)} A${r},${r} 0 ${large} 1 ${p(r, a1)} L${p(inner, a1)} A${inner},${inner} 0 ${large} 0 ${p(inner, a0)} Z`;
}

export type GaugeLevel = 'OK' | 'ATTENTION' | 'DANGER' | 'BLOCKED';

/** The quota's level as the server defines it: OK < 75 % ≤ ATTENTION < 90 % ≤ DANGER < 100 % = BLOCKED. */
export function quotaLevel(used: number, limit: number): GaugeLevel {
  if (limit <= 0 || used >= limit) return 'BLOCKED';
  const share = used / limit;
  if (share >= 0.9) return 'DANGER';
  if (share >= 0.75) return 'ATTENTION';
  return 'OK';
}

export const LEVEL_COLOURS: Record<GaugeLevel, string> = {
  OK: '#10B981',
  ATTENTION: '#F59E0B',
  DANGER: '#EF4444',
  BLOCKED: '#7F1D1D',
};

/** The filled part of a half-circle gauge (share 0…1) as an SVG arc, radius r, centred on (r, r). */
export function gaugeArc(share: number, r: number): string {
  const s = Math.max(0, Math.min(1, share));
  const a = Math.PI + s * Math.PI;
  return `M0,${r} A${r},${r} 0 0 1 ${round(r + r * Math.cos(a))},${round(r + r * Math.sin(a))}`;
}

/** Shows every label when there are few, else about `max` of them evenly (the last always). */
export function labelEvery(count: number, max = 8): number {
  return count <= max ? 1 : Math.ceil(count / max);
}

/** Whether the i-th label is drawn: every `labelEvery`-th, and the last, without crowding the last. */
export function showLabel(i: number, count: number, max = 8): boolean {
  const every = labelEvery(count, max);
  if (i === count - 1) return true;
  return i % every === 0 && count - 1 - i >= every / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
