import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restartOptions, v8PoolSize } from '../../lib/build/v8-pool';

describe('V8 thread pool of a build', () => {
  it('gives V8 one thread per core beyond the build\'s own, and leaves Node\'s four alone', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 16].map(v8PoolSize), [1, 1, 2, 3, undefined, undefined]);
  });

  it('starts the build again only where the pool is not chosen yet', () => {
    assert.deepEqual(restartOptions([], undefined, 2), ['--v8-pool-size=1']);
    // The process's own options go along, after ours.
    assert.deepEqual(restartOptions(['--cpu-prof'], '', 3), ['--v8-pool-size=2', '--cpu-prof']);
    // Chosen by us (the restarted process), or by the user on the command line or in NODE_OPTIONS.
    assert.equal(restartOptions(['--v8-pool-size=1'], undefined, 2), undefined);
    assert.equal(restartOptions(['--v8-pool-size', '3'], undefined, 2), undefined);
    assert.equal(restartOptions([], '--max-old-space-size=4096 --v8-pool-size=2', 2), undefined);
    assert.deepEqual(restartOptions([], '--v8-pool-size-x', 2), ['--v8-pool-size=1']);
    // Node's own suits a machine of many cores.
    assert.equal(restartOptions([], undefined, 8), undefined);
  });
});
