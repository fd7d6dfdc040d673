import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageFile } from '../../lib/hexo/search';
import { markSearchBody, NO_SEARCH_MARK, searchDocument, StreamingIndex, partFolder, PARTS_FILE } from '../../lib/search/index';

describe('partFolder', () => {
  it('names the first part pagefind/ itself and the others part-N/', () => {
    assert.deepEqual([0, 1, 2].map(partFolder), ['', 'part-2/', 'part-3/']);
  });
});

describe('markSearchBody', () => {
  it('marks the article of a page with a title, leaves its dates out, and leaves lists alone', () => {
    const article = '<div class="article-meta x">前</div><article class="card-content article" role="article">' +
      '<div class="article-meta is-size-7">2024/01/01に投稿</div><h1 class="title is-3">題</h1>';
    assert.equal(markSearchBody(article), '<div class="article-meta x">前</div><article class="card-content article" data-pagefind-body role="article">' +
      '<div data-pagefind-ignore class="article-meta is-size-7">2024/01/01に投稿</div><h1 class="title is-3">題</h1>');
    const list = '<article class="card-content article" role="article"><h2 class="title">題</h2>';
    assert.equal(markSearchBody(list), list);
    // A page listing every article has a title but stays out of the search.
    assert.equal(markSearchBody(article.replace('<h1 class="title is-3">題</h1>', `<h1 class="title is-3">題</h1><div class="content">${NO_SEARCH_MARK}一覧</div>`)),
      article.replace('<h1 class="title is-3">題</h1>', '<h1 class="title is-3">題</h1><div class="content">一覧</div>'));
  });
});

describe('StreamingIndex with Pagefind', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  const page = (title: string, body: string, marked = true) =>
    `<!DOCTYPE html><html lang="ja"><head><title>${title}</title></head><body>` +
    `<article class="card-content article"${marked ? ' data-pagefind-body' : ''}><h1>${title}</h1><p>${body}</p></article></body></html>`;

  async function index(pages: Record<string, string>, pagesPerIndex?: number): Promise<{ output: string; result: unknown }> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'search-index-'));
    dirs.push(dir);
    const output = path.join(dir, 'pagefind');
    const streaming = new StreamingIndex({ output, ...(pagesPerIndex ? { pagesPerIndex } : {}) });
    streaming.plan(Object.keys(pages).length);
    for (const [file, html] of Object.entries(pages)) streaming.offer(file, html);
    return { output, result: await streaming.finish() };
  }

  it('indexes the marked articles in parts the browser merges, and leaves other pages out', async () => {
    const { output, result } = await index({
      'a/index.html': page('記事 A', 'バックアップの概要'),
      'b/index.html': page('記事 B', '復元の手順'),
      'c/index.html': page('記事 C', 'コンテナーの説明'),
      // An article quoting the marker in its text is a list page here: '<' is escaped in text.
      'index.html': page('一覧', '&lt;article class="card-content article" data-pagefind-body', false),
    }, 2);
    assert.deepEqual(result, { pages: 3, parts: 2 });
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(output, PARTS_FILE), 'utf8')), ['part-2/']);
    const primary = await fs.readdir(output);
    assert.ok(primary.includes('pagefind-ui.js') && primary.includes('pagefind-entry.json'), primary.join(' '));
    const second = (await fs.readdir(path.join(output, 'part-2'))).filter((f) => !f.endsWith('.pf_meta'));
    assert.deepEqual(second.sort(), ['fragment', 'index', 'pagefind-entry.json']);
    const pagesIn = async (folder: string) => (await fs.readdir(path.join(output, folder, 'fragment'))).length;
    assert.deepEqual([await pagesIn(''), await pagesIn('part-2')], [2, 1]);
  });

  it('writes the same bytes for the same pages in the same order', async () => {
    const pages = { 'a/index.html': page('記事 A', 'バックアップの概要'), 'b/index.html': page('記事 B', '復元の手順'), 'c/index.html': page('記事 C', 'ポリシー') };
    const files = async (output: string) => Promise.all((await fs.readdir(output, { recursive: true })).sort().map(async (f) => {
      const stat = await fs.stat(path.join(output, f));
      return stat.isFile() ? `${f} ${(await fs.readFile(path.join(output, f))).toString('base64')}` : f;
    }));
    const [first, second] = [await index(pages), await index(pages)];
    assert.deepEqual(await files(second.output), await files(first.output));
  });

  it('writes one index and an empty part list for a small site, and an empty index for a site without articles yet', async () => {
    const small = await index({ 'a/index.html': page('記事 A', 'バックアップ') });
    assert.deepEqual(small.result, { pages: 1, parts: 1 });
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(small.output, PARTS_FILE), 'utf8')), []);
    const empty = await index({ 'index.html': page('一覧', 'まだ記事はありません', false) });
    assert.deepEqual(empty.result, { pages: 0, parts: 1 });
    assert.ok((await fs.readdir(empty.output)).includes('pagefind-ui.js'));
  });
});

