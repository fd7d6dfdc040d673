/**
 * `npm run bench -- [--sizes 100,1000,3000] [--runs 3]`: builds N synthetic Japanese support
 * articles (deterministic) with (a) plain Hexo + icarus + hexo-renderer-marked and (b) this
 * project's full site, alternating a and b; prints median/min/max wall time and peak RSS (from
 * /usr/bin/time), the ratio b/a and the scaling t(3000)/t(1000), the rebuilds with nothing changed and
 * with one article edited, and the start-up of `npm run check`, `npm run new` and `npm start` (until
 * it serves the first page) on this repository's articles (the TypeScript step included), and
 * writes bench-results/build.json.
 */
import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './stats';
import { syntheticArticle } from './synthetic';
import { makeSite, siteEnv } from '../test/helpers/site';

const REPO = path.resolve(__dirname, '..', '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

interface Sample {
  seconds: number;
  /** Peak RSS of the largest process of the build (Pagefind's indexer included). */
  rssMb: number;
  /** Peak RSS of the build runner itself, when it reports it. */
  nodeRssMb?: number;
}

/** Runs a command under /usr/bin/time -v and reads its wall time and peak RSS. */
function timed(cmd: string, args: string[], cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-v', cmd, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...siteEnv(cwd), NODE_ENV: 'production' } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr.slice(-2000)}`));
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (!wall || !rss) return reject(new Error('cannot read /usr/bin/time output'));
      const own = /peak memory of this process (\d+) MB/.exec(stdout);
      resolve({
        seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]), rssMb: Number(rss[1]) / 1024,
        ...(own ? { nodeRssMb: Number(own[1]) } : {}),
      });
    });
  });
}

async function writeArticles(dir: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const area = `Area${i % 20}`;
    await fs.mkdir(path.join(dir, 'source/_posts', area), { recursive: true });
    await fs.writeFile(path.join(dir, 'source/_posts', area, `Article_${i}.md`), syntheticArticle(i));
  }
}

/** (a) a vanilla site: icarus's defaults, no scripts of ours. */
async function vanillaSite(count: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-vanilla-'));
  await fs.writeFile(path.join(dir, '_config.yml'), 'title: Bench\nlanguage: ja\ntimezone: Asia/Tokyo\nurl: https://example.github.io/blog/\nroot: /blog/\npermalink: :title/\ntheme: icarus\n');
  await fs.copyFile(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  await fs.symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // icarus writes its default _config.icarus.yml on the first run but builds that run without its
  // widgets: an empty build first, so every timed run uses the defaults a new icarus site gets.
  await timed(process.execPath, [path.join(REPO, 'dist/bench/vanilla-build.js'), dir], dir);
  await fs.access(path.join(dir, '_config.icarus.yml'));
  await writeArticles(dir, count);
  return dir;
}

/** (b) this project's site: its configuration, plugins and runner (as the tests build it). */
async function ourSite(count: number): Promise<string> {
  const dir = await makeSite({ fixture: null });
  await writeArticles(dir, count);
  return dir;
}

interface Stats {
  median: number;
  min: number;
  max: number;
  rssMb: number;
  nodeRssMb?: number;
}

function stats(samples: Sample[]): Stats {
  const t = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const own = samples.flatMap((s) => (s.nodeRssMb === undefined ? [] : [s.nodeRssMb]));
  return {
    median: median(t), min: t[0]!, max: t[t.length - 1]!, rssMb: Math.max(...samples.map((s) => s.rssMb)),
    ...(own.length ? { nodeRssMb: Math.max(...own) } : {}),
  };
}

function describe(name: string, size: number, s: Stats): string {
  const own = s.nodeRssMb === undefined ? '' : `, build process alone ${s.nodeRssMb.toFixed(0)} MB`;
  return `${name} at ${size}: median ${s.median.toFixed(1)} s (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}), peak RSS of any process ${s.rssMb.toFixed(0)} MB${own}`;
}

/** Where our builds keep the theme's compiled JSX (lib/theme/jsx-cache.ts), under .build/. */
const JSX_CACHE = path.join('cache', 'jsx');

/** Removes everything under `dir` except `keep` (relative to it). */
async function removeAllBut(dir: string, keep: string): Promise<void> {
  const [first, ...rest] = keep.split(path.sep);
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (name !== first) await fs.rm(path.join(dir, name), { recursive: true, force: true });
    else if (rest.length) await removeAllBut(path.join(dir, name), rest.join(path.sep));
  }
}

const listed = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether the page answers 200 now. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/**
 * Seconds from `npm start` to the first page served from the site at cwd (the TypeScript step
 * included, as a user runs it); the server is stopped after.
 */
