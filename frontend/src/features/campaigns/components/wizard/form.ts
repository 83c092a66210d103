// The wizard's form: its values, the checks of each step, and the API body it becomes.
import { z } from 'zod';
import type { Campaign, CampaignRequest } from '../../api/types';
import { isoToZoned, zonedToIso } from '../../lib/campaign-math';

const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? undefined : Number(v)), z.number().min(min, 'campaigns.v.range').max(max, 'campaigns.v.range').optional());

export const wizardSchema = z
  .object({
    name: z.string(),
    categoryIds: z.array(z.string()),
    contacts: z.array(z.object({ id: z.string(), label: z.string() })),
    message1Mode: z.enum(['text', 'template']),
    message1Body: z.string(),
    message1ContentSid: z.string(),
    message1Variables: z.record(z.string(), z.string()),
    withMessage2: z.boolean(),
    message2Body: z.string(),
    when: z.enum(['now', 'later']),
    date: z.string(),
    time: z.string(),
    timeZone: z.string(),
    pacing: z.enum(['default', 'sandbox', 'custom']),
    messagesPerSecond: optionalNumber(0.01, 1000),
    minDelayMs: optionalNumber(0, 3_600_000),
    batchSize: optionalNumber(1, 100_000),
    batchPauseSeconds: optionalNumber(0, 86_400),
    failureRatePercent: optionalNumber(1, 100),
    failureRateWindow: optionalNumber(5, 10_000),
  })
  // One refinement for every cross-field rule, so that all of them are reported at once (zod skips
  // refinements when a field of the object already failed).
  .superRefine((v, ctx) => {
    if (!v.name.trim()) ctx.addIssue({ code: 'custom', path: ['name'], message: 'campaigns.v.name' });
    if (v.name.trim().length > 200) ctx.addIssue({ code: 'custom', path: ['name'], message: 'campaigns.v.nameMax' });
    if (v.message1Mode === 'text' && v.message1Body.length > 1600) ctx.addIssue({ code: 'custom', path: ['message1Body'], message: 'campaigns.v.tooLong' });
    if (v.withMessage2 && v.message2Body.length > 1600) ctx.addIssue({ code: 'custom', path: ['message2Body'], message: 'campaigns.v.tooLong' });
    if (v.categoryIds.length === 0 && v.contacts.length === 0) ctx.addIssue({ code: 'custom', path: ['categoryIds'], message: 'campaigns.v.recipients' });
    if (v.message1Mode === 'text' && !v.message1Body.trim()) ctx.addIssue({ code: 'custom', path: ['message1Body'], message: 'campaigns.v.message1' });
    if (v.message1Mode === 'template') {
      if (!/^HX[0-9a-fA-F]{32}$/.test(v.message1ContentSid)) ctx.addIssue({ code: 'custom', path: ['message1ContentSid'], message: 'campaigns.v.template' });
      for (const [key, value] of Object.entries(v.message1Variables))
        if (!value.trim()) ctx.addIssue({ code: 'custom', path: ['message1Variables', key], message: 'campaigns.v.variable' });
    }
    if (v.withMessage2 && !v.message2Body.trim()) ctx.addIssue({ code: 'custom', path: ['message2Body'], message: 'campaigns.v.message2' });
    if (v.when === 'later') {
      if (!v.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'campaigns.v.date' });
      if (!v.time) ctx.addIssue({ code: 'custom', path: ['time'], message: 'campaigns.v.time' });
      if (v.date && v.time && new Date(zonedToIso(v.date, v.time, v.timeZone)).getTime() <= Date.now())
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'campaigns.v.past' });
    }
  });

export type WizardValues = z.input<typeof wizardSchema>;

/** The fields each step checks before going on. */
export const STEP_FIELDS = [
  ['name', 'categoryIds'],
  ['message1Body', 'message1ContentSid', 'message1Variables', 'message2Body'],
  ['date', 'time', 'messagesPerSecond', 'minDelayMs', 'batchSize', 'batchPauseSeconds', 'failureRatePercent', 'failureRateWindow'],
  [],
] as const;
export const STEPS = ['audience', 'messages', 'schedule', 'check'] as const;

