import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { overrideConfig, parseBuildArgs } from '../../lib/build/args';
import { FileHasher } from '../../lib/build/fingerprint';
import { cleanStale, publish, startStaging } from '../../lib/build/staging';
import { formatLog } from '../../lib/hexo/session';
import { isNoise } from '../../lib/cli/quiet';
import { execFile } from 'node:child_process';

const temp: string[] = [];
after(() => Promise.all(temp.map((d) => fs.rm(d, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'support-blog-runner-'));
  temp.push(dir);
  return dir;
};

describe('formatLog', () => {
  it('formats hexo-log arguments with the error on one line', () => {
    assert.equal(formatLog([{ err: new Error('boom') }, 'Script load failed: %s', 'scripts/x.js']), 'Script load failed: scripts/x.js: boom');
    assert.equal(formatLog([{ err: new Error('context: y', { cause: new Error('root cause') }) }, 'x']), 'x: context: y (root cause)');
  });

  it('formats plain messages and bare errors', () => {
    assert.equal(formatLog(['%d files', 3]), '3 files');
    assert.equal(formatLog([new Error('x')]), 'x');
  });
});

describe('build arguments', () => {
  it('reads options and their environment fallbacks', () => {
    const args = parseBuildArgs(['generate', '--config', '_config.yml,_config.ci.yml', '--root', '/blog/pr-preview/pr-12', '--preview', '12'], {
      SUPPORT_BLOG_PREVIEW_LINK: 'https://github.com/o/r/pull/12',
    });
    assert.deepEqual(args.config, ['_config.yml', '_config.ci.yml']);
    assert.equal(args.root, '/blog/pr-preview/pr-12/');
    assert.deepEqual(args.preview, { number: 12, link: 'https://github.com/o/r/pull/12' });
    assert.equal(parseBuildArgs(['generate'], { SUPPORT_BLOG_ROOT: '/x/' }).root, '/x/');
  });

  it('refuses what it does not know, in Japanese', () => {
    assert.throws(() => parseBuildArgs(['deploy']), /不明なコマンドです: deploy/);
    assert.throws(() => parseBuildArgs(['generate', '--nope']), /不明なオプションです: --nope/);
    assert.throws(() => parseBuildArgs(['generate', '--root', 'blog']), /--root は \/ で始まるパスです/);
    assert.throws(() => parseBuildArgs(['generate', '--preview', 'x']), /--preview は pull request の番号です/);
  });

  it('writes the overrides as a configuration file', () => {
    assert.equal(overrideConfig({}), undefined);
    assert.equal(overrideConfig({ root: '/blog/pr-preview/pr-3/', url: 'https://o.github.io/blog/pr-preview/pr-3', preview: { number: 3 } }),
      'root: "/blog/pr-preview/pr-3/"\nurl: "https://o.github.io/blog/pr-preview/pr-3/"\npreview:\n  number: 3\n');
    // Where the site itself lives, so links written for it move along with the build.
    assert.equal(overrideConfig({ root: '/x/', authored: { root: '/blog/', url: 'https://o.github.io/blog/' } }),
      'root: "/x/"\nbuild:\n  authored_root: "/blog/"\n  authored_url: "https://o.github.io/blog/"\n');
  });
});

describe('FileHasher', () => {
  it('hashes by content: the same bytes written again change nothing, other bytes do', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.js');
    await fs.writeFile(file, 'same');
    const first = new FileHasher();
    const before = first.tree(dir);
    await new Promise((r) => setTimeout(r, 20));
    await fs.writeFile(file, 'same');
    const second = new FileHasher(first.next);
    assert.deepEqual(second.tree(dir), before);
    await fs.writeFile(file, 'diff');
    assert.notDeepEqual(new FileHasher(second.next).tree(dir), before);
  });
});

describe('staging', () => {
  it('publishes with one switch of the public link and removes what dead builds left', async () => {
    const dir = await tempDir();
    const root = path.join(dir, '.build');
    const publicDir = path.join(dir, 'public');
    // An old-style public/ folder is moved aside on the first publish.
    await fs.mkdir(publicDir);
    await fs.writeFile(path.join(publicDir, 'old.html'), 'old');
    const first = await startStaging(root);
    await fs.writeFile(path.join(first.dir, 'index.html'), 'one');
    await publish(root, first, publicDir);
    assert.ok((await fs.lstat(publicDir)).isSymbolicLink());
    assert.equal(await fs.readFile(path.join(publicDir, 'index.html'), 'utf8'), 'one');

    const second = await startStaging(root);
    await fs.writeFile(path.join(second.dir, 'index.html'), 'two');
    await publish(root, second, publicDir);
    assert.equal(await fs.readFile(path.join(publicDir, 'index.html'), 'utf8'), 'two');

    // Leftovers of a build that died (pid 999999 does not run) and of an unfinished switch.
    await fs.mkdir(path.join(root, 'work', '999999-1', 'site'), { recursive: true });
    await fs.mkdir(path.join(root, 'sites', '999999-2'), { recursive: true });
    await fs.symlink('nowhere', path.join(dir, '.public.link-999999-3'));
    await cleanStale(root, publicDir);
    assert.deepEqual(await fs.readdir(path.join(root, 'sites')), [path.basename(await fs.readlink(publicDir))]);
    assert.deepEqual((await fs.readdir(dir)).sort(), ['.build', 'public']);
    assert.equal(await fs.readFile(path.join(publicDir, 'index.html'), 'utf8'), 'two');
  });
});

describe('quiet build output', () => {
  it('drops what Hexo and the theme print on every build, and keeps what concerns the site', () => {
    for (const line of ['INFO  Validating config', 'INFO  Config based on 2 files', 'INFO  Start processing', 'INFO  Generated: index.html', '=======================================']) {
      assert.equal(isNoise(line), true, line);
    }
    for (const line of ['WARN  source/_posts/A/B.md:3:1  warning  a11y/image-alt  …', 'ERROR Config based on nothing', 'site written to public/', '']) {
      assert.equal(isNoise(line), false, line);
    }
  });
});

describe('failIfAbandoned', () => {
  /** Runs a script that hands `work` to failIfAbandoned and has nothing else to wait for. */
  const end = (work: string) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const script = `require(${JSON.stringify(require.resolve('../../lib/cli/main'))}).failIfAbandoned(${work}, 3);`;
    execFile(process.execPath, ['-e', script], { timeout: 20_000 }, (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }));
  });

  it('fails a process that ends while its work still waits on what can no longer answer', async () => {
    const { code, stderr } = await end('new Promise(() => {})');
    assert.equal(code, 3);
    assert.match(stderr, /^処理が終わらないまま、待っていたものがなくなりました/);
  });

  it('says nothing when the work settled', async () => {
    assert.deepEqual(await end('new Promise((resolve) => setTimeout(resolve, 50))'), { code: 0, stderr: '' });
    assert.deepEqual(await end('Promise.reject(new Error("x")).catch(() => {})'), { code: 0, stderr: '' });
  });
});
