import type Hexo from 'hexo';
import path from 'node:path';
import { checkArticleLinks, mergeDiagnostics, toDiagnostics } from '../check/article';
import { applyBaseline, readBaseline } from '../check/baseline';
import type { LinkContext } from '../links/rules';
import { isDraft, listSource } from '../check/run';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { SiteIndex } from '../links/resolve';
import { registryOf } from './articles';
import { siteOptionsOf, type Feature } from './plugin';
import { routesOfBuild } from './post-html';

/** Whether a diagnostic stops the build under `build.fail_on`. */
export function blocks(d: Pick<Diagnostic, 'severity'>, failOn: 'none' | 'error' | 'warning'): boolean {
  return failOn === 'warning' || (failOn === 'error' && d.severity === 'error');
}

/**
 * The publishing gate: once every article is rendered, the checker's rules run on their models.
 * In `generate`, findings that `build.fail_on` names (errors, by default) fail the build with
 * file:line, so no workflow can publish a leftover note or a broken image; `npm start` only warns.
 */
const gate: Feature = {
  name: 'gate',
  register(hexo) {
    const site = siteOptionsOf(hexo);
    // After Hexo's render_post (priority 10): every article has its model.
    hexo.extend.filter.register('before_generate', async () => {
      const registry = registryOf(hexo);
      const routes = routesOfBuild(hexo);
      const source = await listSource(hexo.base_dir, site.sourceDir);
      const index: SiteIndex = {
        // Links are checked as written: against the site's own place, wherever this build goes.
        siteUrl: site.build.authoredUrl, root: site.build.authoredRoot, sourceDir: site.sourceDir,
        articles: new Map([...routes].map(([file, route]) => [route, file])), routes, files: new Set(source.files),
      };
      const context: LinkContext = { links: site.links, site: index, articleOf: (file) => registry.articles.get(file)?.article };
      const diagnostics: Diagnostic[] = [];
      for (const [file, { article, own }] of registry.articles) {
        if (!routes.has(file) || isDraft(file.slice(site.sourceDir.length + 1))) continue;
        diagnostics.push(...mergeDiagnostics(own, checkArticleLinks(article, site.check, context)));
      }
      for (const [file, findings] of registry.findings) {
        if (!isDraft(file.slice(site.sourceDir.length + 1))) diagnostics.push(...toDiagnostics(file, findings, site.check));
      }
      const baseline = site.check.baseline ? await readBaseline(path.resolve(hexo.base_dir, site.check.baseline)) : new Set<string>();
      // Split once per file: the baseline asks for the lines of every diagnostic.
      const lines = new Map<string, string[]>();
      const linesOf = (file: string) => lines.get(file) ?? lines.set(file, registry.articles.get(file)?.raw.split('\n') ?? []).get(file)!;
      const known = applyBaseline(diagnostics, baseline, linesOf);
      report(hexo, known, hexo.env.cmd === 'server' ? 'none' : site.build.failOn);
      // A build checks once; the outlines are not read after this. The preview server keeps them:
      // it checks again after every edit, re-rendering only that article.
      if (hexo.env.cmd !== 'server') registry.articles.clear();
    }, 11);
  },
};

function report(hexo: Hexo, diagnostics: Diagnostic[], failOn: 'none' | 'error' | 'warning'): void {
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  for (const d of diagnostics) {
    if (blocks(d, failOn)) hexo.log.error(formatDiagnostic(d));
    else hexo.log.warn(formatDiagnostic(d));
  }
}

export default gate;
