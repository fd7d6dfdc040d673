/**
 * `npm run audit -- [/blog/記事/]`: Lighthouse (mobile profile) on a page of the built site, served
 * on 127.0.0.1 and loaded by Debian's Chromium with no network. Prints the four scores against the
 * targets: performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveSite } from '../test/helpers/static-server';
import { CHROMIUM } from '../test/helpers/chromium';
import { run } from '../test/helpers/site';

const TARGETS: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95 };

async function main(): Promise<number> {
  const route = process.argv[2] ?? '/blog/AzureVMBackup/Restore_Overview/';
  const server = await serveSite(path.resolve('public'));
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lighthouse-')), 'report.json');
  try {
    const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
    const result = await run(path.resolve('node_modules/.bin/lighthouse'), [
      server.origin + route, `--chrome-flags=${flags.join(' ')}`, '--output=json', `--output-path=${out}`, '--quiet',
      `--only-categories=${Object.keys(TARGETS).join(',')}`,
    ], process.cwd(), { ...process.env, CHROME_PATH: CHROMIUM });
    if (result.code !== 0) throw new Error(`lighthouse failed: ${result.stderr}`);
    const report = JSON.parse(await fs.readFile(out, 'utf8')) as { categories: Record<string, { title: string; score: number }>; audits: Record<string, { score: number | null; title: string; scoreDisplayMode: string }> };
    let met = true;
    for (const [id, target] of Object.entries(TARGETS)) {
      const score = Math.round(report.categories[id]!.score * 100);
      met &&= score >= target;
      console.log(`${report.categories[id]!.title.padEnd(16)} ${String(score).padStart(3)}  (target ${target === 100 ? '100' : `≥ ${target}`}) ${score >= target ? 'met' : 'NOT met'}`);
    }
    const failing = Object.entries(report.audits).filter(([, a]) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual');
    if (failing.length) console.log(`audits below 90: ${failing.map(([id, a]) => `${id} (${Math.round(a.score! * 100)})`).join(', ')}`);
    if (process.env.AUDIT_DETAILS) {
      for (const [id] of failing) console.log(id, String(JSON.stringify((report.audits[id] as unknown as { details?: { items?: unknown[] } }).details?.items?.slice(0, 5))).slice(0, 1500));
    }
    return met ? 0 : 1;
  } finally {
    await server.close();
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
