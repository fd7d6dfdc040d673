import type { Lexer, Parser, Token, TokenizerAndRendererExtension, Tokens } from 'marked';
import { parseMarker, readBlockquote, separateDividers, type AdmonitionType } from './parse';
import type { AdmonitionOptions } from './options';
import { renderAdmonition } from './render';
import { inlineText } from '../markdown/inline-text';

/** The token of a `> [!TYPE]` admonition. */
export interface AdmonitionToken extends Tokens.Generic {
  type: 'admonition';
  raw: string;
  admonitionType: AdmonitionType;
  /** The marker as written, e.g. `[!NOTE]`. */
  marker: string;
  title: string;
  titleTokens: Token[];
  tokens: Token[];
}

/** A blockquote whose first line looks like a marker but names no admonition type. */
export type MarkedQuote = Tokens.Blockquote & { unknownMarker?: string };

const QUOTE_LINE = /^[ \t]{0,3}>/;

/** Lexes lines as top-level blocks (paragraphs, not the bare text of tight list items). */
function blockTokens(lexer: Lexer, lines: string[]): Token[] {
  const top = lexer.state.top;
  lexer.state.top = true;
  const tokens = lexer.blockTokens(lines.join('\n'), []);
  lexer.state.top = top;
  return tokens;
}

/**
 * A marked block extension that reads `> [!TYPE] optional title` blockquotes as admonitions, and
 * keeps the `> ---` divider under a line of text from becoming a setext heading. A quote with a
 * mistyped marker stays an ordinary blockquote, marked for the checker. It needs no `start()`: a
 * quote line already ends a paragraph, and looking ahead for one costs time on every paragraph.
 */
export function admonitionExtension(options: AdmonitionOptions): TokenizerAndRendererExtension {
  return {
    name: 'admonition',
    level: 'block',
    childTokens: ['titleTokens', 'tokens'],
    tokenizer(src: string): AdmonitionToken | MarkedQuote | undefined {
      if (!QUOTE_LINE.test(src)) return undefined;
      // Only the first line decides; the rest of the text is read only for a marker.
      const newline = src.indexOf('\n');
      const firstLine = newline < 0 ? src : src.slice(0, newline);
      if (!/\[[ \t]*!/.test(firstLine)) return undefined;
      const quote = readBlockquote(src);
      const marker = quote && parseMarker(quote.content[0] ?? '');
      if (!quote || !marker) return undefined;
      const raw = src.slice(0, quote.length);
      if (marker.kind === 'unknown') {
        const content = separateDividers(quote.content);
        return { type: 'blockquote', raw, text: content.join('\n'), tokens: blockTokens(this.lexer, content), unknownMarker: marker.written };
      }
      const written = /^\[![A-Za-z]+\]/.exec(quote.content[0]!.trimStart())?.[0] ?? `[!${marker.type.toUpperCase()}]`;
      const token: AdmonitionToken = {
        type: 'admonition', raw, admonitionType: marker.type, marker: written, title: marker.title, titleTokens: [],
        tokens: blockTokens(this.lexer, separateDividers(quote.content.slice(1))),
      };
      this.lexer.inline(marker.title, token.titleTokens);
      return token;
    },
    renderer(this: { parser: Parser }, token: Tokens.Generic) {
      const t = token as AdmonitionToken;
      const titleHtml = t.title ? this.parser.parseInline(t.titleTokens) : '';
      const titleText = inlineText(t.titleTokens).replace(/\s+/g, ' ').trim();
      return renderAdmonition(t.admonitionType, titleHtml, titleText, this.parser.parse(t.tokens), options);
    },
  };
}
