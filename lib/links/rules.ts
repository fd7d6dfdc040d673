import { positionOf, resolveFragment, type ArticleLink, type ArticleOutline } from '../article/model';
import type { Finding } from '../diagnostics/diagnostic';
import { classifyExternal, correctedUrl } from './classify';
import type { LinkOptions } from './options';
import { resolveTarget, type SiteIndex } from './resolve';
import { closest } from '../text/distance';

/** What link rules need beyond the article itself. */
export interface LinkContext {
  links: LinkOptions;
  site: SiteIndex;
  /** The model of another article of the site, for links to its `#fragment`s. */
  articleOf(file: string): ArticleOutline | undefined;
}

/** The written target with its fragment replaced, when it is written as the link's target. */
function fragmentFix(link: ArticleLink, id: string): Finding['fix'] {
  if (link.written === undefined || link.column === undefined || !link.written.includes('#')) return undefined;
  return { line: link.line, column: link.column, before: link.written, after: link.written.replace(/#.*$/, `#${id}`) };
}

/**
 * A `#fragment` of `target`: `anchor/broken` when no id of the article has it (with the closest id
 * as suggestion), `anchor/legacy-id` when only the old site's id does (with the canonical one).
 */
function checkFragment(link: ArticleLink, fragment: string, target: ArticleOutline, elsewhere: string | undefined): Finding | undefined {
  if (fragment === '') return undefined;
  const found = resolveFragment(target, fragment);
  const where = elsewhere ? `リンク先の記事 ${elsewhere} に` : 'この記事に';
  if (!found) {
    const suggestion = closest(fragment, target.ids.keys(), Math.max(2, Math.floor(fragment.length / 2)));
    return {
      ...positionOf(link), rule: 'anchor/broken', message: `${where} #${fragment} に当たる見出しやアンカーがありません。`,
      ...(suggestion !== undefined ? { suggestion: `#${suggestion}` } : {}),
    };
  }
  if (found.via === 'legacy' && found.heading) {
    const fix = fragmentFix(link, found.heading.id);
    return {
      ...positionOf(link), rule: 'anchor/legacy-id',
      message: `#${fragment} は以前のブログが付けていた見出しの id です (このサイトでも動きます)。GitHub のプレビューでも動く id に書き換えてください。`,
      suggestion: `#${found.heading.id}`, ...(fix ? { fix } : {}),
    };
  }
  return undefined;
}

/** Offline link rules: empty and unsafe links, anchors, this blog's articles and files, Microsoft Learn conventions. */
export function checkLinks(article: ArticleOutline, context: LinkContext): Finding[] {
  const findings: Finding[] = [];
  for (const link of article.links) {
    const isImage = link.kind === 'image' || link.kind === 'html-image';
    const target = resolveTarget(link.href, article.file, context.site, isImage);
    switch (target.kind) {
      case 'empty':
        findings.push({ ...positionOf(link), rule: 'link/empty', message: link.kind === 'html' ? 'href が空の <a> タグがあります。URL を書くか、リンクをやめてください。' : isImage ? '画像のパスが空です。' : `リンク「${link.text ?? ''}」のリンク先が空です。URL を書くか、リンクをやめてください。` });
        break;
      case 'unsafe':
        findings.push({ ...positionOf(link), rule: 'link/unsafe-scheme', message: `${target.scheme}: のリンクは公開できません (読者のブラウザーでスクリプトが動きます)。` });
        break;
      case 'fragment': {
        // The automatic TOC took the place of this entry: where it pointed no longer matters.
        if (link.kind === 'reference' || link.inToc === 'replaced') break;
        const f = checkFragment(link, target.fragment, article, undefined);
        if (f) findings.push(f);
        break;
      }
      case 'external':
        if (link.kind === 'reference') break;
        for (const issue of classifyExternal(link.href, context.links)) {
          // Every fix of one URL writes the URL with all its fixable issues corrected, so applying any one is enough.
          const fix = issue.fixable && link.written === link.href && link.column !== undefined
            ? { line: link.line, column: link.column, before: link.written, after: correctedUrl(link.href, context.links) } : undefined;
          findings.push({ ...positionOf(link), rule: issue.rule, message: issue.message, ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}), ...(fix ? { fix } : {}) });
        }
        break;
      case 'missing':
        if (link.kind === 'reference') break;
        findings.push({ ...positionOf(link), rule: target.rule, message: target.message, ...(target.suggestion ? { suggestion: target.suggestion } : {}) });
        break;
      case 'article': {
        if (target.fragment === undefined || link.kind === 'reference') break;
        const other = target.file === article.file ? article : context.articleOf(target.file);
        const f = other && checkFragment(link, target.fragment, other, target.file === article.file ? undefined : target.file);
        if (f) findings.push(f);
        break;
      }
      default:
        break;
    }
  }
  return findings;
}
