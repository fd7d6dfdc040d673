/**
 * icarus titles each `<time>` with `Date#toLocaleString()` of the build machine (`12/2/2026, 6:32:21 AM`
 * on an English runner). Readers of a Japanese site get the date and time in Japanese, in the site's
 * timezone, whatever machine built it.
 */
export function japaneseTimeTitles(html: string, timeZone?: string): string {
  const title = japaneseTitleOf(timeZone ?? '');
  return html.replace(/(<time dateTime="([^"]+)") title="[^"]*"/g, (all, start: string, iso: string) => {
    const text = title(iso);
    return text === undefined ? all : `${start} title="${text}"`;
  });
}

// Every page calls it, and the same dates come back on page after page (lists, the sidebar):
// a formatter costs more to make than a hundred dates to format (0.6 s at 1,000 articles).
const titleFormats = new Map<string, (iso: string) => string | undefined>();

function japaneseTitleOf(timeZone: string): (iso: string) => string | undefined {
  let title = titleFormats.get(timeZone);
  if (!title) {
    const format = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
    const known = new Map<string, string | undefined>();
    title = (iso) => {
      if (known.has(iso)) return known.get(iso);
      const date = new Date(iso);
      const text = Number.isNaN(date.getTime()) ? undefined : format.format(date);
      known.set(iso, text);
      return text;
    };
    titleFormats.set(timeZone, title);
  }
  return title;
}

/** Formats dates as YYYY-MM-DD in a timezone (en-CA writes that order whatever the machine's locale). */
export function isoDayFormat(timeZone?: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' });
  return (date) => format.format(date);
}
