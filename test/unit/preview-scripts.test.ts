/**
 * The two scripts the preview workflow runs with a write token: decide.sh (what to do, from
 * GitHub's API and the default branch) against a stand-in `gh`, and comment.jq (the comment) on
 * meta.json files as a pull request could write them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/site';

const DECIDE = path.join(REPO, '.github/preview/decide.sh');
const COMMENT = path.join(REPO, '.github/preview/comment.jq');
const SHA = 'a'.repeat(40);

describe('preview decide.sh', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'decide-'));
    // `gh api repos/o/blog/pulls/N` answers with the pull request in $dir/pr-N.json.
    writeFileSync(path.join(dir, 'gh'), '#!/usr/bin/env bash\n[ "$1" = api ] || exit 3\nn="${2##*/}"\ncat "$FAKE_DIR/pr-$n.json" || { echo "HTTP 404" >&2; exit 1; }\n', { mode: 0o755 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  interface Case { meta?: unknown; pr?: Record<string, unknown>; config?: string; site?: boolean }
  function decide(c: Case): { code: number | null; outputs: Record<string, string>; stdout: string } {
    const work = mkdtempSync(path.join(dir, 'case-'));
    if (c.meta !== undefined) writeFileSync(path.join(work, 'meta.json'), typeof c.meta === 'string' ? c.meta : JSON.stringify(c.meta));
    const number = (c.meta as { number?: unknown } | undefined)?.number;
    if (c.pr) writeFileSync(path.join(dir, `pr-${String(number)}.json`), JSON.stringify(c.pr));
    writeFileSync(path.join(work, '_config.yml'), c.config ?? 'title: x\n');
    if (c.site !== false) {
      mkdirp(path.join(work, 'site'));
      writeFileSync(path.join(work, 'site/index.html'), '<!DOCTYPE html>');
    }
    const output = path.join(work, 'output');
    writeFileSync(output, '');
    const result = spawnSync('bash', [DECIDE], {
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH}`, FAKE_DIR: dir, REPO: 'o/blog', HEAD_SHA: SHA,
        META: path.join(work, 'meta.json'), SITE: path.join(work, 'site'), CONFIG: path.join(work, '_config.yml'), GITHUB_OUTPUT: output,
      },
    });
    const outputs = Object.fromEntries(require('node:fs').readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l: string) => l.split(/=(.*)/s).slice(0, 2)));
    return { code: result.status, outputs, stdout: result.stdout + result.stderr };
  }
  const mkdirp = (p: string) => require('node:fs').mkdirSync(p, { recursive: true });
  const pr = (over: Record<string, unknown> = {}) => ({ state: 'open', head: { sha: SHA, repo: { full_name: 'o/blog' } }, labels: [], ...over });
  const meta = { version: 1, number: 12, build: 'success' };

  it('does nothing for a run without a preview artifact', () => {
    assert.deepEqual(decide({}).outputs, { action: 'none' });
  });

  it('publishes the pull request of its own repository at the configured place', () => {
    const r = decide({ meta, pr: pr() });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.outputs, { number: '12', fork: 'false', host: 'pages', dir: 'pr-preview', url: '', action: 'deploy', state: 'deployed' });
  });

  it('refuses a number that is not one, before asking GitHub anything', () => {
    const r = decide({ meta: { ...meta, number: '12; curl evil' } });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error::meta\.json の pull request 番号が正しくありません/);
  });

  it('ignores an artifact naming a pull request whose head is another commit', () => {
    const r = decide({ meta: { ...meta, number: 7 }, pr: pr({ head: { sha: 'b'.repeat(40), repo: { full_name: 'o/blog' } } }) });
    assert.equal(r.code, 0);
    assert.deepEqual(r.outputs, { action: 'none' });
    assert.match(r.stdout, /新しい実行に任せます/);
  });

  it('waits for the maintainer label on a fork, and publishes once it is there', () => {
    const fork = { head: { sha: SHA, repo: { full_name: 'someone/blog' } } };
    assert.deepEqual(pick(decide({ meta, pr: pr(fork) }).outputs), { action: 'comment', state: 'awaiting-label', fork: 'true' });
    assert.deepEqual(pick(decide({ meta, pr: pr({ ...fork, labels: [{ name: 'documentation' }] }) }).outputs), { action: 'comment', state: 'awaiting-label', fork: 'true' });
    assert.deepEqual(pick(decide({ meta, pr: pr({ ...fork, labels: [{ name: 'preview' }] }) }).outputs), { action: 'deploy', state: 'deployed', fork: 'true' });
    // A fork deleted since: no head repository is a fork too.
    assert.deepEqual(pick(decide({ meta, pr: pr({ head: { sha: SHA, repo: null } }) }).outputs), { action: 'comment', state: 'awaiting-label', fork: 'true' });
  });

  it('removes the preview of a closed pull request and comments on a failed build', () => {
    assert.deepEqual(pick(decide({ meta: { version: 1, number: 12, closed: true }, pr: pr({ state: 'closed' }), site: false }).outputs), { action: 'remove', state: 'closed', fork: 'false' });
    assert.deepEqual(pick(decide({ meta: { ...meta, build: 'failure' }, pr: pr(), site: false }).outputs), { action: 'comment', state: 'failed', fork: 'false' });
    assert.deepEqual(pick(decide({ meta, pr: pr(), site: false }).outputs), { action: 'comment', state: 'failed', fork: 'false' });
  });

  it('reads the host from the default branch: Azure environments get their URL with the number', () => {
    const r = decide({ meta, pr: pr(), config: 'preview:\n  host: azure\n  url: https://blue-sea-{number}.eastasia.azurestaticapps.net/\n' });
    assert.equal(r.outputs.host, 'azure');
    assert.equal(r.outputs.url, 'https://blue-sea-12.eastasia.azurestaticapps.net/');
    const bad = decide({ meta, pr: pr(), config: 'preview:\n  dir: ../../main\n' });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /preview\.dir が正しくありません/);
    assert.equal(decide({ meta, pr: pr(), config: 'preview:\n  host: netlify\n' }).code, 1);
  });

  function pick(o: Record<string, string>) {
    return { action: o.action, state: o.state, fork: o.fork };
  }
});

describe('preview comment.jq', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comment-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function comment(meta: unknown, state: string): string {
    const file = path.join(dir, `${Math.random()}.json`);
    writeFileSync(file, typeof meta === 'string' ? meta : JSON.stringify(meta));
    const r = spawnSync('jq', ['-r', '-n', '--slurpfile', 'meta', file, '--arg', 'number', '12', '--arg', 'state', state,
      '--arg', 'url', 'https://o.github.io/blog/pr-preview/pr-12/', '--arg', 'sha', SHA, '--arg', 'run', 'https://github.com/o/blog/actions/runs/9', '-f', COMMENT], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  }
  const meta = {
    version: 1, number: 12, build: 'success',
    articles: [
      { file: 'source/_posts/Backup/Overview.md', title: 'Azure Backup の概要', path: 'Backup/Overview/', change: 'modified', errors: 0, warnings: 1 },
      { file: 'source/_posts/Backup/新しい記事.md', title: '新しい記事', path: 'Backup/%E6%96%B0%E3%81%97%E3%81%84%E8%A8%98%E4%BA%8B/', change: 'added', errors: 0, warnings: 0 },
    ],
    removed: ['source/_posts/Backup/Old.md'],
    check: { errors: 0, warnings: 1, files: 1 },
    errors: [],
  };

  it('links the preview and each changed article, with the checker summary', () => {
    assert.equal(comment(meta, 'deployed'), [
      '<!-- support-blog-preview -->',
      '## プレビュー',
      '',
      `**[プレビューを開く](https://o.github.io/blog/pr-preview/pr-12/)** (pull request #12 のコミット \`aaaaaaa\`)`,
      '',
      '### 変更された記事 (2 件)',
      '',
      '| 記事 | ファイル | チェック |',
      '| :-- | :-- | :-- |',
      '| [Azure Backup の概要](https://o.github.io/blog/pr-preview/pr-12/Backup/Overview/) | `source/_posts/Backup/Overview.md` | エラー 0 件・警告 1 件 |',
      '| [新しい記事](https://o.github.io/blog/pr-preview/pr-12/Backup/%E6%96%B0%E3%81%97%E3%81%84%E8%A8%98%E4%BA%8B/) (新規) | `source/_posts/Backup/新しい記事.md` | エラー 0 件・警告 0 件 |',
      '',
      '### 削除・移動された記事',
      '',
      '- `source/_posts/Backup/Old.md` ',
      '',
      '古い URL を残すには、`_config.yml` の `redirects` に移動先を書きます。',
      '',
      '### チェッカー',
      '',
      'サイト全体: エラー 0 件、警告 1 件 (詳細は[実行結果](https://github.com/o/blog/actions/runs/9)の注釈)',
      '',
      '<sub>[ワークフローの実行](https://github.com/o/blog/actions/runs/9)</sub>',
      '',
    ].join('\n'));
  });

  it('treats everything from the pull request as text: no links, mentions, HTML or table breaks of its own', () => {
    const out = comment({
      ...meta,
      articles: [
        { file: 'source/_posts/a|`b`.md', title: '[偽](https://evil.example) @org/team <img src=x> | 列', path: '../../../evil/', change: 'modified', errors: '9', warnings: -1 },
        { file: 'x.md', title: 'x', path: 'javascript:alert(1)', change: 'modified', errors: 0, warnings: 0 },
      ],
      errors: [{ file: 'source/_posts/a.md', line: 3, rule: 'todo/marker', message: 'TODO が残っています\n## 見出し' }],
      check: { errors: 1, warnings: 0 },
    }, 'deployed');
    assert.ok(out.includes('| \\[偽\\]\\(https\\://evil\\.example\\) \\@org/team \\<img src\\=x\\> \\| 列 | `source/_posts/ab.md` | エラー ? 件・警告 ? 件 |'), out);
    assert.ok(out.includes('| x | `x.md` |'), 'a path with a scheme is not linked');
    assert.ok(out.includes('- `source/_posts/a.md:3` `todo/marker` TODO が残っています \\#\\# 見出し'), out);
    assert.doesNotMatch(out, /\]\(https:\/\/o\.github\.io\/blog\/pr-preview\/pr-12\/\.\./);
  });

  it('says why there is no preview: a failed build, a fork waiting for its label, a closed pull request', () => {
    assert.match(comment({ ...meta, build: 'failure', check: { errors: 2, warnings: 0 } }, 'failed'), /ビルドが失敗したため、コミット `aaaaaaa` のプレビューは作られていません。[\s\S]*\| 新しい記事 \(新規\) \|[\s\S]*エラー 2 件/);
    assert.match(comment(meta, 'awaiting-label'), /メンテナーが変更を確認して `preview` ラベルを付けると作られます/);
    const closed = comment({ version: 1, number: 12, closed: true }, 'closed');
    assert.match(closed, /プレビューを削除しました/);
    assert.doesNotMatch(closed, /変更された記事|チェッカー/);
  });

  it('copes with a meta.json that is not the shape it should be', () => {
    assert.match(comment('[1, 2]', 'deployed'), /変更された記事はありません[\s\S]*エラー \? 件、警告 \? 件/);
    assert.match(comment('"text"', 'deployed'), /変更された記事はありません/);
  });
});
