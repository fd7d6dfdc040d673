import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median } from '../../bench/stats';

describe('bench median', () => {
  it('takes the middle sample, and the mean of the two middle ones for an even count', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([150.4, 117.6]), 134);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });

  it('refuses no samples instead of reporting NaN', () => {
    assert.throws(() => median([]), /no samples/);
  });
});
