import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatLog } from '../../lib/cli/hexo';

describe('formatLog', () => {
  it('formats hexo-log arguments with the error', () => {
    const line = formatLog([{ err: new Error('boom') }, 'Script load failed: %s', 'scripts/x.js']);
    assert.match(line, /^Script load failed: scripts\/x\.js: Error: boom\n\s+at /);
  });

  it('formats plain messages and bare errors', () => {
    assert.equal(formatLog(['%d files', 3]), '3 files');
    assert.match(formatLog([new Error('x')]), /^Error: x/);
  });
});
