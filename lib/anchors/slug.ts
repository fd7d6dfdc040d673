/**
 * Heading ids. One rule for the renderer, both tables of contents and every checker: GitHub's,
 * so that a `#fragment` that works in GitHub's preview of a pull request works on the site too.
 */

// GitHub keeps letters, marks, digits, connector punctuation (`_`), `-` and ASCII spaces; it drops
// everything else, Japanese punctuation (「」（）、。・：！？) and the full-width space included.
const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;

/** Fallback for a heading whose text has no letters or digits at all (`！？`, emoji only). */
export const EMPTY_SLUG = 'section';

/**
 * GitHub's slug of a heading's text: NFC, lower case, punctuation and symbols dropped, each ASCII
 * space turned into `-`. (`インストール手順（Windows 版）` → `インストール手順windows-版`)
 */
export function slugify(text: string): string {
  const slug = text.normalize('NFC').toLowerCase().replace(DROPPED, '').replace(/ /g, '-');
  return slug === '' || /^-+$/.test(slug) ? EMPTY_SLUG : slug;
}

/**
 * Hands out unique ids within one article, in document order. Ids the author wrote explicitly are
 * reserved up front, so no slug can take them; a repeated slug gets `-1`, `-2`, … as on GitHub.
 */
export class Slugger {
  private readonly taken = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(reserved: Iterable<string> = []) {
    for (const id of reserved) this.taken.add(id);
  }

  /** A unique id for a heading text. */
  slug(text: string): string {
    const base = slugify(text);
    let id = base;
    let n = this.counts.get(base) ?? 0;
    while (this.taken.has(id)) id = `${base}-${++n}`;
    this.counts.set(base, n);
    this.taken.add(id);
    return id;
  }
}

const CUSTOM_ID = /[ \t]*\{#([^\s{}]+)\}[ \t]*$/;

/** Splits `text {#custom-id}` into the text and the id. */
export function splitCustomId(text: string): { text: string; id?: string } {
  const match = CUSTOM_ID.exec(text);
  return match ? { text: text.slice(0, match.index), id: match[1] } : { text };
}

const ANCHOR_TAG = /^<a\s(?:[^>]*?\s)?(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>$/i;

/** The id of an `<a id="…">` / `<a name="…">` opening tag, as authors put into headings. */
export function anchorTagId(tag: string): string | undefined {
  const match = ANCHOR_TAG.exec(tag.trim());
  const id = match && (match[1] ?? match[2] ?? match[3]);
  return id ? id : undefined;
}
