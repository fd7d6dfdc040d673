/**
 * icarus writes its JSON-LD with a bare JSON.stringify, so a title containing `</script>` ends the
 * script element early and the rest runs as HTML. The JSON text itself is intact up to its own
 * end, which a JSON scanner finds without being fooled by `</script>` inside a string: the block is
 * read back and written again with every character that HTML could act on escaped.
 */

const OPEN = '<script type="application/ld+json">';
const CLOSE = '</script>';

/** The end (exclusive) of the JSON value starting at `start`, or -1 when it is not one whole object or array. */
function jsonEnd(text: string, start: number): number {
  const first = text[start];
  if (first !== '{' && first !== '[') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** JSON that stays data inside a `<script>` element, whatever its strings hold. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Rewrites every JSON-LD block of a page in script-safe form. A block that is not valid JSON is
 * removed rather than left for the browser to read as markup.
 */
export function escapeJsonLd(html: string): string {
  let out = '';
  let from = 0;
  for (let at = html.indexOf(OPEN); at >= 0; at = html.indexOf(OPEN, from)) {
    const start = at + OPEN.length;
    const end = jsonEnd(html, start);
    let value: unknown;
    let ok = end > 0 && html.startsWith(CLOSE, end);
    if (ok) {
      try {
        value = JSON.parse(html.slice(start, end));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      // Without a readable end, drop everything up to the first `</script>`: the theme's own block.
      const close = html.indexOf(CLOSE, start);
      out += html.slice(from, at);
      from = close < 0 ? html.length : close + CLOSE.length;
      continue;
    }
    out += html.slice(from, start) + scriptSafeJson(value);
    from = end;
  }
  return out + html.slice(from);
}
