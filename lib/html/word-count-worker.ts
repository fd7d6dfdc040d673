/**
 * Counts the words of a share of the content files for the stylesheet purge (lib/html/purge-css.ts),
 * so that a full build reads its pages on both cores. Replies with each word's count, or an error.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { countFiles, type SignedFile } from './word-count';

try {
  parentPort!.postMessage({ counts: countFiles(workerData as SignedFile[], readFileSync) });
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
