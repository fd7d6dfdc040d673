/**
 * `npm run import`: what moving a blog of the old template (articles/<Area>/<Name>.md, its own
 * _config.yml, github-issue-template.md, source/ extras) into this site means, as a plan of file
 * copies and configuration edits that can be shown (`--dry-run`) or carried out.
 */
import { promises as fs } from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { slugize } from 'hexo-util';
import { writeAtomically } from '../build/staging';
import { readFrontMatter } from '../markdown/front-matter';
import { setIn } from './yaml-edit';

const run = promisify(execFile);

export type FileKind = 'article' | 'image' | 'attachment' | 'extra';

/** One file to copy, and whether the site already has it. */
export interface Copy {
  from: string;
  /** Path relative to the site folder. */
  to: string;
  kind: FileKind;
  state: 'new' | 'same' | 'different';
}

/** Everything the import would do. */
export interface ImportPlan {
  copies: Copy[];
  skipped: { path: string; reason: string }[];
  /** The site's _config.yml after the merge (unchanged text if nothing to change). */
  config: { before: string; after: string };
  /** The keys the old configuration set, whether or not they were already so. */
  configKeys: string[];
  /** The feedback template converted from github-issue-template.md, when there is one. */
  feedbackTemplate?: { path: string; text: string; unknown: string[] };
  /** Old URLs this site does not produce, and what serves them now. */
  redirects: Record<string, string>;
  /** Old settings that have no equivalent here, and what to do instead. */
  notes: string[];
}

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp)$/i;
const JUNK: [RegExp, string][] = [
  [/(^|\/)(Thumbs\.db|desktop\.ini|\.DS_Store)$/i, 'OS が作る管理用のファイル'],
  [/(^|\/)~\$[^/]*$/, 'Office の一時ファイル'],
  [/(^|\/)\.git(\/|$)/, 'git の管理情報'],
];
/** Site-ownership verification files, which must be served as they are. */
const VERIFICATION = /^(google[0-9a-f]+\.html|BingSiteAuth\.xml|yandex_[0-9a-f]+\.html)$/i;
const OLD_PLACEHOLDERS: Record<string, string> = { id: 'id', title: 'title', posturl: 'url', sourcefilename: 'file', sourceurl: 'source_url', author: 'author' };

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

async function sameBytes(a: string, b: string): Promise<boolean | undefined> {
  const [x, y] = await Promise.all([fs.readFile(a).catch(() => undefined), fs.readFile(b).catch(() => undefined)]);
  if (!y) return undefined;
  return !!x && x.equals(y);
}

/** The old blog's github-issue-template.md with this site's placeholders. */
export function convertIssueTemplate(text: string): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const converted = text.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (whole, name: string) => {
    const ours = OLD_PLACEHOLDERS[name.toLowerCase()];
    if (ours) return `{{${ours}}}`;
    unknown.push(whole);
    return whole;
  });
  return { text: converted, unknown };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The IANA spelling of a time zone (`asia/Tokyo` → `Asia/Tokyo`), or the value as written. */
