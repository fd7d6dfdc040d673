/**
 * `npm run check -- [--format text|github|json] [--cwd DIR] [file.md ...]`
 * Checks the Markdown under source/ (drafts excluded) without building the site; exit 1 on errors.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { checkArticle } from '../check/article';
import { normalizeCheckOptions, type CheckOptions } from '../check/options';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatGithub, formatJson, formatText, summarize, type ReportFormat } from '../diagnostics/report';

/** Whether a path under source/ is a draft: in _drafts, or a file or folder whose name starts with `_` (other than _posts). */
export function isDraft(relative: string): boolean {
  return relative.split('/').some((part) => part.startsWith('_') && part !== '_posts');
}

/** The Markdown files the checker reads, relative to cwd with forward slashes, sorted. */
export async function markdownFiles(cwd: string, sourceDir = 'source'): Promise<string[]> {
  const root = path.join(cwd, sourceDir);
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !isDraft(rel) && !rel.split('/').includes('node_modules'))
    .map((rel) => `${sourceDir}/${rel}`)
    .sort();
}

/** Reads the `check` section (and source_dir) of _config.yml. */
export async function loadCheckConfig(cwd: string): Promise<{ options: CheckOptions; sourceDir: string }> {
  const config = (yaml.load(await fs.readFile(path.join(cwd, '_config.yml'), 'utf8')) ?? {}) as { check?: unknown; source_dir?: string };
  return { options: normalizeCheckOptions(config.check), sourceDir: config.source_dir ?? 'source' };
}

/** Checks files (all Markdown under source/ when none are named) and returns every diagnostic. */
export async function runChecks(cwd: string, files: string[] = []): Promise<{ diagnostics: Diagnostic[]; checked: number }> {
  const { options, sourceDir } = await loadCheckConfig(cwd);
  const targets = files.length
    ? files.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/'))
    : await markdownFiles(cwd, sourceDir);
  const results = await Promise.all(targets.map(async (file) => checkArticle(file, await fs.readFile(path.join(cwd, file), 'utf8'), options)));
  return { diagnostics: results.flat(), checked: targets.length };
}

interface CheckArgs {
  format: ReportFormat;
  cwd: string;
  files: string[];
}

function parseArgs(argv: string[]): CheckArgs {
  const args: CheckArgs = { format: 'text', cwd: process.cwd(), files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--format') {
      const f = argv[++i];
      if (f !== 'text' && f !== 'github' && f !== 'json') throw new Error(`--format は text、github、json のいずれかです: ${f}`);
      args.format = f;
    } else if (a === '--cwd') {
      args.cwd = path.resolve(argv[++i] ?? '.');
    } else if (a.startsWith('--')) {
      throw new Error(`不明なオプションです: ${a}`);
    } else {
      args.files.push(a);
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { diagnostics, checked } = await runChecks(args.cwd, args.files);
  const output = args.format === 'json' ? formatJson(diagnostics) : args.format === 'github' ? formatGithub(diagnostics) : formatText(diagnostics, checked);
  if (output) process.stdout.write(`${output}\n`);
  if (args.format === 'github') {
    const { errors, warnings } = summarize(diagnostics);
    process.stdout.write(`checked ${checked} files: ${errors} errors, ${warnings} warnings\n`);
  }
  return summarize(diagnostics).errors > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    },
  );
}
