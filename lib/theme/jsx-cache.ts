/**
 * icarus's layouts are JSX, which hexo-renderer-inferno compiles through @babel/register as they
 * are required. Even when every file hits Babel's cache, that loads Babel and preset-env and works
 * out each file's configuration (0.6 s per build here), and Babel's cache is keyed by file mtimes,
 * which every `npm ci` renews: a CI build compiles the whole theme again (2.3 s).
 *
 * Here the renderer's call of @babel/register installs a compiler of our own with the same
 * options instead: its results are kept by the hash of the source, the options and the versions
 * of Babel and its plugins, and Babel is loaded only for a file it has not seen.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/** What hexo-renderer-inferno passes to @babel/register. */
export interface RegisterOptions {
  only?: RegExp[];
  presets?: unknown[];
  plugins?: unknown[];
  [option: string]: unknown;
}

interface NodeModule {
  _compile(code: string, filename: string): void;
}

type Extensions = Record<string, (module: NodeModule, filename: string) => void>;

interface Babel {
  transformSync(code: string, options: Record<string, unknown>): { code?: string | null } | null;
}

/** A RegExp as its source: JSON would write `{}`, and two patterns would key alike. */
const keyable = (_: string, value: unknown) => (value instanceof RegExp ? `RegExp ${String(value)}` : value);

/** The version of a package resolved from `from`, or '' when it is not installed. */
function versionOf(name: string, from: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [from] }), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** The options of a compile that depend on nothing but these options (no Babel config files of the site). */
export function transformOptions(options: RegisterOptions, filename: string): Record<string, unknown> {
  const { only: _only, ignore: _ignore, extensions: _extensions, cache: _cache, ...rest } = options;
  return { ...rest, filename, babelrc: false, configFile: false, sourceMaps: false, caller: { name: '@babel/register' } };
}

/** The key of a compiled file: its source, name and options, and the compiler's versions. */
export function compileKey(code: string, filename: string, options: RegisterOptions, versions: string[]): string {
  return createHash('sha256').update(JSON.stringify([versions, transformOptions(options, filename), code], keyable)).digest('hex');
}

/** The Node version the site is built with at least (package.json's engines). */
export const NODE_TARGET = '20.19';

/**
 * The renderer asks preset-env for ES5 (no targets), so every layout's classes, spreads and loops
 * run through Babel's helpers on each page. The layouts only ever run in this Node process: the
 * same code for Node's own classes and spreads renders the same pages, with less work.
 */
export function forNode(options: RegisterOptions): RegisterOptions {
  if (!options.presets) return options;
  const presets = options.presets.map((p) => {
    if (p === '@babel/preset-env') return [p, { targets: { node: NODE_TARGET } }];
    if (Array.isArray(p) && p[0] === '@babel/preset-env' && !(p[1] as { targets?: unknown } | undefined)?.targets) return [p[0], { ...(p[1] as object | undefined), targets: { node: NODE_TARGET } }];
    return p;
  });
  return { ...options, presets };
}

/**
 * Makes the @babel/register that hexo-renderer-inferno (as installed for `baseDir`) requires
 * compile `.jsx` files through {@link compileKey}-keyed files in `cacheDir`. Without the renderer,
 * nothing changes.
 */
export function installJsxCache(baseDir: string, cacheDir: string): void {
  let registerPath: string;
  try {
    const renderer = path.dirname(require.resolve('hexo-renderer-inferno/package.json', { paths: [baseDir] }));
    registerPath = require.resolve('@babel/register', { paths: [renderer] });
  } catch {
    return;
  }
  const from = path.dirname(registerPath);
  const stub = new Module(registerPath);
  stub.filename = registerPath;
  stub.loaded = true;
  stub.exports = (given: RegisterOptions = {}) => {
    const options = forNode(given);
    // Names, not the modules: reading three package.json files costs nothing, loading Babel does.
    const names = ['@babel/core', ...[...(options.presets ?? []), ...(options.plugins ?? [])].map((p) => String(Array.isArray(p) ? p[0] : p))];
    const versions = names.map((name) => `${name}@${versionOf(name, from)}`);
    let babel: Babel | undefined;
    const used = new Set<string>();
    const compile = (code: string, filename: string): string => {
      const name = `${compileKey(code, filename, options, versions)}.js`;
      const file = path.join(cacheDir, name);
      used.add(name);
      try {
        return readFileSync(file, 'utf8');
      } catch {
        // Not compiled yet.
      }
      if (!babel) {
        babel = require(require.resolve('@babel/core', { paths: [from] })) as Babel;
        // Something changed (a layout, Babel, the options): what this run did not use is stale.
        process.once('exit', () => pruneExcept(cacheDir, used));
      }
      const compiled = babel.transformSync(code, transformOptions(options, filename))?.code ?? code;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, compiled);
        renameSync(temp, file);
      } catch {
        rmSync(`${file}.${process.pid}.tmp`, { force: true }); // compiled again next time
      }
      return compiled;
    };
    const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
    // @babel/register also hooks .js, .mjs, .cjs and .es6 files that `only` matches: the renderer's
    // pattern matches .jsx files.
    const only = options.only ?? [/\.jsx$/];
    const original = extensions['.jsx'] ?? extensions['.js']!;
    extensions['.jsx'] = (module, filename) => {
      if (!only.some((re) => re.test(filename))) return original(module, filename);
      module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
    };
  };
  require.cache[registerPath] = stub;
}

/**
 * Removes the compiled files not in `used`. Hexo compiles every layout of the theme when it loads
 * it, so a run that compiled anything used all the files that are still current; a file removed
 * wrongly (a run that stopped early, another build with another theme) is only compiled again.
 */
function pruneExcept(cacheDir: string, used: ReadonlySet<string>): void {
  try {
    for (const name of readdirSync(cacheDir)) if (name.endsWith('.js') && !used.has(name)) rmSync(path.join(cacheDir, name), { force: true });
  } catch {
    // Nothing kept yet, or the folder went away.
  }
}
