import { location, type Diagnostic } from './diagnostic';

export type ReportFormat = 'text' | 'github' | 'json';

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule));
}

/** Counts for the closing line of a report. */
export function summarize(diagnostics: Diagnostic[]): { errors: number; warnings: number; files: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    files: new Set(diagnostics.map((d) => d.file)).size,
  };
}

/** For people: grouped by file, `path:line:col  severity  rule  message  → suggestion`. */
export function formatText(diagnostics: Diagnostic[], checkedFiles: number): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const d of sorted(diagnostics)) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      file = d.file;
    }
    out.push(`${location(d)}  ${d.severity.padEnd(7)}  ${d.rule}  ${d.message}${d.suggestion ? `  → ${d.suggestion}` : ''}`);
  }
  const { errors, warnings, files } = summarize(diagnostics);
  if (out.length) out.push('');
  out.push(diagnostics.length
    ? `${checkedFiles} 件のファイルを確認: エラー ${errors} 件、警告 ${warnings} 件 (${files} ファイル)`
    : `${checkedFiles} 件のファイルを確認: 問題は見つかりませんでした`);
  return out.join('\n');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands, so findings show up on the pull request's diff. */
export function formatGithub(diagnostics: Diagnostic[]): string {
  return sorted(diagnostics).map((d) => {
    const message = d.suggestion ? `${d.message} → ${d.suggestion}` : d.message;
    return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line}${d.column !== undefined ? `,col=${d.column}` : ''},title=${escapeProperty(d.rule)}::${escapeData(message)}`;
  }).join('\n');
}

/** A JSON array of diagnostics for tools. */
export function formatJson(diagnostics: Diagnostic[]): string {
  return JSON.stringify(sorted(diagnostics).map(({ file, line, column, rule, severity, message, suggestion }) =>
    ({ file, line, ...(column !== undefined ? { column } : {}), rule, severity, message, ...(suggestion !== undefined ? { suggestion } : {}) })), null, 2);
}
