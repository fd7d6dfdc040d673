import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { japaneseTimeTitles } from '../../lib/html/time';

describe('date titles', () => {
  it('writes the title of each <time> in Japanese, in the site timezone', () => {
    const html = '<time dateTime="2024-06-03T01:00:00.000Z" title="6/3/2024, 10:00:00 AM">2024/06/03</time>';
    assert.equal(japaneseTimeTitles(html, 'Asia/Tokyo'), '<time dateTime="2024-06-03T01:00:00.000Z" title="2024年6月3日 10:00">2024/06/03</time>');
    assert.equal(japaneseTimeTitles(html, 'UTC'), '<time dateTime="2024-06-03T01:00:00.000Z" title="2024年6月3日 1:00">2024/06/03</time>');
  });

  it('leaves a time it cannot read as it is', () => {
    const html = '<time dateTime="not a date" title="x">?</time>';
    assert.equal(japaneseTimeTitles(html, 'Asia/Tokyo'), html);
  });
});
