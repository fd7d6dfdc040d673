import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { heapGrowth, LARGE_LIVE_BYTES } from '../../lib/build/heap';

describe('heap growth', () => {
  it('grows by 30% until a full collection leaves a large heap alive, then by 15%', () => {
    const flags: string[] = [];
    let live = 150 * 1024 * 1024;
    const afterFullCollection = heapGrowth((f) => flags.push(f), () => live);
    assert.deepEqual(flags, ['--heap-growing-percent=30']);
    assert.equal(afterFullCollection(), false);
    live = LARGE_LIVE_BYTES;
    assert.equal(afterFullCollection(), false, 'at the limit it is not large yet');
    live = LARGE_LIVE_BYTES + 1;
    assert.equal(afterFullCollection(), true);
    assert.deepEqual(flags, ['--heap-growing-percent=30', '--heap-growing-percent=15']);
  });

  it('watches the collections of a real process without keeping it alive', () => {
    const heap = path.resolve(__dirname, '../../lib/build/heap.js');
    const script = `require(${JSON.stringify(heap)}).watchHeapGrowth(); let a = []; for (let i = 0; i < 3e5; i++) a.push({ i }); a = null; global.gc(); console.log('ok');`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'ok');
  });
});
