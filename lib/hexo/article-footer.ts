import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderArticleFooter, renderOutdatedBanner } from '../article/footer';
import { guard, siteOptionsOf, sourceOf, type Feature } from './plugin';

interface RenderedPost {
  source: string;
  full_source: string;
  title?: string;
  permalink: string;
  content: string;
  disableDisclaimer?: unknown;
  article_id?: unknown;
  author?: unknown;
  outdated?: unknown;
  sb_contributors?: string[];
}

/**
 * Frames every article: the outdated warning above it; below it the contributors, the disclaimer
 * and the feedback / "GitHub で編集" links.
 */
const articleFooter: Feature = {
  name: 'article-footer',
  register(hexo) {
    const options = siteOptionsOf(hexo).articleFooter;
    const template = options.feedbackTemplate
      ? readFileSync(path.resolve(hexo.base_dir, options.feedbackTemplate), 'utf8')
      : '';
    let disclaimerHtml = '';
    hexo.extend.filter.register('before_generate', () => {
      disclaimerHtml = options.disclaimer.trim()
        ? hexo.render.renderSync({ text: options.disclaimer, engine: 'markdown' })
        : '';
    }, 1);

    // After the excerpt is cut (priority 10 and 20), so index excerpts stay free of it.
    hexo.extend.filter.register('after_post_render', guard('article-footer', (data: RenderedPost) => {
      if (!data.source.replace(/\\/g, '/').startsWith('_posts/')) return data;
      if (data.disableDisclaimer !== undefined && typeof data.disableDisclaimer !== 'boolean') {
        throw new Error(`disableDisclaimer must be true or false, got ${JSON.stringify(data.disableDisclaimer)}`);
      }
      const ref = {
        title: data.title ?? '',
        url: data.permalink,
        source: path.relative(hexo.base_dir, data.full_source).split(path.sep).join('/'),
        articleId: typeof data.article_id === 'string' ? data.article_id : undefined,
        author: typeof data.author === 'string' ? data.author : typeof hexo.config.author === 'string' ? hexo.config.author : undefined,
        ...(data.sb_contributors ? { contributors: data.sb_contributors } : {}),
      };
      data.content = renderOutdatedBanner(data.outdated) + data.content +
        renderArticleFooter(options, ref, data.disableDisclaimer === true ? '' : disclaimerHtml, template);
      return data;
    }, sourceOf), 30);
  },
};

export default articleFooter;
