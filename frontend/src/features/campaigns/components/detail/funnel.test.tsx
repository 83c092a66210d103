import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Funnel } from './funnel';

const counts = { recipients: 200, sent: 180, delivered: 150, read: 90, replied: 30, message2Sent: 27, message2Read: 12 };

describe('the funnel', () => {
  it('shows every stage from recipients to Message 2 read, each with its share of the stage before', () => {
    render(<Funnel counts={counts} hasMessage2 />);
    const stages = screen.getAllByRole('listitem');
    expect(stages.map((li) => li.getAttribute('data-stage'))).toEqual(['recipients', 'sent', 'delivered', 'read', 'replied', 'message2Sent', 'message2Read']);
    expect(within(stages[0]!).getByText('200')).toBeInTheDocument();
    // 150 delivered of 180 sent: 83 %.
    expect(stages[2]).toHaveTextContent(/Délivrés\s*150\s*83\s?%/);
    // 27 Message 2 of 30 replies: 90 %.
    expect(stages[5]).toHaveTextContent(/Message 2 envoyé\s*27\s*90\s?%/);
  });

  it('leaves Message 2 out when the campaign has none', () => {
    render(<Funnel counts={counts} hasMessage2={false} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(screen.queryByText('Message 2 envoyé')).not.toBeInTheDocument();
  });

  it('shows a dash, not zero, for a count not known yet', () => {
    render(<Funnel counts={{ ...counts, message2Read: null }} hasMessage2 />);
    expect(screen.getAllByRole('listitem')[6]).toHaveTextContent(/Message 2 lu\s*—/);
  });
});
