/** The admonition colours in assets/css meet WCAG AA contrast in both colour schemes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMONITION_TYPES } from '../../lib/admonitions/parse';
import { REPO } from '../helpers/site';

const css = readFileSync(path.join(REPO, 'assets/css/support-blog.css'), 'utf8');

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The custom properties set by the rule whose selector is exactly `selector`. */
function vars(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rule = new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  assert.ok(rule, `no rule for ${selector}`);
  return Object.fromEntries([...rule[1]!.matchAll(/(--adm-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

describe('admonition colours', () => {
  const schemes = [
    { name: 'light', prefix: '', text: '#4a4a4a' },
    { name: 'dark', prefix: 'html[data-theme="dark"] ', text: '#c9d1d9' },
  ];
  for (const scheme of schemes) {
    for (const type of ADMONITION_TYPES) {
      it(`${type} in the ${scheme.name} scheme`, () => {
        const base = vars(`${scheme.prefix}.admonition`);
        const own = type === 'note' ? base : { ...base, ...vars(`${scheme.prefix}.admonition-${type}`) };
        assert.ok(contrast(own['--adm-title']!, own['--adm-bg']!) >= 4.5, `title ${own['--adm-title']} on ${own['--adm-bg']}`);
        assert.ok(contrast(scheme.text, own['--adm-bg']!) >= 4.5, `text ${scheme.text} on ${own['--adm-bg']}`);
        assert.ok(contrast(own['--adm-accent']!, own['--adm-bg']!) >= 3, `border ${own['--adm-accent']} on ${own['--adm-bg']}`);
      });
    }
  }

  it('gives every type its own colour', () => {
    const titles = ADMONITION_TYPES.map((t) => (t === 'note' ? vars('.admonition') : vars(`.admonition-${t}`))['--adm-title']);
    assert.equal(new Set(titles).size, ADMONITION_TYPES.length);
  });
});
