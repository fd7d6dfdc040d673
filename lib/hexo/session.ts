/**
 * One Hexo run and what it logs. Hexo logs "Script load failed" and carries on when a plugin
 * throws; here every error it logs is collected, so the build can fail on it, and stack traces of
 * errors that the failure reports in one line are left out unless `--verbose`.
 */
import type Hexo from 'hexo';
import { readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { format, stripVTControlCharacters } from 'node:util';
import { installJsxCache } from '../theme/jsx-cache';
import { loadedFeatures } from './plugin';

/** Every error logged or thrown while building, in the order they happened. */
export class BuildFailed extends Error {
  constructor(readonly errors: string[]) {
    super(`ビルドに失敗しました (エラー ${errors.length} 件):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'BuildFailed';
  }
}

export interface SessionOptions {
  /** Configuration files, relative to the site folder or absolute. */
  config: string[];
  /** The Hexo command the session is for: the publishing gate only warns in `server`. */
  command: 'generate' | 'server';
  verbose?: boolean;
  /** No output at all (tests). */
  silent?: boolean;
  /** Where Hexo keeps its database and merges several configuration files (never the site folder). */
  workDir?: string;
  /**
   * The last successful build had the same settings, theme and tool: icarus's check of its
   * configuration (an AJV schema compiled on every run, 0.3 s) would find what it found then.
   */
  themeConfigChecked?: boolean;
}

/** icarus reads its command-line switches from process.argv while its scripts load. */
const SKIP_THEME_CHECK = '--icarus-dont-check-config';

/** An initialised Hexo and the errors it logged since. */
export interface Session {
  hexo: Hexo;
  errors: string[];
}

/** Creates and initialises Hexo for baseDir; errors logged while loading fail it. */
export async function openSession(baseDir: string, options: SessionOptions): Promise<Session> {
  // Loaded here, not with this module: a build with nothing changed never needs Hexo (0.27 s).
  const { default: HexoClass } = await import('hexo');
  // Before Hexo loads the theme's renderer, which compiles the layouts as it requires them.
  installJsxCache(baseDir, path.join(options.workDir ?? path.join(baseDir, '.build'), 'cache', 'jsx'));
  const hexo = new HexoClass(baseDir, { silent: options.silent ?? false, _: [options.command], config: options.config.join(','), ...(options.workDir ? { output: options.workDir } : {}) });
  // Hexo keeps rendered articles in db.json and reuses them while the Markdown is unchanged, even
  // after our plugins or the configuration changed: every run starts from a fresh database.
  await fs.rm(hexo.database.options.path, { force: true });
  const errors = captureLog(hexo, options);
  const skip = options.themeConfigChecked && !process.argv.includes(SKIP_THEME_CHECK);
  if (skip) process.argv.push(SKIP_THEME_CHECK);
  try {
    await hexo.init();
  } finally {
    if (skip) process.argv.splice(process.argv.lastIndexOf(SKIP_THEME_CHECK), 1);
  }
  // Saving the database on exit (every rendered article as one JSON string) only costs time.
  hexo.extend.filter.unregister('before_exit', require('hexo/dist/plugins/filter/before_exit/save_database') as (...args: unknown[]) => unknown);
  nameFileOnRenderError(hexo, baseDir);
  skipSourceHashes(hexo);
  if (!loadedFeatures(hexo)) errors.push('独自プラグイン (scripts/support-blog.js) が読み込まれていません。`npm run build:ts` を実行してください。');
  if (errors.length) {
    await hexo.exit().catch(() => undefined);
    throw new BuildFailed(errors);
  }
  return { hexo, errors };
}

interface CacheModel {
  findById(id: string): unknown;
  insert(doc: { _id: string; hash: string; modified: number }): PromiseLike<unknown>;
  compareFile(id: string, hash: (id: string) => PromiseLike<string>, stat: (id: string) => PromiseLike<{ mtime: Date }>): PromiseLike<{ type: string }>;
}

/**
 * Hexo reads every source file once more to hash it for its Cache model, so that the next run on
 * the same database can skip unchanged files. Every run here starts from a fresh database that is
 * never saved, and nothing else reads the hashes: a new file is recorded without one.
 */
function skipSourceHashes(hexo: Hexo): void {
  const cache = hexo.model('Cache') as unknown as CacheModel;
  const compare = cache.compareFile;
  cache.compareFile = function (this: CacheModel, id, hash, stat) {
    if (this.findById(id)) return compare.call(this, id, hash, stat);
    return stat(id).then((stats) => this.insert({ _id: id, hash: '', modified: stats.mtime.getTime() })).then(() => ({ type: 'create' }));
  };
}

/** Hexo rejects a failed article render without saying which article: add its path. */
function nameFileOnRenderError(hexo: Hexo, baseDir: string): void {
  const post = hexo.post as unknown as { render(source: string, data: object): Promise<unknown> };
  const render = post.render.bind(post);
  post.render = (source, data) => render(source, data).catch((err: unknown) => {
    if (err instanceof Error && source && !err.message.includes(source)) {
      throw new Error(`${path.relative(baseDir, source)}: ${err.message}`, { cause: err });
    }
    throw err;
  });
}

function captureLog(hexo: Hexo, options: SessionOptions): string[] {
  const errors: string[] = [];
  const log = hexo.log as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of ['error', 'fatal'] as const) {
    const original = log[level]!.bind(log);
    log[level] = (...args: unknown[]) => {
      // Hexo colours file names when it thinks it writes to a terminal (or CI is set).
      const plain = args.map((a) => (typeof a === 'string' ? stripVTControlCharacters(a) : a));
      errors.push(frontMatterError(hexo, plain) ?? formatLog(plain));
      // The one-line summary is printed when the build fails; the stack only with --verbose.
      if (options.verbose || !hasStack(plain)) original(...args);
    };
  }
  return errors;
}

function hasStack(args: unknown[]): boolean {
  return args.some((a) => a instanceof Error || (a !== null && typeof a === 'object' && 'err' in a));
}

/**
 * Hexo reports broken front-matter as "Process failed: <path>" with a js-yaml error whose line
 * counts from the first YAML line; authors need the line in the file.
 */
function frontMatterError(hexo: Hexo, args: unknown[]): string | undefined {
  const [first, message, file] = args;
  const err = (first as { err?: unknown } | undefined)?.err as { name?: string; reason?: string; mark?: { line: number; column: number } } | undefined;
  if (message !== 'Process failed: %s' || typeof file !== 'string' || err?.name !== 'YAMLException' || !err.mark) return undefined;
  const full = path.join(hexo.source_dir, file);
  let text = '';
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    // The file is gone: report the line within the front-matter.
  }
  const opening = /^\uFEFF?---[ \t]*\r?\n/.test(text) ? 1 : 0;
  const rel = path.relative(hexo.base_dir, full).split(path.sep).join('/');
  return `${rel}:${err.mark.line + 1 + opening}:${err.mark.column + 1}: front-matter の YAML を読めません (${err.reason ?? 'YAML error'})`;
}

/** Formats hexo-log arguments (`{ err }, 'message %s', value`) as one line plus the error's cause. */
export function formatLog(args: unknown[]): string {
  let err: unknown;
  if (args.length && args[0] && typeof args[0] === 'object' && !(args[0] instanceof Error) && 'err' in args[0]) {
    err = (args[0] as { err: unknown }).err;
    args = args.slice(1);
  } else if (args[0] instanceof Error) {
    err = args[0];
    args = args.slice(1);
  }
  const message = args.length ? format(...args) : '';
  return [message, err === undefined ? '' : describeError(err)].filter(Boolean).join(': ');
}

/** An error as one line: its message, and the cause's where ours only adds context. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause : undefined;
  return cause && !err.message.includes(cause.message) ? `${err.message} (${cause.message})` : err.message;
}
