/**
 * `npm run import`: the old-template fixture blog brought into a copy of this site, then built and
 * checked; the merged _config.yml and the converted feedback template against golden files.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, FIXTURES, listFiles, loadPage, makeSite, REPO, removeSite, run, type RunResult } from '../helpers/site';

const OLD = path.join(FIXTURES, 'old-blog');
const IMPORT = path.join(REPO, 'dist/lib/cli/import.js');
const CHECK = path.join(REPO, 'dist/lib/cli/check.js');
const GOLDEN = path.join(FIXTURES, 'import');

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await listFiles(dir)).filter((f) => !/^(node_modules|dist|public|\.build)(\/|$)/.test(f));
  return new Map(await Promise.all(files.map(async (f) => [f, createHash('sha256').update(await fs.readFile(path.join(dir, f))).digest('hex')] as const)));
}

async function golden(file: string, actual: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN === '1') await fs.writeFile(path.join(GOLDEN, file), actual);
  assert.equal(actual, await fs.readFile(path.join(GOLDEN, file), 'utf8'), file);
}

describe('npm run import', () => {
  let dir: string;
  let first: RunResult;
  const importer = (...args: string[]) => run(process.execPath, [IMPORT, OLD, '--cwd', dir, ...args], dir);

  before(async () => {
    dir = await makeSite({ fixture: null });
    const dry = await importer('--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^\+ 追加 {2}source\/_posts\/AzureVMBackup\/Backup_Overview\/構成図\.png$/m);
    assert.match(dry.stdout, /^-title: Contoso Japan サポート ブログ$/m);
    assert.equal(await fs.stat(path.join(dir, 'source/_posts')).catch(() => undefined), undefined, '--dry-run wrote nothing');
    first = await importer();
    assert.equal(first.code, 0, first.stderr);
  });
  after(() => removeSite(dir));

  it('copies articles, images and attachments byte for byte, Japanese names kept, and leaves junk out', async () => {
    for (const file of (await listFiles(path.join(OLD, 'articles'))).filter((f) => !f.endsWith('Thumbs.db'))) {
      assert.deepEqual(await fs.readFile(path.join(dir, 'source/_posts', file)), await fs.readFile(path.join(OLD, 'articles', file)), file);
    }
    assert.equal(await fs.stat(path.join(dir, 'source/_posts/AzureVMBackup/Thumbs.db')).catch(() => undefined), undefined);
    for (const extra of ['favicon.ico', 'BingSiteAuth.xml', 'google0123456789abcdef.html']) await fs.access(path.join(dir, 'source', extra));
  });

  it('merges the old settings into _config.yml, keeping its comments, and converts the issue template', async () => {
    await golden('_config.merged.yml', await fs.readFile(path.join(dir, '_config.yml'), 'utf8'));
    await golden('article-feedback.md', await fs.readFile(path.join(dir, '.github/article-feedback.md'), 'utf8'));
  });

  it('writes a migration report of what came over, what changed and what to fix', async () => {
    const report = await fs.readFile(path.join(dir, 'migration-report.md'), 'utf8');
    assert.match(report, /\| 記事 \| 11 \|\n\| 画像 \| 2 \|\n\| 添付ファイル \| 2 \|/);
    assert.match(report, /`articles\/AzureVMBackup\/Thumbs\.db`: OS が作る管理用のファイル/);
    assert.match(report, /`source\/_posts\/AzureVMBackup\/CRR\.md`:18 「Contents」/);
    assert.match(report, /\| `source\/_posts\/AzureBackupGeneral\/FAQ\.md` \| 21 \| `#qa-について` \|/);
    assert.match(report, /`source\/_posts\/AzureVMBackup\/CRR\.md`: BOM 付き、改行が CRLF、フロントマターの前に空行、以前のテーマの toc の設定/);
    assert.match(report, /\| `\/blog\/tags\/Azure-VM-Backup\/how-to\/` \| `\/blog\/tags\/how-to\/` へ移動するページ \(redirects\) \|/);
    assert.match(report, /Settings → Pages で Source を「GitHub Actions」/);
    assert.equal(report, first.stdout.slice(0, report.length));
  });

  it('changes nothing when run again, and refuses to overwrite a changed article without --force', async () => {
    const before = await snapshot(dir);
    const again = await importer();
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /変更はありませんでした/);
    assert.deepEqual(await snapshot(dir), before);

    const article = path.join(dir, 'source/_posts/MSMQ/Troubleshooting.md');
    await fs.appendFile(article, '\n手元で追記した段落\n');
    const refused = await importer();
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /内容が違うため、取り込みを中止しました \(上書きするには --force\):\n {2}source\/_posts\/MSMQ\/Troubleshooting\.md/);
    assert.match(await fs.readFile(article, 'utf8'), /手元で追記した段落/);
    assert.equal((await importer('--force')).code, 0);
    assert.deepEqual(await fs.readFile(article), await fs.readFile(path.join(OLD, 'articles/MSMQ/Troubleshooting.md')));
  });

  it('builds on day one: what the old site published with warns (baseline), a new error still fails', async () => {
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stderr, /Notes\.md:8:4 {2}warning {2}todo\/marker .*\(取り込み前からある問題のため警告にしています: check\.baseline\)/);
    const $ = await loadPage(dir, '/blog/tags/Azure-VM-Backup/how-to/');
    assert.match($('meta[http-equiv="refresh"]').attr('content') ?? '', /^0; url=\/blog\/tags\/how-to\/$/);
    assert.equal($('link[rel="canonical"]').attr('href'), 'https://contoso-backup.github.io/blog/tags/how-to/');
    assert.equal($('meta[name="robots"]').attr('content'), 'noindex');
    assert.equal($('link[rel="icon"]').attr('href'), 'data:,', 'no /favicon.ico request at the host root while it moves on');
    assert.equal($('a').attr('href'), '/blog/tags/how-to/');
    assert.equal(await fs.readFile(path.join(dir, 'public/google0123456789abcdef.html'), 'utf8'), 'google-site-verification: google0123456789abcdef.html\n');

    await fs.writeFile(path.join(dir, 'source/_posts/MSMQ/New.md'), '---\ntitle: 新しい記事\ndate: 2024-07-01 10:00:00\ntags: [MSMQ]\n---\nTODO: 新しいメモ\n');
    const blocked = await buildSite(dir);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /- source\/_posts\/MSMQ\/New\.md:6:1 {2}error {2}todo\/marker/);
    await fs.rm(path.join(dir, 'source/_posts/MSMQ/New.md'));
  });

  it('leaves only what needs a person after --fix', async () => {
    const fixed = await run(process.execPath, [CHECK, '--cwd', dir, '--fix'], dir);
    assert.match(fixed.stdout, /直した箇所: 14 件/);
    const rest = await run(process.execPath, [CHECK, '--cwd', dir, '--format', 'json'], dir);
    const rules = [...new Set((JSON.parse(rest.stdout) as { rule: string }[]).map((d) => d.rule))].sort();
    assert.deepEqual(rules, ['admonition/unknown-type', 'anchor/broken', 'todo/comment-line', 'todo/japanese', 'todo/marker']);
  });
});
