/**
 * Build runner: `node dist/lib/cli/hexo.js generate|server [--cwd DIR] [--port N]`.
 *
 * Hexo logs "Script load failed" and carries on when a plugin throws, and writes pages into
 * public/ as it goes. This runner turns every error Hexo logs into a failed build, refuses to run
 * without our plugins, and generates into a staging folder that replaces public/ only on success.
 */
import Hexo from 'hexo';
import { format, stripVTControlCharacters } from 'node:util';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadedFeatures } from '../hexo/plugin';
import { buildSearchIndex } from '../search/index';
import { purgeThemeCss } from '../html/purge-css';
import { describeTree, fingerprint } from '../build/fingerprint';
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';
import { configFiles, loadSiteConfig, normalizeSiteOptions } from '../config/site';
import v8 from 'node:v8';

/** Every error logged or thrown while building, in the order they happened. */
export class BuildFailed extends Error {
  constructor(readonly errors: string[]) {
    super(`build failed with ${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'BuildFailed';
  }
}

export interface RunOptions {
  silent?: boolean;
  /** Build even when nothing changed since the last successful build. */
  force?: boolean;
  /** Comma-separated config files, later ones overriding earlier ones (Hexo's `--config`). */
  config?: string;
  /** The Hexo command the session is for (`generate` or `server`): the gate only warns in `server`. */
  command?: string;
}

/** Creates and initialises Hexo for baseDir; errors logged during start-up fail it. */
export async function openSite(baseDir: string, options: RunOptions = {}): Promise<{ hexo: Hexo; errors: string[] }> {
  const hexo = new Hexo(baseDir, { silent: options.silent ?? false, _: [options.command ?? 'generate'], ...(options.config ? { config: options.config } : {}) });
  // Hexo keeps rendered articles in db.json and reuses them while the Markdown is unchanged, even
  // after our plugins or the configuration changed: every run starts from a fresh database.
  await fs.rm(hexo.database.options.path, { force: true });
  const errors = captureErrors(hexo);
  await hexo.init();
  // The database is deleted before every run, so saving it on exit (every rendered article as one
  // JSON string: 100s of MB at 3,000 articles) only costs time and memory.
  hexo.extend.filter.unregister('before_exit', require('hexo/dist/plugins/filter/before_exit/save_database') as (...args: unknown[]) => unknown);
  nameFileOnRenderError(hexo, baseDir);
  if (!loadedFeatures(hexo)) {
    errors.push('the support-blog plugins did not load (scripts/support-blog.js); run `npm run build:ts` first');
  }
  if (errors.length) {
    await hexo.exit().catch(() => undefined);
    throw new BuildFailed(errors);
  }
  return { hexo, errors };
}

/** What {@link generate} did: where the site is and how long each step took (seconds). */
export interface GenerateResult {
  publicDir: string;
  timings: Record<string, number>;
  /** True when nothing had changed and the previous public/ was kept. */
  unchanged?: boolean;
}

const WRITE_CONCURRENCY = 16;

const TOOL_DIRS = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../../assets')];

interface BuildState {
  fingerprint: string;
  output: string;
}

/** Digest of public/ as the last build left it: an edited or deleted output means a rebuild. */
async function outputDigest(publicDir: string): Promise<string> {
  return createHash('sha256').update((await describeTree(publicDir)).join('\n')).digest('hex');
}

async function inputsOf(baseDir: string, options: RunOptions): Promise<string> {
  // Config files given with --config may live anywhere: their text is part of the inputs.
  const configs = (options.config ?? '').split(',').filter(Boolean);
  const texts = await Promise.all(configs.map((f) => fs.readFile(path.resolve(baseDir, f), 'utf8').catch(() => 'missing')));
  return fingerprint({ baseDir, toolDirs: TOOL_DIRS, options: configs.map((f, i) => `${f}\n${texts[i]}`), today: today(baseDir) });
}

/**
 * Today in the site's timezone, read from _config.yml without loading Hexo. A config Hexo cannot
 * read falls back to the machine's zone here; the build that follows reports it with its line.
 */
function today(baseDir: string): string {
  const format = (timeZone?: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  try {
    const config = yaml.load(readFileSync(path.join(baseDir, '_config.yml'), 'utf8')) as { timezone?: unknown } | null;
    if (typeof config?.timezone === 'string') return format(config.timezone);
  } catch {
    // Unreadable config or unknown zone.
  }
  return format();
}

/** Generates the site of baseDir; public/ is replaced only if the whole build succeeded. */
export async function generate(baseDir: string, options: RunOptions = {}): Promise<GenerateResult> {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = (performance.now() - started) / 1000;
    }
  };
  const stagingRoot = path.join(baseDir, '.build');
  const stateFile = path.join(stagingRoot, 'last-build.json');
  const inputs = await step('check', () => inputsOf(baseDir, options));
  const previous = await fs.readFile(stateFile, 'utf8').then((t) => JSON.parse(t) as BuildState, () => undefined);
  const defaultPublic = path.join(baseDir, 'public');
  if (!options.force && previous?.fingerprint === inputs && previous.output === await outputDigest(defaultPublic)) {
    return { publicDir: defaultPublic, timings, unchanged: true };
  }
  await fs.rm(stateFile, { force: true });
  const { hexo, errors } = await step('load', () => openSite(baseDir, options));
  const settings = hexo.config as SiteSettings;
  const invalid = settingErrors(settings);
  if (invalid.length) {
    await hexo.exit().catch(() => undefined);
    throw new BuildFailed(invalid);
  }
  const publicDir = hexo.public_dir.replace(/[\\/]$/, '');
  const staging = path.join(stagingRoot, `public-${process.pid}-${Date.now()}`);
  await fs.mkdir(stagingRoot, { recursive: true });
  hexo.public_dir = staging + path.sep;
  await step('generate', async () => {
    try {
      // Hexo renders every page at once by default and holds each until written: 2.8 GB at 3,000
      // articles against 1.6 GB with 16 at a time, for the same build time.
      await hexo.call('generate', { concurrency: WRITE_CONCURRENCY });
    } catch (err) {
      errors.push(describe(err));
    }
    await hexo.exit().catch((err: unknown) => errors.push(describe(err)));
  });
  // Pagefind indexes in its own process while PurgeCSS reads the same pages here.
  if (!errors.length) {
    await Promise.all([
      settings.purge_css !== false && step('css', () => purgeThemeCss(staging)).catch((err: unknown) => errors.push(describe(err))),
      settings.search_index !== false && step('search', () => buildSearchIndex(staging, {
        pagesPerIndex: settings.search_pages_per_index,
        workDir: path.join(stagingRoot, `search-${process.pid}-${Date.now()}`),
      })).catch((err: unknown) => errors.push(describe(err))),
    ]);
  }
  if (errors.length) {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rmdir(stagingRoot).catch(() => undefined);
    throw new BuildFailed(errors);
  }
  await step('swap', () => swapInto(staging, publicDir, stagingRoot));
  if (publicDir === defaultPublic) {
    await fs.mkdir(stagingRoot, { recursive: true });
    const state: BuildState = { fingerprint: inputs, output: await outputDigest(publicDir) };
    await fs.writeFile(stateFile, `${JSON.stringify(state)}\n`);
  }
  return { publicDir, timings };
}

interface SiteSettings {
  search_index?: boolean;
  search_pages_per_index?: number;
  purge_css?: boolean;
}

/** Settings the runner reads itself, checked before the build starts. */
function settingErrors(settings: SiteSettings): string[] {
  const perIndex = settings.search_pages_per_index;
  if (perIndex === undefined || (Number.isInteger(perIndex) && perIndex >= 1)) return [];
  return [`_config.yml: search_pages_per_index は 1 以上の整数にしてください (今の値: ${JSON.stringify(perIndex)})`];
}

async function swapInto(staging: string, publicDir: string, stagingRoot: string): Promise<void> {
  const old = path.join(stagingRoot, `old-${process.pid}-${Date.now()}`);
  const hadOld = await fs.rename(publicDir, old).then(() => true, (err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return false;
    throw err;
  });
  await fs.rename(staging, publicDir);
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
  await fs.rmdir(stagingRoot).catch(() => undefined);
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

function captureErrors(hexo: Hexo): string[] {
  const errors: string[] = [];
  const log = hexo.log as unknown as Record<string, (...args: unknown[]) => void>;
  for (const level of ['error', 'fatal'] as const) {
    const original = log[level]!.bind(log);
    log[level] = (...args: unknown[]) => {
      // Hexo colours file names when it thinks it writes to a terminal (or CI is set).
      const plain = args.map((a) => (typeof a === 'string' ? stripVTControlCharacters(a) : a));
      errors.push(frontMatterError(hexo, plain) ?? formatLog(plain));
      original(...args);
    };
  }
  return errors;
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

/** Formats hexo-log arguments (`{ err }, 'message %s', value`) as one line plus the error's stack. */
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
  return [message, err === undefined ? '' : describe(err)].filter(Boolean).join(': ');
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Our wrappers repeat the cause's message with context; the cause's stack is the useful one.
  if (err.cause instanceof Error) return `${err.message}\n${stackFrames(err.cause)}`;
  return err.stack ?? err.message;
}

function stackFrames(err: Error): string {
  return (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8).join('\n');
}

interface CliArgs {
  command: string;
  cwd: string;
  port?: number;
  config?: string;
  force?: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: argv[0] ?? 'generate', cwd: process.cwd() };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cwd') args.cwd = path.resolve(argv[++i] ?? '.');
    else if (a === '--port' || a === '-p') args.port = Number(argv[++i]);
    else if (a === '--config') args.config = argv[++i];
    else if (a === '--force' || a === '-f') args.force = true;
    else throw new Error(`unknown option: ${a}`);
  }
  return args;
}

/**
 * V8 lets the heap grow to up to four times what survived the last full collection before it
 * collects again; a build makes garbage fast, so it took 1.9 GB at 3,000 articles for about 0.5 GB
 * of live data. At 1.5 times the build measured 1.3 GB, in the same time.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Hexo files posts by the process's local calendar day, so on a UTC runner `2020-01-01 07:00` JST
 * would land under 2019/12/31: the build process runs in the site's timezone.
 */
async function useSiteTimezone(cwd: string, config?: string): Promise<void> {
  const { timezone } = normalizeSiteOptions(await loadSiteConfig(cwd, configFiles(config)));
  if (!timezone) return;
  // Throws RangeError for a zone name the runtime does not know.
  new Intl.DateTimeFormat('en', { timeZone: timezone });
  process.env.TZ = timezone;
}

async function main(): Promise<void> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // icarus renders with Inferno, whose development mode only adds checks and time.
  process.env.NODE_ENV ??= 'production';
  const args = parseArgs(process.argv.slice(2));
  await useSiteTimezone(args.cwd, args.config);
  if (args.command === 'generate') {
    const { publicDir, timings, unchanged } = await generate(args.cwd, { config: args.config, force: args.force });
    if (unchanged) {
      console.log(`前回のビルドから変更がないため、${path.relative(process.cwd(), publicDir) || '.'}/ をそのまま使います (作り直すには --force)。`);
      return;
    }
    const took = Object.entries(timings).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ');
    // Our own peak memory: Pagefind indexes in a process of its own, reported apart by the benchmark.
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`site written to ${path.relative(process.cwd(), publicDir) || '.'}/ (${took}; peak memory of this process ${peak} MB)`);
  } else if (args.command === 'server') {
    const { hexo } = await openSite(args.cwd, { config: args.config, command: 'server' });
    await hexo.call('server', args.port ? { port: args.port } : {});
  } else {
    throw new Error(`unknown command: ${args.command} (expected generate or server)`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof BuildFailed ? err.message : describe(err));
    process.exitCode = 1;
  });
}
