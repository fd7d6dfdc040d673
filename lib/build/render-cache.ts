/**
 * Rendered articles kept between builds, so that a build after editing one article renders that
 * article only. An entry is found by a key of everything the rendering reads: the shared digest
 * (settings, plugins, theme, other files, every article's front-matter and path: see
 * lib/build/reuse.ts), the article's own text and its dates and authors. It holds what rendering
 * set on Hexo's article (HTML, excerpt, TOC flag, …) and the article's model for the checks.
 * Entries are v8-serialized (Maps and Dates survive; moment values are stored as ISO strings) and
 * gzip-compressed on libuv's threads, off the build's own: 175 KB of Japanese HTML and model per
 * article on disk would be 175 MB at 1,000 articles.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import moment from 'moment';

/** What rendering an article produced. */
export interface RenderedEntry {
  /** The article's fields that rendering set or changed. */
  fields: Record<string, unknown>;
  /** Its model and lines for the publishing gate, when it has one. */
  model?: unknown;
}

const MOMENT = '$moment';
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

function encode(value: unknown): unknown {
  return moment.isMoment(value) ? { [MOMENT]: value.toISOString() } : value;
}

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && MOMENT in value) return moment((value as Record<string, string>)[MOMENT]);
  return value;
}

/** The key of an article's rendering from everything it reads. */
export function renderKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The fields of `after` that differ from `before` (by identity), ready to store. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (before[key] !== after[key]) fields[key] = encode(after[key]);
  return fields;
}

/** A folder of rendered articles, one file per key; entries no build used are removed by {@link prune}. */
export class RenderCache {
  private readonly used = new Set<string>();
  /** Renderings found and renderings made in this build. */
  hits = 0;
  misses = 0;
  private readonly writes: Promise<void>[] = [];

  /** `read: false` (a forced build) renders everything but still keeps the results for the next build. */
  constructor(readonly dir: string, private readonly read = true) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.bin.gz`);
  }

  async get(key: string): Promise<RenderedEntry | undefined> {
    if (!this.read) return undefined;
    const bytes = await fs.readFile(this.file(key)).catch(() => undefined);
    if (!bytes) return undefined;
    let entry: RenderedEntry;
    try {
      entry = v8.deserialize(await gunzip(bytes)) as RenderedEntry;
    } catch {
      return undefined; // a torn or foreign file: render again
    }
    if (!entry || typeof entry !== 'object' || !entry.fields || typeof entry.fields !== 'object') return undefined;
    this.used.add(key);
    this.hits++;
    return { fields: Object.fromEntries(Object.entries(entry.fields).map(([k, v]) => [k, decode(v)])), model: entry.model };
  }

  /** Stores an entry in the background (written whole or not at all); {@link flush} waits. */
  put(key: string, entry: RenderedEntry): void {
    this.misses++;
    let bytes: Buffer;
    try {
      bytes = v8.serialize(entry);
    } catch {
      return; // a value that cannot be stored (a function a plugin left on the article): not kept
    }
    this.used.add(key);
    const temp = `${this.file(key)}.${process.pid}.tmp`;
    this.writes.push(fs.mkdir(this.dir, { recursive: true })
      .then(() => gzip(bytes, { level: 1 }))
      .then((packed) => fs.writeFile(temp, packed))
      .then(() => fs.rename(temp, this.file(key)))
      .catch(() => fs.rm(temp, { force: true })));
  }

  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }

  /** Removes the entries this build did not use (and temp files of dead writers). */
  async prune(): Promise<void> {
    await this.flush();
    for (const name of await fs.readdir(this.dir).catch(() => [] as string[])) {
      if (!this.used.has(name.replace(/\.bin\.gz$/, ''))) await fs.rm(path.join(this.dir, name), { force: true });
    }
  }
}
