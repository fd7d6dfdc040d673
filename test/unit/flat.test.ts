import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { flatPart, flatString } from '../../lib/text/flat';

describe('flatString', () => {
  it('returns the same text, lone surrogates and all', () => {
    let rope = '';
    for (let i = 0; i < 1000; i++) rope += `<p>段落 ${i}</p>`;
    assert.equal(flatString(rope), rope);
    for (const text of ['', 'abc', '\ud800', 'a\udc00b', '😀 絵文字']) assert.equal(flatString(text), text);
  });
});

describe('flatPart', () => {
  it('returns the part whether or not it occurs in the whole', () => {
    const whole = flatString('<p>本文</p><aside>免責事項</aside>');
    assert.equal(flatPart('<p>本文</p>', whole), '<p>本文</p>');
    assert.equal(flatPart('<aside>免責事項</aside>', whole), '<aside>免責事項</aside>');
    assert.equal(flatPart('<p>抜粋</p>', whole), '<p>抜粋</p>');
    assert.equal(flatPart('', whole), '');
  });
});
