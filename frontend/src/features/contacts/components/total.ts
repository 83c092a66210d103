import { formatNumber } from '@/shared/lib/format';

/** A list's total as the API gives it: exact, an estimate ("≈ 20 000"), or a floor ("1 000+"). */
export function totalLabel(total: number, exact: boolean): string {
  if (exact) return formatNumber(total);
  if (total === 1000) return `${formatNumber(total)}+`;
  return `≈\u00a0${formatNumber(total)}`;
}
