import path from 'node:path';
import { siteOptionsOf, type Feature } from './plugin';
import { headingsOnly } from '../theme/toc-headings';
import { memoizeResolve, memoizeWidget, SITE_WIDE_WIDGETS, type WidgetProps } from '../theme/widget-cache';

interface ViewModule {
  require: ((name: string) => unknown) & { resolve: (name: string) => string };
}

type WidgetModule = { Cacheable?: (props: WidgetProps) => unknown };
type TocPage = { content?: unknown; encrypt?: unknown };

/** icarus's TOC widget, given the page's headings instead of its whole HTML (lib/theme/toc-headings.ts). */
function tocFromHeadings(render: (props: WidgetProps) => unknown): (props: WidgetProps) => unknown {
  return (props) => {
    const page = props.page as TocPage | undefined;
    if (!page || page.encrypt || typeof page.content !== 'string') return render(props);
    return render({ ...props, page: Object.create(page, { content: { value: headingsOnly(page.content) } }) as object });
  };
}

/**
 * Shares the site-wide sidebar widgets between the pages of one build, lets the TOC widget read
 * only the headings, and remembers icarus's view look-ups. Only hexo-component-inferno's own
 * widgets are wrapped: a theme that overrides one keeps its behaviour. The modules get their own functions back when Hexo exits, so nothing of one build
 * outlives it. `widgets.cache: false` in _config.yml turns it off (the output is identical).
 */
const widgetCache: Feature = {
  name: 'widgetCache',
  register(hexo) {
    if (!siteOptionsOf(hexo).widgets.cache) return;
    const restore: (() => void)[] = [];
    hexo.extend.filter.register('before_generate', () => {
      if (restore.length) return;
      let viewPath: string;
      try {
        viewPath = require.resolve('hexo-component-inferno/lib/core/view', { paths: [hexo.theme_dir] });
      } catch {
        return; // not an icarus-like theme
      }
      const view = require(viewPath) as ViewModule;
      const originalRequire = view.require;
      const resolve = memoizeResolve(originalRequire.resolve);
      view.require = Object.assign((name: string) => require(resolve(name)) as unknown, { resolve });
      restore.push(() => {
        view.require = originalRequire;
      });
      const library = path.dirname(path.dirname(viewPath));
      type Render = (props: WidgetProps) => unknown;
      const wrappers = new Map<string, (render: Render) => Render>(Object.keys(SITE_WIDE_WIDGETS).map((type) => [type, (render: Render) => memoizeWidget(type, render)]));
      wrappers.set('toc', tocFromHeadings);
      for (const [type, wrap] of wrappers) {
        let file: string;
        try {
          file = resolve(`widget/${type}`);
        } catch {
          continue;
        }
        if (!file.startsWith(library + path.sep)) continue;
        const widget = require(file) as WidgetModule;
        const original = widget.Cacheable;
        if (typeof original !== 'function') continue;
        widget.Cacheable = wrap(original);
        restore.push(() => {
          widget.Cacheable = original;
        });
      }
    }, 2);
    hexo.extend.filter.register('before_exit', () => {
      while (restore.length) restore.pop()!();
    });
  },
};

export default widgetCache;
