/**
 * `generate` runs in a Node whose V8 thread pool fits the machine (lib/build/v8-pool.ts): the
 * process that builds has the option, and the command ends as the build does.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v8PoolSize } from '../../lib/build/v8-pool';
import { buildSite, makeSite, removeSite } from '../helpers/site';

let dir: string;
// A site script: it runs in the process that builds, and writes down how that Node was started.
const RECORD = `require('fs').writeFileSync(require('path').join(hexo.base_dir, 'node-options.json'), JSON.stringify(process.execArgv));\n`;

before(async () => {
  dir = await makeSite({ fixture: 'minimal', files: { 'scripts/zz-record.js': RECORD } });
});
after(() => removeSite(dir));

it('builds in a Node with the thread pool of this machine, and ends with the build\'s exit code', async () => {
  const built = await buildSite(dir);
  assert.equal(built.code, 0, built.stderr);
  const options = JSON.parse(await fs.readFile(path.join(dir, 'node-options.json'), 'utf8')) as string[];
  const size = v8PoolSize(os.availableParallelism());
  assert.deepEqual(options.filter((o) => o.startsWith('--v8-pool-size')), size === undefined ? [] : [`--v8-pool-size=${size}`]);
  // A build that fails fails the command, and says what it says without the restart (a pool the
  // user chose: the build runs in the first process).
  await fs.writeFile(path.join(dir, 'source/_posts/Broken.md'), '---\ntitle: [壊れた\n---\n本文\n');
  const failed = await buildSite(dir);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /Broken\.md:3:1 +error +front-matter\/yaml/);
  const direct = await buildSite(dir, { NODE_OPTIONS: '--v8-pool-size=4' });
  assert.deepEqual({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }, { code: direct.code, stdout: direct.stdout, stderr: direct.stderr });
});
