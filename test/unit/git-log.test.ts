import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGitLog } from '../../lib/git/last-updated';

describe('parseGitLog', () => {
  it('keeps the newest date of each file', () => {
    const out = '\0' + '2025-03-01T10:00:00+09:00\n\nsource/_posts/A/記事.md\n' +
      '\0' + '2025-02-01T10:00:00+09:00\n\nsource/_posts/A/記事.md\nsource/_posts/B/Other.md\n' +
      '\0' + '2025-01-01T10:00:00+09:00\n\n';
    assert.deepEqual([...parseGitLog(out)], [
      ['source/_posts/A/記事.md', '2025-03-01T10:00:00+09:00'],
      ['source/_posts/B/Other.md', '2025-02-01T10:00:00+09:00'],
    ]);
  });

  it('returns nothing for an empty history', () => {
    assert.equal(parseGitLog('').size, 0);
  });
});
