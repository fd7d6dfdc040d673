import type Hexo from 'hexo';
import type { Feature } from './plugin';

interface WarehouseModel {
  data: Record<string, { source?: string; name?: string; _id?: string } | null>;
  dirty: boolean;
}

/** Sort key of each model whose order shows in the output: where ties keep model order. */
const ORDER: Record<string, (doc: { source?: string; name?: string; _id?: string }) => string> = {
  Post: (d) => d.source ?? '',
  Page: (d) => d.source ?? '',
  Tag: (d) => d.name ?? '',
  Category: (d) => d.name ?? '',
};

/**
 * Hexo loads articles concurrently, so its models list posts and tags in a different order on every
 * clean build, and every list with equal sort keys (sitemap, archives, a post's tags) changes with
 * it. Reordering the models by source path or name once loaded makes two builds byte-identical.
 */
export function orderModels(hexo: Hexo): void {
  for (const [name, key] of Object.entries(ORDER)) {
    const model = hexo.model(name) as unknown as WarehouseModel;
    if (!model.data || typeof model.data !== 'object' || typeof model.dirty !== 'boolean') {
      throw new Error(`cannot order the ${name} model: warehouse's internals changed (see lib/hexo/deterministic.ts)`);
    }
    const entries = Object.entries(model.data).filter(([, doc]) => doc);
    entries.sort(([a, x], [b, y]) => key(x!).localeCompare(key(y!)) || a.localeCompare(b));
    model.data = Object.fromEntries(entries);
    model.dirty = true;
  }
}

const deterministic: Feature = {
  name: 'deterministic',
  register(hexo) {
    hexo.extend.filter.register('before_generate', () => {
      orderModels(hexo);
      // icarus's insight search index (content.json, 19 MB at 1,000 articles) is replaced by Pagefind.
      hexo.extend.generator.register('insight', () => []);
    }, 0);
  },
};

export default deterministic;
