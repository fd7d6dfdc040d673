/**
 * icarus's stylesheets compiled in a worker thread give the same bytes as compiled by Hexo on the
 * main thread, and the build falls back to Hexo's own compile wherever the worker cannot stand in.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildSite, loadPage, makeSite, removeSite } from '../helpers/site';
import { unusedThemeSheets } from '../../lib/hexo/stylesheet';

let dir: string;
// icarus's other sheets (its cyberpunk variant, the base both import) are linked by no page.
const SHEETS = ['css/default.css'];
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

it('compiles only the stylesheet of the theme variant the pages link', async () => {
  const built = await build({ purge: false });
  assert.equal(built.code, 0, built.output);
  const css = await fs.readdir(path.join(dir, 'public', 'css'));
  assert.ok(css.includes('default.css'));
  assert.ok(!css.includes('style.css') && !css.includes('cyberpunk.css'), css.join(', '));
  const icarus = path.join(dir, '_config.icarus.yml');
  const config = await fs.readFile(icarus, 'utf8');
  try {
    await fs.writeFile(icarus, config.replace(/^variant: default$/m, 'variant: cyberpunk'));
    const cyberpunk = await buildSite(dir, {}, ['--force']);
    assert.equal(cyberpunk.code, 0, `${cyberpunk.stdout}\n${cyberpunk.stderr}`);
    const files = await fs.readdir(path.join(dir, 'public', 'css'));
    assert.ok(files.includes('cyberpunk.css') && !files.includes('default.css'), files.join(', '));
    const $ = await loadPage(dir, '/blog/');
    assert.equal($('link[href="/blog/css/cyberpunk.css"]').length, 1);
  } finally {
    await fs.writeFile(icarus, config);
  }
});

it('leaves out icarus\'s sheets other than the variant\'s, and nothing of a theme it does not know', () => {
  const icarus = ['css/cyberpunk.styl', 'css/default.styl', 'css/style.styl'];
  assert.deepEqual(unusedThemeSheets(icarus, undefined), ['css/cyberpunk.styl', 'css/style.styl']);
  assert.deepEqual(unusedThemeSheets(icarus, 'default'), ['css/cyberpunk.styl', 'css/style.styl']);
  assert.deepEqual(unusedThemeSheets(icarus, 'cyberpunk'), ['css/default.styl', 'css/style.styl']);
  // A variant icarus lacks (its page would link a sheet nobody compiles), or the base itself: all stay.
  for (const variant of ['neon', 'style', 3]) assert.deepEqual(unusedThemeSheets(icarus, variant), [], String(variant));
  // Another theme's sheets, or icarus with one of them gone.
  assert.deepEqual(unusedThemeSheets(['css/default.styl', 'css/main.styl'], 'default'), []);
  assert.deepEqual(unusedThemeSheets(['css/default.styl', 'css/cyberpunk.styl'], 'default'), []);
});
