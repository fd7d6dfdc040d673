import { positionOf, type Article } from '../article/model';
import type { Finding } from '../diagnostics/diagnostic';

/** `a11y/image-alt`: an image without alternative text says nothing to readers who cannot see it. */
export function checkImageAlt(article: Pick<Article, 'links'>): Finding[] {
  return article.links
    .filter((l) => (l.kind === 'image' || l.kind === 'html-image') && !(l.text ?? '').trim())
    .map((l) => ({
      ...positionOf(l), rule: 'a11y/image-alt',
      message: '画像に代替テキスト (alt) がありません。画面を読み上げて使う読者のために、画像の内容を ![ここ](…) か alt="…" に書いてください。',
    }));
}

/** `anchor/duplicate-id`: one explicit id on two headings. */
export function checkDuplicateIds(article: Pick<Article, 'duplicateIds'>): Finding[] {
  return article.duplicateIds.map((d) => ({
    ...positionOf(d), rule: 'anchor/duplicate-id',
    message: `見出しの id "${d.id}" はこの記事ですでに使われています。リンク先が 1 つに定まるよう、別の id にしてください。`,
  }));
}

/** `admonition/unknown-type` and `admonition/empty`. */
export function checkAdmonitions(article: Pick<Article, 'admonitions'>): Finding[] {
  return article.admonitions.flatMap((a): Finding[] => {
    const where = positionOf(a);
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
