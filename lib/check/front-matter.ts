import { positionOf } from '../article/model';
import type { Finding } from '../diagnostics/diagnostic';
import type { FrontMatter } from '../markdown/front-matter';
import { closest } from '../text/distance';
import { mergeTocOptions, DEFAULT_TOC } from '../toc/options';

/** Front-matter keys Hexo, icarus or this project understand. */
export const KNOWN_KEYS = [
  'title', 'date', 'updated', 'tags', 'categories', 'disableDisclaimer', 'toc', 'article_id', 'layout', 'permalink',
  'comments', 'excerpt', 'description', 'keywords', 'lang', 'language', 'published', 'author', 'cover', 'thumbnail',
  'og_image', 'sidebar', 'widgets', 'draft', 'outdated',
];

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;
/** Years a support article can be dated in; anything else is a typing mistake (and a strange archive folder). */
export const YEARS = { min: 1970, max: 2100 };

/** Checks a date as authors write it: `2024-05-07 12:00:00`, zero padding optional (with a warning). */
export function checkDate(value: string): { valid: boolean; padded?: string } {
  const m = DATE.exec(value.trim());
  if (!m) return { valid: false };
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? '0') as string[];
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  const valid = +y! >= YEARS.min && +y! <= YEARS.max && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! && +h < 24 && +mi < 60 && +s < 60;
  if (!valid) return { valid };
  const pad = (v: string) => v.padStart(2, '0');
  const padded = `${y}-${pad(mo!)}-${pad(d!)}${m[4] !== undefined ? ` ${pad(h)}:${pad(mi)}:${pad(s)}` : ''}`;
  return padded === value.trim() ? { valid } : { valid, padded };
}

export interface FrontMatterOptions {
  tags: string[];
  categories: string[];
  extraKeys: string[];
}

/** Where a value is written on its line, for a fix that replaces exactly it. */
function valueColumn(lineText: string | undefined, value: string): number | undefined {
  if (lineText === undefined) return undefined;
  const at = lineText.indexOf(value, lineText.indexOf(':') + 1);
  return at < 0 ? undefined : at + 1;
}

