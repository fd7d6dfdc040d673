/**
 * From marked's tokens to the article model, in one pass after lexing: positions, heading ids (with
 * their GitHub and legacy aliases), links, admonitions, hand-written TOC blocks, code and prose.
 * The same pass prepares the tokens the renderer writes (ids on headings, the automatic TOC, the
 * title heading dropped), so the page is made from exactly what the checker sees.
 */
import type { Token, Tokens } from 'marked';
import { closestType, type AdmonitionType } from '../admonitions/parse';
import { legacyHeadingId, LegacySlugger } from '../anchors/legacy-id';
import { anchorTagId, Slugger, splitCustomId } from '../anchors/slug';
import { positionOf, type Article, type ArticleAdmonition, type ArticleHeading, type ArticleLink, type Place, type TextRun, type TocBlock } from '../article/model';
import { scanHtml } from '../html/fragment';
import { buildToc, countEntries, type TocEntry } from '../toc/build';
import type { TocOptions } from '../toc/options';
import type { FrontMatter } from './front-matter';
import { inlineText } from './inline-text';
import { childTokens, locateTokens, offsetIn } from './locate';
import { HEXO_PLACEHOLDER, IDENTITY, LineIndex, type OffsetMap } from './positions';

/** Per-article settings the analysis needs. */
export interface ArticleSettings {
  toc: TocOptions;
  /** Give headings the ids of the old site (hexo-renderer-marked 4) as extra targets. */
  legacyIds: boolean;
  /** What to do with a first `# heading` that repeats the title. */
  titleHeading: 'drop' | 'keep';
  title?: string;
}

/** What {@link analyzeTokens} needs besides the tokens. */
export interface AnalyzeInput {
  file: string;
  frontMatter: FrontMatter;
  /** The text marked lexed, and how its offsets map to the body as written. */
  lexed: string;
  toBody?: OffsetMap;
  /** Link reference definitions marked took out of the token list, in order. */
  definitions?: { raw: string; href: string }[];
  settings: ArticleSettings;
}

/** How the renderer writes a heading. */
export interface HeadingMarkup {
  id: string;
  aliases: string[];
  text: string;
}

/** The automatic or a hand-written table of contents, as a token for the renderer. */
export interface TocToken {
  type: 'sbToc';
  raw: string;
  kind: 'auto' | 'legacy';
  label: string;
  entries: TocEntry[];
  /** Ids of the heading that titled a hand-written TOC, kept as targets. */
  ids: string[];
  listNumber: boolean;
}

/** An empty element with ids, left where a heading that is not rendered was. */
export interface AnchorToken {
  type: 'sbAnchor';
  raw: string;
  ids: string[];
}

const headingMarkup = new WeakMap<object, HeadingMarkup>();
// The model's entry for each link token, so blocks found later can be tied to their links.
const linkEntries = new WeakMap<object, ArticleLink>();

/** The id and aliases the analysis gave a heading token. */
export function markupOf(token: object): HeadingMarkup | undefined {
  return headingMarkup.get(token);
}

