import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Segmented } from './segmented';

function Period() {
  const [value, setValue] = useState<'today' | '7d' | '30d'>('7d');
  return (
    <Segmented
      label="Période"
      value={value}
      onChange={setValue}
      options={[
        { value: 'today', label: 'Aujourd’hui' },
        { value: '7d', label: '7 jours' },
        { value: '30d', label: '30 jours' },
      ]}
    />
  );
}

describe('the period switch', () => {
  it('is a radio group: click or arrow keys choose, one stop in the tab order', async () => {
    render(<Period />);
    const user = userEvent.setup();
    expect(screen.getByRole('radio', { name: '7 jours' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getAllByRole('radio').map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
    await user.click(screen.getByRole('radio', { name: '30 jours' }));
    expect(screen.getByRole('radio', { name: '30 jours' })).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Aujourd’hui' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: 'Aujourd’hui' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('radio', { name: '30 jours' })).toHaveAttribute('aria-checked', 'true');
  });
});
