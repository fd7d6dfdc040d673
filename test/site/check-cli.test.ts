/** The checker as CI runs it: `node dist/lib/cli/check.js`, every format and exit code. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, REPO, run } from '../helpers/site';

const CLI = path.join(REPO, 'dist/lib/cli/check.js');
const SITE = path.join(FIXTURES, 'check');
const check = (...args: string[]) => run(process.execPath, [CLI, '--cwd', SITE, ...args], SITE);

describe('npm run check', () => {
  it('exits 1 and reports every file but drafts in text', async () => {
    const { code, stdout } = await check();
    assert.equal(code, 1);
    assert.match(stdout, /^source\/_posts\/Area\/Bad_Front_Matter\.md:3:7 {2}warning {2}front-matter\/date-format {2}date の日時はゼロ埋めで書いてください。 {2}→ 2024-05-07 09:00:00$/m);
    assert.match(stdout, /^source\/_posts\/Area\/Leftovers\.md:8:4 {2}error {4}todo\/marker {2}書きかけのメモ「TODO :」が残っています。/m);
    assert.doesNotMatch(stdout, /_drafts|_Private/);
    assert.match(stdout, /7 件のファイルを確認: エラー 25 件、警告 8 件 \(6 ファイル\)$/m);
  });

  it('prints annotations for GitHub', async () => {
    const { code, stdout } = await check('--format', 'github');
    assert.equal(code, 1);
    assert.match(stdout, /^::error file=source\/_posts\/Area\/Missing\.md,line=9,col=11,title=anchor\/broken::この記事に #見出しx に当たる見出しやアンカーがありません。 → #見出し$/m);
    assert.match(stdout, /^::warning file=source\/_posts\/Area\/Bad_Front_Matter\.md,line=9,col=1,title=front-matter\/unknown-key::/m);
  });

  it('prints JSON with file paths relative to the repository root', async () => {
    const { code, stdout } = await check('--format', 'json');
    assert.equal(code, 1);
    const diagnostics = JSON.parse(stdout) as { file: string; rule: string }[];
    assert.equal(diagnostics.length, 33);
    assert.ok(diagnostics.every((d) => d.file.startsWith('source/_posts/Area/')));
  });

  it('exits 0 for a clean file, and 2 for a wrong option', async () => {
    const clean = await check('source/_posts/Area/Clean.md');
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /1 件のファイルを確認: 問題は見つかりませんでした/);
    const wrong = await check('--format', 'xml');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--format は text、github、json のいずれかです/);
  });

  it('passes the repository\'s own articles', async () => {
    const { code, stdout } = await run(process.execPath, [CLI], REPO);
    assert.equal(code, 0, stdout);
  });
});
