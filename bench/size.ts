/**
 * `npm run bench:size -- [--sizes 0.5,1,2,5] [--runs 1]`: builds and checks one article of each
 * size (in MB, made of synthetic sections: headings, tables, admonitions, links) and prints the
 * time per MB. Build and checker stay linear when the time per MB is flat (largest / smallest
 * within 1.5×). Both times are net of a site with one small article, measured in the same run.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../lib/check/run';
import { buildSite, makeSite, removeSite } from '../test/helpers/site';
import { syntheticArticle } from './synthetic';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
}

/** One article of about `mb` MB: the bodies of synthetic articles, one after another. */
function bigArticle(mb: number): string {
  const parts = ['---', `title: ${mb} MB の記事`, 'date: 2024-06-01 10:00:00', 'tags: [Information]', '---', ''];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const body = syntheticArticle(i).replace(/^---[\s\S]*?\n---\n/, '').replace(/<!-- more -->\n/, '');
    parts.push(body);
    size += Buffer.byteLength(body);
  }
  return parts.join('\n');
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - start) / 1e9, result];
}

async function main(): Promise<void> {
  const sizes = option('--sizes', '0.5,1,2,5').split(',').map(Number);
  const runs = Number(option('--runs', '1'));
  const config = 'limits:\n  max_article_mb: 8\nbuild:\n  fail_on: none\nsearch:\n  index: false\ncss:\n  purge: false\ncheck:\n  tags: []\n';
  const site = async (text: string) => makeSite({ fixture: null, files: { '_config.test.yml': config, 'source/_posts/Size/Article.md': text } });

  const baseDir = await site(bigArticle(0.01));
  const base: number[] = [];
  const baseCheck: number[] = [];
  for (let r = 0; r < runs; r++) {
    base.push((await seconds(() => buildSite(baseDir, {}, ['--force'])))[0]);
    baseCheck.push((await seconds(() => runChecks(baseDir, [], ['_config.yml', '_config.test.yml'])))[0]);
  }
  await removeSite(baseDir);
  const baseline = Math.min(...base);
  const checkBaseline = Math.min(...baseCheck);
  console.log(`baseline (one small article): build ${baseline.toFixed(1)} s, check ${checkBaseline.toFixed(2)} s`);

  const rows: { mb: number; build: number; check: number }[] = [];
  for (const mb of sizes) {
    const text = bigArticle(mb);
    const dir = await site(text);
    const actual = Buffer.byteLength(text) / 1024 / 1024;
    let build = Infinity;
    let check = Infinity;
    for (let r = 0; r < runs; r++) {
      const [b, result] = await seconds(() => buildSite(dir, {}, ['--force']));
      if (result.code !== 0) throw new Error(`build of ${mb} MB failed:\n${result.stderr.slice(-2000)}`);
      build = Math.min(build, b);
      check = Math.min(check, (await seconds(() => runChecks(dir, [], ['_config.yml', '_config.test.yml'])))[0]);
    }
    await fs.rm(path.join(dir, 'public'), { force: true });
    await removeSite(dir);
    rows.push({ mb: actual, build: Math.max(0, build - baseline), check: Math.max(0, check - checkBaseline) });
    console.log(`${actual.toFixed(2)} MB: build ${build.toFixed(1)} s (net ${(build - baseline).toFixed(1)} s, ${((build - baseline) / actual).toFixed(1)} s/MB), ` +
      `check ${check.toFixed(2)} s (net ${(check - checkBaseline).toFixed(2)} s, ${((check - checkBaseline) / actual).toFixed(2)} s/MB)`);
  }
  const spread = (values: number[]) => Math.max(...values) / Math.min(...values);
  const buildSpread = spread(rows.map((r) => r.build / r.mb));
  const checkSpread = spread(rows.map((r) => r.check / r.mb));
  console.log(`time per MB, largest / smallest: build ${buildSpread.toFixed(2)}×, check ${checkSpread.toFixed(2)}× (linear: within 1.5×: ${buildSpread <= 1.5 && checkSpread <= 1.5 ? 'met' : 'NOT met'})`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
