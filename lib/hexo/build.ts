/**
 * A whole build: skip it when nothing changed, generate into a staging folder while the search
 * index is built from the articles as they are rendered, trim the theme's CSS, then publish with
 * one switch of `public`.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { overrideConfig, type BuildArgs } from '../build/args';
import { FileHasher, fingerprint, statTree, type HashCache } from '../build/fingerprint';
import { faultAt } from '../build/process';
import { RenderCache } from '../build/render-cache';
import { cleanStale, dropStaging, linkPublished, publish, published, startStaging, writeAtomically } from '../build/staging';
import { loadSiteConfig, normalizeSiteOptions } from '../config/site';
import { previewLocation } from '../preview/location';
import { purgeThemeCss, readPurgeState, THEME_STYLESHEET, type PurgeState } from '../html/purge-css';
import { isoDayFormat } from '../html/time';
import { partFolder, StreamingIndex, type IndexState } from '../search/index';
import { attachReusePlan, type ReusePlan } from './reuse';
import { attachSearchIndex } from './search';
import { BuildFailed, describeError, openSession } from './session';

/** What {@link generateSite} did: where the site is and how long each step took (seconds). */
export interface GenerateResult {
  publicDir: string;
  timings: Record<string, number>;
  /** True when nothing had changed and the previous site was kept. */
  unchanged?: boolean;
  /** Pages taken from the last build, of all pages. */
  pages?: { reused: number; total: number };
  /** Parts of the search index taken from the last build, of all parts. */
  searchParts?: { reused: number; total: number };
  /** Articles whose rendering an earlier build kept, of all articles rendered. */
  renders?: { reused: number; total: number };
  /** True when the purged stylesheet was the last build's. */
  cssReused?: boolean;
}

// Hexo renders every page at once by default and holds each until written: 2.8 GB at 3,000
// articles against 1.6 GB with 16 at a time, for the same build time.
const WRITE_CONCURRENCY = 16;
const TOOL_DIRS = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../client'), path.resolve(__dirname, '../../../assets')];

export interface BuildState {
  fingerprint: string;
  output: string;
  hashes: HashCache;
  /** Keys of the pages (lib/build/reuse.ts). */
  pages?: Record<string, string>;
  /** What the search index was made of. */
  search?: IndexState;
  /** What the theme's stylesheet was purged with. */
  css?: PurgeState;
  /** Sources that passed the checks before reading (lib/hexo/articles.ts) under the `files` digest `key`. */
  sources?: { key: string; accepted: string[] };
}

const isStrings = (v: unknown, nullable = false): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' || (nullable && x === null));

/**
 * The last build's state, or undefined when it cannot be trusted (torn, hand-edited, from an older
 * version): a full build then. Parts it lacks or got wrong are dropped, never half-used.
 */
export function readState(text: string): BuildState | undefined {
  let state: Partial<BuildState>;
  try {
    state = JSON.parse(text) as Partial<BuildState>;
  } catch {
    return undefined;
  }
  if (!state || typeof state !== 'object' || typeof state.fingerprint !== 'string' || typeof state.output !== 'string') return undefined;
  const hashes = state.hashes && typeof state.hashes === 'object' ? state.hashes : {};
  const pages = state.pages && typeof state.pages === 'object' && Object.values(state.pages).every((v) => typeof v === 'string') ? state.pages : undefined;
  const search = state.search && isStrings(state.search.parts, true) && isStrings(state.search.pages) ? state.search : undefined;
  const css = readPurgeState(state.css);
  const sources = state.sources && typeof state.sources.key === 'string' && isStrings(state.sources.accepted) ? state.sources : undefined;
  return {
    fingerprint: state.fingerprint, output: state.output, hashes,
    ...(pages ? { pages } : {}), ...(search ? { search } : {}), ...(css ? { css } : {}), ...(sources ? { sources } : {}),
  };
}

/** The stylesheet PurgeCSS rewrites in place: a page reuse copies its unpurged version. */
const PURGED_CSS = THEME_STYLESHEET;

/**
 * Puts a page of the last build into the staging folder as the same file (a hard link: published
 * files never change), or a copy of the stylesheet PurgeCSS will rewrite. False when it is gone
 * (another build replaced that site meanwhile): the page is rendered instead.
 */
async function takePage(from: string, to: string, copy: boolean): Promise<boolean> {
  try {
    if (copy) {
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.copyFile(from, to);
    } else {
      await linkPublished(from, to);
    }
    return true;
  } catch {
    return false;
  }
}

