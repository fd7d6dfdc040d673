import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGitLog } from '../../lib/git/last-updated';

describe('parseGitLog', () => {
  const out = '\0' + '2025-03-01T10:00:00+09:00\t佐藤 花子\n\nsource/_posts/A/記事.md\n' +
    '\0' + '2025-02-01T10:00:00+09:00\t鈴木 一郎\n\nsource/_posts/A/記事.md\nsource/_posts/B/Other.md\n' +
    '\0' + '2025-01-15T10:00:00+09:00\t佐藤 花子\n\nsource/_posts/A/記事.md\n' +
    '\0' + '2025-01-01T10:00:00+09:00\t田中 次郎\n\n';

  it('keeps the newest date of each file', () => {
    assert.deepEqual([...parseGitLog(out).dates], [
      ['source/_posts/A/記事.md', '2025-03-01T10:00:00+09:00'],
      ['source/_posts/B/Other.md', '2025-02-01T10:00:00+09:00'],
    ]);
  });

  it('lists each author of a file once, first contributor first', () => {
    assert.deepEqual([...parseGitLog(out).authors], [
      ['source/_posts/A/記事.md', ['佐藤 花子', '鈴木 一郎']],
      ['source/_posts/B/Other.md', ['鈴木 一郎']],
    ]);
  });

  it('returns nothing for an empty history', () => {
    assert.equal(parseGitLog('').dates.size, 0);
    assert.equal(parseGitLog('').authors.size, 0);
  });
});
