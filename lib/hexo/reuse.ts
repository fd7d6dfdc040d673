/**
 * Takes from the last build the pages whose inputs did not change (the rule: lib/build/reuse.ts).
 * The build runner attaches a {@link ReusePlan}; every generator's pages are recorded with the
 * articles they show, and once the routes are set, the pages whose keys are as last time are taken
 * out of Hexo's router (so they are not rendered) and listed for the runner to link in.
 */
import type Hexo from 'hexo';
import { split } from 'hexo-front-matter';
import type { HashCache } from '../build/fingerprint';
import type { RenderCache } from '../build/render-cache';
import { localDigest, reusableRoutes, routeKey, sharedDigest, type ArticleSummary } from '../build/reuse';
import type { Feature } from './plugin';

/** What the runner knows and gets back. */
export interface ReusePlan {
  /** The files' shared digest and the Markdown it left out (lib/build/fingerprint.ts). */
  files: string;
  articles: Record<string, string>;
  /** Filled in once the articles are loaded: the files' digest with every article's summary. */
  shared?: string;
  /** Articles rendered by earlier builds (lib/hexo/render-cache.ts). */
  renders?: RenderCache;
  /** Filled in as articles are rendered: the key of each one's rendering, by source (lib/hexo/render-cache.ts). */
  renderKeys?: Map<string, string>;
  /**
   * The last build's page keys, and how to put one of its pages in place for this build (false:
   * it is gone, render the page).
   */
  previous?: { keys: Record<string, string>; take(route: string, key: string): Promise<boolean> };
  /**
   * Content hashes of the sources that passed the checks made before Hexo reads a file
   * (lib/hexo/articles.ts) in the last build with the same `files` digest (settings, tool),
   * those that pass in this build, and this build's hashes of the files by full path.
   */
  accepted?: { before: ReadonlySet<string>; now: Set<string>; hashed: HashCache };
  /** Filled in: this build's page keys and the pages taken from the last build. */
  keys: Record<string, string>;
  reused: Set<string>;
}

interface Doc {
  source: string;
  path: string;
  raw?: string;
  title?: unknown;
  date?: { toISOString(): string };
  updated?: { toISOString(): string };
  published?: unknown;
  layout?: unknown;
  content?: unknown;
  excerpt?: unknown;
  more?: unknown;
  sb_contributors?: unknown;
  tags?: { map<T>(f: (t: { name: string }) => T): T[] };
  categories?: { map<T>(f: (t: { name: string }) => T): T[] };
}

type GeneratorFn = (this: unknown, locals: unknown) => unknown;
type GeneratorPage = { path?: unknown; data?: unknown } | null | undefined;
/** Hexo's promise of the generators' pages: a bluebird promise, whose `then` keeps it one. */
interface PagesPromise { then(f: (pages: GeneratorPage[]) => Promise<GeneratorPage[]>): PagesPromise }
type RouterRefresh = (this: unknown, running: PagesPromise, useCache: unknown) => unknown;

// Symbol.for: the runner and the plugins may be loaded as separate module instances.
const PLAN = Symbol.for('support-blog.reuse');

export function attachReusePlan(hexo: Hexo, plan: ReusePlan): void {
  (hexo as unknown as Record<symbol, ReusePlan>)[PLAN] = plan;
}

export function planOf(hexo: Hexo): ReusePlan | undefined {
  return (hexo as unknown as Record<symbol, ReusePlan | undefined>)[PLAN];
}

/** The sources of the articles a generator's page shows; undefined when its data says nothing of it. */
function shownBy(generator: string, data: unknown): string[] | undefined {
  if (generator === 'asset') return [];
  if (!data || typeof data !== 'object') return undefined;
  const d = data as { source?: unknown; posts?: { toArray?: () => Doc[] } };
  if (generator === 'post' || generator === 'page') return typeof d.source === 'string' ? [d.source] : undefined;
  return typeof d.posts?.toArray === 'function' ? d.posts.toArray().map((p) => p.source) : undefined;
}

/**
 * Whether a page of a generator whose pages show no article (a theme asset) will be taken from the
 * last build: its key is the last build's. Known before the generators run, so its work can be skipped.
 */
export function takenFromLast(hexo: Hexo, route: string, generator: 'asset'): boolean {
  const plan = planOf(hexo);
  if (plan?.shared === undefined || !plan.previous) return false;
  const key = routeKey(plan.shared, route, { generator, shown: shownBy(generator, undefined)! });
  return key !== undefined && plan.previous.keys[route] === key;
}

export const iso = (date: Doc['date']) => (date && typeof date.toISOString === 'function' ? date.toISOString() : '');
const names = (list: Doc['tags']) => list?.map((t) => t.name) ?? [];

