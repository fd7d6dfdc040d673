import { HostLimiter } from './limiter';

/** The part of a fetch Response the checker reads. */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  body?: { cancel(): Promise<void>; getReader?(): BodyReader } | null;
}

interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

/** fetch, as the checker calls it; passed in so tests talk to a local server. */
export type Fetch = (url: string, init: { method: 'HEAD' | 'GET'; redirect: 'manual'; signal: AbortSignal; headers: Record<string, string> }) => Promise<HttpResponse>;

/** The outcome for one URL. */
export type CheckResult =
  | { kind: 'ok' }
  | { kind: 'redirected'; finalUrl: string }
  | { kind: 'broken'; reason: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unverified'; reason: string }
  | { kind: 'fragment-missing'; fragment: string };

export interface OnlineOptions {
  fetch: Fetch;
  /** Concurrency per host name, `*` for overall. */
  limits: Record<string, number>;
  timeoutMs: number;
  /** Further attempts after a 429/5xx, a timeout or a reset connection. */
  retries: number;
  maxRetryAfterMs: number;
  /** First backoff delay when the server gives no Retry-After; doubles each attempt, with jitter. */
  backoffMs?: number;
  /** GET pages whose URL has a fragment and confirm the fragment's id exists. */
  fragments?: boolean;
  /** How much of a page is read to find a fragment (`links.max_body_mb`); the rest is not downloaded. */
  maxBodyBytes?: number;
  sleep?(ms: number): Promise<void>;
  random?(): number;
  now?(): number;
  /** Called after each URL: how many are done and how many failed so far. */
  onProgress?(done: number, total: number, failures: number): void;
}

const USER_AGENT = 'support-blog-link-checker (+https://github.com/)';
const MAX_REDIRECTS = 10;
const DEFAULT_MAX_BODY = 5 * 1024 * 1024;

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether an HTML page has an element with this id (or an anchor with this name). */
export function pageHasId(html: string, fragment: string): boolean {
  const candidates = new Set([fragment]);
  try {
    candidates.add(decodeURIComponent(fragment));
  } catch {
    // keep the fragment as written
  }
  return [...candidates].some((f) => {
    const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`\\s(?:id|name)\\s*=\\s*(?:"${escaped}"|'${escaped}'|${escaped}(?=[\\s>]))`).test(html);
  });
}

function errorCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

const NETWORK_ERRORS: [RegExp, string][] = [
  [/^(ENOTFOUND|EAI_AGAIN)$/, '名前解決 (DNS) に失敗しました'],
  [/^ECONNREFUSED$/, '接続を拒否されました'],
  [/^(ECONNRESET|UND_ERR_SOCKET|EPIPE)$/, '接続が切断されました'],
  [/CERT|TLS|SSL/, 'TLS (証明書) のエラーです'],
  [/^(EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)$/, 'ホストに到達できません'],
  [/^ERR_INVALID_URL$/, 'URL として読めません'],
];

/** A reader's description of a network error code. */
export function describeNetworkError(code: string): string {
  const known = NETWORK_ERRORS.find(([pattern]) => pattern.test(code));
  return known ? `${known[1]} (${code})` : code;
}

/** The first maxBytes of a body as text, and whether there was more (which is then not downloaded). */
export async function readCapped(res: HttpResponse, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const reader = res.body?.getReader?.();
  if (!reader) {
    const text = await res.text();
    return { text: text.slice(0, maxBytes), truncated: text.length > maxBytes };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
    if (size + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.length;
  }
}

async function discard(res: HttpResponse): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // already consumed or closed
  }
}

/**
 * Checks each distinct URL once: HEAD (GET where HEAD is refused, or to read fragments), following
 * redirects; retries 429/5xx, timeouts and reset connections with exponential backoff and jitter,
 * honouring Retry-After. Rate limiting or timeouts that persist make a URL `unverified`, never broken.
 */
