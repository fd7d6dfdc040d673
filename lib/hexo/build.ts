/**
 * A whole build: skip it when nothing changed, generate into a staging folder while the search
 * index is built from the articles as they are rendered, trim the theme's CSS, then publish with
 * one switch of `public`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { overrideConfig, type BuildArgs } from '../build/args';
import { FileHasher, fingerprint, statTree, type HashCache } from '../build/fingerprint';
import { faultAt } from '../build/process';
import { cleanStale, dropStaging, publish, startStaging } from '../build/staging';
import { loadSiteConfig, normalizeSiteOptions } from '../config/site';
import { previewLocation } from '../preview/location';
import { purgeThemeCss } from '../html/purge-css';
import { isoDayFormat } from '../html/time';
import { StreamingIndex } from '../search/index';
import { attachSearchIndex } from './search';
import { BuildFailed, describeError, openSession } from './session';

/** What {@link generateSite} did: where the site is and how long each step took (seconds). */
export interface GenerateResult {
  publicDir: string;
  timings: Record<string, number>;
  /** True when nothing had changed and the previous site was kept. */
  unchanged?: boolean;
}

// Hexo renders every page at once by default and holds each until written: 2.8 GB at 3,000
// articles against 1.6 GB with 16 at a time, for the same build time.
const WRITE_CONCURRENCY = 16;
const TOOL_DIRS = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../client'), path.resolve(__dirname, '../../../assets')];

interface BuildState {
  fingerprint: string;
  output: string;
  hashes: HashCache;
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

  const previous = await fs.readFile(stateFile, 'utf8').then((t) => JSON.parse(t) as BuildState, () => undefined);
  const hasher = new FileHasher(previous?.hashes);
  const inputs = await step('check', () => fingerprint({
    baseDir, toolDirs: TOOL_DIRS, configFiles: config,
    options: config.map((f) => path.basename(f)), today: today(site.timezone || undefined),
  }, hasher));
  const outputOf = async () => (await statTree(publicDir)).join('\n');
  if (!args.force && previous?.fingerprint === inputs && previous.output === await outputOf()) {
    return { publicDir, timings, unchanged: true };
  }
  await fs.rm(stateFile, { force: true });

  const staging = await startStaging(stagingRoot);
  try {
    const { hexo, errors } = await step('load', () => openSession(baseDir, { config, command: 'generate', verbose: args.verbose, silent, workDir: stagingRoot }));
    hexo.public_dir = staging.dir + path.sep;
    // Articles go into the index as they are rendered (lib/hexo/search.ts), so that Pagefind works
    // on the other core while this one renders the rest of the site.
    const searchOutput = path.join(staging.scratch, 'pagefind');
    let search: StreamingIndex | undefined;
    if (site.search.index) {
      search = new StreamingIndex({ pagesPerIndex: site.search.pagesPerIndex, output: searchOutput });
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
    // Pagefind finishes its last part in its own process while PurgeCSS reads the pages here.
    if (!errors.length) {
      await Promise.all([
        site.css.purge && step('css', () => purgeThemeCss(staging.dir)).catch((err: unknown) => errors.push(describeError(err))),
        search && step('search', async () => {
          await search.finish();
          await fs.rename(searchOutput, path.join(staging.dir, 'pagefind'));
        }).catch((err: unknown) => errors.push(describeError(err))),
      ]);
    } else {
      await search?.finish().catch(() => undefined);
    }
    if (errors.length) throw new BuildFailed(errors);
    await step('publish', () => publish(stagingRoot, staging, publicDir));
  } catch (err) {
    await dropStaging(stagingRoot, staging);
    throw err;
  } finally {
    await fs.rm(path.join(stagingRoot, `override-${process.pid}.yml`), { force: true });
  }
  const state: BuildState = { fingerprint: inputs, output: await outputOf(), hashes: hasher.next };
  await fs.mkdir(stagingRoot, { recursive: true });
  await fs.writeFile(stateFile, `${JSON.stringify(state)}\n`);
  return { publicDir, timings };
}

/** Starts Hexo's preview server for baseDir (it renders on request and only warns). */
export async function serveSite(baseDir: string, args: BuildArgs): Promise<void> {
  const stagingRoot = path.join(baseDir, '.build');
  const config = await configFor(baseDir, args, stagingRoot);
  const { hexo } = await openSession(baseDir, { config, command: 'server', verbose: args.verbose, workDir: stagingRoot });
  await hexo.call('server', args.port ? { port: args.port } : {});
}
