/**
 * icarus renders every sidebar widget on every page. The archives and recent-posts widgets sort
 * and walk all posts each time (quadratic over a build) although their output is the same on every
 * page of one build. icarus's own cache cannot help: its key is computed from the finished work.
 */

/** The props icarus passes to a widget (only what the cache key needs). */
export interface WidgetProps {
  site: object;
  config?: { language?: unknown; relative_link?: unknown };
  page?: { lang?: unknown; language?: unknown; path?: unknown };
  widget?: unknown;
  tags?: unknown;
  categories?: unknown;
}

/**
 * Widgets of hexo-component-inferno whose output depends only on the site, the widget's settings,
 * the page's language and (with relative links) the page's path; with the condition under which
 * that holds (read from each widget's transform).
 */
export const SITE_WIDE_WIDGETS: Record<string, (props: WidgetProps) => boolean> = {
  archives: () => true,
  recent_posts: () => true,
  tags: (p) => p.tags === undefined,
  categories: (p) => p.categories === undefined && !(p.widget as { showCurrent?: unknown } | undefined)?.showCurrent,
};

/** The key under which a widget's element can be shared between pages of one build, or null. */
export function siteWideKey(type: string, props: WidgetProps): string | null {
  const applies = SITE_WIDE_WIDGETS[type];
  const { page, config } = props;
  // Without the page (icarus's tags and categories pages) the language is unknown: no sharing.
  if (!applies || !page || !config || !applies(props)) return null;
  const language = page.lang || page.language || config.language;
  return JSON.stringify([props.widget ?? null, language ?? null, config.relative_link ? page.path : null]);
}

/**
 * Wraps a widget's component function so that its element is computed once per site object
 * (Hexo builds one site object per generation, so an edit in the preview server starts afresh).
 */
export function memoizeWidget<P extends WidgetProps, R>(type: string, render: (props: P) => R): (props: P) => R {
  const bySite = new WeakMap<object, Map<string, R>>();
  return (props) => {
    const key = siteWideKey(type, props);
    if (key === null || !props.site) return render(props);
    let cache = bySite.get(props.site);
    if (!cache) bySite.set(props.site, (cache = new Map()));
    if (!cache.has(key)) cache.set(key, render(props));
    return cache.get(key)!;
  };
}

/** Memoizes a resolver; failed look-ups are remembered too, since icarus repeats them on every page. */
export function memoizeResolve(resolve: (name: string) => string): (name: string) => string {
  const found = new Map<string, string | Error>();
  return (name) => {
    let hit = found.get(name);
    if (hit === undefined) {
      try {
        hit = resolve(name);
      } catch (err) {
        hit = err instanceof Error ? err : new Error(String(err));
      }
      found.set(name, hit);
    }
    if (hit instanceof Error) throw hit;
    return hit;
  };
}
