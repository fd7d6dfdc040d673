import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processPostHtml } from '../../lib/html/post-html';
import { isCaptionAlt } from '../../lib/html/figures';

const html = (input: string, figures = { border: true, caption: true }) =>
  processPostHtml(input, { resolveSrc: (s) => s, figures, responsive: true }).html;

describe('tables, screenshots and URLs in a narrow column', () => {
  it('wraps article tables in a named, focusable scroll region, marking those with a header', () => {
    assert.equal(html('<table><thead><tr><th>a</th></tr></thead></table>'),
      '<div class="sb-table sb-table-head" role="region" tabindex="0" aria-label="表 (横にスクロールできます)"><table><thead><tr><th>a</th></tr></thead></table></div>');
    assert.equal(html('<p>前</p><table><tr><td>a</td></tr></table><p>後</p>'),
      '<p>前</p><div class="sb-table" role="region" tabindex="0" aria-label="表 (横にスクロールできます)"><table><tr><td>a</td></tr></table></div><p>後</p>');
  });

  it('leaves code laid out as a table, tables in tables and wrapped tables alone', () => {
    const code = '<figure class="highlight bash"><table><tr><td class="code"><pre>ls</pre></td></tr></table></figure>';
    assert.equal(html(code), code);
    assert.equal((html('<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>').match(/sb-table/g) ?? []).length, 1);
    const once = html('<table><tr><td>a</td></tr></table>');
    assert.equal(html(once), once);
  });

  it('captions a screenshot with a meaningful alt, hidden from screen readers, and borders it', () => {
    assert.equal(html('<p>手順<br><img src="a.png" alt="復元の &quot;開始&quot; 画面 <1>"></p>'),
      '<p>手順<br><span class="sb-figure"><img src="a.png" alt="復元の &quot;開始&quot; 画面 <1>" loading="lazy" class="sb-shot">' +
      '<span class="sb-caption" aria-hidden="true">復元の &quot;開始&quot; 画面 &lt;1&gt;</span></span></p>');
  });

  it('gives no caption to file names, generic words, images in links or cells, and leaves icons alone', () => {
    for (const alt of ['', ' ', 'image', 'image1', '画像', 'スクリーンショット 2', 'shot.png', 'IMG_0001.JPG']) assert.equal(isCaptionAlt(alt), false, alt);
    for (const alt of ['復元の開始画面', 'Azure portal のバックアップ センター', 'image of the portal']) assert.equal(isCaptionAlt(alt), true, alt);
    assert.doesNotMatch(html('<a href="x"><img src="a.png" alt="拡大"></a>'), /sb-caption/);
    assert.doesNotMatch(html('<table><tr><td><img src="a.png" alt="表の中"></td></tr></table>'), /sb-caption/);
    assert.equal(html('<img src="i.png" alt="アイコン" width="32">'), '<img src="i.png" alt="アイコン" width="32" loading="lazy">');
  });

  it('follows the images settings', () => {
    assert.equal(html('<img src="a.png" alt="画面">', { border: false, caption: false }), '<img src="a.png" alt="画面" loading="lazy">');
    assert.equal(html('<img src="a.png" alt="画面" class="wide">', { border: true, caption: false }), '<img src="a.png" alt="画面" class="wide sb-shot" loading="lazy">');
  });

  it('lets links whose text is a long URL wrap anywhere', () => {
    assert.equal(html('<a href="https://learn.microsoft.com/ja-jp/azure/backup/">https://learn.microsoft.com/ja-jp/azure/backup/</a>'),
      '<a href="https://learn.microsoft.com/ja-jp/azure/backup/" class="sb-url">https://learn.microsoft.com/ja-jp/azure/backup/</a>');
    assert.equal(html('<a href="https://learn.microsoft.com/">公開ドキュメント</a>'), '<a href="https://learn.microsoft.com/">公開ドキュメント</a>');
  });
});
