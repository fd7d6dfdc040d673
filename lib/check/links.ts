import { resolveFragment, type Article, type ArticleLink } from '../article/model';
import type { Finding } from '../diagnostics/diagnostic';
import { classifyExternal } from '../links/classify';
import type { LinkOptions } from '../links/options';
import { resolveTarget, type SiteIndex } from '../links/resolve';
import { closest } from '../text/distance';

/** What link rules need beyond the article itself. */
export interface LinkContext {
  links: LinkOptions;
  site: SiteIndex;
  /** The model of another article of the site, for links to its `#fragment`s. */
  articleOf(file: string): Article | undefined;
}

function at(link: ArticleLink): Pick<Finding, 'line' | 'column'> {
  return { line: link.line, ...(link.column !== undefined ? { column: link.column } : {}) };
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
function checkFragment(link: ArticleLink, fragment: string, target: Article, elsewhere: string | undefined): Finding | undefined {
  if (fragment === '') return undefined;
  const found = resolveFragment(target, fragment);
  const where = elsewhere ? `リンク先の記事 ${elsewhere} に` : 'この記事に';
  if (!found) {
    const suggestion = closest(fragment, target.ids.keys(), Math.max(2, Math.floor(fragment.length / 2)));
    return {
      ...at(link), rule: 'anchor/broken', message: `${where} #${fragment} に当たる見出しやアンカーがありません。`,
      ...(suggestion !== undefined ? { suggestion: `#${suggestion}` } : {}),
    };
  }
  if (found.via === 'legacy' && found.heading) {
    const fix = fragmentFix(link, found.heading.id);
    return {
      ...at(link), rule: 'anchor/legacy-id',
      message: `#${fragment} は以前のブログが付けていた見出しの id です (このサイトでも動きます)。GitHub のプレビューでも動く id に書き換えてください。`,
      suggestion: `#${found.heading.id}`, ...(fix ? { fix } : {}),
    };
  }
  return undefined;
}

/** Offline link rules: empty and unsafe links, anchors, this blog's articles and files, Microsoft Learn conventions. */
export function checkLinks(article: Article, context: LinkContext): Finding[] {
  const findings: Finding[] = [];
  for (const link of article.links) {
    const isImage = link.kind === 'image' || link.kind === 'html-image';
    const target = resolveTarget(link.href, article.file, context.site, isImage);
    switch (target.kind) {
      case 'empty':
        findings.push({ ...at(link), rule: 'link/empty', message: link.kind === 'html' ? 'href が空の <a> タグがあります。URL を書くか、リンクをやめてください。' : isImage ? '画像のパスが空です。' : `リンク「${link.text ?? ''}」のリンク先が空です。URL を書くか、リンクをやめてください。` });
        break;
      case 'unsafe':
        findings.push({ ...at(link), rule: 'link/unsafe-scheme', message: `${target.scheme}: のリンクは公開できません (読者のブラウザーでスクリプトが動きます)。` });
        break;
      case 'fragment': {
        if (link.kind === 'reference') break;
        const f = checkFragment(link, target.fragment, article, undefined);
        if (f) findings.push(f);
        break;
      }
      case 'external':
        if (link.kind === 'reference') break;
        for (const issue of classifyExternal(link.href, context.links)) {
          const fix = issue.suggestion !== undefined && link.written === link.href && link.column !== undefined
            ? { line: link.line, column: link.column, before: link.written, after: issue.suggestion } : undefined;
          findings.push({ ...at(link), rule: issue.rule, message: issue.message, ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}), ...(fix && issue.fixable ? { fix } : {}) });
        }
        break;
      case 'missing':
        if (link.kind === 'reference') break;
        findings.push({ ...at(link), rule: target.rule, message: target.message, ...(target.suggestion ? { suggestion: target.suggestion } : {}) });
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

/** `a11y/image-alt`: an image without alternative text says nothing to readers who cannot see it. */
export function checkImageAlt(article: Pick<Article, 'links'>): Finding[] {
  return article.links
    .filter((l) => (l.kind === 'image' || l.kind === 'html-image') && !(l.text ?? '').trim())
    .map((l) => ({
      ...at(l), rule: 'a11y/image-alt',
      message: '画像に代替テキスト (alt) がありません。画面を読み上げて使う読者のために、画像の内容を ![ここ](…) か alt="…" に書いてください。',
    }));
}

/** `anchor/duplicate-id`: one explicit id on two headings. */
export function checkDuplicateIds(article: Pick<Article, 'duplicateIds'>): Finding[] {
  return article.duplicateIds.map((d) => ({
    line: d.line, ...(d.column !== undefined ? { column: d.column } : {}), rule: 'anchor/duplicate-id',
    message: `見出しの id "${d.id}" はこの記事ですでに使われています。リンク先が 1 つに定まるよう、別の id にしてください。`,
  }));
}

/** `admonition/unknown-type` and `admonition/empty`. */
export function checkAdmonitions(article: Pick<Article, 'admonitions'>): Finding[] {
  return article.admonitions.flatMap((a): Finding[] => {
    const where = { line: a.line, ...(a.column !== undefined ? { column: a.column } : {}) };
    if (!a.type) {
      return [{
        ...where, rule: 'admonition/unknown-type',
        message: `不明な注意書きの種類 ${a.written} です。通常の引用として表示されます。使える種類: NOTE, TIP, IMPORTANT, WARNING, CAUTION`,
        ...(a.suggestion ? { suggestion: `[!${a.suggestion.toUpperCase()}]` } : {}),
      }];
    }
    return a.empty ? [{ ...where, rule: 'admonition/empty', message: `注意書き ${a.written} に本文がありません。` }] : [];
  });
}
