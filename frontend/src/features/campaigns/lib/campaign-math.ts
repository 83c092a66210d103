// Small pure helpers of the campaign pages: durations in plain French, message length, time zones.

/** "≈ 2 h 10", "≈ 45 min", "≈ 30 s" (fr) — the wizard's plain consequence of a pacing. */
export function formatEta(seconds: number, lang: 'fr' | 'en' = 'fr'): string {
  const s = Math.max(0, Math.round(seconds));
  const nb = '\u00a0';
  if (s < 60) return `≈${nb}${s}${nb}s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `≈${nb}${minutes}${nb}min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48 && lang === 'fr') return `≈${nb}${Math.round(h / 24)}${nb}jours`;
  if (h >= 48) return `≈${nb}${Math.round(h / 24)}${nb}days`;
  return m === 0 ? `≈${nb}${h}${nb}h` : `≈${nb}${h}${nb}h${nb}${String(m).padStart(2, '0')}`;
}

const GRAPHEMES = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('fr', { granularity: 'grapheme' }) : null;
const EMOJI = /\p{Extended_Pictographic}/u;

export interface MessageLength {
  /** What the API counts against its 1 600 limit (UTF-16 code units: an emoji counts 2). */
  units: number;
  /** What a person sees as characters. */
  characters: number;
  emojis: number;
}

export function measureMessage(text: string): MessageLength {
  const segments = GRAPHEMES ? Array.from(GRAPHEMES.segment(text), (s) => s.segment) : Array.from(text);
  return { units: text.length, characters: segments.length, emojis: segments.filter((g) => EMOJI.test(g)).length };
}

/**
 * Inserts `insert` at the caret without splitting a surrogate pair (an emoji) when the caret sits
 * inside one; returns the new text and the caret after the insertion.
 */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const safe = (i: number) => {
    const code = text.charCodeAt(i);
    return i > 0 && i < text.length && code >= 0xdc00 && code <= 0xdfff ? i + 1 : i;
  };
  const a = safe(Math.max(0, Math.min(start, text.length)));
  const b = Math.max(a, safe(Math.max(0, Math.min(end, text.length))));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}

/** The {{variables}} a text uses, in order of first use. */
export function variablesIn(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\{\{\s*([A-Za-z0-9_.-]+)\s*}}/g)) if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

/** The offset of `timeZone` from UTC at `utcMs`, in minutes. */
function offsetMinutes(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

/** "2026-12-24" + "09:30" in "Africa/Abidjan" → the ISO instant with that zone's offset. */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  let offset = offsetMinutes(timeZone, wall);
  offset = offsetMinutes(timeZone, wall - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time.slice(0, 5)}:00${sign}${hh}:${mm}`;
}

/** An instant as the date and time fields show it in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

export const TIME_ZONES = ['Europe/Paris', 'Africa/Porto-Novo', 'Africa/Abidjan', 'Africa/Dakar', 'Africa/Douala', 'UTC'] as const;
