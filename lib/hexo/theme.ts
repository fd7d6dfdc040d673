import type Hexo from 'hexo';
import { labelArticleNav } from '../html/article-nav';
import { nameReadMoreLinks } from '../html/read-more';
import { japaneseTimeTitles } from '../html/time';
import { siteOptionsOf, type Feature } from './plugin';

/** Labels of icarus that read oddly on a Japanese support blog, by language and i18n key. */
export const LABEL_OVERRIDES: Record<string, Record<string, string>> = {
  ja: { 'widget.catalogue': '目次' },
};

const NAV_LABELS = { older: '前の記事', newer: '次の記事' };

/** Adapts icarus to Japanese without forking it: i18n labels, and date titles (its stylesheet: lib/hexo/stylesheet.ts). */
const theme: Feature = {
  name: 'theme',
  register(hexo) {
    // The theme's language files are read while the site loads, after scripts: patch them here.
    hexo.extend.filter.register('before_generate', () => applyLabelOverrides(hexo), 1);
    // Footer links live in _config.yml with the site's other settings; icarus reads them from its own.
    const { footerLinks } = siteOptionsOf(hexo);
    if (Object.keys(footerLinks).length) {
      hexo.extend.filter.register('before_generate', () => {
        const config = hexo.theme.config as { footer?: { links?: Record<string, unknown> } };
        config.footer = { ...config.footer, links: { ...config.footer?.links, ...footerLinks } };
      }, 1);
    }

    const site = siteOptionsOf(hexo);
    if (site.language === 'ja') {
      hexo.extend.filter.register('after_render:html', (html: string) =>
        labelArticleNav(japaneseTimeTitles(html, site.timezone || undefined), NAV_LABELS));
    }

    hexo.extend.filter.register('after_render:html', (html: string) => nameReadMoreLinks(html));
  },
};

function applyLabelOverrides(hexo: Hexo): void {
  const i18n = hexo.theme.i18n as unknown as {
    get(lang: string): Record<string, string>;
    set(lang: string, data: Record<string, string>): void;
  };
  for (const [lang, labels] of Object.entries(LABEL_OVERRIDES)) {
    i18n.set(lang, { ...i18n.get(lang), ...labels });
  }
}

export default theme;
