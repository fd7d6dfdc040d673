/**
 * icarus's stylesheets: our stylus variables, and their compilation moved off the main thread.
 * Stylus takes about 3.5 s for icarus's three stylesheets, on the thread that renders every page.
 * When the build starts generating, they are sent to a worker thread, which runs the same
 * renderer (hexo-renderer-stylus's, given the site's and the theme's settings and our variables)
 * while the articles render here; Hexo's render of each file then takes the worker's CSS. That is
 * only done where it gives the same CSS: Hexo's stylus renderer is hexo-renderer-stylus's, our
 * variables are the only `stylus:renderer` filter, and the file's text is the one sent. Otherwise,
 * or when the worker fails, Hexo compiles it here as before and reports its own errors.
 * `css.worker: false` in _config.yml turns it off.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { defineLiterals, type Style, type StylusJob, type StylusReply } from '../build/stylus-compile';
import { siteOptionsOf, type Feature } from './plugin';
import { takenFromLast } from './reuse';

/** System font stacks: icarus's defaults put a Chinese font before Japanese ones on Windows. */
export const FONT_STACKS = {
  sans: '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "BIZ UDPGothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif',
  code: 'SFMono-Regular, Consolas, "Liberation Mono", Menlo, "BIZ UDGothic", monospace',
};

/** icarus declares its style variables with `?=`, so values defined beforehand win. */
export const STYLUS_VARIABLES: [string, string][] = [
  ['$family-sans-serif', FONT_STACKS.sans],
  ['$family-code', FONT_STACKS.code],
  ['$body-size', '15px'],
];

function defineVariables(style: Style): void {
  defineLiterals(style, require('stylus') as Parameters<typeof defineLiterals>[1], STYLUS_VARIABLES);
}

type Renderer = ((this: unknown, data: { path?: string; text?: string }, options: object) => Promise<unknown>) & { output?: string; disableNunjucks?: boolean };
interface AssetDoc { source: string; path: string }

const STYLUS_EXTENSIONS = ['styl', 'stylus'];

/**
 * icarus's stylesheets: one per variant, and the base both import. A page links only its
 * variant's (layout/common/head.jsx: `/css/<variant>.css`).
 */
export const ICARUS_SHEETS = ['default', 'cyberpunk', 'style'];

/**
 * The theme's stylesheets no page links: every icarus sheet but the variant's. Compiling them took
 * about two thirds of stylus's 3.5 s, on the core Pagefind indexes on; they were written as
 * /css/style.css and /css/cyberpunk.css and never read. Nothing is left out for a theme that lacks
 * any of icarus's sheets, or for a variant icarus does not have.
 */
export function unusedThemeSheets(sheets: string[], variant: unknown): string[] {
  const name = variant ?? 'default';
  const known = new Set(ICARUS_SHEETS.map((n) => `css/${n}.styl`));
  if (typeof name !== 'string' || name === 'style' || !known.has(`css/${name}.styl`) || [...known].some((k) => !sheets.includes(k))) return [];
  return [...known].filter((k) => k !== `css/${name}.styl`);
}

/**
 * One worker for the build's stylesheets; it ends once every answer is in after {@link close}.
 * An answer that cannot come (the worker failed or ended) is `undefined`: compiled here then.
 */
class StylusWorker {
  private readonly worker = new Worker(path.join(__dirname, '../build/stylus-worker.js'));
  private readonly pending = new Map<number, (css: string | undefined) => void>();
  private next = 0;
  private closed = false;
  private ended = false;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (reply: StylusReply) => this.settle(reply.id, 'css' in reply ? reply.css : undefined));
    this.worker.on('error', () => this.end());
    this.worker.on('exit', () => this.end());
  }

  compile(job: Omit<StylusJob, 'id'>): Promise<string | undefined> {
    if (this.ended || this.closed) return Promise.resolve(undefined);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.worker.postMessage({ ...job, id } satisfies StylusJob);
      } catch {
        this.settle(id, undefined); // settings a thread cannot be sent (a function): compiled here
      }
    });
  }

  /** No more jobs: the worker ends with the last answer. */
  close(): void {
    this.closed = true;
    if (!this.pending.size) void this.worker.terminate();
  }

  private settle(id: number, css: string | undefined): void {
    this.pending.get(id)?.(css);
    this.pending.delete(id);
    if (this.closed && !this.pending.size) void this.worker.terminate();
  }

  private end(): void {
    this.ended = true;
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
  }
}

