// French (or English) formatting of numbers and dates: "1 234,5", "3 déc. 2026 14:05".
import i18n from '../i18n';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'fr-FR';
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${formatDate(d)} ${time}`;
}

/** A wait the server asked for: "45 s" under a minute, else whole minutes rounded up ("15 min"). */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.ceil(seconds))}\u00a0s`;
  return `${Math.ceil(seconds / 60)}\u00a0min`;
}
