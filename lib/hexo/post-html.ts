import type Hexo from 'hexo';
import path from 'node:path';
import { PERMALINK_PLACEHOLDER, processPostHtml } from '../html/post-html';
import { DEFAULT_TOC, mergeTocOptions, type TocOptions } from '../toc/options';
import { resolveImageSrc, type ImageContext } from '../images/resolve';
import { markdownLinkToUrl } from '../links/internal';
import { imageSize, type ImageSize } from '../images/size';
import { promises as fs } from 'node:fs';
import { safeDecodeURI } from '../text/uri';
import { flatPart, flatString } from '../text/flat';
import { guard, sourceOf, type Feature } from './plugin';
import { warnAnchors } from './anchors';

interface RenderedPost {
  source: string;
  raw?: string;
  full_source?: string;
  content: string;
  excerpt?: string;
  more?: string;
  asset_dir?: string;
  toc?: unknown;
  widgets?: unknown;
}

interface Widget {
  type?: string;
  depth?: number;
}

/**
 * After Markdown rendering: balance the article's HTML, resolve every image form, and give
 * articles without a usable `<!-- more -->` an excerpt made of their lead paragraphs.
 */
const postHtml: Feature = {
  name: 'post-html',
  register(hexo) {
    const leads = new WeakMap<object, string>();
    // Sizes of the site's images by URL path below the root, read before the posts are rendered.
    let sizes = new Map<string, ImageSize>();
    hexo.extend.filter.register('before_generate', async () => {
      sizes = await readImageSizes(hexo);
    }, 2);
    const sizeOf = (src: string): ImageSize | undefined => {
      if (!src.startsWith(hexo.config.root)) return undefined;
      return sizes.get(safeDecodeURI(src.slice(hexo.config.root.length)).replace(/[?#].*$/, ''));
    };
    const tocs = new WeakMap<object, TocOptions>();
    const sourceRoot = path.relative(hexo.base_dir, hexo.source_dir).split(path.sep).join('/');
    const siteToc = mergeTocOptions(DEFAULT_TOC, hexo.config.toc);
    const japanese = String(hexo.config.language ?? 'ja').startsWith('ja');
    const permalink = {
      minDepth: 2,
      maxDepth: 4,
      label: (text: string) => (japanese ? `「${text}」へのリンク` : `Link to "${text}"`),
    };

    // `toc` in front-matter is ours (true, false or a mapping); icarus reads the same key as a
    // boolean for its sidebar widget, so it gets one.
    hexo.extend.filter.register('before_post_render', guard('post-html', (data: RenderedPost) => {
      const options = mergeTocOptions(siteToc, data.toc);
      tocs.set(data, options);
      data.toc = options.enabled;
      return data;
    }, sourceOf));

    // Before Hexo's excerpt filter (priority 10), so the excerpt is cut from balanced HTML.
    hexo.extend.filter.register('after_post_render', guard('post-html', (data: RenderedPost) => {
      const result = processPostHtml(data.content, {
        resolveSrc: (src) => resolveImageSrc(src, imageContext(hexo, sourceRoot, data)),
        sizeOf,
        // `../Area/Name.md#2` works in GitHub's preview; on the site it becomes the article's URL.
        resolveHref: (href) => markdownLinkToUrl(href, path.posix.dirname(data.source.replace(/\\/g, '/')), hexo.config.root),
        toc: tocs.get(data) ?? siteToc,
        permalink,
      });
      data.content = result.html;
      leads.set(data, result.lead);
      if (result.anchorsSuspect) warnAnchors(hexo, data);
      matchSidebarToc(hexo, data, result.toc ? result.headings : undefined, tocs.get(data) ?? siteToc);
      return data;
    }, sourceOf), 5);

    hexo.extend.filter.register('after_post_render', (data: RenderedPost) => {
      if (!data.excerpt || !data.excerpt.trim()) data.excerpt = leads.get(data) ?? '';
      data.excerpt = data.excerpt.replace(PERMALINK_PLACEHOLDER, '');
      return data;
    }, 20);

    // Last, after every filter that adds to the HTML: Hexo keeps it until the build ends.
    hexo.extend.filter.register('after_post_render', (data: RenderedPost) => {
      const content = flatString(data.content);
      data.content = content;
      if (typeof data.excerpt === 'string') data.excerpt = flatPart(data.excerpt, content);
      if (typeof data.more === 'string') data.more = flatPart(data.more, content);
      return data;
    }, 1000);
  },
};

/**
 * icarus's sidebar TOC lists the shallowest `depth` heading levels present in the article. Setting
 * that depth per article makes it list exactly the levels of our TOC; without a TOC, it is hidden.
 */
function matchSidebarToc(hexo: Hexo, data: RenderedPost, headings: { level: number }[] | undefined, options: TocOptions): void {
  if (!headings) {
    data.toc = false;
    return;
  }
  const widgets = (hexo.theme.config as { widgets?: Widget[] }).widgets;
  if (!Array.isArray(widgets) || !widgets.some((w) => w?.type === 'toc')) return;
  const levels = new Set(headings.map((h) => h.level).filter((l) => l <= options.maxDepth));
  data.widgets = widgets.map((w) => (w?.type === 'toc' ? { ...w, depth: levels.size } : w));
}


const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;

/** Reads the header of every image among the posts' assets and the site's files. */
async function readImageSizes(hexo: Hexo): Promise<Map<string, ImageSize>> {
  const files: { path: string; source: string }[] = [];
  for (const model of ['PostAsset', 'Asset']) {
    for (const asset of hexo.model(model).toArray() as unknown as { path: string; source: string }[]) {
      if (IMAGE.test(asset.path)) files.push({ path: asset.path.replace(/\\/g, '/'), source: asset.source });
    }
  }
  const sizes = new Map<string, ImageSize>();
  await Promise.all(files.map(async ({ path: route, source }) => {
    const full = path.isAbsolute(source) ? source : path.join(hexo.base_dir, source);
    const handle = await fs.open(full, 'r').catch(() => undefined);
    if (!handle) return;
    try {
      const buffer = Buffer.alloc(256 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const size = imageSize(buffer.subarray(0, bytesRead));
      if (size) sizes.set(route, size);
    } finally {
      await handle.close();
    }
  }));
  return sizes;
}

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
