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
}

export const DEFAULT_TOC: TocOptions = { enabled: true, minDepth: 2, maxDepth: 3, label: 'この記事の内容', legacy: 'replace', minEntries: 2 };

function depth(value: unknown, key: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 6) {
    throw new Error(`toc.${key} must be a whole number from 1 to 6, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Merges one layer of settings (`true`/`false` or a mapping) over base; throws on a wrong type. */
export function mergeTocOptions(base: TocOptions, raw: unknown): TocOptions {
  if (raw === undefined || raw === null) return base;
  if (typeof raw === 'boolean') return { ...base, enabled: raw };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`toc must be true, false or a mapping, got ${JSON.stringify(raw)}`);
  const o = raw as Record<string, unknown>;
  const legacy = o.legacy ?? base.legacy;
  if (legacy !== 'replace' && legacy !== 'keep') throw new Error(`toc.legacy must be replace or keep, got ${JSON.stringify(legacy)}`);
  const label = o.label ?? base.label;
  if (typeof label !== 'string') throw new Error('toc.label must be a string');
  const merged: TocOptions = {
    enabled: o.enable === undefined ? base.enabled : o.enable !== false,
    minDepth: depth(o.min_depth, 'min_depth', base.minDepth),
    maxDepth: depth(o.max_depth, 'max_depth', base.maxDepth),
    label,
    legacy,
    minEntries: depth(o.min_entries, 'min_entries', base.minEntries),
  };
  if (merged.minDepth > merged.maxDepth) throw new Error(`toc.min_depth (${merged.minDepth}) is greater than toc.max_depth (${merged.maxDepth})`);
  return merged;
}
