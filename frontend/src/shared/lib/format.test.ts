import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { formatDateTime, formatNumber, formatWait } from './format';

describe('French formatting', () => {
  it('writes numbers and dates the French way', () => {
    expect(formatNumber(1234.5, 1)).toBe('1\u202f234,5');
    expect(formatDateTime(new Date(2026, 11, 3, 14, 5))).toBe('3 déc. 2026 14:05');
    expect(formatWait(45)).toBe('45\u00a0s');
    expect(formatWait(900)).toBe('15\u00a0min');
    expect(formatWait(125)).toBe('3\u00a0min');
  });

  it('follows the UI language', async () => {
    await i18n.changeLanguage('en');
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
    await i18n.changeLanguage('fr');
  });
});
