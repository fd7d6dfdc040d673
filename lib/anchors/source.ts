import { parseMarker, readBlockquote, separateDividers } from '../admonitions/parse';
import { forEachProseLine, layoutOf } from '../markdown/source';
import { readLegacyToc } from '../toc/legacy';
import { safeDecodeURI } from '../text/uri';
import { anchorTagId, Slugger, splitCustomId } from './slug';

/** A position in a Markdown file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** How a link was written. */
export type LinkKind = 'link' | 'autolink' | 'bare' | 'image' | 'html' | 'toc';

/** A link or image source found in an article, with the position of its target. */
export interface SourceLink extends Position {
  href: string;
  kind: LinkKind;
  /** For images: the alternative text, or undefined when an `<img>` has no alt attribute. */
  alt?: string;
}

/** Heading ids and links of one article, computed from its Markdown source. */
export interface SourceAnchors {
  headings: (Position & { level: number; id: string; alias?: string; text: string })[];
  ids: Set<string>;
  duplicates: (Position & { id: string })[];
  /** Every link and image source outside code, in document order. */
  links: SourceLink[];
}

// markdown-it and markdown-it-anchor ship ESM type declarations that a CommonJS build cannot
// import; these are the few shapes this module touches.
interface Token {
  type: string;
  tag: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
  meta: unknown;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}
interface StateCore {
  tokens: Token[];
  env: unknown;
}
interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: StateCore) => void): void } };
  use(plugin: unknown, options?: object): MarkdownIt;
  parse(src: string, env: object): Token[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownItClass = require('markdown-it') as new (options: object) => MarkdownIt;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const anchor = require('markdown-it-anchor') as unknown;

interface Env {
  slugger?: Slugger;
  duplicates?: SourceAnchors['duplicates'];
}

const HTML_ID = /\bid\s*=\s*["']([^"']+)["']/gi;
const HTML_URL = /\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

function headingText(inline: Token): string {
  return (inline.children ?? []).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('');
}

/**
 * Before markdown-it-anchor: take explicit ids (`{#id}`, `<a id>`) out of the headings and reserve
 * them and every id in the author's HTML, exactly as the site's renderer does (lib/anchors/headings).
 */
function explicitIds(state: StateCore): void {
  const env = state.env as Env;
  const reserved = new Set<string>();
  const seen = new Set<string>();
  env.duplicates = [];
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'html_block') for (const m of token.content.matchAll(HTML_ID)) reserved.add(m[1]!);
    if (token.type !== 'inline') continue;
    const heading = tokens[i - 1]?.type === 'heading_open' ? tokens[i - 1]! : undefined;
    let explicit: string | undefined;
    if (heading) {
      const last = token.children?.[token.children.length - 1];
      if (last?.type === 'text') {
        const split = splitCustomId(last.content);
        if (split.id) [last.content, explicit] = [split.text, split.id];
      }
    }
    for (const child of token.children ?? []) {
      if (child.type !== 'html_inline') continue;
      const anchorId = heading && /^<a\s/i.test(child.content) && !/\shref\s*=/i.test(child.content) ? anchorTagId(child.content) : undefined;
      if (anchorId && explicit === undefined) explicit = anchorId;
      else for (const m of child.content.matchAll(HTML_ID)) reserved.add(m[1]!);
    }
    if (heading && explicit !== undefined) {
      reserved.add(explicit);
      if (seen.has(explicit)) {
        env.duplicates.push({ id: explicit, line: (heading.map?.[0] ?? 0) + 1, column: 1 });
      } else {
        seen.add(explicit);
        heading.meta = { ...(heading.meta as object | null), explicitId: explicit };
      }
    }
  }
  env.slugger = new Slugger(reserved);
}

/** After markdown-it-anchor: an explicit id wins; the slug it assigned stays as the alias. */
function applyExplicitIds(state: StateCore): void {
  for (const token of state.tokens) {
    const explicit = token.type === 'heading_open' ? (token.meta as { explicitId?: string } | null)?.explicitId : undefined;
    if (explicit === undefined) continue;
    token.meta = { ...(token.meta as object | null), alias: token.attrGet('id') };
    token.attrSet('id', explicit);
  }
}

function createParser(): MarkdownIt {
  const md = new MarkdownItClass({ html: true, linkify: true, breaks: true });
  md.core.ruler.push('sb_explicit_ids', explicitIds);
  md.use(anchor, {
    level: 1,
    tabIndex: false,
    getTokensText: (tokens: Token[]) => headingText({ children: tokens } as Token),
    slugifyWithState: (title: string, state: StateCore) => (state.env as Env).slugger!.slug(title),
  });
  md.core.ruler.push('sb_apply_explicit_ids', applyExplicitIds);
  return md;
}

let parser: MarkdownIt | undefined;

/**
 * Rewrites forms that the site's renderer reads differently from CommonMark, keeping every line in
 * place: front-matter and hand-written 目次 blocks are blanked (their links are returned), `###　`
 * becomes `### `, and a `---` divider inside an admonition becomes `***` (a rule, not a heading).
 */