export function defaultValues(c?: Campaign, contactLabels: Record<string, string> = {}): WizardValues {
  const tz = c?.timeZone || 'Europe/Paris';
  const scheduled = c?.scheduledAt ? isoToZoned(c.scheduledAt, tz) : null;
  return {
    name: c?.name ?? '',
    categoryIds: (c?.categoryIds as string[] | undefined) ?? [],
    contacts: ((c?.contactIds as string[] | undefined) ?? []).map((id) => ({ id, label: contactLabels[id] ?? id.slice(0, 8) })),
    message1Mode: c?.message1ContentSid ? 'template' : 'text',
    message1Body: c?.message1Body ?? '',
    message1ContentSid: c?.message1ContentSid ?? '',
    message1Variables: c?.message1Variables ?? {},
    withMessage2: c ? Boolean(c.message2Body) : true,
    message2Body: c?.message2Body ?? '',
    when: scheduled ? 'later' : 'now',
    date: scheduled?.date ?? '',
    time: scheduled?.time ?? '09:00',
    timeZone: tz,
    // In Sandbox mode the default rate already is the Sandbox's own limit.
    pacing: c && (c.messagesPerSecond || c.minDelayMs || c.batchSize || c.failureRateThreshold) ? 'custom' : 'default',
    messagesPerSecond: c?.messagesPerSecond ?? undefined,
    minDelayMs: c?.minDelayMs ?? undefined,
    batchSize: c?.batchSize ?? undefined,
    batchPauseSeconds: c?.batchPauseSeconds ?? undefined,
    failureRatePercent: c?.failureRateThreshold ? Math.round(c.failureRateThreshold * 100) : undefined,
    failureRateWindow: c?.failureRateWindow ?? undefined,
  };
}

const num = (v: unknown): number | undefined => {
  if (v === '' || v === null || v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * The API body of the form as it stands (also for a partial draft: the pre-send check accepts
 * missing fields). `sandboxPreset` is the configured preset the "sandbox" pacing applies.
 */
export function toRequest(v: WizardValues, sandboxPreset?: { messagesPerSecond: number; minDelayMs: number }, withSchedule = true): CampaignRequest {
  const body: CampaignRequest = { categoryIds: v.categoryIds, contactIds: v.contacts.map((c) => c.id), timeZone: v.timeZone };
  if (v.name.trim()) body.name = v.name.trim();
  if (v.message1Mode === 'text') {
    if (v.message1Body.trim()) body.message1Body = v.message1Body;
  } else if (/^HX[0-9a-fA-F]{32}$/.test(v.message1ContentSid)) {
    body.message1ContentSid = v.message1ContentSid;
    body.message1Variables = v.message1Variables;
  }
  if (v.withMessage2 && v.message2Body.trim()) body.message2Body = v.message2Body;
  if (withSchedule && v.when === 'later' && v.date && v.time) body.scheduledAt = zonedToIso(v.date, v.time, v.timeZone);
  if (v.pacing === 'sandbox' && sandboxPreset) {
    body.messagesPerSecond = sandboxPreset.messagesPerSecond;
    body.minDelayMs = sandboxPreset.minDelayMs;
  }
  if (v.pacing === 'custom') {
    const mps = num(v.messagesPerSecond);
    const delay = num(v.minDelayMs);
    const batch = num(v.batchSize);
    const pause = num(v.batchPauseSeconds);
    const fail = num(v.failureRatePercent);
    const win = num(v.failureRateWindow);
    if (mps !== undefined) body.messagesPerSecond = mps;
    if (delay !== undefined) body.minDelayMs = delay;
    if (batch !== undefined) body.batchSize = batch;
    if (pause !== undefined) body.batchPauseSeconds = pause;
    if (fail !== undefined) body.failureRateThreshold = fail / 100;
    if (win !== undefined) body.failureRateWindow = win;
  }
  return body;
}
