import type { Article, ArticleOutline } from '../article/model';
import type { Diagnostic, Finding, Severity } from '../diagnostics/diagnostic';
import { checkFrontMatter } from './front-matter';
import { checkLinks, type LinkContext } from '../links/rules';
import { checkAdmonitions, checkDuplicateIds, checkImageAlt } from './structure';
import { checkNotes } from './notes';
import type { CheckOptions } from './options';

/** Lines exempted by `<!-- check-ignore-line -->` on them or `<!-- check-ignore-next-line -->` before them. */
function ignoredLines(article: Pick<Article, 'comments'>): Set<number> {
  const ignored = new Set<number>();
  for (const c of article.comments) {
    const word = c.text.trim().split(/\s+/)[0] ?? '';
    if (word === 'check-ignore-line') ignored.add(c.line);
    if (word === 'check-ignore-next-line') ignored.add(c.endLine + 1);
  }
  return ignored;
}

/** The severity a rule has in these options; `off` drops its findings. */
export function severityOf(rule: string, options: Pick<CheckOptions, 'rules'>): Severity | 'off' {
  return options.rules[rule] ?? 'error';
}

/** The order diagnostics of one file are reported in: by place, then by rule. */
function byPlace(a: Finding, b: Finding): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || a.rule.localeCompare(b.rule);
}

/** Ties findings to a file with their configured severities, dropping `off` rules. */
export function toDiagnostics(file: string, findings: Finding[], options: Pick<CheckOptions, 'rules'>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = severityOf(f.rule, options);
    if (severity !== 'off') diagnostics.push({ ...f, file, severity });
  }
  return diagnostics.sort(byPlace);
}

/**
 * The rules that read only the article itself: front-matter, leftover notes, admonitions, ids, image
 * text. `lines` are the file's lines (for front-matter values, which `--fix` rewrites). A build runs
 * them as each article is rendered, so it need not keep the article's text until every article is.
 */
export function checkArticleOwn(article: Article, lines: string[], options: CheckOptions): Diagnostic[] {
  const findings: Finding[] = [
    ...checkFrontMatter(article.frontMatter, options, lines),
    ...checkNotes(article, options),
    ...checkAdmonitions(article),
    ...checkDuplicateIds(article),
    ...checkImageAlt(article),
  ];
  const ignored = ignoredLines(article);
  return toDiagnostics(article.file, findings.filter((f) => !ignored.has(f.line)), options);
}

/** The link rules, which read the articles linked to as well: run once every article has its model. */
export function checkArticleLinks(article: ArticleOutline, options: CheckOptions, context: LinkContext): Diagnostic[] {
  const ignored = ignoredLines(article);
  return toDiagnostics(article.file, checkLinks(article, context).filter((f) => !ignored.has(f.line)), options);
}

/** Both kinds of one article's diagnostics, in the order {@link checkArticle} reports them. */
export function mergeDiagnostics(own: Diagnostic[], links: Diagnostic[]): Diagnostic[] {
  return links.length ? [...own, ...links].sort(byPlace) : own;
}

/** Every authoring rule on one article's model. */
export function checkArticle(article: Article, lines: string[], options: CheckOptions, context: LinkContext): Diagnostic[] {
  return mergeDiagnostics(checkArticleOwn(article, lines, options), checkArticleLinks(article, options, context));
}
