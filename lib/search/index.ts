/**
 * Japanese full-text search without an external service: Pagefind indexes the built pages (only
 * article bodies, marked with data-pagefind-body) into public/pagefind/, which the browser loads
 * in small fragments on demand.
 *
 * Pagefind holds every page's words in memory until it writes the index (about 1 MB per 20 KB
 * article, 2.9 GB at 3,000), so a large site is indexed in parts of at most `pagesPerIndex`
 * articles, one Pagefind process after another, and the browser merges the parts when it searches.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Lists the extra parts (paths relative to pagefind/) for the browser; always written. */
export const PARTS_FILE = 'support-blog-parts.json';
export const DEFAULT_PAGES_PER_INDEX = 1000;

export interface SearchIndexOptions {
  /** Most articles one Pagefind process indexes; more make several parts. */
  pagesPerIndex?: number;
  /** A scratch folder on the same disk as siteDir, removed afterwards. */
  workDir: string;
}

/** Result of indexing: how many pages went in, in how many parts. */
export interface SearchIndexResult {
  pages: number;
  parts: number;
}

const ARTICLE = '<article class="card-content article"';
// Complete tag text, which an article's own words cannot produce (their '<' is escaped).
const MARKED_ARTICLE = `${ARTICLE} data-pagefind-body`;

const META = '<div class="article-meta ';

/**
 * Marks an article page's body for the index; lists (index, tags, archives) are left out. The
 * dates line above the title is left out too: it would open every result's excerpt.
 */
export function markSearchBody(html: string): string {
  if (!/<h1 class="title[^"]*">/.test(html)) return html;
  const start = html.indexOf(ARTICLE);
  if (start < 0) return html;
  const meta = html.indexOf(META, start);
  const marked = meta < 0 ? html : `${html.slice(0, meta)}<div data-pagefind-ignore class="article-meta ${html.slice(meta + META.length)}`;
  return `${marked.slice(0, start)}${MARKED_ARTICLE}${marked.slice(start + ARTICLE.length)}`;
}

/**
 * Splits items, in order, into the fewest runs of at most `max` whose sizes differ by one at
 * most: parts of equal size keep Pagefind's ranking statistics alike across parts.
 */
export function splitEvenly<T>(items: readonly T[], max: number): T[][] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`parts need at least one item each, got ${max}`);
  const count = Math.max(1, Math.ceil(items.length / max));
  const parts: T[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.floor(items.length / count) + (i < items.length % count ? 1 : 0);
    parts.push(items.slice(start, start + size));
    start += size;
  }
  return parts;
}

/** Folder of part i under pagefind/ (part 0 is pagefind/ itself, which the browser loads first). */
export function partFolder(i: number): string {
  return i === 0 ? '' : `part-${i + 1}/`;
}

/** Indexes the article pages of siteDir (a generated site) into siteDir/pagefind; throws with Pagefind's errors. */
export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const articles = await articlePages(siteDir);
  const parts = splitEvenly(articles, options.pagesPerIndex ?? DEFAULT_PAGES_PER_INDEX);
  const output = path.join(siteDir, 'pagefind');
  let pages = 0;
  try {
    for (const [i, part] of parts.entries()) {
      // Pagefind takes a folder; a mirror of hard links gives it just this part under the same URLs.
      const mirror = path.join(options.workDir, String(i));
      await linkAll(siteDir, mirror, part);
      pages += await indexFolder(mirror, path.join(output, partFolder(i)));
      await fs.rm(mirror, { recursive: true, force: true });
      if (i > 0) await keepIndexOnly(path.join(output, partFolder(i)));
    }
  } finally {
    await fs.rm(options.workDir, { recursive: true, force: true });
  }
  const extra = parts.slice(1).map((_, i) => partFolder(i + 1));
  await fs.writeFile(path.join(output, PARTS_FILE), `${JSON.stringify(extra)}\n`);
  return { pages, parts: parts.length };
}

/** One Pagefind process per part, so the memory of one part is returned before the next. */
async function indexFolder(folder: string, outputPath: string): Promise<number> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: folder });
    if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/** HTML files (relative, sorted) whose body is marked for the index. */
async function articlePages(siteDir: string): Promise<string[]> {
  const files = (await fs.readdir(siteDir, { recursive: true }))
    .filter((f) => f.endsWith('.html') && !f.startsWith(`pagefind${path.sep}`))
    .sort();
  const mark = Buffer.from(MARKED_ARTICLE);
  const marked: string[] = [];
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64);
    const pages = await Promise.all(batch.map((f) => fs.readFile(path.join(siteDir, f))));
    batch.forEach((f, j) => {
      if (pages[j]!.includes(mark)) marked.push(f);
    });
  }
  return marked;
}

async function linkAll(from: string, to: string, files: readonly string[]): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const file of files) {
    const target = path.join(to, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.link(path.join(from, file), target).catch(() => fs.copyFile(path.join(from, file), target));
  }
}

/** Extra parts are loaded through the first part's scripts; their own copies would only weigh. */
async function keepIndexOnly(folder: string): Promise<void> {
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name !== 'pagefind-entry.json' && !entry.name.endsWith('.pf_meta')) {
      await fs.rm(path.join(folder, entry.name));
    }
  }
}
