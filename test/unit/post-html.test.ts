import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { processPostHtml } from '../../lib/html/post-html';

const keep = { resolveSrc: (s: string) => s };

describe('processPostHtml', () => {
  it('closes an unclosed <font> at the end of its paragraph', () => {
    const { html } = processPostHtml('<p><font color="Red">赤</p>\n<p>黒</p>', keep);
    assert.equal(html, '<p><font color="Red">赤</font></p>\n<p>黒</p>');
  });

  it('closes an unclosed <span> inside its table cell', () => {
    const { html } = processPostHtml('<table><tr><td><span style="color:red">x</td><td>y</td></tr></table>', keep);
    assert.equal(html, '<table><tr><td><span style="color:red">x</span></td><td>y</td></tr></table>');
  });

  it('closes an unclosed <div> at the end of the article', () => {
    assert.equal(processPostHtml('<div class="x"><p>a</p>', keep).html, '<div class="x"><p>a</p></div>');
  });

  it('reads </br> as a line break and drops stray closing tags', () => {
    assert.equal(processPostHtml('<p>a</br>b</font></p>', keep).html, '<p>a<br>b</p>');
  });

  it('keeps entities, comments, code and attribute quotes as written', () => {
    const input = '<p>a &amp; b &lt;c&gt; &nbsp;</p><!-- more --><pre><code class="hljs">if (a &lt; b) { x(); }\n</code></pre><p title=\'say "hi"\'>q</p>';
    assert.equal(processPostHtml(input, keep).html,
      '<p>a &amp; b &lt;c&gt; &nbsp;</p><!-- more --><pre><code class="hljs">if (a &lt; b) { x(); }\n</code></pre><p title="say &quot;hi&quot;">q</p>');
  });

  it('resolves image sources and lazy-loads images', () => {
    const { html } = processPostHtml('<p><img src="./a/b.png" alt="x"><img src="c.png" loading="eager"></p>', {
      resolveSrc: (s) => `/blog/${s.replace(/^\.\//, '')}`,
    });
    assert.equal(html, '<p><img src="/blog/a/b.png" alt="x" loading="lazy"><img src="/blog/c.png" loading="eager"></p>');
  });

  it('takes the lead: blocks before the first heading, without <!-- more -->', () => {
    const { lead } = processPostHtml('<!-- more -->\n<p>一</p>\n<p>二</p>\n<h2>見出し</h2><p>三</p>', keep);
    assert.equal(lead, '<p>一</p>\n<p>二</p>');
  });

  it('limits the lead to three blocks and stops at a rule', () => {
    assert.equal(processPostHtml('<p>1</p><p>2</p><p>3</p><p>4</p>', keep).lead, '<p>1</p>\n<p>2</p>\n<p>3</p>');
    assert.equal(processPostHtml('<p>1</p><hr><p>2</p>', keep).lead, '<p>1</p>');
    assert.equal(processPostHtml('<h2>a</h2><p>1</p><p>2</p>', keep).lead, '<p>1</p>');
    assert.equal(processPostHtml('<h2>a</h2><ul><li>1</li></ul>', keep).lead, '');
  });
});
