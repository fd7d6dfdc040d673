/**
 * `npm run bench:size -- [--sizes 0.5,1,2,5] [--runs 3]`: builds and checks one article of each
 * size (in MB, made of synthetic sections: headings, tables, admonitions, links) and prints the
 * time per MB. Build and checker stay linear when the time per MB is flat (largest / smallest
 * within 1.5×). Both times are net of a site with one small article, measured in the same run,
 * and the fastest of the runs. The build's time is its own `generate` step (reading, rendering and
 * writing the site, as the runner reports it): the whole process adds about 3 s of start-up whose
 * noise alone is as large as the net time of the smallest article. The checker is cheap, so it
 * runs at least five times.
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

/** A build of dir: its wall time and its generate step, in seconds. */
async function build(dir: string): Promise<{ wall: number; generate: number }> {
  const [wall, result] = await seconds(() => buildSite(dir, {}, ['--force']));
  if (result.code !== 0) throw new Error(`build of ${dir} failed:\n${result.stderr.slice(-2000)}`);
  const generate = /generate ([\d.]+) s/.exec(result.stdout);
  if (!generate) throw new Error(`no generate time in the build's output:\n${result.stdout.slice(-2000)}`);
  return { wall, generate: Number(generate[1]) };
}

async function main(): Promise<void> {
  const sizes = option('--sizes', '0.5,1,2,5').split(',').map(Number);
  const runs = Number(option('--runs', '3'));
  const checkRuns = Math.max(5, runs);
  const config = 'limits:\n  max_article_mb: 8\nbuild:\n  fail_on: none\nsearch:\n  index: false\ncss:\n  purge: false\ncheck:\n  tags: []\n';
  const site = async (text: string) => makeSite({ fixture: null, files: { '_config.test.yml': config, 'source/_posts/Size/Article.md': text } });

  const baseDir = await site(bigArticle(0.01));
  const base: number[] = [];
  const baseCheck: number[] = [];
  let baseWall = Infinity;
  for (let r = 0; r < runs; r++) {
    const b = await build(baseDir);
    base.push(b.generate);
    baseWall = Math.min(baseWall, b.wall);
  }
  for (let r = 0; r < checkRuns; r++) baseCheck.push((await seconds(() => runChecks(baseDir, [], ['_config.yml', '_config.test.yml'])))[0]);
  await removeSite(baseDir);
  const baseline = Math.min(...base);
  const checkBaseline = Math.min(...baseCheck);
  console.log(`baseline (one small article): build ${baseWall.toFixed(1)} s (generate ${baseline.toFixed(2)} s), check ${checkBaseline.toFixed(2)} s`);

  const rows: { mb: number; build: number; check: number }[] = [];
  for (const mb of sizes) {
    const text = bigArticle(mb);
    const dir = await site(text);
    const actual = Buffer.byteLength(text) / 1024 / 1024;
    let generate = Infinity;
    let wall = Infinity;
    let check = Infinity;
    for (let r = 0; r < runs; r++) {
      const b = await build(dir);
      generate = Math.min(generate, b.generate);
      wall = Math.min(wall, b.wall);
    }
    for (let r = 0; r < checkRuns; r++) {
      check = Math.min(check, (await seconds(() => runChecks(dir, [], ['_config.yml', '_config.test.yml'])))[0]);
    }
    await fs.rm(path.join(dir, 'public'), { force: true });
    await removeSite(dir);
    rows.push({ mb: actual, build: Math.max(0, generate - baseline), check: Math.max(0, check - checkBaseline) });
    console.log(`${actual.toFixed(2)} MB: build ${wall.toFixed(1)} s, generate ${generate.toFixed(2)} s (net ${(generate - baseline).toFixed(2)} s, ${((generate - baseline) / actual).toFixed(2)} s/MB), ` +
      `check ${check.toFixed(2)} s (net ${(check - checkBaseline).toFixed(2)} s, ${((check - checkBaseline) / actual).toFixed(2)} s/MB)`);
  }
  // A quadratic step shows as a cost per MB that grows with the size. What one more MB costs
  // (between two sizes) is free of the fixed costs that the net time of the smallest article still
  // carries (code paths compiled on first use), which make its time per MB the highest of all.
  const marginal = (key: 'build' | 'check') => rows.slice(1).map((r, i) => (r[key] - rows[i]![key]) / (r.mb - rows[i]!.mb));
  const spread = (values: number[]) => Math.max(...values) / Math.min(...values);
  const growth = (values: number[]) => Math.max(1, ...values.map((v, i) => v / Math.min(...values.slice(0, i + 1))));
  const verdict = (key: 'build' | 'check') => {
    const perMb = rows.map((r) => r[key] / r.mb);
    const steps = marginal(key);
    const flat = steps.length > 0 && spread(steps) <= 1.5 && growth(perMb) <= 1.5;
    console.log(`${key}: net time per MB ${perMb.map((v) => v.toFixed(2)).join(' / ')} (largest / smallest ${spread(perMb).toFixed(2)}×, growth with size ${growth(perMb).toFixed(2)}×); ` +
      `one more MB ${steps.map((v) => v.toFixed(2)).join(' / ')} s (spread ${steps.length ? spread(steps).toFixed(2) : '-'}×)`);
    return flat;
  };
  const linear = [verdict('build'), verdict('check')].every(Boolean);
  console.log(`linear (one more MB costs the same within 1.5× at every size, and the time per MB does not grow past 1.5×): ${linear ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
