import type Hexo from 'hexo';
import { searchDocument, type StreamingIndex } from '../search/index';
import { siteOptionsOf, type Feature } from './plugin';
import { restoredInStore } from './render-cache';
import { planOf } from './reuse';

interface PostDoc {
  source: string;
  content?: string | null;
  _content: string;
  full_source: string;
  path: string;
  title?: unknown;
  layout?: unknown;
  published?: boolean;
  tags?: { map<T>(f: (t: { name: string }) => T): T[] };
  save(): Promise<unknown>;
}

// Symbol.for: the runner and the plugins may be loaded as separate module instances.
const SINK = Symbol.for('support-blog.search-index');

/** The build runner's index, which the articles go into as they are rendered. */
export function attachSearchIndex(hexo: Hexo, index: StreamingIndex): void {
  (hexo as unknown as Record<symbol, StreamingIndex>)[SINK] = index;
}

function sinkOf(hexo: Hexo): StreamingIndex | undefined {
  return (hexo as unknown as Record<symbol, StreamingIndex | undefined>)[SINK];
}

/**
 * In a build with a search index, renders the articles one after another in source order (just
 * before Hexo's render_post, priority 10, which then finds them done) and hands each to the index
 * when it is rendered: Pagefind indexes on the other core while this one renders the rest and the
 * pages, instead of after them. Hexo starts every article at once, so all of them would finish at
 * the very end; one by one, the same work gives the index its articles early and in a fixed order.
 */
/** The file Hexo writes for a route: `A/B/` → `A/B/index.html`. */
export function pageFile(route: string): string {
  return route.endsWith('.html') ? route : `${route.replace(/\/?$/, '/')}index.html`;
}

const search: Feature = {
  name: 'search',
  register(hexo) {
    const lang = siteOptionsOf(hexo).language;
    hexo.extend.filter.register('before_generate', async () => {
      const index = sinkOf(hexo);
      if (!index) return;
      index.plan(hexo.model('Post').count() + hexo.model('Page').count());
      for (const model of ['Post', 'Page']) {
        const docs: (PostDoc | undefined)[] = (hexo.model(model).toArray() as unknown as PostDoc[]).filter((d) => d.content == null);
        for (let i = 0; i < docs.length; i++) {
          // Let go of each article once it is saved: the model keeps its own copy of what was
          // rendered, and holding every document until the loop ends kept each rendering twice
          // (0.2 GB more at 3,000 articles).
          const doc = docs[i]!;
          docs[i] = undefined;
          // As Hexo's render_post does; a failure stops the build as it would there.
          doc.content = doc._content;
          await hexo.post.render(doc.full_source, doc as never);
          if (!restoredInStore(doc)) await doc.save();
          // Only published articles in the article layout have a page the index would read.
          if (doc.published === false || doc.layout === false || typeof doc.content !== 'string') continue;
          const page = { lang, title: typeof doc.title === 'string' ? doc.title : '', content: doc.content, tags: doc.tags?.map((t) => t.name) ?? [] };
          // The key of the rendering stands for the HTML (lib/hexo/render-cache.ts).
          const rendering = planOf(hexo)?.renderKeys?.get(doc.source);
          if (rendering === undefined) index.offer(pageFile(doc.path), searchDocument(page));
          else index.offer(pageFile(doc.path), () => searchDocument(page), JSON.stringify([rendering, page.lang, page.title, page.tags]));
        }
      }
      index.end();
    }, 9);
  },
};

export default search;
