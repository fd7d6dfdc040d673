/** Helpers for reading Markdown sources the way Hexo does, keeping line numbers. */

/** Where the body of a Markdown file starts, after its front-matter. */
export interface SourceLayout {
  /** All lines of the file, BOM removed and CRLF/CR read as line breaks. */
  lines: string[];
  /** Index of the first body line (0 when there is no front-matter). */
  bodyStart: number;
  /** Index range [start, end) of the YAML lines, if there is front-matter. */
  frontMatter?: { start: number; end: number };
}

const SEPARATOR = /^(-{3,}|;{3,})[ \t]*$/;

/**
 * Splits a file into front-matter and body as hexo-front-matter does: `---` lines around the
 * YAML, or YAML lines closed by a single `---` when the opening line is missing.
 */
export function layoutOf(text: string): SourceLayout {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (SEPARATOR.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, i) => i > 0 && line.trim() === lines[0]!.trim());
    if (close > 0) return { lines, bodyStart: close + 1, frontMatter: { start: 1, end: close } };
    return { lines, bodyStart: 0 };
  }
  // Without the opening line, Hexo reads everything before the first `---` line as YAML; we
  // accept that only when the first line looks like a YAML key.
  if (/^[A-Za-z_][\w-]*:/.test(lines[0] ?? '')) {
    const close = lines.findIndex((line) => SEPARATOR.test(line));
    if (close > 0) return { lines, bodyStart: close + 1, frontMatter: { start: 0, end: close } };
  }
  return { lines, bodyStart: 0 };
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})/;

/**
 * Calls visit for every body line outside fenced code blocks, with its 0-based index.
 * Returns nothing; the visitor may skip ahead by returning the next index to visit.
 */
export function forEachProseLine(layout: SourceLayout, visit: (line: string, index: number) => number | void): void {
  let fence: string | undefined;
  for (let i = layout.bodyStart; i < layout.lines.length; i++) {
    const line = layout.lines[i]!;
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = open[2]!;
      continue;
    }
    const next = visit(line, i);
    if (typeof next === 'number') i = next - 1;
  }
}
