import path from 'node:path';
import { admonitionExtension } from '../admonitions/marked';
import { normalizeAdmonitionOptions } from '../admonitions/options';
import { scanAdmonitions } from '../admonitions/scan';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import type { Feature } from './plugin';

/** Renders `> [!NOTE]`-style admonitions and warns, with file and line, about mistyped ones. */
const admonitions: Feature = {
  name: 'admonitions',
  register(hexo) {
    const options = normalizeAdmonitionOptions(hexo.config.admonitions, hexo.config.language);
    hexo.extend.filter.register('marked:extensions', (extensions: unknown[]) => {
      extensions.push(admonitionExtension(options));
    });
    hexo.extend.filter.register('before_post_render', (data: { raw?: string; full_source?: string }) => {
      if (!data.raw || !data.full_source) return data;
      const file = path.relative(hexo.base_dir, data.full_source).split(path.sep).join('/');
      for (const finding of scanAdmonitions(data.raw)) {
        hexo.log.warn(formatDiagnostic({ ...finding, file, severity: 'warning' }));
      }
      return data;
    });
  },
};

export default admonitions;
