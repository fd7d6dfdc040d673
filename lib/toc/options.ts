import { boolean, integer, mapping, oneOf, rejectUnknownKeys, string, unknownKeys, type UnknownKey } from '../config/section';

/** Settings of the automatic table of contents (`toc` in _config.yml, overridable per post). */
export interface TocOptions {
  enabled: boolean;
  minDepth: number;
  maxDepth: number;
  /** Heading of the block, e.g. この記事の内容. */
  label: string;
  /** Hand-written 目次 blocks: replaced by the automatic TOC, or kept as a nested list. */
  legacy: 'replace' | 'keep';
  /** Fewer headings than this and no TOC is shown. */
  minEntries: number;
  /** Number the entries (1., 1.1, …). */
  listNumber: boolean;
}

export const DEFAULT_TOC: TocOptions = { enabled: true, minDepth: 2, maxDepth: 3, label: 'この記事の内容', legacy: 'replace', minEntries: 2, listNumber: false };

/** Keys of `toc`; `enable` is this site's, `enabled` and `list_number` the old theme's. */
export const TOC_KEYS = ['enable', 'enabled', 'min_depth', 'max_depth', 'label', 'legacy', 'min_entries', 'list_number'] as const;

/**
 * Merges one layer of settings (`true`/`false` or a mapping) over base. Throws on a value of the
 * wrong type; keys it does not know are returned, for the caller to reject or warn about.
 */
export function mergeTocOptions(base: TocOptions, raw: unknown, path = 'toc'): { options: TocOptions; unknown: UnknownKey[] } {
  if (raw === undefined || raw === null) return { options: base, unknown: [] };
  if (typeof raw === 'boolean') return { options: { ...base, enabled: raw }, unknown: [] };
  const o = mapping(raw, path);
  const enabled = o.enable ?? o.enabled;
  const options: TocOptions = {
    enabled: boolean(enabled, `${path}.${o.enable !== undefined ? 'enable' : 'enabled'}`, base.enabled),
    minDepth: integer(o.min_depth, `${path}.min_depth`, base.minDepth, 1, 6),
    maxDepth: integer(o.max_depth, `${path}.max_depth`, base.maxDepth, 1, 6),
    label: string(o.label, `${path}.label`, base.label),
    legacy: oneOf(o.legacy, `${path}.legacy`, ['replace', 'keep'] as const, base.legacy),
    minEntries: integer(o.min_entries, `${path}.min_entries`, base.minEntries, 0),
    listNumber: boolean(o.list_number, `${path}.list_number`, base.listNumber),
  };
  if (options.minDepth > options.maxDepth) {
    throw new Error(`${path}.min_depth (${options.minDepth}) が ${path}.max_depth (${options.maxDepth}) より大きくなっています`);
  }
  return { options, unknown: unknownKeys(o, TOC_KEYS) };
}

/** The site's `toc` section: defaults filled in, unknown keys rejected. */
export function normalizeTocOptions(raw: unknown): TocOptions {
  if (raw !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) rejectUnknownKeys(raw as Record<string, unknown>, TOC_KEYS, 'toc');
  return mergeTocOptions(DEFAULT_TOC, raw).options;
}
