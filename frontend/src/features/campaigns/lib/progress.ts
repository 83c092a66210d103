import type { CampaignCounters } from '../api/types';

/** Share of Message 1 that finished (sent or failed): the progress bar's value. */
export function progressOf(c: Pick<CampaignCounters, 'recipients' | 'sent' | 'failed'>): number {
  if (!c.recipients) return 0;
  return Math.min(1, (c.sent + c.failed) / c.recipients);
}

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
