import type Hexo from 'hexo';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { libraryFile, vendorFiles, type VendorFile } from '../vendor/manifest';
import { guard, injectLater, urlFor, type Feature } from './plugin';

/** Our own stylesheet, served at /css/support-blog.css (see assets/css). */
export const SITE_CSS_ROUTE = 'css/support-blog.css';
/** Our browser script, compiled from lib/client by `npm run build:ts`. */
export const SITE_JS_ROUTE = 'js/support-blog.js';
const ASSETS_DIR = path.resolve(__dirname, '../../../assets');
const EMPTY_STYLESHEET = 'data:text/css,';
const CLIENT_JS = path.resolve(__dirname, '../../client/support-blog.js');

/** The highlight.js theme icarus is configured with, or null when highlighting is off. */
export function highlightTheme(hexo: Hexo): string | null {
  const siteHighlight = hexo.config.highlight as { enable?: boolean } | undefined;
  if (siteHighlight?.enable === false) return null;
  const article = (hexo.theme.config as { article?: { highlight?: { theme?: string } } }).article;
  return article?.highlight?.theme ?? 'atom-one-light';
}

function routeData(file: VendorFile): () => NodeJS.ReadableStream | string {
  if (file.content !== undefined) return () => file.content!;
  const resolved = require.resolve(file.module!);
  return () => createReadStream(resolved);
}

/**
 * Serves jQuery, clipboard.js and highlight.js styles from the site, and points icarus's
 * cdn/fontcdn/iconcdn helpers at them. A request for a file we do not serve fails the
 * build instead of silently reaching for a CDN.
 */
const vendor: Feature = {
  name: 'vendor',
  register(hexo) {
    for (const file of [path.join(ASSETS_DIR, SITE_CSS_ROUTE), CLIENT_JS]) {
      if (!existsSync(file)) throw new Error(`missing ${file}; run \`npm run build:ts\``);
    }
    hexo.extend.generator.register('support-blog-vendor', guard('vendor', function (this: Hexo) {
      const files = vendorFiles(highlightTheme(this));
      return [
        ...files.map((file) => ({ path: file.route, data: routeData(file) })),
        { path: SITE_CSS_ROUTE, data: () => createReadStream(path.join(ASSETS_DIR, SITE_CSS_ROUTE)) },
        { path: SITE_JS_ROUTE, data: () => createReadStream(CLIENT_JS) },
      ];
    }));
    // After icarus's own stylesheets, so that our rules win at equal specificity.
    injectLater(hexo, 'head_end', () => `<link rel="stylesheet" href="${urlFor(hexo, `/${SITE_CSS_ROUTE}`)}">`);
    injectLater(hexo, 'body_end', () => `<script src="${urlFor(hexo, `/${SITE_JS_ROUTE}`)}" defer></script>`);

    // icarus registers these helpers while its scripts load, concurrently with ours; registering
    // again before generation makes ours the ones in force.
    hexo.extend.filter.register('before_generate', () => {
      const { helper } = hexo.extend;
      helper.register('cdn', (pkg: string, _version: string, filename: string) => {
        const file = libraryFile(pkg, filename);
        if (!file) {
          throw new Error(`icarus asked for ${pkg}/${filename} from a CDN, which this site does not serve. ` +
            'Disable the icarus feature that needs it in _config.icarus.yml, or add the file to lib/vendor/manifest.ts.');
        }
        return urlFor(hexo, `/${file.route}`);
      });
      // Icons are SVG masks in our stylesheet and Japanese text is set in the reader's system
      // fonts: icarus's icon-font and web-font slots get an empty inline stylesheet.
      helper.register('iconcdn', () => EMPTY_STYLESHEET);
      helper.register('fontcdn', () => EMPTY_STYLESHEET);
    }, 1);
  },
};

export default vendor;
