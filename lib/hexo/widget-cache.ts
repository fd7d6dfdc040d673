import path from 'node:path';
import type { Feature } from './plugin';
import { memoizeResolve, memoizeWidget, SITE_WIDE_WIDGETS, type WidgetProps } from '../theme/widget-cache';

interface ViewModule {
  require: ((name: string) => unknown) & { resolve: (name: string) => string };
}

type WidgetModule = { Cacheable?: (props: WidgetProps) => unknown } & Record<symbol, boolean>;

const WRAPPED = Symbol.for('support-blog.widget-cache');

/**
 * Shares the site-wide sidebar widgets between the pages of one build and remembers icarus's view
 * look-ups. Only hexo-component-inferno's own widgets are wrapped: a theme that overrides one keeps
 * its behaviour. `widget_cache: false` in _config.yml turns it off (the output is identical).
 */
const widgetCache: Feature = {
  name: 'widgetCache',
  register(hexo) {
    hexo.extend.filter.register('before_generate', () => {
      if ((hexo.config as { widget_cache?: unknown }).widget_cache === false) return;
      let viewPath: string;
      try {
        viewPath = require.resolve('hexo-component-inferno/lib/core/view', { paths: [hexo.theme_dir] });
      } catch {
        return; // not an icarus-like theme
      }
      const view = require(viewPath) as ViewModule;
      memoizeViewRequire(view);
      const library = path.dirname(path.dirname(viewPath));
      for (const type of Object.keys(SITE_WIDE_WIDGETS)) {
        let file: string;
        try {
          file = view.require.resolve(`widget/${type}`);
        } catch {
          continue;
        }
        if (!file.startsWith(library + path.sep)) continue;
        const widget = require(file) as WidgetModule;
        if (typeof widget.Cacheable !== 'function' || widget[WRAPPED]) continue;
        widget.Cacheable = memoizeWidget(type, widget.Cacheable);
        widget[WRAPPED] = true;
      }
    }, 2);
  },
};

/**
 * Outside register(), so the new `view.require` (kept by a module for the life of the process)
 * holds no reference to a Hexo instance and its rendered site.
 */
function memoizeViewRequire(view: ViewModule): void {
  if ((view.require as unknown as Record<symbol, boolean>)[WRAPPED]) return;
  const resolve = memoizeResolve(view.require.resolve);
  view.require = Object.assign((name: string) => require(resolve(name)) as unknown, { resolve, [WRAPPED]: true });
}

export default widgetCache;
