/**
 * A fingerprint of everything a build reads, so that a build with nothing changed can keep the
 * previous public/ instead of rendering every page again. Files are compared by path, size and
 * modification time (as make does): a touched file costs a rebuild, never a stale page.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Lists every file under dir (recursively) as `relative-path size mtime`, sorted; [] if missing. */
export async function describeTree(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
    throw err;
  });
  const lines = await Promise.all(entries.filter((e) => !e.isDirectory()).map(async (e) => {
    const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (rel.split('/').some(skip)) return undefined;
    const stat = await fs.stat(full).catch(() => undefined);
    return stat ? `${rel} ${stat.size} ${stat.mtimeMs}` : `${rel} missing`;
  }));
  return lines.filter((l): l is string => l !== undefined).sort();
}

/** What a site's build depends on besides its files. */
export interface BuildInputs {
  baseDir: string;
  /** Folders of the toolchain itself (compiled plugins, their CSS). */
  toolDirs: string[];
  /** Command-line options that change the output. */
  options: string[];
  /** The day in the site's timezone: icarus prints the current year. */
  today: string;
}

const SITE_DIRS = ['source', 'scripts', 'themes', '.github'];
/** Files read by path only: npm rewrites this one whenever installed packages change. */
const SITE_STAMPS = ['node_modules/.package-lock.json'];
const SITE_FILES = /^(_config.*\.ya?ml|package(-lock)?\.json)$/;
const IGNORED = (name: string) => name === 'node_modules' || name === '.git';

/** Hex digest of the inputs; any difference means the previous output cannot be reused. */
export async function fingerprint(inputs: BuildInputs): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, lines: string[]) => hash.update(`${label}\n${lines.join('\n')}\n`);
  add('options', inputs.options);
  add('today', [inputs.today]);
  add('env', ['TZ', 'NODE_ENV'].map((k) => `${k}=${process.env[k] ?? ''}`));
  const top = await fs.readdir(inputs.baseDir);
  const files = top.filter((f) => SITE_FILES.test(f)).sort();
  add('site files', await Promise.all(files.map(async (f) => `${f} ${await fs.readFile(path.join(inputs.baseDir, f), 'utf8')}`)));
  for (const dir of SITE_DIRS) add(dir, await describeTree(path.join(inputs.baseDir, dir), IGNORED));
  for (const file of SITE_STAMPS) {
    add(file, [await fs.stat(path.join(inputs.baseDir, file)).then((s) => `${s.size} ${s.mtimeMs}`, () => 'none')]);
  }
  for (const dir of inputs.toolDirs) add(dir, await describeTree(dir));
  add('git', [await gitState(inputs.baseDir)]);
  return hash.digest('hex');
}

/** The checked-out commit: last-updated dates come from git history, not from the files. */
function gitState(dir: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd: dir }, (err, stdout) => resolve(err ? 'no git' : stdout.trim()));
  });
}
