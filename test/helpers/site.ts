/** Builds throw-away Hexo sites from the repository's configuration and a fixture's sources. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import * as cheerio from 'cheerio';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
const CLI = path.join(REPO, 'dist', 'lib', 'cli', 'hexo.js');

export interface SiteOptions {
  /** Folder under test/fixtures whose files are copied over the site; default `site`; null for none. */
  fixture?: string | null;
  /** Extra files to write, by path relative to the site folder. */
  files?: Record<string, string>;
  /** Leave out scripts/support-blog.js, as if our plugins were missing. */
  omitPlugins?: boolean;
  /** Commit every file with this date, so git knows the articles' last update. */
  gitDate?: string;
}

/**
 * Environment for building a temporary site. Where @babel/register compiles icarus's JSX (plain
 * Hexo in the bench; our builds keep their own in .build/cache/jsx, lib/theme/jsx-cache.ts), it
 * keys its cache by the working directory and never evicts: with the shared node_modules/.cache,
 * every temporary site grew one file for good (209 MB after a few hundred test builds).
 */
export function siteEnv(dir: string): NodeJS.ProcessEnv {
  return { BABEL_CACHE_PATH: path.join(dir, '.babel-cache.json') };
}

/** Creates a temporary site folder; the caller removes it with {@link removeSite}. */
export async function makeSite(options: SiteOptions = {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'support-blog-'));
  for (const file of ['_config.yml', '_config.icarus.yml', 'package.json', '.github/article-feedback.md', 'source/favicon.svg']) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.copyFile(path.join(REPO, file), path.join(dir, file));
  }
  for (const folder of ['scripts', 'scaffolds']) {
    await fs.cp(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
  }
  if (options.fixture !== null) await fs.cp(path.join(FIXTURES, options.fixture ?? 'site'), dir, { recursive: true });
  await fs.symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await fs.symlink(path.join(REPO, 'dist'), path.join(dir, 'dist'), 'dir');
  if (options.omitPlugins) await fs.rm(path.join(dir, 'scripts', 'support-blog.js'));
  for (const [file, text] of Object.entries(options.files ?? {})) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
  if (options.gitDate) await commitAll(dir, options.gitDate);
  return dir;
}

/** Commits everything in dir with a fixed author and date. */
export async function commitAll(dir: string, date: string): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const git = (...args: string[]) => run('git', ['-c', 'user.name=テスト', '-c', 'user.email=test@example.com', ...args], dir, env);
  if (!(await fs.stat(path.join(dir, '.git')).catch(() => undefined))) await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'fixture');
}

export interface RunResult {
  code: number;
  /** The signal that ended the process, if one did. */
  signal?: string;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and reports its exit code and output; never rejects. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      // Hexo colours its log when CI is set; tests read the text.
      const signal = err?.signal ?? undefined;
      resolve({ code, ...(signal ? { signal } : {}), stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) });
    });
  });
}

/** Runs `generate` of the build runner on a site, as `npm run build` does. */
export function buildSite(dir: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<RunResult> {
  const config = ['_config.yml', '_config.test.yml'];
  return fs.stat(path.join(dir, '_config.test.yml')).then(
    () => config.join(','),
    () => config[0]!,
  ).then((cfg) => run(process.execPath, [CLI, 'generate', '--cwd', dir, '--config', cfg, ...args], dir, { ...process.env, ...siteEnv(dir), ...env }));
}

/** Loads a built page with a browser-like parser (parse5), as a reader's browser would see it. */
export async function loadPage(dir: string, route: string): Promise<cheerio.CheerioAPI> {
  const file = path.join(dir, 'public', publicFileFor(route) ?? route);
  return cheerio.load(await fs.readFile(file, 'utf8'));
}

/** Every file under dir, relative to it, with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The file in public/ that a root-relative URL of the site points at, or undefined. */
export function publicFileFor(url: string, root = '/blog/'): string | undefined {
  if (!url.startsWith(root)) return undefined;
  const p = decodeURIComponent(url.slice(root.length).replace(/[?#].*$/, ''));
  return p === '' || p.endsWith('/') ? `${p}index.html` : p;
}

export async function removeSite(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}