function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** The branch the old repository published from. */
async function defaultBranch(dir: string, workflows: string[]): Promise<string> {
  for (const text of workflows) {
    const m = /push:\s*\n\s*branches:\s*\[?\s*['"]?([\w./-]+)/.exec(text);
    if (m && m[1] !== 'gh-pages') return m[1]!;
  }
  const head = await run('git', ['-C', dir, 'symbolic-ref', '--short', 'HEAD']).then((r) => r.stdout.trim(), () => '');
  return head || 'main';
}

/** Reads the old blog at `oldDir` and plans its import into the site at `siteDir`. */
export async function planImport(oldDir: string, siteDir: string): Promise<ImportPlan> {
  const articlesDir = path.join(oldDir, 'articles');
  if (!(await fs.stat(articlesDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(`${oldDir} に articles/ がありません。以前のブログのリポジトリ (articles/<分野>/<記事名>.md) を指定してください。`);
  }
  const oldConfigText = await fs.readFile(path.join(oldDir, '_config.yml'), 'utf8').catch(() => '');
  const old = (yaml.load(oldConfigText) ?? {}) as Record<string, unknown>;
  const copies: Copy[] = [];
  const skipped: ImportPlan['skipped'] = [];
  const notes: string[] = [];
  const plan = async (from: string, to: string, kind: FileKind) => {
    const same = await sameBytes(from, path.join(siteDir, to));
    copies.push({ from, to, kind, state: same === undefined ? 'new' : same ? 'same' : 'different' });
  };

  const usedTags = new Map<string, number>();
  const usedCategories = new Set<string>();
  const articleTags: string[][] = [];
  for (const rel of await listFiles(articlesDir)) {
    const junk = JUNK.find(([re]) => re.test(rel));
    if (junk) {
      skipped.push({ path: `articles/${rel}`, reason: junk[1] });
      continue;
    }
    const from = path.join(articlesDir, rel);
    const kind: FileKind = /\.(md|markdown)$/i.test(rel) ? 'article' : IMAGE.test(rel) ? 'image' : 'attachment';
    await plan(from, `source/_posts/${rel}`, kind);
    if (kind !== 'article') continue;
    const data = readFrontMatter(await fs.readFile(from, 'utf8')).data;
    const tags = strings(data.tags).map((t) => t.trim());
    for (const t of tags) usedTags.set(t, (usedTags.get(t) ?? 0) + 1);
    for (const c of strings(Array.isArray(data.categories) ? data.categories.flat() : data.categories)) usedCategories.add(c.trim());
    articleTags.push(tags);
  }

  // source/ extras: favicons, verification files. source/_posts is the old build's copy of articles/.
  const verification: string[] = [];
  for (const rel of await listFiles(path.join(oldDir, 'source'))) {
    if (/^_(posts|drafts)\//.test(rel)) continue;
    if (JUNK.some(([re]) => re.test(rel))) continue;
    await plan(path.join(oldDir, 'source', rel), `source/${rel}`, 'extra');
    if (VERIFICATION.test(path.posix.basename(rel)) || strings(old.skip_render).includes(rel)) verification.push(rel);
  }

  let config = await fs.readFile(path.join(siteDir, '_config.yml'), 'utf8');
  const before = config;
  const configKeys: string[] = [];
  const set = (keys: string[], value: Parameters<typeof setIn>[2] | undefined) => {
    if (value === undefined || (typeof value === 'string' && !value.trim()) || (Array.isArray(value) && !value.length)) return;
    config = setIn(config, keys, value);
    configKeys.push(keys.join('.'));
  };
  for (const key of ['title', 'subtitle', 'description', 'author'] as const) set([key], typeof old[key] === 'string' ? String(old[key]).trim() : undefined);
  set(['keywords'], strings(old.keywords));
  if (typeof old.language === 'string') set(['language'], old.language);
  if (typeof old.timezone === 'string') set(['timezone'], canonicalZone(old.timezone));
  const root = typeof old.root === 'string' ? old.root.replace(/^\/?/, '/').replace(/\/?$/, '/') : undefined;
  if (root) set(['root'], root);
  if (typeof old.url === 'string') {
    const url = old.url.replace(/\/?$/, '/');
    set(['url'], root && !new URL(url).pathname.startsWith(root) ? `${url.replace(/\/$/, '')}${root}` : url);
  }
  if (typeof old.permalink === 'string') set(['permalink'], old.permalink);
  const roots = strings((old.root_tag_generator as { root_tag_names?: unknown } | undefined)?.root_tag_names);
  const rootCategories = strings((old.root_cat_generator as { root_cat_names?: unknown } | undefined)?.root_cat_names);
  // The root tags lead; the tags the articles use are allowed too, so the import starts clean.
  set(['check', 'tags'], [...new Set([...roots, ...[...usedTags.keys()].sort()])]);
  set(['check', 'categories'], [...new Set([...rootCategories, ...[...usedCategories].sort()])]);
  set(['tag_tree', 'roots'], roots);
  const github = (old.github as { url?: unknown } | undefined)?.url;
  const workflows = await Promise.all((await listFiles(path.join(oldDir, '.github/workflows'))).map((f) => fs.readFile(path.join(oldDir, '.github/workflows', f), 'utf8')));
  if (typeof github === 'string' && github.trim()) {
    set(['article_footer', 'repository'], github.trim().replace(/\/+$/, ''));
    set(['article_footer', 'branch'], await defaultBranch(oldDir, workflows));
  }
  const disclaimer = typeof old.disclaimer === 'string' ? old.disclaimer : (old.theme_config as { disclaimer?: unknown } | undefined)?.disclaimer;
  if (typeof disclaimer === 'string') set(['article_footer', 'disclaimer'], disclaimer.endsWith('\n') ? disclaimer : `${disclaimer}\n`);
  const ourSkip = strings((yaml.load(config) as { skip_render?: unknown }).skip_render);
  set(['skip_render'], [...new Set([...ourSkip, ...verification])]);

  // The old theme nested tag pages under their root tags: /tags/<root>/<tag>/.
  const slug = (s: string) => slugize(s, { transform: typeof old.filename_case === 'number' ? old.filename_case : 0 });
  const redirects: Record<string, string> = {};
  for (const tags of articleTags) {
    for (const r of tags.filter((t) => roots.includes(t))) {
      for (const child of tags.filter((t) => !roots.includes(t))) redirects[`tags/${slug(r)}/${slug(child)}/`] = `tags/${slug(child)}/`;
    }
  }
  const sorted = Object.fromEntries(Object.entries(redirects).sort(([a], [b]) => a.localeCompare(b)));
  if (Object.keys(sorted).length) set(['redirects'], sorted);

  let feedbackTemplate: ImportPlan['feedbackTemplate'];
  const issueTemplate = await fs.readFile(path.join(oldDir, 'github-issue-template.md'), 'utf8').catch(() => undefined);
  if (issueTemplate !== undefined) {
    const target = ((yaml.load(config) as { article_footer?: { feedback_template?: unknown } }).article_footer?.feedback_template as string | undefined) ?? '.github/article-feedback.md';
    feedbackTemplate = { path: target, ...convertIssueTemplate(issueTemplate) };
  }

  if (old.deploy) notes.push('deploy (hexo-deployer-git で gh-pages ブランチへ push): GitHub Actions の公式アクションで公開します。リポジトリの Settings → Pages で Source を「GitHub Actions」にしてください (README「以前のブログからの移行」)。');
  if (workflows.length) notes.push(`.github/workflows の ${workflows.length} 個のワークフロー: 取り込みません。このサイトの pull-request / deploy / link-check ワークフローを使います。`);
  if (await fs.stat(path.join(oldDir, '.textlintrc')).catch(() => undefined)) notes.push('.textlintrc: 取り込みません。このサイトの .textlintrc.json (技術文書向けプリセット) を使います。以前のルールを続けるなら .textlintrc.json に移してください。');
  if (await fs.stat(path.join(oldDir, 'gulpfile.js')).catch(() => undefined)) notes.push('gulpfile.js (articles/ の複製、先頭の `# ` 行の削除、.md リンクの書き換え): 不要です。記事は source/_posts/ にそのまま置き、タイトルと同じ先頭の見出しと .md リンクはビルドが扱います。');
  if (old.relative_link === true) notes.push('relative_link: true: このサイトはルートからのパス (/blog/...) でリンクします。記事のリンクは変わらず動きます。');
  if (typeof old.theme === 'string') notes.push(`theme: ${old.theme}: icarus に置き換わります。`);
  return { copies, skipped, config: { before, after: config }, configKeys, ...(feedbackTemplate ? { feedbackTemplate } : {}), redirects: sorted, notes };
}

/** Carries out a plan; files the site has with other content are overwritten only with `force`. */
export async function applyPlan(plan: ImportPlan, siteDir: string, force: boolean): Promise<void> {
  const conflicts = plan.copies.filter((c) => c.state === 'different');
  if (conflicts.length && !force) throw new Error(`サイトにすでにある ${conflicts.length} 件のファイルの内容が違うため、取り込みを中止しました (上書きするには --force):\n${conflicts.map((c) => `  ${c.to}`).join('\n')}`);
  for (const c of plan.copies) {
    if (c.state === 'same') continue;
    const to = path.join(siteDir, c.to);
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.copyFile(c.from, to);
  }
  if (plan.config.after !== plan.config.before) await writeAtomically(path.join(siteDir, '_config.yml'), plan.config.after);
  if (plan.feedbackTemplate) {
    const file = path.join(siteDir, plan.feedbackTemplate.path);
    const current = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (current !== plan.feedbackTemplate.text) await writeAtomically(file, plan.feedbackTemplate.text);
  }
}
