/**
 * The worker thread that compresses and writes kept renderings (lib/build/render-cache.ts): on
 * a core the build's own thread does not use, and outside libuv's pool, where compressing would
 * hold up the build's file operations. Each entry is written whole (temp file, then rename) or not
 * at all.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';

/** One entry to write. */
export interface WriterEntry { file: string; temp: string; bytes: Uint8Array }

/** Entries to write, or the end of the entries. */
export type WriterMessage = WriterEntry[] | 'end';

parentPort?.on('message', (message: WriterMessage) => {
  if (message === 'end') {
    parentPort!.postMessage('done');
    return;
  }
  for (const entry of message) {
    try {
      // Brotli's lowest quality: at 1,000 articles a third of gzip's time (level 1) for a smaller
      // file, and as fast to read back.
      writeFileSync(entry.temp, zlib.brotliCompressSync(entry.bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }));
      renameSync(entry.temp, entry.file);
    } catch {
      rmSync(entry.temp, { force: true }); // only a later miss: the article is rendered again
    }
  }
});
