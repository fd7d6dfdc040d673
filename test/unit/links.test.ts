import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyExternal, splitUrl } from '../../lib/links/classify';
import { markdownLinkToUrl, resolveInternal, routeOf, type SiteIndex } from '../../lib/links/internal';
import { DEFAULT_LINK_OPTIONS, normalizeLinkOptions } from '../../lib/links/options';

const rules = (url: string, options = DEFAULT_LINK_OPTIONS) => classifyExternal(url, options).map((i) => [i.rule, i.suggestion]);

describe('classifyExternal (offline rules)', () => {
  const cases: [string, (string | undefined)[][]][] = [
    ['https://learn.microsoft.com/ja-jp/azure/backup/backup-overview', []],
    ['https://learn.microsoft.com/ja-jp/azure/backup/backup-azure-vms-introduction#snapshot-consistency', []],
    ['https://learn.microsoft.com/ja-jp/azure/backup/azure-file-share-backup-overview?tabs=snapshot', []],
    ['https://learn.microsoft.com/ja-jp/cli/azure/backup?view=azure-cli-latest', []],
    ['https://learn.microsoft.com/ja-jp/azure/virtual-machines/windows/quick-create-portal?tabs=azure-portal%2Cwindows', []],
    ['https://learn.microsoft.com/en-us/azure/backup/backup-overview', [['link/locale', 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview']]],
    ['https://learn.microsoft.com/en-US/azure/backup/backup-overview?tabs=azure-portal%2Cwindows#fragment',
      [['link/locale', 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview?tabs=azure-portal%2Cwindows#fragment']]],
    ['https://learn.microsoft.com/ja-JP/azure/backup/disk-backup-overview', [['link/locale', 'https://learn.microsoft.com/ja-jp/azure/backup/disk-backup-overview']]],
    ['https://azure.microsoft.com/en-US/updates/mysql-flexibleserverlongtermretenttion/', [['link/locale', 'https://azure.microsoft.com/ja-jp/updates/mysql-flexibleserverlongtermretenttion/']]],
    ['https://learn.microsoft.com/azure/backup/backup-overview', []],
    ['https://docs.microsoft.com/ja-jp/azure/backup/backup-overview?view=azure-cli-latest#install',
      [['link/legacy-host', 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview?view=azure-cli-latest#install']]],
    ['https://docs.microsoft.com/en-us/azure/backup/', [['link/legacy-host', 'https://learn.microsoft.com/en-us/azure/backup/'], ['link/locale', 'https://docs.microsoft.com/ja-jp/azure/backup/']]],
    ['https://learn.microsoft.com/ja-jp/azure/backup/azure-kubernetes-service-cluster-backup?source=recommendations',
      [['link/tracking-param', 'https://learn.microsoft.com/ja-jp/azure/backup/azure-kubernetes-service-cluster-backup']]],
    ['https://learn.microsoft.com/ja-jp/azure/backup/blob-backup-overview?tabs=operational-backup&source=recommendations',
      [['link/tracking-param', 'https://learn.microsoft.com/ja-jp/azure/backup/blob-backup-overview?tabs=operational-backup']]],
    ['https://learn.microsoft.com/ja-jp/azure/?WT.mc_id=AZ-MVP-5000000&pivots=a', [['link/tracking-param', 'https://learn.microsoft.com/ja-jp/azure/?pivots=a']]],
    ['https://example.com/page?utm_source=x&utm_medium=y&id=3', [['link/tracking-param', 'https://example.com/page?id=3']]],
    ['https://www.bing.com/?msclkid=abc&ocid=def', [['link/tracking-param', 'https://www.bing.com/']]],
    ['https://example.com/?source=docs', []],
    ['http://learn.microsoft.com/ja-jp/azure/', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure/']]],
    ['http://intranet.example.com/', []],
    ['https://learn.microsoft.com/ja-jp/azure/backup/x?tabs=a?view=b', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure/backup/x?tabs=a&view=b']]],
    ['https://learn.microsoft.com/ja-jp/azure/backup/faq-backup-sql-server#-----------------', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure/backup/faq-backup-sql-server']]],
    ['https://learn.microsoft.com/ja-jp/azure/backup/backup-overview）をご覧ください', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview']]],
    ['https://learn.microsoft.com/ja-jp/azure/backup/backup-overview　', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure/backup/backup-overview']]],
    ['https://learn.microsoft.com/ja-jp/azure /backup', [['link/malformed', 'https://learn.microsoft.com/ja-jp/azure']]],
  ];
  for (const [url, expected] of cases) {
    it(url, () => assert.deepEqual(rules(url), expected));
  }

  it('with locale policy none, asks for locale-less URLs', () => {
    const none = { ...DEFAULT_LINK_OPTIONS, locale: 'none' as const };
    assert.deepEqual(rules('https://learn.microsoft.com/ja-jp/azure/backup/backup-overview', none), [['link/locale', 'https://learn.microsoft.com/azure/backup/backup-overview']]);
    assert.deepEqual(rules('https://learn.microsoft.com/azure/backup/backup-overview', none), []);
  });

  it('splits URLs as written', () => {
    assert.deepEqual(splitUrl('HTTPS://Learn.Microsoft.com/ja-jp/a?x=%2C#f'), { scheme: 'https', host: 'learn.microsoft.com', path: '/ja-jp/a', query: 'x=%2C', fragment: 'f' });
    assert.equal(splitUrl('mailto:a@example.com'), undefined);
  });

  it('validates the links section', () => {
    assert.equal(normalizeLinkOptions({ concurrency: { 'learn.microsoft.com': 2 } }).concurrency['learn.microsoft.com'], 2);
    assert.throws(() => normalizeLinkOptions({ locale: 'en-us' }), /links\.locale must be ja-jp or none/);
  });
});

describe('internal links', () => {
  const index: SiteIndex = {
    siteUrl: 'https://contoso-jp-support.github.io/blog/',
    root: '/blog/',
    articles: new Map([
      ['AzureVMBackup/CRR/', 'source/_posts/AzureVMBackup/CRR.md'],
      ['AzureBackupGeneral/RSV_BV/', 'source/_posts/AzureBackupGeneral/RSV_BV.md'],
      ['about/', 'source/about/index.md'],
    ]),
    files: new Set(['source/_posts/AzureVMBackup/CRR.md', 'source/_posts/AzureBackupGeneral/RSV_BV.md', 'source/about/index.md',
      'source/_posts/AzureVMBackup/CRR/CRR_01.png', 'source/files/tool.zip']),
  };
  const from = 'source/_posts/AzureBackupGeneral/Backup_Overview.md';
  const cases: [string, ReturnType<typeof resolveInternal>['kind'], string?][] = [
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR/', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR/#2', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/Nope/', 'missing', 'link/internal-missing'],
    ['/blog/AzureBackupGeneral/RSV_BV/', 'article'],
    ['/blog/about/', 'article'],
    ['/blog/tags/how-to/', 'ok'],
    ['/blog/AzureVMBackup/CRR/CRR_01.png', 'ok'],
    ['/blog/AzureVMBackup/CRR/CRR_02.png', 'missing', 'link/missing-file'],
    ['/AzureVMBackup/CRR/', 'missing', 'link/internal-missing'],
    ['../AzureVMBackup/CRR.md#2', 'article'],
    ['./RSV_BV.md', 'article'],
    ['../AzureVMBackup/Nope.md', 'missing', 'link/internal-missing'],
    ['../AzureVMBackup/CRR/CRR_01.png', 'ok'],
    ['../../files/tool.zip', 'ok'],
    ['./Backup_Overview/missing.png', 'missing', 'link/missing-file'],
    ['https://learn.microsoft.com/ja-jp/azure/', 'external'],
    ['https://jpabrs-scem.github.io/blog/AzureVMBackup/CRR/', 'external'],
    ['mailto:support@example.com', 'external'],
  ];
  for (const [href, kind, rule] of cases) {
    it(`${href} → ${rule ?? kind}`, () => {
      const target = resolveInternal(href, from, index);
      assert.equal(target.kind, kind);
      if (rule) assert.equal(target.kind === 'missing' && target.rule, rule);
    });
  }

  it('suggests the closest article and the missing root', () => {
    const typo = resolveInternal('/blog/AzureVMBackup/CRRR/', from, index);
    assert.equal(typo.kind === 'missing' && typo.suggestion, '/blog/AzureVMBackup/CRR/');
    const rootless = resolveInternal('/AzureVMBackup/CRR/#2', from, index);
    assert.equal(rootless.kind === 'missing' && rootless.suggestion, '/blog/AzureVMBackup/CRR/#2');
  });

  it('maps files to routes and relative .md links to URLs', () => {
    assert.equal(routeOf('source/_posts/A/B.md'), 'A/B/');
    assert.equal(routeOf('source/about/index.md'), 'about/');
    assert.equal(markdownLinkToUrl('../AzureVMBackup/CRR.md#2', '_posts/AzureBackupGeneral', '/blog/'), '/blog/AzureVMBackup/CRR/#2');
    assert.equal(markdownLinkToUrl('./記事.md', '_posts/A', '/blog/'), '/blog/A/%E8%A8%98%E4%BA%8B/');
    // As marked writes it: percent-encoded once, decoded once.
    assert.equal(markdownLinkToUrl('./%E8%A8%98%E4%BA%8B.md#%E6%A6%82%E8%A6%81', '_posts/A', '/blog/'), '/blog/A/%E8%A8%98%E4%BA%8B/#%E6%A6%82%E8%A6%81');
    assert.equal(markdownLinkToUrl('./100%2525.md', '_posts/A', '/blog/'), '/blog/A/100%2525/');
    assert.equal(markdownLinkToUrl('https://example.com/a.md', '_posts/A', '/blog/'), undefined);
    assert.equal(markdownLinkToUrl('./image.png', '_posts/A', '/blog/'), undefined);
  });
});
