/**
 * Page reuse: after an edit, the pages that do not show the edited article come from the last
 * build, and the site is byte for byte what a clean build of the same sources writes.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, commitAll, listFiles, makeSite, removeSite } from '../helpers/site';

let dir: string;

/** Twelve more articles in two areas, so that the home page and the tags have several pages. */
function extraArticles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++) {
    files[`source/_posts/${i % 2 ? 'Backup' : 'Network'}/Note_${i}.md`] = [
      '---', `title: 追加の記事 ${i}`, `date: 2024-03-${String(i).padStart(2, '0')} 10:00:00`, `tags: [${i % 3 ? 'Backup' : 'Network'}]`, '---', '',
      `記事 ${i} の概要です。`, '', '<!-- more -->', '', `## 手順 ${i}`, '', `手順 ${i} の本文です。`, '',
      ...(i === 5 ? ['[記事 7 の手順](../Backup/Note_7.md#手順-7)', ''] : []),
    ].join('\n');
  }
  return files;
}

/** A build, and how much of it came from the last one (pages, renderings, search index parts). */
async function build(): Promise<{ stdout: string; reused: number; renders: number; parts: number }> {
  const result = await buildSite(dir);
  assert.equal(result.code, 0, result.stderr);
  const count = (what: string) => Number(new RegExp(`(\\d+) of \\d+ ${what}[^;]* taken from the last build`).exec(result.stdout)?.[1] ?? 0);
  return { stdout: result.stdout, reused: count('pages'), renders: count('articles rendered'), parts: count('search index parts') };
}

/** Every file of the built site with the hash of its bytes. */
async function snapshot(): Promise<Record<string, string>> {
  const site = path.join(dir, 'public');
  const out: Record<string, string> = {};
  for (const file of await listFiles(await fs.realpath(site))) {
    out[file] = createHash('sha256').update(await fs.readFile(path.join(site, file))).digest('hex');
  }
  return out;
}

/** The site a build with nothing kept from before writes (and the base of the next step). */
async function cleanBuild(): Promise<Record<string, string>> {
  await fs.rm(path.join(dir, '.build'), { recursive: true, force: true });
  await fs.rm(path.join(dir, 'public'), { recursive: true, force: true });
  const { reused, renders, parts } = await build();
  assert.deepEqual([reused, renders, parts], [0, 0, 0]);
  return snapshot();
}

const inode = async (file: string) => (await fs.stat(path.join(dir, 'public', file))).ino;

before(async () => {
  // Search index parts of four articles: an edit re-indexes one part of five.
  const config = '# Overrides for the fixture site.\ntitle: テスト サイト\nsearch:\n  pages_per_index: 4\n';
  dir = await makeSite({ files: { ...extraArticles(), '_config.test.yml': config }, gitDate: '2024-05-01T10:00:00+09:00' });
  await build();
});
after(() => removeSite(dir));

it('renders only the pages that show an edited article, and writes what a clean build writes', async () => {
  const unrelated = await inode('Network/Note_2/index.html');
  const editedBefore = await inode('Backup/Note_3/index.html');
  // The excerpt too, which the home page and the tag and archive pages show.
  const file = path.join(dir, 'source/_posts/Backup/Note_3.md');
  await fs.writeFile(file, `${(await fs.readFile(file, 'utf8')).replace('記事 3 の概要です。', '記事 3 の概要を書き直しました。')}\n## 追記した見出し\n\n追記した段落です。\n`);
  const { reused, renders, parts, stdout } = await build();
  assert.ok(reused > 0, 'some pages come from the last build');
  assert.ok(parts > 0, 'some search index parts come from the last build');
  // Every article but the edited one, and the two pages (404 and 全記事一覧 are not articles).
  assert.match(stdout, new RegExp(`${renders} of ${renders + 1} articles rendered`));
  assert.ok(renders > 10);
  // Taken over as the same file, not written again.
  assert.equal(await inode('Network/Note_2/index.html'), unrelated);
  assert.notEqual(await inode('Backup/Note_3/index.html'), editedBefore);
  const kept = await snapshot();
  assert.match(await fs.readFile(path.join(dir, 'public/Backup/Note_3/index.html'), 'utf8'), /追記した段落です。/);
  assert.match(await fs.readFile(path.join(dir, 'public/tags/Network/index.html'), 'utf8'), /記事 3 の概要を書き直しました。/);
  assert.deepEqual(kept, await cleanBuild());
});

