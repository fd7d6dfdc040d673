import type { Finding } from '../diagnostics/diagnostic';
import { layoutOf, forEachProseLine } from '../markdown/source';
import { parseMarker, readBlockquote, type AdmonitionType } from './parse';

const QUOTE_START = /^[ \t]*>/;

/**
 * Finds mistyped admonition markers (`admonition/unknown-type`) and admonitions without a body
 * (`admonition/empty`) in a Markdown file, with file line and column.
 */
export function scanAdmonitions(text: string): Finding[] {
  const layout = layoutOf(text);
  const findings: Finding[] = [];
  forEachProseLine(layout, (line, index) => {
    if (!QUOTE_START.test(line)) return;
    const quote = readBlockquote(layout.lines, index);
    if (!quote) return;
    checkQuote(quote.content, quote.offsets, index, findings);
    return quote.end;
  });
  return findings;
}

function checkQuote(content: string[], offsets: number[], firstLine: number, findings: Finding[]): void {
  const marker = parseMarker(content[0] ?? '');
  const line = firstLine + 1;
  const column = offsets[0] ?? 1;
  if (marker?.kind === 'unknown') {
    findings.push({
      line, column, rule: 'admonition/unknown-type',
      message: `不明な注意書きの種類 ${marker.written} です。通常の引用として表示されます。使える種類: NOTE, TIP, IMPORTANT, WARNING, CAUTION`,
      ...(marker.suggestion ? { suggestion: suggestionFor(marker.suggestion) } : {}),
    });
  } else if (marker?.kind === 'admonition' && content.slice(1).every((l) => !l.trim() || /^-{3,}\s*$/.test(l.trim()))) {
    findings.push({ line, column, rule: 'admonition/empty', message: `注意書き [!${marker.type.toUpperCase()}] に本文がありません。` });
  }
  // Quotes nested inside this one, e.g. `> > [!NOTE]` or a quote in the admonition's body.
  for (let i = 1; i < content.length; i++) {
    if (!QUOTE_START.test(content[i]!) || QUOTE_START.test(content[i - 1] ?? '')) continue;
    const inner = readBlockquote(content, i);
    if (!inner) continue;
    const innerOffsets = inner.content.map((_, k) => (offsets[i + k] ?? 1) - 1 + (inner.offsets[k] ?? 1));
    checkQuote(inner.content, innerOffsets, firstLine + i, findings);
    i = inner.end - 1;
  }
  if (QUOTE_START.test(content[0] ?? '')) {
    const inner = readBlockquote(content, 0);
    if (inner) checkQuote(inner.content, inner.content.map((_, k) => (offsets[k] ?? 1) - 1 + (inner.offsets[k] ?? 1)), firstLine, findings);
  }
}

function suggestionFor(type: AdmonitionType): string {
  return `[!${type.toUpperCase()}]`;
}
