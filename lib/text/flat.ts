/**
 * Flat copies of strings. Strings built piece by piece (an HTML serializer's output) are ropes of
 * thousands of small strings, several times the size of their text, until something reads them;
 * Hexo keeps every article's HTML for the whole build, so it is stored flat.
 */
export function flatString(text: string): string {
  // UTF-16 round trip: exact for any string, lone surrogates included.
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * `part` as a view into `whole` (a flat string) when it occurs there, else a flat copy: Hexo's
 * `more` is the article's HTML without what later filters append, and needs no memory of its own.
 */
export function flatPart(part: string, whole: string): string {
  const at = whole.indexOf(part);
  return at < 0 ? flatString(part) : whole.slice(at, at + part.length);
}
