/**
 * `npm run bench:check -- [--articles 1000] [--runs 3]`: time `npm run check` (front-matter,
 * leftover notes, anchors, admonitions and offline link rules) over synthetic articles.
 * Target: 1,000 articles in under 3 s.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChecks } from '../lib/check/run';
import { median } from './stats';
import { syntheticArticle } from './synthetic';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const count = option('--articles', 1000);
  const runs = option('--runs', 3);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-check-'));
  await fs.writeFile(path.join(dir, '_config.yml'), 'url: https://contoso-jp-support.github.io/blog/\nroot: /blog/\ncheck:\n  tags: [Information, how to, Azure VM Backup]\n');
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const area = `Area${i % 20}`;
    await fs.mkdir(path.join(dir, 'source/_posts', area), { recursive: true });
    const text = syntheticArticle(i);
    bytes += Buffer.byteLength(text);
    await fs.writeFile(path.join(dir, 'source/_posts', area, `Article_${i}.md`), text);
  }
  console.log(`${count} articles, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    const { diagnostics } = await runChecks(dir);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(ms);
    console.log(`run ${r + 1}: ${(ms / 1000).toFixed(2)} s, ${diagnostics.length} diagnostics`);
  }
  const mid = median(times);
  console.log(`median ${(mid / 1000).toFixed(2)} s (min ${(Math.min(...times) / 1000).toFixed(2)}, max ${(Math.max(...times) / 1000).toFixed(2)}); target < 3 s: ${mid < 3000 ? 'met' : 'NOT met'}`);
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