export async function checkUrls(urls: Iterable<string>, options: OnlineOptions): Promise<Map<string, CheckResult>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const limiter = new HostLimiter(options.limits);
  const unique = [...new Set(urls)];
  const results = new Map<string, CheckResult>();
  let done = 0;
  let failures = 0;

  const request = (url: string, method: 'HEAD' | 'GET') => limiter.run(new URL(url).hostname, async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const res = await options.fetch(url, { method, redirect: 'manual', signal: controller.signal, headers: { 'user-agent': USER_AGENT, accept: 'text/html,*/*' } });
      const read = method === 'GET' && options.fragments ? await readCapped(res, options.maxBodyBytes ?? DEFAULT_MAX_BODY) : undefined;
      if (read === undefined) await discard(res);
      return { res, body: read?.text, truncated: read?.truncated ?? false };
    } catch (err) {
      if (controller.signal.aborted) throw Object.assign(new Error('timeout'), { code: 'TIMEOUT' });
      throw err;
    } finally {
      clearTimeout(timer);
    }
  });

  const checkOne = async (url: string): Promise<CheckResult> => {
    const hash = url.indexOf('#');
    const fragment = options.fragments && hash >= 0 && hash < url.length - 1 ? url.slice(hash + 1) : undefined;
    let current = hash >= 0 ? url.slice(0, hash) : url;
    let method: 'HEAD' | 'GET' = fragment ? 'GET' : 'HEAD';
    let permanent: boolean | undefined;
    const visited = new Set<string>();
    let attempt = 0;
    const retry = async (waitMs?: number): Promise<boolean> => {
      if (attempt >= options.retries) return false;
      attempt++;
      const backoff = (options.backoffMs ?? 1000) * 2 ** (attempt - 1) * (0.5 + random());
      await sleep(Math.min(waitMs ?? backoff, options.maxRetryAfterMs));
      return true;
    };
    for (;;) {
      let response: { res: HttpResponse; body?: string; truncated: boolean };
      try {
        response = await request(current, method);
      } catch (err) {
        const code = errorCode(err);
        if ((code === 'TIMEOUT' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') && (await retry())) continue;
        if (code === 'TIMEOUT') return { kind: 'unverified', reason: `${options.timeoutMs / 1000} 秒以内に応答がありませんでした` };
        return { kind: 'unreachable', reason: describeNetworkError(code) };
      }
      const { res, body } = response;
      const status = res.status;
      const location = res.headers.get('location');
      if (status >= 300 && status < 400 && location) {
        visited.add(current);
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch {
          return { kind: 'broken', reason: `リダイレクト先が URL として読めません: ${location.slice(0, 100)}` };
        }
        if (visited.has(next)) return { kind: 'broken', reason: 'リダイレクトがループしています' };
        if (visited.size > MAX_REDIRECTS) return { kind: 'broken', reason: `リダイレクトが ${MAX_REDIRECTS} 回を超えました` };
        const isPermanent = status === 301 || status === 308;
        permanent = permanent === undefined ? isPermanent : permanent && isPermanent;
        current = next;
        continue;
      }
      if (method === 'HEAD' && (status === 405 || status === 501 || status === 403)) {
        method = 'GET';
        continue;
      }
      if (status === 429 || status >= 500) {
        if (await retry(retryAfterMs(res.headers.get('retry-after'), now()))) continue;
        return { kind: 'unverified', reason: status === 429 ? 'レート制限 (HTTP 429) が続いたため確認できませんでした' : `HTTP ${status} が続いたため確認できませんでした` };
      }
      if (status === 404 || status === 410) return { kind: 'broken', reason: `HTTP ${status}` };
      if (status >= 400) return { kind: 'unverified', reason: `HTTP ${status}` };
      if (fragment && body !== undefined && !pageHasId(body, fragment)) {
        return response.truncated
          ? { kind: 'unverified', reason: `ページが大きすぎるため (${Math.round((options.maxBodyBytes ?? DEFAULT_MAX_BODY) / 1024 / 1024)} MB まで読みました) #${fragment} を確認できませんでした` }
          : { kind: 'fragment-missing', fragment };
      }
      return permanent ? { kind: 'redirected', finalUrl: current + (hash >= 0 ? url.slice(hash) : '') } : { kind: 'ok' };
    }
  };

  await Promise.all(unique.map(async (url) => {
    // Whatever a URL or its server does, it is one result: the others and the cache are kept.
    const result = await checkOne(url).catch((err: unknown): CheckResult => ({ kind: 'unreachable', reason: `確認できませんでした: ${err instanceof Error ? err.message : String(err)}` }));
    results.set(url, result);
    done++;
    if (result.kind !== 'ok' && result.kind !== 'redirected') failures++;
    options.onProgress?.(done, unique.length, failures);
  }));
  return results;
}
