import { positionOf, type Article, type Place } from '../article/model';
import type { Finding } from '../diagnostics/diagnostic';

const MARKER = /(?<![A-Za-z0-9_])(TODO|FIXME|TBD|WIP)(?![A-Za-z0-9_])[ \t]*[:：]?/g;

// What every MARKER match contains.
const ANY_MARKER = /TODO|FIXME|TBD|WIP/;

export interface NoteOptions {
  japaneseMarkers: string[];
  allowedComments: string[];
}

function placeIn(line: Place | undefined, index: number): { line: number; column?: number } | undefined {
  if (!line) return undefined;
  return line.column === undefined ? { line: line.line } : { line: line.line, column: line.column + index };
}

/**
 * Leftover notes that must never be published, read from the article's prose (code is not prose):
 * TODO/FIXME/TBD/WIP markers, lines starting with `//`, Japanese markers such as 後で書く, and HTML
 * comments other than allowed directives.
 */
export function checkNotes(article: Pick<Article, 'texts' | 'comments'>, options: NoteOptions): Finding[] {
  const findings: Finding[] = [];
  for (const c of article.comments) {
    const word = c.text.trim().split(/\s+/)[0] ?? '';
    if (options.allowedComments.includes(word)) continue;
    const preview = c.text.trim().replace(/\s+/g, ' ').slice(0, 40);
    findings.push({
      ...positionOf(c), rule: 'todo/html-comment',
      message: `HTML コメント「${preview}」が残っています。公開されるページのソースに含まれるため、削除してください。`,
    });
  }
  for (const run of article.texts) {
    // Most runs hold none of the markers: one look at the whole run spares a regex match per line.
    if (!ANY_MARKER.test(run.text) && !run.text.includes('//') && !options.japaneseMarkers.some((m) => run.text.includes(m))) continue;
    run.text.split('\n').forEach((text, k) => {
      const at = run.lines[k];
      const where = (index: number) => placeIn(at, index);
      if (!at) return;
      for (const m of text.matchAll(MARKER)) {
        findings.push({ ...where(m.index)!, rule: 'todo/marker', message: `書きかけのメモ「${m[0].trim()}」が残っています。公開前に削除するか書き上げてください。` });
      }
      for (const marker of options.japaneseMarkers) {
        for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length)) {
          findings.push({ ...where(i)!, rule: 'todo/japanese', message: `書きかけのメモ「${marker}」が残っています。公開前に削除するか書き上げてください。` });
        }
      }
      const lead = text.length - text.trimStart().length;
      if (!run.html && (k > 0 || run.atLineStart) && text.trimStart().startsWith('//')) {
        findings.push({ ...where(lead)!, rule: 'todo/comment-line', message: '「//」で始まるメモ書きが残っています。公開前に削除してください。' });
      }
    });
  }
  return findings;
}
