/**
 * `npm run preview:meta -- --number N [--base REF] [--build success|failure] [--out FILE] [--cwd DIR] [--config a.yml,b.yml]`
 * Writes what the pull request's preview comment lists (JSON): the articles changed since REF
 * (default `HEAD^1`, the base side of the pull request's merge commit) with their paths, and the
 * checker's counts. It never fails on findings: the build's own exit code reports those.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runChecks } from '../check/run';
import { configFiles } from '../config/site';
import { readFrontMatter } from '../markdown/front-matter';
import { parseNameStatus, previewMeta } from '../preview/meta';
import { runMain } from './main';

const run = promisify(execFile);

interface MetaArgs {
  number: number;
  base: string;
  build: 'success' | 'failure';
  out?: string;
  cwd: string;
  config?: string;
}

export function parseMetaArgs(argv: string[]): MetaArgs {
  const args: Partial<MetaArgs> & { cwd: string; base: string; build: 'success' | 'failure' } = { cwd: process.cwd(), base: 'HEAD^1', build: 'success' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} に値を指定してください。`);
    i++;
    if (a === '--number') {
      if (!/^[1-9]\d*$/.test(v)) throw new Error(`--number は pull request の番号です: ${v}`);
      args.number = Number(v);
    } else if (a === '--base') args.base = v;
    else if (a === '--build') {
      if (v !== 'success' && v !== 'failure') throw new Error(`--build は success か failure です: ${v}`);
      args.build = v;
    } else if (a === '--out') args.out = v;
    else if (a === '--cwd') args.cwd = path.resolve(v);
    else if (a === '--config') args.config = v;
    else throw new Error(`不明なオプションです: ${a}`);
  }
  if (args.number === undefined) throw new Error('--number (pull request の番号) を指定してください。');
  return args as MetaArgs;
}

async function main(): Promise<number> {
  const args = parseMetaArgs(process.argv.slice(2));
  // --relative: paths relative to the site folder, which may sit below the repository's top.
  const { stdout } = await run('git', ['-c', 'core.quotepath=off', 'diff', '--name-status', '-z', '-M', '--relative', args.base, 'HEAD'], {
    cwd: args.cwd, maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stderr?: string }) => {
    throw new Error(`git diff ${args.base} HEAD に失敗しました: ${String(err.stderr ?? err).trim()}`);
  });
  const checks = await runChecks(args.cwd, [], configFiles(args.config));
  const routes = checks.context.site.routes;
  const titles = new Map<string, string>();
  await Promise.all([...routes.keys()].map(async (file) => {
    const title = readFrontMatter(await fs.readFile(path.join(args.cwd, file), 'utf8').catch(() => '')).data.title;
    if (typeof title === 'string' && title.trim()) titles.set(file, title.trim());
  }));
  const meta = previewMeta({
    number: args.number, build: args.build, changes: parseNameStatus(stdout), routes, titles,
    diagnostics: checks.diagnostics, sourceDir: checks.options.sourceDir,
  });
  const text = `${JSON.stringify(meta, null, 2)}\n`;
  if (args.out) {
    await fs.mkdir(path.dirname(path.resolve(args.cwd, args.out)), { recursive: true });
    await fs.writeFile(path.resolve(args.cwd, args.out), text);
  } else process.stdout.write(text);
  return 0;
}

if (require.main === module) runMain(main);
