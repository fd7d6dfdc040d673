import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { alive } from '../build/process';

/** What the cache remembers of a URL that was checked successfully. */
export interface CacheEntry {
  checkedAt: string;
  /** Where a permanent redirect ended, so a warm run still reports `link/redirected`. */
  redirectedTo?: string;
  /** The page was fetched and its fragment found. */
  fragmentChecked?: boolean;
}

interface CacheFile {
  version: 1;
  entries: Record<string, CacheEntry>;
}

/**
 * Successful link checks with the time they were made. Failures are never stored, so a broken
 * link is checked again on every run. Saved atomically: written to a temporary file, then renamed,
 * so a killed run or two runs at once never leave a corrupt file.
 */
export class LinkCache {
  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, CacheEntry>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Loads the cache file; a missing or unreadable file gives an empty cache, and entries that are
   * not what this class writes are dropped. A path that is not a file is an error before any fetch.
   */
  static async load(file: string, ttlDays: number, now: () => number = Date.now): Promise<LinkCache> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && !stat.isFile()) throw new Error(`links.cache_file の ${file} はファイルではありません。ファイルのパスを指定してください。`);
    await removeStaleTemps(file);
    const entries = new Map<string, CacheEntry>();
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
      if (data.version === 1 && data.entries && typeof data.entries === 'object' && !Array.isArray(data.entries)) {
        for (const [url, entry] of Object.entries(data.entries)) if (isEntry(entry)) entries.set(url, entry);
      }
    } catch {
      // No cache yet, or a file from something else: start empty.
    }
    return new LinkCache(file, entries, ttlDays * 86_400_000, now);
  }

  /** The entry for a URL if it was checked within the TTL. */
  get(url: string): CacheEntry | undefined {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    const age = this.now() - Date.parse(entry.checkedAt);
    return age >= 0 && age < this.ttlMs ? entry : undefined;
  }

  set(url: string, entry: Omit<CacheEntry, 'checkedAt'>): void {
    this.entries.set(url, { checkedAt: new Date(this.now()).toISOString(), ...entry });
  }

  /** Writes the cache, dropping expired entries. */
  async save(): Promise<void> {
    const entries: Record<string, CacheEntry> = {};
    for (const [url] of [...this.entries].sort(([a], [b]) => a.localeCompare(b))) {
      const entry = this.get(url);
      if (entry) entries[url] = entry;
    }
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    // A run killed while writing leaves no half-written file behind, as far as the process can tell.
    const cleanup = () => rmSync(temp, { force: true });
    process.once('exit', cleanup);
    try {
      await fs.writeFile(temp, `${JSON.stringify({ version: 1, entries } satisfies CacheFile, null, 2)}\n`);
      await fs.rename(temp, this.file);
    } finally {
      process.off('exit', cleanup);
      await fs.rm(temp, { force: true });
    }
  }
}

/** Whether a value read from the cache file is an entry this class wrote. */
function isEntry(value: unknown): value is CacheEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  if (typeof e.checkedAt !== 'string' || Number.isNaN(Date.parse(e.checkedAt))) return false;
  if (e.redirectedTo !== undefined && (typeof e.redirectedTo !== 'string' || !/^https?:\/\//.test(e.redirectedTo))) return false;
  return e.fragmentChecked === undefined || typeof e.fragmentChecked === 'boolean';
}

/** Removes temporary files of earlier runs that were killed (their process no longer exists). */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.map(async (name) => {
    const m = name.startsWith(prefix) ? /^(\d+)\.[a-z0-9]+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m || alive(Number(m[1]))) return;
    await fs.rm(path.join(dir, name), { force: true });
  }));
}

