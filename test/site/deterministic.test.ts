/** Two clean builds of the same sources give byte-identical output, and so do the build's caches. */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, listFiles, makeSite, removeSite } from '../helpers/site';

let dir: string;
after(() => removeSite(dir));

async function snapshot(publicDir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const file of await listFiles(publicDir)) {
    hashes.set(file, createHash('sha256').update(await fs.readFile(path.join(publicDir, file))).digest('hex'));
  }
  return hashes;
}

it('writes the same files with the same bytes on a second clean build', async () => {
  dir = await makeSite({ gitDate: '2025-02-03T04:05:06+09:00' });
  assert.equal((await buildSite(dir)).code, 0);
  const first = await snapshot(path.join(dir, 'public'));
  await fs.rm(path.join(dir, 'public'), { recursive: true });
  assert.equal((await buildSite(dir)).code, 0);
  const second = await snapshot(path.join(dir, 'public'));
  assert.ok(first.size > 50, `${first.size} files`);
  assert.deepEqual([...second.keys()], [...first.keys()]);
  const changed = [...first].filter(([file, hash]) => second.get(file) !== hash).map(([file]) => file);
  assert.deepEqual(changed, []);
});

it('writes the same bytes without the sidebar widget cache', async () => {
  assert.equal((await buildSite(dir)).code, 0);
  const cached = await snapshot(path.join(dir, 'public'));
  const testConfig = path.join(dir, '_config.test.yml');
  const original = await fs.readFile(testConfig, 'utf8');
  await fs.writeFile(testConfig, `${original}\nwidgets:\n  cache: false\n`);
  assert.equal((await buildSite(dir)).code, 0);
  const uncached = await snapshot(path.join(dir, 'public'));
  await fs.writeFile(testConfig, original);
  assert.deepEqual([...uncached].filter(([file, hash]) => cached.get(file) !== hash).map(([file]) => file), []);
  assert.equal(uncached.size, cached.size);
});
