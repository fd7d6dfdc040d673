/**
 * Japanese full-text search without an external service: Pagefind indexes the built pages (only
 * article bodies, marked with data-pagefind-body) into public/pagefind/, which the browser loads
 * in small fragments on demand.
 */
import path from 'node:path';

/** Result of indexing: how many pages went in. */
export interface SearchIndexResult {
  pages: number;
}

/** Indexes siteDir (a generated site) into siteDir/pagefind; throws with Pagefind's errors. */
export async function buildSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/** Marks an article page's body for the index; lists (index, tags, archives) are left out. */
export function markSearchBody(html: string): string {
  if (!/<h1 class="title[^"]*">/.test(html)) return html;
  return html.replace(/<article class="card-content article"/, '<article class="card-content article" data-pagefind-body');
}
