/**
 * The worker thread that reads and decompresses kept renderings ahead of the build
 * (lib/build/render-cache.ts), in the order the build asks for them. Reading them with Node's
 * promise-based files API and decompressing in libuv's pool cost the build's own thread about
 * 0.35 s at 1,000 articles (opening, reading and closing each file is a round trip through it, and
 * each chunk of decompressed output is handed to it); here the build's thread only takes batches.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import zlib from 'node:zlib';

/** What the build sends: the files to read, in order, or how many entries it has taken so far. */
export type ReaderRequest = { files: string[]; window: number; batch: number } | { taken: number };

/** What the reader sends back: the next entries, each decompressed or null (missing, torn). */
export interface ReaderBatch { first: number; entries: (Uint8Array | null)[] }

let files: string[] = [];
let window = 0;
let batch = 1;
let next = 0;
let taken = 0;

function read(file: string): Uint8Array | null {
  try {
    return zlib.brotliDecompressSync(readFileSync(file));
  } catch {
    return null;
  }
}

/** Reads on while the build holds fewer than `window` entries it has not taken. */
function pump(): void {
  while (next < files.length && next - taken < window) {
    const first = next;
    const entries: (Uint8Array | null)[] = [];
    while (entries.length < batch && next < files.length) entries.push(read(files[next++]!));
    // Moved, not copied: each entry in a buffer of its own (never a slice of a shared pool).
    const own = entries.map((e) => (e === null || (e.byteOffset === 0 && e.byteLength === e.buffer.byteLength) ? e : new Uint8Array(e)));
    parentPort!.postMessage({ first, entries: own } satisfies ReaderBatch, own.flatMap((e) => (e ? [e.buffer as ArrayBuffer] : [])));
  }
}

parentPort?.on('message', (message: ReaderRequest) => {
  if ('files' in message) {
    ({ files, window, batch } = message);
  } else {
    taken = Math.max(taken, message.taken);
  }
  pump();
});
