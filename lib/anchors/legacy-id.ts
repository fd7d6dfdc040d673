/**
 * The heading ids of the blogs this site replaces: hexo-renderer-marked 4.0 on marked 2.0 with
 * Hexo's default `marked` options (smartypants on, heading ids on, case kept). Authors linked to
 * them for years (`#Q-amp-A-タイトル`), so every heading answers to its old id too.
 *
 * The old renderer slugged the heading's rendered HTML: marked 2 escaped text with its own rules,
 * applied smartypants to each run of text it lexed, and hexo-util's slugize (case kept) turned the
 * tag-stripped result into an id. This module renders our tokens the way marked 2 would have; the
 * differential test (test/unit/legacy-id.test.ts) checks it against hexo-renderer-marked 4 itself.
 */
import type { Token, Tokens } from 'marked';
import { slugize, stripHTML } from 'hexo-util';

// marked 2's escape(): without `encode`, entities the author wrote stay entities.
const ESCAPE_NO_ENCODE = /[<>"']|&(?!#?\w+;)/g;
const ESCAPE_ENCODE = /[&<>"']/g;
const REPLACEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string, encode = false): string {
  return text.replace(encode ? ESCAPE_ENCODE : ESCAPE_NO_ENCODE, (c) => REPLACEMENTS[c]!);
}

/** marked 2's smartypants, which hexo-renderer-marked 4 applied to every run of text. */
export function smartypants(text: string): string {
  return text
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/(^|[-\u2014/([{"\s])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[-\u2014/([{\u2018\s])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/\.{3}/g, '\u2026');
}

const EMAIL_CHAR = "[a-zA-Z0-9.!#$%&'*+/=?_`{|}~-]";
/**
 * Where marked 2 (GFM, `breaks`) ended one run of inline text: before a character that may open
 * other syntax, a URL, or an e-mail address. smartypants' `^` saw the start of each run, so a quote
 * right after `**bold**` or `[` became an opening quote. (marked 2.0's inline `text` rule.)
 */
const TEXT_RUN = new RegExp(
  `^(?:[\`~]+|[^\`~])(?:(?= *\\n)|(?=${EMAIL_CHAR}+@)|[\\s\\S]*?(?:(?=[\\\\<!\\[\`*~_]|\\b_| *\\n|https?://|ftp://|www\\.|$)|[^ ](?= *\\n)|[^a-zA-Z0-9.!#$%&'*+/=?_\`{|}~-](?=${EMAIL_CHAR}+@)))`,
);

/** Splits inline text into the runs marked 2 lexed it as. */
export function textRuns(text: string): string[] {
  const runs: string[] = [];
  let rest = text;
  while (rest) {
    const run = TEXT_RUN.exec(rest)?.[0] || rest;
    runs.push(run);
    rest = rest.slice(run.length);
  }
  return runs;
}

interface RenderState {
  /** Inside `<pre>`, `<code>`, `<kbd>` or `<script>` written as HTML: marked 2 left text alone there. */
  raw: boolean;
}

// marked 2 turned every tab of the source into four spaces before lexing.
const untab = (text: string) => text.replace(/\t/g, '    ');

function renderTokens(tokens: Token[] | undefined, state: RenderState): string {
  let html = '';
  for (const token of tokens ?? []) html += renderToken(token, state);
  return html;
}

function renderToken(token: Token, state: RenderState): string {
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text;
      if (t.tokens) return renderTokens(t.tokens, state);
      if (state.raw) return untab(t.raw);
      return textRuns(untab(t.raw)).map((run) => escape(smartypants(run))).join('');
    }
    case 'escape':
      return escape((token as Tokens.Escape).text);
    case 'codespan':
      return `<code>${escape(untab((token as Tokens.Codespan).text), true)}</code>`;
    case 'html': {
      const t = token as Tokens.HTML & { inRawBlock?: boolean };
      if (typeof t.inRawBlock === 'boolean') state.raw = t.inRawBlock;
      return t.raw;
    }
    case 'link': {
      const t = token as Tokens.Link;
      // Bare URLs and <autolinks> were written out escaped, without smartypants.
      if (!t.raw.startsWith('[')) return escape(t.text);
      return `<a>${renderTokens(t.tokens, state)}</a>`;
    }
    case 'image':
      return '<img>';
    case 'br':
      return '<br>';
    case 'strong':
    case 'em':
    case 'del':
      return renderTokens((token as Tokens.Strong).tokens, state);
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? renderTokens(token.tokens, state) : escape(token.raw);
  }
}

/** The id hexo-renderer-marked 4 derived from a heading's inline tokens, before numbering. */
export function legacyHeadingId(tokens: Token[]): string {
  return slugize(stripHTML(renderTokens(tokens, { raw: false })).trim(), { transform: 0 });
}

/**
 * Numbers repeated legacy ids as hexo-renderer-marked 4 did: the second `x` became `x-1`, the third
 * `x-2`, without checking whether `x-1` was itself a heading's id.
 */
export class LegacySlugger {
  private readonly counts = new Map<string, number>();

  /** The old id of the next heading whose un-numbered id is `base`. */
  next(base: string): string {
    const count = this.counts.get(base);
    if (count === undefined) {
      this.counts.set(base, 1);
      return base;
    }
    this.counts.set(base, count + 1);
    return `${base}-${count}`;
  }
}
