/**
 * Front-matter, read the way Hexo reads it: hexo-front-matter splits and parses it (tabs before
 * list items become spaces, a blank line before `---` is fine, the opening `---` may be left out),
 * after hexo-fs's BOM and CRLF handling. The build, the checker and `npm run new` all read it here,
 * so the checker never rejects an article Hexo builds, nor passes one Hexo would drop.
 */
import { escape as escapeYaml, parse as parseHexo, split } from 'hexo-front-matter';
import yaml from 'js-yaml';
import { parseDocument } from 'yaml';

/** Why an article's front-matter cannot be published as written. */
export interface FrontMatterProblem {
  rule: 'front-matter/missing' | 'front-matter/yaml' | 'front-matter/unterminated' | 'front-matter/root';
  line: number;
  column?: number;
  message: string;
}

/** An article's front-matter and where its parts are in the file. */
export interface FrontMatter {
  /** The values Hexo publishes (js-yaml's default schema: dates are Date objects). */
  data: Record<string, unknown>;
  /** The same values as written (dates stay the strings the author typed). */
  written: Record<string, unknown>;
  /** The Markdown after the front-matter. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line of each top-level key. */
  keyLines: Map<string, number>;
  /** 1-based line of the first YAML line, when there is front-matter. */
  yamlLine?: number;
  problem?: FrontMatterProblem;
}

/** The text Hexo hands to its processors: CRLF read as LF (hexo-fs), BOM removed. */
export function normalizeSource(text: string): string {
  const lf = text.replace(/\r\n/g, '\n');
  return lf.charCodeAt(0) === 0xfeff ? lf.slice(1) : lf;
}

/** How many aliases a front-matter may use; a few are plenty, millions exhaust memory. */
export const MAX_YAML_ALIASES = 50;

const KEY = /^(?:"([^"]+)"|'([^']+)'|([^\s#'"][^:]*?))[ \t]*:(?:[ \t]|$)/;

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function yamlProblem(err: unknown, yamlLine: number): FrontMatterProblem {
  const e = err as { mark?: { line: number; column: number }; reason?: string; message?: string; linePos?: [{ line: number; col: number }] };
  const line = e.mark ? yamlLine + e.mark.line : e.linePos ? yamlLine + e.linePos[0].line - 1 : yamlLine;
  const column = e.mark ? e.mark.column + 1 : e.linePos?.[0].col;
  return {
    rule: 'front-matter/yaml', line, ...(column !== undefined ? { column } : {}),
    message: `フロントマターの YAML を読めません: ${(e.reason ?? e.message ?? String(err)).split('\n')[0]}`,
  };
}

/** Splits and parses an article's front-matter as Hexo does, keeping lines for diagnostics. */
export function readFrontMatter(source: string): FrontMatter {
  const text = normalizeSource(source);
  const parts = split(text);
  const none = (problem?: FrontMatterProblem): FrontMatter => ({
    data: {}, written: {}, body: parts.data === undefined ? parts.content : text, bodyLine: 1, keyLines: new Map(),
    problem: problem ?? { rule: 'front-matter/missing', line: 1, message: 'フロントマター (--- で囲んだ title・date・tags) がありません。' },
  });
  if (parts.data === undefined) {
    if (/^(-{3,}|;{3,})[ \t]*(\n|$)/.test(text)) {
      return none({ rule: 'front-matter/unterminated', line: 1, message: 'フロントマターが閉じられていません。YAML の後に --- だけの行を書いてください (このままでは YAML が本文として公開されます)。' });
    }
    return none();
  }
  const bodyLine = countLines(text.slice(0, text.length - parts.content.length)) + 1;
  const yamlLine = parts.prefixSeparator ? 2 : 1;
  const keyLines = new Map<string, number>();
  parts.data.split('\n').forEach((line, i) => {
    const m = KEY.exec(line);
    const key = m && (m[1] ?? m[2] ?? m[3]);
    if (key && !keyLines.has(key)) keyLines.set(key, yamlLine + i);
  });
  const withBody = (fields: Partial<FrontMatter>): FrontMatter => ({ data: {}, written: {}, body: parts.content, bodyLine, keyLines, yamlLine, ...fields });
  const escaped = escapeYaml(parts.data);
  if (/[&*]/.test(escaped)) {
    // js-yaml shares aliased nodes, but everything after it (Hexo's database, feeds) copies them:
    // nine lines of aliases become 10⁹ nodes. The yaml package counts them.
    const doc = parseDocument(escaped, { prettyErrors: false });
    try {
      doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (err) {
      return withBody({ problem: { rule: 'front-matter/yaml', line: yamlLine, message: `フロントマターの YAML のエイリアス (*名前) が多すぎます (${MAX_YAML_ALIASES} 個まで): ${(err as Error).message}` } });
    }
  }
  let data: unknown;
  let written: unknown;
  try {
    data = parts.separator.startsWith(';') ? parseHexo(text) : yaml.load(escaped);
    written = parts.separator.startsWith(';') ? data : yaml.load(escaped, { schema: yaml.JSON_SCHEMA });
  } catch (err) {
    return withBody({ problem: yamlProblem(err, yamlLine) });
  }
  // Hexo reads an empty (or comment-only) block as no front-matter: the whole file is the body.
  if (data === null || data === undefined) {
    return none({ rule: 'front-matter/missing', line: 1, message: 'フロントマターが空です (--- の間に title・date・tags がありません)。このままでは --- の行も本文として公開されます。' });
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'リスト' : '文字列や数値';
    return withBody({
      body: Array.isArray(data) ? parts.content : text,
      problem: { rule: 'front-matter/root', line: yamlLine, message: `フロントマターが「キー: 値」の組ではなく${what}になっています。title: などのキーで書いてください。` },
    });
  }
  // Hexo's own pass over the values (dates read as local time), for what it publishes.
  const published = parts.separator.startsWith(';') ? data : parseHexo(text);
  delete (published as { _content?: unknown })._content;
  return withBody({ data: published as Record<string, unknown>, written: written as Record<string, unknown> });
}
