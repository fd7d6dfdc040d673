import { scanAdmonitions } from '../admonitions/scan';
import { checkAnchors } from '../anchors/check';
import { readSourceAnchors, type SourceAnchors } from '../anchors/source';
import { classifyExternal } from '../links/classify';
import { resolveInternal, type SiteIndex } from '../links/internal';
import type { LinkOptions } from '../links/options';
import { closest } from '../text/distance';
import { safeDecodeURIComponent } from '../text/uri';
import type { Diagnostic, Finding } from '../diagnostics/diagnostic';
import { layoutOf } from '../markdown/source';
import { checkFrontMatter } from './front-matter';
import type { CheckOptions } from './options';
import { scanTodos } from './todos';

/** What link checks need beyond the article itself; without it only same-article anchors are checked. */
export interface CheckContext {
  links: LinkOptions;
  site: SiteIndex;
  /** Heading ids and links of an article (read from disk unless its text is given), cached per run. */
  anchorsOf(file: string, text?: string): SourceAnchors | undefined;
}


/** Offline link rules: Microsoft Learn conventions for external URLs, existence for internal ones. */
export function checkLinks(file: string, anchors: SourceAnchors, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const link of anchors.links) {
    if (link.href.startsWith('#')) continue;
    const at = { line: link.line, column: link.column };
    const target = resolveInternal(link.href, file, context.site, link.kind === 'image');
    if (target.kind === 'external') {
      for (const issue of classifyExternal(link.href, context.links)) findings.push({ ...at, ...issue });
    } else if (target.kind === 'missing') {
      findings.push({ ...at, rule: target.rule, message: target.message, ...(target.suggestion ? { suggestion: target.suggestion } : {}) });
    } else if (target.kind === 'article' && target.fragment) {
      const other = context.anchorsOf(target.file);
      const id = safeDecodeURIComponent(target.fragment);
      if (other && !other.ids.has(id)) {
        const suggestion = closest(id, other.ids, Math.max(2, Math.floor(id.length / 2)));
        findings.push({
          ...at, rule: 'anchor/broken', message: `リンク先の記事 ${target.file} に #${id} に当たる見出しやアンカーがありません。`,
          ...(suggestion !== undefined ? { suggestion: `#${suggestion}` } : {}),
        });
      }
    }
  }
  return findings;
}

/** `a11y/image-alt`: an image without alternative text says nothing to readers who cannot see it. */
export function checkImageAlt(anchors: SourceAnchors): Finding[] {
  return anchors.links
    .filter((l) => l.kind === 'image' && !(l.alt ?? '').trim())
    .map((l) => ({
      line: l.line, column: l.column, rule: 'a11y/image-alt',
      message: '画像に代替テキスト (alt) がありません。画面を読み上げて使う読者のために、画像の内容を ![ここ](…) か alt="…" に書いてください。',
    }));
}

/** Every authoring check on one Markdown file, with severities from the options; `off` rules are dropped. */
export function checkArticle(file: string, text: string, options: CheckOptions, context?: CheckContext): Diagnostic[] {
  const layout = layoutOf(text);
  const anchors = context?.anchorsOf(file, text) ?? readSourceAnchors(text);
  const findings: Finding[] = [
    ...checkFrontMatter(layout, options),
    ...scanTodos(layout, options),
    ...scanAdmonitions(text),
    ...checkAnchors(anchors),
    ...checkImageAlt(anchors),
    ...(context ? checkLinks(file, anchors, context) : []),
  ];
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const severity = options.rules[f.rule] ?? 'error';
    if (severity === 'off') continue;
    diagnostics.push({ ...f, file, severity });
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