function summary(doc: Doc): ArticleSummary {
  return {
    source: doc.source, path: doc.path, title: doc.title, date: iso(doc.date), published: doc.published, layout: doc.layout,
    tags: names(doc.tags), categories: names(doc.categories), frontMatter: split(doc.raw ?? '').data ?? '',
  };
}

const reuse: Feature = {
  name: 'reuse',
  register(hexo) {
    const made = new Map<string, { generator: string; shown?: string[] } | null>();
    // Once the articles are loaded and ordered (priority 0), before anything renders them.
    hexo.extend.filter.register('before_generate', () => {
      const plan = planOf(hexo);
      if (!plan) return;
      const posts = hexo.model('Post').toArray() as unknown as Doc[];
      const sources = new Set(posts.map((p) => p.source));
      const others = Object.fromEntries(Object.entries(plan.articles).filter(([source]) => !sources.has(source)));
      plan.shared = sharedDigest(plan.files, posts.map(summary), others);
    }, 2);
    // Last, once every plugin has registered its generators.
    hexo.extend.filter.register('before_generate', () => {
      if (!planOf(hexo)) return;
      const store = hexo.extend.generator.list() as unknown as Record<string, GeneratorFn>;
      for (const [generator, fn] of Object.entries(store)) {
        store[generator] = async function (this: unknown, locals: unknown) {
          const out = await fn.call(this, locals);
          for (const page of [out].flat() as { path?: unknown; data?: unknown }[]) {
            if (!page || typeof page.path !== 'string') continue;
            const route = hexo.route.format(page.path);
            // A page two generators make is whichever Hexo sets last: never reused.
            made.set(route, made.has(route) ? null : { generator, shown: shownBy(generator, page.data) });
          }
          return out;
        };
      }
    }, 1000);

    let local = new Map<string, string>();
    // Once every article is rendered (10) and checked (11), before the build lets go of the sources (20).
    hexo.extend.filter.register('before_generate', () => {
      if (!planOf(hexo)?.shared) return;
      const docs = [...hexo.model('Post').toArray(), ...hexo.model('Page').toArray()] as unknown as Doc[];
      const keys = planOf(hexo)?.renderKeys;
      // localDigest hashes the key of the rendering, where there is one, instead of the text and HTML.
      local = new Map(docs.map((d) => [d.source, localDigest({
        source: d.source, rendering: keys?.get(d.source), raw: d.raw, content: d.content, excerpt: d.excerpt, more: d.more, updated: iso(d.updated), contributors: d.sb_contributors,
      })]));
    }, 12);

    // Keys every page and takes those that are as last time, once per build (`settled`).
    let settled = false;
    const settle = async (): Promise<Set<string>> => {
      const taken = new Set<string>();
      const plan = planOf(hexo);
      if (!plan?.shared || settled) return taken;
      settled = true;
      const { shared } = plan;
      for (const [route, inputs] of made) {
        const shown = inputs?.shown?.map((source) => local.get(source));
        if (!inputs || !shown || shown.some((d) => d === undefined)) continue;
        const key = routeKey(shared, route, { generator: inputs.generator, shown: shown as string[] });
        if (key) plan.keys[route] = key;
      }
      const { previous } = plan;
      if (!previous) return taken;
      // In place before Hexo writes the rest; a page that cannot be taken stays to be rendered.
      const routes = reusableRoutes(previous.keys, plan.keys);
      for (let i = 0; i < routes.length; i += 64) {
        await Promise.all(routes.slice(i, i + 64).map(async (route) => {
          if (!await previous.take(route, plan.keys[route]!)) return;
          plan.reused.add(route);
          taken.add(route);
        }));
      }
      return taken;
    };

    // Hexo sets up a route for every page the generators made (running the template_locals
    // filters for each: about 0.7 s at 1,000 articles) before after_generate. The pages taken from
    // the last build are left out of that list instead, once all generators are done.
    const h = hexo as unknown as { _routerRefresh?: RouterRefresh };
    const refresh = h._routerRefresh;
    if (typeof refresh === 'function') {
      h._routerRefresh = function (this: unknown, running, useCache) {
        if (!planOf(hexo)?.shared || typeof running?.then !== 'function') return refresh.call(this, running, useCache);
        // `then` of Hexo's (bluebird) promise, whose `map` the refresh uses.
        return refresh.call(this, running.then(async (pages) => {
          const taken = await settle();
          return taken.size ? pages.filter((page) => !page || typeof page.path !== 'string' || !taken.has(hexo.route.format(page.path))) : pages;
        }), useCache);
      };
    }
    hexo.extend.filter.register('after_generate', async () => {
      for (const route of await settle()) hexo.route.remove(route);
      settled = false;
    });
  },
};

export default reuse;
