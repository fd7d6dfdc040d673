import { mapping, rejectUnknownKeys } from '../config/section';
/** Settings of the `links` section in _config.yml. */
export interface LinkOptions {
  /** Locale segment Microsoft Learn-family links must carry: `ja-jp`, or `none` for locale-less URLs. */
  locale: 'ja-jp' | 'none';
  /** Hosts whose first path segment is a locale (learn.microsoft.com/ja-jp/…). */
  localeHosts: string[];
  /** Hosts that serve https, so an http: link to them is a mistake. */
  httpsHosts: string[];
  /** Per-host concurrency of the online check; `*` is the overall limit. */
  concurrency: Record<string, number>;
  /** Seconds before a request is abandoned. */
  timeout: number;
  /** Attempts for a URL answering 429 or 503 (or timing out) before it is reported unverified. */
  retries: number;
  /** Longest wait honoured from Retry-After, in seconds. */
  maxRetryAfter: number;
  /** How long a successful check stays valid in the cache, in days. */
  cacheTtlDays: number;
  cacheFile: string;
  /** URLs (prefixes) never fetched online, e.g. sites that refuse robots. */
  skip: string[];
  /** Most of a page read to look for a fragment, in megabytes. */
  maxBodyMb: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = {
  locale: 'ja-jp',
  localeHosts: ['learn.microsoft.com', 'docs.microsoft.com', 'azure.microsoft.com', 'support.microsoft.com', 'www.microsoft.com'],
  httpsHosts: ['learn.microsoft.com', 'docs.microsoft.com', 'azure.microsoft.com', 'support.microsoft.com', 'www.microsoft.com', 'portal.azure.com', 'github.com', 'techcommunity.microsoft.com'],
  concurrency: { '*': 16, 'learn.microsoft.com': 4 },
  timeout: 15,
  retries: 4,
  maxRetryAfter: 60,
  cacheTtlDays: 7,
  cacheFile: '.cache/link-check.json',
  skip: [],
  maxBodyMb: 5,
};

const LINK_KEYS = ['locale', 'locale_hosts', 'https_hosts', 'concurrency', 'timeout', 'retries', 'max_retry_after', 'cache_ttl_days', 'cache_file', 'skip', 'max_body_mb'] as const;

/** Fills defaults and validates the `links` section; throws on a wrong value or an unknown key. */
export function normalizeLinkOptions(raw: unknown): LinkOptions {
  const o = mapping(raw, 'links');
  rejectUnknownKeys(o, LINK_KEYS, 'links');
  const locale = o.locale ?? DEFAULT_LINK_OPTIONS.locale;
  if (locale !== 'ja-jp' && locale !== 'none') throw new Error(`links.locale must be ja-jp or none, got ${JSON.stringify(locale)}`);
  const num = (key: string, fallback: number): number => {
    const v = o[key] ?? fallback;
    if (typeof v !== 'number' || !(v >= 0)) throw new Error(`links.${key} must be a number ≥ 0`);
    return v;
  };
  const list = (key: string, fallback: string[]): string[] => {
    const v = o[key] ?? fallback;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`links.${key} must be a list of strings`);
    return v as string[];
  };
  const concurrency = { ...DEFAULT_LINK_OPTIONS.concurrency, ...((o.concurrency ?? {}) as Record<string, number>) };
  for (const [host, n] of Object.entries(concurrency)) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`links.concurrency.${host} must be a whole number ≥ 1`);
  }
  return {
    locale,
    localeHosts: list('locale_hosts', DEFAULT_LINK_OPTIONS.localeHosts),
    httpsHosts: list('https_hosts', DEFAULT_LINK_OPTIONS.httpsHosts),
    concurrency,
    timeout: num('timeout', DEFAULT_LINK_OPTIONS.timeout),
    retries: num('retries', DEFAULT_LINK_OPTIONS.retries),
    maxRetryAfter: num('max_retry_after', DEFAULT_LINK_OPTIONS.maxRetryAfter),
    cacheTtlDays: num('cache_ttl_days', DEFAULT_LINK_OPTIONS.cacheTtlDays),
    cacheFile: typeof o.cache_file === 'string' ? o.cache_file : DEFAULT_LINK_OPTIONS.cacheFile,
    skip: list('skip', DEFAULT_LINK_OPTIONS.skip),
    maxBodyMb: num('max_body_mb', DEFAULT_LINK_OPTIONS.maxBodyMb),
  };
}
