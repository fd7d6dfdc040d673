/**
 * Source positions for marked's tokens. marked keeps each token's source text (`raw`) but no
 * offsets, so the tokens are located in the text marked lexed, in document order, each within the
 * span of the block that holds it; then mapped back to the article file, whose body Hexo may have
 * changed before marked saw it (code blocks and Nunjucks tags become placeholders).
 */

/** A place in a file: 1-based line, and 1-based column where it is known. */
export interface Position {
  line: number;
  column?: number;
}

/** Offset → line and column, for one text whose first line is line `firstLine` of its file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string, private readonly firstLine = 1) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The 1-based position of an offset in the text. */
  at(offset: number): Required<Position> {
    const lo = this.lineOf(offset);
    return { line: this.firstLine + lo, column: offset - this.starts[lo]! + 1 };
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** {@link at} with the offset itself, as the article model places things. */
  place(offset: number): { line: number; column: number; offset: number } {
    const lo = this.lineOf(offset);
    return { line: this.firstLine + lo, column: offset - this.starts[lo]! + 1, offset };
  }

  /** The offset where a 0-based line of the text starts. */
  lineStart(line: number): number | undefined {
    return this.starts[line];
  }
}

/** Maps an offset of the text marked lexed to an offset of the article body, or undefined. */
export type OffsetMap = (offset: number) => number | undefined;

export const IDENTITY: OffsetMap = (offset) => offset;

/** Hexo's placeholders for code blocks, Nunjucks tags and comments it sets aside while marked runs. */
export const HEXO_PLACEHOLDER = /<!--(code|swig|comment)\uFFFC(\d+)-->/g;

/** A stretch of the lexed text and where it came from in the body. */
interface Piece {
  lexed: number;
  body: number;
  length: number;
  /** True for a placeholder: every offset in it maps to the start of what it replaced. */
  opaque: boolean;
}

/**
 * The offset map for text in which Hexo replaced parts of the body with placeholders. Between
 * placeholders the two texts are equal; the end of what a placeholder replaced is found by the text
 * that follows it.
 */
export function placeholderMap(body: string, lexed: string): OffsetMap {
  if (body === lexed) return IDENTITY;
  const pieces: Piece[] = [];
  let lexedAt = 0;
  let bodyAt = 0;
  for (const m of lexed.matchAll(HEXO_PLACEHOLDER)) {
    const same = m.index - lexedAt;
    pieces.push({ lexed: lexedAt, body: bodyAt, length: same, opaque: false });
    bodyAt += same;
    lexedAt = m.index + m[0].length;
    const next = lexed.indexOf('<!--', lexedAt);
    const probe = lexed.slice(lexedAt, Math.min(next < 0 ? lexed.length : next, lexedAt + 80));
    const resume = probe ? body.indexOf(probe, bodyAt + 1) : body.length;
    pieces.push({ lexed: m.index, body: bodyAt, length: m[0].length, opaque: true });
    if (resume < 0) return pieceMap(pieces);
    bodyAt = resume;
  }
  pieces.push({ lexed: lexedAt, body: bodyAt, length: lexed.length - lexedAt, opaque: false });
  return pieceMap(pieces);
}

function pieceMap(pieces: Piece[]): OffsetMap {
  return (offset) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.lexed <= offset) lo = mid;
      else hi = mid - 1;
    }
    const p = pieces[lo];
    if (!p || offset > p.lexed + p.length) return undefined;
    return p.opaque ? p.body : p.body + (offset - p.lexed);
  };
}

/**
 * Finds token texts in the lexed text, in order. A search never goes past the end it is given
 * (the block that holds the token), so a text marked made up costs no more than that block.
 */
export class Locator {
  constructor(readonly text: string) {}

  /** Offset of `segment` at or after `from` and ending by `end`, or undefined. */
  find(segment: string, from: number, end: number): number | undefined {
    if (this.text.startsWith(segment, from)) return from + segment.length <= end ? from : undefined;
    if (from >= end) return undefined;
    const at = this.text.slice(from, end).indexOf(segment);
    return at < 0 ? undefined : from + at;
  }
}
