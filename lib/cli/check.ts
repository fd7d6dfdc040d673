/**
 * `npm run check -- [--format text|github|json] [--cwd DIR] [file.md ...]`
 * Checks the Markdown under source/ (drafts excluded) without building the site; exit 1 on errors.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { runMain } from './main';
import { readSourceAnchors, type SourceAnchors } from '../anchors/source';
import { checkArticle, type CheckContext } from '../check/article';
import { routeOf } from '../links/internal';
import { normalizeLinkOptions } from '../links/options';
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

interface SiteConfig {
  check?: unknown;
  links?: unknown;
  source_dir?: string;
  url?: string;
  root?: string;
}

/** Reads the settings the checkers need from _config.yml. */
export async function loadCheckConfig(cwd: string): Promise<{ options: CheckOptions; sourceDir: string; config: SiteConfig }> {
  const config = (yaml.load(await fs.readFile(path.join(cwd, '_config.yml'), 'utf8')) ?? {}) as SiteConfig;
  return { options: normalizeCheckOptions(config.check), sourceDir: config.source_dir ?? 'source', config };
}

/** Everything the link rules need to know about the site: its articles, files and their anchors. */
export async function checkContext(cwd: string, config: SiteConfig, sourceDir: string, articles: string[]): Promise<CheckContext> {
  const entries = await fs.readdir(path.join(cwd, sourceDir), { recursive: true, withFileTypes: true });
  const files = new Set(entries.filter((e) => e.isFile())
    .map((e) => `${sourceDir}/${path.relative(path.join(cwd, sourceDir), path.join(e.parentPath, e.name)).split(path.sep).join('/')}`));
  const root = (config.root ?? '/').replace(/\/?$/, '/');
  const url = (config.url ?? '').replace(/\/?$/, '/');
  const cache = new Map<string, SourceAnchors | undefined>();
  return {
    links: normalizeLinkOptions(config.links),
    site: {
      siteUrl: url.endsWith(root) ? url : `${url.replace(/\/$/, '')}${root}`,
      root,
      articles: new Map(articles.flatMap((file) => {
        const route = routeOf(file.replace(new RegExp(`^${sourceDir}/`), 'source/'));
        return route ? [[route, file] as const] : [];
      })),
      files,
    },
    anchorsOf(file, text) {
      if (!cache.has(file)) {
        if (text === undefined) {
          try {
            text = readFileSync(path.join(cwd, file), 'utf8');
          } catch {
            // A link to a file that does not exist: reported by the link rules.
          }
        }
        cache.set(file, text === undefined ? undefined : readSourceAnchors(text));
      }
      return cache.get(file);
    },
  };
}

/** The result of {@link runChecks}: diagnostics plus what the link checker reuses. */
export interface CheckRun {
  diagnostics: Diagnostic[];
  /** The files that were checked, relative to cwd. */
  targets: string[];
  context: CheckContext;
  options: CheckOptions;
}

/** Checks files (all Markdown under source/ when none are named) and returns every diagnostic. */
export async function runChecks(cwd: string, files: string[] = []): Promise<CheckRun> {
  const { options, sourceDir, config } = await loadCheckConfig(cwd);
  const articles = await markdownFiles(cwd, sourceDir);
  const targets = files.length ? files.map((f) => path.relative(cwd, path.resolve(cwd, f)).split(path.sep).join('/')) : articles;
  const context = await checkContext(cwd, config, sourceDir, articles);
  const results = await Promise.all(targets.map(async (file) => checkArticle(file, await fs.readFile(path.join(cwd, file), 'utf8'), options, context)));
  return { diagnostics: results.flat(), targets, context, options };
}

export interface CheckArgs {
  format: ReportFormat;
  cwd: string;
  files: string[];
}

/** Parses the options shared by the checkers; `flags` lists extra boolean flags a command accepts. */
export function parseArgs<F extends string = never>(argv: string[], flags: readonly F[] = []): CheckArgs & { flags: Set<F> } {
  const args: CheckArgs & { flags: Set<F> } = { format: 'text', cwd: process.cwd(), files: [], flags: new Set() };
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
  const { diagnostics, targets } = await runChecks(args.cwd, args.files);
  return report(diagnostics, targets.length, args.format);
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

if (require.main === module) runMain(main);