export function prepareSource(text: string): { lines: string[]; tocLinks: (Position & { href: string })[] } {
  const layout = layoutOf(text);
  const lines = layout.lines.map((line, i) => (i < layout.bodyStart ? '' : line));
  const tocLinks: (Position & { href: string })[] = [];
  forEachProseLine(layout, (line, i) => {
    const toc = readLegacyToc(lines, i);
    if (toc) {
      for (const e of toc.entries) tocLinks.push({ href: e.href, line: e.line + 1, column: e.column });
      for (let k = i; k < toc.end; k++) lines[k] = '';
      return toc.end;
    }
    lines[i] = line.replace(/^(#{1,6})\u3000/, '$1 ');
    const quote = /^[ \t]*>/.test(line) ? readBlockquote(lines, i) : undefined;
    if (quote && parseMarker(quote.content[0] ?? '')) {
      const fixed = separateDividers(quote.content);
      // separateDividers inserts a blank before each divider that follows text: those dividers
      // are the lines to turn into `***`.
      let k = 0;
      for (let f = 0; f < fixed.length; f++) {
        if (fixed[f] === '' && quote.content[k] !== '') {
          const source = i + k;
          lines[source] = lines[source]!.replace(/-(?=[-\s]*$)/g, '*');
          continue;
        }
        k++;
      }
      return quote.end;
    }
  });
  return { lines, tocLinks };
}


/**
 * Finds where `target` first appears in lines[from..to), after positions already used; skip moves
 * the column past a prefix. Reference links are defined elsewhere, so the whole file is searched last.
 */
function locate(lines: string[], from: number, to: number, target: string, used: Set<string>, skip = 0): Position {
  const found = search(lines, from, to, target, used, skip) ?? search(lines, 0, lines.length, target, used, skip);
  return found ?? { line: from + 1, column: 1 };
}

function search(lines: string[], from: number, to: number, target: string, used: Set<string>, skip: number): Position | undefined {
  for (let l = from; l < to; l++) {
    let at = lines[l]!.indexOf(target);
    while (at >= 0) {
      const key = `${l}:${at}`;
      if (!used.has(key)) {
        used.add(key);
        return { line: l + 1, column: at + 1 + skip };
      }
      at = lines[l]!.indexOf(target, at + 1);
    }
  }
  return undefined;
}

/** Reads an article's heading ids and its links, with positions. */
export function readSourceAnchors(text: string): SourceAnchors {
  parser ??= createParser();
  const { lines, tocLinks } = prepareSource(text);
  const original = layoutOf(text).lines;
  const env: Env = {};
  const tokens = parser.parse(lines.join('\n'), env);
  const ids = new Set<string>();
  const headings: SourceAnchors['headings'] = [];
  const links: SourceLink[] = tocLinks.map((l) => ({ ...l, kind: 'toc' }));
  const used = new Set<string>();
  let blockLines: [number, number] = [0, lines.length];
  const htmlUrls = (html: string) => {
    for (const m of html.matchAll(HTML_URL)) {
      const href = m[2] ?? m[3] ?? '';
      const position = locate(original, blockLines[0], blockLines[1], `${m[1]}=${html.slice(m.index + m[0].indexOf('=') + 1, m.index + m[0].length)}`, used, m[1]!.length + 2);
      const tag = html.slice(html.lastIndexOf('<', m.index), html.indexOf('>', m.index) + 1);
      const alt = /^<img\b/i.test(tag) ? /\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag) : undefined;
      const image = /^<img\b/i.test(tag) ? { kind: 'image' as const, ...(alt ? { alt: alt[1] ?? alt[2] ?? '' } : {}) } : { kind: 'html' as const };
      links.push({ href, ...image, ...position });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.map) blockLines = [token.map[0], token.map[1]];
    if (token.type === 'html_block') {
      for (const m of token.content.matchAll(HTML_ID)) ids.add(m[1]!);
      htmlUrls(token.content);
    }
    if (token.type === 'heading_open') {
      const id = token.attrGet('id')!;
      const alias = (token.meta as { alias?: string } | null)?.alias;
      ids.add(id);
      if (alias) ids.add(alias);
      headings.push({ level: Number(token.tag[1]), id, ...(alias ? { alias } : {}), text: headingText(tokens[i + 1]!).replace(/\s+/g, ' ').trim(), line: blockLines[0] + 1, column: 1 });
    }
    for (const child of token.type === 'inline' ? token.children ?? [] : []) {
      if (child.type === 'link_open' || child.type === 'image') {
        // markdown-it percent-encodes link targets; authors read and search them as written.
        const href = safeDecodeURI(child.attrGet(child.type === 'image' ? 'src' : 'href') ?? '');
        const markup = (child as Token & { markup?: string }).markup;
        const kind: LinkKind = child.type === 'image' ? 'image' : markup === 'linkify' ? 'bare' : markup === 'autolink' ? 'autolink' : 'link';
        // Inline links are found by `(target`, bare URLs and reference definitions by the URL itself.
        const position = (kind === 'link' || kind === 'image'
          ? search(original, blockLines[0], blockLines[1], `(${href}`, used, 1) ?? search(original, 0, original.length, `(${href}`, used, 1)
          : undefined) ?? locate(original, blockLines[0], blockLines[1], href, used);
        if (href) links.push({ href, kind, ...position, ...(child.type === 'image' ? { alt: child.content } : {}) });
      } else if (child.type === 'html_inline') {
        for (const m of child.content.matchAll(HTML_ID)) ids.add(m[1]!);
        htmlUrls(child.content);
      }
    }
  }
  if (lines.some((l) => /^\s*<!--\s*more\s*-->\s*$/i.test(l))) ids.add('more');
  links.sort((a, b) => a.line - b.line || a.column - b.column);
  return { headings, ids, duplicates: env.duplicates ?? [], links };
}
