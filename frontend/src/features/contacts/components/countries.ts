// The countries offered by the pickers: the ones our users' contacts come from first, then others.
// Names come from the browser (Intl.DisplayNames) in the UI language.
export const COUNTRIES = [
  'FR', 'BJ', 'CI', 'SN', 'TG', 'BF', 'ML', 'NE', 'CM', 'GA', 'CG', 'CD', 'GN', 'MA', 'DZ', 'TN', 'BE', 'CH', 'LU',
  'CA', 'US', 'GB', 'DE', 'ES', 'IT', 'PT', 'NG', 'GH', 'MG', 'HT', 'RE', 'GP', 'MQ', 'GF', 'YT', 'PF', 'NC',
] as const;

export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang === 'en' ? 'en' : 'fr'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
