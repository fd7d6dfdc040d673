import type { Finding } from '../diagnostics/diagnostic';
import { forEachProseLine, type SourceLayout } from '../markdown/source';

const MARKER = /(?<![A-Za-z0-9_])(TODO|FIXME|TBD|WIP)(?![A-Za-z0-9_])[ \t]*[:：]?/g;
const EMPTY_LINK = /(?<![!\\])\[([^\]\n]*)\]\([ \t]*\)/g;
const EMPTY_HREF = /<a\s[^>]*\bhref\s*=\s*(?:""|'')/gi;
const COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;

/** Blanks inline code spans, keeping every other character's column. */
export function maskCodeSpans(line: string): string {
  if (!line.includes('`')) return line;
  return line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (m) => ' '.repeat(m.length));
}

/** Prefixes before prose on a line: quote markers, list markers, or a table row's pipes. */
function proseStarts(line: string): number[] {
  const prefix = /^(?:[ \t]*>)*[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?/.exec(line)![0].length;
  const starts = [prefix];
  if (line.slice(prefix).trimStart().startsWith('|')) {
    for (let i = prefix; i < line.length; i++) if (line[i] === '|') starts.push(i + 1);
  }
  return starts;
}

export interface TodoOptions {
  japaneseMarkers: string[];
  allowedComments: string[];
}

/**
 * Leftover notes that must never be published: TODO/FIXME/TBD/WIP markers, prose lines starting
 * with `//`, HTML comments other than allowed directives, Japanese markers such as 後で書く, and
 * empty links `[text]()`. Code blocks and code spans are ignored; a line is exempted by
 * `<!-- check-ignore-line -->` on it or `<!-- check-ignore-next-line -->` on the line before.
 */
export function scanTodos(layout: SourceLayout, options: TodoOptions): Finding[] {
  const findings: Finding[] = [];
  const ignoreNext = new Set<number>();
  let openComment: { line: number; column: number; text: string } | undefined;
  forEachProseLine(layout, (raw, index) => {
    const line = maskCodeSpans(raw);
    const lineNo = index + 1;
    if (/<!--\s*check-ignore-next-line\s*-->/.test(line)) ignoreNext.add(index + 1);
    const ignored = ignoreNext.has(index) || /<!--\s*check-ignore-line\s*-->/.test(line);

    // HTML comments, which may span lines.
    if (openComment) {
      const end = line.indexOf('-->');
      openComment.text += `\n${line.slice(0, end < 0 ? undefined : end)}`;
      if (end < 0) return;
      reportComment(openComment, options, findings);
      openComment = undefined;
    }
    for (const m of line.matchAll(COMMENT)) {
      const comment = { line: lineNo, column: m.index + 1, text: m[1]! };
      if (!m[0].endsWith('-->')) openComment = comment;
      else if (!ignored) reportComment(comment, options, findings);
    }
    if (ignored) return;
    const prose = line.replace(COMMENT, (m) => ' '.repeat(m.length));

    for (const m of prose.matchAll(MARKER)) {
      findings.push({ line: lineNo, column: m.index + 1, rule: 'todo/marker', message: `書きかけのメモ「${m[0].trim()}」が残っています。公開前に削除するか書き上げてください。` });
    }
    for (const start of proseStarts(prose)) {
      const rest = prose.slice(start);
      const at = rest.length - rest.trimStart().length;
      if (rest.trimStart().startsWith('//')) {
        findings.push({ line: lineNo, column: start + at + 1, rule: 'todo/comment-line', message: '「//」で始まるメモ書きが残っています。公開前に削除してください。' });
      }
    }
    for (const marker of options.japaneseMarkers) {
      for (let at = prose.indexOf(marker); at >= 0; at = prose.indexOf(marker, at + marker.length)) {
        findings.push({ line: lineNo, column: at + 1, rule: 'todo/japanese', message: `書きかけのメモ「${marker}」が残っています。公開前に削除するか書き上げてください。` });
      }
    }
    for (const m of prose.matchAll(EMPTY_LINK)) {
      findings.push({ line: lineNo, column: m.index + 1, rule: 'link/empty', message: `リンク「${m[1]}」のリンク先が空です。URL を書くか、リンクをやめてください。` });
    }
    for (const m of prose.matchAll(EMPTY_HREF)) {
      findings.push({ line: lineNo, column: m.index + 1, rule: 'link/empty', message: 'href が空の <a> タグがあります。URL を書くか、リンクをやめてください。' });
    }
  });
  if (openComment) reportComment(openComment, options, findings);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function reportComment(comment: { line: number; column: number; text: string }, options: TodoOptions, findings: Finding[]): void {
  const word = comment.text.trim().split(/\s+/)[0] ?? '';
  if (options.allowedComments.includes(word)) return;
  const preview = comment.text.trim().replace(/\s+/g, ' ').slice(0, 40);
  findings.push({
    line: comment.line, column: comment.column, rule: 'todo/html-comment',
    message: `HTML コメント「${preview}」が残っています。公開されるページのソースに含まれるため、削除してください。`,
  });
}
