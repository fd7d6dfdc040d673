/**
 * A fingerprint of everything a build reads, so that a build with nothing changed keeps the
 * previous site instead of rendering every page again. Files are compared by content: a file
 * rewritten with the same bytes (as `tsc` does with `dist/`) changes nothing. The hash of a file
 * whose size and modification time are as last time is taken from the previous run.
 * The files are listed and stat'ed synchronously (lib/build/walk.ts): nothing else runs while a
 * build looks at its inputs.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { MARKDOWN_FILE } from '../markdown/extensions';
import { filesUnder, relativeTo } from './walk';

/** Content hashes of files by path, with the size and mtime they were computed for. */
export type HashCache = Record<string, { size: number; mtime: number; hash: string }>;

/** Hashes files by content, reusing the previous hash of a file whose size and mtime are unchanged. */
export class FileHasher {
  readonly next: HashCache = {};

  constructor(private readonly previous: HashCache = {}) {}

  hash(full: string): string {
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return 'missing';
    const old = this.previous[full];
    const hash = old && old.size === stat.size && old.mtime === stat.mtimeMs
      ? old.hash
      : createHash('sha256').update(readFileSync(full)).digest('hex');
    this.next[full] = { size: stat.size, mtime: stat.mtimeMs, hash };
    return hash;
  }

  /** Every file under dir (recursively) as `relative-path hash`, sorted; [] if missing. */
  tree(dir: string, skip: (name: string) => boolean = () => false): string[] {
    const lines: string[] = [];
    for (const e of files(dir, true)) {
      const full = path.join(e.parentPath, e.name);
      const rel = relativeTo(dir, full);
      if (rel.split('/').some(skip)) continue;
      lines.push(e.isSymbolicLink() ? `${rel} -> ${readLink(full)}` : `${rel} ${this.hash(full)}`);
    }
    return lines.sort();
  }
}

function readLink(full: string): string {
  try {
    return readlinkSync(full);
  } catch {
    return '?';
  }
}

/** The files under dir; [] if dir is missing (or on any error, unless `strict`). */
function files(dir: string, strict: boolean): Dirent[] {
  try {
    return filesUnder(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!strict || code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

/**
 * Every file under dir as `relative-path size mtime`, sorted: for output the build wrote itself,
 * where any later edit changes the modification time.
 */
export function statTree(dir: string): string[] {
  return files(dir, false).map((e) => {
    const full = path.join(e.parentPath, e.name);
    const stat = statSync(full, { throwIfNoEntry: false });
    return `${relativeTo(dir, full)} ${stat ? `${stat.size} ${stat.mtimeMs}` : 'missing'}`;
  }).sort();
}

/** What a site's build depends on besides its files. */
export interface BuildInputs {
  baseDir: string;
  /** Folders of the toolchain itself (compiled plugins, their CSS). */
  toolDirs: string[];
  /** Configuration files given on the command line (they may live anywhere). */
  configFiles: string[];
  /** The day in the site's timezone: icarus prints the current year. */
  today: string;
  /** Other options that change the output. */
  options: string[];
}

const SITE_DIRS = ['source', 'scripts', 'themes', '.github', 'scaffolds'];
/** Read by path only: npm rewrites it whenever installed packages change. */
const INSTALLED = 'node_modules/.package-lock.json';
const SITE_FILES = /^(_config.*\.ya?ml|package(-lock)?\.json)$/;
const IGNORED = (name: string) => name === 'node_modules' || name === '.git';

/** Two digests of a build's inputs. */
export interface Fingerprint {
  /** Everything: any difference means the previous site as a whole cannot be kept. */
  full: string;
  /**
   * Everything but the articles' Markdown (their paths stay in) and the checked-out commit: what
   * every page may read. Pages of a build with the same shared digest differ only where they show
   * an article whose text or dates changed (lib/build/reuse.ts).
   */
  shared: string;
  /** The Markdown left out of `shared`, by path under source/, with its content hash. */
  articles: Record<string, string>;
}

/** Markdown under source/_posts/: the articles, whose text only the pages showing them read. */
const isArticle = (rel: string) => rel.startsWith('_posts/') && MARKDOWN_FILE.test(rel);

/** Digests of the inputs (see {@link Fingerprint}). */
export async function fingerprint(inputs: BuildInputs, hasher: FileHasher): Promise<Fingerprint> {
  const full = createHash('sha256');
  const shared = createHash('sha256');
  const add = (label: string, lines: string[], sharedLines = lines) => {
    full.update(`${label}\n${lines.join('\n')}\n`);
    shared.update(`${label}\n${sharedLines.join('\n')}\n`);
  };
  add('options', inputs.options);
  add('today', [inputs.today]);
  add('env', ['TZ', 'NODE_ENV'].map((k) => `${k}=${process.env[k] ?? ''}`));
  // git runs while the files are hashed.
  const git = gitState(inputs.baseDir);
  const top = readdirSync(inputs.baseDir);
  const siteFiles = [...new Set([...top.filter((f) => SITE_FILES.test(f)), ...inputs.configFiles])].sort();
  add('site files', siteFiles.map((f) => `${f} ${hasher.hash(path.resolve(inputs.baseDir, f))}`));
  const articles: Record<string, string> = {};
  for (const dir of SITE_DIRS) {
    const lines = hasher.tree(path.join(inputs.baseDir, dir), IGNORED);
    add(dir, lines, lines.map((line) => {
      const at = line.lastIndexOf(' ');
      const rel = line.slice(0, at);
      if (dir !== 'source' || !isArticle(rel)) return line;
      articles[rel] = line.slice(at + 1);
      return `${rel} article`;
    }));
  }
  add(INSTALLED, [hasher.hash(path.join(inputs.baseDir, INSTALLED))]);
  for (const dir of inputs.toolDirs) add(dir, hasher.tree(dir, (name) => name.endsWith('.tsbuildinfo') || name.endsWith('.tsbuildinfo-client') || name.endsWith('.map')));
  add('git', [await git], []);
  return { full: full.digest('hex'), shared: shared.digest('hex'), articles };
}

/** The checked-out commit: last-updated dates come from git history, not from the files. */
function gitState(dir: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd: dir }, (err, stdout) => resolve(err ? 'no git' : stdout.trim()));
  });
}
