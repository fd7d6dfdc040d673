/**
 * A blog of the old template copied into source/_posts/ and built: every `#fragment` that worked on
 * its live site (hexo-renderer-marked 4 after the old gulp step) or in GitHub's preview works here,
 * the checker calls broken only what was broken on both, no TOC block or paragraph becomes a
 * heading, and no front-matter Hexo builds is rejected.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../lib/article/model';
import { runChecks } from '../../lib/check/run';
import type { Diagnostic } from '../../lib/diagnostics/diagnostic';
import { resolveTarget, type SiteIndex } from '../../lib/links/resolve';
import { normalizeSource, readFrontMatter } from '../../lib/markdown/front-matter';
import { loadRendererPlugin } from '../../lib/markdown/render';
import { buildSite, FIXTURES, loadPage, makeSite, removeSite } from '../helpers/site';

const OLD = path.join(FIXTURES, 'old-blog', 'articles');
const old = loadRendererPlugin({ url: 'https://contoso-backup.github.io', root: '/blog/' }, 'legacy-hexo-renderer-marked');

/** The ids an article had on the old site: the gulp step removed its first `# ` line, then hexo-renderer-marked 4 rendered it. */
function oldIds(text: string): Set<string> {
  const body = readFrontMatter(text).body.replace(/^# .*(\n|$)/m, '');
  const html = old.render.call({ config: old.config, execFilterSync: (_: string, a: unknown) => a }, { text: body }, {});
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')));
}

/** The ids GitHub's preview of the file answers to: its heading slugs and the ids written in HTML. */
function githubIds(article: Article): Set<string> {
  return new Set([...article.headings.map((h) => h.slug), ...[...article.ids].filter(([, kind]) => kind === 'html').map(([id]) => id)]);
}

describe('an old-template blog copied into source/_posts/', () => {
  let dir: string;
  let articles: Map<string, Article>;
  let diagnostics: Diagnostic[];
  let site: SiteIndex;
  const sources = new Map<string, string>();

  before(async () => {
    dir = await makeSite({ fixture: null, files: { '_config.test.yml': 'url: https://contoso-backup.github.io/blog/\nbuild:\n  fail_on: none\ncheck:\n  tags: []\n' } });
    await fs.cp(OLD, path.join(dir, 'source/_posts'), { recursive: true });
    for (const entry of await fs.readdir(path.join(dir, 'source/_posts'), { recursive: true })) {
      if (entry.endsWith('.md')) sources.set(`source/_posts/${entry.split(path.sep).join('/')}`, await fs.readFile(path.join(dir, 'source/_posts', entry), 'utf8'));
    }
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stderr);
    const run = await runChecks(dir, [], ['_config.yml', '_config.test.yml']);
    ({ articles, diagnostics } = run);
    site = run.context.site;
  });
  after(() => removeSite(dir));

  it('keeps every #fragment that worked on the live site or in GitHub\'s preview, and calls broken only the rest', async () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [file, article] of articles) {
      for (const link of article.links) {
        const target = resolveTarget(link.href, file, site);
        const [targetFile, fragment] = target.kind === 'fragment' ? [file, target.fragment] : target.kind === 'article' && target.fragment ? [target.file, target.fragment] : [];
        if (!targetFile || !fragment || link.inToc === 'replaced') continue;
        checked++;
        const other = articles.get(targetFile)!;
        const worked = oldIds(sources.get(targetFile)!).has(fragment) || githubIds(other).has(fragment);
        const where = `${file}:${link.line} ${link.href}`;
        if (!worked) {
          broken.push(`${file}:${link.line}`);
          continue;
        }
        const $ = await loadPage(dir, `/blog/${site.routes.get(targetFile)}`);
        const quoted = fragment.replace(/"/g, '\\"');
        // Browsers also scroll to <a name>.
        assert.equal($(`[id="${quoted}"], a[name="${quoted}"]`).length, 1, where);
      }
    }
    assert.ok(checked >= 12, `${checked} links`);
    const reported = diagnostics.filter((d) => d.rule === 'anchor/broken').map((d) => `${d.file}:${d.line}`);
    assert.deepEqual(reported.sort(), broken.sort());
    assert.deepEqual(broken, ['source/_posts/MSMQ/Troubleshooting.md:11']);
  });

  it('suggests the canonical id for every link that works only through the old id', () => {
    const legacy = diagnostics.filter((d) => d.rule === 'anchor/legacy-id').map((d) => `${d.file}:${d.line} ${d.suggestion}`);
    assert.deepEqual(legacy.sort(), [
      'source/_posts/AzureBackupGeneral/Backup_RetentionPeriod.md:12 #crr-の利用条件',
      'source/_posts/AzureBackupGeneral/Backup_RetentionPeriod.md:13 #msmq-をドメインモードでインストールする',
      'source/_posts/AzureBackupGeneral/FAQ.md:21 #qa-について',
      'source/_posts/AzureVMBackup/Backup_Overview.md:38 #crr-の利用条件',
      'source/_posts/AzureVMBackup/Backup_Overview.md:42 #1-2',
      'source/_posts/MSMQ/MsmqCleanInstall.md:16 #msmq-をドメインモードでインストールする',
    ]);
  });

  it('makes no heading of a TOC block or of a paragraph over a rule, and shows no title twice', async () => {
    for (const file of articles.keys()) {
      const $ = await loadPage(dir, `/blog/${site.routes.get(file)}`);
      const headings = $('.article .content').find('h1, h2, h3, h4, h5, h6');
      assert.equal(headings.find('a[href]').not('.heading-anchor').length, 0, file);
      assert.equal(headings.filter((_, h) => /目次|Contents|説明です/.test($(h).text())).length, 0, file);
      assert.equal($('.article .content h1').length, 0, file);
    }
    assert.equal(articles.get('source/_posts/AzureVMBackup/Backup_Overview.md')!.tocBlocks[0]?.replaced, true);
    assert.equal(articles.get('source/_posts/AzureVMBackup/CRR.md')!.tocBlocks[0]?.replaced, true);
  });

  it('rejects no front-matter that Hexo builds (tabs, a blank line first, BOM and CRLF, no opening ---)', async () => {
    assert.deepEqual(diagnostics.filter((d) => d.rule.startsWith('front-matter/') && d.severity === 'error'), []);
    for (const [file, text] of sources) assert.equal(readFrontMatter(normalizeSource(text)).problem, undefined, file);
    const $ = await loadPage(dir, '/blog/AzureBackupGeneral/Backup_RetentionPeriod/');
    assert.deepEqual($('.article-tags a, .article .tags a').map((_, a) => $(a).text().trim()).get().filter(Boolean).slice(0, 2), ['Azure Backup General', 'how to']);
  });
});
