/** The online link check against a local server: exact diagnostics, request counts, limits and cache. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkUrls, pageHasId, retryAfterMs, type Fetch } from '../../lib/links/online';
import { LinkCache } from '../../lib/links/cache';
import { REPO, run } from '../helpers/site';
import { startLinkServer, type LinkServer } from '../helpers/link-server';

const fetchLike = fetch as unknown as Fetch;
const base = { fetch: fetchLike, limits: { '*': 8 }, timeoutMs: 500, retries: 2, maxRetryAfterMs: 2000, backoffMs: 10 };

describe('online link check', () => {
  let server: LinkServer;
  before(async () => {
    server = await startLinkServer();
  });
  after(() => server.close());

  it('classifies every kind of answer and counts the requests', async () => {
    const u = (p: string) => `${server.origin}${p}`;
    const results = await checkUrls(
      ['/ok', '/moved', '/temporary', '/moved-twice', '/loop-a', '/not-found', '/gone', '/busy-once', '/busy', '/error', '/unavailable', '/no-head', '/hang', '/reset', '/ok'].map(u),
      base,
    );
    const kinds = Object.fromEntries([...results].map(([url, r]) => [url.slice(server.origin.length), r]));
    assert.deepEqual(kinds, {
      '/ok': { kind: 'ok' },
      '/moved': { kind: 'redirected', finalUrl: u('/ok') },
      '/temporary': { kind: 'ok' },
      '/moved-twice': { kind: 'redirected', finalUrl: u('/ok') },
      '/loop-a': { kind: 'broken', reason: 'リダイレクトがループしています' },
      '/not-found': { kind: 'broken', reason: 'HTTP 404' },
      '/gone': { kind: 'broken', reason: 'HTTP 410' },
      '/busy-once': { kind: 'ok' },
      '/busy': { kind: 'unverified', reason: 'レート制限 (HTTP 429) が続いたため確認できませんでした' },
      '/error': { kind: 'unverified', reason: 'HTTP 500 が続いたため確認できませんでした' },
      '/unavailable': { kind: 'unverified', reason: 'HTTP 503 が続いたため確認できませんでした' },
      '/no-head': { kind: 'ok' },
      '/hang': { kind: 'unverified', reason: '0.5 秒以内に応答がありませんでした' },
      '/reset': { kind: 'unreachable', reason: '接続が切断されました (UND_ERR_SOCKET)' },
    });
    const r = (key: string) => server.requests.get(key) ?? 0;
    assert.equal(r('HEAD /ok'), 4, '/ok once itself, and as the end of three redirects');
    assert.equal(r('HEAD /busy-once'), 2, '429 then 200 after Retry-After');
    assert.equal(r('HEAD /busy'), 3, 'first try and two retries');
    assert.equal(r('HEAD /unavailable'), 3);
    assert.equal(r('HEAD /not-found'), 1, 'no retry for 404');
    assert.deepEqual([r('HEAD /no-head'), r('GET /no-head')], [1, 1]);
    assert.equal(r('HEAD /hang'), 3);
    assert.equal(r('HEAD /reset'), 3, 'a reset connection is retried');
    const closed = await startLinkServer();
    await closed.close();
    const refused = await checkUrls([`${closed.origin}/`], base);
    assert.deepEqual([...refused.values()], [{ kind: 'unreachable', reason: '接続を拒否されました (ECONNREFUSED)' }]);
  });

  it('waits as long as Retry-After says, in seconds or as an HTTP date', async () => {
    const waits: number[] = [];
    const results = await checkUrls([`${server.origin}/busy-date`], { ...base, sleep: async (ms) => { waits.push(ms); } });
    assert.deepEqual([...results.values()], [{ kind: 'ok' }]);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! > 0 && waits[0]! <= 1000, String(waits[0]));
    assert.equal(retryAfterMs('7', 0), 7000);
    assert.equal(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 1000), 4000);
    assert.equal(retryAfterMs('soon', 0), undefined);
  });

  it('caps Retry-After and backs off exponentially with jitter without one', async () => {
    const waits: number[] = [];
    await checkUrls([`${server.origin}/unavailable`], { ...base, retries: 3, backoffMs: 100, random: () => 0.5, sleep: async (ms) => { waits.push(ms); } });
    assert.deepEqual(waits, [100, 200, 400]);
    const capped: number[] = [];
    await checkUrls([`${server.origin}/busy-date/capped`], { ...base, maxRetryAfterMs: 5, sleep: async (ms) => { capped.push(ms); } });
    assert.deepEqual(capped, [5]);
  });

  it('holds the per-host concurrency limit', async () => {
    const urls = Array.from({ length: 12 }, (_, i) => `${server.origin}/slow/${i}`);
    const results = await checkUrls(urls, { ...base, limits: { '*': 16, '127.0.0.1': 3 } });
    assert.ok([...results.values()].every((r) => r.kind === 'ok'));
    assert.equal(server.maxConcurrent(), 3);
  });

  it('confirms fragments on the page with --fragments', async () => {
    const results = await checkUrls([`${server.origin}/doc#install`, `${server.origin}/doc#legacy`, `${server.origin}/doc#%E8%A8%AD%E5%AE%9A`, `${server.origin}/doc#missing`], { ...base, fragments: true });
    assert.deepEqual([...results.values()].map((r) => r.kind), ['ok', 'ok', 'ok', 'fragment-missing']);
    assert.equal(pageHasId('<div id=plain>', 'plain'), true);
  });

  it('reads at most max_body_mb of a page for a fragment, and stops the download there', async () => {
    const results = await checkUrls([`${server.origin}/endless#install`], { ...base, timeoutMs: 10_000, fragments: true, maxBodyBytes: 1024 * 1024 });
    assert.deepEqual([...results.values()], [{ kind: 'unverified', reason: 'ページが大きすぎるため (1 MB まで読みました) #install を確認できませんでした' }]);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(server.endlessBytes() < 16 * 1024 * 1024, `${server.endlessBytes()} bytes sent`);
  });

  it('keeps every other result when a server answers with a redirect that is not a URL', async () => {
    const results = await checkUrls([`${server.origin}/bad-redirect`, `${server.origin}/ok`, 'https://[::1'], base);
    assert.deepEqual(Object.fromEntries([...results].map(([url, r]) => [url.replace(server.origin, ''), r])), {
      '/bad-redirect': { kind: 'broken', reason: 'リダイレクト先が URL として読めません: http://[::1' },
      '/ok': { kind: 'ok' },
      'https://[::1': { kind: 'unreachable', reason: 'URL として読めません (ERR_INVALID_URL)' },
    });
  });
});

describe('link cache', () => {
  it('keeps successes within the TTL, drops expired ones, and writes atomically', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'link-cache-'));
    const file = path.join(dir, 'cache', 'links.json');
    let now = Date.UTC(2025, 0, 1);
    const cache = await LinkCache.load(file, 7, () => now);
    cache.set('https://a.example/', {});
    cache.set('https://b.example/', { redirectedTo: 'https://c.example/' });
    await cache.save();
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), {
      version: 1,
      entries: {
        'https://a.example/': { checkedAt: '2025-01-01T00:00:00.000Z' },
        'https://b.example/': { checkedAt: '2025-01-01T00:00:00.000Z', redirectedTo: 'https://c.example/' },
      },
    });
    now += 8 * 86_400_000;
    const later = await LinkCache.load(file, 7, () => now);
    assert.equal(later.get('https://a.example/'), undefined);
    await later.save();
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')).entries, {});
    assert.deepEqual((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')), []);
    await fs.writeFile(file, '{ broken');
    assert.equal((await LinkCache.load(file, 7)).get('https://a.example/'), undefined);
    await fs.rm(dir, { recursive: true });
  });

  it('drops entries it did not write, removes temporary files of killed runs, and refuses a folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'link-cache-'));
    const file = path.join(dir, 'links.json');
    const now = Date.UTC(2025, 0, 1);
    const at = '2025-01-01T00:00:00.000Z';
    await fs.writeFile(file, JSON.stringify({
      version: 1,
      entries: {
        'https://good/': { checkedAt: at, redirectedTo: 'https://next/' },
        'https://object/': { checkedAt: at, redirectedTo: { x: 1 } },
        'https://script/': { checkedAt: at, redirectedTo: 'javascript:alert(1)' },
        'https://date/': { checkedAt: 'yesterday' },
        'https://flag/': { checkedAt: at, fragmentChecked: 'yes' },
        'https://null/': null,
      },
    }));
    // pid 2^22 + 1 is above Linux's pid_max: that run is certainly gone.
    const stale = `${file}.4194305.abc123.tmp`;
    const mine = `${file}.${process.pid}.def456.tmp`;
    await fs.writeFile(stale, '{');
    await fs.writeFile(mine, '{');
    const cache = await LinkCache.load(file, 7, () => now);
    assert.deepEqual(['good', 'object', 'script', 'date', 'flag', 'null'].map((h) => cache.get(`https://${h}/`)?.redirectedTo ?? (cache.get(`https://${h}/`) ? 'entry' : undefined)),
      ['https://next/', undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual((await fs.readdir(dir)).sort(), [path.basename(mine), 'links.json'].sort());
    await assert.rejects(LinkCache.load(dir, 7), new RegExp(`links.cache_file の ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} はファイルではありません`));
    await fs.rm(dir, { recursive: true });
  });
});

describe('npm run check:links -- --online', () => {
  let server: LinkServer;
  let dir: string;
  before(async () => {
    server = await startLinkServer();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'check-links-'));
    await fs.mkdir(path.join(dir, 'source/_posts/Area'), { recursive: true });
    await fs.writeFile(path.join(dir, '_config.yml'), [
      'url: https://contoso-jp-support.github.io/blog/', 'root: /blog/',
      'links:', '  timeout: 1', '  retries: 1', '  max_retry_after: 1', `  concurrency: { '127.0.0.1': 2 }`, '  cache_file: .cache/links.json',
    ].join('\n'));
    const article = (body: string) => `---\ntitle: t\ndate: 2024-01-01 12:00:00\ntags: [a]\n---\n${body}\n`;
    await fs.writeFile(path.join(dir, 'source/_posts/Area/One.md'), article(`[ok](${server.origin}/ok) [移動](${server.origin}/moved)\n[なし](${server.origin}/not-found)`));
    await fs.writeFile(path.join(dir, 'source/_posts/Area/Two.md'), article(`${server.origin}/not-found\n[混雑](${server.origin}/busy)\n[ok](${server.origin}/ok)`));
  });
  after(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const CLI = path.join(REPO, 'dist/lib/cli/check-links.js');

  it('reports every place a URL appears, fetching each URL once, and caches only successes', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [CLI, '--cwd', dir, '--online', '--format', 'json'], dir, { ...process.env, CI: 'true' });
    assert.equal(code, 1, stderr);
    const found = (JSON.parse(stdout) as { file: string; line: number; column: number; rule: string; severity: string; suggestion?: string }[])
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}${d.suggestion ? ` ${d.suggestion.replace(server.origin, '')}` : ''}`);
    assert.deepEqual(found, [
      'source/_posts/Area/One.md:6:38 warning link/redirected /ok',
      'source/_posts/Area/One.md:7:6 error link/broken',
      'source/_posts/Area/Two.md:6:1 error link/broken',
      'source/_posts/Area/Two.md:7:6 warning link/unverified',
    ]);
    assert.equal(server.requests.get('HEAD /not-found'), 1, 'one request for a URL used twice');
    assert.match(stderr, /外部リンク: 4 件を確認、0 件はキャッシュを使用/);
    const cache = JSON.parse(await fs.readFile(path.join(dir, '.cache/links.json'), 'utf8')) as { entries: Record<string, { redirectedTo?: string }> };
    assert.deepEqual(Object.keys(cache.entries).map((u) => u.replace(server.origin, '')).sort(), ['/moved', '/ok']);
    assert.equal(cache.entries[`${server.origin}/moved`]!.redirectedTo, `${server.origin}/ok`);
  });

  it('takes successes from the cache on the next run, and bypasses it with --no-cache', async () => {
    const before = server.requests.get('HEAD /ok');
    const warm = await run(process.execPath, [CLI, '--cwd', dir, '--online'], dir, { ...process.env, CI: 'true' });
    assert.match(warm.stderr, /外部リンク: 2 件を確認、2 件はキャッシュを使用/);
    assert.match(warm.stdout, /One\.md:6:38 {2}warning {2}link\/redirected/);
    assert.equal(server.requests.get('HEAD /ok'), before, 'cached');
    assert.equal(server.requests.get('HEAD /not-found'), 2, 'failures are fetched again');
    const cold = await run(process.execPath, [CLI, '--cwd', dir, '--online', '--no-cache'], dir, { ...process.env, CI: 'true' });
    assert.match(cold.stderr, /外部リンク: 4 件を確認、0 件はキャッシュを使用/);
  });

  it('never reports rate limiting as broken, and prints GitHub annotations', async () => {
    const { stdout } = await run(process.execPath, [CLI, '--cwd', dir, '--online', '--format', 'github'], dir, { ...process.env, CI: 'true' });
    assert.match(stdout, /^::warning file=source\/_posts\/Area\/Two\.md,line=7,col=6,title=link\/unverified::/m);
    assert.doesNotMatch(stdout, /title=link\/broken::.*busy/);
  });
});
