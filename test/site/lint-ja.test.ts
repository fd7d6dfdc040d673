/** `npm run lint:ja`: textlint with the technical-Japanese preset, configured in .textlintrc.json. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, REPO, run } from '../helpers/site';

const TEXTLINT = path.join(REPO, 'node_modules/.bin/textlint');

it('reports redundant expressions and mixed styles with line numbers', async () => {
  const { code, stdout } = await run(TEXTLINT, ['--format', 'json', path.join(FIXTURES, 'lint-ja/Style.md')], REPO);
  assert.equal(code, 1);
  const messages = (JSON.parse(stdout) as { messages: { line: number; ruleId: string }[] }[])[0]!.messages;
  assert.deepEqual(messages.map((m) => `${m.line} ${m.ruleId}`), [
    '4 ja-technical-writing/ja-no-redundant-expression',
    '5 ja-technical-writing/no-mix-dearu-desumasu',
  ]);
});

it('passes the sample articles', async () => {
  const { code, stdout } = await run(TEXTLINT, ['source/**/*.md'], REPO);
  assert.equal(code, 0, stdout);
});
