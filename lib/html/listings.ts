import { escapeHtml } from '../text/html';

/** What the listings need of one published article. */
export interface ListedArticle {
  title: string;
  url: string;
  /** Publication date as YYYY/MM/DD in the site's time zone. */
  date: string;
  /** First folder under `_posts/` (the old template's `articles/<Area>/`), '' for none. */
  area: string;
  tags: string[];
}

export interface TagNode {
  name: string;
  count: number;
  children: TagNode[];
}

const byCountThenName = (a: TagNode, b: TagNode) => b.count - a.count || a.name.localeCompare(b.name, 'ja');

/**
 * The old theme's tag tree: each configured root tag with the other tags of its articles under it,
 * each counted by the articles that carry both; then the tags no root article uses. Roots keep
 * their configured order; a root no article uses is left out.
 */
export function buildTagTree(articles: Pick<ListedArticle, 'tags'>[], roots: string[]): { roots: TagNode[]; others: TagNode[] } {
  const rootSet = new Set(roots);
  const tree = roots.filter((r, i) => roots.indexOf(r) === i).map((root) => {
    const tagged = articles.filter((a) => a.tags.includes(root));
    const children = new Map<string, number>();
    for (const a of tagged) for (const t of new Set(a.tags)) if (!rootSet.has(t)) children.set(t, (children.get(t) ?? 0) + 1);
    return { name: root, count: tagged.length, children: [...children].map(([name, count]) => ({ name, count, children: [] })).sort(byCountThenName) };
  }).filter((n) => n.count > 0);
  const under = new Set(tree.flatMap((n) => n.children.map((c) => c.name)));
  const others = new Map<string, number>();
  for (const a of articles) for (const t of new Set(a.tags)) if (!rootSet.has(t) && !under.has(t)) others.set(t, (others.get(t) ?? 0) + 1);
  return { roots: tree, others: [...others].map(([name, count]) => ({ name, count, children: [] })).sort(byCountThenName) };
}

function tagItems(nodes: TagNode[], urlOf: (tag: string) => string | undefined): string {
  return nodes.map((n) => {
    const url = urlOf(n.name);
    const name = url ? `<a href="${escapeHtml(url)}">${escapeHtml(n.name)}</a>` : escapeHtml(n.name);
    const children = n.children.length ? `<ul>${tagItems(n.children, urlOf)}</ul>` : '';
    return `<li>${name}<span class="sb-count">(${n.count})</span>${children}</li>`;
  }).join('');
}

/** The tag tree as a card for the tags page; '' when no root tag is configured or used. */
export function renderTagTree(tree: ReturnType<typeof buildTagTree>, urlOf: (tag: string) => string | undefined): string {
  if (!tree.roots.length) return '';
  const others = tree.others.length ? `<li>そのほかのタグ<ul>${tagItems(tree.others, urlOf)}</ul></li>` : '';
  return '<div class="card"><nav class="card-content sb-tag-tree" aria-labelledby="sb-tag-tree-title">' +
    `<h1 class="title is-5" id="sb-tag-tree-title">タグの階層</h1><ul>${tagItems(tree.roots, urlOf)}${others}</ul></nav></div>`;
}

/** The 全記事一覧 page body: every article by area (areas by name), newest first within each. */
export function renderAllArticles(articles: ListedArticle[]): string {
  const areas = new Map<string, ListedArticle[]>();
  for (const a of articles) areas.set(a.area, [...(areas.get(a.area) ?? []), a]);
  const names = [...areas.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'ja')));
  const sections = names.map((area) => {
    const list = areas.get(area)!.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'ja'));
    const items = list.map((a) => `<li><time>${escapeHtml(a.date)}</time><a href="${escapeHtml(a.url)}">${escapeHtml(a.title)}</a></li>`).join('');
    return `<h2>${escapeHtml(area || 'そのほか')}<span class="sb-count">(${list.length} 件)</span></h2><ul>${items}</ul>`;
  });
  return `<div class="sb-all-articles"><p>${articles.length} 件の記事があります。</p>${sections.join('')}</div>`;
}

/** Links to the newest articles, for the 404 page. */
export function renderRecent(articles: ListedArticle[], count: number): string {
  const recent = [...articles].sort((a, b) => b.date.localeCompare(a.date)).slice(0, count);
  if (!recent.length) return '';
  return `<ul>${recent.map((a) => `<li><a href="${escapeHtml(a.url)}">${escapeHtml(a.title)}</a> <time>${escapeHtml(a.date)}</time></li>`).join('')}</ul>`;
}
