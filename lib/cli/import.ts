/**
 * `npm run import -- <old blog repository> [--cwd SITE] [--force] [--dry-run]`
 * Brings a blog of the old template into this site and writes migration-report.md.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { baselineOf, writeBaseline } from '../check/baseline';
import { runChecks } from '../check/run';
import { writeAtomically } from '../build/staging';
import { applyPlan, planImport } from '../import/old-blog';
import { migrationReport } from '../import/report';
import { setIn } from '../import/yaml-edit';
import { unifiedDiff } from '../check/fix';
import { runMain } from './main';

const BASELINE = '.check-baseline.json';
const REPORT = 'migration-report.md';

interface ImportArgs {
  from?: string;
  cwd: string;
  force: boolean;
  dryRun: boolean;
}

function parseArgs(argv: string[]): ImportArgs {
  const args: ImportArgs = { cwd: process.cwd(), force: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--force') args.force = true;
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--cwd') args.cwd = path.resolve(argv[++i] ?? '.');
    else if (a.startsWith('--')) throw new Error(`不明なオプションです: ${a}`);
    else if (args.from === undefined) args.from = path.resolve(a);
    else throw new Error(`取り込むリポジトリは 1 つだけ指定してください: ${a}`);
  }
  if (!args.from) throw new Error('使い方: npm run import -- <以前のブログのリポジトリのパス> [--dry-run] [--force]');
  return args;
}

const STATE = { new: '+ 追加', same: '= 同じ', different: '! 上書き' } as const;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const plan = await planImport(args.from!, args.cwd);
  if (args.dryRun) {
    for (const c of plan.copies) process.stdout.write(`${STATE[c.state]}  ${c.to}\n`);
    for (const s of plan.skipped) process.stdout.write(`- 除外  ${s.path} (${s.reason})\n`);
    if (plan.config.after !== plan.config.before) process.stdout.write(unifiedDiff('_config.yml', plan.config.before, plan.config.after));
    if (plan.feedbackTemplate) process.stdout.write(`+ ${plan.feedbackTemplate.path} (github-issue-template.md から変換)\n`);
    process.stdout.write('--dry-run のため、何も書き込んでいません。\n');
    return 0;
  }
  await applyPlan(plan, args.cwd, args.force);

  // The imported articles as the checker reads them, before any baseline.
  const imported = plan.copies.filter((c) => c.kind === 'article').map((c) => c.to);
  const run = await runChecks(args.cwd, imported, undefined, { baseline: false });
  const sources = new Map(await Promise.all(imported.map(async (f) => [f, await fs.readFile(path.join(args.cwd, f), 'utf8')] as const)));
  const lines = (file: string) => (sources.get(file) ?? '').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const baseline = baselineOf(run.diagnostics, lines);
  if (baseline.length) {
    // What the old site already published with must not stop the first build: it warns until fixed.
    await writeBaseline(path.join(args.cwd, BASELINE), baseline);
    const config = await fs.readFile(path.join(args.cwd, '_config.yml'), 'utf8');
    const updated = setIn(config, ['check', 'baseline'], BASELINE);
    if (updated !== config) await writeAtomically(path.join(args.cwd, '_config.yml'), updated);
  }
  const report = migrationReport({
    oldDir: path.relative(args.cwd, args.from!) || args.from!, plan, articles: run.articles, sources, diagnostics: run.diagnostics,
    root: run.options.root, ...(baseline.length ? { baselineFile: BASELINE } : {}),
  });
  await writeAtomically(path.join(args.cwd, REPORT), report);
  const written = plan.copies.filter((c) => c.state !== 'same').length;
  process.stdout.write(`${report}\n${written ? `${written} 件のファイルを書き込みました。` : '変更はありませんでした (取り込み済み)。'} レポート: ${REPORT}\n`);
  return 0;
}

if (require.main === module) runMain(main, 1);
