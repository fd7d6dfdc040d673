/**
 * What an article file must be before anything parses it: a regular file of the site (not a link
 * to /etc/passwd or .git/config), of a bounded size, valid UTF-8 without NUL bytes, and not nested
 * so deep that the Markdown parser runs out of memory. The build and the checker both refuse, with
 * the same diagnostic, what fails here.
 */
import { isUtf8 } from 'node:buffer';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface SourceLimits {
  maxArticleMb: number;
  maxNesting: number;
  /** Allow symbolic links that resolve inside the site folder. */
  allowSymlinks: boolean;
}

export interface SourceProblem {
  rule: 'source/symlink' | 'source/too-large' | 'source/encoding' | 'source/nesting';
  line: number;
  column?: number;
  message: string;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  // Node's validator (simdutf) answers the common case; the loop below only finds where.
  if (isUtf8(bytes)) return -1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 >= 0xa0) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 >= 0x90)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const PREFIX = /^[ \t]*(?:>[ \t]?)*/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The first line nested deeper than `max` levels: quote markers, plus list items by indentation
 * (two columns a level, as the shallowest list markers go).
 */
export function tooDeep(text: string, max: number): { line: number; depth: number } | undefined {
  let line = 1;
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    // Only the line's prefix is looked at, so a long line costs no more than its indentation.
    const head = text.slice(start, Math.min(stop, start + 4 * max + 16));
    const prefix = PREFIX.exec(head)![0];
    const quotes = (prefix.match(/>/g) ?? []).length;
    const rest = head.slice(prefix.length);
    const indent = LIST_MARKER.test(rest) ? rest.replace(/\t/g, '    ').search(/\S/) : 0;
    const depth = quotes + Math.floor(indent / 2) + (LIST_MARKER.test(rest) ? 1 : 0);
    if (depth > max) return { line, depth };
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return undefined;
}

/** Checks the bytes of an article: size, encoding, NUL bytes and nesting. */
export function checkSourceBytes(bytes: Uint8Array, limits: SourceLimits): { text?: string; problem?: SourceProblem } {
  const maxBytes = limits.maxArticleMb * 1024 * 1024;
  if (bytes.length > maxBytes) {
    return { problem: { rule: 'source/too-large', line: 1, message: `記事が大きすぎます (${(bytes.length / 1024 / 1024).toFixed(1)} MB、上限は limits.max_article_mb の ${limits.maxArticleMb} MB)。記事を分けてください。` } };
  }
  const invalid = invalidUtf8At(bytes);
  if (invalid >= 0) {
    return { problem: { rule: 'source/encoding', ...lineAt(bytes, invalid), message: 'UTF-8 として読めないバイトがあります。Shift_JIS などで保存されていないか確認し、UTF-8 で保存し直してください。' } };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { problem: { rule: 'source/encoding', ...lineAt(bytes, nul), message: 'NUL 文字 (0x00) が含まれています。バイナリ ファイルでないか確認し、削除してください。' } };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  const deep = tooDeep(text, limits.maxNesting);
  if (deep) {
    return { problem: { rule: 'source/nesting', line: deep.line, message: `リストや引用の入れ子が深すぎます (${deep.depth} 段、上限は limits.max_nesting の ${limits.maxNesting} 段)。` } };
  }
  return { text };
}

/**
 * Reads an article file of the site at `siteDir`. `inodes` counts the names each file of the
 * source tree has there (`dev:ino`), so a hard link is accepted only when all its names are in it.
 */
export async function readArticleSource(file: string, siteDir: string, limits: SourceLimits, inodes?: Map<string, number>): Promise<{ text?: string; problem?: SourceProblem }> {
  const full = path.resolve(siteDir, file);
  const stat = await fs.lstat(full);
  if (stat.isSymbolicLink()) {
    const real = await fs.realpath(full).catch(() => undefined);
    const base = await fs.realpath(siteDir);
    const inside = real !== undefined && (real === base || real.startsWith(base + path.sep));
    if (!limits.allowSymlinks || !inside) {
      return { problem: { rule: 'source/symlink', line: 1, message: `記事がシンボリック リンク${real ? ` (${inside ? path.relative(base, real) : 'サイトの外のファイル'} を指しています)` : ''} です。リンク先の内容が公開されるため、通常のファイルにしてください。` } };
    }
  } else if (!stat.isFile()) {
    return { problem: { rule: 'source/symlink', line: 1, message: '記事が通常のファイルではありません。' } };
  } else if (stat.nlink > (inodes?.get(`${stat.dev}:${stat.ino}`) ?? 1)) {
    return { problem: { rule: 'source/symlink', line: 1, message: 'この記事はサイトの外のファイルへのハード リンクです。リンク先の内容が公開されるため、通常のファイルにしてください。' } };
  }
  return checkSourceBytes(await fs.readFile(full), limits);
}
