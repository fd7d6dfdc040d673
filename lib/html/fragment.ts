/** What raw HTML written in an article holds: tags with attributes and comments, with offsets. */
import { Parser } from 'htmlparser2';

export interface HtmlTag {
  name: string;
  attribs: Record<string, string>;
  /** Offset of `<` in the fragment. */
  index: number;
  /** An attribute's value as written (entities not decoded) and its offset in the fragment. */
  written(attribute: string): { index: number; text: string } | undefined;
}

export interface HtmlText {
  text: string;
  index: number;
}

export interface HtmlComment {
  text: string;
  index: number;
  end: number;
}

/** Scans an HTML fragment (a block or one inline tag) for its opening tags and comments. */
export function scanHtml(html: string): { tags: HtmlTag[]; comments: HtmlComment[]; texts: HtmlText[] } {
  const tags: HtmlTag[] = [];
  const comments: HtmlComment[] = [];
  const texts: HtmlText[] = [];
  let raw = 0;
  const parser: Parser = new Parser({
    onopentag(name, attribs) {
      const index = parser.startIndex;
      const source = html.slice(index, parser.endIndex + 1);
      tags.push({
        name, attribs, index,
        written(attribute) {
          const m = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(source);
          if (!m) return undefined;
          const text = m[1] ?? m[2] ?? m[3] ?? '';
          return { index: index + m.index + m[0].length - text.length - (m[3] === undefined ? 1 : 0), text };
        },
      });
      if (/^(script|style|pre|code)$/.test(name)) raw++;
    },
    onclosetag(name) {
      if (/^(script|style|pre|code)$/.test(name)) raw = Math.max(0, raw - 1);
    },
    ontext(text) {
      if (!raw && text.trim()) texts.push({ text, index: parser.startIndex });
    },
    oncomment(text) {
      comments.push({ text, index: parser.startIndex, end: parser.endIndex + 1 });
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true });
  parser.end(html);
  return { tags, comments, texts };
}
