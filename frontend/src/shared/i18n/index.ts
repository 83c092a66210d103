import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { session } from '../api/session';
import en from './en';
import fr from './fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'relais.language';

function remembered(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage refused (private mode): French, the default.
  }
  return 'fr';
}

const initial = remembered();
void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});
session.setLanguage(initial);
if (typeof document !== 'undefined') document.documentElement.lang = initial;

/** Switches the UI language, remembers it, and sends it to the API (Accept-Language). */
export function changeLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, still switched.
  }
  session.setLanguage(lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/**
 * Adds a feature's strings (each feature keeps its own `i18n.ts` beside its pages, loaded with
 * them): deep-merged into the one `translation` namespace, so keys read `contacts.title`.
 */
export function addTranslations(bundles: { fr: Record<string, unknown>; en: Record<string, unknown> }) {
  i18n.addResourceBundle('fr', 'translation', bundles.fr, true, true);
  i18n.addResourceBundle('en', 'translation', bundles.en, true, true);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}

export default i18n;
