import type { Token, Tokens } from 'marked';
import { decodeHTML } from 'entities';

/**
 * The text of inline tokens as a reader sees it: entities decoded, tags, images and HTML left out.
 * Heading ids, TOC entries and accessible names are made from it, and escaped once where written.
 */
export function inlineText(tokens: Token[] | undefined): string {
  let text = '';
  for (const t of tokens ?? []) {
    if (t.type === 'text' || t.type === 'escape') text += (t as Tokens.Text).tokens ? inlineText((t as Tokens.Text).tokens) : decodeHTML((t as Tokens.Text).text);
    else if (t.type === 'codespan') text += (t as Tokens.Codespan).text;
    else if (t.type === 'link' || t.type === 'strong' || t.type === 'em' || t.type === 'del') text += inlineText((t as Tokens.Link).tokens);
  }
  return text;
}
