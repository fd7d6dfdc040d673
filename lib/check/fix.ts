/**
 * `npm run check -- --fix`: applies the corrections that have one right answer (a finding's `fix`:
 * the exact text at a line and column and what it becomes), each file rewritten atomically.
 * Fixes come from the article model, so nothing inside code is ever touched.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { faultAt } from '../build/process';
import type { Diagnostic } from '../diagnostics/diagnostic';

/** One applied correction, as printed: `file:line  rule  before → after`. */
export interface AppliedFix {
  file: string;
  line: number;
  rule: string;
  before: string;
  after: string;
}

/**
 * Applies fixes to a file's text. A fix applies only where its text still stands at its place;
 * of two fixes that overlap, the first is taken (the next pass takes the other).
 */
export function applyFixes(text: string, diagnostics: Diagnostic[]): { text: string; applied: AppliedFix[] } {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const lines = text.slice(bom).split(/(?<=\n)/);
  const applied: AppliedFix[] = [];
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.fix) continue;
    const list = byLine.get(d.fix.line) ?? [];
    list.push(d);
    byLine.set(d.fix.line, list);
  }
  for (const [line, list] of byLine) {
    let content = lines[line - 1];
    if (content === undefined) continue;
    const taken: [number, number][] = [];
    // Right to left, so earlier columns stay where they were.
    for (const d of [...list].sort((a, b) => b.fix!.column - a.fix!.column)) {
      const { column, before, after } = d.fix!;
      const start = column - 1;
      const end = start + before.length;
      if (content.slice(start, end) !== before || taken.some(([s, e]) => start < e && s < end)) continue;
      content = content.slice(0, start) + after + content.slice(end);
      taken.push([start, start + after.length]);
      applied.push({ file: d.file, line, rule: d.rule, before, after });
    }
    lines[line - 1] = content;
  }
  applied.sort((a, b) => a.line - b.line);
  return { text: (bom ? '\uFEFF' : '') + lines.join(''), applied };
}

/** A unified diff of one file's change, for `--fix --dry-run`. */
export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 }).replace(/^=+\n/, '');
}

/** Writes a file through a temporary file beside it, so a crash leaves the old file whole. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.fix-${process.pid}.tmp`);
  await fs.writeFile(temp, text);
  faultAt('fix-before-rename');
  await fs.rename(temp, file);
}

/** Removes temporary files that a killed `--fix` left in the source folder. */
export async function removeFixLeftovers(sourceDir: string): Promise<void> {
  const entries = await fs.readdir(sourceDir, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(entries.filter((e) => e.isFile() && /^\..+\.fix-\d+\.tmp$/.test(e.name)).map((e) => fs.rm(path.join(e.parentPath, e.name), { force: true })));
}
