/** Helpers for reading one section of the site configuration (or of an article's front-matter). */
import { closest } from '../text/distance';

/** A configuration value that cannot be used, with the key path that names it. */
export class ConfigError extends Error {
  constructor(readonly key: string, message: string) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** A key the section does not know, with the known key it most likely means. */
export interface UnknownKey {
  key: string;
  suggestion?: string;
}

/** The section as a mapping: `undefined`/`null` read as empty, anything else but a mapping throws. */
export function mapping(raw: unknown, path: string): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(path, `「キー: 値」の組で書いてください (今の値: ${JSON.stringify(raw)})`);
  return raw as Record<string, unknown>;
}

/** The keys of a mapping that are not among `known`, each with the closest known key. */
export function unknownKeys(section: Record<string, unknown>, known: readonly string[]): UnknownKey[] {
  const squash = (k: string) => k.replace(/[_-]/g, '').toLowerCase();
  return Object.keys(section).filter((k) => !known.includes(k)).map((key) => {
    // `japaneseMarkers` for `japanese_markers`, `cache_ttl` for `cache_ttl_days`, then typing mistakes.
    const suggestion = known.find((k) => squash(k) === squash(key)) ??
      known.find((k) => squash(k).startsWith(squash(key)) && key.length >= 4) ??
      closest(key.toLowerCase(), known, Math.max(2, Math.floor(key.length / 3)));
    return suggestion ? { key, suggestion } : { key };
  });
}

/** Throws for the first key a section does not know, naming the closest known key. */
export function rejectUnknownKeys(section: Record<string, unknown>, known: readonly string[], path: string): void {
  const [first] = unknownKeys(section, known);
  if (!first) return;
  throw new ConfigError(`${path}.${first.key}`, `不明な設定です${first.suggestion ? ` (${path}.${first.suggestion} のことですか?)` : ''}。使える設定: ${known.join(', ')}`);
}

/** A whole number within [min, max], or the fallback when absent. */
export function integer(value: unknown, path: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(path, `${min} 以上${max === Number.MAX_SAFE_INTEGER ? '' : ` ${max} 以下`}の整数にしてください (今の値: ${JSON.stringify(value)})`);
  }
  return value;
}

/** A boolean, or the fallback when absent. */
export function boolean(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(path, `true か false にしてください (今の値: ${JSON.stringify(value)})`);
  return value;
}

/** A string, or the fallback when absent. */
export function string(value: unknown, path: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new ConfigError(path, `文字列にしてください (今の値: ${JSON.stringify(value)})`);
  return value;
}

/** One of a few words, or the fallback when absent. */
export function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(path, `${choices.join('、')} のいずれかにしてください (今の値: ${JSON.stringify(value)})`);
  }
  return value as T;
}

/** A list of strings, or the fallback when absent. */
export function stringList(value: unknown, path: string, fallback: string[]): string[] {
  if (value === undefined || value === null) return fallback;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(path, `文字列のリストにしてください (今の値: ${JSON.stringify(value)})`);
  return value as string[];
}
