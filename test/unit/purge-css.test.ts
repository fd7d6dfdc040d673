import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { PurgeCSS } from 'purgecss';
import { applyFiles, count, type SignedFile } from '../../lib/html/word-count';
import { contentWords, isContentFile, purgeThemeCss, readPurgeState, relevantWords, THEME_STYLESHEET, type PurgeState } from '../../lib/html/purge-css';

// Selectors of every kind PurgeCSS decides on: classes, ids, tags, attributes with each operator,
// pseudo-classes with selector lists, and rules only a page's script or a later edit uses.
const CSS = [
  '*,:after{box-sizing:border-box}', 'html{color:#111}', '.keep{color:red}', '.gone{color:blue}', '#main{margin:0}',
  'table td{padding:1px}', 'a[href^="https"]{color:green}', '[class*="col-"]{float:left}', '[data-kind="tip"]{border:1px}',
  '.menu:not(.is-open) .item{display:none}', ':is(.alpha,.beta)>p{margin:2px}', '.added-later{color:pink}', '.from-script{color:gray}',
  '@media (min-width:769px){.tablet-only{display:block}.never{display:none}}',
].join('\n');

const PAGES: Record<string, string> = {
  'index.html': '<div id="main" class="keep"><a href="https://example.com">x</a></div>',
  'a/index.html': '<table><tr><td class="is-col-2">セル</td></tr></table><div data-kind="tip"></div>',
  'b/index.html': '<nav class="menu"><span class="item">項目</span></nav><section class="alpha"><p>段落</p></section>',
  'c/index.html': '<div class="tablet-only">2024-05-01T10:00:00.851Z</div>',
  'js/app.js': 'el.classList.add("from-script")',
  // Not content: PurgeCSS's globs skip dot-folders and scripts outside js/.
  '.hidden/x.html': '<div class="gone"></div>',
  'pagefind/x.js': 'x.className = "never"',
};

let root: string;
let n = 0;

async function site(files: Record<string, string>): Promise<string> {
  const dir = path.join(root, `site-${n++}`);
  for (const [rel, text] of Object.entries({ ...files, [THEME_STYLESHEET]: CSS })) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** What PurgeCSS writes for the site's content globs, read from the files as before. */
async function reference(dir: string): Promise<string> {
  const [result] = await new PurgeCSS().purge({ content: [path.join(dir, '**/*.html'), path.join(dir, 'js/*.js')], css: [{ raw: CSS }] });
  return result!.css;
}

/** A copy of the last site whose files are hard links, as a build's reused pages are. */
async function nextSite(last: string): Promise<string> {
  const dir = path.join(root, `site-${n++}`);
  for (const e of await fs.readdir(last, { recursive: true, withFileTypes: true })) {
    if (e.isDirectory()) continue;
    const rel = path.relative(last, path.join(e.parentPath, e.name));
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    if (rel === THEME_STYLESHEET) await fs.writeFile(path.join(dir, rel), CSS);
    else await fs.link(path.join(last, rel), path.join(dir, rel));
  }
  return dir;
}

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'purge-css-'));
});
after(() => fs.rm(root, { recursive: true, force: true }));

describe('contentWords and isContentFile', () => {
  it('take the words and files of PurgeCSS defaults', () => {
    assert.deepEqual([...contentWords('<p class="a-b c_d">日本語 x1</p>')], ['p', 'class', 'a-b', 'c_d', 'x1']);
    assert.deepEqual(['index.html', 'a/b/index.html', 'js/main.js', 'js/x/y.js', 'css/a.js', '.x/a.html', 'a/.b.html', 'pagefind/p.js'].map(isContentFile),
      [true, true, true, false, false, false, false, false]);
  });
});

describe('applyFiles', () => {
  it('counts many files in worker threads to the same counts as one thread, additions and removals alike', async () => {
    const dir = path.join(root, 'many');
    await fs.mkdir(dir, { recursive: true });
    const files: SignedFile[] = [];
    for (let i = 0; i < 450; i++) {
      const file = path.join(dir, `${i}.html`);
      await fs.writeFile(file, `<p class="w${i % 37} shared">${i % 5 ? 'x' : 'only-fifth'} 日本語</p>`);
      files.push([file, i % 9 === 0 ? -1 : 1]);
    }
    // As the last build left them: the files taken away were counted then.
    const start = () => {
      const counts = new Map([['shared', 100], ['w0', 3], ['kept', 1]]);
      for (const [file, by] of files) if (by < 0) count(counts, contentWords(readFileSync(file, 'utf8')), 1);
      return counts;
    };
    const inThreads = start();
    await applyFiles(inThreads, files, readFileSync);
    const inOne = start();
    for (const [file, by] of files) count(inOne, contentWords(readFileSync(file, 'utf8')), by);
    assert.deepEqual(Object.fromEntries([...inThreads].sort()), Object.fromEntries([...inOne].sort()));
    assert.equal(inThreads.get('shared'), 100 + 400);
    assert.equal(inThreads.get('kept'), 1);
    await assert.rejects(applyFiles(start(), [...files, [path.join(dir, 'missing.html'), 1]], readFileSync), /ENOENT|missing/);
  });
});

