import { readFrontMatter } from '../markdown/front-matter';
import { fillTemplate } from '../text/template';

/** What `npm run new` needs to write an article. */
export interface NewPostInput {
  title: string;
  area: string;
  /** File name without `.md`; derived from the title when absent. */
  name?: string;
  tags: string[];
  now: Date;
  timeZone: string;
  /** The scaffold (scaffolds/post.md) with `{{ title }}`, `{{ date }}` and `{{ tags }}`. */
  scaffold: string;
}

export interface NewPost {
  /** Path relative to the site folder, e.g. source/_posts/AzureVMBackup/Restore_Overview.md. */
  file: string;
  /** The post's asset folder, relative to the site folder. */
  assetDir: string;
  content: string;
}

const URL_SAFE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Formats a date as `YYYY-MM-DD HH:mm:ss` (zero-padded) in the given time zone. */
export function formatLocalDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/**
 * A URL-safe file name for a title: its ASCII words joined by `_` (`Azure Backup の概要` →
 * `Azure_Backup`), or `post_YYYYMMDD_HHmmss` when the title has none.
 */
export function postNameFor(title: string, now: Date, timeZone: string): string {
  const words = title.match(/[A-Za-z0-9]+/g);
  if (words) return words.join('_');
  return `post_${formatLocalDate(now, timeZone).replace(/-/g, '').replace(' ', '_').replace(/:/g, '')}`;
}

/** Quotes a YAML scalar when written plainly it would mean something else. */
export function yamlScalar(value: string): string {
  return /^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|^$|^(true|false|null|yes|no|~|[\d.+-]+)$/i.test(value)
    ? JSON.stringify(value)
    : value;
}

/** Builds the new article's path and text; throws on a title, area or name that cannot be used. */
export function newPost(input: NewPostInput): NewPost {
  const title = input.title.trim();
  if (!title || /[\r\n]/.test(title)) throw new Error('タイトルを 1 行で指定してください。');
  if (!URL_SAFE.test(input.area)) {
    throw new Error(`--area "${input.area}" は URL に使えません。英数字、-、_ で指定してください (例: AzureVMBackup)。`);
  }
  const name = input.name ?? postNameFor(title, input.now, input.timeZone);
  if (!URL_SAFE.test(name)) {
    throw new Error(`--name "${name}" は URL に使えません。英数字、-、_ で指定してください (例: Restore_Overview)。`);
  }
  const tags = input.tags.map((t) => `  - ${yamlScalar(t)}`).join('\n');
  const content = fillTemplate(input.scaffold, {
    title: yamlScalar(title),
    date: formatLocalDate(input.now, input.timeZone),
    tags,
  });
  // Read back as Hexo will read it: a scaffold edited into something Hexo drops is refused here.
  const written = readFrontMatter(content);
  if (written.problem) throw new Error(`scaffolds/post.md から作った記事のフロントマターを読めません: ${written.problem.message}`);
  if (written.data.title !== title) throw new Error(`scaffolds/post.md から作った記事の title が「${String(written.data.title)}」になります。scaffolds/post.md を確認してください。`);
  const base = `source/_posts/${input.area}/${name}`;
  return { file: `${base}.md`, assetDir: base, content };
}
