/**
 * Takes an article's rendering from an earlier build when nothing it reads changed (the key:
 * lib/build/render-cache.ts), for every caller of Hexo's post.render (render_post and the search
 * feature's loop). A miss renders as usual and keeps the result.
 */
import { changedFields, packEntry, renderKey, unpackEntry } from '../build/render-cache';
import { registryOf, siteRelative } from './articles';
import { gitFactsOf } from './last-updated';
import type { Feature } from './plugin';
import { iso, planOf } from './reuse';

interface RenderData {
  source?: unknown;
  full_source?: unknown;
  raw?: unknown;
  date?: { toISOString(): string };
  updated?: { toISOString(): string };
}

type Render = (source: string, data: RenderData) => Promise<unknown>;

/** A warehouse document: its model keeps the stored copy that every read clones. */
interface StoredDoc { _id?: unknown; _model?: { data?: Record<string, Record<string, unknown> | undefined> } }

const restored = new WeakSet<object>();

/**
 * Whether rendering this document took a kept rendering and wrote it where warehouse keeps the
 * document: saving it as well would only clone it once more (save builds a new document, copies
 * every field and checks each against the schema: about 0.7 s for 1,000 kept renderings).
 */
export function restoredInStore(doc: object): boolean {
  return restored.has(doc);
}

/** Writes kept fields into the document and, where warehouse has one, its stored copy (then marked restored). */
function restore(data: RenderData & StoredDoc, fields: Record<string, unknown>): void {
  Object.assign(data, fields);
  const stored = typeof data._id === 'string' ? data._model?.data?.[data._id] : undefined;
  if (!stored) return;
  // What save would store: the fields are strings, booleans and plain data, which its schema
  // checks leave as they are.
  Object.assign(stored, fields);
  restored.add(data);
}

const renderCache: Feature = {
  name: 'render-cache',
  register(hexo) {
    let wrapped = false;
    let forget = () => {};
    // After the shared digest (priority 2) and git's dates (1), before anything renders (9, 10).
    hexo.extend.filter.register('before_generate', () => {
      const plan = planOf(hexo);
      const cache = plan?.renders;
      if (!plan?.shared || !cache || wrapped) return;
      wrapped = true;
      const { shared } = plan;
      const post = hexo.post as unknown as { render: Render };
      const render = post.render.bind(post);
      // Keyed once when prefetching and asked again when rendering: the parts are compared, not hashed twice.
      const known = new Map<string, { parts: unknown[]; key: string }>();
      forget = () => known.clear();
      const keyOf = (data: RenderData): string | undefined => {
        if (typeof data.full_source !== 'string' || typeof data.raw !== 'string' || typeof data.source !== 'string') return undefined;
        const git = gitFactsOf(hexo, data.full_source);
        // A git date replaces Hexo's own (the file's mtime, new in every clone): only one counts.
        const parts = [shared, data.source, data.raw, iso(data.date), git?.date ?? iso(data.updated), git?.authors ?? null];
        const last = known.get(data.full_source);
        if (last && last.parts.every((part, i) => part === parts[i] || (i === 5 && JSON.stringify(part) === JSON.stringify(parts[i])))) return last.key;
        const key = renderKey(parts);
        known.set(data.full_source, { parts, key });
        return key;
      };
      // In the order the search feature renders them (lib/hexo/search.ts).
      const docs = ['Post', 'Page'].flatMap((model) => hexo.model(model).toArray() as unknown as RenderData[]);
      cache.prefetch(docs.map(keyOf).filter((k): k is string => k !== undefined));
      const rendered = plan.renderKeys ??= new Map();
      post.render = async (source, data) => {
        const key = keyOf(data);
        if (key === undefined || typeof data.full_source !== 'string') return render(source, data);
        rendered.set(data.source as string, key);
        const file = siteRelative(hexo, data.full_source);
        const registry = registryOf(hexo);
        const kept = await cache.get(key);
        const hit = kept && unpackEntry(kept, data.raw as string);
        if (hit) {
          restore(data, hit.fields);
          if (hit.model) registry.articles.set(file, hit.model as never);
          return data;
        }
        const before = { ...data } as Record<string, unknown>;
        const result = await render(source, data);
        cache.put(key, packEntry({ fields: changedFields(before, data as Record<string, unknown>), model: registry.articles.get(file) }, data.raw as string));
        return result;
      };
    }, 3);
    // Every article is rendered (10): the sources the keys held may go (lib/hexo/articles.ts, 20).
    hexo.extend.filter.register('before_generate', () => forget(), 19);
  },
};

export default renderCache;
