import { mapping, rejectUnknownKeys } from '../config/section';

/** Settings of the block at the end of every article (`article_footer` in _config.yml). */
export interface ArticleFooterOptions {
  /** GitHub repository URL, e.g. https://github.com/contoso-jp-support/blog; no links when empty. */
  repository: string;
  branch: string;
  /** Folder of the Hexo site inside the repository ('' when it is the repository's root). */
  sourceRoot: string;
  /** Markdown shown at the end of every article unless the post sets `disableDisclaimer: true`. */
  disclaimer: string;
  /** Repository-relative path of the issue body template for the feedback link. */
  feedbackTemplate: string;
  feedbackLabels: string[];
  labels: { feedback: string; edit: string; region: string; contributors: string };
  /** List the article's commit authors (from git, at build time). */
  contributors: boolean;
}

const DEFAULT_LABELS = { feedback: 'フィードバック', edit: 'GitHub で編集', region: '記事について', contributors: 'この記事の執筆・更新' };

const FOOTER_KEYS = ['repository', 'branch', 'source_root', 'disclaimer', 'feedback_template', 'feedback_labels', 'labels', 'contributors'] as const;

/** Fills defaults and checks types of the `article_footer` section; throws on a wrong type or key. */
export function normalizeArticleFooterOptions(raw: unknown): ArticleFooterOptions {
  const o = mapping(raw, 'article_footer');
  rejectUnknownKeys(o, FOOTER_KEYS, 'article_footer');
  const str = (key: string, fallback: string): string => {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') throw new Error(`article_footer.${key} must be a string`);
    return v;
  };
  const labels = mapping(o.labels, 'article_footer.labels');
  rejectUnknownKeys(labels, ['feedback', 'edit', 'region', 'contributors'], 'article_footer.labels');
  const feedbackLabels = o.feedback_labels ?? [];
  if (!Array.isArray(feedbackLabels) || feedbackLabels.some((l) => typeof l !== 'string')) {
    throw new Error('article_footer.feedback_labels must be a list of strings');
  }
  const bool = (v: unknown): boolean => {
    if (typeof v !== 'boolean') throw new Error('article_footer.contributors must be true or false');
    return v;
  };
  return {
    repository: str('repository', '').replace(/\/+$/, ''),
    branch: str('branch', 'main'),
    sourceRoot: str('source_root', '').replace(/^\/+|\/+$/g, ''),
    disclaimer: str('disclaimer', ''),
    feedbackTemplate: str('feedback_template', ''),
    feedbackLabels: feedbackLabels as string[],
    labels: {
      feedback: typeof labels.feedback === 'string' ? labels.feedback : DEFAULT_LABELS.feedback,
      edit: typeof labels.edit === 'string' ? labels.edit : DEFAULT_LABELS.edit,
      region: typeof labels.region === 'string' ? labels.region : DEFAULT_LABELS.region,
      contributors: typeof labels.contributors === 'string' ? labels.contributors : DEFAULT_LABELS.contributors,
    },
    contributors: o.contributors === undefined ? true : bool(o.contributors),
  };
}
