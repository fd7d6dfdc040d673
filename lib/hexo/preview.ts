import { markPreviewPage } from '../preview/page';
import { siteOptionsOf, type Feature } from './plugin';

/**
 * Publishing on a Pages branch, and a pull request preview (`--preview N`): every page says noindex and shows the banner, and the
 * sitemap is left out, so a search engine that finds a preview neither lists nor follows it.
 */
const preview: Feature = {
  name: 'preview',
  register(hexo) {
    // Pages serves the gh-pages branch through Jekyll unless told not to, which drops files whose
    // names start with `_` and takes minutes on a large site.
    hexo.extend.generator.register('support-blog-nojekyll', () => ({ path: '.nojekyll', data: '' }));
    const { preview: settings } = siteOptionsOf(hexo);
    const { number, link } = settings;
    if (number === undefined) return;
    hexo.extend.filter.register('before_generate', () => {
      hexo.extend.generator.register('sitemap', () => []);
    }, 0);
    // After the reader's filters (priority 10), which add the skip link the banner follows.
    hexo.extend.filter.register('after_render:html', (html: string) => markPreviewPage(html, { number, ...(link ? { link } : {}) }), 20);
  },
};

export default preview;
