import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoizeResolve, memoizeWidget, siteWideKey, type WidgetProps } from '../../lib/theme/widget-cache';

const site = {};
const config = { language: 'ja' };
const props = (over: Partial<WidgetProps> = {}): WidgetProps => ({ site, config, page: { path: 'a/index.html' }, widget: { type: 'archives' }, ...over });

describe('siteWideKey', () => {
  it('shares archives and recent posts between pages of the same language', () => {
    assert.equal(siteWideKey('archives', props()), siteWideKey('archives', props({ page: { path: 'b/index.html' } })));
    assert.notEqual(siteWideKey('archives', props()), siteWideKey('archives', props({ page: { lang: 'en', path: 'b/index.html' } })));
    assert.notEqual(siteWideKey('archives', props()), siteWideKey('archives', props({ widget: { type: 'archives', order: 1 } })));
  });

  it('keys on the page path when links are relative', () => {
    const relative = { language: 'ja', relative_link: true };
    assert.notEqual(siteWideKey('recent_posts', props({ config: relative })), siteWideKey('recent_posts', props({ config: relative, page: { path: 'b/index.html' } })));
  });

  it('does not share page-dependent widgets or calls without a page', () => {
    assert.equal(siteWideKey('toc', props()), null);
    assert.equal(siteWideKey('profile', props()), null);
    assert.equal(siteWideKey('categories', props({ widget: { showCurrent: true } })), null);
    assert.equal(siteWideKey('tags', props({ tags: [] })), null);
    assert.equal(siteWideKey('tags', { site, config }), null);
  });
});

describe('memoizeWidget', () => {
  it('renders once per site object and key', () => {
    let calls = 0;
    const render = memoizeWidget('archives', (p: WidgetProps) => ({ n: ++calls, lang: p.page?.lang }));
    const first = render(props());
    assert.equal(render(props({ page: { path: 'other' } })), first);
    assert.equal(calls, 1);
    render(props({ site: {} }));
    render(props({ page: { lang: 'en' } }));
    render({ ...props(), widget: undefined });
    assert.equal(calls, 4);
    const toc = memoizeWidget('toc', () => ++calls);
    toc(props());
    toc(props());
    assert.equal(calls, 6);
  });
});

describe('memoizeResolve', () => {
  it('remembers found and failed look-ups', () => {
    const asked: string[] = [];
    const resolve = memoizeResolve((name) => {
      asked.push(name);
      if (name === 'missing') throw new Error(`cannot find ${name}`);
      return `/x/${name}.js`;
    });
    assert.equal(resolve('a'), '/x/a.js');
    assert.equal(resolve('a'), '/x/a.js');
    assert.throws(() => resolve('missing'), /cannot find missing/);
    assert.throws(() => resolve('missing'), /cannot find missing/);
    assert.deepEqual(asked, ['a', 'missing']);
  });
});
