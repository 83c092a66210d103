import { describe, expect, it } from 'vitest';
import { gaugeArc, labelEvery, lineLayout, niceMax, pieSlices, quotaLevel, showLabel } from './chart-data';

describe('the charts’ arithmetic', () => {
  it('rounds an axis up to a readable maximum, in whole messages', () => {
    expect(niceMax(0)).toBe(4);
    expect(niceMax(3)).toBe(4);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(83)).toBe(100);
    expect(niceMax(1234)).toBe(2000); // ticks 0, 500, 1 000, 1 500, 2 000
    expect(niceMax(100)).toBe(100);
  });

  it('places each day’s value of each series on the plot', () => {
    const data = [
      { label: '1 déc.', values: { sent: 0, failed: 0 } },
      { label: '2 déc.', values: { sent: 50, failed: 10 } },
      { label: '3 déc.', values: { sent: 100, failed: 0 } },
    ];
    const layout = lineLayout(data, [{ key: 'sent', label: 'Envoyés', color: '#000' }, { key: 'failed', label: 'Échecs', color: '#f00' }], 200, 100);
    expect(layout.max).toBe(100);
    expect(layout.ticks).toEqual([0, 25, 50, 75, 100]);
    expect(layout.xs).toEqual([0, 100, 200]);
    const sent = layout.paths.find((p) => p.key === 'sent');
    expect(sent?.points.map((p) => [p.x, p.y, p.value])).toEqual([[0, 100, 0], [100, 50, 50], [200, 0, 100]]);
    expect(sent?.d).toBe('M0,100 L100,50 L200,0');
    expect(layout.paths.find((p) => p.key === 'failed')?.points.map((p) => p.y)).toEqual([100, 90, 100]);
  });

  it('centres a single point and treats a missing value as 0', () => {
    const layout = lineLayout([{ label: 'x', values: {} }], [{ key: 'sent', label: 'Envoyés', color: '#000' }], 200, 100);
    expect(layout.xs).toEqual([100]);
    expect(layout.paths[0]?.points[0]).toEqual({ x: 100, y: 100, value: 0 });
  });

  it('cuts the donut in shares of the total and leaves empty statuses out', () => {
    const slices = pieSlices([{ key: 'delivered', value: 6 }, { key: 'failed', value: 2 }, { key: 'queued', value: 0 }, { key: 'read', value: 2 }], 80, 50);
    expect(slices.map((s) => [s.key, s.share])).toEqual([['delivered', 0.6], ['failed', 0.2], ['read', 0.2]]);
    expect(slices.every((s) => s.d.startsWith('M') && s.d.endsWith('Z'))).toBe(true);
    expect(pieSlices([{ key: 'sent', value: 0 }], 80, 50)).toEqual([]);
    // One status alone still draws (a full ring is not a zero-length arc).
    expect(pieSlices([{ key: 'read', value: 3 }], 80, 50)[0]?.share).toBe(1);
  });

  it('gives the quota the server’s levels: OK < 75 % ≤ ATTENTION < 90 % ≤ DANGER < 100 % = BLOCKED', () => {
    expect(quotaLevel(0, 1000)).toBe('OK');
    expect(quotaLevel(749, 1000)).toBe('OK');
    expect(quotaLevel(750, 1000)).toBe('ATTENTION');
    expect(quotaLevel(899, 1000)).toBe('ATTENTION');
    expect(quotaLevel(900, 1000)).toBe('DANGER');
    expect(quotaLevel(999, 1000)).toBe('DANGER');
    expect(quotaLevel(1000, 1000)).toBe('BLOCKED');
    expect(quotaLevel(5, 0)).toBe('BLOCKED');
  });

  it('draws the gauge from the left end to the share of the half circle', () => {
    expect(gaugeArc(0, 90)).toBe('M0,90 A90,90 0 0 1 0,90');
    expect(gaugeArc(0.5, 90)).toBe('M0,90 A90,90 0 0 1 90,0');
    expect(gaugeArc(1, 90)).toBe('M0,90 A90,90 0 0 1 180,90');
    expect(gaugeArc(3, 90)).toBe(gaugeArc(1, 90));
  });

  it('thins the day labels of a long series', () => {
    expect(labelEvery(7)).toBe(1);
    expect(labelEvery(30)).toBe(4);
    expect(labelEvery(90)).toBe(12);
  });
});

describe('axes and labels', () => {
  it('keeps cents on an axis of amounts', () => {
    expect(niceMax(0.36, 4, false)).toBe(0.4);
    expect(niceMax(0, 4, false)).toBe(1);
    expect(niceMax(12.3, 4, false)).toBe(20);
  });

  it('never crowds the last label', () => {
    const shown = Array.from({ length: 60 }, (_, i) => i).filter((i) => showLabel(i, 60));
    expect(shown).toEqual([0, 8, 16, 24, 32, 40, 48, 59]);
    expect(Array.from({ length: 7 }, (_, i) => showLabel(i, 7)).every(Boolean)).toBe(true);
  });
});
