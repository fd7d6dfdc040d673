/**
 * The publishing gate: `npm run build` (which every workflow runs) stops on each error-level
 * finding of the checker with file:line, keeps the site that was there, lets warnings, drafts and
 * unpublished articles through, honours `build.fail_on`, and `npm start` only warns.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildSite, listFiles, makeSite, removeSite, REPO, siteEnv } from '../helpers/site';

/** Every error-level finding of the errors fixture, one article each, as the build lists them. */
const ERRORS = [
  'source/_posts/Gate/Alias_Bomb.md:2  error  front-matter/yaml',
  'source/_posts/Gate/Bad_Date.md:3:1  error  front-matter/date',
  'source/_posts/Gate/Broken_Anchor.md:10:10  error  anchor/broken',
  'source/_posts/Gate/Empty_Link.md:8:11  error  link/empty',
  'source/_posts/Gate/Missing_Article.md:8:9  error  link/internal-missing',
  'source/_posts/Gate/Missing_File.md:8:9  error  link/missing-file',
  'source/_posts/Gate/Missing_Image.md:10:8  error  link/missing-file',
  'source/_posts/Gate/Note.md:10:1  error  todo/marker',
  'source/_posts/Gate/Root_List.md:2  error  front-matter/root',
  'source/_posts/Gate/Unknown_Admonition.md:8:3  error  admonition/unknown-type',
  'source/_posts/Gate/Unterminated.md:1  error  front-matter/unterminated',
];

const findings = (log: string, level: 'ERROR' | 'WARN') =>
  log.split('\n').filter((l) => l.startsWith(`${level} `)).map((l) => l.slice(level.length + 1).trim().split('  ').slice(0, 3).join('  '));

describe('publishing gate', () => {
  describe('an article with an error-level finding', () => {
    let dir: string;
    before(async () => {
      dir = await makeSite({ fixture: 'gate/errors' });
    });
    after(() => removeSite(dir));

    it('fails the build, listing each finding with file and line as an error, and publishes nothing', async () => {
      const r = await buildSite(dir);
      assert.notEqual(r.code, 0);
      assert.deepEqual(findings(r.stderr + r.stdout, 'ERROR'), ERRORS);
      assert.deepEqual(findings(r.stderr + r.stdout, 'WARN'), []);
      assert.match(r.stderr, new RegExp(`ビルドに失敗しました \\(エラー ${ERRORS.length} 件\\)`));
      assert.equal(await fs.lstat(path.join(dir, 'public')).catch(() => undefined), undefined);
    });

    it('still blocks a preview build, and keeps the site that was published before', async () => {
      await fs.writeFile(path.join(dir, '_config.test.yml'), 'check:\n  tags: [Gate]\nbuild:\n  fail_on: none\n');
      const published = await buildSite(dir);
      assert.equal(published.code, 0, published.stderr);
      // fail_on: none reports every finding as a warning and publishes.
      assert.deepEqual(findings(published.stderr + published.stdout, 'WARN').map((l) => l.replace('  error  ', '  ')),
        ERRORS.map((l) => l.replace('  error  ', '  ')));
      const before = await listFiles(path.join(dir, 'public/'));
      assert.ok(before.includes('Gate/Note/index.html'));

      await fs.writeFile(path.join(dir, '_config.test.yml'), 'check:\n  tags: [Gate]\n');
      const preview = await buildSite(dir, {}, ['--preview', '12']);
      assert.notEqual(preview.code, 0);
      assert.deepEqual(findings(preview.stderr + preview.stdout, 'ERROR'), ERRORS);
      assert.deepEqual(await listFiles(path.join(dir, 'public/')), before);
    });

    it('only warns in npm start, and serves the page', async () => {
      await fs.writeFile(path.join(dir, '_config.test.yml'), 'check:\n  tags: [Gate]\n');
      const port = await freePort();
      let log = '';
      const server = spawn(process.execPath, [path.join(REPO, 'dist/lib/cli/hexo.js'), 'server', '--cwd', dir, '--port', String(port), '--config', '_config.yml,_config.test.yml'], {
        cwd: dir, env: { ...process.env, ...siteEnv(dir) }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout.on('data', (d: Buffer) => (log += d.toString()));
      server.stderr.on('data', (d: Buffer) => (log += d.toString()));
      try {
        const body = await get(`http://127.0.0.1:${port}/blog/Gate/Note/`, 60_000);
        assert.match(body, /画面の説明を追記する/);
        await waitUntil(() => log.includes('todo/marker'), 10_000);
        // eslint-disable-next-line no-control-regex
        const text = log.replace(/\x1b\[[0-9;]*m/g, '');
        assert.deepEqual(findings(text, 'ERROR'), []);
        assert.ok(findings(text, 'WARN').some((l) => l.startsWith('source/_posts/Gate/Note.md:10:1  error  todo/marker')), text);
      } finally {
        server.kill();
      }
    });
  });

  describe('warnings, drafts and unpublished articles', () => {
    let dir: string;
    before(async () => {
      dir = await makeSite({ fixture: 'gate/warnings' });
    });
    after(() => removeSite(dir));

    it('builds with the warnings listed; notes in drafts and unpublished articles are not looked at', async () => {
      const r = await buildSite(dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(findings(r.stderr + r.stdout, 'WARN'), ['source/_posts/Gate/Warning_Only.md:8:25  warning  link/locale']);
      assert.doesNotMatch(r.stderr + r.stdout, /Draft\.md|Unpublished\.md/);
      assert.ok((await listFiles(path.join(dir, 'public/'))).includes('Gate/Warning_Only/index.html'));
    });

    it('fails on warnings too with build.fail_on: warning', async () => {
      await fs.writeFile(path.join(dir, '_config.test.yml'), 'check:\n  tags: [Gate]\nbuild:\n  fail_on: warning\n');
      const r = await buildSite(dir);
      assert.notEqual(r.code, 0);
      assert.deepEqual(findings(r.stderr + r.stdout, 'ERROR'), ['source/_posts/Gate/Warning_Only.md:8:25  warning  link/locale']);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function get(url: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return res.text();
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${url} (last status ${res?.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
