import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { flatPart, flatString } from '../../lib/text/flat';

/** V8's representation of strings made by a script, as %DebugPrint reports it. */
function representations(script: string): string[] {
  const flat = path.resolve(__dirname, '../../lib/text/flat.js');
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', `const { flatString, flatPart } = require(${JSON.stringify(flat)});\n${script}`], { encoding: 'utf8' });
  return [...out.matchAll(/^ - type: (\w+)$/gm)].filter((m) => m[1] !== 'NULL_TYPE').map((m) => m[1]!);
}

describe('flatString', () => {
  it('returns the same text, lone surrogates and all', () => {
    let rope = '';
    for (let i = 0; i < 1000; i++) rope += `<p>段落 ${i}</p>`;
    assert.equal(flatString(rope), rope);
    for (const text of ['', 'abc', '\ud800', 'a\udc00b', '😀 絵文字']) assert.equal(flatString(text), text);
  });

  it('turns a rope of concatenated pieces into one sequential string', () => {
    const [rope, flat] = representations("let s = ''; for (let i = 0; i < 1000; i++) s += '<p>段落 ' + i + '</p>'; %DebugPrint(s); %DebugPrint(flatString(s));");
    assert.match(rope!, /^CONS_/);
    // A sequential two-byte string is V8's plain STRING_TYPE.
    assert.equal(flat, 'STRING_TYPE');
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

  it('is a view into the whole when the part occurs in it, else a flat copy', () => {
    const [inside, outside] = representations("let w = ''; for (let i = 0; i < 200; i++) w += '<p>本文 ' + i + '</p>'; w = flatString(w); let p = ''; for (let i = 0; i < 100; i++) p += '<p>本文 ' + i + '</p>'; let q = ''; for (let i = 0; i < 100; i++) q += '<p>抜粋 ' + i + '</p>'; %DebugPrint(flatPart(p, w)); %DebugPrint(flatPart(q, w));");
    assert.match(inside!, /^SLICED_/);
    assert.equal(outside, 'STRING_TYPE');
  });
});
