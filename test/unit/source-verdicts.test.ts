/** The checks made before Hexo reads a source file, and when a build skips reading it for them. */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeSiteOptions } from '../../lib/config/site';
import { refuse } from '../../lib/hexo/articles';

const site = normalizeSiteOptions({});
let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'verdicts-'));
  await fs.mkdir(path.join(dir, 'source/_posts'), { recursive: true });
});
after(() => fs.rm(dir, { recursive: true, force: true }));

it('reads a file unless this build hashed it unchanged and the last build saw that content pass', async () => {
  const file = path.join(dir, 'source/_posts/A.md');
  const good = Buffer.from('---\ntitle: 記事\n---\n\n本文です。\n');
  await fs.writeFile(file, good);
  const box = { source: file, path: '_posts/A.md', type: 'create' };
  const hash = createHash('sha256').update(good).digest('hex');
  const fresh = { before: new Set<string>(), now: new Set<string>(), hashed: {} };
  assert.equal(await refuse(box, site, dir, fresh), undefined);
  assert.deepEqual([...fresh.now], [hash]);

  // Bytes that are not UTF-8, with the size and time this build's hash was taken for.
  await fs.writeFile(file, Buffer.concat([good.subarray(0, good.length - 2), Buffer.from([0xff, 0x0a])]));
  const stat = await fs.stat(file);
  const seen = () => ({ before: new Set([hash]), now: new Set<string>(), hashed: { [file]: { size: stat.size, mtime: stat.mtimeMs, hash } } });
  const skipped = seen();
  assert.equal(await refuse(box, site, dir, skipped), undefined, 'not read: the hash says it passed');
  assert.deepEqual([...skipped.now], [hash]);

  const touched = seen();
  touched.hashed[file].mtime += 1;
  assert.equal((await refuse(box, site, dir, touched))?.rule, 'source/encoding');
  assert.deepEqual([...touched.now], []);
  const unknown = { ...seen(), before: new Set<string>() };
  assert.equal((await refuse(box, site, dir, unknown))?.rule, 'source/encoding');
  assert.equal((await refuse(box, site, dir, undefined))?.rule, 'source/encoding');
});
