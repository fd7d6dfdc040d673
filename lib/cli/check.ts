/**
 * `npm run check -- [--format text|github|json] [--cwd DIR] [--config a.yml,b.yml] [file.md ...]`
 * Checks the Markdown under source/ (drafts excluded) without building the site; exit 1 on errors.
 * `--fix [--dry-run]` applies the one-answer corrections; `--review` lists the articles whose last
 * update is older than `review.after_months` (exit 0: a list for reviewers, not a failure).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runMain } from './main';
import { applyFixes, removeFixLeftovers, unifiedDiff, writeFileAtomically } from '../check/fix';
import { configFiles } from '../config/site';
import { runChecks } from '../check/run';
import { dueForReview, formatReview, type ReviewItem } from '../check/review';
import { readGitDates } from '../git/last-updated';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatGithub, formatJson, formatText, summarize, type ReportFormat } from '../diagnostics/report';

export interface CheckArgs {
  format: ReportFormat;
  cwd: string;
  config: string[];
  files: string[];
}

/** Parses the options shared by the checkers; `flags` lists extra boolean flags a command accepts. */
export function parseArgs<F extends string = never>(argv: string[], flags: readonly F[] = []): CheckArgs & { flags: Set<F> } {
  const args: CheckArgs & { flags: Set<F> } = { format: 'text', cwd: process.cwd(), config: [], files: [], flags: new Set() };
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((flags as readonly string[]).includes(a)) {
      args.flags.add(a as F);
    } else if (a === '--format') {
      const f = argv[++i];
      if (f !== 'text' && f !== 'github' && f !== 'json') throw new Error(`--format は text、github、json のいずれかです: ${f}`);
      args.format = f;
    } else if (a === '--cwd') {
      args.cwd = path.resolve(argv[++i] ?? '.');
    } else if (a === '--config') {
      config = argv[++i];
      if (!config) throw new Error('--config に設定ファイルを指定してください (例: --config _config.yml,_config.local.yml)');
    } else if (a.startsWith('--')) {
      throw new Error(`不明なオプションです: ${a}`);
    } else {
      args.files.push(a);
    }
  }
  args.config = configFiles(config);
  return args;
}

/** Prints diagnostics in a format and returns the exit code: 1 if any is an error. */
export function report(diagnostics: Diagnostic[], checked: number, format: ReportFormat): number {
  const output = format === 'json' ? formatJson(diagnostics) : format === 'github' ? formatGithub(diagnostics) : formatText(diagnostics, checked);
  if (output) process.stdout.write(`${output}\n`);
  if (format === 'github') {
    const { errors, warnings } = summarize(diagnostics);
    process.stdout.write(`checked ${checked} files: ${errors} errors, ${warnings} warnings\n`);
  }
  return summarize(diagnostics).errors > 0 ? 1 : 0;
}

/** `--fix`: applies every one-answer correction, prints each (or, with `--dry-run`, a diff), then reports what is left. */
async function fix(args: CheckArgs, dryRun: boolean): Promise<number> {
  const first = await runChecks(args.cwd, args.files, args.config);
  await removeFixLeftovers(path.join(args.cwd, first.options.sourceDir));
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of first.diagnostics) if (d.fix) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  let count = 0;
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const full = path.join(args.cwd, file);
    const before = await fs.readFile(full, 'utf8');
    const { text, applied } = applyFixes(before, list);
    if (!applied.length) continue;
    count += applied.length;
    if (dryRun) {
      process.stdout.write(unifiedDiff(file, before, text));
      continue;
    }
    await writeFileAtomically(full, text);
    // Quoted where spaces at either end are the change.
    const show = (t: string) => (t.trim() === t ? t : JSON.stringify(t));
    for (const a of applied) process.stdout.write(`${a.file}:${a.line}  ${a.rule}  ${show(a.before)} → ${show(a.after)}\n`);
  }
  process.stdout.write(count ? `${dryRun ? '直せる' : '直した'}箇所: ${count} 件\n` : '機械的に直せる問題はありませんでした\n');
  if (dryRun) return report(first.diagnostics, first.targets.length, args.format);
  const rest = await runChecks(args.cwd, args.files, args.config);
  return report(rest.diagnostics, rest.targets.length, args.format);
}

/** `--review`: the articles due for a periodic review, oldest first. */
async function review(args: CheckArgs): Promise<number> {
  const { articles, targets, options } = await runChecks(args.cwd, args.files, args.config);
  const git = await readGitDates(args.cwd);
  const top = git ? await fs.realpath(git.top) : '';
  const items: ReviewItem[] = [];
  for (const file of targets) {
    const data = articles.get(file)?.frontMatter.data ?? {};
    const fromGit = git?.dates.get(path.relative(top, await fs.realpath(path.join(args.cwd, file)).catch(() => path.join(args.cwd, file))).split(path.sep).join('/'));
    const written = [data.updated, data.date].find((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()));
    const updated = fromGit ?? written?.toISOString();
    if (!updated) continue;
    items.push({
      file, title: typeof data.title === 'string' ? data.title : '', updated, from: fromGit ? 'git' : 'front-matter',
      marked: data.outdated === true || (typeof data.outdated === 'string' && data.outdated.trim() !== ''),
    });
  }
  const due = dueForReview(items, new Date(), options.review.afterMonths);
  process.stdout.write(`${args.format === 'json' ? JSON.stringify(due, null, 2) : formatReview(due, options.review.afterMonths, targets.length)}\n`);
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--fix', '--dry-run', '--review'] as const);
  if (args.flags.has('--review')) return review(args);
  if (args.flags.has('--dry-run') && !args.flags.has('--fix')) throw new Error('--dry-run は --fix と一緒に指定します');
  if (args.flags.has('--fix')) return fix(args, args.flags.has('--dry-run'));
  const { diagnostics, targets } = await runChecks(args.cwd, args.files, args.config);
  return report(diagnostics, targets.length, args.format);
}

if (require.main === module) runMain(main);