describe('relevantWords', () => {
  it('counts the words of selectors and the words that hold a substring selector value, without case', () => {
    const relevant = relevantWords(CSS)!;
    for (const word of ['keep', 'gone', 'main', 'table', 'td', 'href', 'https', 'is-col-2', 'COL-x', 'data-kind', 'tip', 'Alpha', 'p']) assert.ok(relevant(word), word);
    // Milliseconds of a timestamp and words no selector has.
    for (const word of ['851Z', '2024-05-01T10', 'colour', 'kind']) assert.ok(!relevant(word), word);
  });

  it('reads escaped selectors as what they stand for', () => {
    const relevant = relevantWords('.\\31 0{color:red}.md\\:flex{display:flex}.a\\_b{x:y}')!;
    for (const word of ['10', 'md', 'flex', 'a_b']) assert.ok(relevant(word), word);
  });

  it('never leaves out a word that changes what PurgeCSS keeps (generated stylesheets and pages)', async () => {
    const names = ['a', 'b', 'is-col-2', 'col-', 'x', '10', 'tip', 'TIP', 'data-kind', 'p', 'td', 'md', 'flex', 'a_b', 'z'];
    const word = fc.constantFrom(...names, '851Z', '2024-05-01T10', 'colour', 'kind', 'is-col-22', 'xtipx');
    const name = fc.constantFrom(...names);
    const selector = fc.oneof(
      name.map((n) => `.${n}`), name.map((n) => `#${n}`), fc.constantFrom('p', 'td', 'table', 'div'),
      fc.tuple(fc.constantFrom('^=', '$=', '*=', '~=', '|=', '='), name).map(([op, v]) => `[data-kind${op}"${v}"]`),
      name.map((n) => `.m:not(.${n})`), fc.constantFrom('.\\31 0', '.md\\:flex', '.a\\_b'),
    );
    const stylesheet = fc.array(selector, { minLength: 1, maxLength: 8 }).map((list) => list.map((s, i) => `${s}{order:${i}}`).join('\n'));
    const purged = async (css: string, words: string[]) => (await new PurgeCSS().purge({ content: [{ raw: words.join(' '), extension: 'html' }], css: [{ raw: css }] }))[0]!.css;
    // The words it leaves out, taken away from any page's words, change nothing.
    await fc.assert(fc.asyncProperty(stylesheet, fc.uniqueArray(word), async (css, words) => {
      const relevant = relevantWords(css);
      if (!relevant) return true;
      return (await purged(css, words)) === (await purged(css, words.filter(relevant)));
    }), { numRuns: 300 });
  });

  it('cannot tell when a substring operator is written where it does not read one', () => {
    assert.equal(relevantWords('.a{content:"x*=y"}'), undefined);
    assert.ok(relevantWords('[data-x *= "a"]{x:y}')!('xax'));
    assert.ok(relevantWords('[data-x *= "a b" i]{x:y}')!('xbx'));
  });
});

