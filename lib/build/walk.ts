/**
 * Listing a folder tree for the build's own bookkeeping (the fingerprint of its inputs, the words
 * of its pages). Synchronous on purpose: the build waits for the list anyway, and Node's
 * promise-based readdir and stat took 6 to 9 times as long (13,000 entries: 0.5–0.8 s against
 * 0.09 s; 8,500 stats: 0.33–0.44 s against 0.05–0.08 s).
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** The entries under dir, recursively, that are not folders; throws what readdir throws. */
export function filesUnder(dir: string): Dirent[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory());
}

/** An entry's path under dir with forward slashes; cut from the string where it starts with dir, as readdir's paths do. */
export function relativeTo(dir: string, full: string): string {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const rel = full.startsWith(prefix) ? full.slice(prefix.length) : path.relative(dir, full);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}
