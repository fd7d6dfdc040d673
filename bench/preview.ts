/**
 * `npm run bench:preview -- [--size 1000] [--edits 5]`: starts the preview server (`npm start`'s
 * runner) on N synthetic articles, then edits one article repeatedly and measures how long until
 * the server returns the page with the new text. Writes bench-results/preview.json.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { median } from './stats';
import { syntheticArticle } from './synthetic';
import { makeSite, removeSite, siteEnv } from '../test/helpers/site';

const REPO = path.resolve(__dirname, '..', '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

/** Polls url until accept(body) or the timeout; returns the milliseconds it took. */
async function waitFor(url: string, accept: (body: string) => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const res = await get(url).catch(() => undefined);
    if (res?.status === 200 && accept(res.body)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const size = Number(option('--size', '1000'));
  const edits = Number(option('--edits', '5'));
  const dir = await makeSite({ fixture: null });
  for (let i = 0; i < size; i++) {
    await fs.mkdir(path.join(dir, 'source/_posts', `Area${i % 20}`), { recursive: true });
    await fs.writeFile(path.join(dir, 'source/_posts', `Area${i % 20}`, `Article_${i}.md`), syntheticArticle(i));
  }
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(REPO, 'dist/lib/cli/hexo.js'), 'server', '--cwd', dir, '--port', String(port)], {
    cwd: dir, env: { ...process.env, ...siteEnv(dir) }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const page = `http://127.0.0.1:${port}/blog/Area0/Article_0/`;
    const startup = await waitFor(page, () => true, 600_000);
    console.log(`${size} articles: server answered after ${(startup / 1000).toFixed(1)} s`);
    const article = path.join(dir, 'source/_posts/Area0/Article_0.md');
    const original = await fs.readFile(article, 'utf8');
    const samples: number[] = [];
    for (let e = 0; e < edits; e++) {
      const marker = `プレビュー計測の段落 ${e} ${Date.now()}`;
      await fs.writeFile(article, `${original}\n${marker}\n`);
      samples.push(await waitFor(page, (body) => body.includes(marker), 30_000));
      console.log(`edit ${e + 1}: new page after ${samples[e]!.toFixed(0)} ms`);
      // Let the watcher settle so every edit is measured on its own.
      await new Promise((r) => setTimeout(r, 500));
    }
    const mid = median(samples);
    console.log(`preview after an edit at ${size}: median ${mid.toFixed(0)} ms (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)})`);
    await fs.mkdir(path.join(REPO, 'bench-results'), { recursive: true });
    await fs.writeFile(path.join(REPO, 'bench-results/preview.json'),
      `${JSON.stringify({ date: new Date().toISOString(), size, startupMs: startup, editMs: samples, medianMs: mid }, null, 2)}\n`);
  } finally {
    server.kill();
    await removeSite(dir);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
