import { mapping, rejectUnknownKeys } from '../config/section';
import { ADMONITION_TYPES, type AdmonitionType } from './parse';

/** Settings of the `admonitions` section in _config.yml. */
export interface AdmonitionOptions {
  labels: Record<AdmonitionType, string>;
}

const LABELS: Record<'ja' | 'en', Record<AdmonitionType, string>> = {
  ja: { note: 'メモ', tip: 'ヒント', important: '重要', warning: '警告', caution: '注意' },
  en: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' },
};

/**
 * Labels default to the site language (Japanese for `ja`, English otherwise); any label can be
 * overridden with `admonitions.labels.<type>`.
 */
export function normalizeAdmonitionOptions(raw: unknown, language: unknown): AdmonitionOptions {
  const lang = (Array.isArray(language) ? language[0] : language) ?? 'ja';
  const defaults = String(lang).toLowerCase().startsWith('ja') ? LABELS.ja : LABELS.en;
  const section = mapping(raw, 'admonitions');
  rejectUnknownKeys(section, ['labels'], 'admonitions');
  const labels = { ...defaults };
  for (const [key, value] of Object.entries(mapping(section.labels, 'admonitions.labels'))) {
    const type = key.toLowerCase() as AdmonitionType;
    if (!ADMONITION_TYPES.includes(type)) {
      throw new Error(`admonitions.labels.${key}: unknown type (expected one of ${ADMONITION_TYPES.join(', ')})`);
    }
    if (typeof value !== 'string' || !value.trim()) throw new Error(`admonitions.labels.${key} must be a non-empty string`);
    labels[type] = value;
  }
  return { labels };
}