/** Front-matter rules: present and readable, required keys, dates, tags, types and unknown keys. */
export function checkFrontMatter(fm: FrontMatter, options: FrontMatterOptions, lines: string[]): Finding[] {
  if (fm.problem) {
    const { rule, message } = fm.problem;
    return [{ rule, ...positionOf(fm.problem), message }];
  }
  const findings: Finding[] = [];
  const data = fm.written;
  const lineOf = (key: string) => fm.keyLines.get(key) ?? fm.yamlLine ?? 1;
  // Top-level keys start their line; a key that is not there has no column.
  const keyAt = (key: string) => (fm.keyLines.has(key) ? { line: lineOf(key), column: 1 } : { line: lineOf(key) });
  for (const key of ['title', 'date', 'tags']) {
    const v = data[key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      findings.push({ line: fm.yamlLine ?? 1, rule: 'front-matter/required', message: `フロントマターに ${key} がありません。` });
    }
  }
  for (const key of ['date', 'updated']) {
    const v = data[key];
    if (v === undefined || v === null) continue;
    const result = typeof v === 'string' ? checkDate(v) : { valid: false };
    const line = lineOf(key);
    if (!result.valid) {
      findings.push({ ...keyAt(key), rule: 'front-matter/date', message: `${key} の日時 ${JSON.stringify(v)} を読めません。${YEARS.min}〜${YEARS.max} 年の「2024-05-07 12:00:00」の形で書いてください。` });
    } else if (result.padded) {
      const column = valueColumn(lines[line - 1], String(v).trim());
      findings.push({
        line, ...(column ? { column } : {}), rule: 'front-matter/date-format', message: `${key} の日時はゼロ埋めで書いてください。`, suggestion: result.padded,
        ...(column ? { fix: { line, column, before: String(v).trim(), after: result.padded } } : {}),
      });
    }
  }
  const tags = data.tags;
  if (tags !== undefined && tags !== null) {
    const list = typeof tags === 'string' ? [tags] : Array.isArray(tags) ? tags : undefined;
    if (!list || list.some((t) => typeof t !== 'string')) {
      findings.push({ ...keyAt('tags'), rule: 'front-matter/type', message: 'tags は文字列のリストで書いてください。' });
    } else {
      const start = lineOf('tags');
      let cursor = start;
      for (const tag of list as string[]) {
        // Each tag on its own line after `tags:` (or on that line, in the `[a, b]` form).
        let line = cursor;
        for (let l = cursor; l < cursor + 50 && l <= lines.length; l++) {
          if (lines[l - 1]?.includes(tag)) {
            line = l;
            break;
          }
        }
        cursor = line;
        const trimmed = tag.trim();
        if (trimmed !== tag) {
          const column = valueColumn(lines[line - 1]?.replace(/^(\s*)-/, '$1:'), tag);
          findings.push({
            line, ...(column ? { column } : {}), rule: 'front-matter/tag', message: `タグ ${JSON.stringify(tag)} の前後に空白があります。`, suggestion: trimmed,
            ...(column ? { fix: { line, column, before: tag, after: trimmed } } : {}),
          });
          continue;
        }
        if (!options.tags.length || options.tags.includes(tag)) continue;
        const normalized = options.tags.find((t) => t.toLowerCase() === trimmed.toLowerCase());
        const suggestion = normalized ?? closest(tag, options.tags, Math.max(2, Math.floor(tag.length / 3)));
        const column = valueColumn(lines[line - 1]?.replace(/^(\s*)-/, '$1:'), tag);
        findings.push({
          line, ...(column ? { column } : {}), rule: 'front-matter/tag',
          message: `タグ ${JSON.stringify(tag)} は _config.yml の check.tags にありません。`,
          ...(suggestion ? { suggestion } : {}),
        });
      }
    }
  }
  const categories = data.categories;
  if (categories !== undefined && categories !== null && options.categories.length) {
    const names = (Array.isArray(categories) ? categories.flat() : [categories]).filter((c): c is string => typeof c === 'string');
    for (const name of names) {
      if (options.categories.includes(name)) continue;
      const suggestion = closest(name, options.categories, Math.max(2, Math.floor(name.length / 3)));
      findings.push({ ...keyAt('categories'), rule: 'front-matter/category', message: `カテゴリ ${JSON.stringify(name)} は _config.yml の check.categories にありません。`, ...(suggestion ? { suggestion } : {}) });
    }
  }
  const title = fm.data.title;
  if (title !== undefined && title !== null && typeof title !== 'string') {
    findings.push({ ...keyAt('title'), rule: 'front-matter/type', message: `title は文字列で書いてください (今の値: ${JSON.stringify(title)})。` });
  }
  if (data.outdated !== undefined && data.outdated !== null && typeof data.outdated !== 'boolean' && typeof data.outdated !== 'string') {
    findings.push({ ...keyAt('outdated'), rule: 'front-matter/type', message: `outdated は true か、表示する文 (文字列) で書いてください (${JSON.stringify(data.outdated)} になっています)。` });
  }
  if (data.disableDisclaimer !== undefined && typeof data.disableDisclaimer !== 'boolean') {
    findings.push({ ...keyAt('disableDisclaimer'), rule: 'front-matter/type', message: `disableDisclaimer は true か false で書いてください (${JSON.stringify(data.disableDisclaimer)} になっています)。` });
  }
  try {
    for (const { key, suggestion } of mergeTocOptions(DEFAULT_TOC, fm.data.toc).unknown) {
      findings.push({ ...keyAt('toc'), rule: 'front-matter/unknown-key', message: `toc.${key} は使われない項目です。`, ...(suggestion ? { suggestion: `toc.${suggestion}` } : {}) });
    }
  } catch (err) {
    findings.push({ ...keyAt('toc'), rule: 'front-matter/type', message: `${(err as Error).message}。` });
  }
  const known = new Set([...KNOWN_KEYS, ...options.extraKeys]);
  for (const key of Object.keys(data)) {
    if (known.has(key)) continue;
    const suggestion = closest(key, known, 2);
    findings.push({ ...keyAt(key), rule: 'front-matter/unknown-key', message: `フロントマターの ${key} は使われない項目です。`, ...(suggestion ? { suggestion } : {}) });
  }
  return findings;
}
