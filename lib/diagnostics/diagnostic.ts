/** Severity of a finding: errors fail the CI checker, warnings are reported only. */
export type Severity = 'error' | 'warning';

/** One finding of any checker, with the position where the author must look. */
export interface Diagnostic {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** 1-based line and column in the file as the author sees it (front-matter included). */
  line: number;
  column: number;
  /** Rule id, e.g. `admonition/unknown-type`. */
  rule: string;
  severity: Severity;
  message: string;
  suggestion?: string;
}

/** A finding before it is tied to a file: what the pure scanners return. */
export type Finding = Omit<Diagnostic, 'file' | 'severity'> & { severity?: Severity };

/** `path:line:col  severity  rule  message  → suggestion`, the form people read. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.rule}  ${d.message}${d.suggestion ? `  → ${d.suggestion}` : ''}`;
}
