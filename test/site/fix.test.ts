/** `npm run check -- --fix`: golden before/after files for every rule, a second run, dry runs and crashes. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, REPO, run } from '../helpers/site';

const CLI = path.join(REPO, 'dist/lib/cli/check.js');
const FIXTURE = path.join(FIXTURES, 'fix');
const ARTICLES = ['Dates_Tags.md', 'Legacy_Host.md', 'Legacy_Ids.md', 'Locale.md', 'Tracking.md'];

describe('npm run check -- --fix', () => {
  let dir: string;
  const check = (...args: string[]) => run(process.execPath, [CLI, '--cwd', dir, ...args], dir);
  const article = (name: string) => fs.readFile(path.join(dir, 'source/_posts/Area', name), 'utf8');
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'support-blog-fix-'));
    await fs.cp(FIXTURE, dir, { recursive: true });
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('shows a unified diff with --dry-run and changes nothing', async () => {
    const { code, stdout } = await check('--fix', '--dry-run');
    assert.equal(code, 1);
    assert.match(stdout, /^--- a\/source\/_posts\/Area\/Locale\.md/m);
    assert.match(stdout, /^-- \[英語のページ\]\(https:\/\/learn\.microsoft\.com\/en-us\/azure\/backup\/backup-overview\)$/m);
    assert.match(stdout, /^\+- \[英語のページ\]\(https:\/\/learn\.microsoft\.com\/ja-jp\/azure\/backup\/backup-overview\)$/m);
    assert.match(stdout, /直せる箇所: 16 件/);
    for (const name of ARTICLES) assert.equal(await article(name), await fs.readFile(path.join(FIXTURE, 'source/_posts/Area', name), 'utf8'), name);
  });

  it('rewrites each rule\'s findings as the golden files say, and prints each change', async () => {
    const { code, stdout } = await check('--fix');
    assert.match(stdout, /^source\/_posts\/Area\/Locale\.md:7 {2}link\/locale {2}https:\/\/learn\.microsoft\.com\/en-us\/azure\/backup\/backup-overview → https:\/\/learn\.microsoft\.com\/ja-jp\/azure\/backup\/backup-overview$/m);
    assert.match(stdout, /^source\/_posts\/Area\/Dates_Tags\.md:6 {2}front-matter\/tag {2}"Information " → Information$/m);
    assert.match(stdout, /^source\/_posts\/Area\/Legacy_Ids\.md:7 {2}anchor\/legacy-id {2}\.\/Locale\.md#Azure-Backup-の概要 → \.\/Locale\.md#azure-backup-の概要$/m);
    for (const name of ARTICLES) assert.equal(await article(name), await fs.readFile(path.join(FIXTURE, 'expected', name), 'utf8'), name);
    // What needs a person stays reported: a link to no heading has no one right answer.
    assert.equal(code, 1);
    assert.match(stdout, /Legacy_Ids\.md:6:62 {2}error {4}anchor\/broken/);
  });

  it('finds nothing to fix the second time', async () => {
    const { stdout } = await check('--fix');
    assert.match(stdout, /機械的に直せる問題はありませんでした/);
    for (const name of ARTICLES) assert.equal(await article(name), await fs.readFile(path.join(FIXTURE, 'expected', name), 'utf8'), name);
  });

  it('leaves the old file whole when killed before the rename, and cleans up next time', async () => {
    const file = path.join(dir, 'source/_posts/Area/Locale.md');
    const original = await fs.readFile(path.join(FIXTURE, 'source/_posts/Area/Locale.md'), 'utf8');
    await fs.writeFile(file, original);
    const killed = await run(process.execPath, [CLI, '--cwd', dir, '--fix'], dir, { ...process.env, SUPPORT_BLOG_FAULT: 'fix-before-rename' });
    assert.notEqual(killed.code, 0);
    assert.equal(await fs.readFile(file, 'utf8'), original);
    assert.ok((await fs.readdir(path.dirname(file))).some((n) => /^\.Locale\.md\.fix-\d+\.tmp$/.test(n)), 'the temporary file of the killed run');
    await check('--fix');
    assert.deepEqual((await fs.readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp')), []);
    assert.equal(await fs.readFile(file, 'utf8'), await fs.readFile(path.join(FIXTURE, 'expected', 'Locale.md'), 'utf8'));
  });
});
