import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyExternal, splitUrl } from '../../lib/links/classify';
import { articleUrl, resolveTarget, routeOfSource, schemeOf, type SiteIndex } from '../../lib/links/resolve';
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
    assert.throws(() => normalizeLinkOptions({ cache_ttl: 3 }), /links\.cache_ttl: 不明な設定です \(links\.cache_ttl_days のことですか\?\)/);
  });
});

describe('link targets', () => {
  const articles = new Map([
    ['AzureVMBackup/CRR/', 'source/_posts/AzureVMBackup/CRR.md'],
    ['AzureBackupGeneral/RSV_BV/', 'source/_posts/AzureBackupGeneral/RSV_BV.md'],
    ['AzureBackupGeneral/記事/', 'source/_posts/AzureBackupGeneral/記事.md'],
    ['about/', 'source/about/index.md'],
  ]);
  const index: SiteIndex = {
    siteUrl: 'https://contoso-jp-support.github.io/blog/',
    root: '/blog/',
    sourceDir: 'source',
    articles,
    routes: new Map([...articles].map(([route, file]) => [file, route])),
    files: new Set([...articles.values(), 'source/_posts/AzureVMBackup/CRR/CRR_01.png', 'source/files/tool.zip']),
  };
  const from = 'source/_posts/AzureBackupGeneral/Backup_Overview.md';
  const cases: [string, ReturnType<typeof resolveTarget>['kind'], string?][] = [
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR/', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/CRR/#2', 'article'],
    ['https://contoso-jp-support.github.io/blog/AzureVMBackup/Nope/', 'missing', 'link/internal-missing'],
    ['/blog/AzureBackupGeneral/RSV_BV/', 'article'],
    ['/blog/about/', 'article'],
    ['/blog/tags/how-to/', 'file'],
    ['/blog/AzureVMBackup/CRR/CRR_01.png', 'file'],
    ['/blog/AzureVMBackup/CRR/CRR_02.png', 'missing', 'link/missing-file'],
    ['/AzureVMBackup/CRR/', 'missing', 'link/internal-missing'],
    ['../AzureVMBackup/CRR.md#2', 'article'],
    ['./RSV_BV.md', 'article'],
    ['../AzureVMBackup/Nope.md', 'missing', 'link/internal-missing'],
    ['../AzureVMBackup/CRR/CRR_01.png', 'file'],
    ['../../files/tool.zip', 'file'],
    ['./Backup_Overview/missing.png', 'missing', 'link/missing-file'],
    ['https://learn.microsoft.com/ja-jp/azure/', 'external'],
    ['https://jpabrs-scem.github.io/blog/AzureVMBackup/CRR/', 'external'],
    ['mailto:support@example.com', 'scheme'],
    ['#概要', 'fragment'],
    ['', 'empty'],
    ['javascript:alert(1)', 'unsafe'],
    ['jav&#x61;script:alert(1)', 'unsafe'],
    [' JAVA\tSCRIPT:alert(1)', 'unsafe'],
    ['vbscript:msgbox', 'unsafe'],
    ['data:text/html,<script>alert(1)</script>', 'unsafe'],
  ];
  for (const [href, kind, rule] of cases) {
    it(`${JSON.stringify(href)} → ${rule ?? kind}`, () => {
      const target = resolveTarget(href, from, index);
      assert.equal(target.kind, kind);
      if (rule) assert.equal(target.kind === 'missing' && target.rule, rule);
    });
  }

  it('allows data: images but no other data: URLs', () => {
    assert.equal(resolveTarget('data:image/png;base64,iVBOR', from, index, true).kind, 'scheme');
    assert.equal(resolveTarget('data:image/svg+xml,<svg onload=alert(1)>', from, index, true).kind, 'unsafe');
    assert.equal(schemeOf('&#x6A;avascript:x'), 'javascript');
  });

  it('suggests the closest article and the missing root', () => {
    const typo = resolveTarget('/blog/AzureVMBackup/CRRR/', from, index);
    assert.equal(typo.kind === 'missing' && typo.suggestion, '/blog/AzureVMBackup/CRR/');
    const rootless = resolveTarget('/AzureVMBackup/CRR/#2', from, index);
    assert.equal(rootless.kind === 'missing' && rootless.suggestion, '/blog/AzureVMBackup/CRR/#2');
  });

  it('finds routes from the permalink setting and front-matter, not from an assumed :title/', () => {
    assert.equal(routeOfSource('source/_posts/A/B.md', 'source', ':title/', {}), 'A/B/');
    assert.equal(routeOfSource('source/_posts/A/B.md', 'source', ':year/:month/:day/:name/', { date: '2024-5-7 09:00:00' }), '2024/05/07/B/');
    assert.equal(routeOfSource('source/_posts/A/B.md', 'source', ':title/', { permalink: '/custom/path/' }), 'custom/path/');
    assert.equal(routeOfSource('source/about/index.md', 'source', ':title/', {}), 'about/');
    assert.equal(routeOfSource('source/faq.md', 'source', ':title/', {}), 'faq.html');
  });

  it('maps relative .md links to the target article\'s URL', () => {
    assert.equal(articleUrl('../AzureVMBackup/CRR.md#2', from, index), '/blog/AzureVMBackup/CRR/#2');
    assert.equal(articleUrl('./記事.md', from, index), '/blog/AzureBackupGeneral/%E8%A8%98%E4%BA%8B/');
    // As marked writes it: percent-encoded once, decoded once.
    assert.equal(articleUrl('./%E8%A8%98%E4%BA%8B.md#%E6%A6%82%E8%A6%81', from, index), '/blog/AzureBackupGeneral/%E8%A8%98%E4%BA%8B/#%E6%A6%82%E8%A6%81');
    assert.equal(articleUrl('https://example.com/a.md', from, index), undefined);
    assert.equal(articleUrl('./image.png', from, index), undefined);
    assert.equal(articleUrl('./Nope.md', from, index), undefined);
  });
});
