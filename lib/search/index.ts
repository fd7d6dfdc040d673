/**
 * Japanese full-text search without an external service: Pagefind indexes the built pages (only
 * article bodies, marked with data-pagefind-body) into public/pagefind/, which the browser loads
 * in small fragments on demand.
 *
 * Pagefind holds every page's words in memory until it writes the index (about 1 MB per 20 KB
 * article, 2.9 GB at 3,000), so a large site is indexed in parts of at most `pagesPerIndex`
 * articles, one Pagefind process after another, and the browser merges the parts when it searches.
 * The build hands pages over while it renders ({@link StreamingIndex}), so the indexing overlaps
 * the rendering instead of following it.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { linkPublished } from '../build/staging';
import { escapeHtml } from '../text/html';

/** Lists the extra parts (paths relative to pagefind/) for the browser; always written. */
export const PARTS_FILE = 'support-blog-parts.json';
/**
 * Small enough that editing one article re-indexes a quarter of a 1,000-article site (Pagefind
 * takes about 9 s for 1,000 pages on this machine, 2 s for 250), large enough to keep the parts a
 * search loads few.
 */
export const DEFAULT_PAGES_PER_INDEX = 250;

/** Result of indexing: how many pages went in, in how many parts. */
export interface SearchIndexResult {
  pages: number;
  parts: number;
}

const ARTICLE = '<article class="card-content article"';
// Complete tag text, which an article's own words cannot produce (their '<' is escaped).
const MARKED_ARTICLE = `${ARTICLE} data-pagefind-body`;

const META = '<div class="article-meta ';

/** Put in a page's content, keeps the page out of the site search (a list such as 全記事一覧). */
export const NO_SEARCH_MARK = '<!--sb-no-search-->';

/**
 * Marks an article page's body for the index; lists (index, tags, archives, pages carrying
 * {@link NO_SEARCH_MARK}) are left out. The dates line above the title is left out too: it would
 * open every result's excerpt.
 */
export function markSearchBody(html: string): string {
  if (html.includes(NO_SEARCH_MARK)) return html.replace(NO_SEARCH_MARK, '');
  if (!/<h1 class="title[^"]*">/.test(html)) return html;
  const start = html.indexOf(ARTICLE);
  if (start < 0) return html;
  const meta = html.indexOf(META, start);
  const marked = meta < 0 ? html : `${html.slice(0, meta)}<div data-pagefind-ignore class="article-meta ${html.slice(meta + META.length)}`;
  return `${marked.slice(0, start)}${MARKED_ARTICLE}${marked.slice(start + ARTICLE.length)}`;
}

/** Folder of part i under pagefind/ (part 0 is pagefind/ itself, which the browser loads first). */
export function partFolder(i: number): string {
  return i === 0 ? '' : `part-${i + 1}/`;
}

/** One part's index, as the indexer drives it (Pagefind's, or a stand-in in tests). */
export interface PartIndex {
  add(sourcePath: string, html: string): Promise<void>;
  write(outputPath: string): Promise<void>;
  /** Frees the part's memory (Pagefind's process ends). */
  close(): Promise<void>;
}

/**
 * Runs `start` and returns the child processes it spawned synchronously. Pagefind's Node API
 * starts its process inside createIndex and never says when it dies: it answers no more, and
 * every request waits for ever (the build then hung, or ended with nothing written and exit code 0).
 */
function spawnedBy<T>(start: () => T): { result: T; children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  const spawn = childProcess.spawn;
  childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
    const child = spawn(...args);
    children.push(child);
    return child;
  }) as typeof spawn;
  try {
    return { result: start(), children };
  } finally {
    childProcess.spawn = spawn;
  }
}

/** Pagefind, one process per part, so the memory of one part is returned before the next. */
export async function openPagefindPart(): Promise<PartIndex> {
  const pagefind = await import('pagefind');
  let closing = false;
  // Pagefind prints its lost connection with a stack trace, next to the one line the build reports.
  let stopped: unknown;
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    if (args[0] === 'Service stopped') stopped = args[1];
    else consoleError.apply(console, args);
  };
  const { result, children } = spawnedBy(() => pagefind.createIndex({}));
  // Rejects when Pagefind's process ends before we close it: each request races it.
  const died = new Promise<never>((_, reject) => {
    for (const child of children) {
      child.once('exit', (code, signal) => {
        if (!closing) reject(new Error(`Pagefind のプロセスが索引を書き終える前に終了しました (${signal ? `シグナル ${signal}` : `終了コード ${code}`})`));
      });
    }
  });
  died.catch(() => undefined);
  const answer = <T>(request: Promise<T>): Promise<T> => Promise.race([request, died]).catch(async (err: unknown) => {
    if (!(stopped instanceof Error)) throw err;
    // The lost connection and the end of the process come in either order; the end says more.
    await Promise.race([died, new Promise((resolve) => setTimeout(resolve, 1000))]);
    throw new Error(`Pagefind のプロセスとの接続が切れました (${stopped.message})`);
  });
  const close = async () => {
    closing = true;
    try {
      await pagefind.close();
    } finally {
      console.error = consoleError;
    }
  };
  const { index, errors } = await answer(result).catch(async (err: unknown) => {
    await close().catch(() => undefined);
    throw err;
  });
  if (!index) {
    await close();
    throw new Error(`Pagefind: ${errors.join('; ')}`);
  }
  return {
    async add(sourcePath, content) {
      const added = await answer(index.addHTMLFile({ sourcePath, content }));
      if (added.errors.length) throw new Error(`Pagefind (${sourcePath}): ${added.errors.join('; ')}`);
    },
    async write(outputPath) {
      const written = await answer(index.writeFiles({ outputPath }));
      if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    },
    close,
  };
}

