import { createReadStream } from 'node:fs';
import { escapeJsonLd } from '../html/json-ld';
import { addLandmarks, JAPANESE_LANDMARKS } from '../html/landmarks';
import { markSearchBody } from '../search/index';
import { injectLater, urlFor, type Feature } from './plugin';

/**
 * Applies the stored or preferred colour scheme before the first paint, so the page never flashes,
 * and marks the page as scripted (`sb-js`), so that styles relying on /js/support-blog.js (the
 * phone menu) apply only where it runs.
 */
export const THEME_BOOT_SCRIPT =
  '(function(){var t;try{t=localStorage.getItem("sb-theme")}catch(e){}' +
  'if(t!=="dark"&&t!=="light")t=window.matchMedia&&matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";' +
  'var d=document.documentElement;d.setAttribute("data-theme",t);d.classList.add("sb-js")})();';

/** Route of medium-zoom, which opens screenshots enlarged. */
export const ZOOM_ROUTE = 'vendor/medium-zoom/medium-zoom.min.js';

/** Reader experience: colour scheme, screenshot zoom, skip link and landmarks. */
const reader: Feature = {
  name: 'reader',
  register(hexo) {
    injectLater(hexo, 'head_begin', `<script>${THEME_BOOT_SCRIPT}</script><meta name="color-scheme" content="light dark">`);
    // Registered before our own script (vendor feature), so mediumZoom exists when it runs.
    injectLater(hexo, 'body_end', () => `<script src="${urlFor(hexo, `/${ZOOM_ROUTE}`)}" defer></script>`);
    hexo.extend.generator.register('support-blog-zoom', () => ({
      path: ZOOM_ROUTE,
      data: () => createReadStream(require.resolve('medium-zoom/dist/medium-zoom.min.js')),
    }));
    // First of all page filters: before it, a title holding `</script>` has broken the page's markup.
    hexo.extend.filter.register('after_render:html', (html: string) => escapeJsonLd(html), 1);
    hexo.extend.filter.register('after_render:html', (html: string) => markSearchBody(addLandmarks(html, JAPANESE_LANDMARKS)));
  },
};

export default reader;