/** Keeps a copy of the unpurged stylesheet under its key, and only the newest few. */
async function keepUnpurged(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.copyFile(from, `${to}.${process.pid}.tmp`);
  await fs.rename(`${to}.${process.pid}.tmp`, to);
  const dir = path.dirname(to);
  const kept = await Promise.all((await fs.readdir(dir)).filter((name) => name.endsWith('.css')).map(async (name) => ({ name, mtime: (await fs.stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  for (const { name } of kept.sort((x, y) => y.mtime - x.mtime).slice(4)) await fs.rm(path.join(dir, name), { force: true });
}

/** Today in a timezone (icarus prints the year), as YYYY-MM-DD. */
function today(timeZone: string | undefined): string {
  return isoDayFormat(timeZone)(new Date());
}

/** The configuration files of a run, with the command line's overrides written into the staging root. */
async function configFor(baseDir: string, args: BuildArgs, stagingRoot: string): Promise<string[]> {
  let { root, url } = args;
  let authored: { root: string; url: string } | undefined;
  if (root || args.preview) {
    const site = normalizeSiteOptions(await loadSiteConfig(baseDir, args.config));
    authored = { root: site.root, url: site.url };
    if (args.preview && !root) {
      const at = previewLocation(site, args.preview.number);
      root = at.root;
      url ??= at.url;
    }
    // The site moves to another path of the same host: its public URL moves with it.
    url ??= `${new URL(site.url).origin}${root}`;
  }
  const text = overrideConfig({ ...args, ...(root ? { root } : {}), ...(url ? { url } : {}), ...(authored ? { authored } : {}) });
  if (!text) return args.config;
  await fs.mkdir(stagingRoot, { recursive: true });
  const file = path.join(stagingRoot, `override-${process.pid}.yml`);
  await fs.writeFile(file, text);
  return [...args.config, file];
}

/** Generates the site of baseDir; `public` changes only when the whole build succeeded. */
export async function generateSite(baseDir: string, args: BuildArgs, silent = false): Promise<GenerateResult> {
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
  const stateFile = path.join(stagingRoot, 'state.json');
  const config = await configFor(baseDir, args, stagingRoot);
  const site = normalizeSiteOptions(await loadSiteConfig(baseDir, config));
  const publicDir = path.resolve(baseDir, 'public');
  await cleanStale(stagingRoot, publicDir);

  const previous = await fs.readFile(stateFile, 'utf8').then(readState, () => undefined);
  const hasher = new FileHasher(previous?.hashes);
  const inputs = await step('check', () => fingerprint({
    baseDir, toolDirs: TOOL_DIRS, configFiles: config,
    options: config.map((f) => path.basename(f)), today: today(site.timezone || undefined),
  }, hasher));
  const outputOf = () => statTree(publicDir).join('\n');
  // The last site as it was written (nobody edited public/ since), or nothing of it is used.
  const intact = previous !== undefined && previous.output === outputOf();
  if (!args.force && intact && previous.fingerprint === inputs.full) {
    return { publicDir, timings, unchanged: true };
  }
  // The state stays until a build replaces it: after a failed build, the next one still takes the
  // pages of the last site (public/ only changes with a state written after it).
  // Kept between builds, never published: the unpurged stylesheets (by page key, so that two
  // builds at once never take each other's) and the articles' renderings.
  const cacheDir = path.join(stagingRoot, 'cache');
  const unpurged = (key: string) => path.join(cacheDir, 'unpurged', `${key}.css`);
  // The last successful build had the same settings, theme and tool: what it checked still holds.
  const checkedBefore = !args.force && previous?.sources?.key === inputs.shared;
  const plan: ReusePlan = {
    files: inputs.shared, articles: inputs.articles, keys: {}, reused: new Set(),
    accepted: { before: new Set(checkedBefore ? previous?.sources?.accepted : []), now: new Set(), hashed: hasher.next },
    ...(site.build.reuse ? { renders: new RenderCache(path.join(cacheDir, 'renders'), !args.force) } : {}),
  };
  const lastSite = !args.force && site.build.reuse && intact && previous.pages ? await published(publicDir) : undefined;
  let stagingDir = '';
  if (lastSite && previous?.pages) {
    plan.previous = {
      keys: previous.pages,
      take: (route, key) => (site.css.purge && route === PURGED_CSS
        ? takePage(unpurged(key), path.join(stagingDir, route), true)
        : takePage(path.join(lastSite, route), path.join(stagingDir, route), false)),
    };
  }

  const staging = await startStaging(stagingRoot);
  let search: StreamingIndex | undefined;
  let purged: { state: PurgeState; reused: boolean } | undefined;
  try {
    const { hexo, errors } = await step('load', () => openSession(baseDir, {
      config, command: 'generate', verbose: args.verbose, silent, workDir: stagingRoot, themeConfigChecked: checkedBefore,
    }));
    hexo.public_dir = staging.dir + path.sep;
    stagingDir = staging.dir;
    attachReusePlan(hexo, plan);
    // Articles go into the index as they are rendered (lib/hexo/search.ts), so that Pagefind works
    // on the other core while this one renders the rest of the site.
    const searchOutput = path.join(staging.scratch, 'pagefind');
    if (site.search.index) {
      search = new StreamingIndex({
        pagesPerIndex: site.search.pagesPerIndex, output: searchOutput, salt: inputs.shared,
        ...(lastSite && previous?.search ? { previous: { state: previous.search, folder: (i: number) => path.join(lastSite, 'pagefind', partFolder(i)) } } : {}),
      });
      attachSearchIndex(hexo, search);
    }
    await step('generate', async () => {
      try {
        await hexo.call('generate', { concurrency: WRITE_CONCURRENCY });
        faultAt('after-generate');
      } catch (err) {
        errors.push(describeError(err));
      }
      await hexo.exit().catch((err: unknown) => errors.push(describeError(err)));
    });
    // The next build may take the stylesheet as rendered, before PurgeCSS trims it for these pages.
    const cssKey = plan.keys[PURGED_CSS];
    if (!errors.length && site.css.purge && cssKey && !plan.reused.has(PURGED_CSS) && existsSync(path.join(staging.dir, PURGED_CSS))) {
      // Without it the next build only renders the stylesheet again.
      await keepUnpurged(path.join(staging.dir, PURGED_CSS), unpurged(cssKey)).catch(() => undefined);
    }
    // Pagefind finishes its last part in its own process while PurgeCSS reads the pages here.
    const index = search;
    if (!errors.length) {
      const last = lastSite && previous?.css ? { siteDir: lastSite, state: previous.css } : undefined;
      await Promise.all([
        site.css.purge && step('css', async () => {
          purged = await purgeThemeCss(staging.dir, last);
        }).catch((err: unknown) => errors.push(describeError(err))),
        index && step('search', async () => {
          await index.finish();
          await fs.rename(searchOutput, path.join(staging.dir, 'pagefind'));
        }).catch((err: unknown) => errors.push(describeError(err))),
        // Written now that Hexo's own file writes are done (see RenderCache.put).
        plan.renders && step('keep', () => plan.renders!.flush()).catch((err: unknown) => errors.push(describeError(err))),
      ]);
    } else {
      await search?.finish().catch(() => undefined);
    }
    if (errors.length) throw new BuildFailed(errors);
    await step('publish', () => publish(stagingRoot, staging, publicDir));
    // Old renderings only cost disk space: a failure to remove them does not fail the build.
    await plan.renders?.prune().catch(() => undefined);
  } catch (err) {
    await dropStaging(stagingRoot, staging);
    throw err;
  } finally {
    await fs.rm(path.join(stagingRoot, `override-${process.pid}.yml`), { force: true });
  }
  const state: BuildState = { fingerprint: inputs.full, output: outputOf(), hashes: hasher.next, pages: plan.keys, ...(search ? { search: search.state } : {}), ...(purged ? { css: purged.state } : {}),
    sources: { key: inputs.shared, accepted: [...plan.accepted!.now].sort() },
  };
  await writeAtomically(stateFile, `${JSON.stringify(state)}\n`);
  return {
    publicDir, timings, pages: { reused: plan.reused.size, total: Object.keys(plan.keys).length },
    ...(search ? { searchParts: { reused: search.reused, total: search.state.parts.length } } : {}),
    ...(plan.renders ? { renders: { reused: plan.renders.hits, total: plan.renders.hits + plan.renders.misses } } : {}),
    ...(purged ? { cssReused: purged.reused } : {}),
  };
}

/** Starts Hexo's preview server for baseDir (it renders on request and only warns). */
export async function serveSite(baseDir: string, args: BuildArgs): Promise<void> {
  const stagingRoot = path.join(baseDir, '.build');
  const config = await configFor(baseDir, args, stagingRoot);
  const { hexo } = await openSession(baseDir, { config, command: 'server', verbose: args.verbose, workDir: stagingRoot });
  await hexo.call('server', args.port ? { port: args.port } : {});
}
