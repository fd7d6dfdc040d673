import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeJsonLd, scriptSafeJson } from '../../lib/html/json-ld';

const block = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('JSON-LD escaping', () => {
  it('rewrites a block that a title broke out of, keeping every value', () => {
    const data = { headline: '</script><script>alert(1)</script><!--', description: 'a "quoted" \\ & \u2028 b', n: [1, { x: '}' }] };
    const page = `<head>${block(data)}<meta name="x"></head>`;
    const out = escapeJsonLd(page);
    const inner = /<script type="application\/ld\+json">([^<]*)<\/script><meta name="x"><\/head>$/.exec(out)?.[1];
    assert.ok(inner, out);
    assert.deepEqual(JSON.parse(inner), data);
    assert.doesNotMatch(inner, /[<>&\u2028]/);
  });

  it('leaves pages without JSON-LD as they are, and handles several blocks', () => {
    assert.equal(escapeJsonLd('<p>a</p>'), '<p>a</p>');
    const two = `${block({ a: '<' })}<p>x</p>${block(['>'])}`;
    assert.equal(escapeJsonLd(two), `<script type="application/ld+json">{"a":"\\u003c"}</script><p>x</p><script type="application/ld+json">["\\u003e"]</script>`);
  });

  it('drops a block that is not JSON instead of leaving it as markup', () => {
    assert.equal(escapeJsonLd('<script type="application/ld+json">{"a": </script><p>after</p>'), '<p>after</p>');
    assert.equal(escapeJsonLd('<script type="application/ld+json">not json</script><p>after</p>'), '<p>after</p>');
  });

  it('writes JSON that stays data in a script element', () => {
    assert.equal(scriptSafeJson({ t: '</script>&' }), '{"t":"\\u003c/script\\u003e\\u0026"}');
  });
});
