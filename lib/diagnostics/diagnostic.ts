/** Severity of a finding: errors fail the checker and the build, warnings are reported only. */
export type Severity = 'error' | 'warning';

/** A mechanical correction: the text written at a place and what it should be. */
export interface Fix {
  line: number;
  column: number;
  before: string;
  after: string;
}

/** One finding of any checker, with the position where the author must look. */
export interface Diagnostic {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** 1-based line in the file as the author sees it (front-matter included). */
  line: number;
  /** 1-based column, left out where it is not known. */
  column?: number;
  /** Rule id, e.g. `admonition/unknown-type`. */
  rule: string;
  severity: Severity;
  message: string;
  suggestion?: string;
  /** Set when the finding has one right correction, which `npm run check -- --fix` applies. */
  fix?: Fix;
}

/** A finding before it is tied to a file: what the rules return. */
export type Finding = Omit<Diagnostic, 'file' | 'severity'>;

/** `path:line:col` (or `path:line` when the column is not known). */
export function location(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  return `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
}

/** `path:line:col  severity  rule  message  → suggestion`, the form people read. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${location(d)}  ${d.severity}  ${d.rule}  ${d.message}${d.suggestion ? `  → ${d.suggestion}` : ''}`;
}