it('keeps the stylesheet rules an edit starts to use, drops those it stops using, and takes the last stylesheet when the words stay', async () => {
  const file = path.join(dir, 'source/_posts/Backup/Note_9.md');
  const text = await fs.readFile(file, 'utf8');
  const css = () => fs.readFile(path.join(dir, 'public/css/default.css'), 'utf8');
  await fs.writeFile(file, `${text}\n<progress class="progress is-danger" value="1" max="2"></progress>\n`);
  assert.doesNotMatch((await build()).stdout, /the purged stylesheet/);
  assert.match(await css(), /\.progress\.is-danger/);
  const added = await snapshot();
  assert.deepEqual(added, await cleanBuild());
  // Japanese text only: no word PurgeCSS reads changes, so neither does the stylesheet.
  await fs.writeFile(file, `${text}\n<progress class="progress is-danger" value="1" max="2"></progress>\n\n日本語だけの追記です。\n`);
  assert.match((await build()).stdout, /the purged stylesheet taken from the last build/);
  assert.deepEqual(await snapshot(), await cleanBuild());
  await fs.writeFile(file, text);
  await build();
  assert.doesNotMatch(await css(), /\.progress/);
  assert.deepEqual(await snapshot(), await cleanBuild());
});

it('takes the last-updated date and contributors from a new commit into the pages that show them', async () => {
  await fs.appendFile(path.join(dir, 'source/_posts/Network/Note_4.md'), '\n二つ目のコミットの段落です。\n');
  await commitAll(dir, '2024-06-15T10:00:00+09:00');
  const { reused } = await build();
  assert.ok(reused > 0);
  const page = await fs.readFile(path.join(dir, 'public/Network/Note_4/index.html'), 'utf8');
  assert.match(page, /2024-06-15/);
  assert.deepEqual(await snapshot(), await cleanBuild());
});

it('reuses as much in a fresh clone with the kept .build and public (as CI restores them), where every file is new', async () => {
  const later = new Date(Date.now() + 3600_000);
  for (const file of await listFiles(path.join(dir, 'source'))) await fs.utimes(path.join(dir, 'source', file), later, later);
  await fs.appendFile(path.join(dir, 'source/_posts/Network/Note_6.md'), '\nクローンの後の段落です。\n');
  await commitAll(dir, '2024-06-20T10:00:00+09:00');
  const { reused, renders } = await build();
  assert.ok(reused > 0 && renders > 10, `${reused} pages, ${renders} renderings`);
  assert.deepEqual(await snapshot(), await cleanBuild());
});

it('renders every page again when what every page may show changes: a title, a new article, a setting', async () => {
  const edits: [string, () => Promise<void>][] = [
    ['title', () => fs.writeFile(path.join(dir, 'source/_posts/Backup/Note_1.md'), (
      '---\ntitle: 題名を変えた記事\ndate: 2024-03-01 10:00:00\ntags: [Backup]\n---\n\n記事 1 の概要です。\n'))],
    ['new article', () => fs.writeFile(path.join(dir, 'source/_posts/Network/Added.md'), '---\ntitle: 新しい記事\ndate: 2024-04-01 10:00:00\ntags: [Network]\n---\n\n本文です。\n')],
    ['setting', () => fs.appendFile(path.join(dir, '_config.test.yml'), '\nimages:\n  caption: false\n')],
  ];
  for (const [what, edit] of edits) {
    await edit();
    // Search index parts are kept by what they hold: only the ones with a changed article are made again.
    const { reused, renders } = await build();
    assert.deepEqual([reused, renders], [0, 0], what);
    assert.deepEqual(await snapshot(), await cleanBuild(), what);
  }
});

it('still checks every article against the edited one: a link to a heading that is gone fails the build', async () => {
  const target = path.join(dir, 'source/_posts/Backup/Note_7.md');
  const text = await fs.readFile(target, 'utf8');
  await fs.writeFile(target, text.replace('## 手順 7', '## 名前を変えた手順'));
  const result = await buildSite(dir);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /source\/_posts\/Backup\/Note_5\.md:\d+:\d+.*手順-7/);
  // The failed build left the last site and what it was made of: the next one takes its pages.
  await fs.writeFile(target, `${text}\n直した後の段落です。\n`);
  const fixed = await build();
  assert.ok(fixed.reused > 0 && fixed.renders > 10, `${fixed.reused} pages, ${fixed.renders} renderings`);
  assert.deepEqual(await snapshot(), await cleanBuild());
});

