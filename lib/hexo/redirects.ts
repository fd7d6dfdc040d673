import { redirectPage } from '../html/redirect';
import { siteOptionsOf, urlFor, type Feature } from './plugin';

/**
 * Redirect pages at old URLs this site does not produce (`redirects` in _config.yml, written by
 * `npm run import`: tag pages nested under a root tag and the like), so bookmarks keep working.
 * The old URLs are ones no generator of this site writes (a tag's slug has no `/`).
 */
const redirects: Feature = {
  name: 'redirects',
  register(hexo) {
    const site = siteOptionsOf(hexo);
    hexo.extend.generator.register('support-blog-redirects', () =>
      Object.entries(site.redirects).map(([from, to]) => {
        const route = from.endsWith('/') || from === '' ? `${from}index.html` : from;
        const path = urlFor(hexo, `/${to}`);
        const url = new URL(path.replace(/^\//, ''), site.url.replace(site.root, '/')).href;
        return { path: route, data: () => redirectPage({ path: encodeURI(decodeURI(path)), url: encodeURI(decodeURI(url)) }, site.language) };
      }));
  },
};

export default redirects;
