/**
 * `npm run check:links -- [--online] [--fragments] [--no-cache] [--format text|github|json] [file.md ...]`
 * Offline link rules on every run; with --online, each external URL is fetched once.
 */
import { checkOnline } from '../links/report';
import type { Fetch } from '../links/online';
import { parseArgs, report } from './check';
import { runChecks } from '../check/run';
import { runMain } from './main';

const FLAGS = ['--online', '--fragments', '--no-cache'] as const;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), FLAGS);
  const run = await runChecks(args.cwd, args.files, args.config);
  const diagnostics = run.diagnostics.filter((d) => d.rule.startsWith('link/') || d.rule.startsWith('anchor/'));
  if (args.flags.has('--online')) {
    const tty = process.stderr.isTTY && !process.env.CI;
    const online = await checkOnline(run.targets.map((f) => run.articles.get(f)!).filter(Boolean), run.context, {
      cwd: args.cwd,
      fetch: fetch as unknown as Fetch,
      fragments: args.flags.has('--fragments'),
      useCache: !args.flags.has('--no-cache'),
      rules: run.options.check.rules,
      ...(tty ? { onProgress: (done: number, total: number, failures: number) => process.stderr.write(`\r確認中 ${done}/${total} (問題 ${failures} 件)`) } : {}),
    });
    if (tty) process.stderr.write('\n');
    process.stderr.write(`外部リンク: ${online.fetched} 件を確認、${online.cached} 件はキャッシュを使用\n`);
    diagnostics.push(...online.diagnostics);
  }
  return report(diagnostics, run.targets.length, args.format);
}

if (require.main === module) runMain(main);
