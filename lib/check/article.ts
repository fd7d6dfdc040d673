import { scanAdmonitions } from '../admonitions/scan';
import { checkAnchors } from '../anchors/check';
import { readSourceAnchors } from '../anchors/source';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic';
import { layoutOf } from '../markdown/source';
import { checkFrontMatter } from './front-matter';
import type { CheckOptions } from './options';
import { scanTodos } from './todos';

/** Every authoring check on one Markdown file, with severities from the options; `off` rules are dropped. */
export function checkArticle(file: string, text: string, options: CheckOptions): Diagnostic[] {
  const layout = layoutOf(text);
  const findings: Finding[] = [
    ...checkFrontMatter(layout, options),
    ...scanTodos(layout, options),
    ...scanAdmonitions(text),
    ...checkAnchors(readSourceAnchors(text)),
  ];
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = options.rules[f.rule] ?? 'error';
    if (severity === 'off') continue;
    diagnostics.push({ ...f, file, severity });
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
