/**
 * What a pull request's preview comment lists: the articles it changed (with their paths below the
 * preview's root), the articles it removed, and the checker's counts. Built in the read-only job;
 * the publishing job only reads it as data (see .github/preview/comment.jq).
 */
import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { summarize } from '../diagnostics/report';

/** One line of `git diff --name-status`: A, M, D, R (with the old name) or C. */
export interface FileChange {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  file: string;
  from?: string;
}

export interface ChangedArticle {
  file: string;
  title: string;
  /** Below the site's root, percent-encoded (e.g. `Backup/Overview/`). */
  path: string;
  change: 'added' | 'modified';
  errors: number;
  warnings: number;
}

export interface PreviewMeta {
  version: 1;
  number: number;
  build: 'success' | 'failure';
  articles: ChangedArticle[];
  removed: string[];
  check: { errors: number; warnings: number; files: number };
  /** The first errors, so the comment can show what blocks the build. */
  errors: { file: string; line: number; rule: string; message: string }[];
}

/** Parses `git diff --name-status -z` output. */
export function parseNameStatus(output: string): FileChange[] {
  const parts = output.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const code = parts[i]!;
    if (!code) continue;
    const status = code[0] as FileChange['status'];
    if (status === 'R' || status === 'C') {
      const from = parts[++i];
      const file = parts[++i];
      if (from !== undefined && file !== undefined) changes.push({ status, file, from });
    } else {
      const file = parts[++i];
      if (file !== undefined) changes.push({ status, file });
    }
  }
  return changes;
}

export interface MetaInput {
  number: number;
  build: 'success' | 'failure';
  changes: FileChange[];
  /** Published articles (source path → route below the root). */
  routes: Map<string, string>;
  titles: Map<string, string>;
  diagnostics: Diagnostic[];
  /** The site's source folder (`source`): only Markdown below it counts as a removed article. */
  sourceDir: string;
  maxErrors?: number;
}

/**
 * An article counts as changed when its Markdown or a file of its asset folder changed
 * (`Area/Name.md` owns `Area/Name/…`), so a replaced screenshot lists the article it appears in.
 */
export function previewMeta(input: MetaInput): PreviewMeta {
  const touched = new Map<string, 'added' | 'modified'>();
  const removed = new Set<string>();
  const mark = (file: string, change: 'added' | 'modified') => {
    if (touched.get(file) !== 'added') touched.set(file, change);
  };
  for (const c of input.changes) {
    if (c.status === 'D' || c.status === 'R') {
      const gone = c.status === 'D' ? c.file : c.from!;
      if (/\.(md|markdown)$/i.test(gone) && gone.startsWith(`${input.sourceDir}/`) && !input.routes.has(gone)) removed.add(gone);
    }
    if (c.status === 'D') {
      const owner = ownerOf(c.file, input.routes);
      if (owner) mark(owner, 'modified');
      continue;
    }
    if (input.routes.has(c.file)) mark(c.file, c.status === 'A' || c.status === 'R' || c.status === 'C' ? 'added' : 'modified');
    else {
      const owner = ownerOf(c.file, input.routes);
      if (owner) mark(owner, 'modified');
    }
  }
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of input.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const articles = [...touched].sort(([a], [b]) => a.localeCompare(b)).map(([file, change]): ChangedArticle => {
    const counts = summarize(byFile.get(file) ?? []);
    return {
      file,
      title: input.titles.get(file) ?? posix.basename(file).replace(/\.(md|markdown)$/i, ''),
      path: encodeURI(input.routes.get(file)!),
      change,
      errors: counts.errors,
      warnings: counts.warnings,
    };
  });
  const errors = input.diagnostics.filter((d) => d.severity === 'error')
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
    .slice(0, input.maxErrors ?? 10)
    .map(({ file, line, rule, message }) => ({ file, line, rule, message }));
  return {
    version: 1,
    number: input.number,
    build: input.build,
    articles,
    removed: [...removed].sort(),
    check: summarize(input.diagnostics),
    errors,
  };
}

/** The article whose post asset folder holds file, if any. */
function ownerOf(file: string, routes: Map<string, string>): string | undefined {
  for (let dir = posix.dirname(file); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
    for (const ext of ['.md', '.markdown']) if (routes.has(`${dir}${ext}`)) return `${dir}${ext}`;
  }
  return undefined;
}
