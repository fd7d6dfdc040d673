/** The migration report of `npm run import`: what came over, what changed, what to check. */
import type { Article } from '../article/model';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { readFrontMatter } from '../markdown/front-matter';
import type { ImportPlan } from './old-blog';

export interface ReportInput {
  oldDir: string;
  plan: ImportPlan;
  /** Models of the imported articles, by file. */
  articles: Map<string, Article>;
  /** Their source text, by file. */
  sources: Map<string, string>;
  /** Checker findings on the imported articles, before any baseline. */
  diagnostics: Diagnostic[];
  root: string;
  baselineFile?: string;
}

/** How an article's front-matter was written that Hexo reads but a strict reader would not. */
export function frontMatterForms(text: string): string[] {
  const forms: string[] = [];
  if (text.startsWith('\uFEFF')) forms.push('BOM 付き');
  if (text.includes('\r\n')) forms.push('改行が CRLF');
  const plain = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (/^\s*\n---/.test(plain)) forms.push('フロントマターの前に空行');
  const fm = readFrontMatter(text);
  if (!fm.problem && !/^\s*(---|;;;)/.test(plain)) forms.push('先頭の --- がない');
  if (/^---\n[\s\S]*?^\t/m.test(plain.slice(0, plain.length - fm.body.length))) forms.push('タブで字下げした項目 (空白として読みます)');
  const toc = fm.data.toc;
  if (toc && typeof toc === 'object' && ('enabled' in toc || 'list_number' in toc)) forms.push('以前のテーマの toc の設定 (enabled / list_number)');
  return forms;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown (Japanese). */
export function migrationReport(input: ReportInput): string {
  const { plan, articles, diagnostics, root } = input;
  const count = (kind: string) => plan.copies.filter((c) => c.kind === kind).length;
  const lines: string[] = [
    '# 移行レポート', '',
    `以前のブログ \`${input.oldDir}\` を取り込みました (\`npm run import\`)。記事の URL は \`${root}<分野>/<記事名>/\` のまま変わりません。`, '',
    '## 取り込んだファイル', '',
    '| 種類 | 件数 |', '| :---- | ----: |',
    `| 記事 | ${count('article')} |`, `| 画像 | ${count('image')} |`, `| 添付ファイル | ${count('attachment')} |`, `| source/ のファイル (favicon、所有権の確認用ファイルなど) | ${count('extra')} |`, '',
  ];
  lines.push('## 取り込まなかったファイル', '');
  if (plan.skipped.length) for (const s of plan.skipped) lines.push(`- \`${s.path}\`: ${s.reason}`);
  else lines.push('なし');
  lines.push('', '## 設定 (_config.yml)', '');
  lines.push(plan.configKeys.length ? `以前の設定から取り込んだキー: ${plan.configKeys.map((k) => `\`${k}\``).join('、')}。ほかの設定とコメントはそのままです。` : '取り込む設定はありませんでした。');
  if (plan.feedbackTemplate) {
    lines.push('', `github-issue-template.md を \`${plan.feedbackTemplate.path}\` (フィードバックの issue の本文) に変換しました。`);
    if (plan.feedbackTemplate.unknown.length) lines.push(`置き換えられなかったプレースホルダー: ${plan.feedbackTemplate.unknown.join('、')}`);
  }
  for (const note of plan.notes) lines.push(`- ${note}`);

  lines.push('', '## 手書きの目次を自動の目次に置き換えた記事', '');
  const replaced = [...articles].filter(([, a]) => a.tocBlocks.some((b) => b.replaced)).map(([f, a]) => {
    const block = a.tocBlocks.find((b) => b.replaced)!;
    return `- \`${f}\`:${block.line} 「${block.title ?? '(見出しなし)'}」 (${block.entries.length} 項目)`;
  });
  lines.push(...(replaced.length ? replaced : ['なし']));

  lines.push('', '## 以前の見出しの id でだけ動くリンク', '', '以前のブログが付けた id にもリンクできるため、そのままでも動きます。`npm run check -- --fix` で GitHub のプレビューでも動く id に書き換えられます。', '');
  const legacy = diagnostics.filter((d) => d.rule === 'anchor/legacy-id');
  if (legacy.length) {
    lines.push('| 記事 | 行 | 書き換え先 |', '| :---- | ----: | :---- |');
    for (const d of legacy) lines.push(`| \`${d.file}\` | ${d.line} | \`${cell(d.suggestion ?? '')}\` |`);
  } else lines.push('なし');

  lines.push('', '## フロントマターの解釈', '');
  const forms = [...input.sources].map(([f, text]) => [f, frontMatterForms(text)] as const).filter(([, f]) => f.length);
  lines.push(...(forms.length ? forms.map(([f, list]) => `- \`${f}\`: ${list.join('、')}`) : ['なし']));

  lines.push('', '## 以前の URL', '', '| 以前の URL | このサイトでは |', '| :---- | :---- |',
    `| \`${root}<分野>/<記事名>/\` | 同じ URL |`, `| \`${root}atom.xml\` | 同じ URL のフィード |`, `| \`${root}archives/\`、\`${root}tags/<タグ>/\`、\`${root}categories/<カテゴリ>/\` | 同じ URL |`);
  for (const [from, to] of Object.entries(plan.redirects)) lines.push(`| \`${root}${from}\` | \`${root}${to}\` へ移動するページ (redirects) |`);

  lines.push('', '## 確認が必要な問題', '');
  const byRule = new Map<string, { errors: number; warnings: number; fixable: number }>();
  for (const d of diagnostics) {
    const entry = byRule.get(d.rule) ?? { errors: 0, warnings: 0, fixable: 0 };
    if (d.severity === 'error') entry.errors++;
    else entry.warnings++;
    if (d.fix) entry.fixable++;
    byRule.set(d.rule, entry);
  }
  if (byRule.size) {
    lines.push('| ルール | エラー | 警告 | --fix で直せる |', '| :---- | ----: | ----: | ----: |');
    for (const [rule, e] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| \`${rule}\` | ${e.errors} | ${e.warnings} | ${e.fixable} |`);
    if (input.baselineFile) lines.push('', `取り込み時点のエラー (以前のサイトでも公開されていたもの) は \`${input.baselineFile}\` (check.baseline) に記録し、直すまで警告として扱います。新しいエラーはビルドを止めます。`);
  } else lines.push('なし');

  lines.push('', '## 次にすること', '',
    '1. `npm run check -- --fix` で、ロケール、docs.microsoft.com、追跡用パラメーター、日時のゼロ埋め、タグの空白、以前の id へのリンクを書き換えます。',
    '2. `npm run check` に残った問題 (書きかけのメモ、壊れたリンクなど) を直します。',
    '3. `npm run build` と `npm start` で表示を確認します。',
    '4. リポジトリの Settings → Pages で Source を「GitHub Actions」に切り替えます (README「以前のブログからの移行」)。', '');
  return lines.join('\n');
}
