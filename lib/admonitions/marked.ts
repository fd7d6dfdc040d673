import type { Lexer, Parser, Token, TokenizerAndRendererExtension, Tokens } from 'marked';
import { parseMarker, readBlockquote, separateDividers, type AdmonitionType } from './parse';
import type { AdmonitionOptions } from './options';
import { renderAdmonition } from './render';

interface AdmonitionToken extends Tokens.Generic {
  type: 'admonition';
  raw: string;
  admonitionType: AdmonitionType;
  title: string;
  titleTokens: Token[];
  tokens: Token[];
}

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
 * mistyped marker stays an ordinary blockquote (the checker reports it).
 */
export function admonitionExtension(options: AdmonitionOptions): TokenizerAndRendererExtension {
  return {
    name: 'admonition',
    level: 'block',
    childTokens: ['titleTokens', 'tokens'],
    start(src: string) {
      const match = /^[ \t]{0,3}>/m.exec(src);
      return match?.index;
    },
    tokenizer(src: string): AdmonitionToken | Tokens.Blockquote | undefined {
      if (!QUOTE_LINE.test(src)) return undefined;
      const lines = src.split('\n');
      const quote = readBlockquote(lines, 0);
      const marker = quote && parseMarker(quote.content[0] ?? '');
      if (!quote || !marker) return undefined;
      const raw = lines.slice(0, quote.end).join('\n') + (quote.end < lines.length ? '\n' : '');
      if (marker.kind === 'unknown') {
        const content = separateDividers(quote.content);
        return { type: 'blockquote', raw, text: content.join('\n'), tokens: blockTokens(this.lexer, content) };
      }
      const token: AdmonitionToken = {
        type: 'admonition', raw, admonitionType: marker.type, title: marker.title, titleTokens: [],
        tokens: blockTokens(this.lexer, separateDividers(quote.content.slice(1))),
      };
      this.lexer.inline(marker.title, token.titleTokens);
      return token;
    },
    renderer(this: { parser: Parser }, token: Tokens.Generic) {
      const t = token as AdmonitionToken;
      const titleHtml = t.title ? this.parser.parseInline(t.titleTokens) : '';
      const titleText = titleHtml.replace(/<[^>]*>/g, '');
      return renderAdmonition(t.admonitionType, titleHtml, titleText, this.parser.parse(t.tokens), options);
    },
  };
}
