/**
 * Rendered articles kept between builds, so that a build after editing one article renders that
 * article only. An entry is found by a key of everything the rendering reads: the shared digest
 * (settings, plugins, theme, other files, every article's front-matter and path: see
 * lib/build/reuse.ts), the article's own text and its dates and authors. It holds what rendering
 * set on Hexo's article (HTML, excerpt, TOC flag, …) and what the publishing gate keeps of it
 * (lib/hexo/articles.ts: its outline and the findings of its own rules).
 * Entries are v8-serialized (Maps and Dates survive; moment values are stored as ISO strings) and
 * Brotli-compressed by a worker thread (lib/build/render-cache-writer.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { ReaderBatch, ReaderRequest } from './render-cache-reader';
import type { WriterEntry, WriterMessage } from './render-cache-writer';
import moment from 'moment';

/** What rendering an article produced. */
export interface RenderedEntry {
  /** The article's fields that rendering set or changed. */
  fields: Record<string, unknown>;
  /** Its model and lines for the publishing gate, when it has one. */
  model?: unknown;
}

const MOMENT = '$moment';
/** An entry's file name after its key. */
export const ENTRY = '.bin.br';
/**
 * Entries handed to the writer at a time. Each message wakes the writer's thread, and on a busy
 * machine the build's thread waited about 0.7 ms per message (0.8 s at 1,000 articles).
 */
const WRITE_BATCH = 16;
/** Entries read ahead and not yet taken, at most: enough to stay ahead, few enough to stay small. */
const READ_AHEAD = 32;
/** Entries the reader sends at a time, and taken between two words to it of how far the build is. */
const READ_BATCH = 8;

function encode(value: unknown): unknown {
  return moment.isMoment(value) ? { [MOMENT]: value.toISOString() } : value;
}

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && MOMENT in value) return moment((value as Record<string, string>)[MOMENT]);
  return value;
}

const SLICE = '$slice';
const RAW = '$raw';

interface Model { raw?: unknown }

/**
 * A string found in `whole`, as a marker of where (start and length); otherwise the string itself.
 * Hexo's `more` is the HTML after the read-more mark, which the footer then follows.
 */
const sliceOf = (value: unknown, whole: unknown): unknown => {
  if (typeof value !== 'string' || value.length <= 256 || typeof whole !== 'string') return value;
  const at = whole.indexOf(value);
  return at < 0 ? value : { [SLICE]: [at, value.length] };
};
const fromSlice = (value: unknown, whole: unknown): unknown => {
  if (!value || typeof value !== 'object' || !(SLICE in value) || typeof whole !== 'string') return value;
  const [at, length] = (value as Record<string, [number, number]>)[SLICE]!;
  return whole.slice(at, at + length);
};

/**
 * An entry without the text it repeats: Hexo's `more` is part of the HTML, the model's source is
 * the article's, which the next build has anyway. Each is left out only where it is exactly
 * that text.
 */
export function packEntry(entry: RenderedEntry, raw: string): RenderedEntry {
  const fields = { ...entry.fields, ...('more' in entry.fields ? { more: sliceOf(entry.fields.more, entry.fields.content) } : {}) };
  const model = entry.model as Model | undefined;
  if (!model || typeof model !== 'object') return { fields, model };
  return { fields, model: model.raw === raw ? { ...model, raw: RAW } : model };
}

