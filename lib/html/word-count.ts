/**
 * The word counts the stylesheet purge keeps (lib/html/purge-css.ts): per word, how many content
 * files hold it. A full build counts about 1,500 pages (3 s at 1,000 articles); those are shared
 * between worker threads, one per core, while the build's own thread waits for them anyway.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A file whose words are added (1) or taken away (-1). */
export type SignedFile = [file: string, by: 1 | -1];

/** Below this many files one thread counts them: starting threads would cost more. */
const SHARE_FROM = 200;
const YOUNG_MB = 8;

/** The words PurgeCSS's default extractor finds in a text, once each. */
export function contentWords(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z0-9_-]+/g) ?? []);
}

/** Adds each word of `words` to its count (`by`); a count that reaches 0 is removed. */
export function count(counts: Map<string, number>, words: Iterable<string>, by: number): void {
  for (const word of words) {
    const n = (counts.get(word) ?? 0) + by;
    if (n > 0) counts.set(word, n);
    else counts.delete(word);
  }
}

/** The change to the counts that these files make (negative where they take away), read with `read`. */
export function countFiles(files: SignedFile[], read: (file: string, encoding: 'utf8') => string): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [file, by] of files) {
    for (const word of contentWords(read(file, 'utf8'))) delta.set(word, (delta.get(word) ?? 0) + by);
  }
  return delta;
}

function countInWorker(files: SignedFile[]): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    // A small young generation: with the default, the two threads added 70 MB to the build's peak
    // memory at 1,000 articles (the counting only keeps its map between files).
    const worker = new Worker(path.join(__dirname, 'word-count-worker.js'), { workerData: files, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    worker.once('message', (reply: { counts?: Map<string, number>; error?: string }) => {
      void worker.terminate();
      if (reply.counts) resolve(reply.counts);
      else reject(new Error(reply.error ?? 'word count failed'));
    });
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('word count worker ended without an answer')));
  });
}

/** Applies the files' words to `counts`, in worker threads when there are many. */
export async function applyFiles(counts: Map<string, number>, files: SignedFile[], read: (file: string, encoding: 'utf8') => string): Promise<void> {
  const threads = Math.min(Math.max(1, os.availableParallelism()), Math.ceil(files.length / SHARE_FROM));
  const deltas = threads <= 1
    ? [countFiles(files, read)]
    : await Promise.all(Array.from({ length: threads }, (_, i) => countInWorker(files.filter((_, j) => j % threads === i))));
  for (const delta of deltas) for (const [word, by] of delta) count(counts, [word], by);
}
