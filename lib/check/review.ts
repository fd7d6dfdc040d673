/** One article as the periodic review sees it. */
export interface ReviewItem {
  file: string;
  title: string;
  /** ISO date of the last update: the last commit of the file, else front-matter `updated` or `date`. */
  updated: string;
  /** Where `updated` came from. */
  from: 'git' | 'front-matter';
  /** The article already shows the outdated warning. */
  marked: boolean;
}

/** The date `months` calendar months before `now` (the end of a shorter month stays in that month). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The articles last updated before the cut-off, oldest first (then by file). */
export function dueForReview(items: ReviewItem[], now: Date, afterMonths: number): ReviewItem[] {
  const cutoff = monthsBefore(now, afterMonths).getTime();
  return items
    .filter((i) => Date.parse(i.updated) < cutoff)
    .sort((a, b) => Date.parse(a.updated) - Date.parse(b.updated) || a.file.localeCompare(b.file));
}

/** The review list as text: one line per article, for the terminal and the weekly issue. */
export function formatReview(due: ReviewItem[], afterMonths: number, checked: number): string {
  const head = `最終更新から ${afterMonths} か月以上たった記事: ${due.length} 件 (${checked} 件中)`;
  const lines = due.map((i) => `${i.file}  ${i.updated.slice(0, 10)}${i.from === 'git' ? '' : ' (フロントマター)'}  ${i.title}${i.marked ? '  [outdated 表示済み]' : ''}`);
  return [head, ...lines].join('\n');
}
