/**
 * `npm run audit -- [--runs 3] [--site public] [route …]`: Lighthouse (mobile profile: 4× CPU
 * slowdown, slow 4G) on several pages, served on 127.0.0.1 (gzip, as GitHub Pages does) and loaded
 * by Debian's Chromium with no network. Prints, per page, the median of the runs for the four scores
 * against the targets (performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95).
 *
 * Without --site it builds a temporary copy of this site (its articles and configuration) with one
 * more article, generated, shaped like a real long support article (bench/long-article.ts), and
 * audits the sample articles, that long article and the home page.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { longArticle } from './long-article';
import { median } from './stats';
import { serveSite } from '../test/helpers/static-server';
import { CHROMIUM } from '../test/helpers/chromium';
import { buildSite, makeSite, removeSite, run } from '../test/helpers/site';

const TARGETS: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95 };
const LONG_ROUTE = '/blog/Bench/Long_Article/';
const DEFAULT_ROUTES = ['/blog/AzureVMBackup/Restore_Overview/', '/blog/Guide/Authoring_Guide/', LONG_ROUTE, '/blog/'];
const REPO = path.resolve(__dirname, '..', '..');

interface Report {
  categories: Record<string, { title: string; score: number }>;
  audits: Record<string, { score: number | null; title: string; scoreDisplayMode: string; numericValue?: number; details?: { items?: unknown[] } }>;
}

async function lighthouse(url: string, out: string): Promise<Report> {
  const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const result = await run(path.join(REPO, 'node_modules/.bin/lighthouse'), [
    url, `--chrome-flags=${flags.join(' ')}`, '--output=json', `--output-path=${out}`, '--quiet',
    `--only-categories=${Object.keys(TARGETS).join(',')}`,
  ], REPO, { ...process.env, CHROME_PATH: CHROMIUM });
  if (result.code !== 0) throw new Error(`lighthouse failed on ${url}: ${result.stderr.slice(-2000)}`);
  return JSON.parse(await fs.readFile(out, 'utf8')) as Report;
}

/** A temporary copy of this site with the long article added; the caller removes it. */
async function auditSite(): Promise<string> {
  const dir = await makeSite({ fixture: null });
  await fs.cp(path.join(REPO, 'source'), path.join(dir, 'source'), { recursive: true });
  const article = longArticle();
  const folder = path.join(dir, 'source/_posts/Bench/Long_Article');
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(`${folder}.md`, article.markdown);
  for (const [name, data] of Object.entries(article.images)) await fs.writeFile(path.join(folder, name), data);
  const built = await buildSite(dir);
  if (built.code !== 0) throw new Error(`the audit site did not build:\n${built.stdout}${built.stderr}`);
  return dir;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const runs = Number(option('--runs') ?? 3);
  const siteOption = option('--site');
  const routes = args.length ? args : DEFAULT_ROUTES;
  const dir = siteOption ? undefined : await auditSite();
  const server = await serveSite(siteOption ? path.resolve(siteOption) : path.join(dir!, 'public'));
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'lighthouse-'));
  let met = true;
  try {
    for (const route of routes) {
      const reports: Report[] = [];
      for (let i = 0; i < runs; i++) reports.push(await lighthouse(server.origin + route, path.join(tmp, `report-${i}.json`)));
      console.log(`${route} (median of ${runs})`);
      for (const [id, target] of Object.entries(TARGETS)) {
        const scores = reports.map((r) => Math.round(r.categories[id]!.score * 100));
        const score = median(scores);
        met &&= score >= target;
        console.log(`  ${reports[0]!.categories[id]!.title.padEnd(16)} ${String(score).padStart(3)}  [${scores.join(', ')}]  (target ${target === 100 ? '100' : `≥ ${target}`}) ${score >= target ? 'met' : 'NOT met'}`);
      }
      const metric = (id: string) => median(reports.map((r) => r.audits[id]?.numericValue ?? 0));
      console.log(`  FCP ${Math.round(metric('first-contentful-paint'))} ms, LCP ${Math.round(metric('largest-contentful-paint'))} ms, TBT ${Math.round(metric('total-blocking-time'))} ms, CLS ${metric('cumulative-layout-shift').toFixed(3)}, main thread ${Math.round(metric('mainthread-work-breakdown'))} ms, ${Math.round(metric('dom-size'))} elements`);
      const last = reports[reports.length - 1]!;
      const failing = Object.entries(last.audits).filter(([, a]) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual');
      if (failing.length) console.log(`  audits below 90: ${failing.map(([id, a]) => `${id} (${Math.round(a.score! * 100)})`).join(', ')}`);
      if (process.env.AUDIT_DETAILS) {
        for (const [id] of failing) console.log('   ', id, String(JSON.stringify(last.audits[id]!.details?.items?.slice(0, 5))).slice(0, 1500));
      }
    }
    return met ? 0 : 1;
  } finally {
    await server.close();
    await fs.rm(tmp, { recursive: true, force: true });
    if (dir) await removeSite(dir);
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