export interface StreamingIndexOptions {
  pagesPerIndex?: number;
  /** The pagefind/ folder to write. */
  output: string;
  open?: () => Promise<PartIndex>;
  /**
   * The last build's index: a part whose pages (and salt) are the same as last time is linked from
   * its folder there instead of indexed again. Its pages are held back and compared one by one
   * with the last build's as they come; at the first that differs, the part's Pagefind process
   * starts with the pages held so far, so a changed part is indexed while the rest still renders.
   */
  previous?: { state: IndexState; folder(part: number): string };
  /** What else the index bytes depend on (Pagefind's version, the settings): part of every digest. */
  salt?: string;
}

/** What the next build compares its index with. */
export interface IndexState {
  /** Each part's digest (salt, size and pages); null when not comparable (an empty site's). */
  parts: (string | null)[];
  /** Each page's digest, in index order. */
  pages: string[];
}

interface Part {
  index: number;
  /** Pagefind's process for the part, once started. */
  open?: Promise<PartIndex>;
  adds: Promise<void>[];
  /** The part's pages while it may still turn out as last time. */
  held?: [string, Page][];
  hash: Hash;
}

/**
 * A page's HTML, or a function that builds an article's document for the index
 * ({@link searchDocument}): built only if its part is indexed, not for a part taken from the last
 * build (three quarters of the articles after editing one at 1,000).
 */
export type Page = string | (() => string);

/**
 * Indexes article pages while the build is still rendering the rest: each is handed over as soon
 * as it is rendered and goes to Pagefind (in its own process, on another core) in that order. The
 * same pages in the same order give the same index bytes, and by the end of the build little is
 * left to write.
 */
export class StreamingIndex {
  private partSize = Infinity;
  private readonly max: number;
  /** Settles when the last closed part has been written and its process has ended. */
  private done: Promise<void> = Promise.resolve();
  private failure: unknown;
  private part: Part | undefined;
  private parts = 0;
  /** For the next build. */
  readonly state: IndexState = { parts: [], pages: [] };
  /** Parts linked from the last build. */
  reused = 0;
  private pages = 0;
  private readonly openPart: () => Promise<PartIndex>;

  constructor(private readonly options: StreamingIndexOptions) {
    this.max = options.pagesPerIndex ?? DEFAULT_PAGES_PER_INDEX;
    if (!Number.isInteger(this.max) || this.max < 1) throw new RangeError(`parts need at least one item each, got ${this.max}`);
    this.openPart = options.open ?? openPagefindPart;
  }

  /**
   * How many articles will come at most (the site's posts and pages), before the first: sizes the
   * parts. Parts of equal size keep Pagefind's ranking statistics alike across parts.
   */
  plan(expected: number): void {
    if (!Number.isInteger(expected) || expected < 0) throw new RangeError(`expected a count of articles, got ${expected}`);
    const count = Math.max(1, expected);
    this.partSize = Math.ceil(count / Math.ceil(count / this.max));
  }

  /**
   * A rendered page of the site, in the order the index is to hold them; only article pages
   * (marked for search) are indexed. The page goes to its part's Pagefind process at once, without
   * waiting for the previous one: the process handles its messages one by one in the order they
   * were sent, so the order stays fixed, and it keeps working while this process is busy rendering.
   * `standsFor`, when given, is compared with the last build's in place of the page: a short text
   * that changes whenever the page does (an article's is the key of its rendering with its title and
   * tags), so that a thousand pages are not hashed whole. A page given as a function is an
   * article's document and needs `standsFor`.
   */
  offer(route: string, html: Page, standsFor?: string): void {
    if (this.ending || (typeof html === 'string' ? !html.includes(MARKED_ARTICLE) : standsFor === undefined)) return;
    if (this.partSize === Infinity) this.plan(this.max);
    const slot = this.pages++;
    if (this.part && slot >= (this.part.index + 1) * this.partSize) this.closePart();
    if (!this.part) this.part = this.startPart();
    const part = this.part;
    const page = createHash('sha256').update(standsFor === undefined ? `${route}\0${html as string}` : `${route}\0\0${standsFor}`).digest('hex');
    this.state.pages[slot] = page;
    part.hash.update(`${page}\0`);
    if (part.held && this.options.previous?.state.pages[slot] !== page) this.release(part);
    if (part.held) part.held.push([route, html]);
    else this.add(part, route, html);
  }

