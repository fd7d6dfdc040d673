/**
 * icarus ships all of Bulma (about 225 KB of CSS) and a page uses about a twentieth of it. After a
 * build, the rules whose selectors match nothing in the built HTML or in the site's own scripts
 * (which add classes at run time) are dropped from icarus's stylesheet.
 *
 * PurgeCSS keeps a rule when the words of its selectors occur in the content (its default
 * extractor takes every run of [A-Za-z0-9_-] as a word), so the result depends only on the set of
 * words in all pages. A build keeps, per word, how many content files hold it: the next build reads
 * only the files that are not the last build's (hard-linked pages are), and takes the last
 * stylesheet when neither the words nor the theme's stylesheet changed.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { filesUnder, relativeTo } from '../build/walk';
import { applyFiles, type SignedFile } from './word-count';

export { contentWords } from './word-count';

/** icarus's stylesheet, which {@link purgeThemeCss} rewrites in place. */
export const THEME_STYLESHEET = 'css/default.css';

/** What the next build needs to purge incrementally. */
export interface PurgeState {
  /** Digest of the unpurged stylesheet and the words that count for it: equal keys, equal stylesheets. */
  key: string;
  /** Per word, the number of content files that hold it. */
  counts: Record<string, number>;
}

/** The last build's site (as published, not edited since) and what it purged with. */
export interface PurgePrevious {
  siteDir: string;
  state: PurgeState;
}

export interface PurgeResult {
  before: number;
  after: number;
  state: PurgeState;
  /** True when the last build's stylesheet was taken as it was. */
  reused: boolean;
  /** Content files read (the others were the last build's). */
  read: number;
}

/** PurgeCSS's content globs `**\/*.html` and `js/*.js`: no dot-folders or dot-files, as fast-glob. */
export function isContentFile(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.some((p) => p.startsWith('.'))) return false;
  return rel.endsWith('.html') || (parts.length === 2 && parts[0] === 'js' && rel.endsWith('.js'));
}

/** The content files of siteDir (listed synchronously, lib/build/walk.ts); throws when it cannot be read. */
function contentFiles(siteDir: string): string[] {
  return filesUnder(siteDir).map((e) => relativeTo(siteDir, path.join(e.parentPath, e.name))).filter(isContentFile).sort();
}

const identity = (file: string): string | undefined => {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? `${stat.dev}:${stat.ino}` : undefined;
};

/**
 * The word counts of siteDir's content files, read in full or (with the last build's site and
 * counts) by reading only the files that are not the same file as the last build's.
 */
async function wordCounts(siteDir: string, previous: PurgePrevious | undefined): Promise<{ counts: Map<string, number>; read: number }> {
  const counts = new Map(previous ? Object.entries(previous.state.counts) : []);
  const files: SignedFile[] = [];
  const last = previous?.siteDir;
  // The last build's files that this build has no file of: their words go.
  const listed = last ? contentFiles(last) : [];
  const gone = new Set(listed);
  for (const rel of contentFiles(siteDir)) {
    const now = path.join(siteDir, rel);
    if (last && gone.delete(rel)) {
      const before = path.join(last, rel);
      const id = identity(now);
      if (id !== undefined && id === identity(before)) continue;
      files.push([before, -1]);
    }
    files.push([now, 1]);
  }
  for (const rel of gone) files.push([path.join(last!, rel), -1]);
  await applyFiles(counts, files, readFileSync);
  // Published files never change, but a build that publishes meanwhile removes the last site: if
  // it went while it was read, the counts are wrong and the caller counts everything again.
  if (last && contentFiles(last).join('\n') !== listed.join('\n')) throw new Error(`${last} changed while it was read`);
  return { counts, read: files.length };
}