export function unpackEntry(entry: RenderedEntry, raw: string): RenderedEntry {
  const fields = { ...entry.fields, ...('more' in entry.fields ? { more: fromSlice(entry.fields.more, entry.fields.content) } : {}) };
  const model = entry.model as Model | undefined;
  if (!model || typeof model !== 'object') return { fields, model };
  if (model.raw === RAW) model.raw = raw;
  return { fields, model };
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
  /** The reader's order, and the keys in it not yet asked for (by their place). */
  private keys: string[] = [];
  private order = new Map<string, number>();
  /** Entries the reader sent before they were asked for, and the gets waiting for theirs. */
  private readonly arrived = new Map<number, Uint8Array | null>();
  private readonly waiting = new Map<number, (bytes: Uint8Array | null | Promise<Uint8Array | null>) => void>();
  private reader: Worker | undefined;
  /** How far the build has asked (one past the furthest place), and how far the reader was told. */
  private taken = 0;
  private told = 0;
  private writer: Worker | undefined;
  private pending: WriterEntry[] = [];
  /** Renderings found and renderings made in this build. */
  hits = 0;
  misses = 0;

  /** `read: false` (a forced build) renders everything but still keeps the results for the next build. */
  constructor(readonly dir: string, private readonly read = true) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}${ENTRY}`);
  }

  /**
   * Has the entries of these keys read ahead by a worker thread, in this order, a few at a time:
   * the articles are rendered one after another, and reading each only when it is asked for would
   * wait for the disk every time.
   */
  prefetch(keys: string[]): void {
    if (!this.read || this.reader || !keys.length) return;
    this.keys = keys;
    this.order = new Map(keys.map((key, i) => [key, i]));
    const reader = new Worker(path.join(__dirname, 'render-cache-reader.js'));
    this.reader = reader;
    const stop = () => {
      if (this.reader !== reader) return;
      this.reader = undefined;
      void reader.terminate();
      // What it did not send is read here: those waiting now, and the rest when asked for.
      for (const [at, resolve] of this.waiting) resolve(this.readNow(keys[at]!));
      this.waiting.clear();
    };
    reader.on('message', ({ first, entries }: ReaderBatch) => {
      entries.forEach((bytes, i) => {
        const resolve = this.waiting.get(first + i);
        if (resolve) {
          this.waiting.delete(first + i);
          if (!this.waiting.size) reader.unref();
          resolve(bytes);
        } else if (this.order.has(keys[first + i]!)) {
          this.arrived.set(first + i, bytes);
        }
      });
      if (first + entries.length >= keys.length) stop();
    });
    reader.on('error', stop);
    // The reader holds the process open only while a get waits for it (see takeAhead): a build
    // that stops asking (it failed, or it has all it needs) does not wait for it. After the
    // listeners, which hold it open again.
    reader.unref();
    reader.postMessage({ files: keys.map((key) => this.file(key)), window: READ_AHEAD, batch: READ_BATCH } satisfies ReaderRequest);
  }

  /** The entry read ahead for this key: its bytes, null when it could not be read, undefined when none is coming. */
  private takeAhead(key: string): Promise<Uint8Array | null> | undefined {
    const at = this.order.get(key);
    if (at === undefined) return undefined;
    this.order.delete(key);
    // Keys passed over are read when asked for, if ever: waiting for the reader to come back to
    // them could wait for ever, as it only reads on as the build takes what it has sent.
    for (let i = this.taken; i < at; i++) {
      this.order.delete(this.keys[i]!);
      this.arrived.delete(i);
    }
    this.taken = Math.max(this.taken, at + 1);
    if (this.reader && this.taken - this.told >= READ_BATCH) {
      this.told = this.taken;
      this.reader.postMessage({ taken: this.taken } satisfies ReaderRequest);
    }
    if (this.arrived.has(at)) {
      const bytes = this.arrived.get(at)!;
      this.arrived.delete(at);
      return Promise.resolve(bytes);
    }
    if (!this.reader) return undefined;
    this.reader.ref();
    return new Promise((resolve) => this.waiting.set(at, resolve));
  }

  /** An entry not read ahead, needed now: read and decompressed here. */
  private readNow(key: string): Promise<Uint8Array | null> {
    return fs.readFile(this.file(key)).then((b) => zlib.brotliDecompressSync(b)).catch(() => null);
  }

  async get(key: string): Promise<RenderedEntry | undefined> {
    if (!this.read) return undefined;
    const bytes = await (this.takeAhead(key) ?? this.readNow(key));
    if (!bytes) return undefined;
    let entry: RenderedEntry;
    try {
      entry = v8.deserialize(bytes) as RenderedEntry;
    } catch {
      return undefined; // a torn or foreign file: render again
    }
    if (!entry || typeof entry !== 'object' || !entry.fields || typeof entry.fields !== 'object') return undefined;
    this.used.add(key);
    this.hits++;
    return { fields: Object.fromEntries(Object.entries(entry.fields).map(([k, v]) => [k, decode(v)])), model: entry.model };
  }

  /**
   * Keeps an entry: serialized here, compressed and written by a worker thread while the build
   * goes on (compressing in libuv's pool held up the build's file operations: 2.5 s more at 1,000
   * articles). {@link flush} waits for the writes.
   */
  put(key: string, entry: RenderedEntry): void {
    this.misses++;
    let bytes: Buffer;
    try {
      bytes = v8.serialize(entry);
    } catch {
      return; // a value that cannot be stored (a function a plugin left on the article): not kept
    }
    this.used.add(key);
    if (!this.writer) {
      mkdirSync(this.dir, { recursive: true });
      this.writer = new Worker(path.join(__dirname, 'render-cache-writer.js'));
      this.writer.unref();
    }
    // The bytes move to the worker without a copy when they fill their own buffer.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
    this.pending.push({ file: this.file(key), temp: `${this.file(key)}.${process.pid}.tmp`, bytes: own });
    if (this.pending.length >= WRITE_BATCH) this.post();
  }

  /** Hands the pending entries to the writer. */
  private post(): void {
    if (!this.writer || !this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.writer.postMessage(batch satisfies WriterMessage, batch.map((entry) => entry.bytes.buffer as ArrayBuffer));
  }

  /** Waits until every kept entry is written, and ends the worker. */
  async flush(): Promise<void> {
    this.post();
    const writer = this.writer;
    if (!writer) return;
    this.writer = undefined;
    await new Promise<void>((resolve) => {
      writer.once('message', () => resolve());
      writer.once('error', () => resolve());
      writer.once('exit', () => resolve());
      writer.postMessage('end' satisfies WriterMessage);
    });
    await writer.terminate();
  }

  /** Removes the entries this build did not use (and temp files of dead writers). */
  async prune(): Promise<void> {
    await this.flush();
    for (const name of await fs.readdir(this.dir).catch(() => [] as string[])) {
      if (!name.endsWith(ENTRY) || !this.used.has(name.slice(0, -ENTRY.length))) await fs.rm(path.join(this.dir, name), { force: true });
    }
  }
}
