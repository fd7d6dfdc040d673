import path from 'node:path';
import { positionOf, type Article, type ArticleLink } from '../article/model';
import type { LinkContext } from './rules';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic';
import { LinkCache } from './cache';
import { classifyExternal } from './classify';
import { resolveTarget } from './resolve';
import { checkUrls, type CheckResult, type Fetch } from './online';

export interface OnlineRunOptions {
  cwd: string;
  fetch: Fetch;
  fragments: boolean;
  useCache: boolean;
  rules: Record<string, Severity | 'off'>;
  onProgress?(done: number, total: number, failures: number): void;
  /** Overrides of the configured timing, for tests and benchmarks. */
  backoffMs?: number;
}

/** Every external URL of the articles (as written, fragment kept), with each place it appears. */
export function externalUrls(articles: Iterable<Article>, context: LinkContext): Map<string, { file: string; link: ArticleLink }[]> {
  const places = new Map<string, { file: string; link: ArticleLink }[]>();
  for (const article of articles) {
    for (const link of article.links) {
      if (link.kind === 'reference' || !/^https?:\/\//i.test(link.href) || resolveTarget(link.href, article.file, context.site).kind !== 'external') continue;
      if (context.links.skip.some((prefix) => link.href.startsWith(prefix))) continue;
      // A URL with spaces or full-width characters is already reported offline; fetching it means nothing.
      if (classifyExternal(link.href, context.links).some((i) => i.reason === 'whitespace')) continue;
      const list = places.get(link.href) ?? [];
      list.push({ file: article.file, link });
      places.set(link.href, list);
    }
  }
  return places;
}

function finding(result: CheckResult): { rule: string; message: string; suggestion?: string } | undefined {
  switch (result.kind) {
    case 'ok':
      return undefined;
    case 'redirected':
      return { rule: 'link/redirected', message: 'リンク先は恒久的にリダイレクトされます。リダイレクト先の URL に更新してください。', suggestion: result.finalUrl };
    case 'broken':
      return { rule: 'link/broken', message: `リンク先が見つかりません (${result.reason})。` };
    case 'unreachable':
      return { rule: 'link/unreachable', message: `リンク先に接続できません (${result.reason})。` };
    case 'unverified':
      return { rule: 'link/unverified', message: `リンク先を確認できませんでした: ${result.reason}。時間をおいて再度確認します。` };
    case 'fragment-missing':
      return { rule: 'anchor/broken', message: `リンク先のページに #${result.fragment} がありません。` };
  }
}

/**
 * The online part of the link check: fetches each distinct external URL once (or takes a fresh
 * success from the cache) and reports the result at every place the URL appears.
 */
export async function checkOnline(articles: Iterable<Article>, context: LinkContext, options: OnlineRunOptions): Promise<{ diagnostics: Diagnostic[]; fetched: number; cached: number }> {
  const places = externalUrls(articles, context);
  const cache = options.useCache ? await LinkCache.load(path.resolve(options.cwd, context.links.cacheFile), context.links.cacheTtlDays) : undefined;
  const results = new Map<string, CheckResult>();
  const toFetch: string[] = [];
  for (const url of places.keys()) {
    const entry = cache?.get(url);
    const needsFragment = options.fragments && url.includes('#');
    if (entry && (!needsFragment || entry.fragmentChecked)) {
      results.set(url, entry.redirectedTo ? { kind: 'redirected', finalUrl: entry.redirectedTo } : { kind: 'ok' });
    } else {
      toFetch.push(url);
    }
  }
  const fetched = await checkUrls(toFetch, {
    fetch: options.fetch,
    limits: context.links.concurrency,
    timeoutMs: context.links.timeout * 1000,
    retries: context.links.retries,
    maxRetryAfterMs: context.links.maxRetryAfter * 1000,
    fragments: options.fragments,
    maxBodyBytes: context.links.maxBodyMb * 1024 * 1024,
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  for (const [url, result] of fetched) {
    results.set(url, result);
    // Only successes are remembered: a failure is checked again next time.
    if (cache && (result.kind === 'ok' || result.kind === 'redirected')) {
      cache.set(url, { ...(result.kind === 'redirected' ? { redirectedTo: result.finalUrl } : {}), ...(options.fragments && url.includes('#') ? { fragmentChecked: true } : {}) });
    }
  }
  await cache?.save();
  const diagnostics: Diagnostic[] = [];
  for (const [url, list] of places) {
    const f = finding(results.get(url)!);
    const severity = f && options.rules[f.rule];
    if (!f || !severity || severity === 'off') continue;
    for (const { file, link } of list) diagnostics.push({ file, ...positionOf(link), severity, ...f });
  }
  return { diagnostics, fetched: toFetch.length, cached: places.size - toFetch.length };
}
