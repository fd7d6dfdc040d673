import yaml from 'js-yaml';
import type { Finding } from '../diagnostics/diagnostic';
import type { SourceLayout } from '../markdown/source';
import { closest } from '../text/distance';

/** Front-matter keys Hexo, icarus or this project understand. */
export const KNOWN_KEYS = [
  'title', 'date', 'updated', 'tags', 'categories', 'disableDisclaimer', 'toc', 'article_id', 'layout', 'permalink',
  'comments', 'excerpt', 'description', 'keywords', 'lang', 'language', 'published', 'author', 'cover', 'thumbnail',
  'og_image', 'sidebar', 'widgets', 'draft',
];

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;

/** Checks a date as authors write it: `2024-05-07 12:00:00`, zero padding optional (with a warning). */
export function checkDate(value: string): { valid: boolean; padded?: string } {
  const m = DATE.exec(value.trim());
  if (!m) return { valid: false };
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? '0') as string[];
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  const valid = date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! && +h < 24 && +mi < 60 && +s < 60;
  if (!valid) return { valid };
  const pad = (v: string) => v.padStart(2, '0');
  const padded = `${y}-${pad(mo!)}-${pad(d!)}${m[4] !== undefined ? ` ${pad(h)}:${pad(mi)}:${pad(s)}` : ''}`;
  return padded === value.trim() ? { valid } : { valid, padded };
}

export interface FrontMatterOptions {
  tags: string[];
  extraKeys: string[];
}

/** Front-matter rules: present, valid YAML, required keys, date, tags, types and unknown keys. */
export function checkFrontMatter(layout: SourceLayout, options: FrontMatterOptions): Finding[] {
  if (!layout.frontMatter) {
    return [{ line: 1, column: 1, rule: 'front-matter/missing', message: 'フロントマター (--- で囲んだ title・date・tags) がありません。' }];
  }
  const { start, end } = layout.frontMatter;
  const yamlText = layout.lines.slice(start, end).join('\n');
  let data: Record<string, unknown>;
  try {
    // JSON schema: dates stay strings as written, and only true/false are booleans.
    const loaded = yaml.load(yamlText, { schema: yaml.JSON_SCHEMA }) ?? {};
    if (typeof loaded !== 'object' || Array.isArray(loaded)) throw new yaml.YAMLException('the front-matter must be a mapping of keys');
    data = loaded as Record<string, unknown>;
  } catch (err) {
    const e = err as yaml.YAMLException;
    return [{ line: start + (e.mark?.line ?? 0) + 1, column: (e.mark?.column ?? 0) + 1, rule: 'front-matter/yaml', message: `フロントマターの YAML を読めません: ${e.reason ?? e.message}` }];
  }
  const findings: Finding[] = [];
  const lineOf = (key: string): number => {
    const i = layout.lines.slice(start, end).findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
    return start + (i < 0 ? 0 : i) + 1;
  };
  for (const key of ['title', 'date', 'tags']) {
    const v = data[key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      findings.push({ line: start + 1, column: 1, rule: 'front-matter/required', message: `フロントマターに ${key} がありません。` });
    }
  }
  for (const key of ['date', 'updated']) {
    const v = data[key];
    if (v === undefined || v === null) continue;
    const result = typeof v === 'string' ? checkDate(v) : { valid: false };
    if (!result.valid) {
      findings.push({ line: lineOf(key), column: 1, rule: 'front-matter/date', message: `${key} の日時 ${JSON.stringify(v)} を読めません。「2024-05-07 12:00:00」の形で書いてください。` });
    } else if (result.padded) {
      findings.push({ line: lineOf(key), column: 1, rule: 'front-matter/date-format', message: `${key} の日時はゼロ埋めで書いてください。`, suggestion: result.padded });
    }
  }
  const tags = data.tags;
  if (tags !== undefined && tags !== null) {
    const list = typeof tags === 'string' ? [tags] : Array.isArray(tags) ? tags : undefined;
    if (!list || list.some((t) => typeof t !== 'string')) {
      findings.push({ line: lineOf('tags'), column: 1, rule: 'front-matter/type', message: 'tags は文字列のリストで書いてください。' });
    } else if (options.tags.length) {
      for (const tag of list as string[]) {
        if (options.tags.includes(tag)) continue;
        const normalized = options.tags.find((t) => t.toLowerCase() === tag.trim().toLowerCase());
        const suggestion = normalized ?? closest(tag, options.tags, Math.max(2, Math.floor(tag.length / 3)));
        const item = layout.lines.slice(start, end).findIndex((l) => l.includes(tag) && /^\s*-\s|tags\s*:/.test(l));
        findings.push({
          line: item < 0 ? lineOf('tags') : start + item + 1, column: 1, rule: 'front-matter/tag',
          message: `タグ ${JSON.stringify(tag)} は _config.yml の check.tags にありません。`,
          ...(suggestion ? { suggestion } : {}),
        });
      }
    }
  }
  if (data.title !== undefined && data.title !== null && typeof data.title !== 'string') {
    findings.push({ line: lineOf('title'), column: 1, rule: 'front-matter/type', message: 'title は文字列で書いてください。' });
  }
  if (data.disableDisclaimer !== undefined && typeof data.disableDisclaimer !== 'boolean') {
    findings.push({ line: lineOf('disableDisclaimer'), column: 1, rule: 'front-matter/type', message: `disableDisclaimer は true か false で書いてください (${JSON.stringify(data.disableDisclaimer)} になっています)。` });
  }
  const known = new Set([...KNOWN_KEYS, ...options.extraKeys]);
  for (const key of Object.keys(data)) {
    if (known.has(key)) continue;
    const suggestion = closest(key, known, 2);
    findings.push({ line: lineOf(key), column: 1, rule: 'front-matter/unknown-key', message: `フロントマターの ${key} は使われない項目です。`, ...(suggestion ? { suggestion } : {}) });
  }
  return findings;
}
