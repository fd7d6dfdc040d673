import { createHash } from 'node:crypto';
import { escapeHtml } from '../text/html';
import { fillTemplate } from '../text/template';
import type { ArticleFooterOptions } from './options';

/** The facts about one article that its footer links need. */
export interface ArticleRef {
  title: string;
  url: string;
  /** Path of the Markdown file relative to the site folder, e.g. source/_posts/Area/Name.md. */
  source: string;
  /** Front-matter `article_id`, if the author pinned one. */
  articleId?: string;
  /** The article's author (front-matter `author`, else the site's). */
  author?: string;
  /** Commit authors of the article's file, first contributor first. */
  contributors?: string[];
}

/**
 * A stable id for an article: the front-matter `article_id` if set, otherwise derived from the
 * path under source/, which stays the same across builds and machines.
 */
export function articleId(ref: Pick<ArticleRef, 'source' | 'articleId'>): string {
  if (ref.articleId) return ref.articleId;
  return createHash('sha256').update(ref.source.replace(/\\/g, '/')).digest('hex').slice(0, 12);
}

function repoPath(options: ArticleFooterOptions, source: string): string {
  return [options.sourceRoot, source].filter(Boolean).join('/');
}

/** URL of a new GitHub issue prefilled from the feedback template. */
export function feedbackUrl(options: ArticleFooterOptions, ref: ArticleRef, template: string): string {
  const source = repoPath(options, ref.source);
  const values = {
    title: ref.title, url: ref.url, source, id: articleId(ref), file: source.split('/').pop() ?? source,
    source_url: `${options.repository}/blob/${encodeURIComponent(options.branch)}/${source.split('/').map(encodeURIComponent).join('/')}`,
    author: ref.author ?? '',
  };
  const params = new URLSearchParams({ title: `[フィードバック] ${ref.title}`, body: fillTemplate(template, values) });
  if (options.feedbackLabels.length) params.set('labels', options.feedbackLabels.join(','));
  return `${options.repository}/issues/new?${params.toString()}`;
}

/** URL that opens the article's source file in GitHub's editor. */
export function editUrl(options: ArticleFooterOptions, ref: ArticleRef): string {
  const file = repoPath(options, ref.source).split('/').map(encodeURIComponent).join('/');
  return `${options.repository}/edit/${encodeURIComponent(options.branch)}/${file}`;
}

/**
 * The footer block appended to an article: the disclaimer (already rendered to HTML, or '' for
 * none) and the feedback and edit links. Excluded from the search index.
 */
export function renderArticleFooter(options: ArticleFooterOptions, ref: ArticleRef, disclaimerHtml: string, template: string): string {
  const parts: string[] = [];
  if (options.contributors && ref.contributors?.length) {
    parts.push(`<p class="sb-contributors">${escapeHtml(options.labels.contributors)}: ${ref.contributors.map(escapeHtml).join('、')}</p>`);
  }
  if (disclaimerHtml) parts.push(`<div class="sb-disclaimer">${disclaimerHtml}</div>`);
  if (options.repository) {
    const link = (cls: string, href: string, label: string): string =>
      `<a class="${cls}" href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(label)}</a>`;
    parts.push('<p class="sb-article-actions">' +
      link('sb-feedback', feedbackUrl(options, ref, template), options.labels.feedback) +
      link('sb-edit', editUrl(options, ref), options.labels.edit) +
      '</p>');
  }
  if (!parts.length) return '';
  return `<aside class="sb-article-footer" aria-label="${escapeHtml(options.labels.region)}" data-pagefind-ignore="all" data-article-id="${articleId(ref)}">${parts.join('')}</aside>`;
}

/** The message of an article marked `outdated: true`, the reviewers' usual wording. */
export const OUTDATED_MESSAGE = '本記事は、投稿より時間が経過しており、一部内容が古い可能性があります。';

/**
 * The warning at the top of an article marked outdated (`outdated: true`, or the message itself);
 * '' when it is not. Authors' messages are text, never markup.
 */
export function renderOutdatedBanner(outdated: unknown): string {
  const message = outdated === true ? OUTDATED_MESSAGE : typeof outdated === 'string' && outdated.trim() ? outdated.trim() : '';
  if (!message) return '';
  return `<div class="sb-outdated" role="note" data-pagefind-ignore="all"><strong>ご注意</strong> ${escapeHtml(message)}</div>`;
}
