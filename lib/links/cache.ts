import { promises as fs } from 'node:fs';
import path from 'node:path';

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

  /** Loads the cache file; a missing or unreadable file gives an empty cache. */
  static async load(file: string, ttlDays: number, now: () => number = Date.now): Promise<LinkCache> {
    let entries = new Map<string, CacheEntry>();
    try {
      const data = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
      if (data.version === 1 && data.entries && typeof data.entries === 'object') entries = new Map(Object.entries(data.entries));
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
    await fs.writeFile(temp, `${JSON.stringify({ version: 1, entries } satisfies CacheFile, null, 2)}\n`);
    await fs.rename(temp, this.file);
  }
}
