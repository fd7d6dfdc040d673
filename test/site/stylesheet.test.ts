/**
 * icarus's stylesheets compiled in a worker thread give the same bytes as compiled by Hexo on the
 * main thread, and the build falls back to Hexo's own compile wherever the worker cannot stand in.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, makeSite, removeSite } from '../helpers/site';

let dir: string;
const SHEETS = ['css/default.css', 'css/style.css', 'css/cyberpunk.css'];
// Breaks stylus in the build's main thread only: a worker thread loads its own copy of stylus.
const BREAK_MAIN_THREAD = `const Renderer = Object.getPrototypeOf(require('stylus')(''));
Renderer.render = function (done) { done(new Error('stylus ran on the main thread')); };
`;

before(async () => {
  dir = await makeSite({ fixture: 'minimal' });
});
after(() => removeSite(dir));

async function build(css: { worker?: boolean; purge?: boolean }): Promise<{ code: number; output: string; sheets: string[] }> {
  await fs.writeFile(path.join(dir, '_config.test.yml'), `css:\n  worker: ${css.worker ?? true}\n  purge: ${css.purge ?? true}\n`);
  const result = await buildSite(dir, {}, ['--force']);
  const sheets = result.code === 0 ? await Promise.all(SHEETS.map((s) => fs.readFile(path.join(dir, 'public', s), 'utf8'))) : [];
  return { code: result.code, output: `${result.stdout}\n${result.stderr}`, sheets };
}

it('writes the same stylesheets as Hexo compiling them itself', async () => {
  const worker = await build({});
  assert.equal(worker.code, 0, worker.output);
  const here = await build({ worker: false });
  assert.equal(here.code, 0, here.output);
  assert.deepEqual(worker.sheets, here.sheets);
  assert.match(here.sheets[0]!, /Hiragino Sans/, 'our font stack, defined before icarus reads its variables');
  assert.ok(here.sheets.every((css) => css.length > 1000));
});

it('compiles in the worker: the build needs no stylus on its main thread', async () => {
  const plain = await build({ purge: false });
  await fs.writeFile(path.join(dir, 'scripts/zz-break-stylus.js'), BREAK_MAIN_THREAD);
  try {
    const worker = await build({ purge: false });
    assert.equal(worker.code, 0, worker.output);
    assert.deepEqual(worker.sheets, plain.sheets);
    const here = await build({ purge: false, worker: false });
    assert.notEqual(here.code, 0);
    assert.match(here.output, /stylus ran on the main thread/);
  } finally {
    await fs.rm(path.join(dir, 'scripts/zz-break-stylus.js'));
  }
});

it('leaves the stylesheets to Hexo when another stylus:renderer filter could change them', async () => {
  const plain = await build({});
  await fs.writeFile(path.join(dir, 'scripts/zz-stylus-filter.js'),
    `hexo.extend.filter.register('stylus:renderer', (style) => { style.define('$primary', new (require('stylus').nodes.RGBA)(18, 52, 86, 1)); });\n`);
  try {
    const filtered = await build({});
    assert.equal(filtered.code, 0, filtered.output);
    assert.notDeepEqual(filtered.sheets, plain.sheets);
    assert.match(filtered.sheets[0]!, /#123456/);
  } finally {
    await fs.rm(path.join(dir, 'scripts/zz-stylus-filter.js'));
  }
});
