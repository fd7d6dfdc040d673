import { editDistance } from '../text/distance';

/**
 * GitHub-style admonitions (`> [!NOTE]` …): reading the marker, the quote's extent and its body.
 * The Markdown renderer and the checker both use these functions, so they agree on every form.
 */

export const ADMONITION_TYPES = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type AdmonitionType = (typeof ADMONITION_TYPES)[number];

/** What the first line of a blockquote says about it. */
export type Marker =
  | { kind: 'admonition'; type: AdmonitionType; title: string }
  | { kind: 'unknown'; written: string; suggestion?: AdmonitionType };

// Japanese labels authors sometimes type as the marker itself.
const JAPANESE_NAMES: Record<string, AdmonitionType> = {
  メモ: 'note', 注: 'note', 補足: 'note', ヒント: 'tip', 重要: 'important', 警告: 'warning', 注意: 'caution',
};

const VALID = /^\[!([A-Za-z]+)\](?:[ \t]+(.*?))?[ \t]*$/;
// Anything shaped like a marker: `[!TIPS]`, `[!NOTE ]`, `[ !NOTE]`, `[!注意]`, `[!]`.
const MARKER_LIKE = /^\[[ \t]*![^\]\n]*\]/;

/** Reads a blockquote's first content line; undefined when it is not an admonition marker at all. */
export function parseMarker(line: string): Marker | undefined {
  const valid = VALID.exec(line);
  if (valid) {
    const type = valid[1]!.toLowerCase();
    if ((ADMONITION_TYPES as readonly string[]).includes(type)) {
      return { kind: 'admonition', type: type as AdmonitionType, title: (valid[2] ?? '').trim() };
    }
  }
  const like = MARKER_LIKE.exec(line);
  if (!like) return undefined;
  const written = like[0];
  return { kind: 'unknown', written, suggestion: closestType(written) };
}

/** The valid type closest to a mistyped marker (`[!TIPS]` → tip, `[!注意]` → caution). */
export function closestType(written: string): AdmonitionType | undefined {
  const name = written.replace(/^\[[ \t]*!/, '').replace(/\]$/, '').trim();
  if (JAPANESE_NAMES[name]) return JAPANESE_NAMES[name];
  const upper = name.toUpperCase();
  if (!upper) return undefined;
  const prefixed = ADMONITION_TYPES.find((t) => t.toUpperCase().startsWith(upper) || upper.startsWith(t.toUpperCase()));
  if (prefixed) return prefixed;
  let best: AdmonitionType | undefined;
  let bestDistance = Infinity;
  for (const type of ADMONITION_TYPES) {
    const d = editDistance(upper, type.toUpperCase());
    if (d < bestDistance) [best, bestDistance] = [type, d];
  }
  return bestDistance <= Math.max(2, Math.floor(upper.length / 2)) ? best : undefined;
}

const QUOTE = /^([ \t]*)>[ \t]?/;
const BLANK = /^[ \t]*$/;
// Lines that start a new block and so cannot continue a quoted paragraph lazily.
const NEW_BLOCK = /^[ \t]*(?:#{1,6}(?:[ \t\u3000]|$)|```|~~~|[-*+][ \t]|\d{1,9}[.)][ \t]|<|\||(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;
const FENCE = /^[ \t]*(```|~~~)/;

/** A blockquote at the start of a text: its content with the `>` markers removed. */
export interface Blockquote {
  /** Content lines, `>` and one following space removed. */
  content: string[];
  /** Length of the quote in the text, up to and including its last line's newline. */
  length: number;
}

/**
 * Reads the blockquote that starts the text, with CommonMark's lazy continuation: a plain line right
 * after quoted paragraph text belongs to the quote. Only the quote's own lines are looked at.
 */
export function readBlockquote(src: string): Blockquote | undefined {
  const content: string[] = [];
  let inFence = false;
  let at = 0;
  while (at < src.length) {
    const newline = src.indexOf('\n', at);
    const next = newline < 0 ? src.length : newline + 1;
    const line = src.slice(at, newline < 0 ? src.length : newline);
    const quoted = QUOTE.exec(line);
    if (quoted) {
      const text = line.slice(quoted[0].length);
      content.push(text);
      if (FENCE.test(text)) inFence = !inFence;
    } else {
      const last = content[content.length - 1];
      const lazy = !inFence && !BLANK.test(line) && last !== undefined && !BLANK.test(last) && !NEW_BLOCK.test(line) && !NEW_BLOCK.test(last);
      if (!lazy) break;
      content.push(line);
    }
    at = next;
  }
  return content.length ? { content, length: at } : undefined;
}

const DIVIDER = /^[ \t]{0,3}-{3,}[ \t]*$/;

/**
 * Authors write `---` right under a line of text inside admonitions as a divider; CommonMark
 * would read the two lines as a setext heading. A blank line before it makes it a thematic break.
 */
export function separateDividers(lines: string[]): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const previous = out[out.length - 1];
    if (!inFence && DIVIDER.test(line) && previous !== undefined && !BLANK.test(previous)) out.push('');
    out.push(line);
  }
  return out;
}
