import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import moment from 'moment';
import { changedFields, ENTRY, packEntry, RenderCache, renderKey, unpackEntry } from '../../lib/build/render-cache';
import { localDigest, reusableRoutes, routeKey, sharedDigest, type ArticleSummary, type ArticleText } from '../../lib/build/reuse';
import { readState } from '../../lib/hexo/build';

const summary = (source: string, title: string): ArticleSummary => ({
  source, path: `${source}/`, title, date: '2024-01-01T01:00:00.000Z', published: true, layout: 'post', tags: ['Backup'], categories: [], frontMatter: `title: ${title}`,
});

describe('page reuse keys', () => {
  it('keys only the pages of generators that show nothing but their articles', () => {
    for (const generator of ['post', 'page', 'index', 'archive', 'category', 'tag', 'asset']) {
      assert.match(routeKey('s', 'a/index.html', { generator, shown: [] }) ?? '', /^[0-9a-f]{64}$/, generator);
    }
    // The feed, the sitemap, redirects and our own lists read what they like: always rendered.
    for (const generator of ['atom', 'sitemap', 'support-blog-all-articles', 'tags', 'categories']) {
      assert.equal(routeKey('s', 'a/index.html', { generator, shown: [] }), undefined, generator);
    }
  });

  it('changes a page key with the shared digest, the route, and the text of every article it shows', () => {
    const a = localDigest({ source: '_posts/A.md', content: '<p>一</p>', updated: '2024-01-01T00:00:00.000Z' });
    const b = localDigest({ source: '_posts/B.md', content: '<p>二</p>' });
    const key = routeKey('s', 'index.html', { generator: 'index', shown: [a, b] });
    assert.notEqual(routeKey('t', 'index.html', { generator: 'index', shown: [a, b] }), key);
    assert.notEqual(routeKey('s', 'page/2/index.html', { generator: 'index', shown: [a, b] }), key);
    assert.notEqual(routeKey('s', 'index.html', { generator: 'index', shown: [b, a] }), key);
    for (const change of [{ content: '<p>一。</p>' }, { excerpt: '<p>一</p>' }, { updated: '2024-02-01T00:00:00.000Z' }, { contributors: ['山田'] }]) {
      const edited = localDigest({ source: '_posts/A.md', content: '<p>一</p>', updated: '2024-01-01T00:00:00.000Z', ...change });
      assert.notEqual(routeKey('s', 'index.html', { generator: 'index', shown: [edited, b] }), key, JSON.stringify(change));
    }
  });

  it('keeps the fields of an article apart in its digest', () => {
    const digests = [
      { content: 'ab', excerpt: '' }, { content: 'a', excerpt: 'b' }, { content: 'a', more: 'b' }, { content: '' }, {}, { content: 'undefined' },
      { contributors: ['a'] }, { contributors: '["a"]' },
    ].map((fields) => localDigest({ source: '_posts/A.md', ...fields }));
    assert.equal(new Set(digests).size, digests.length);
    assert.equal(localDigest({ source: '_posts/A.md', content: 'a' }), localDigest({ source: '_posts/A.md', content: 'a' }));
  });

  it('lets the key of a rendering stand for the text and HTML, and still tells the dates and authors apart', () => {
    const keyed = (fields: Partial<ArticleText>) => localDigest({ source: '_posts/A.md', rendering: 'k1', ...fields });
    const digests = [keyed({}), keyed({ rendering: 'k2' }), keyed({ source: '_posts/B.md' }), keyed({ updated: '2024-02-01T00:00:00.000Z' }), keyed({ contributors: ['山田'] }),
      // Never the digest of an article whose text is the key.
      localDigest({ source: '_posts/A.md', raw: 'k1' }), localDigest({ source: '_posts/A.md', content: 'k1' })];
    assert.equal(new Set(digests).size, digests.length);
    // What else the article holds is read from the key, not hashed again.
    assert.equal(keyed({ content: '<p>一</p>' }), keyed({ content: '<p>二</p>' }));
  });

  it('makes the shared digest from the files and every article summary, in any order', () => {
    const shared = sharedDigest('files', [summary('_posts/A.md', '一'), summary('_posts/B.md', '二')], {});
    assert.equal(sharedDigest('files', [summary('_posts/B.md', '二'), summary('_posts/A.md', '一')], {}), shared);
    assert.notEqual(sharedDigest('files', [summary('_posts/A.md', '一'), summary('_posts/B.md', '二。')], {}), shared);
    assert.notEqual(sharedDigest('other', [summary('_posts/A.md', '一'), summary('_posts/B.md', '二')], {}), shared);
    // Markdown under _posts that is not an article (a note in an asset folder) counts as a file.
    assert.notEqual(sharedDigest('files', [summary('_posts/A.md', '一'), summary('_posts/B.md', '二')], { '_posts/A/note.md': 'h' }), shared);
  });

  it('reuses the pages whose keys are as last time', () => {
    assert.deepEqual(reusableRoutes({ a: '1', b: '2', gone: '3' }, { b: '2', a: '1', c: '4', d: '9' }), ['a', 'b']);
    assert.deepEqual(reusableRoutes({}, { a: '1' }), []);
  });
});

