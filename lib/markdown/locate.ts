/**
 * Places marked's tokens in the text it lexed. Tokens come in document order and each one's `raw`
 * is its own source text (with the quote or list prefixes of its container left out), so each line
 * of a token is found at or after the previous token, within the top-level block that holds it.
 */
import type { Token, Tokens } from 'marked';
import { Locator } from './positions';

/** Where a token's lines start in the lexed text; undefined for a line that was not found. */
export interface TokenPlace {
  start?: number;
  lines: (number | undefined)[];
  end: number;
}

const NONE: Token[] = [];

/** The tokens a token holds, in document order (table cells included). */
export function childTokens(token: Token): Token[] {
  switch (token.type) {
    case 'list':
      return (token as Tokens.List).items;
    case 'table': {
      const t = token as Tokens.Table;
      const out: Token[] = [];
      for (const cell of t.header) out.push(...cell.tokens);
      for (const row of t.rows) for (const cell of row) out.push(...cell.tokens);
      return out;
    }
    default: {
      const own = (token as { tokens?: Token[] }).tokens;
      const extra = (token as { titleTokens?: Token[] }).titleTokens;
      return extra?.length ? [...extra, ...(own ?? [])] : own ?? NONE;
    }
  }
}

/** Locates every token; the map gives each token's place. */
export function locateTokens(tokens: Token[], text: string): Map<Token, TokenPlace> {
  // A Map, not a WeakMap: it lives as long as one article's analysis, and ephemeron tables cost
  // the collector more than plain ones.
  const places = new Map<Token, TokenPlace>();
  const locator = new Locator(text);
  let cursor = 0;
  for (const token of tokens) {
    // A top-level token starts where the previous one ended, unless marked kept text out of the
    // token list (link reference definitions): then the search moves on to the next match.
    cursor = placeToken(token, cursor, text.length, locator, places);
  }
  return places;
}

function placeToken(token: Token, from: number, end: number, locator: Locator, places: Map<Token, TokenPlace>): number {
  const raw = token.raw;
  const children = childTokens(token);
  const lines: (number | undefined)[] = [];
  let cursor = from;
  if (children.length) {
    // A container: its first line is searched for as written; its children are found inside.
    const newline = raw.indexOf('\n');
    const first = newline < 0 ? raw : raw.slice(0, newline);
    const start = first ? locator.find(first, cursor, end) : cursor;
    lines.push(start);
    const blockEnd = Math.min(end, (start ?? cursor) + Math.max(raw.length * 2, raw.length + 256));
    let childCursor = start ?? cursor;
    for (const child of children) childCursor = placeToken(child, childCursor, blockEnd, locator, places);
    const place: TokenPlace = { lines, end: Math.max(childCursor, (start ?? cursor) + first.length) };
    if (start !== undefined) place.start = start;
    places.set(token, place);
    return place.end;
  }
  const rawLines = raw.includes('\n') ? raw.split('\n') : [raw];
  for (let k = 0; k < rawLines.length; k++) {
    const line = rawLines[k]!;
    const at = line ? locator.find(line, cursor, end) : cursor;
    lines.push(at);
    if (at !== undefined) cursor = at + line.length;
    if (k < rawLines.length - 1 && locator.text[cursor] === '\n') cursor++;
  }
  const place: TokenPlace = { lines, end: cursor };
  const start = lines[0];
  if (start !== undefined) place.start = start;
  places.set(token, place);
  return cursor;
}

/** The lexed-text offset of position `index` of a token's raw text, when its line was found. */
export function offsetIn(place: TokenPlace | undefined, raw: string, index: number): number | undefined {
  if (!place) return undefined;
  let lineStart = 0;
  let line = 0;
  for (let i = raw.indexOf('\n'); i >= 0 && i < index; i = raw.indexOf('\n', i + 1)) {
    lineStart = i + 1;
    line++;
  }
  const at = place.lines[line];
  return at === undefined ? undefined : at + (index - lineStart);
}
