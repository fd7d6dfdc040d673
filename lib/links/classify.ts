import { safeDecodeURIComponent } from '../text/uri';
import type { LinkOptions } from './options';

/** A problem with a link found without going online: rule, message and the corrected URL. */
export interface LinkIssue {
  rule: string;
  /** What is wrong, for rules to decide on (never the message text). */
  reason: 'whitespace' | 'second-question-mark' | 'dash-fragment' | 'insecure' | 'legacy-host' | 'locale' | 'tracking';
  message: string;
  suggestion?: string;
  /** The suggestion is the one right correction (`--fix` applies it). */
  fixable?: boolean;
}

const LOCALE = /^[a-z]{2}-[a-z]{2,4}$/i;
const TRACKING = (name: string, value: string): boolean =>
  /^(msclkid|ocid|wt\.mc_id)$/i.test(name) || /^utm_/i.test(name) || (name.toLowerCase() === 'source' && value.toLowerCase() === 'recommendations');
// Full-width punctuation and spaces that get pasted onto the end of a URL in Japanese prose.
const FULL_WIDTH = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/** The parts of an http(s) URL as written (no re-encoding, which would change what authors see). */
interface RawUrl {
  scheme: string;
  host: string;
  path: string;
  query?: string;
  fragment?: string;
}

/** Splits an http(s) URL as written; undefined for anything else. */
export function splitUrl(url: string): RawUrl | undefined {
  const m = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is.exec(url);
  if (!m) return undefined;
  return { scheme: m[1]!.toLowerCase(), host: m[2]!.toLowerCase(), path: m[3]!, ...(m[4] !== undefined ? { query: m[4] } : {}), ...(m[5] !== undefined ? { fragment: m[5] } : {}) };
}

function join(u: RawUrl): string {
  return `${u.scheme}://${u.host}${u.path}${u.query !== undefined && u.query !== '' ? `?${u.query}` : ''}${u.fragment !== undefined ? `#${u.fragment}` : ''}`;
}

/**
 * Offline rules for an external URL: `link/malformed`, `link/legacy-host`, `link/locale` and
 * `link/tracking-param`, each with the URL as it should be.
 */
export function classifyExternal(url: string, options: Pick<LinkOptions, 'locale' | 'localeHosts' | 'httpsHosts'>): LinkIssue[] {
  const issues: LinkIssue[] = [];
  const wide = FULL_WIDTH.exec(url) ?? /\s/.exec(url);
  if (wide) {
    issues.push({ rule: 'link/malformed', reason: 'whitespace', message: `URL に空白または全角文字「${wide[0] === '\u3000' ? '全角スペース' : wide[0].trim() || '空白'}」が含まれています。`, suggestion: url.slice(0, wide.index).trim() });
    return issues;
  }
  const u = splitUrl(url);
  if (!u) return issues;
  if (u.query?.includes('?')) {
    issues.push({ rule: 'link/malformed', reason: 'second-question-mark', message: 'URL のクエリに 2 つ目の「?」があります。パラメーターは「&」でつなぎます。', suggestion: join({ ...u, query: u.query.replace(/\?/g, '&') }) });
  }
  if (u.fragment !== undefined && /^-+$/.test(u.fragment)) {
    issues.push({ rule: 'link/malformed', reason: 'dash-fragment', message: `フラグメント「#${u.fragment}」はハイフンだけで、どの見出しにも当たりません。`, suggestion: join({ ...u, fragment: undefined }) });
  }
  if (u.scheme === 'http' && options.httpsHosts.includes(u.host)) {
    issues.push({ rule: 'link/malformed', reason: 'insecure', message: `${u.host} は https で提供されています。`, suggestion: join({ ...u, scheme: 'https' }) });
  }
  if (u.host === 'docs.microsoft.com') {
    issues.push({ rule: 'link/legacy-host', reason: 'legacy-host', fixable: true, message: 'docs.microsoft.com は learn.microsoft.com に移行しました。', suggestion: join({ ...u, scheme: 'https', host: 'learn.microsoft.com' }) });
  }
  if (options.localeHosts.includes(u.host)) {
    const segments = u.path.split('/');
    const locale = segments[1] ?? '';
    if (LOCALE.test(locale)) {
      if (options.locale === 'none') {
        issues.push({ rule: 'link/locale', reason: 'locale', fixable: true, message: `ロケール「${locale}」を含まない URL にしてください (閲覧者の言語で表示されます)。`, suggestion: join({ ...u, path: `/${segments.slice(2).join('/')}` }) });
      } else if (locale !== options.locale) {
        const fixed = locale.toLowerCase() === options.locale ? '小文字の' : '';
        issues.push({
          rule: 'link/locale', reason: 'locale', fixable: true,
          message: `ロケールが「${locale}」です。日本語の記事からは${fixed}「${options.locale}」のページにリンクしてください。`,
          suggestion: join({ ...u, path: ['', options.locale, ...segments.slice(2)].join('/') }),
        });
      }
    }
  }
  if (u.query) {
    const params = u.query.split('&');
    const kept = params.filter((p) => {
      const [name = '', value = ''] = p.split('=');
      return !TRACKING(safeDecodeURIComponent(name), safeDecodeURIComponent(value));
    });
    if (kept.length !== params.length) {
      const removed = params.filter((p) => !kept.includes(p)).map((p) => p.split('=')[0]).join(', ');
      issues.push({ rule: 'link/tracking-param', reason: 'tracking', fixable: true, message: `追跡用のパラメーター (${removed}) が含まれています。`, suggestion: join({ ...u, query: kept.join('&') }) });
    }
  }
  return issues;
}


/** The URL with every fixable issue corrected (a legacy host and a wrong locale at once, say). */
export function correctedUrl(url: string, options: Pick<LinkOptions, 'locale' | 'localeHosts' | 'httpsHosts'>): string {
  let current = url;
  for (let pass = 0; pass < 5; pass++) {
    const fix = classifyExternal(current, options).find((i) => i.fixable && i.suggestion !== undefined);
    if (!fix) break;
    current = fix.suggestion!;
  }
  return current;
}
