import type { UnknownKey } from '../config/section';
import type { SiteOptions } from '../config/site';
import type { ArticleSettings } from '../markdown/analyze';
import type { EngineOptions } from '../markdown/engine';
import type { FrontMatter } from '../markdown/front-matter';
import { mergeTocOptions } from '../toc/options';

/**
 * An article's settings: the site's, with what its front-matter overrides (`toc`, in this site's
 * form or the old theme's). Throws on a value of the wrong type; unknown `toc` keys are returned
 * for a warning.
 */
export function articleSettings(frontMatter: FrontMatter, site: Pick<SiteOptions, 'toc' | 'anchors' | 'markdown'>): { settings: ArticleSettings; unknownToc: UnknownKey[] } {
  const { options, unknown } = mergeTocOptions(site.toc, frontMatter.data.toc);
  const title = frontMatter.data.title;
  return {
    settings: {
      toc: options,
      legacyIds: site.anchors.legacyIds,
      titleHeading: site.markdown.titleHeading,
      ...(typeof title === 'string' ? { title } : {}),
    },
    unknownToc: unknown,
  };
}

/** The renderer's site-wide settings: admonition labels, Markdown dialect, permalinks. */
export function engineOptions(site: Pick<SiteOptions, 'admonitions' | 'markdown' | 'language'>): EngineOptions {
  const japanese = site.language.toLowerCase().startsWith('ja');
  return {
    admonitions: site.admonitions,
    markdown: site.markdown,
    permalinks: { minDepth: 2, maxDepth: 4, label: (text) => (japanese ? `「${text}」へのリンク` : `Link to "${text}"`) },
  };
}
