import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compileKey, forNode, NODE_TARGET, transformOptions } from '../../lib/theme/jsx-cache';

const REPO = path.resolve(__dirname, '../../..');
const options = { only: [/.*\.jsx/], presets: ['@babel/preset-env'], plugins: [['babel-plugin-inferno', { imports: true }]] };
const versions = ['@babel/core@7.0.0', '@babel/preset-env@7.0.0', 'babel-plugin-inferno@6.8.5'];

describe('compiled JSX kept by content', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jsx-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keys a file by its source, name, options and the versions of Babel and its plugins', () => {
    const key = compileKey('<a/>', '/t/a.jsx', options, versions);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(compileKey('<a/>', '/t/a.jsx', { ...options }, [...versions]), key);
    assert.notEqual(compileKey('<b/>', '/t/a.jsx', options, versions), key);
    assert.notEqual(compileKey('<a/>', '/t/b.jsx', options, versions), key);
    assert.notEqual(compileKey('<a/>', '/t/a.jsx', { ...options, plugins: [['babel-plugin-inferno', { imports: false }]] }, versions), key);
    assert.notEqual(compileKey('<a/>', '/t/a.jsx', options, ['@babel/core@7.0.1', ...versions.slice(1)]), key);
    // Which files are compiled is not part of a file's compile; patterns still key apart from each other.
    assert.equal(compileKey('<a/>', '/t/a.jsx', { ...options, only: [/x/] }, versions), key);
  });

  it('compiles without the site\'s Babel configuration and as @babel/register would name itself', () => {
    assert.deepEqual(transformOptions(options, '/t/a.jsx'), {
      presets: options.presets, plugins: options.plugins, filename: '/t/a.jsx', babelrc: false, configFile: false, sourceMaps: false, caller: { name: '@babel/register' },
    });
  });

  it('asks preset-env for the Node the site builds with instead of ES5, unless targets are given', () => {
    assert.equal(NODE_TARGET, (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node.replace(/^>=(\d+\.\d+)\.0$/, '$1'));
    const env = { targets: { node: NODE_TARGET } };
    assert.deepEqual(forNode(options).presets, [['@babel/preset-env', env]]);
    assert.deepEqual(forNode({ presets: [['@babel/preset-env', { loose: true }], 'other'] }).presets, [['@babel/preset-env', { loose: true, ...env }], 'other']);
    const own = { presets: [['@babel/preset-env', { targets: 'defaults' }]] };
    assert.deepEqual(forNode(own), own);
    assert.deepEqual(forNode({ plugins: options.plugins }), { plugins: options.plugins });
  });

  // In a process of its own: the cache replaces a module and a require hook of the process.
  const render = (register: object = { presets: options.presets, plugins: options.plugins }) => {
    const script = [
      `require(${JSON.stringify(path.join(REPO, 'dist/lib/theme/jsx-cache.js'))}).installJsxCache(${JSON.stringify(REPO)}, ${JSON.stringify(dir)});`,
      `require(require.resolve('@babel/register', { paths: [require('path').dirname(require.resolve('hexo-renderer-inferno/package.json'))] }))(${JSON.stringify(register)});`,
      `const Greeting = require(${JSON.stringify(path.join(REPO, 'test/fixtures/jsx/Greeting.jsx'))});`,
      `const html = require('inferno-server').renderToStaticMarkup(require('inferno-create-element').createElement(Greeting, { name: '佐藤' }));`,
      `console.log(JSON.stringify({ html, babel: Object.keys(require.cache).some((f) => /node_modules[\\\\/]@babel[\\\\/]core[\\\\/]/.test(f)) }));`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_ENV: 'production' } });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { html: string; babel: boolean };
  };

  it('compiles a layout with Babel once, and later takes it from the cache without loading Babel', () => {
    const first = render();
    assert.deepEqual(first, { html: '<p class="greeting">こんにちは、佐藤 さん</p>', babel: true });
    const kept = readdirSync(dir);
    assert.equal(kept.length, 1);
    // Compiled for Node: the class stays a class, without Babel's ES5 helpers.
    const code = readFileSync(path.join(dir, kept[0]!), 'utf8');
    assert.match(code, /class extends/);
    assert.doesNotMatch(code, /_callSuper|_classCallCheck/);
    assert.deepEqual(render(), { html: first.html, babel: false });
    // Other options compile it again, and the file of the old ones goes.
    assert.deepEqual(render({ presets: options.presets, plugins: options.plugins, compact: true }), { html: first.html, babel: true });
    const now = readdirSync(dir);
    assert.equal(now.length, 1);
    assert.notDeepEqual(now, kept);
  });
});
