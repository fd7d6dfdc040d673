import { mapping, rejectUnknownKeys, stringList } from '../config/section';
import { closest } from '../text/distance';
import type { Severity } from '../diagnostics/diagnostic';

/** Settings of the `check` section in _config.yml. */
export interface CheckOptions {
  /** Allowed tags; empty means any tag is accepted. */
  tags: string[];
  /** Allowed categories; empty means any category is accepted. */
  categories: string[];
  /** A file of findings that existed when the blog was imported: they warn instead of failing. */
  baseline?: string;
  /** Japanese phrases that mark a leftover note. */
  japaneseMarkers: string[];
  /** HTML comments allowed in articles, by their first word (`more`, `textlint-disable`, …). */
  allowedComments: string[];
  /** Front-matter keys accepted besides the built-in ones. */
  extraKeys: string[];
  /** Severity per rule id; `off` disables a rule. */
  rules: Record<string, Severity | 'off'>;
}

export const DEFAULT_RULES: Record<string, Severity | 'off'> = {
  'todo/marker': 'error',
  'todo/comment-line': 'error',
  'todo/html-comment': 'error',
  'todo/japanese': 'error',
  'link/empty': 'error',
  'link/locale': 'warning',
  'link/legacy-host': 'warning',
  'link/tracking-param': 'warning',
  'link/malformed': 'error',
  'link/internal-missing': 'error',
  'link/missing-file': 'error',
  'link/broken': 'error',
  'link/unreachable': 'error',
  'link/redirected': 'warning',
  'link/unverified': 'warning',
  'link/unsafe-scheme': 'error',
  'anchor/broken': 'error',
  'anchor/legacy-id': 'warning',
  'anchor/duplicate-id': 'error',
  'admonition/unknown-type': 'error',
  'admonition/empty': 'error',
  'a11y/image-alt': 'warning',
  'front-matter/missing': 'error',
  'front-matter/unterminated': 'error',
  'front-matter/root': 'error',
  'front-matter/yaml': 'error',
  'front-matter/required': 'error',
  'front-matter/date': 'error',
  'front-matter/date-format': 'warning',
  'front-matter/type': 'error',
  'front-matter/tag': 'warning',
  'front-matter/category': 'warning',
  'front-matter/unknown-key': 'warning',
  'source/encoding': 'error',
  'source/symlink': 'error',
  'source/too-large': 'error',
  'source/nesting': 'error',
};

export const DEFAULT_JAPANESE_MARKERS = ['あとで', '後で書く', '要確認', '確認中', '追記予定', '書いてもらう'];
export const DEFAULT_ALLOWED_COMMENTS = ['more', 'check-ignore-line', 'check-ignore-next-line', 'textlint-disable', 'textlint-enable', 'markdownlint-disable', 'markdownlint-enable', 'prettier-ignore'];

const CHECK_KEYS = ['tags', 'categories', 'baseline', 'japanese_markers', 'allowed_comments', 'extra_keys', 'rules'] as const;

/** Fills defaults and validates the `check` section; throws on a wrong type, an unknown key or rule. */
export function normalizeCheckOptions(raw: unknown): CheckOptions {
  const o = mapping(raw, 'check');
  rejectUnknownKeys(o, CHECK_KEYS, 'check');
  const rules = { ...DEFAULT_RULES };
  for (const [rule, severity] of Object.entries(mapping(o.rules, 'check.rules'))) {
    if (!(rule in DEFAULT_RULES)) {
      const near = closest(rule, Object.keys(DEFAULT_RULES), 4);
      throw new Error(`check.rules.${rule}: 不明なルールです${near ? ` (${near} のことですか?)` : ''}。ルールの一覧は README の「記事のチェック」にあります`);
    }
    if (severity !== 'error' && severity !== 'warning' && severity !== 'off') throw new Error(`check.rules.${rule}: error、warning、off のいずれかにしてください`);
    rules[rule] = severity;
  }
  if (o.baseline !== undefined && typeof o.baseline !== 'string') throw new Error('check.baseline: ファイルのパスを書いてください');
  return {
    tags: stringList(o.tags, 'check.tags', []),
    categories: stringList(o.categories, 'check.categories', []),
    ...(typeof o.baseline === 'string' && o.baseline ? { baseline: o.baseline } : {}),
    japaneseMarkers: stringList(o.japanese_markers, 'check.japanese_markers', DEFAULT_JAPANESE_MARKERS),
    allowedComments: stringList(o.allowed_comments, 'check.allowed_comments', DEFAULT_ALLOWED_COMMENTS),
    extraKeys: stringList(o.extra_keys, 'check.extra_keys', []),
    rules,
  };
}
