const TITLE_LINK = /<p class="title[^"]*"><a class="link-muted" href="([^"]*)">([\s\S]*?)<\/a><\/p>/g;
const READ_MORE = /(<a class="article-more\b[^"]*" href="([^"#]*)#more">)([^<]*)<\/a>/g;

/**
 * Every excerpt on an index page ends in the same 続きを読む link; screen readers listing the links
 * of the page (and search engines) cannot tell them apart. Each gets its article's title, read
 * aloud but not shown.
 */
export function nameReadMoreLinks(html: string): string {
  if (!html.includes('article-more')) return html;
  const titles = new Map<string, string>();
  for (const m of html.matchAll(TITLE_LINK)) titles.set(m[1]!, m[2]!);
  return html.replace(READ_MORE, (whole, start: string, href: string, text: string) => {
    const title = titles.get(href);
    return title ? `${start}${text}<span class="sb-visually-hidden">: ${title}</span></a>` : whole;
  });
}
