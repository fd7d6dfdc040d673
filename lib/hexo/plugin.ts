import type Hexo from 'hexo';
import { relative } from 'node:path';
import { normalizeSiteOptions, type SiteOptions } from '../config/site';

/** One feature of ours: reads its config section and registers filters, helpers and generators. */
export interface Feature {
  name: string;
  register(hexo: Hexo): void;
}

/** Error raised by one of our plugins, naming the plugin and, where known, the source file. */
export class PluginError extends Error {
  constructor(
    readonly plugin: string,
    readonly file: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`[${plugin}]${file ? ` ${file}:` : ''} ${reason}`, { cause });
    this.name = 'PluginError';
  }
}

// Symbol.for: the runner and the plugins may be loaded as separate module instances.
const LOADED = Symbol.for('support-blog.features');

/** Records which features registered, so the build runner can refuse to build without them. */
export function markLoaded(hexo: Hexo, names: string[]): void {
  (hexo as unknown as Record<symbol, string[]>)[LOADED] = names;
}

/** The features that registered on this Hexo instance, or undefined if our plugins never loaded. */
export function loadedFeatures(hexo: Hexo): string[] | undefined {
  return (hexo as unknown as Record<symbol, string[] | undefined>)[LOADED];
}

/**
 * Wraps a Hexo filter so that a throw names the plugin and the file being processed.
 * Hexo reports a failing filter without saying which plugin or article was involved.
 */
export function guard<A extends unknown[], R>(
  plugin: string,
  fn: (...args: A) => R,
  fileOf: (...args: A) => string | undefined = () => undefined,
): (...args: A) => R {
  return function (this: unknown, ...args: A): R {
    try {
      const result = fn.apply(this, args);
      if (result instanceof Promise) {
        return result.catch((err: unknown) => {
          throw wrap(plugin, fileOf(...args), err);
        }) as R;
      }
      return result;
    } catch (err) {
      throw wrap(plugin, fileOf(...args), err);
    }
  };
}

function wrap(plugin: string, file: string | undefined, err: unknown): Error {
  return err instanceof PluginError ? err : new PluginError(plugin, file, err);
}

/** The source path of a post-like object that Hexo passes to post filters. */
export function sourceOf(data: unknown): string | undefined {
  if (data && typeof data === 'object') {
    const d = data as { full_source?: unknown; source?: unknown; path?: unknown };
    if (typeof d.full_source === 'string') return relative(process.cwd(), d.full_source);
    for (const v of [d.source, d.path]) if (typeof v === 'string') return v;
  }
  return undefined;
}

type InjectorEntry = 'head_begin' | 'head_end' | 'body_begin' | 'body_end';

/**
 * Registers an injector once all scripts have loaded. Theme and site scripts load concurrently, so
 * injectors registered while loading come out in a different order from build to build.
 */
export function injectLater(hexo: Hexo, entry: InjectorEntry, value: string | (() => string)): void {
  let done = false;
  hexo.extend.filter.register('before_generate', () => {
    if (done) return;
    done = true;
    hexo.extend.injector.register(entry, value);
  }, 0);
}

/** Hexo's url_for: a site path with the root prepended (`/css/x.css` → `/blog/css/x.css`). */
export function urlFor(hexo: Hexo, sitePath: string): string {
  return (hexo.extend.helper.get('url_for') as (this: Hexo, p: string) => string).call(hexo, sitePath);
}

const siteOptionsCache = new WeakMap<Hexo, SiteOptions>();

/** Our settings of this Hexo instance's configuration, normalised once (throws on a wrong value). */
export function siteOptionsOf(hexo: Hexo): SiteOptions {
  let options = siteOptionsCache.get(hexo);
  if (!options) {
    options = normalizeSiteOptions(hexo.config as unknown as Record<string, unknown>);
    siteOptionsCache.set(hexo, options);
  }
  return options;
}