const stylesheet: Feature = {
  name: 'stylesheet',
  register(hexo) {
    hexo.extend.filter.register('stylus:renderer', defineVariables);
    // Before the stylesheets are sent to the worker (priority 4) and before any generator runs.
    hexo.extend.filter.register('before_generate', async () => {
      const themeCss = path.join(hexo.theme_dir, 'source', 'css');
      const assets = (hexo.model('Asset').toArray() as unknown as (AssetDoc & { remove(): Promise<unknown> })[])
        .filter((asset) => path.dirname(asset.source) === themeCss);
      const unused = new Set(unusedThemeSheets(assets.map((a) => a.path), (hexo.theme.config as { variant?: unknown }).variant));
      for (const asset of assets) if (unused.has(asset.path)) await asset.remove();
    }, 3);
    if (!siteOptionsOf(hexo).css.worker || hexo.env.cmd === 'server') return;
    let rendererModule: string;
    try {
      rendererModule = require.resolve('hexo-renderer-stylus/lib/renderer', { paths: [hexo.theme_dir ?? hexo.base_dir, hexo.base_dir] });
    } catch {
      return;
    }
    // By full source path: what the worker is compiling, and from which text.
    const compiled = new Map<string, { text: string; css: Promise<string | undefined> }>();
    const ours = new Map<string, Renderer>();
    for (const ext of STYLUS_EXTENSIONS) {
      const original = hexo.extend.renderer.get(ext) as Renderer | undefined;
      if (!original) continue;
      const wrapped: Renderer = async function (this: unknown, data, options) {
        const job = data.path === undefined ? undefined : compiled.get(data.path);
        if (job && job.text === data.text) {
          compiled.delete(data.path!);
          const css = await job.css;
          if (css !== undefined) return css;
        }
        return original.call(this, data, options);
      };
      wrapped.disableNunjucks = original.disableNunjucks;
      hexo.extend.renderer.register(ext, original.output ?? 'css', wrapped as never);
      ours.set(ext, wrapped);
    }

    // After the shared digest (priority 2), long before the articles render (9).
    hexo.extend.filter.register('before_generate', async () => {
      const filters = hexo.extend.filter.list('stylus:renderer' as never) as unknown[];
      if (filters.length !== 1 || filters[0] !== defineVariables) return;
      if (![...ours].every(([ext, fn]) => hexo.extend.renderer.get(ext) === fn)) return;
      const sheets = (hexo.model('Asset').toArray() as unknown as AssetDoc[])
        .filter((asset) => STYLUS_EXTENSIONS.includes(path.extname(asset.path).slice(1)))
        // A stylesheet the build takes from the last one is not compiled at all.
        .filter((asset) => !takenFromLast(hexo, asset.path.replace(/\.[^.]+$/, '.css'), 'asset'))
        .sort((a, b) => (a.source < b.source ? -1 : 1));
      if (!sheets.length) return;
      const worker = new StylusWorker();
      const config = hexo.config as { stylus?: unknown };
      for (const sheet of sheets) {
        // As Hexo reads it (hexo-fs: without a BOM, LF line ends); another text is compiled here.
        const text = (await fs.readFile(sheet.source, 'utf8').catch(() => undefined))?.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
        if (text === undefined) continue;
        compiled.set(sheet.source, {
          text,
          css: worker.compile({ renderer: rendererModule, path: sheet.source, text, siteStylus: config.stylus ?? {}, themeConfig: hexo.theme.config, variables: STYLUS_VARIABLES }),
        });
      }
      worker.close();
    }, 4);
  },
};

export default stylesheet;
