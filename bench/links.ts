/**
 * `npm run bench:links -- [--urls 10000]`: the online link check against a local server, with a
 * cold cache and then a warm one; prints wall time and requests per second.
 * Target: a warm run over 10,000 URLs in under 2 s.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChecks } from '../lib/check/run';
import { checkOnline } from '../lib/links/report';
import type { Fetch } from '../lib/links/online';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const total = option('--urls', 10_000);
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-links-'));
  await fs.mkdir(path.join(dir, 'source/_posts/Area'), { recursive: true });
  await fs.writeFile(path.join(dir, '_config.yml'), `url: https://contoso-jp-support.github.io/blog/\nroot: /blog/\nlinks:\n  concurrency: { '*': 64, '127.0.0.1': 64 }\n  cache_file: .cache/links.json\n`);
  const perArticle = 100;
  for (let a = 0; a < Math.ceil(total / perArticle); a++) {
    const lines = ['---', `title: 記事 ${a}`, 'date: 2024-01-01 12:00:00', 'tags: [a]', '---'];
    for (let i = a * perArticle; i < Math.min(total, (a + 1) * perArticle); i++) lines.push(`- [ページ ${i}](${origin}/page/${i})`);
    await fs.writeFile(path.join(dir, `source/_posts/Area/Article_${a}.md`), `${lines.join('\n')}\n`);
  }
  const measure = async (label: string) => {
    const start = process.hrtime.bigint();
    const before = requests;
    const run = await runChecks(dir);
    const online = await checkOnline(run.articles.values(), run.context, { cwd: dir, fetch: fetch as unknown as Fetch, fragments: false, useCache: true, rules: run.options.check.rules });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const made = requests - before;
    console.log(`${label}: ${seconds.toFixed(2)} s, ${made} requests (${(made / seconds).toFixed(0)} req/s), ${online.cached} from cache, ${online.diagnostics.length} diagnostics`);
    return seconds;
  };
  console.log(`${total} distinct URLs on a local server`);
  await measure('cold cache');
  const warm = await measure('warm cache');
  console.log(`target: warm run under 2 s: ${warm < 2 ? 'met' : 'NOT met'}`);
  server.close();
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