  private startPart(): Part {
    const part: Part = { index: this.parts++, adds: [], hash: createHash('sha256').update(`${this.options.salt ?? ''}\0${this.partSize}\0`) };
    if (typeof this.options.previous?.state.parts[part.index] === 'string') part.held = [];
    else this.launch(part);
    return part;
  }

  /** Starts the part's Pagefind process once the previous part's has ended (one at a time). */
  private launch(part: Part, after = this.done): void {
    part.open = after.then(() => this.openPart());
    part.open.catch(() => undefined);
  }

  /** The part differs from the last build's: index the pages held so far, and the rest as they come. */
  private release(part: Part, after = this.done): void {
    const held = part.held ?? [];
    part.held = undefined;
    this.launch(part, after);
    for (const [route, html] of held) this.add(part, route, html);
  }

  private add(part: Part, route: string, page: Page): void {
    const html = typeof page === 'string' ? page : page();
    part.adds.push(part.open!.then((index) => index.add(route, html)).catch((err: unknown) => this.fail(err)));
  }

  private fail(err: unknown): void {
    this.failure ??= err;
  }

  private closePart(): void {
    const part = this.part!;
    this.part = undefined;
    const digest = part.hash.digest('hex');
    this.state.parts[part.index] = this.pages ? digest : null;
    const folder = path.join(this.options.output, partFolder(part.index));
    const previous = this.done;
    this.done = (async () => {
      if (part.held) {
        await previous;
        if (this.options.previous!.state.parts[part.index] === digest && await linkPart(this.options.previous!.folder(part.index), folder, part.index === 0)) {
          this.reused++;
          return;
        }
        // Fewer pages than last time, or the last build's files are gone.
        this.release(part, Promise.resolve());
      }
      const index = await part.open!.catch((err: unknown) => this.fail(err));
      if (!index) return;
      try {
        await Promise.all(part.adds);
        if (this.failure) return;
        await index.write(folder);
        if (part.index > 0) await keepIndexOnly(folder);
      } catch (err) {
        this.fail(err);
      } finally {
        await index.close().catch((err: unknown) => this.fail(err));
      }
    })();
  }

  private ending: Promise<SearchIndexResult> | undefined;

  /**
   * No more pages will come: the last part is written now, while the build goes on with the rest
   * of the site. Never rejects; {@link finish} reports the outcome.
   */
  end(): void {
    this.ending ??= this.complete();
    this.ending.catch(() => undefined);
  }

  /** Ends the input if that has not happened yet and waits for the index to be written. */
  finish(): Promise<SearchIndexResult> {
    this.end();
    return this.ending!;
  }

  /** Writes the last part and the list of parts. */
  private async complete(): Promise<SearchIndexResult> {
    // A site without articles yet still gets an index (and the search UI's files).
    if (this.parts === 0) this.part = this.startPart();
    if (this.part) this.closePart();
    await this.done;
    if (this.failure) throw this.failure;
    const extra = Array.from({ length: this.parts - 1 }, (_, i) => partFolder(i + 1));
    await fs.writeFile(path.join(this.options.output, PARTS_FILE), `${JSON.stringify(extra)}\n`);
    return { pages: this.pages, parts: this.parts };
  }
}

/** What the search index needs of one article. */
export interface SearchDocument {
  lang: string;
  title: string;
  /** The article's rendered HTML, as it appears in its page. */
  content: string;
  tags: string[];
}

/**
 * The part of an article's page that the index reads (its title, body and tags, inside the
 * data-pagefind-body element), built from the rendered article before its page exists. The page
 * itself adds only what the index ignores (dates, heading permalinks, navigation).
 */
export function searchDocument(doc: SearchDocument): string {
  const tags = doc.tags.length ? `<div class="article-tags"><span>#</span>${doc.tags.map((t) => `<a>${escapeHtml(t)}</a>`).join('')}</div>` : '';
  return `<!DOCTYPE html><html lang="${escapeHtml(doc.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head><body>` +
    `${ARTICLE} data-pagefind-body><h1 class="title">${escapeHtml(doc.title)}</h1><div class="content">${doc.content}</div>${tags}</article></body></html>`;
}

/**
 * Links a part's files from the last build (they never change once published); false when it is
 * gone. Part 0 is pagefind/ itself, without the other parts' folders and their list.
 */
async function linkPart(from: string, to: string, first: boolean): Promise<boolean> {
  const entries = await fs.readdir(from, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return false;
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(from, path.join(e.parentPath, e.name)))
    .filter((rel) => !first || (!/^part-\d+[\\/]/.test(rel) && rel !== PARTS_FILE));
  const linked: string[] = [];
  try {
    for (const rel of files) {
      await linkPublished(path.join(from, rel), path.join(to, rel));
      linked.push(rel);
    }
  } catch {
    // Gone while linking (another build replaced the site): index the part again instead.
    for (const rel of linked) await fs.rm(path.join(to, rel), { force: true });
    return false;
  }
  return files.length > 0;
}

/** Extra parts are loaded through the first part's scripts; their own copies would only weigh. */
async function keepIndexOnly(folder: string): Promise<void> {
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name !== 'pagefind-entry.json' && !entry.name.endsWith('.pf_meta')) {
      await fs.rm(path.join(folder, entry.name));
    }
  }
}
