import type { Severity } from '../diagnostics/diagnostic';

/** Settings of the `check` section in _config.yml. */
export interface CheckOptions {
  /** Allowed tags; empty means any tag is accepted. */
  tags: string[];
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
  'anchor/broken': 'error',
  'anchor/duplicate-id': 'error',
  'admonition/unknown-type': 'error',
  'admonition/empty': 'error',
  'a11y/image-alt': 'warning',
  'front-matter/missing': 'error',
  'front-matter/yaml': 'error',
  'front-matter/required': 'error',
  'front-matter/date': 'error',
  'front-matter/date-format': 'warning',
  'front-matter/type': 'error',
  'front-matter/tag': 'warning',
  'front-matter/unknown-key': 'warning',
};

export const DEFAULT_JAPANESE_MARKERS = ['あとで', '後で書く', '要確認', '確認中', '追記予定', '書いてもらう'];
export const DEFAULT_ALLOWED_COMMENTS = ['more', 'check-ignore-line', 'check-ignore-next-line', 'textlint-disable', 'textlint-enable', 'markdownlint-disable', 'markdownlint-enable', 'prettier-ignore'];

function stringList(value: unknown, key: string, fallback: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new Error(`check.${key} must be a list of strings`);
  return value as string[];
}

/** Fills defaults and validates the `check` section; throws on a wrong type or unknown rule. */
export function normalizeCheckOptions(raw: unknown): CheckOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o)) throw new Error('check must be a mapping');
  const rules = { ...DEFAULT_RULES };
  for (const [rule, severity] of Object.entries((o.rules ?? {}) as Record<string, unknown>)) {
    if (!(rule in DEFAULT_RULES)) throw new Error(`check.rules.${rule}: unknown rule (known: ${Object.keys(DEFAULT_RULES).join(', ')})`);
    if (severity !== 'error' && severity !== 'warning' && severity !== 'off') throw new Error(`check.rules.${rule} must be error, warning or off`);
    rules[rule] = severity;
  }
  return {
    tags: stringList(o.tags, 'tags', []),
    japaneseMarkers: stringList(o.japanese_markers, 'japanese_markers', DEFAULT_JAPANESE_MARKERS),
    allowedComments: stringList(o.allowed_comments, 'allowed_comments', DEFAULT_ALLOWED_COMMENTS),
    extraKeys: stringList(o.extra_keys, 'extra_keys', []),
    rules,
  };
}
