/** Golden-file comparison: `case.md` rendered must equal `case.html`; UPDATE_GOLDEN=1 rewrites them. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { it } from 'node:test';

/** Registers one test per `*.md` file of a fixture folder. */
export function goldenCases(folder: string, render: (markdown: string, name: string) => string): void {
  const names = readdirSync(folder).filter((f) => f.endsWith('.md')).sort();
  assert.ok(names.length > 0, `no fixtures in ${folder}`);
  for (const name of names) {
    it(name, () => {
      const actual = render(readFileSync(path.join(folder, name), 'utf8'), name);
      const expectedFile = path.join(folder, name.replace(/\.md$/, '.html'));
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedFile)) {
        if (process.env.CI) assert.fail(`missing golden file ${expectedFile}`);
        writeFileSync(expectedFile, actual);
      }
      assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    });
  }
}