describe('StreamingIndex', () => {
  const article = (n: number) => `<article class="card-content article" data-pagefind-body><h1>${n}</h1></article>`;

  /** A stand-in for Pagefind that records what each part's process was sent, and when. */
  function backend(fail?: string) {
    const log: string[] = [];
    let open = 0;
    let parts = 0;
    const openPart = async () => {
      const id = ++parts;
      open++;
      log.push(`open ${id} (${open} alive)`);
      const added: string[] = [];
      return {
        add: async (route: string, html: string) => {
          if (route === fail) throw new Error(`cannot index ${route}`);
          log.push(`add ${id} ${route}`);
          added.push(`${route} ${html}`);
        },
        write: async (folder: string) => {
          await fs.mkdir(folder, { recursive: true });
          // The file a part keeps (keepIndexOnly), holding what went into it.
          await fs.writeFile(path.join(folder, 'pagefind-entry.json'), JSON.stringify(added));
          log.push(`write ${id} ${path.basename(folder)}`);
        },
        close: async () => {
          open--;
          log.push(`close ${id}`);
        },
      };
    };
    return { log, openPart };
  }

  it('indexes articles in the order they are offered, in parts of the planned size, one process at a time', async () => {
    const output = await fs.mkdtemp(path.join(os.tmpdir(), 'stream-index-'));
    const { log, openPart } = backend();
    const index = new StreamingIndex({ pagesPerIndex: 2, output: path.join(output, 'pagefind'), open: openPart });
    index.plan(5);
    // Page 3 is a list, not an article.
    for (const n of [1, 2, 3, 4, 5, 6]) index.offer(`p${n}/index.html`, n === 3 ? '<p>一覧</p>' : article(n));
    assert.deepEqual(await index.finish(), { pages: 5, parts: 3 });
    assert.deepEqual(log, [
      'open 1 (1 alive)', 'add 1 p1/index.html', 'add 1 p2/index.html', 'write 1 pagefind', 'close 1',
      'open 2 (1 alive)', 'add 2 p4/index.html', 'add 2 p5/index.html', 'write 2 part-2', 'close 2',
      'open 3 (1 alive)', 'add 3 p6/index.html', 'write 3 part-3', 'close 3',
    ]);
    assert.deepEqual(JSON.parse(await fs.readFile(path.join(output, 'pagefind', PARTS_FILE), 'utf8')), ['part-2/', 'part-3/']);
    await fs.rm(output, { recursive: true, force: true });
  });

  /** Every file under dir with its text. */
  async function files(dir: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await fs.readFile(path.join(e.parentPath, e.name), 'utf8');
    }
    return out;
  }

  it('links the parts that are as in the last build, and indexes a changed one from its first different page', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'stream-index-'));
    const build = async (name: string, pages: string[], salt: string, previous?: StreamingIndex) => {
      const { log, openPart } = backend();
      const output = path.join(root, name, 'pagefind');
      const index = new StreamingIndex({
        pagesPerIndex: 2, output, open: openPart, salt,
        ...(previous ? { previous: { state: previous.state, folder: (i: number) => path.join(root, previous === first ? 'first' : 'x', 'pagefind', partFolder(i)) } } : {}),
      });
      index.plan(pages.length);
      pages.forEach((html, i) => index.offer(`p${i + 1}/index.html`, html));
      assert.deepEqual(await index.finish(), { pages: pages.length, parts: Math.ceil(pages.length / 2) });
      return { index, log, files: await files(output) };
    };
    const pages = [1, 2, 3, 4, 5, 6].map(article);
    const { index: first, files: firstFiles } = await build('first', pages, 'a');

    const same = await build('same', pages, 'a', first);
    assert.deepEqual(same.log, []);
    assert.equal(same.index.reused, 3);
    assert.deepEqual(same.files, firstFiles);

    const edited = pages.map((html, i) => (i === 3 ? html.replace('<h1>4</h1>', '<h1>四</h1>') : html));
    const changed = await build('changed', edited, 'a', first);
    // Page 3 was held back until page 4 differed: then both went to the part's process.
    assert.deepEqual(changed.log, ['open 1 (1 alive)', 'add 1 p3/index.html', 'add 1 p4/index.html', 'write 1 part-2', 'close 1']);
    assert.equal(changed.index.reused, 2);
    assert.deepEqual(changed.files, (await build('clean', edited, 'a')).files);

    // Another Pagefind or other settings (the salt), fewer pages, or the last build's files gone: indexed again.
    assert.equal((await build('salted', pages, 'b', first)).index.reused, 0);
    const fewer = await build('fewer', pages.slice(0, 5), 'a', first);
    assert.equal(fewer.index.reused, 2);
    assert.deepEqual(fewer.files, (await build('clean5', pages.slice(0, 5), 'a')).files);
    await fs.rm(path.join(root, 'first', 'pagefind', 'part-3'), { recursive: true });
    const gone = await build('gone', pages, 'a', first);
    assert.equal(gone.index.reused, 2);
    assert.deepEqual(gone.files, firstFiles);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('compares what stands for a page, when given, in place of the page', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'stream-index-'));
    const build = async (name: string, pages: [string, string][], previous?: StreamingIndex) => {
      const { log, openPart } = backend();
      const index = new StreamingIndex({
        pagesPerIndex: 2, output: path.join(root, name, 'pagefind'), open: openPart, salt: 's',
        ...(previous ? { previous: { state: previous.state, folder: (i: number) => path.join(root, 'first', 'pagefind', partFolder(i)) } } : {}),
      });
      index.plan(pages.length);
      pages.forEach(([html, key], i) => index.offer(`p${i + 1}/index.html`, html, key));
      await index.finish();
      return { index, log };
    };
    const pages: [string, string][] = [1, 2, 3, 4].map((n) => [article(n), `k${n}`]);
    const { index: first } = await build('first', pages);
    // The same keys: the parts are linked, whatever the HTML (the key is what says it changed).
    assert.equal((await build('same', pages.map(([html, key]) => [`${html} `, key]), first)).index.reused, 2);
    const changed = await build('changed', pages.map(([html, key], i) => [html, i === 2 ? 'k3b' : key]), first);
    assert.equal(changed.index.reused, 1);
    assert.deepEqual(changed.log, ['open 1 (1 alive)', 'add 1 p3/index.html', 'add 1 p4/index.html', 'write 1 part-2', 'close 1']);
    // A page offered without a key never matches one offered with its key.
    assert.equal((await build('unkeyed', pages.map(([html]) => [html, undefined as unknown as string]), first)).index.reused, 0);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('builds a page given as a function only when its part is indexed', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'stream-index-'));
    const built: number[] = [];
    const build = async (name: string, keys: string[], previous?: StreamingIndex) => {
      const { log, openPart } = backend();
      const index = new StreamingIndex({
        pagesPerIndex: 2, output: path.join(root, name, 'pagefind'), open: openPart, salt: 's',
        ...(previous ? { previous: { state: previous.state, folder: (i: number) => path.join(root, 'first', 'pagefind', partFolder(i)) } } : {}),
      });
      index.plan(keys.length);
      built.length = 0;
      keys.forEach((key, i) => index.offer(`p${i + 1}/index.html`, () => {
        built.push(i + 1);
        return article(i + 1);
      }, key));
      // Without what stands for it, a page given as a function cannot be compared: it is left out.
      index.offer('nokey/index.html', () => article(9));
      await index.finish();
      return { index, log };
    };
    const { index: first } = await build('first', ['k1', 'k2', 'k3', 'k4']);
    assert.deepEqual(built, [1, 2, 3, 4]);
    const changed = await build('changed', ['k1', 'k2', 'k3', 'k4b'], first);
    assert.equal(changed.index.reused, 1);
    assert.deepEqual(built, [3, 4]);
    assert.deepEqual(changed.log, ['open 1 (1 alive)', 'add 1 p3/index.html', 'add 1 p4/index.html', 'write 1 part-2', 'close 1']);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reports Pagefind\'s error after ending its process, and takes no page after the end', async () => {
    const output = await fs.mkdtemp(path.join(os.tmpdir(), 'stream-index-'));
    const { log, openPart } = backend('bad/index.html');
    const index = new StreamingIndex({ output: path.join(output, 'pagefind'), open: openPart });
    index.plan(3);
    index.offer('a/index.html', article(1));
    index.offer('bad/index.html', article(2));
    const finished = index.finish();
    index.offer('late/index.html', article(3));
    await assert.rejects(finished, /cannot index bad\/index\.html/);
    assert.deepEqual(log, ['open 1 (1 alive)', 'add 1 a/index.html', 'close 1']);
    await fs.rm(output, { recursive: true, force: true });
  });
});

describe('searchDocument', () => {
  it('holds the title, body and tags the article page would show the index, with the title as text', () => {
    assert.equal(searchDocument({ lang: 'ja', title: '<b>復元</b> & 手順', content: '<p>本文</p>', tags: ['how to', '<x>'] }),
      '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>&lt;b&gt;復元&lt;/b&gt; &amp; 手順</title></head><body>' +
      '<article class="card-content article" data-pagefind-body><h1 class="title">&lt;b&gt;復元&lt;/b&gt; &amp; 手順</h1><div class="content"><p>本文</p></div>' +
      '<div class="article-tags"><span>#</span><a>how to</a><a>&lt;x&gt;</a></div></article></body></html>');
    assert.doesNotMatch(searchDocument({ lang: 'ja', title: 't', content: '', tags: [] }), /article-tags/);
  });

  it('names the file Hexo writes for a route', () => {
    assert.deepEqual(['A/B/', 'A/B', 'about/index.html', 'x.html'].map(pageFile), ['A/B/index.html', 'A/B/index.html', 'about/index.html', 'x.html']);
  });
});
