/**
 * Findings a blog already had when it was imported. Its articles were published with them for
 * years, so they must not stop the first build; they are reported as warnings (and listed in the
 * migration report) until fixed, while every new error still fails. A finding is matched by file,
 * rule and the text of its line, so editing elsewhere in the file does not lose the match.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';

export interface BaselineEntry {
  file: string;
  rule: string;
  /** The line the finding is on, trimmed. */
  text: string;
}

interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

const key = (e: BaselineEntry) => `${e.file}\u0000${e.rule}\u0000${e.text}`;

/** The baseline entries of error diagnostics, sorted, as the file holds them. */
export function baselineOf(diagnostics: Diagnostic[], linesOf: (file: string) => string[]): BaselineEntry[] {
  const entries = diagnostics.filter((d) => d.severity === 'error').map((d) => ({ file: d.file, rule: d.rule, text: (linesOf(d.file)[d.line - 1] ?? '').trim() }));
  const unique = new Map(entries.map((e) => [key(e), e]));
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.text.localeCompare(b.text));
}

/** Writes a baseline file. */
export async function writeBaseline(file: string, entries: BaselineEntry[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify({ version: 1, findings: entries } satisfies BaselineFile, null, 2)}\n`);
}

/** Reads a baseline file; a missing file is an empty baseline, a broken one an error naming it. */
export async function readBaseline(file: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return new Set();
  }
  const data = JSON.parse(text) as Partial<BaselineFile>;
  if (data.version !== 1 || !Array.isArray(data.findings)) throw new Error(`${file}: check.baseline のファイルとして読めません`);
  return new Set(data.findings.filter((e) => typeof e?.file === 'string' && typeof e.rule === 'string' && typeof e.text === 'string').map(key));
}

/** Errors that are in the baseline become warnings that say so. */
export function applyBaseline(diagnostics: Diagnostic[], baseline: Set<string>, linesOf: (file: string) => string[]): Diagnostic[] {
  if (!baseline.size) return diagnostics;
  return diagnostics.map((d) => {
    if (d.severity !== 'error' || !baseline.has(key({ file: d.file, rule: d.rule, text: (linesOf(d.file)[d.line - 1] ?? '').trim() }))) return d;
    return { ...d, severity: 'warning', message: `${d.message} (取り込み前からある問題のため警告にしています: check.baseline)` };
  });
}