const TOC_TITLE = /^(?:目次|もくじ|contents|table of contents|index|agenda|アジェンダ|この記事の内容|本記事の内容|記事の内容)(?:[ \t\u3000]*[-–—:：].*)?$/i;
// What may stand around an entry of a hand-written TOC on its line: indentation (spaces, tabs,
// U+3000, space entities), bullets, numbers and dividing rules.
const TOC_DECORATION = /^(?:[\s\u3000]|&(?:emsp|ensp|nbsp|thinsp|#12288|#x3000|#160|#xa0);|[・•●○◆◇■□▪▫►▶‣※\-–—*+>|]|\d+(?:[.-]\d+)*[.)]?|[-=*_]{3,})*$/i;
const INDENT_WIDTH: [RegExp, number][] = [[/^\t/, 4], [/^\u3000/, 2], [/^&(?:emsp|#12288|#x3000);/i, 2], [/^&(?:ensp|nbsp|thinsp|#160|#xa0);/i, 1], [/^ /, 1]];

function normalizeTitle(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Index of the `]` that closes the label opened at raw[open]. */
function labelEnd(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '`') {
      let n = 1;
      while (raw[i + n] === '`') n++;
      const close = raw.indexOf('`'.repeat(n), i + n);
      i = close > 0 ? close + n - 1 : i + n - 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Where the destination of an inline link `[text](dest)` is written in its raw text. */
function destinationOf(raw: string, open: number): { index: number; length: number } | undefined {
  const close = labelEnd(raw, open);
  if (close < 0 || raw[close + 1] !== '(') return undefined;
  let i = close + 2;
  while (i < raw.length && /\s/.test(raw[i]!)) i++;
  if (raw[i] === '<') {
    const end = raw.indexOf('>', i);
    return { index: i + 1, length: (end < 0 ? raw.length : end) - i - 1 };
  }
  let depth = 0;
  let j = i;
  for (; j < raw.length; j++) {
    const c = raw[j]!;
    if (c === '\\') j++;
    else if (/\s/.test(c)) break;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) break;
  }
  return { index: i, length: j - i };
}

/**
 * Copies a place onto a model entry, in the order a spread would: V8 runs `{ ...place, ... }` on
 * this path far slower (a third of the analysis went to those spreads).
 */
function putPlace<T extends object>(entry: T, place: Place): T & Place {
  const out = entry as T & Place;
  out.line = place.line;
  if (place.column !== undefined) out.column = place.column;
  if (place.offset !== undefined) out.offset = place.offset;
  return out;
}

/** Analyses an article's tokens in place and returns its model. */
export function analyzeTokens(tokens: Token[], input: AnalyzeInput): Article {
  const { frontMatter, settings } = input;
  const toBody = input.toBody ?? IDENTITY;
  const bodyIndex = new LineIndex(frontMatter.body, frontMatter.bodyLine);
  const places = locateTokens(tokens, input.lexed);
  const placeAt = (lexedOffset: number | undefined): Place | undefined => {
    if (lexedOffset === undefined) return undefined;
    const body = toBody(lexedOffset);
    return body === undefined ? undefined : bodyIndex.place(body);
  };
  const startOf = (token: Token): Place => placeAt(places.get(token)?.start) ?? { line: frontMatter.bodyLine };
  const at = (token: Token, index: number): Place => placeAt(offsetIn(places.get(token), token.raw, index)) ?? startOf(token);

  const article: Article = {
    file: input.file, frontMatter, headings: [], links: [], admonitions: [], tocBlocks: [], texts: [], comments: [], code: [],
    ids: new Map(), duplicateIds: [],
  };
  const headingTokens: { token: Tokens.Heading; heading: ArticleHeading; legacyBase: string; githubText: string; explicit?: string }[] = [];
  const htmlIds: string[] = [];

  const addLink = (link: ArticleLink) => article.links.push(link);
  const html = (token: Token) => {
    const raw = token.raw;
    if (raw.includes('<!--') && new RegExp(HEXO_PLACEHOLDER.source).test(raw)) {
      const place = places.get(token);
      const start = place?.start;
      const from = placeAt(start);
      const to = start === undefined ? undefined : placeAt(start + raw.trimEnd().length);
      if (from && /<!--code\uFFFC/.test(raw)) article.code.push({ line: from.line, endLine: Math.max(from.line, (to?.line ?? from.line) - 1) });
      return;
    }
    const { tags, comments, texts } = scanHtml(raw);
    for (const tag of tags) {
      if (tag.attribs.id) htmlIds.push(tag.attribs.id);
      if (tag.name === 'a' && tag.attribs.name) htmlIds.push(tag.attribs.name);
      const attribute = tag.name === 'a' ? 'href' : tag.name === 'img' ? 'src' : undefined;
      const value = attribute && tag.attribs[attribute];
      if (attribute && value !== undefined) {
        const written = tag.written(attribute);
        const link: ArticleLink = putPlace({ kind: tag.name === 'a' ? 'html' : 'html-image', href: value }, at(token, written?.index ?? tag.index));
        if (written) link.written = written.text;
        if (tag.name === 'img' && tag.attribs.alt !== undefined) link.text = tag.attribs.alt;
        addLink(link);
      }
    }
    for (const c of comments) {
      const from = at(token, c.index);
      const to = at(token, Math.max(c.index, c.end - 1));
      article.comments.push(Object.assign(putPlace({}, from), { text: c.text, endLine: to.line }));
    }
    for (const text of texts) {
      const lines: (Place | undefined)[] = [];
      let index = text.index;
      for (const line of text.text.split('\n')) {
        lines.push(at(token, index));
        index += line.length + 1;
      }
      article.texts.push(Object.assign(putPlace({}, at(token, text.index)), { text: text.text, lines, atLineStart: false, html: true }));
    }
  };

  const inline = (list: Token[] | undefined, lineStart: boolean, inLink = false) => {
    let startsLine = lineStart;
    for (const t of list ?? []) {
      switch (t.type) {
        case 'text': {
          const text = t as Tokens.Text;
          if (text.tokens) inline(text.tokens, startsLine, inLink);
          else {
            const run: TextRun = Object.assign(putPlace({}, startOf(t)), { text: t.raw, atLineStart: startsLine, lines: (places.get(t)?.lines ?? []).map(placeAt) });
            article.texts.push(run);
          }
          startsLine = t.raw.endsWith('\n');
          break;
        }
        case 'br':
          startsLine = true;
          break;
        case 'html':
          html(t);
          startsLine = /^<br\s*\/?>$/i.test(t.raw.trim());
          break;
        case 'link':
        case 'image': {
          const link = t as Tokens.Link;
          const image = t.type === 'image';
          const open = image ? 1 : 0;
          let kind: ArticleLink['kind'] = image ? 'image' : link.raw.startsWith('<') ? 'autolink' : link.raw.startsWith('[') ? 'link' : 'bare';
          let place: Place = startOf(t);
          let written: string | undefined;
          if (link.raw[open] === '[') {
            const dest = destinationOf(link.raw, open);
            if (dest) {
              place = at(t, dest.index);
              written = link.raw.slice(dest.index, dest.index + dest.length);
            } else if (!image) kind = 'reference';
          } else if (kind === 'autolink') {
            place = at(t, 1);
            written = link.raw.slice(1, -1);
          } else {
            written = link.raw;
          }
          const entry: ArticleLink = putPlace({ kind, href: link.href, text: image ? link.text : inlineText(link.tokens) }, place);
          if (written !== undefined) entry.written = written;
          linkEntries.set(t, entry);
          addLink(entry);
          if (!image) inline(link.tokens, false, true);
          startsLine = false;
          break;
        }
        case 'strong':
        case 'em':
        case 'del':
          inline((t as Tokens.Strong).tokens, startsLine, inLink);
          startsLine = false;
          break;
        default:
          startsLine = false;
      }
    }
  };

  const block = (list: Token[]) => {
    for (const t of list) {
      switch (t.type) {
        case 'heading': {
          const token = t as Tokens.Heading;
          const legacyBase = legacyHeadingId(token.tokens);
          const githubText = inlineText(token.tokens);
          const explicit = takeExplicitId(token);
          const heading: ArticleHeading = Object.assign(putPlace({}, startOf(t)), { level: token.depth, text: inlineText(token.tokens).replace(/\s+/g, ' ').trim(), id: '', slug: '', aliases: [] });
          headingTokens.push({ token, heading, legacyBase, githubText, ...(explicit !== undefined ? { explicit } : {}) });
          inline(token.tokens, true);
          break;
        }
        case 'paragraph':
          inline((t as Tokens.Paragraph).tokens, true);
          break;
        case 'text':
          if ((t as Tokens.Text).tokens) inline((t as Tokens.Text).tokens, true);
          break;
        case 'table': {
          const table = t as Tokens.Table;
          for (const cell of table.header) inline(cell.tokens, true);
          for (const row of table.rows) for (const cell of row) inline(cell.tokens, true);
          break;
        }
        case 'code': {
          const from = startOf(t);
          const place = places.get(t);
          const last = place?.lines.filter((o) => o !== undefined).at(-1);
          const to = placeAt(last);
          article.code.push({ line: from.line, endLine: to?.line ?? from.line + t.raw.trimEnd().split('\n').length - 1 });
          break;
        }
        case 'html':
          html(t);
          break;
        case 'admonition': {
          const a = t as Tokens.Generic & { admonitionType: AdmonitionType; marker: string; tokens: Token[]; titleTokens: Token[] };
          const empty = a.tokens.every((c) => c.type === 'space' || c.type === 'hr');
          article.admonitions.push(Object.assign(putPlace({}, at(t, Math.max(0, a.raw.indexOf('[')))), { written: a.marker, type: a.admonitionType, empty }));
          inline(a.titleTokens, false);
          block(a.tokens);
          break;
        }
        case 'blockquote': {
          const marker = (t as Tokens.Blockquote & { unknownMarker?: string }).unknownMarker;
          if (marker) {
            const suggestion = closestType(marker);
            const entry: ArticleAdmonition = Object.assign(putPlace({}, at(t, Math.max(0, t.raw.indexOf(marker)))), { written: marker, empty: false });
            if (suggestion) entry.suggestion = suggestion;
            article.admonitions.push(entry);
          }
          block((t as Tokens.Blockquote).tokens);
          break;
        }
        case 'list':
          for (const item of (t as Tokens.List).items) block(item.tokens);
          break;
        default: {
          const children = childTokens(t);
          if (children.length) block(children);
        }
      }
    }
  };
  block(tokens);
  addDefinitions(article, input, placeAt);

  assignIds(article, headingTokens, htmlIds, settings);
  article.tocBlocks.push(...placeTocs(tokens, article, headingTokens, settings));
  if (article.comments.some((c) => /^\s*more\s*$/i.test(c.text))) article.ids.set('more', 'more');
  article.links.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return article;
}

/** Takes an explicit id out of a heading: `{#id}` at its end, else an `<a id>` / `<a name>` in it. */
function takeExplicitId(token: Tokens.Heading): string | undefined {
  const last = token.tokens.at(-1);
  if (last?.type === 'text' && !(last as Tokens.Text).tokens) {
    const split = splitCustomId(last.raw);
    if (split.id) {
      last.raw = split.text;
      (last as Tokens.Text).text = splitCustomId((last as Tokens.Text).text).text;
      return split.id;
    }
  }
  const index = token.tokens.findIndex((t) => t.type === 'html' && /^<a\s/i.test(t.raw) && !/\shref\s*=/i.test(t.raw) && anchorTagId(t.raw) !== undefined);
  if (index < 0) return undefined;
  const id = anchorTagId(token.tokens[index]!.raw)!;
  const close = token.tokens.findIndex((t, i) => i > index && t.type === 'html' && /^<\/a\s*>$/i.test(t.raw.trim()));
  token.tokens = token.tokens.filter((_, i) => i !== index && i !== close);
  return id;
}

/** Link reference definitions, placed as the analysis places tokens (`placeAt`: a lexed offset's place in the file). */
function addDefinitions(article: Article, input: AnalyzeInput, placeAt: (lexedOffset: number) => Place | undefined): void {
  if (!input.definitions?.length) return;
  let cursor = 0;
  for (const def of input.definitions) {
    const start = input.lexed.indexOf(def.raw.trimEnd(), cursor);
    if (start < 0) continue;
    cursor = start + def.raw.length;
    const colon = def.raw.indexOf(']:');
    let i = colon + 2;
    while (/\s/.test(def.raw[i] ?? '')) i++;
    if (def.raw[i] === '<') i++;
    const place = placeAt(start + i);
    if (!place) continue;
    const written = /^\S*/.exec(def.raw.slice(i))![0].replace(/>$/, '');
    const link: ArticleLink = putPlace({ kind: 'definition', href: def.href }, place);
    link.written = written;
    article.links.push(link);
  }
}

type HeadingEntry = { token: Tokens.Heading; heading: ArticleHeading; legacyBase: string; githubText: string; explicit?: string };

/**
 * Ids in one place. A heading's id is the author's explicit id, else GitHub's slug of its text;
 * GitHub's slug and the old site's id stay as aliases. No id is given to two elements: ids the
 * author wrote in HTML are reserved first, and an alias that another element already has is dropped.
 */
function assignIds(article: Article, entries: HeadingEntry[], htmlIds: string[], settings: ArticleSettings): void {
  const taken = new Set<string>();
  for (const id of htmlIds) {
    taken.add(id);
    article.ids.set(id, 'html');
  }
  const explicitSeen = new Set<string>();
  const reserved = [...htmlIds, ...entries.flatMap((e) => (e.explicit === undefined ? [] : [e.explicit]))];
  const slugger = new Slugger(reserved);
  const dropIndex = settings.titleHeading === 'drop' && settings.title !== undefined && entries[0]?.token.depth === 1 &&
    normalizeTitle(entries[0].heading.text) === normalizeTitle(settings.title) ? 0 : -1;
  for (const [i, e] of entries.entries()) {
    const h = e.heading;
    h.slug = slugger.slug(e.githubText);
    if (i === dropIndex) h.dropped = true;
    if (e.explicit !== undefined && !explicitSeen.has(e.explicit)) {
      explicitSeen.add(e.explicit);
      h.id = e.explicit;
    } else {
      if (e.explicit !== undefined) {
        h.repeatedId = e.explicit;
        article.duplicateIds.push({ ...positionOf(h), id: e.explicit });
      }
      h.id = h.slug;
    }
    taken.add(h.id);
    article.ids.set(h.id, 'heading');
  }
  // Aliases after every heading has its id, so an alias never takes another heading's id.
  const legacyIds = new LegacySlugger();
  for (const e of entries) {
    const h = e.heading;
    const candidates: [string, 'alias' | 'legacy'][] = [[h.slug, 'alias']];
    // The old build deleted the first `# ` line of every article: that heading had no old id.
    if (settings.legacyIds && !h.dropped) {
      const old = legacyIds.next(e.legacyBase);
      if (old) {
        h.legacyId = old;
        candidates.push([old, 'legacy']);
      }
    }
    for (const [id, kind] of candidates) {
      if (!id || id === h.id || taken.has(id)) continue;
      taken.add(id);
      h.aliases.push(id);
      article.ids.set(id, kind);
    }
    headingMarkup.set(e.token, { id: h.id, aliases: h.aliases, text: h.text });
    article.headings.push(h);
  }
}

/** One line of a hand-written TOC: its link and how far it is indented. */
interface TocLine {
  text: string;
  href: string;
  indent: number;
  depth?: number;
}

function indentWidth(prefix: string): number {
  let width = 0;
  let rest = prefix.replace(/[・•●○◆◇■□▪▫►▶‣※\-–—*+>|]|\d+(?:[.-]\d+)*[.)]?/g, '');
  while (rest) {
    const rule = INDENT_WIDTH.find(([re]) => re.test(rest));
    if (!rule) {
      rest = rest.slice(1);
      continue;
    }
    width += rule[1];
    rest = rest.replace(rule[0], '');
  }
  return width;
}

/** The entries of a paragraph that holds nothing but `#fragment` links, one per line, or undefined. */
function paragraphEntries(tokens: Token[]): TocLine[] | undefined {
  const lines: TocLine[] = [];
  let prefix = '';
  let pending: TocLine | undefined;
  const flush = () => {
    if (pending) lines.push(pending);
    pending = undefined;
    prefix = '';
  };
  for (const t of tokens) {
    if (t.type === 'br' || (t.type === 'html' && /^<br\s*\/?>$/i.test(t.raw.trim()))) {
      flush();
      continue;
    }
    if (t.type === 'link' && (t as Tokens.Link).href.startsWith('#') && (t as Tokens.Link).raw.startsWith('[')) {
      if (pending) return undefined;
      pending = { text: inlineText((t as Tokens.Link).tokens).replace(/\s+/g, ' ').trim(), href: (t as Tokens.Link).href, indent: indentWidth(prefix) };
      continue;
    }
    if (t.type !== 'text' && t.type !== 'escape') return undefined;
    const parts = t.raw.split('\n');
    for (const [k, part] of parts.entries()) {
      if (k > 0) flush();
      if (!TOC_DECORATION.test(part)) return undefined;
      if (!pending) prefix += part;
    }
  }
  flush();
  return lines;
}

/** The entries of a list whose items are nothing but `#fragment` links (and nested such lists). */
function listEntries(list: Tokens.List, depth = 0): TocLine[] | undefined {
  const lines: TocLine[] = [];
  for (const item of list.items) {
    const [first, ...rest] = item.tokens;
    const entries = first && (first.type === 'text' || first.type === 'paragraph') ? paragraphEntries((first as Tokens.Text).tokens ?? []) : undefined;
    if (!entries || entries.length !== 1) return undefined;
    lines.push({ ...entries[0]!, depth });
    for (const r of rest) {
      if (r.type === 'space') continue;
      if (r.type !== 'list') return undefined;
      const nested = listEntries(r as Tokens.List, depth + 1);
      if (!nested) return undefined;
      lines.push(...nested);
    }
  }
  return lines;
}

function isRuleOnly(t: Token): boolean {
  if (t.type === 'hr' || t.type === 'space') return true;
  return t.type === 'paragraph' && /^[\s=\-*_]*$/.test(t.raw) && /[=\-*_]{3,}/.test(t.raw);
}

/** The model's links of the link tokens inside a token. */
function linksIn(t: Token): ArticleLink[] {
  const own = linkEntries.get(t);
  return [...(own ? [own] : []), ...childTokens(t).flatMap(linksIn)];
}

function tocEntriesOf(t: Token): TocLine[] | undefined {
  if (t.type === 'paragraph') return paragraphEntries((t as Tokens.Paragraph).tokens);
  if (t.type === 'list') return listEntries(t as Tokens.List);
  return undefined;
}

function containsHeading(t: Token): boolean {
  if (t.type === 'heading' || t.type === 'hr') return true;
  if (t.type === 'html') return /<h[1-6][\s>]/i.test(t.raw);
  return childTokens(t).some((c) => c.type === 'heading' || containsHeading(c));
}

/** Nests TOC lines by their indentation (or list depth). */
function nestEntries(lines: TocLine[]): TocEntry[] {
  const widths = [...new Set(lines.map((l) => l.indent))].sort((a, b) => a - b);
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  for (const l of lines) {
    const level = (l.depth ?? 0) + widths.indexOf(l.indent);
    const entry: TocEntry = { id: l.href.slice(1), text: l.text, level, children: [] };
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}

/**
 * Finds hand-written TOC blocks among the top-level tokens (a run of paragraphs or lists holding
 * only `#fragment` links, with the rules and the 目次-like heading around them), drops the title
 * heading that repeats the article title, and puts the automatic TOC where the first TOC block was,
 * or after the lead. Other TOC blocks become plain lists of their links.
 */
function placeTocs(tokens: Token[], article: Article, entries: HeadingEntry[], settings: ArticleSettings): TocBlock[] {
  const headingOf = new Map(entries.map((e) => [e.token as Token, e.heading]));
  const blocks: { from: number; to: number; title?: ArticleHeading; lines: TocLine[]; place: Place; links: ArticleLink[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const lines = tocEntriesOf(tokens[i]!);
    if (!lines || lines.length < 2) continue;
    let from = i;
    let to = i + 1;
    const all = [...lines];
    // Further link-only paragraphs and the rules between and after them belong to the block.
    for (let j = to; j < tokens.length; j++) {
      const t = tokens[j]!;
      const more = tocEntriesOf(t);
      if (more && more.length) {
        all.push(...more);
        to = j + 1;
      } else if (isRuleOnly(t)) {
        to = j + 1;
      } else break;
    }
    while (to > i + 1 && tokens[to - 1]!.type === 'space') to--;
    let k = from - 1;
    while (k >= 0 && isRuleOnly(tokens[k]!)) k--;
    const before = tokens[k];
    const heading = before?.type === 'heading' ? headingOf.get(before) : undefined;
    const title = heading && TOC_TITLE.test(heading.text) ? heading : undefined;
    if (title) {
      from = k;
    } else {
      // The rules just above the links belong to the block; the blank lines before them do not.
      from = k + 1;
      while (from < i && tokens[from]!.type === 'space') from++;
    }
    const links = tokens.slice(i, to).flatMap(linksIn);
    for (const link of links) link.inToc = 'kept';
    const first = links[0];
    const place: Place = first ? { ...positionOf(first), ...(first.offset !== undefined ? { offset: first.offset } : {}) } : { line: 1 };
    blocks.push({ from, to, ...(title ? { title } : {}), lines: all, place, links });
    i = to - 1;
  }
  const firstContentHeading = tokens.findIndex((t) => t.type === 'heading' && !blocks.some((b) => b.title && headingOf.get(t) === b.title) && !headingOf.get(t)?.dropped);
  const options = settings.toc;
  const result: TocBlock[] = [];
  const replacements = new Map<number, { to: number; token: Token }>();
  let autoPlaced = false;
  const visible = (h: ArticleHeading) => !h.dropped && !blocks.some((b) => b.title === h);
  const headings = article.headings.filter(visible);
  for (const b of blocks) {
    const replace = options.enabled && options.legacy === 'replace' && !autoPlaced && (b.title !== undefined || firstContentHeading < 0 || b.from < firstContentHeading);
    const titleIds = b.title ? [b.title.id, ...b.title.aliases] : [];
    if (b.title) b.title.tocTitle = true;
    let token: Token | undefined;
    if (replace) {
      // As deep as the author's TOC went, so no entry of theirs disappears.
      const deepest = Math.max(0, ...b.lines.map((l) => headings.find((h) => h.id === l.href.slice(1) || h.aliases.includes(l.href.slice(1)))?.level ?? 0));
      const tocEntries = buildToc(headings, { minDepth: options.minDepth, maxDepth: Math.max(options.maxDepth, deepest) });
      if (countEntries(tocEntries) >= options.minEntries) {
        token = tocToken('auto', options.label, tocEntries, titleIds, options.listNumber);
        article.toc = tocEntries;
        autoPlaced = true;
      }
    }
    token ??= tocToken('legacy', b.title?.text ?? options.label, nestEntries(b.lines), titleIds, false);
    replacements.set(b.from, { to: b.to, token });
    if ((token as unknown as TocToken).kind === 'auto') for (const link of b.links) link.inToc = 'replaced';
    result.push({ ...b.place, ...(b.title ? { title: b.title.text } : {}), entries: b.lines.map((l) => ({ text: l.text, href: l.href, depth: l.depth ?? 0 })), replaced: (token as TocToken).kind === 'auto' });
  }
  const out: Token[] = [];
  let autoAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    const r = replacements.get(i);
    if (r) {
      out.push(r.token);
      if (r.token.type === 'sbToc') for (const id of (r.token as unknown as TocToken).ids) article.ids.set(id, 'toc');
      i = Math.max(i, r.to - 1);
      continue;
    }
    const t = tokens[i]!;
    const dropped = t.type === 'heading' ? headingOf.get(t) : undefined;
    if (dropped?.dropped) {
      // The ids GitHub's preview gives the title heading still lead to the top of the article.
      const ids = [dropped.slug].filter((id) => article.ids.get(id) === undefined || article.ids.get(id) === 'heading');
      out.push({ type: 'sbAnchor', raw: '', ids } as unknown as Token);
      continue;
    }
    if (autoAt < 0 && containsHeading(t)) autoAt = out.length;
    out.push(t);
  }
  if (!autoPlaced && options.enabled && !(options.legacy === 'keep' && blocks.length)) {
    const tocEntries = buildToc(headings, options);
    if (countEntries(tocEntries) >= options.minEntries) {
      out.splice(autoAt < 0 ? out.length : autoAt, 0, tocToken('auto', options.label, tocEntries, [], options.listNumber));
      article.toc = tocEntries;
    }
  }
  tokens.splice(0, tokens.length, ...out);
  return result;
}

function tocToken(kind: 'auto' | 'legacy', label: string, entries: TocEntry[], ids: string[], listNumber: boolean): Token {
  const token: TocToken = { type: 'sbToc', raw: '', kind, label, entries, ids, listNumber };
  return token as unknown as Token;
}
