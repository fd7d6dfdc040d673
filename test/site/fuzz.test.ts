/**
 * Fuzz suite: random and adversarial Markdown and front-matter (bounded in count and size, seeded
 * so a failure is reproducible with FUZZ_SEED) through `npm run check` and one build of a site
 * holding all of them. Neither tool crashes or hangs; every rejection is a diagnostic with a file
 * and a line inside the file; and the build's gate rejects exactly what the checker rejects.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { runChecks } from '../../lib/check/run';
import type { Diagnostic } from '../../lib/diagnostics/diagnostic';
import { block } from '../helpers/articles';
import { buildSite, makeSite, removeSite } from '../helpers/site';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const COUNT = 48;

/** Characters that mean something to Markdown, HTML, YAML or our extensions. */
const noise = fc.string({
  unit: fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '*', '_', '`', '#', '-', '|', ':', '\n', ' ', '&', ';', '"', "'", '\\', '~', '=', '{', '}', '\t', 'a', 'あ', '。', '\u3000', '\r', '%', 'TODO', '[!NOTE]', '<a id="x">', '<!--', '-->', 'https://', 'javascript:', '&#x61;', '\u2028', '\uFEFF'),
  maxLength: 400,
});

/** Deep or repeated structures that have cost time or memory before. */
const adversarial = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((n) => '> '.repeat(n) + '本文'),
  fc.integer({ min: 1, max: 200 }).map((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- 項目`).join('\n')),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => '<a '.repeat(n)),
  fc.integer({ min: 1, max: 300 }).map((n) => '[リンク](https://learn.microsoft.com/en-us/azure/?WT.mc_id=1) '.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => '*a'.repeat(n)),
  fc.integer({ min: 1, max: 50 }).map((n) => '```\n'.repeat(n)),
);

const body = fc.array(fc.oneof({ weight: 3, arbitrary: block }, { weight: 3, arbitrary: noise }, { weight: 1, arbitrary: adversarial }), { maxLength: 8 })
  .map((blocks) => blocks.join('\n\n'));

const goodFrontMatter = ['---', 'title: 生成した記事', 'date: 2024-06-01 10:00:00', 'tags: [Information]', '---', ''].join('\n');

/** Front-matter as authors and attackers write it: fine, tab-indented, unterminated, not a mapping, random. */
const frontMatter = fc.oneof(
  { weight: 4, arbitrary: fc.constant(goodFrontMatter) },
  { weight: 1, arbitrary: fc.constant('---\ntitle: タブ\ndate: 2024-06-01 10:00:00\ntags:\n\t- Information\n---\n') },
  { weight: 1, arbitrary: fc.constant('\uFEFF---\r\ntitle: CRLF\r\ndate: 2024-06-01 10:00:00\r\ntags: [Information]\r\n---\r\n') },
  { weight: 1, arbitrary: fc.constant('---\ntitle: 閉じていない\ndate: 2024-06-01\n') },
  { weight: 1, arbitrary: fc.constant('---\n- リスト\n---\n') },
  { weight: 1, arbitrary: fc.constant('---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\ntitle: t\ndate: 2024-06-01\ntags: [Information]\n---\n') },
  { weight: 2, arbitrary: noise.map((n) => `---\ntitle: ${n.replace(/\n/g, ' ')}\ndate: 2024-06-01 10:00:00\ntags: [Information]\n---\n`) },
  { weight: 1, arbitrary: noise.map((n) => `---\n${n}\n---\n`) },
  { weight: 1, arbitrary: fc.constantFrom('---\ntitle: 12345\ndate: 99999-01-01\ntags: [Information]\n---\n', '---\ntitle: [a, b]\ndate: 2024-13-45\ntags: Information\n---\n', '') },
);

const articles = fc.sample(fc.tuple(frontMatter, body).map(([fm, b]) => `${fm}\n${b}\n`), { numRuns: COUNT, seed: SEED });

const key = (d: Pick<Diagnostic, 'file' | 'line' | 'rule'>) => `${d.file}:${d.line}  ${d.rule}`;

describe(`fuzz: ${COUNT} generated articles (FUZZ_SEED=${SEED})`, () => {
  let dir: string;
  before(async () => {
    dir = await makeSite({ fixture: null });
    await fs.writeFile(path.join(dir, '_config.test.yml'), 'check:\n  tags: []\n');
    await Promise.all(articles.map((text, i) => fs.mkdir(path.join(dir, 'source/_posts/Fuzz'), { recursive: true })
      .then(() => fs.writeFile(path.join(dir, `source/_posts/Fuzz/Article_${i}.md`), text))));
  });
  // FUZZ_KEEP=1 leaves the site in place to look at a failing article.
  after(() => (process.env.FUZZ_KEEP ? console.log(`fuzz site: ${dir}`) : removeSite(dir)));

  let checked: Diagnostic[] = [];

  it('checks every article without a crash, each rejection with a line inside its file', { timeout: 60_000 }, async () => {
    const run = await runChecks(dir, [], ['_config.yml', '_config.test.yml']);
    checked = run.diagnostics;
    assert.equal(run.targets.filter((f) => f.startsWith('source/_posts/Fuzz/')).length, COUNT);
    for (const d of checked) {
      const lines = articles[Number(/Article_(\d+)\.md$/.exec(d.file)?.[1])]!.split(/\r\n|\r|\n/).length;
      assert.ok(d.line >= 1 && d.line <= lines, `${key(d)}: line outside the file (${lines} lines)`);
      assert.ok(d.message.length > 0, key(d));
    }
  });

  it('builds them in bounded time: no crash, and the gate rejects exactly what the checker rejects', { timeout: 240_000 }, async () => {
    const built = await buildSite(dir);
    const log = built.stdout + built.stderr;
    assert.doesNotMatch(log, /FATAL|heap out of memory|Maximum call stack|TypeError|RangeError|^\s+at /m);
    const gate = log.split('\n').filter((l) => l.startsWith('ERROR ')).map((l) => l.slice(6).trim().split('  '))
      .map(([place, , rule]) => `${place!.split(':').slice(0, 2).join(':')}  ${rule}`);
    const errors = checked.filter((d) => d.severity === 'error').map(key);
    const onlyBuild = [...new Set(gate)].filter((g) => !errors.includes(g)).sort();
    const onlyCheck = [...new Set(errors)].filter((e) => !gate.includes(e)).sort();
    assert.deepEqual({ onlyBuild, onlyCheck }, { onlyBuild: [], onlyCheck: [] });
    assert.equal(built.code, errors.length ? 1 : 0, log.slice(-2000));
  });
});