describe('purgeThemeCss', () => {
  it('writes what PurgeCSS writes from the content files', async () => {
    const dir = await site(PAGES);
    const expected = await reference(dir);
    const result = await purgeThemeCss(dir);
    const written = await fs.readFile(path.join(dir, THEME_STYLESHEET), 'utf8');
    assert.equal(written, expected);
    assert.deepEqual([result.reused, result.read, result.before], [false, 5, Buffer.byteLength(CSS)]);
    for (const kept of ['.keep', '#main', 'table td', 'a[href^="https"]', '[class*="col-"]', '.from-script', '.tablet-only', '.menu:not']) assert.ok(written.includes(kept), kept);
    for (const dropped of ['.gone', '.added-later', '.never']) assert.ok(!written.includes(dropped), dropped);
  });

  it('after edits, reads only the changed files and still writes what a full purge writes', async () => {
    const first = await site(PAGES);
    const { state } = await purgeThemeCss(first);
    const second = await nextSite(first);
    // Edited (a new file), removed, added; the other pages stay the last build's files.
    await fs.rm(path.join(second, 'b/index.html'));
    await fs.writeFile(path.join(second, 'b/index.html'), '<p class="added-later">書き直し</p>');
    await fs.rm(path.join(second, 'c/index.html'));
    await fs.mkdir(path.join(second, 'd'));
    await fs.writeFile(path.join(second, 'd/index.html'), '<p>新しいページ</p>');
    const expected = await reference(second);
    const result = await purgeThemeCss(second, { siteDir: first, state });
    assert.equal(await fs.readFile(path.join(second, THEME_STYLESHEET), 'utf8'), expected);
    // b twice (old and new), c once (removed), d once (added).
    assert.deepEqual([result.reused, result.read], [false, 4]);
    const fresh = await site(Object.fromEntries(await Promise.all((await fs.readdir(second, { recursive: true, withFileTypes: true }))
      .filter((e) => !e.isDirectory()).map(async (e) => [path.relative(second, path.join(e.parentPath, e.name)), await fs.readFile(path.join(e.parentPath, e.name), 'utf8')]))));
    assert.deepEqual(result.state, (await purgeThemeCss(fresh)).state);
    assert.ok(!expected.includes('.menu:not') && expected.includes('.added-later') && !expected.includes('.tablet-only'));
  });

  it('takes the last stylesheet when no word changed, and purges again when the stylesheet did', async () => {
    const first = await site(PAGES);
    const { state } = await purgeThemeCss(first);
    const second = await nextSite(first);
    // A new file with the same words as before.
    const text = await fs.readFile(path.join(second, 'index.html'), 'utf8');
    await fs.rm(path.join(second, 'index.html'));
    await fs.writeFile(path.join(second, 'index.html'), text.replace('>x<', '>x 別の文<'));
    const same = await purgeThemeCss(second, { siteDir: first, state });
    assert.deepEqual([same.reused, same.read, same.state.key], [true, 2, state.key]);
    assert.equal(await fs.readFile(path.join(second, THEME_STYLESHEET), 'utf8'), await reference(second));

    // Only a word that no selector can match (a timestamp's milliseconds): the same stylesheet.
    const fourth = await nextSite(first);
    const page = await fs.readFile(path.join(fourth, 'c/index.html'), 'utf8');
    await fs.rm(path.join(fourth, 'c/index.html'));
    await fs.writeFile(path.join(fourth, 'c/index.html'), page.replace('851Z', '211Z'));
    const stamp = await purgeThemeCss(fourth, { siteDir: first, state });
    assert.deepEqual([stamp.reused, stamp.state.key], [true, state.key]);
    assert.notDeepEqual(stamp.state.counts, state.counts);
    assert.equal(await fs.readFile(path.join(fourth, THEME_STYLESHEET), 'utf8'), await reference(fourth));

    const third = await nextSite(first);
    await fs.writeFile(path.join(third, THEME_STYLESHEET), `${CSS}\n.keep{font-weight:bold}`);
    const changed = await purgeThemeCss(third, { siteDir: first, state });
    assert.equal(changed.reused, false);
    assert.match(await fs.readFile(path.join(third, THEME_STYLESHEET), 'utf8'), /font-weight:bold/);
  });

  it('reads every file again when the last site is gone', async () => {
    const first = await site(PAGES);
    const { state } = await purgeThemeCss(first);
    const second = await nextSite(first);
    await fs.rm(first, { recursive: true });
    const result = await purgeThemeCss(second, { siteDir: first, state });
    assert.deepEqual([result.reused, result.read, result.state], [false, 5, state]);
    assert.equal(await fs.readFile(path.join(second, THEME_STYLESHEET), 'utf8'), await reference(second));
  });
});

describe('readPurgeState', () => {
  it('takes a state and refuses what is not one', () => {
    const state: PurgeState = { key: 'k', counts: { a: 1, b: 2 } };
    assert.deepEqual(readPurgeState(JSON.parse(JSON.stringify(state))), state);
    for (const bad of [undefined, null, 'x', { key: 1, counts: {} }, { key: 'k' }, { key: 'k', counts: { a: 0 } }, { key: 'k', counts: { a: 'x' } }]) {
      assert.equal(readPurgeState(bad), undefined, JSON.stringify(bad));
    }
  });
});
