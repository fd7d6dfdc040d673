/**
 * icarus ships all of Bulma (about 225 KB of CSS) and a page uses about a twentieth of it. After a
 * build, the rules whose selectors match nothing in the built HTML or in the site's own scripts
 * (which add classes at run time) are dropped from icarus's stylesheet.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PurgeCSS } from 'purgecss';

/** icarus's stylesheet, which {@link purgeThemeCss} rewrites in place. */
export const THEME_STYLESHEET = 'css/default.css';

/** Rewrites siteDir/css/default.css without unused rules; returns its size before and after. */
export async function purgeThemeCss(siteDir: string, stylesheet = THEME_STYLESHEET): Promise<{ before: number; after: number }> {
  const file = path.join(siteDir, stylesheet);
  const before = (await fs.stat(file)).size;
  const [result] = await new PurgeCSS().purge({
    content: [path.join(siteDir, '**/*.html'), path.join(siteDir, 'js/*.js')],
    css: [file],
  });
  if (!result) throw new Error(`nothing to purge in ${stylesheet}`);
  await fs.writeFile(file, result.css);
  return { before, after: Buffer.byteLength(result.css) };
}
