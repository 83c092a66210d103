import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Gauge } from './gauge';
import LineChart from './line-chart';
import PieChart from './pie-chart';

describe('the gauge', () => {
  it.each([
    ['OK', 100, '#10B981'],
    ['ATTENTION', 800, '#F59E0B'],
    ['DANGER', 950, '#EF4444'],
    ['BLOCKED', 1000, '#7F1D1D'],
  ] as const)('is coloured for the %s level and says it in words', (level, used, colour) => {
    const { container } = render(<Gauge used={used} limit={1000} level={level} levelLabel={`niveau ${level}`} label="Quota du jour" />);
    const meter = screen.getByRole('meter', { name: 'Quota du jour' });
    expect(meter).toHaveAttribute('aria-valuenow', String(used));
    expect(meter).toHaveAttribute('aria-valuemax', '1000');
    expect(meter.getAttribute('aria-valuetext')).toContain(`niveau ${level}`);
    expect(screen.getByTestId('gauge-fill')).toHaveAttribute('stroke', colour);
    expect(container.querySelector('[data-level]')).toHaveAttribute('data-level', level);
    expect(screen.getByText(`niveau ${level}`)).toBeInTheDocument();
  });

  it('draws no fill at zero and caps the share at 100 %', () => {
    render(<Gauge used={0} limit={1000} level="OK" levelLabel="Normal" label="Quota" />);
    expect(screen.queryByTestId('gauge-fill')).toBeNull();
  });
});

describe('the line chart', () => {
  it('puts every figure of every series in its table, for screen readers', () => {
    render(
      <LineChart
        title="Les 7 derniers jours"
        data={[
          { label: '2 déc.', values: { sent: 12, failed: 1 } },
          { label: '3 déc.', values: { sent: 30, failed: 0 } },
        ]}
        series={[
          { key: 'sent', label: 'Envoyés', color: '#60A5FA' },
          { key: 'failed', label: 'Échecs', color: '#EF4444' },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Les 7 derniers jours' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['EnvoyésÉchecs', '2 déc.121', '3 déc.300']);
    // One line per series.
    expect(document.querySelectorAll('svg[data-chart="line"] path')).toHaveLength(2);
  });
});

describe('the status pie', () => {
  it('lists each status with its count and share, and says when there is nothing', () => {
    const { rerender } = render(
      <PieChart
        title="Statuts"
        empty="Rien"
        values={[
          { key: 'read', label: 'Lu', value: 3, color: '#0EA5E9' },
          { key: 'failed', label: 'Échec', value: 1, color: '#EF4444' },
          { key: 'queued', label: 'En file', value: 0, color: '#9CA3AF' },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent?.replace(/\s/g, ' '));
    expect(items).toEqual(['Lu375 %', 'Échec125 %'].map((s) => s.replace(/\s/g, ' ')));
    rerender(<PieChart title="Statuts" empty="Rien" values={[{ key: 'read', label: 'Lu', value: 0, color: '#0EA5E9' }]} />);
    expect(screen.getByText('Rien')).toBeInTheDocument();
  });
});
