/**
 * Hand-written 目次 blocks, as most existing articles carry them:
 *
 *     ## 目次
 *     -----------------------------------------------------------
 *     [1. Azure Backup の概要](#1)
 *        [  1.1 バックアップ ソリューション一覧表](#1-1)
 *     -----------------------------------------------------------
 *
 * CommonMark reads the closing dashes as a setext underline; these functions find the block so the
 * renderer and the checkers treat it as a table of contents instead.
 */

/** One link of a hand-written TOC. */
export interface LegacyTocEntry {
  text: string;
  href: string;
  /** Nesting depth from the indentation, 0 for the outermost entries. */
  depth: number;
  /** 0-based line index and 1-based column of the link's `(`-target. */
  line: number;
  column: number;
}

export interface LegacyToc {
  title: string;
  entries: LegacyTocEntry[];
  /** Index of the first line after the block. */
  end: number;
}

const TITLE = /^#{1,6}[ \t\u3000]+(目次(?:[ \t\u3000]*[-–—:：].*)?)[ \t]*#*[ \t]*$/;
const RULE = /^[ \t]{0,3}(?:-[ \t]*){3,}$|^[ \t]{0,3}(?:=[ \t]*){3,}$/;
const ENTRY = /^([ \t\u3000]*)(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?\[([^\]\n]*)\]\((#[^)\s]*)\)[ \t\u3000]*(?:<br\s*\/?>)?[ \t\u3000]*$/i;
const BLANK = /^[ \t]*$/;

/** Reads a hand-written TOC whose `目次` heading is lines[start]; undefined if there is none. */
export function readLegacyToc(lines: string[], start: number): LegacyToc | undefined {
  const title = TITLE.exec(lines[start] ?? '');
  if (!title) return undefined;
  let i = start + 1;
  while (i < lines.length && BLANK.test(lines[i]!)) i++;
  if (RULE.test(lines[i] ?? '')) i++;
  const raw: { indent: number; text: string; href: string; line: number; column: number }[] = [];
  let end = i;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK.test(line)) continue;
    const m = ENTRY.exec(line);
    if (!m) break;
    const indent = m[1]!.replace(/\t/g, '    ').replace(/\u3000/g, '  ').length;
    raw.push({ indent, text: m[2]!.trim(), href: m[3]!, line: i, column: line.indexOf(`](${m[3]!}`) + 3 });
    end = i + 1;
  }
  if (!raw.length) return undefined;
  if (RULE.test(lines[end] ?? '')) end++;
  const indents = [...new Set(raw.map((r) => r.indent))].sort((a, b) => a - b);
  return {
    title: title[1]!.trim(),
    entries: raw.map((r) => ({ text: r.text, href: r.href, depth: indents.indexOf(r.indent), line: r.line, column: r.column })),
    end,
  };
}

/** A hand-written TOC as nested entries, for rendering it as a list. */
export function nestLegacyEntries(entries: LegacyTocEntry[]): { text: string; href: string; children: ReturnType<typeof nestLegacyEntries> }[] {
  type Node = { text: string; href: string; depth: number; children: Node[] };
  const root: Node[] = [];
  const stack: Node[] = [];
  for (const e of entries) {
    const node: Node = { text: e.text, href: e.href, depth: e.depth, children: [] };
    while (stack.length && stack[stack.length - 1]!.depth >= e.depth) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : root).push(node);
    stack.push(node);
  }
  const strip = (nodes: Node[]): { text: string; href: string; children: ReturnType<typeof nestLegacyEntries> }[] =>
    nodes.map((n) => ({ text: n.text, href: n.href, children: strip(n.children) }));
  return strip(root);
}
