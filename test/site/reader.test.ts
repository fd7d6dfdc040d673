/// <reference lib="dom" />
/**
 * Reading a long support article: the old theme's features (tag tree, 全記事一覧, contributors,
 * footer links, captions, outdated warning, review list) in the built HTML, and the layout a reader
 * sees in Chromium at 390 px and 1280 px, light and dark (screenshots in test-results/).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSite, loadPage, makeSite, removeSite, run, REPO } from '../helpers/site';
import { serveSite, type StaticServer } from '../helpers/static-server';
import { launchBrowser, openPage } from '../helpers/browser';
import { screenshotPng } from '../helpers/png';

const ARTIFACTS = path.join(REPO, 'test-results');
const CHECK = path.join(REPO, 'dist', 'lib', 'cli', 'check.js');
const WIDE = '/blog/Reader/Wide_Table/';

const CONFIG = `title: 読みやすさの確認
check:
  tags: [Azure VM Backup, Azure Backup General, how to, Information, 復元]
tag_tree:
  roots: [Azure VM Backup, Azure Backup General]
footer_links:
  プライバシー: https://example.com/privacy
  利用規約: https://example.com/terms
review:
  after_months: 12
`;

const WIDE_TABLE = `---
title: 幅の広い表とスクリーンショットのある記事
date: 2024-06-03 10:00:00
tags:
  - Azure VM Backup
  - how to
outdated: true
---
Azure VM バックアップの構成を、幅の広い表とスクリーンショットで説明します。

<!-- more -->

## 1. 構成の一覧
| バックアップの種類 | バックアップ対象 | 復元方法 | 公開ドキュメント | 備考 |
| :---- | :---- | :---- | :---- | :---- |
| Azure VM バックアップ | Azure VM のディスク | <ul><li>新しい VM として復元</li><li>ディスクの復元</li></ul> | https://learn.microsoft.com/ja-jp/azure/backup/backup-azure-vms-introduction | アプリケーション整合性のスナップショットに対応します |
| Azure ディスク バックアップ | マネージド ディスク | 新しいディスクとして復元 | https://learn.microsoft.com/ja-jp/azure/backup/disk-backup-overview | クラッシュ整合性のスナップショットです |

## 2. 画面
Azure portal でバックアップ センターを開きます。
![バックアップ センターの画面](Wide_Table/center.png)

ファイル名だけの代替テキストには説明を付けません。
![center.png](Wide_Table/center.png)

<img src="Wide_Table/center.png" alt="アイコン" width="32">

## 3. コマンド
\`\`\`powershell
Get-AzRecoveryServicesBackupItem -BackupManagementType AzureVM -WorkloadType AzureVM -VaultId $vault.ID -Name "vm-production-japaneast-001"
\`\`\`

詳しくは https://learn.microsoft.com/ja-jp/azure/backup/backup-azure-arm-restore-vms-and-disks-with-a-very-long-name をご覧ください。
`;

const OLD_NOTE = `---
title: 以前の仕様についての記事
date: 2020-01-15 10:00:00
tags:
  - Azure Backup General
  - Information
outdated: この記事は 2020 年時点の仕様に基づいています。<b>最新</b>の情報は公開ドキュメントをご確認ください。
---
以前の仕様についてのメモです。
`;

const RESTORE = `---
title: 復元の手順
date: 2025-02-01 10:00:00
tags:
  - Azure VM Backup
  - 復元
---
復元の手順です。
`;

async function git(dir: string, date: string, author: string, ...files: string[]): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const g = (...args: string[]) => run('git', ['-c', `user.name=${author}`, '-c', 'user.email=author@example.com', ...args], dir, env);
  if (!(await fs.stat(path.join(dir, '.git')).catch(() => undefined))) await g('init', '-q');
  await g('add', ...files);
  const result = await g('commit', '-q', '-m', `${author} の変更`);
  assert.equal(result.code, 0, result.stderr);
}

describe('reading a long support article', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  const problems: string[] = [];
  const recent = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();

  before(async () => {
    dir = await makeSite({
      fixture: null,
      files: {
        '_config.test.yml': CONFIG,
        'source/_posts/Reader/Wide_Table.md': WIDE_TABLE,
        'source/_posts/Reader/Old_Note.md': OLD_NOTE,
        'source/_posts/Restore/Restore_Steps.md': RESTORE,
      },
    });
    await fs.mkdir(path.join(dir, 'source/_posts/Reader/Wide_Table'), { recursive: true });
    await fs.writeFile(path.join(dir, 'source/_posts/Reader/Wide_Table/center.png'), screenshotPng(1200, 640, 1));
    // Two authors of one article; one article untouched for two years.
    await git(dir, '2022-03-01T10:00:00+09:00', '佐藤 花子', '.');
    await fs.appendFile(path.join(dir, 'source/_posts/Reader/Wide_Table.md'), '\n追記しました。\n');
    await fs.appendFile(path.join(dir, 'source/_posts/Restore/Restore_Steps.md'), '\n追記しました。\n');
    await git(dir, recent, '鈴木 一郎', 'source/_posts/Reader/Wide_Table.md', 'source/_posts/Restore/Restore_Steps.md');
    const built = await buildSite(dir);
    assert.equal(built.code, 0, built.stdout + built.stderr);
    server = await serveSite(path.join(dir, 'public'));
    browser = await launchBrowser();
    await fs.mkdir(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await removeSite(dir);
  });

  describe('in the built pages', () => {
    it('wraps article tables in a focusable, named scroll region, and leaves code tables alone', async () => {
      const $ = await loadPage(dir, WIDE);
      const region = $('.article .content .sb-table');
      assert.equal(region.length, 1);
      assert.deepEqual({ ...region.attr() }, { class: 'sb-table sb-table-head', role: 'region', tabindex: '0', 'aria-label': '表 (横にスクロールできます)' });
      assert.equal(region.children('table').find('th').length, 5);
      assert.equal($('figure.highlight table').parent('.sb-table').length, 0);
    });

    it('gives screenshots a border class and the meaningful alt text as a caption', async () => {
      const $ = await loadPage(dir, WIDE);
      const figures = $('.article .content .sb-figure');
      assert.equal(figures.length, 1);
      assert.equal(figures.find('img').attr('alt'), 'バックアップ センターの画面');
      assert.equal(figures.find('.sb-caption').text(), 'バックアップ センターの画面');
      assert.equal(figures.find('.sb-caption').attr('aria-hidden'), 'true');
      assert.deepEqual($('.article .content img').map((_, img) => $(img).hasClass('sb-shot')).get(), [true, true, false]);
    });

    it('lets bare URLs wrap and shows the outdated warning at the top of the article, as text', async () => {
      const $ = await loadPage(dir, WIDE);
      assert.ok($('.article .content a.sb-url').length >= 3);
      const banner = $('.article .content > .sb-outdated');
      assert.equal(banner.text(), 'ご注意 本記事は、投稿より時間が経過しており、一部内容が古い可能性があります。');
      assert.equal($('.article .content').children().first().is('.sb-outdated'), true);
      const old = await loadPage(dir, '/blog/Reader/Old_Note/');
      assert.equal(old('.sb-outdated').text(), 'ご注意 この記事は 2020 年時点の仕様に基づいています。<b>最新</b>の情報は公開ドキュメントをご確認ください。');
      assert.equal((await loadPage(dir, '/blog/Restore/Restore_Steps/'))('.sb-outdated').length, 0);
    });

    it('names the contributors from git, first contributor first', async () => {
      assert.equal((await loadPage(dir, WIDE))('.sb-contributors').text(), 'この記事の執筆・更新: 佐藤 花子、鈴木 一郎');
      assert.equal((await loadPage(dir, '/blog/Reader/Old_Note/'))('.sb-contributors').text(), 'この記事の執筆・更新: 佐藤 花子');
    });

    it('shows the tag tree on the tags page: root tags with their articles\' other tags and counts', async () => {
      const $ = await loadPage(dir, '/blog/tags/');
      const tree = $('.sb-tag-tree');
      const items = (list: ReturnType<typeof $>) => list.children('li').map((_, li) => $(li).clone().children('ul').remove().end().text()).get();
      assert.deepEqual(items(tree.children('ul')), ['Azure VM Backup(2)', 'Azure Backup General(1)']);
      assert.deepEqual(items(tree.find('> ul > li').eq(0).children('ul')), ['how to(1)', '復元(1)']);
      assert.deepEqual(items(tree.find('> ul > li').eq(1).children('ul')), ['Information(1)']);
      for (const href of tree.find('a').map((_, a) => $(a).attr('href')).get()) {
        assert.ok((await fs.stat(path.join(dir, 'public', decodeURIComponent(href.replace(/^\/blog\//, '')), 'index.html')).catch(() => undefined))?.isFile(), href);
      }
    });

    it('writes 全記事一覧 with every article by area, newest first, linked from the navbar', async () => {
      const $ = await loadPage(dir, '/blog/all-articles/');
      assert.equal($('h1.title').text(), '全記事一覧');
      assert.deepEqual($('.sb-all-articles h2').map((_, h) => $(h).text()).get(), ['Reader(2 件)', 'Restore(1 件)']);
      assert.deepEqual($('.sb-all-articles ul').first().find('li').map((_, li) => $(li).text()).get(),
        ['2024/06/03幅の広い表とスクリーンショットのある記事', '2020/01/15以前の仕様についての記事']);
      assert.equal($('.navbar-start a[href="/blog/all-articles/"]').text(), '全記事一覧');
    });

    it('adds the configured footer links to every page', async () => {
      for (const route of ['/blog/', WIDE, '/blog/all-articles/']) {
        const $ = await loadPage(dir, route);
        // The repository's _config.yml adds a third link; the test configuration's come first.
        assert.deepEqual($('footer .level-end a').map((_, a) => `${$(a).text()} ${$(a).attr('href')}`).get().slice(0, 2),
          ['プライバシー https://example.com/privacy', '利用規約 https://example.com/terms'], route);
      }
    });
  });

  it('lists the articles not updated for review.after_months in check --review, oldest first', async () => {
    const result = await run(process.execPath, [CHECK, '--review'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '最終更新から 12 か月以上たった記事: 1 件 (3 件中)\n' +
      'source/_posts/Reader/Old_Note.md  2022-03-01  以前の仕様についての記事  [outdated 表示済み]\n');
    const json = JSON.parse((await run(process.execPath, [CHECK, '--review', '--format', 'json'], dir)).stdout) as { file: string; from: string }[];
    assert.deepEqual(json.map((i) => [i.file, i.from]), [['source/_posts/Reader/Old_Note.md', 'git']]);
  });

  async function open(route: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await openPage(browser, server.origin + route, problems, `${route} ${width}px`, { width, height: width < 600 ? 844 : 900, colorScheme });
    await page.waitForFunction(() => document.querySelector('.sb-search-button') !== null);
    return page;
  }

  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`lays the article out at ${width} px (${scheme}): no page overflow, tables and code scroll inside the column`, async () => {
        const page = await open(WIDE, width, scheme);
        const layout = await page.evaluate(() => {
          const table = document.querySelector<HTMLElement>('.sb-table')!;
          // icarus's script moves the code into .highlight-body, which scrolls.
          const code = document.querySelector<HTMLElement>('figure.highlight .highlight-body') ?? document.querySelector<HTMLElement>('figure.highlight')!;
          const column = document.querySelector<HTMLElement>('.article .content')!;
          return {
            page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
            table: [table.scrollWidth, table.clientWidth, getComputedStyle(table).overflowX],
            tableFits: table.getBoundingClientRect().right <= column.getBoundingClientRect().right + 1,
            code: [code.scrollWidth, code.clientWidth, getComputedStyle(code).overflowX],
            minCell: Math.min(...Array.from(document.querySelectorAll<HTMLElement>('.sb-table td')).map((td) => td.getBoundingClientRect().width)),
          };
        });
        assert.ok(layout.page[0]! <= layout.page[1]!, `page ${layout.page[0]} px wide in a ${layout.page[1]} px window`);
        assert.equal(layout.table[2], 'auto');
        assert.ok(layout.tableFits, 'the table region stays inside the column');
        assert.ok(layout.table[0]! > layout.table[1]!, `the wide table scrolls (${layout.table[0]} > ${layout.table[1]})`);
        assert.equal(layout.code[2], 'auto');
        if (width === 390) assert.ok(layout.code[0]! > layout.code[1]!, 'the long command scrolls');
        assert.ok(layout.minCell >= 90, `cells keep a readable width (${layout.minCell} px)`);
        await page.screenshot({ path: path.join(ARTIFACTS, `reader-${width}-${scheme}.png`), fullPage: true });
        await page.close();
      });
    }
  }

  it('sets Japanese typography: line height 1.8, bold headings, strict line breaking, phrase breaks in cells', async () => {
    const page = await open(WIDE, 390);
    const style = await page.evaluate(() => {
      const p = getComputedStyle(document.querySelector('.article .content p')!);
      const h2 = getComputedStyle(document.querySelector('.article .content h2')!);
      const td = getComputedStyle(document.querySelector('.sb-table td')!);
      return { ratio: parseFloat(p.lineHeight) / parseFloat(p.fontSize), lineBreak: p.lineBreak, h2: h2.fontWeight, title: getComputedStyle(document.querySelector('.article .title')!).fontWeight, td: td.wordBreak };
    });
    assert.ok(style.ratio >= 1.7 && style.ratio <= 1.85, `line height ${style.ratio}`);
    assert.equal(style.lineBreak, 'strict');
    assert.equal(style.h2, '700');
    assert.equal(style.title, '700');
    assert.equal(style.td, 'auto-phrase');
    // No line of a table cell starts with a small kana or the long vowel mark (デ/ィスク).
    const starts = await page.evaluate(() => {
      const found: string[] = [];
      for (const cell of Array.from(document.querySelectorAll('.sb-table td, .sb-table th'))) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          let lastTop: number | undefined;
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = range.getBoundingClientRect().top;
            if (lastTop !== undefined && top > lastTop + 2 && /[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー]/.test(text[i]!)) found.push(text.slice(Math.max(0, i - 3), i + 3));
            lastTop = top;
          }
        }
      }
      return found;
    });
    assert.deepEqual(starts, []);
    await page.close();
  });

  it('keeps a one-row navbar at the top after scrolling, with search, theme and TOC buttons', async () => {
    for (const width of [390, 1280]) {
      const page = await open(WIDE, width);
      await page.evaluate(() => window.scrollTo(0, 1500));
      await page.waitForFunction(() => window.scrollY > 0);
      const bar = await page.evaluate(() => {
        const nav = document.querySelector<HTMLElement>('.navbar-main')!.getBoundingClientRect();
        const visible = (sel: string) => {
          const el = document.querySelector<HTMLElement>(sel);
          if (!el) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.top >= nav.top && r.bottom <= nav.bottom;
        };
        const sidebar = document.querySelector<HTMLElement>('.column-right, .column-left');
        const sidebarTop = sidebar && getComputedStyle(sidebar).position === 'sticky' ? sidebar.getBoundingClientRect().top : undefined;
        return { top: nav.top, height: nav.height, bottom: nav.bottom, sidebarTop, search: visible('.sb-search-button'), theme: visible('.sb-theme-toggle'), toc: visible('.navbar-main .catalogue'), menu: visible('.sb-menu-button') };
      });
      assert.equal(bar.top, 0, `${width}px`);
      assert.ok(bar.height <= 60, `one row at ${width}px: ${bar.height}px`);
      assert.ok(bar.search && bar.theme, `${width}px: ${JSON.stringify(bar)}`);
      assert.equal(bar.toc, width < 769, `the TOC button is there on phones (${width}px)`);
      assert.equal(bar.menu, width < 769, `the page links fold into a menu on phones (${width}px)`);
      if (bar.sidebarTop !== undefined) assert.ok(bar.sidebarTop >= bar.bottom, `the sticky sidebar stays below the navbar (${bar.sidebarTop} ≥ ${bar.bottom})`);
      await page.close();
    }
  });

  it('opens the page links from the phone menu and closes them with Esc', async () => {
    const page = await open(WIDE, 390);
    const links = page.locator('.navbar-start a[href="/blog/all-articles/"]');
    assert.equal(await links.isVisible(), false);
    await page.click('.sb-menu-button');
    assert.equal(await page.getAttribute('.sb-menu-button', 'aria-expanded'), 'true');
    assert.equal(await links.isVisible(), true);
    await page.keyboard.press('Escape');
    assert.equal(await links.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('sb-menu-button')), true);
    await page.close();
  });

  it('opens the search with / and with Ctrl+K, but not while typing', async () => {
    const page = await open(WIDE, 1280);
    // Pagefind's UI arrives only after the reader has typed: on a slow line or a busy machine the
    // first keystrokes come before its field exists, and none may be lost.
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/pagefind/pagefind-ui.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.press('/');
    await page.waitForSelector('dialog.sb-search-dialog[open]');
    await page.keyboard.type('バックア');
    assert.equal(await page.locator('.pagefind-ui__search-input').count(), 0);
    release();
    await page.waitForSelector('.pagefind-ui__search-input');
    await page.keyboard.type('ップ');
    const field = await page.evaluate(() => {
      const input = document.activeElement as HTMLInputElement | null;
      return { value: input?.value, pagefind: input?.classList.contains('pagefind-ui__search-input'), pending: document.querySelectorAll('.sb-search-pending').length };
    });
    assert.deepEqual(field, { value: 'バックアップ', pagefind: true, pending: 0 });
    // The text typed before the UI came is searched for, as if typed into Pagefind's field.
    await page.waitForSelector('.pagefind-ui__message');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog.sb-search-dialog:not([open])', { state: 'attached' });
    await page.keyboard.press('Control+k');
    await page.waitForSelector('dialog.sb-search-dialog[open]');
    await page.close();
  });

  it('captions screenshots, borders them and dims them in dark mode, undimmed when zoomed', async () => {
    const page = await open(WIDE, 1280, 'dark');
    const img = page.locator('.sb-figure img');
    await img.scrollIntoViewIfNeeded();
    assert.equal(await page.locator('.sb-figure .sb-caption').innerText(), 'バックアップ センターの画面');
    const before = await img.evaluate((el) => ({ border: getComputedStyle(el).borderTopWidth, filter: getComputedStyle(el).filter }));
    assert.deepEqual(before, { border: '1px', filter: 'brightness(0.82)' });
    await img.evaluate((el: HTMLImageElement) => (el.complete ? undefined : new Promise((resolve) => el.addEventListener('load', resolve))));
    await img.click();
    await page.waitForSelector('.medium-zoom-image--opened');
    assert.equal(await page.locator('.medium-zoom-image--opened').first().evaluate((el) => getComputedStyle(el).filter), 'none');
    await page.close();
  });

  it('shows dates in Japanese and the older and newer article as 前の記事 / 次の記事', async () => {
    const page = await open('/blog/Restore/Restore_Steps/', 390);
    assert.match(await page.getAttribute('.article-meta time', 'title') ?? '', /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    const nav = await page.locator('.sb-post-nav a').evaluateAll((links) => links.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), height: r.height };
    }));
    assert.deepEqual(nav.map((n) => n.text), ['前の記事 幅の広い表とスクリーンショットのある記事']);
    assert.ok(nav[0]!.height >= 44, `tap target ${nav[0]!.height}px`);
    await page.close();
  });

  it('folds この記事の内容 away on a click', async () => {
    const page = await open('/blog/Reader/Wide_Table/', 390);
    const list = page.locator('nav.sb-toc details > ul');
    assert.equal(await list.isVisible(), true);
    await page.click('nav.sb-toc summary');
    assert.equal(await list.isVisible(), false);
    await page.close();
  });

  it('made no failed request and logged no error on any page', () => {
    assert.deepEqual(problems, []);
  });
});