async function timeStart(cwd: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so that npm and the server under it stop together.
  const child = spawn('npm', ['start', '--', '--cwd', cwd, '--port', String(port)], { cwd: REPO, detached: true, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  try {
    const deadline = started + 120_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (await answers(`http://127.0.0.1:${port}/blog/`)) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('npm start served nothing within 120 s');
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function main(): Promise<void> {
  const sizes = option('--sizes', '100,1000').split(',').map(Number);
  const runs = Number(option('--runs', '3'));
  const results: Record<string, unknown> = {};
  const medians = new Map<number, number>();
  for (const size of sizes) {
    const a = await vanillaSite(size);
    const b = await ourSite(size);
    const va: Sample[] = [];
    const ob: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      await fs.rm(path.join(a, 'public'), { recursive: true, force: true });
      await fs.rm(path.join(a, 'db.json'), { force: true });
      va.push(await timed(process.execPath, [path.join(REPO, 'dist/bench/vanilla-build.js'), a], a));
      // A cold build: no kept pages, renderings or search index parts either. The theme's compiled
      // JSX stays, as @babel/register's cache stays for plain Hexo.
      await fs.rm(path.join(b, 'public'), { recursive: true, force: true });
      await removeAllBut(path.join(b, '.build'), JSX_CACHE);
      ob.push(await timed(process.execPath, [path.join(REPO, 'dist/lib/cli/hexo.js'), 'generate', '--cwd', b], b));
      console.log(`${size} articles, run ${r + 1}: vanilla ${va[r]!.seconds.toFixed(1)} s / ${va[r]!.rssMb.toFixed(0)} MB, ours ${ob[r]!.seconds.toFixed(1)} s / ${ob[r]!.rssMb.toFixed(0)} MB`);
    }
    const sa = stats(va);
    const sb = stats(ob);
    // The last build's public/ is still there: building again with nothing changed, then after
    // editing one article's text (its page, the lists it is on and its search index part are made
    // again; the other pages, renderings and parts come from the last build). Each `runs` times:
    // one sample of a few seconds is at the mercy of the machine's other load.
    const again: number[] = [];
    const edited: number[] = [];
    const ourBuild = () => timed(process.execPath, [path.join(REPO, 'dist/lib/cli/hexo.js'), 'generate', '--cwd', b], b);
    for (let r = 0; r < runs; r++) again.push((await ourBuild()).seconds);
    for (let r = 0; r < runs; r++) {
      await fs.appendFile(path.join(b, 'source/_posts/Area0/Article_0.md'), `\n追記しました (${r + 1} 回目)。\n`);
      edited.push((await ourBuild()).seconds);
    }
    const unchanged = median(again);
    const oneEdit = median(edited);
    medians.set(size, sb.median);
    results[size] = {
      vanilla: sa, ours: sb, ratio: sb.median / sa.median,
      unchangedRebuild: { seconds: unchanged, samples: again, ratio: unchanged / sb.median },
      oneArticleRebuild: { seconds: oneEdit, samples: edited, ratio: oneEdit / sb.median },
    };
    console.log(describe('vanilla', size, sa));
    console.log(describe('ours', size, sb));
    console.log(`ours again with nothing changed at ${size}: median ${unchanged.toFixed(2)} s (${listed(again)}; ${(unchanged / sb.median).toFixed(2)}x the first build)`);
    console.log(`ours after editing one article at ${size}: median ${oneEdit.toFixed(2)} s (${listed(edited)}; ${(oneEdit / sb.median).toFixed(2)}x the first build)`);
    console.log(`ratio ours/vanilla at ${size}: ${(sb.median / sa.median).toFixed(2)}`);
    await fs.rm(a, { recursive: true, force: true });
    await fs.rm(b, { recursive: true, force: true });
  }
  // What a user waits for before a command does anything: `npm run check` on the sample articles.
  const check: number[] = [];
  for (let r = 0; r < 3; r++) check.push((await timed('npm', ['run', '--silent', 'check'], REPO)).seconds);
  results.checkCommand = { median: median(check), samples: check };
  console.log(`npm run check on this repository: median ${median(check).toFixed(2)} s (${listed(check)})`);
  // `npm run new` and `npm start` on a copy of this repository's site, so that nothing is written here.
  const sample = await makeSite({ fixture: null });
  try {
    await fs.cp(path.join(REPO, 'source'), path.join(sample, 'source'), { recursive: true });
    const created: number[] = [];
    for (let r = 0; r < 3; r++) {
      created.push((await timed('npm', ['run', '--silent', 'new', '--', 'ベンチマークの記事', '--area', 'Bench', '--name', `Bench_${r}`, '--cwd', sample], REPO)).seconds);
    }
    results.newCommand = { median: median(created), samples: created };
    console.log(`npm run new: median ${median(created).toFixed(2)} s (${listed(created)})`);
    const served: number[] = [];
    for (let r = 0; r < 3; r++) served.push(await timeStart(sample));
    results.startCommand = { median: median(served), samples: served };
    console.log(`npm start until the first page is served: median ${median(served).toFixed(2)} s (${listed(served)})`);
  } finally {
    await fs.rm(sample, { recursive: true, force: true });
  }
  if (medians.has(1000) && medians.has(3000)) {
    results.scaling = medians.get(3000)! / medians.get(1000)!;
    console.log(`scaling t(3000)/t(1000) for ours: ${(results.scaling as number).toFixed(2)}`);
  }
  await fs.mkdir(path.join(REPO, 'bench-results'), { recursive: true });
  await fs.writeFile(path.join(REPO, 'bench-results/build.json'), `${JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