/** The text of a stylesheet with its escapes (`\31 0`, `\:`) replaced by what they stand for. */
function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([\s\S])/g, (_, hex: string | undefined, char: string | undefined) => {
    if (hex === undefined) return char ?? '';
    const code = parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

const SUBSTRING_OPERATOR = /[~|^$*]=/g;
const SUBSTRING_ATTRIBUTE = /\[\s*[^\s\]~|^$*=]+\s*[~|^$*]=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*(?:[iIsS]\s*)?\]/g;

/**
 * Which words can change what PurgeCSS keeps of this stylesheet, or undefined when that cannot be
 * told. PurgeCSS compares a selector's classes, ids, tags, attribute names and values with the
 * words as a whole (each of them is a word of the stylesheet's text), and looks for the value of
 * `[a^=v]`, `[a$=v]`, `[a*=v]`, `[a~=v]` and `[a|=v]` inside the words. A word that is neither
 * changes nothing (say, the milliseconds of a timestamp). Compared without case, to err on the
 * side of keeping.
 */
export function relevantWords(css: string): ((word: string) => boolean) | undefined {
  const text = `${css}\n${unescapeCss(css)}`.toLowerCase();
  const attributes = [...text.matchAll(SUBSTRING_ATTRIBUTE)];
  // An operator that is not in an attribute selector as read here (a string, an unusual form):
  // every word may count.
  if ((text.match(SUBSTRING_OPERATOR)?.length ?? 0) !== attributes.length) return undefined;
  const fragments = attributes.flatMap((m) => (m[1] ?? m[2] ?? m[3] ?? '').split(/\s+/).filter(Boolean));
  const words = new Set(text.match(/[a-z0-9_-]+/g) ?? []);
  return (word) => {
    const lower = word.toLowerCase();
    return words.has(lower) || fragments.some((f) => lower.includes(f));
  };
}

function stateOf(css: string, counts: Map<string, number>): PurgeState {
  const words = [...counts.keys()].sort();
  const relevant = relevantWords(css);
  const keyed = relevant ? words.filter(relevant) : words;
  const key = createHash('sha256').update(css).update('\0').update(keyed.join('\n')).digest('hex');
  return { key, counts: Object.fromEntries(words.map((w) => [w, counts.get(w)!])) };
}

/**
 * Rewrites siteDir/css/default.css without unused rules. With the last build's site and state,
 * reads only the pages that changed, and purges only when the words or the stylesheet did.
 */
export async function purgeThemeCss(siteDir: string, previous?: PurgePrevious, stylesheet = THEME_STYLESHEET): Promise<PurgeResult> {
  const file = path.join(siteDir, stylesheet);
  const css = await fs.readFile(file, 'utf8');
  const before = Buffer.byteLength(css);
  const { counts, read } = await wordCounts(siteDir, previous).catch(() => wordCounts(siteDir, undefined));
  const state = stateOf(css, counts);
  if (previous && previous.state.key === state.key) {
    const last = await fs.readFile(path.join(previous.siteDir, stylesheet)).catch(() => undefined);
    if (last) {
      await fs.writeFile(file, last);
      return { before, after: last.length, state, reused: true, read };
    }
  }
  // The words as one text: the default extractor finds exactly them again.
  // Loaded only when a stylesheet is purged: not by a build with nothing changed (0.09 s).
  const { PurgeCSS } = await import('purgecss');
  const [result] = await new PurgeCSS().purge({
    content: [{ raw: Object.keys(state.counts).join(' '), extension: 'html' }],
    css: [{ raw: css }],
  });
  if (!result) throw new Error(`nothing to purge in ${stylesheet}`);
  await fs.writeFile(file, result.css);
  return { before, after: Buffer.byteLength(result.css), state, reused: false, read };
}

/** A state read back from disk, or undefined when it is not one. */
export function readPurgeState(value: unknown): PurgeState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { key, counts } = value as Partial<PurgeState>;
  if (typeof key !== 'string' || !counts || typeof counts !== 'object') return undefined;
  if (!Object.values(counts).every((n) => Number.isInteger(n) && n > 0)) return undefined;
  return { key, counts };
}
