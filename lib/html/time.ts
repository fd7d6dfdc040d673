/**
 * icarus titles each `<time>` with `Date#toLocaleString()` of the build machine (`12/2/2026, 6:32:21 AM`
 * on an English runner). Readers of a Japanese site get the date and time in Japanese, in the site's
 * timezone, whatever machine built it.
 */
export function japaneseTimeTitles(html: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return html.replace(/(<time dateTime="([^"]+)") title="[^"]*"/g, (all, start: string, iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? all : `${start} title="${format.format(date)}"`;
  });
}

/** Formats dates as YYYY-MM-DD in a timezone (en-CA writes that order whatever the machine's locale). */
export function isoDayFormat(timeZone?: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' });
  return (date) => format.format(date);
}