describe('RenderCache', () => {
  it('gives back what rendering set, with Maps, Dates and moment values, and drops what no build used', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'render-cache-'));
    const before = { content: '本文', updated: moment('2024-01-01T00:00:00Z'), title: '題' };
    const after = { ...before, content: '<p>本文</p>', updated: moment('2024-06-15T01:00:00Z'), toc: true };
    const fields = changedFields(before, after);
    assert.deepEqual(Object.keys(fields).sort(), ['content', 'toc', 'updated']);
    const model = { ids: new Map([['手順', 'heading']]), data: { date: new Date('2024-01-01T00:00:00Z') } };
    const first = new RenderCache(dir);
    first.put(renderKey(['a']), { fields, model });
    first.put(renderKey(['old']), { fields: {}, model: undefined });
    // A value that cannot be stored is not kept, and does not fail the build.
    first.put(renderKey(['fn']), { fields: { f: () => 1 }, model: undefined });
    await first.flush();
    assert.equal(first.misses, 3);

    const second = new RenderCache(dir);
    // Read ahead in the order the articles will be asked for; a key without an entry is a miss.
    second.prefetch([renderKey(['missing']), renderKey(['a'])]);
    assert.equal(await second.get(renderKey(['missing'])), undefined);
    const hit = await second.get(renderKey(['a']));
    assert.ok(hit);
    assert.equal(hit.fields.content, '<p>本文</p>');
    assert.ok(moment.isMoment(hit.fields.updated));
    assert.equal((hit.fields.updated as moment.Moment).toISOString(), '2024-06-15T01:00:00.000Z');
    assert.deepEqual(hit.model, model);
    assert.equal(await second.get(renderKey(['fn'])), undefined);
    await second.prune();
    assert.deepEqual(await fs.readdir(dir), [`${renderKey(['a'])}${ENTRY}`]);

    // A torn file is a miss; a forced build reads nothing.
    await fs.writeFile(path.join(dir, `${renderKey(['torn'])}${ENTRY}`), 'not brotli');
    assert.equal(await new RenderCache(dir).get(renderKey(['torn'])), undefined);
    assert.equal(await new RenderCache(dir, false).get(renderKey(['a'])), undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A cache folder of 100 entries, `<p>記事 i</p>` under the i-th key. */
  async function hundredEntries(name: string): Promise<{ dir: string; keys: string[] }> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'render-cache-'));
    const writer = new RenderCache(dir);
    const keys = Array.from({ length: 100 }, (_, i) => renderKey([name, i]));
    keys.forEach((key, i) => writer.put(key, { fields: { content: `<p>記事 ${i}</p>` } }));
    await writer.flush();
    return { dir, keys };
  }

  it('reads ahead past its window in order, passes over skipped keys and serves any order without waiting for ever', async () => {
    const { dir, keys } = await hundredEntries('order');
    await fs.writeFile(path.join(dir, `${keys[40]}${ENTRY}`), 'not brotli');
    const content = async (cache: RenderCache, i: number) => (await cache.get(keys[i]!))?.fields.content;

    // In order, every third one passed over (those are never asked for), a torn one a miss.
    const inOrder = new RenderCache(dir);
    inOrder.prefetch(keys);
    for (let i = 0; i < 100; i++) {
      if (i % 3 === 2) continue;
      assert.equal(await content(inOrder, i), i === 40 ? undefined : `<p>記事 ${i}</p>`, `entry ${i}`);
    }
    // A key passed over and asked for later is read then, while the reader is still ahead or after it is done.
    const midway = new RenderCache(dir);
    midway.prefetch(keys);
    for (const i of [0, 1, 3, 4]) assert.equal(await content(midway, i), `<p>記事 ${i}</p>`);
    assert.equal(await content(midway, 2), '<p>記事 2</p>');
    assert.equal(await content(midway, 5), '<p>記事 5</p>');
    assert.equal(await content(inOrder, 2), '<p>記事 2</p>');
    assert.equal(inOrder.hits, 100 - 33 - 1 + 1);

    // All at once, as Hexo's own loop asks when there is no search index, and backwards.
    const together = new RenderCache(dir);
    together.prefetch(keys);
    assert.equal((await Promise.all(keys.map((_, i) => content(together, i)))).filter((c) => c !== undefined).length, 99);
    const backwards = new RenderCache(dir);
    backwards.prefetch(keys);
    const all = await Promise.all(keys.map((_, i) => content(backwards, 99 - i)));
    assert.deepEqual(all, keys.map((_, i) => (99 - i === 40 ? undefined : `<p>記事 ${99 - i}</p>`)));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps the process alive while a get waits for the reader, and lets it end when none does', async () => {
    const { dir, keys } = await hundredEntries('alive');
    // Nothing else holds the process open: an unreferenced reader would let it end with the gets
    // unanswered, a referenced one would hold it open for ever once the build stops asking.
    const script = `const { RenderCache } = require(${JSON.stringify(require.resolve('../../lib/build/render-cache'))});
      const keys = ${JSON.stringify(keys)};
      const cache = new RenderCache(${JSON.stringify(dir)});
      cache.prefetch(keys);
      Promise.all([cache.get(keys[0]), cache.get(keys[50])]).then((hits) => console.log(hits.map((h) => h.fields.content).join('|')));`;
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['-e', script], { timeout: 20_000 }, (err, stdout) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout }));
    });
    assert.deepEqual(out, { code: 0, stdout: '<p>記事 0</p>|<p>記事 50</p>\n' });
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes every entry it was given, in batches and the rest when flushed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'render-cache-'));
    const cache = new RenderCache(dir);
    // More than two batches, and a remainder.
    for (let i = 0; i < 37; i++) cache.put(renderKey([i]), { fields: { content: `<p>記事 ${i}</p>` } });
    await cache.flush();
    const again = new RenderCache(dir);
    for (let i = 0; i < 37; i++) assert.equal((await again.get(renderKey([i])))?.fields.content, `<p>記事 ${i}</p>`, `entry ${i}`);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('packEntry', () => {
  it('leaves out only text the entry repeats exactly, and puts it back', () => {
    const body = `本文です。\n${'長い段落です。'.repeat(100)}\n`;
    const raw = `---\ntitle: 題\n---\n${body}`;
    const more = `<p>${'続き。'.repeat(100)}</p>`;
    // The footer follows what Hexo calls `more`: the text is found anywhere in the HTML.
    const content = `<p>概要</p><span id="more"></span>${more}<aside>本記事について</aside>`;
    const entry = { fields: { content, more, toc: true }, model: { article: { file: 'a.md' }, raw, own: [] } };
    const packed = packEntry(structuredClone(entry), raw);
    assert.deepEqual(packed.fields.more, { $slice: [content.indexOf(more), more.length] });
    assert.equal((packed.model as { raw: unknown }).raw, '$raw');
    assert.deepEqual(unpackEntry(structuredClone(packed), raw), entry);
    assert.deepEqual(unpackEntry(packEntry(structuredClone({ ...entry, fields: { content: more, more } }), raw), raw).fields, { content: more, more });
    // Text that is not in the HTML, or a source that is not this one, stays.
    const other = { fields: { content: '<p>別</p>', more }, model: { article: { file: 'a.md' }, raw: `${raw}追記`, own: [] } };
    assert.deepEqual(packEntry(structuredClone(other), raw), other);
  });
});

describe('readState', () => {
  it('trusts only a state it can read whole, and drops the parts that are not as this version writes them', () => {
    assert.equal(readState('{"fingerprint": "f"'), undefined);
    assert.equal(readState('null'), undefined);
    assert.equal(readState('{"fingerprint": 1, "output": ""}'), undefined);
    const state = readState(JSON.stringify({ fingerprint: 'f', output: 'o', hashes: {}, pages: { 'a/index.html': 'k' }, search: { parts: ['p', null], pages: ['x'] } }));
    assert.deepEqual(state, { fingerprint: 'f', output: 'o', hashes: {}, pages: { 'a/index.html': 'k' }, search: { parts: ['p', null], pages: ['x'] } });
    // An older version's search digests (a plain list) and a page key that is not a string.
    assert.deepEqual(readState(JSON.stringify({ fingerprint: 'f', output: 'o', pages: { a: 1 }, search: ['p'] })), { fingerprint: 'f', output: 'o', hashes: {} });
  });
});
