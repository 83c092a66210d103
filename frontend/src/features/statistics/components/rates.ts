// A campaign's rates from its counters, with the definitions of docs/statistiques.md (one place):
// attempted = sent + failed; delivery = delivered / attempted; read = read / delivered;
// reply = replied / delivered; failure = failed / attempted. null when the denominator is 0.
import type { DailyPoint } from '@/shared/api/types';

export interface Counters {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
}

export interface Rates {
  deliveryRate: number | null;
  readRate: number | null;
  replyRate: number | null;
  failureRate: number | null;
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

export function campaignRates(c: Counters): Rates {
  const attempted = c.sent + c.failed;
  return {
    deliveryRate: ratio(c.delivered, attempted),
    readRate: ratio(c.read, c.delivered),
    replyRate: ratio(c.replied, c.delivered),
    failureRate: ratio(c.failed, attempted),
  };
}

/** The estimated cost per day: messages sent that day × the price per message (failures are not billed). */
export function costSeries(points: Pick<DailyPoint, 'day' | 'sent'>[], pricePerMessage: number): { day: string; cost: number }[] {
  return points.map((p) => ({ day: p.day as string, cost: Math.round(p.sent * pricePerMessage * 10_000) / 10_000 }));
}
