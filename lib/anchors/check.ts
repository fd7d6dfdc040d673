import type { Finding } from '../diagnostics/diagnostic';
import { closest } from '../text/distance';
import { safeDecodeURIComponent } from '../text/uri';
import { readSourceAnchors, type SourceAnchors } from './source';

function decodeFragment(href: string): string {
  return safeDecodeURIComponent(href.slice(1));
}

/**
 * `anchor/broken` for every `#fragment` link that matches no id of the same article (with the
 * closest existing id as a suggestion), and `anchor/duplicate-id` for explicit ids used twice.
 */
export function checkAnchors(anchors: SourceAnchors): Finding[] {
  const findings: Finding[] = [];
  for (const d of anchors.duplicates) {
    findings.push({
      line: d.line, column: d.column, rule: 'anchor/duplicate-id',
      message: `見出しの id "${d.id}" はこの記事ですでに使われています。リンク先が 1 つに定まるよう、別の id にしてください。`,
    });
  }
  for (const f of anchors.links.filter((l) => l.href.startsWith('#'))) {
    const id = decodeFragment(f.href);
    if (id === '' || anchors.ids.has(id)) continue;
    const suggestion = closest(id, anchors.ids, Math.max(2, Math.floor(id.length / 2)));
    findings.push({
      line: f.line, column: f.column, rule: 'anchor/broken',
      message: `リンク先 ${f.href} に当たる見出しやアンカーがこの記事にありません。`,
      ...(suggestion !== undefined ? { suggestion: `#${suggestion}` } : {}),
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Reads an article's Markdown and checks its anchors. */
export function scanAnchors(text: string): Finding[] {
  return checkAnchors(readSourceAnchors(text));
}
