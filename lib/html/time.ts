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
