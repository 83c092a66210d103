import { describe, expect, it } from 'vitest';
import { campaignRates, costSeries } from './rates';

describe('a campaign’s rates for the comparison', () => {
  it('follows the definitions of the statistics (delivery and failure over attempted, read and reply over delivered)', () => {
    // 3 recipients: 2 sent and delivered, both read, 1 undelivered; 1 replied.
    expect(campaignRates({ sent: 2, delivered: 2, read: 2, failed: 1, replied: 1 })).toEqual({
      deliveryRate: 0.6667, readRate: 1, replyRate: 0.5, failureRate: 0.3333,
    });
  });

  it('has no rate while nothing was attempted or delivered', () => {
    expect(campaignRates({ sent: 0, delivered: 0, read: 0, failed: 0, replied: 0 })).toEqual({ deliveryRate: null, readRate: null, replyRate: null, failureRate: null });
    expect(campaignRates({ sent: 0, delivered: 0, read: 0, failed: 4, replied: 0 })).toMatchObject({ deliveryRate: 0, failureRate: 1, readRate: null });
  });
});

describe('the cost over time', () => {
  it('bills the messages sent each day at the price per message', () => {
    expect(costSeries([{ day: '2026-12-01', sent: 0 }, { day: '2026-12-02', sent: 120 }, { day: '2026-12-03', sent: 3 }], 0.09)).toEqual([
      { day: '2026-12-01', cost: 0 },
      { day: '2026-12-02', cost: 10.8 },
      { day: '2026-12-03', cost: 0.27 },
    ]);
  });
});
