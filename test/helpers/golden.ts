/**
 * Golden files: `case.md` rendered by the site's pipeline must equal `case.html`, and the checker's
 * diagnostics on it `case.diagnostics.txt`. `UPDATE_GOLDEN=1 npm test` rewrites them; a missing
 * expected file fails the test.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDiagnostic, type Diagnostic } from '../../lib/diagnostics/diagnostic';

/** The diagnostics of a case as the golden file holds them: one `file:line:col  severity  rule  message` line each. */
export function diagnosticsText(diagnostics: Diagnostic[], name: string): string {
  return diagnostics.map((d) => formatDiagnostic({ ...d, file: name })).join('\n') + (diagnostics.length ? '\n' : '');
}

function compare(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `missing golden file ${file} (create it with UPDATE_GOLDEN=1 npm test and review it)`);
  assert.equal(actual, readFileSync(file, 'utf8'), path.basename(file));
}

/** Registers one test per `*.md` file of a fixture folder. */
export function goldenCases(folder: string, render: (markdown: string, name: string) => { html: string; diagnostics: Diagnostic[] }): void {
  const names = readdirSync(folder).filter((f) => f.endsWith('.md')).sort();
  assert.ok(names.length > 0, `no fixtures in ${folder}`);
  for (const name of names) {
    it(name, () => {
      const { html, diagnostics } = render(readFileSync(path.join(folder, name), 'utf8'), name);
      compare(path.join(folder, name.replace(/\.md$/, '.html')), html);
      compare(path.join(folder, name.replace(/\.md$/, '.diagnostics.txt')), diagnosticsText(diagnostics, name));
    });
  }
}
