import { describe, expect, it } from 'vitest';
import { formatEta, insertAt, isoToZoned, measureMessage, variablesIn, zonedToIso } from './campaign-math';

const nb = '\u00a0';

describe('the campaign helpers', () => {
  it('says a duration the way people say it', () => {
    expect(formatEta(30)).toBe(`≈${nb}30${nb}s`);
    expect(formatEta(45 * 60)).toBe(`≈${nb}45${nb}min`);
    expect(formatEta(2 * 3600 + 10 * 60)).toBe(`≈${nb}2${nb}h${nb}10`);
    expect(formatEta(3 * 3600)).toBe(`≈${nb}3${nb}h`);
    expect(formatEta(5 * 86_400)).toBe(`≈${nb}5${nb}jours`);
  });

  it('counts an emoji as the API does (2) and as a person sees it (1)', () => {
    expect(measureMessage('Promo 🎁')).toEqual({ units: 8, characters: 7, emojis: 1 });
  });

  it('never splits an emoji when inserting a variable', () => {
    // The caret between the two halves of 🎁 (index 1) moves after the emoji.
    expect(insertAt('🎁!', 1, 1, '{{x}}')).toEqual({ text: '🎁{{x}}!', caret: 7 });
    expect(insertAt('Bonjour ', 8, 8, '{{first_name}}').text).toBe('Bonjour {{first_name}}');
  });

  it('lists the variables a text uses once each', () => {
    expect(variablesIn('{{first_name}} {{ ville }} {{first_name}}')).toEqual(['first_name', 'ville']);
  });

  it('turns a wall-clock time in a zone into the instant with that zone’s offset, and back', () => {
    expect(zonedToIso('2026-12-24', '09:30', 'Europe/Paris')).toBe('2026-12-24T09:30:00+01:00');
    expect(zonedToIso('2026-07-14', '09:30', 'Europe/Paris')).toBe('2026-07-14T09:30:00+02:00');
    expect(zonedToIso('2026-12-24', '09:30', 'Africa/Abidjan')).toBe('2026-12-24T09:30:00+00:00');
    expect(isoToZoned('2026-12-24T08:30:00Z', 'Europe/Paris')).toEqual({ date: '2026-12-24', time: '09:30' });
  });
});
