import { isTag, isText, Element, type ChildNode } from 'domhandler';
import { textContent } from 'domutils';
import { Slugger, splitCustomId } from './slug';

/** A heading of a rendered article after ids were assigned. */
export interface HeadingInfo {
  level: number;
  /** The heading's id: the explicit one if the author wrote one, else its slug. */
  id: string;
  /** The slug, kept as a second target when an explicit id won. */
  alias?: string;
  /** Plain text of the heading, whitespace collapsed. */
  text: string;
  element: Element;
  /** An explicit id the author wrote that an earlier heading already had (so it was not used). */
  repeatedId?: string;
}


const HEADING = /^h[1-6]$/;

/** Every element of a tree in document order. */
export function elementsOf(nodes: ChildNode[], out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (isTag(node)) {
      out.push(node);
      elementsOf(node.children, out);
    }
  }
  return out;
}

/** Removes an explicit `{#id}` from the end of the heading's last text, returning the id. */
function takeCustomId(heading: Element): string | undefined {
  let last: ChildNode | undefined = heading.children[heading.children.length - 1];
  while (last && isTag(last)) last = last.children[last.children.length - 1];
  if (!last || !isText(last)) return undefined;
  const { text, id } = splitCustomId(last.data);
  if (id) last.data = text;
  return id;
}

/** Removes an `<a id>` / `<a name>` the author put into the heading, returning its id. */
function takeAnchorId(heading: Element): string | undefined {
  const anchor = elementsOf(heading.children).find((el) => el.name === 'a' && !el.attribs.href && (el.attribs.id || el.attribs.name));
  if (!anchor) return undefined;
  const id = anchor.attribs.id || anchor.attribs.name;
  const parent = anchor.parent!;
  const index = parent.children.indexOf(anchor);
  parent.children.splice(index, 1, ...anchor.children);
  for (const child of anchor.children) child.parent = parent;
  return id;
}

/**
 * Gives every heading of an article a stable, GitHub-compatible id. An explicit id — `{#id}` at
 * the end, `<a id="…"></a>` before or after the text, or an `id` attribute — wins, and the slug
 * stays reachable through an empty `<span class="heading-alias">`.
 */
export function assignHeadingIds(nodes: ChildNode[]): HeadingInfo[] {
  const elements = elementsOf(nodes);
  const headings = elements.filter((el) => HEADING.test(el.name));
  const explicit = new Map<Element, string>();
  for (const h of headings) {
    const id = takeCustomId(h) ?? takeAnchorId(h) ?? h.attribs.id;
    if (id) explicit.set(h, id);
  }
  // Ids elsewhere in the author's HTML are taken too, so no slug lands on them.
  const reserved = new Set<string>(explicit.values());
  for (const el of elements) if (!HEADING.test(el.name) && el.attribs.id) reserved.add(el.attribs.id);

  const slugger = new Slugger(reserved);
  // A repeated explicit id goes to its first heading; later ones keep their slug (the checker reports them).
  const seen = new Set<string>();
  const infos: HeadingInfo[] = [];
  for (const h of headings) {
    const rawText = textContent(h);
    const slug = slugger.slug(rawText);
    let id = explicit.get(h);
    const repeatedId = id !== undefined && seen.has(id) ? id : undefined;
    if (repeatedId !== undefined) id = undefined;
    let alias: string | undefined;
    if (id === undefined) {
      id = slug;
    } else {
      alias = slug;
      seen.add(id);
      const span = new Element('span', { class: 'heading-alias', id: slug });
      span.parent = h;
      h.children.unshift(span);
    }
    h.attribs.id = id;
    infos.push({ level: Number(h.name[1]), id, alias, text: rawText.replace(/\s+/g, ' ').trim(), element: h, ...(repeatedId !== undefined ? { repeatedId } : {}) });
  }
  return infos;
}
