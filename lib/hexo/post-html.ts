import type Hexo from 'hexo';
import path from 'node:path';
import { processPostHtml } from '../html/post-html';
import { resolveImageSrc, type ImageContext } from '../images/resolve';
import { guard, sourceOf, type Feature } from './plugin';

interface RenderedPost {
  source: string;
  content: string;
  excerpt?: string;
  asset_dir?: string;
}

/**
 * After Markdown rendering: balance the article's HTML, resolve every image form, and give
 * articles without a usable `<!-- more -->` an excerpt made of their lead paragraphs.
 */
const postHtml: Feature = {
  name: 'post-html',
  register(hexo) {
    const leads = new WeakMap<object, string>();
    const sourceRoot = path.relative(hexo.base_dir, hexo.source_dir).split(path.sep).join('/');

    // Before Hexo's excerpt filter (priority 10), so the excerpt is cut from balanced HTML.
    hexo.extend.filter.register('after_post_render', guard('post-html', (data: RenderedPost) => {
      const result = processPostHtml(data.content, {
        resolveSrc: (src) => resolveImageSrc(src, imageContext(hexo, sourceRoot, data)),
      });
      data.content = result.html;
      leads.set(data, result.lead);
      return data;
    }, sourceOf), 5);

    hexo.extend.filter.register('after_post_render', (data: RenderedPost) => {
      if (!data.excerpt || !data.excerpt.trim()) data.excerpt = leads.get(data) ?? '';
      return data;
    }, 20);
  },
};

function imageContext(hexo: Hexo, sourceRoot: string, data: RenderedPost): ImageContext {
  const source = data.source.replace(/\\/g, '/');
  const sourceDir = path.posix.dirname(source);
  const isPost = source.startsWith('_posts/');
  const PostAsset = hexo.model('PostAsset');
  return {
    root: hexo.config.root,
    sourceDir: sourceDir === '.' ? '' : sourceDir,
    assetDir: isPost ? source.replace(/\.[^./]+$/, '') : undefined,
    findAsset(sourcePath) {
      const asset = PostAsset.findById(path.join(sourceRoot, sourcePath)) as { path?: string } | undefined;
      return asset?.path?.replace(/\\/g, '/');
    },
  };
}

export default postHtml;
