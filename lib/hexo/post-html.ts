import type Hexo from 'hexo';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { ArticleOutline } from '../article/model';
import { processPostHtml } from '../html/post-html';
import { resolveImageSrc, type ImageContext } from '../images/resolve';
import { imageSize, type ImageSize } from '../images/size';
import { articleUrl, movedPath } from '../links/resolve';
import { PERMALINK_PLACEHOLDER } from '../markdown/engine';
import { flatPart, flatString } from '../text/flat';
import { safeDecodeURI } from '../text/uri';
import { registryOf, siteRelative } from './articles';
import { guard, siteOptionsOf, sourceOf, type Feature } from './plugin';

interface RenderedPost {
  source: string;
  full_source?: string;
  content: string;
  excerpt?: string;
  more?: string;
  toc?: unknown;
  widgets?: unknown;
}

interface Widget {
  type?: string;
  depth?: number;
}

/** The route of every post and page file (`source/_posts/A/B.md` → `A/B/`), from Hexo's models. */
export function sourceRoutes(hexo: Hexo): Map<string, string> {
  const routes = new Map<string, string>();
  const sourceDir = siteRelative(hexo, hexo.source_dir.replace(/[\\/]$/, ''));
  for (const model of ['Post', 'Page']) {
    for (const doc of hexo.model(model).toArray() as unknown as { source: string; path: string; published?: boolean }[]) {
      // `published: false` is a draft kept in _posts: Hexo generates no page for it.
      if (doc.published === false) continue;
      routes.set(`${sourceDir}/${doc.source.replace(/\\/g, '/')}`, doc.path.replace(/\\/g, '/').replace(/index\.html$/, ''));
    }
  }
  return routes;
}

// The routes the articles of this build were rendered against, for the publishing gate.
const renderedRoutes = new WeakMap<Hexo, Map<string, string>>();

/**
 * The routes of {@link sourceRoutes} as the articles' links were resolved with in this build
 * (listing every article again costs 0.4 s at 3,000), or listed now.
 */
export function routesOfBuild(hexo: Hexo): Map<string, string> {
  return renderedRoutes.get(hexo) ?? sourceRoutes(hexo);
}

/**
 * After Markdown rendering: balance the article's HTML, resolve every image form and relative
 * `.md` link, and give articles without a usable `<!-- more -->` an excerpt made of their lead.
 */
const postHtml: Feature = {
  name: 'post-html',
  register(hexo) {
    const site = siteOptionsOf(hexo);
    const leads = new WeakMap<object, string>();
    // Sizes of the site's images and the routes of its articles, read before the posts are rendered.
    let sizes = new Map<string, ImageSize>();
    let routes = new Map<string, string>();
    hexo.extend.filter.register('before_generate', async () => {
      sizes = await readImageSizes(hexo);
      routes = sourceRoutes(hexo);
      renderedRoutes.set(hexo, routes);
    }, 2);
    const sizeOf = (src: string): ImageSize | undefined => {
      if (!src.startsWith(hexo.config.root)) return undefined;
      return sizes.get(safeDecodeURI(src.slice(hexo.config.root.length)).replace(/[?#].*$/, ''));
    };
    const sourceRoot = path.relative(hexo.base_dir, hexo.source_dir).split(path.sep).join('/');

    // Before Hexo's excerpt filter (priority 10), so the excerpt is cut from balanced HTML.
    hexo.extend.filter.register('after_post_render', guard('post-html', (data: RenderedPost) => {
      const file = data.full_source ? siteRelative(hexo, data.full_source) : `${sourceRoot}/${data.source}`;
      const result = processPostHtml(data.content, {
        resolveSrc: (src) => resolveImageSrc(src, imageContext(hexo, sourceRoot, data, routes.get(file))),
        sizeOf,
        figures: site.images,
        responsive: true,
        // `../Area/Name.md#2` works in GitHub's preview; on the site it becomes the article's URL.
        resolveHref: (href) => articleUrl(href, file, { routes, root: hexo.config.root }) ?? movedHref(href, site.build.authoredRoot, hexo.config.root),
      });
      data.content = result.html;
      leads.set(data, result.lead);
      matchSidebarToc(hexo, data, registryOf(hexo).articles.get(file)?.article);
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
function matchSidebarToc(hexo: Hexo, data: RenderedPost, article: ArticleOutline | undefined): void {
  if (!article?.toc) {
    data.toc = false;
    return;
  }
  const widgets = (hexo.theme.config as { widgets?: Widget[] }).widgets;
  if (!Array.isArray(widgets) || !widgets.some((w) => w?.type === 'toc')) return;
  let deepest = 0;
  const visit = (entries: NonNullable<ArticleOutline['toc']>) => entries.forEach((e) => {
    deepest = Math.max(deepest, e.level);
    visit(e.children);
  });
  visit(article.toc);
  // icarus lists the shallowest `depth` levels of the headings on the page.
  const levels = new Set(article.headings.filter((h) => !h.dropped && !h.tocTitle && h.level <= deepest).map((h) => h.level));
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

/** A root-relative link written for the site's own root, moved with the build (`--root`, `--preview`). */
function movedHref(href: string, authoredRoot: string, root: string): string | undefined {
  if (!href.startsWith('/') || href.startsWith('//')) return undefined;
  const [, pathPart = '', suffix = ''] = /^([^?#]*)(.*)$/s.exec(href) ?? [];
  const moved = movedPath(pathPart, authoredRoot, root);
  return moved === undefined ? undefined : moved + suffix;
}

function imageContext(hexo: Hexo, sourceRoot: string, data: RenderedPost, route: string | undefined): ImageContext {
  const source = data.source.replace(/\\/g, '/');
  const sourceDir = path.posix.dirname(source);
  const isPost = source.startsWith('_posts/');
  const PostAsset = hexo.model('PostAsset');
  return {
    root: hexo.config.root,
    authoredRoot: siteOptionsOf(hexo).build.authoredRoot,
    sourceDir: sourceDir === '.' ? '' : sourceDir,
    assetDir: isPost ? source.replace(/\.[^./]+$/, '') : undefined,
    ...(isPost && route !== undefined ? { assetRoute: route } : {}),
    findAsset(sourcePath) {
      const asset = PostAsset.findById(path.join(sourceRoot, sourcePath)) as { path?: string } | undefined;
      return asset?.path?.replace(/\\/g, '/');
    },
  };
}

export default postHtml;
