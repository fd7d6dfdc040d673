/**
 * The article model: what one parse of an article says about it. The renderer writes the page from
 * the same tokens, and every check and build warning reads this model, so the site and the checker
 * cannot disagree about ids, links, admonitions or code.
 */
import type { AdmonitionType } from '../admonitions/parse';
import type { FrontMatter } from '../markdown/front-matter';
import type { Position } from '../markdown/positions';
import type { TocEntry } from '../toc/build';

/** A place in the file: line, column where known, and the offset in the file text. */
export interface Place extends Position {
  offset?: number;
}

/** A heading as the reader sees it, with every id that leads to it. */
export interface ArticleHeading extends Place {
  level: number;
  /** Text as it shows on the page (entities decoded, tags dropped). */
  text: string;
  /** The id on the element: the author's explicit id, else GitHub's slug. */
  id: string;
  /** GitHub's slug of the heading, the one its preview of the file answers to. */
  slug: string;
  /** The id hexo-renderer-marked 4 (the old site) gave it, when it differs. */
  legacyId?: string;
  /** Ids besides `id` that reach the heading (empty elements inside it). */
  aliases: string[];
  /** An explicit id an earlier heading already had: not used here. */
  repeatedId?: string;
  /** The heading was the article title repeated in the body, and is not rendered. */
  dropped?: boolean;
  /** The heading titles a hand-written TOC block and is rendered as part of it. */
  tocTitle?: boolean;
}

/** How a link was written. */
export type LinkKind = 'link' | 'reference' | 'definition' | 'autolink' | 'bare' | 'image' | 'html' | 'html-image';

/** A link or image source, with the place where its target is written. */
export interface ArticleLink extends Place {
  kind: LinkKind;
  /** The target as written (a reference link's target comes from its definition). */
  href: string;
  /** Link text, or an image's alternative text (undefined for an `<img>` without alt). */
  text?: string;
  /** The target exactly as written at the link's place, when known (what `--fix` replaces). */
  written?: string;
  /** The link is an entry of a hand-written TOC block, which the automatic TOC replaced or which stays as a list. */
  inToc?: 'replaced' | 'kept';
}

/** A `> [!TYPE]` marker, valid or not. */
export interface ArticleAdmonition extends Place {
  /** The marker as written, e.g. `[!TIPS]`. */
  written: string;
  type?: AdmonitionType;
  /** For an unknown marker: the valid type it most likely means. */
  suggestion?: AdmonitionType;
  /** A valid marker with nothing in its body. */
  empty: boolean;
}

/** A hand-written table of contents found in the body. */
export interface TocBlock extends Place {
  title?: string;
  entries: { text: string; href: string; depth: number }[];
  /** Replaced by the automatic TOC (else shown as a list of its links). */
  replaced: boolean;
}

/** A run of prose text, where leftover notes are looked for. */
export interface TextRun extends Place {
  text: string;
  /** Where each line of `text` starts (undefined where not found). */
  lines: (Place | undefined)[];
  /** The run starts a line of the block's text (so `//` there is a note line). */
  atLineStart: boolean;
  /** Text of raw HTML, where a `//` line may be script. */
  html?: boolean;
}

/** An HTML comment the author wrote. */
export interface ArticleComment extends Place {
  text: string;
  endLine: number;
}

/** The model of one article. */
export interface Article {
  /** Path of the Markdown file relative to the site folder, forward slashes. */
  file: string;
  frontMatter: FrontMatter;
  headings: ArticleHeading[];
  links: ArticleLink[];
  admonitions: ArticleAdmonition[];
  tocBlocks: TocBlock[];
  texts: TextRun[];
  comments: ArticleComment[];
  /** Line ranges (1-based, inclusive) of code blocks. */
  code: { line: number; endLine: number }[];
  /** Every id of the page's article body and what carries it. */
  ids: Map<string, 'heading' | 'alias' | 'legacy' | 'html' | 'toc' | 'more'>;
  /** Explicit ids given to two headings. */
  duplicateIds: (Place & { id: string })[];
  /** The automatic TOC's entries, when the article shows one. */
  toc?: TocEntry[];
}

/**
 * What a build keeps of an article once its own rules have run (lib/check/article.ts): its ids and
 * links, which the link rules of every article read, its comments (lines exempted from them) and
 * its TOC for the sidebar. Its text runs, about three quarters of a model's memory, are not kept.
 */
export type ArticleOutline = Pick<Article, 'file' | 'headings' | 'links' | 'ids' | 'comments' | 'toc'>;

export function outlineOf(article: Article): ArticleOutline {
  const { file, headings, links, ids, comments, toc } = article;
  return toc === undefined ? { file, headings, links, ids, comments } : { file, headings, links, ids, comments, toc };
}

/** An article without body content, for files whose front-matter could not be read. */
export function emptyArticle(file: string, frontMatter: FrontMatter): Article {
  return { file, frontMatter, headings: [], links: [], admonitions: [], tocBlocks: [], texts: [], comments: [], code: [], ids: new Map(), duplicateIds: [] };
}

/** The heading a `#fragment` of this article reaches, and through which kind of id. */
export function resolveFragment(article: Pick<Article, 'ids' | 'headings'>, fragment: string): { via: NonNullable<ReturnType<Article['ids']['get']>>; heading?: ArticleHeading } | undefined {
  const via = article.ids.get(fragment);
  if (!via) return undefined;
  const heading = article.headings.find((h) => h.id === fragment || h.aliases.includes(fragment));
  return heading ? { via, heading } : { via };
}

/** A place as a diagnostic's position: its line, and its column where known. */
export function positionOf(place: Place): { line: number; column?: number } {
  return place.column === undefined ? { line: place.line } : { line: place.line, column: place.column };
}
