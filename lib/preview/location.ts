/** Where a pull request's preview lives, derived from the site's settings. */
import { ConfigError } from '../config/section';
import type { SiteOptions } from '../config/site';

export interface PreviewLocation {
  root: string;
  url: string;
}

/**
 * `pages`: the folder `<root><dir>/pr-N/` of the same Pages site, which is where
 * rossjrw/pr-preview-action puts it; `azure`: the root of the Static Web Apps environment whose
 * URL `preview.url` gives (`{number}` is replaced).
 */
export function previewLocation(site: Pick<SiteOptions, 'root' | 'url' | 'preview'>, number: number): PreviewLocation {
  if (site.preview.host === 'azure') {
    if (!site.preview.url) throw new ConfigError('preview.url', 'preview.host が azure のときは、プレビュー環境の URL を書いてください (例: https://<名前>-{number}.<リージョン>.azurestaticapps.net/)');
    const url = site.preview.url.replaceAll('{number}', String(number)).replace(/\/?$/, '/');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('preview.url', `URL として読めません: ${url}`);
    }
    return { root: parsed.pathname, url };
  }
  const root = `${site.root}${site.preview.dir}/pr-${number}/`;
  return { root, url: `${new URL(site.url).origin}${root}` };
}
