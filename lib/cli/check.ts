/**
 * `npm run check -- [--format text|github|json] [--cwd DIR] [--config a.yml,b.yml] [file.md ...]`
 * Checks the Markdown under source/ (drafts excluded) without building the site; exit 1 on errors.
 */
import path from 'node:path';
import { runMain } from './main';
import { configFiles } from '../config/site';
import { runChecks } from '../check/run';
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

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { diagnostics, targets } = await runChecks(args.cwd, args.files, args.config);
  return report(diagnostics, targets.length, args.format);
}

if (require.main === module) runMain(main);