it('checks the unchanged articles again before reading them when the limits change', async () => {
  // Passed in the last build, each article's content is not read again before Hexo reads it; a
  // new limit is a new setting, under which every article is checked again.
  const state = JSON.parse(await fs.readFile(path.join(dir, '.build/state.json'), 'utf8')) as { sources?: { accepted: string[] } };
  const note = await fs.readFile(path.join(dir, 'source/_posts/Backup/Note_3.md'));
  assert.ok(state.sources?.accepted.includes(createHash('sha256').update(note).digest('hex')));
  const config = path.join(dir, '_config.test.yml');
  const original = await fs.readFile(config, 'utf8');
  await fs.writeFile(path.join(dir, 'source/_posts/Backup/Note_3.md'), `${note}\n> > > 三重の引用です。\n`);
  await build();
  await fs.appendFile(config, '\nlimits:\n  max_nesting: 2\n');
  const refused = await buildSite(dir);
  await fs.writeFile(config, original);
  await fs.writeFile(path.join(dir, 'source/_posts/Backup/Note_3.md'), note);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /source\/_posts\/Backup\/Note_3\.md:\d+.*source\/nesting/);
  await build();
});

it("skips icarus's check of its configuration when the last build had the same settings and theme", async () => {
  const checking = /Checking theme configurations/;
  const verbose = async () => {
    const result = await buildSite(dir, {}, ['--verbose']);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout + result.stderr;
  };
  const note = path.join(dir, 'source/_posts/Network/Note_4.md');
  await fs.appendFile(note, '\n確認のための追記です。\n');
  await verbose();
  await fs.appendFile(note, '\nもう 1 つの追記です。\n');
  assert.doesNotMatch(await verbose(), checking);
  const theme = path.join(dir, '_config.icarus.yml');
  const original = await fs.readFile(theme, 'utf8');
  await fs.writeFile(theme, `${original}\n# 設定の変更\n`);
  try {
    assert.match(await verbose(), checking);
  } finally {
    await fs.writeFile(theme, original);
  }
});

it('reports the findings of an article taken from the last build as when it was rendered', async () => {
  // A warning only, so that the build succeeds and keeps its renderings for the next one.
  await fs.appendFile(path.join(dir, '_config.test.yml'), '\ncheck:\n  rules: { todo/marker: warning }\n');
  await fs.appendFile(path.join(dir, 'source/_posts/Network/Note_8.md'), '\nTODO: 手順を確かめる\n');
  const first = await buildSite(dir);
  assert.equal(first.code, 0, first.stderr);
  const warning = /^.*source\/_posts\/Network\/Note_8\.md:\d+:\d+.*todo\/marker.*$/m.exec(first.stdout + first.stderr)?.[0];
  assert.ok(warning, first.stdout + first.stderr);
  await fs.appendFile(path.join(dir, 'source/_posts/Backup/Note_9.md'), '\n別の記事の追記です。\n');
  const second = await buildSite(dir);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /(\d+) of (\d+) articles rendered/);
  const [, taken, total] = /(\d+) of (\d+) articles rendered/.exec(second.stdout)!;
  assert.equal(Number(taken), Number(total) - 1, 'only the edited article is rendered');
  assert.deepEqual((second.stdout + second.stderr).split('\n').filter((l) => l.includes('todo/')), [warning]);
});

it('lets two builds run at once after an edit: both succeed, and public is what a clean build writes', async () => {
  await fs.appendFile(path.join(dir, 'source/_posts/Backup/Note_11.md'), '\n同時のビルドの前の段落です。\n');
  const results = await Promise.all([buildSite(dir), buildSite(dir)]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await snapshot(), await cleanBuild());
});

it('renders every page with build.reuse: false', async () => {
  await fs.appendFile(path.join(dir, '_config.test.yml'), '\nbuild:\n  reuse: false\n');
  await build();
  await fs.appendFile(path.join(dir, 'source/_posts/Backup/Note_9.md'), '\n追記です。\n');
  assert.equal((await build()).reused, 0);
});
