// Short times and durations for the live pages: "14:05", "3 déc.", "2 h 14 min".
import i18n from '../i18n';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'fr-FR');

export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** A calendar day of the API ("2026-12-03", a local date) as "3 déc." — no time zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "45 s", "12 min", "2 h 14 min", "3 j 2 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const nb = '\u00a0';
  const day = i18n.language === 'en' ? 'd' : 'j';
  if (s < 60) return `${s}${nb}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}${nb}min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}${nb}h${nb}${m % 60}${nb}min` : `${h}${nb}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}${nb}${day}${nb}${h % 24}${nb}h` : `${d}${nb}${day}`;
}

/** An amount in the configured currency: "4,15 $US", "12,30 €". */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** "3 déc. 2026 14:05:09": callbacks arrive seconds apart, the seconds matter. */
export function formatDateTimeSeconds(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  const date = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(d);
  return `${date} ${time}`;
}
